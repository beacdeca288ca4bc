#include "query/results/path_value.h"

#include "query/functions/term_json.h"
#include "storage/vocabulary.h"

#include <nlohmann/json.hpp>

namespace corridor::query::results {

bool isPath(const storage::Term& term) {
    return term.isLiteral() && term.datatype == storage::vocab::kTracePath;
}

std::string pathText(const storage::Term& term) {
    auto doc = nlohmann::json::parse(term.value, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("text")) return term.value;
    return doc["text"].get<std::string>();
}

std::vector<storage::Quad> pathFacts(const storage::Term& term) {
    using nlohmann::json;
    std::vector<storage::Quad> out;
    auto doc = json::parse(term.value, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("steps")) return out;
    for (const auto& step : doc["steps"]) {
        for (const auto& f : step["facts"]) {
            auto s = functions::termFromJson(f["s"]), p = functions::termFromJson(f["p"]),
                 o = functions::termFromJson(f["o"]);
            if (!s || !p || !o) continue;
            storage::Quad q{*s, *p, *o, std::nullopt};
            if (f.contains("g")) q.graph = functions::termFromJson(f["g"]);
            out.push_back(std::move(q));
        }
    }
    return out;
}

std::vector<std::pair<storage::Term, storage::Term>> pathSameAs(const storage::Term& term) {
    using nlohmann::json;
    std::vector<std::pair<storage::Term, storage::Term>> out;
    auto doc = json::parse(term.value, nullptr, false);
    if (doc.is_discarded() || !doc.is_object() || !doc.contains("members")) return out;
    for (const auto& m : doc["members"]) {
        auto node = functions::termFromJson(m["sameAs"]), member = functions::termFromJson(m["term"]);
        if (node && member) out.emplace_back(*node, *member);
    }
    return out;
}

} // namespace corridor::query::results
