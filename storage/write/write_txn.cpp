#include "storage/write_txn.h"

#include "storage/error.h"
#include "storage/read_view_impl.h"
#include "storage/write/write_txn_impl.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>

namespace fs = std::filesystem;

namespace corridor::storage {

TempFolder::TempFolder(const std::string& storePath) {
    std::string tmpl = storePath + "/" + kTempFolderPrefix + "XXXXXX";
    if (!::mkdtemp(tmpl.data()))
        throw StorageError(fmt::format("cannot create a temporary folder in {}: {}", storePath, std::strerror(errno)));
    path_ = tmpl;
}

TempFolder::~TempFolder() {
    std::error_code ec;
    fs::remove_all(path_, ec);
}

WriteTxn::Impl::Impl(Store::Impl& s, WriteTxnOptions o)
    : store(s), options(o), lock(s.writerMutex), temp(s.path), interner(s, temp.path(), options.memoryBudget / 2),
      staged(temp.path(), options.memoryBudget / 4) {}

void WriteTxn::Impl::checkOpen() const {
    if (finished) throw UsageError("this write was already committed");
}

WriteTxn::WriteTxn(Store& store, WriteTxnOptions options) {
    store.impl().checkWritable();
    impl_ = std::make_unique<Impl>(store.impl(), options);
}

WriteTxn::~WriteTxn() = default;

void WriteTxn::nextStep() {
    impl_->checkOpen();
    ++impl_->step;
    impl_->view.reset();
}

std::uint32_t WriteTxn::step() const {
    return impl_->step;
}

TermId WriteTxn::intern(const Term& term) {
    impl_->checkOpen();
    return impl_->interner.intern(term);
}

std::optional<TermId> WriteTxn::lookup(const Term& term) const {
    return impl_->interner.find(term);
}

void WriteTxn::insert(const QuadIds& quad) {
    impl_->checkOpen();
    impl_->staged.add(quad, impl_->step, true);
}

void WriteTxn::remove(const QuadIds& quad) {
    impl_->checkOpen();
    impl_->staged.add(quad, impl_->step, false);
}

std::uint64_t WriteTxn::changesStaged() const {
    return impl_->staged.added();
}

std::shared_ptr<const ReadView> WriteTxn::read() {
    Impl& s = *impl_;
    s.checkOpen();
    if (s.view) return s.view;
    // Changes of earlier steps: the buffered records whose step is below the current one.
    const auto& buffered = s.staged.buffered();
    std::size_t earlier = 0;
    while (earlier < buffered.size() && (buffered[earlier].tag >> 1) < s.step) ++earlier;
    // Spilled changes are on disk, out of the view's reach: fine only when
    // they all belong to the current step (which the view does not show).
    if (s.staged.runCount() > 0 && s.staged.firstStep() < s.step)
        throw corridor::Error(
            fmt::format("this request changes more quads ({}) than its memory budget holds ({} MiB) before a "
                        "later operation reads the store; run its operations as separate requests",
                        s.staged.added(), s.options.memoryBudget >> 20));
    auto impl = std::make_unique<ReadView::Impl>(s.store);
    impl->overlay = std::make_shared<const Overlay>(
        std::vector<StagedRecord>(buffered.begin(), buffered.begin() + static_cast<std::ptrdiff_t>(earlier)),
        &s.interner);
    s.view = std::make_shared<const ReadView>(std::move(impl));
    return s.view;
}

void WriteTxn::declarePrefix(const std::string& name, const std::string& iri) {
    impl_->checkOpen();
    impl_->prefixes.emplace(name, iri);
}

CommitSummary WriteTxn::commit(bool dryRun) {
    impl_->checkOpen();
    impl_->finished = true;
    impl_->view.reset();
    return impl_->commit(dryRun);
}

} // namespace corridor::storage
