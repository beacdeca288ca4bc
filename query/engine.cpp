#include "query/engine.h"

#include "query/algebra/translate.h"
#include "query/ast/parse.h"
#include "query/execution.h"
#include "query/executor/exec_context.h"
#include "query/planner/planner.h"
#include "query/planner/rewrites.h"
#include "query/prepare_cache.h"
#include "query/query_forms.h"
#include "query/update/update.h"

#include <fmt/format.h>
#include <unistd.h>

namespace corridor::query {

using executor::Batch;
using executor::DatasetIds;
using executor::ExecContext;
using executor::kUnbound;

std::size_t QueryOptions::defaultMemoryLimit() {
    long pages = ::sysconf(_SC_PHYS_PAGES), pageSize = ::sysconf(_SC_PAGE_SIZE);
    std::size_t half = pages > 0 && pageSize > 0
                           ? static_cast<std::size_t>(pages) * static_cast<std::size_t>(pageSize) / 2
                           : std::size_t{4} << 30;
    return std::min(half, std::size_t{4} << 30);
}

QueryEngine::QueryEngine(const storage::Store& store, QueryOptions options)
    : store_(store), options_(std::move(options)) {}

PreparedQuery QueryEngine::prepare(std::string_view text) const {
    PrepareCache& cache = PrepareCache::shared();
    if (!cache.mayKeep(text.size())) return prepareUncached(text); // a large update: no copy for a key
    // What the prepared form depends on: the text and the parse options, nothing else.
    std::string key(text);
    key += '\0';
    key += options_.baseIri;
    key += '\0';
    key += options_.builtinPrefixes ? 'b' : '-';
    for (const auto& [name, iri] : options_.prefixes) {
        key += '\0';
        key += name;
        key += '\1';
        key += iri;
    }
    auto prepared = cache.get(
        key, [&] { return std::make_shared<const PreparedQuery>(prepareUncached(text)); },
        [](const PreparedQuery& p) { return !p.isUpdate(); });
    return *prepared;
}

PreparedQuery QueryEngine::prepareUncached(std::string_view text) const {
    ast::ParseOptions po;
    po.baseIri = options_.baseIri;
    if (options_.builtinPrefixes) po.prefixes = ast::builtinPrefixes();
    for (const auto& p : options_.prefixes) po.prefixes.push_back(p);
    PreparedQuery prepared;
    prepared.unit = ast::parse(text, po);
    if (prepared.unit.query)
        prepared.query = planner::rewriteQuery(algebra::translate(*prepared.unit.query, prepared.unit.text));
    if (prepared.unit.update)
        prepared.updateWheres = translateUpdate(*prepared.unit.update, prepared.unit.text, options_.baseIri);
    return prepared;
}

namespace {

void describeTree(const executor::Operator& op, int depth, bool analyze, std::string& out) {
    out += std::string(2 * depth, ' ') + op.describe();
    if (op.estimatedRows >= 0)
        out += fmt::format("  [estimated {:.0f} rows", op.estimatedRows);
    else
        out += "  [";
    if (analyze) {
        out += fmt::format("{}actual {} rows", op.estimatedRows >= 0 ? ", " : "", op.rowsProduced);
        if (op.opens > 1) out += fmt::format(" over {} opens", op.opens);
        if (op.memoOpens > 0) out += fmt::format(", {} of them from the memo", op.memoOpens);
    }
    if (out.back() == '[')
        out.resize(out.size() - 3);
    else
        out += "]";
    out += "\n";
    for (const auto* in : op.inputs()) describeTree(*in, depth + 1, analyze, out);
}

} // namespace

void QueryEngine::execute(const PreparedQuery& prepared, ResultSink& sink) const {
    if (prepared.isUpdate()) {
        SourceSpan span;
        if (!prepared.unit.update->operations.empty()) span = prepared.unit.update->operations[0].span;
        throw SemanticError("this is an update request: run it with `corridor update` (a query "
                            "never changes the store)",
                            span, prepared.unit.text);
    }
    const algebra::Query& query = *prepared.query;
    Execution ex = startExecution(store_.read(), options_, query);
    ex.root->open(nullptr);
    runQueryForm(query, ex.slots, *ex.ctx, *ex.root, sink);
    for (const auto& w : ex.ctx->warnings()) sink.warning(w);
}

std::string QueryEngine::explain(const PreparedQuery& prepared, bool analyze) const {
    if (prepared.isUpdate()) return "update requests have no query plan\n";
    const algebra::Query& query = *prepared.query;
    Execution ex = startExecution(store_.read(), options_, query, std::nullopt, true);
    if (analyze) {
        ex.root->open(nullptr);
        Batch batch(ex.ctx->width());
        while (ex.root->next(batch)) batch.clear();
    }
    std::string out;
    describeTree(*ex.root, 0, analyze, out);
    for (const auto& w : ex.ctx->warnings()) out += "warning: " + w + "\n";
    return out;
}

} // namespace corridor::query
