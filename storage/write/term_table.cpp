#include "storage/write/term_table.h"

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <xxhash.h>

namespace corridor::storage {

namespace {

// A slot keeps the upper half of a key's hash, which also places it (a table has fewer than 2^32
// slots), so growing never hashes a key again.
std::uint32_t upper(std::uint64_t h) {
    return static_cast<std::uint32_t>(h >> 32);
}

} // namespace

std::uint64_t TermTable::hash(std::string_view key) {
    return XXH3_64bits(key.data(), key.size());
}

const TermTable::Entry* TermTable::find(std::string_view key, std::uint64_t h) const {
    if (slots_.empty()) return nullptr;
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = upper(h) & mask;; i = (i + 1) & mask) {
        std::uint64_t slot = slots_[i];
        if (slot == 0) return nullptr;
        if (static_cast<std::uint32_t>(slot >> 32) == upper(h)) {
            const Entry& e = entries_[static_cast<std::uint32_t>(slot) - 1];
            if (e.key == key) return &e;
        }
    }
}

const TermTable::Entry& TermTable::insert(std::string_view key, std::uint64_t h, std::string_view original, TermId id,
                                          bool isNew) {
    if (entries_.size() >= 0xFFFFFFFFu) throw std::length_error("more than 2^32 terms in one table");
    // At most half full: probes stay short.
    if (2 * (entries_.size() + 1) > slots_.size()) grow();
    std::string_view storedKey = copy(key);
    std::string_view storedOriginal = original.empty() || original == key ? storedKey : copy(original);
    entries_.push_back(Entry{storedKey, storedOriginal, id, isNew});
    slots_[freeSlot(upper(h))] = (static_cast<std::uint64_t>(upper(h)) << 32) | entries_.size();
    return entries_.back();
}

void TermTable::grow() {
    std::vector<std::uint64_t> old = std::move(slots_);
    slots_.assign(std::max<std::size_t>(16, 2 * old.size()), 0);
    for (std::uint64_t slot : old)
        if (slot != 0) slots_[freeSlot(static_cast<std::uint32_t>(slot >> 32))] = slot; // placed by the bits it keeps
}

std::size_t TermTable::freeSlot(std::uint32_t hashBits) const {
    const std::size_t mask = slots_.size() - 1;
    std::size_t i = hashBits & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    return i;
}

std::string_view TermTable::copy(std::string_view text) {
    if (text.size() > left_) {
        std::size_t size = std::max(blockSize_, text.size());
        blocks_.push_back(std::make_unique_for_overwrite<char[]>(size));
        blockBytes_ += size;
        cursor_ = blocks_.back().get();
        left_ = size;
    }
    std::memcpy(cursor_, text.data(), text.size());
    std::string_view stored(cursor_, text.size());
    cursor_ += text.size();
    left_ -= text.size();
    return stored;
}

std::size_t TermTable::bytes() const {
    return blockBytes_ + entries_.capacity() * sizeof(Entry) + slots_.capacity() * sizeof(std::uint64_t);
}

void TermTable::clear() {
    slots_ = {};
    entries_ = {};
    blocks_.clear();
    blockBytes_ = 0;
    cursor_ = nullptr;
    left_ = 0;
}

} // namespace corridor::storage
