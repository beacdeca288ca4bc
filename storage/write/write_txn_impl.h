#pragma once
// Internal to storage/: what a WriteTxn holds. The bulk loader reaches in here
// to intern parsed terms without building Term objects.

#include "storage/write/overlay.h"
#include "storage/write/staged_quads.h"
#include "storage/write/term_interner.h"
#include "storage/write_txn.h"

#include <map>
#include <mutex>
#include <string>

namespace corridor::storage {

// A folder inside the store for one transaction's scratch files, removed with it.
class TempFolder {
public:
    explicit TempFolder(const std::string& storePath);
    ~TempFolder();
    TempFolder(const TempFolder&) = delete;
    TempFolder& operator=(const TempFolder&) = delete;
    const std::string& path() const { return path_; }

private:
    std::string path_;
};

// Names of scratch folders a killed writer may leave behind (the next writer removes them).
inline constexpr const char* kTempFolderPrefix = "tmp-write-";

struct WriteTxn::Impl {
    Store::Impl& store;
    WriteTxnOptions options;
    std::unique_lock<std::mutex> lock;
    TempFolder temp;
    TermInterner interner;
    StagedQuads staged;
    std::uint32_t step = 0;
    std::map<std::string, std::string> prefixes; // first declaration wins
    bool finished = false;
    // The view of the current step, built on first read().
    std::shared_ptr<const ReadView> view;

    Impl(Store::Impl& s, WriteTxnOptions o);
    void checkOpen() const;
    CommitSummary commit(bool dryRun);
};

} // namespace corridor::storage
