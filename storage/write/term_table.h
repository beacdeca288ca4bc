#pragma once
// Internal to storage/: the terms one write transaction has met, by dictionary
// key, kept flat.
//
// A load looks up three terms per statement, most of them met before. With one
// heap node per term (std::unordered_map<std::string, ...>) a lookup chased a
// bucket, a node and the node's string through memory, 20% of parsing LUBM(10),
// and freeing 315,000 nodes at the end took 0.15 s. Here the keys sit in large
// blocks, the entries in one vector, and the index is an open-addressing array
// of (hash bits, entry number): a lookup reads one slot and, when the hash bits
// agree, one key. Entries are never removed one by one; clear() drops them all.

#include "storage/term_id.h"

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

namespace corridor::storage {

class TermTable {
public:
    struct Entry {
        std::string_view key;      // the dictionary key
        std::string_view original; // the spelling to store (the key itself when they agree)
        TermId id;
        bool isNew; // still to be written from this table
    };

    // Keys are copied into blocks of `blockBytes` (a longer key gets a block of its own).
    explicit TermTable(std::size_t blockBytes) : blockSize_(blockBytes) {}

    static std::uint64_t hash(std::string_view key);

    // The entry of `key` (whose hash() is `h`), or null.
    const Entry* find(std::string_view key, std::uint64_t h) const;
    // Adds `key`, which find() did not have. `original` empty means "the key itself".
    const Entry& insert(std::string_view key, std::uint64_t h, std::string_view original, TermId id, bool isNew);

    const std::vector<Entry>& entries() const { return entries_; }
    std::size_t size() const { return entries_.size(); }
    // Memory held: keys, entries and index.
    std::size_t bytes() const;
    // Each entry's cost beyond its text, for budgeting before an insert.
    static constexpr std::size_t kPerEntry = sizeof(Entry) + 2 * sizeof(std::uint64_t);
    void clear();

private:
    std::string_view copy(std::string_view text);
    void grow();
    // The first empty slot from where `hashBits` place a key (linear probing).
    std::size_t freeSlot(std::uint32_t hashBits) const;

    // A slot: the hash's upper 32 bits, then the entry's number plus one (0: empty).
    std::vector<std::uint64_t> slots_;
    std::vector<Entry> entries_;
    std::size_t blockSize_;
    std::vector<std::unique_ptr<char[]>> blocks_;
    std::size_t blockBytes_ = 0; // bytes of all blocks
    char* cursor_ = nullptr;
    std::size_t left_ = 0; // free bytes at cursor_
};

} // namespace corridor::storage
