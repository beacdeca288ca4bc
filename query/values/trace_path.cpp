#include "query/values/trace_path.h"

#include "query/values/path_json.h"
#include "storage/vocabulary.h"

namespace corridor::query::values {

const PathDetail& TracePath::detail() const {
    if (built_.load(std::memory_order_acquire) || !length_) return detail_;
    std::lock_guard lock(mutex_);
    if (!built_.load(std::memory_order_relaxed)) {
        detail_ = build_(); // a throw leaves the path unbuilt, to be tried again
        build_ = nullptr;   // lets go of the executor's state
        built_.store(true, std::memory_order_release);
    }
    return detail_;
}

void TracePath::abandon() const {
    std::lock_guard lock(mutex_);
    build_ = nullptr;
    built_.store(true, std::memory_order_release);
}

bool TracePath::built() const {
    return !length_ || built_.load(std::memory_order_acquire);
}

const PathNode* TracePath::describe(const Term& term) const {
    for (const auto& n : nodes())
        if (n->term == term) return n.get();
    for (const auto& m : members())
        if (m.node->term == term) return m.node.get();
    return nullptr;
}

std::vector<storage::Quad> TracePath::facts() const {
    std::vector<storage::Quad> out;
    for (const auto& step : steps())
        for (const auto& f : step->facts) out.push_back({f.s, f.p, f.o, f.g});
    return out;
}

bool isPath(const Term& term) {
    return term.isLiteral() && term.datatype == storage::vocab::kTracePath;
}

std::shared_ptr<const TracePath> pathOf(const Term& term) {
    if (!isPath(term)) return nullptr;
    if (auto typed = std::dynamic_pointer_cast<const TracePath>(term.payload)) return typed;
    if (term.value.empty() || term.value.front() != '{') return nullptr;
    return parsePathJson(term.value);
}

std::string pathText(const Term& term) {
    auto path = pathOf(term);
    return path ? path->text : term.value;
}

Term pathTerm(std::shared_ptr<const TracePath> path) {
    Term t = Term::literal(path->text, std::string(storage::vocab::kTracePath));
    t.payload = std::move(path);
    return t;
}

} // namespace corridor::query::values
