#include "query/executor/trace/trace_shared.h"

#include <algorithm>

namespace corridor::query::executor::trace {

namespace {

std::string localName(const std::string& iri) {
    auto cut = iri.find_last_of("#/:");
    if (cut == std::string::npos || cut + 1 >= iri.size()) return iri;
    return iri.substr(cut + 1);
}

bool englishOrUntagged(const storage::Term& t) {
    return t.lang.empty() || t.lang == "en" || t.lang.rfind("en-", 0) == 0 || t.lang.rfind("EN", 0) == 0;
}

} // namespace

TraceShared::TraceShared(ExecContext& context, TraceVocabulary vocab, GraphSpec g)
    : ctx(context), vocabulary(std::move(vocab)), facts(context.view(), vocabulary), graph(g) {}

const TimeKey* TraceShared::stepTime(std::uint32_t step) {
    if (!pattern || timeValue < 0) return nullptr;
    TermId id = pattern->value(step, static_cast<std::size_t>(timeValue));
    if (id == kUnbound) return nullptr;
    auto it = times_.find(id);
    if (it == times_.end()) it = times_.emplace(id, timeKeyOf(ctx.resolve(id))).first;
    return it->second ? &*it->second : nullptr;
}

const NodeLabels& TraceShared::labels(TermId node) const {
    auto it = labels_.find(node);
    if (it != labels_.end()) return it->second;
    NodeLabels out;
    storage::Term term = ctx.resolve(node);
    if (term.isLiteral()) {
        out.label = out.brief = term.value;
    } else if (!ExecContext::isLocal(node)) {
        std::optional<std::string> first, firstAny, shortest;
        for (TermId property : vocabulary.labelProperties) {
            for (TermId value : facts.values(property, node)) {
                storage::Term t = ctx.resolve(value);
                if (!t.isLiteral()) continue;
                if (!firstAny) firstAny = t.value;
                if (!englishOrUntagged(t)) continue;
                if (!first) first = t.value;
                if (!shortest || t.value.size() < shortest->size()) shortest = t.value;
            }
        }
        out.label = first ? *first : firstAny ? *firstAny : std::string();
        out.brief = shortest ? *shortest : out.label;
    }
    if (out.label.empty()) {
        out.label = out.brief = term.isBlank() ? "_:" + term.value : localName(term.value);
    }
    out.blank = term.isBlank();
    return labels_.emplace(node, std::move(out)).first->second;
}

} // namespace corridor::query::executor::trace
