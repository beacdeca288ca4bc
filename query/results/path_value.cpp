#include "query/results/path_value.h"

#include <nlohmann/json.hpp>

namespace corridor::query::results {

bool isPath(const storage::Term& term) {
    return term.isLiteral() && term.datatype == "https://w3id.org/corridor/trace#Path";
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
    auto termOf = [](const json& j) {
        std::string type = j.value("type", ""), value = j.value("value", "");
        if (type == "uri") return storage::Term::iri(value);
        if (type == "bnode") return storage::Term::blank(value);
        if (j.contains("xml:lang")) return storage::Term::langLiteral(value, j["xml:lang"]);
        return storage::Term::literal(value, j.value("datatype", std::string()));
    };
    for (const auto& step : doc["steps"]) {
        for (const auto& f : step["facts"]) {
            storage::Quad q{termOf(f["s"]), termOf(f["p"]), termOf(f["o"]), std::nullopt};
            if (f.contains("g")) q.graph = termOf(f["g"]);
            out.push_back(std::move(q));
        }
    }
    return out;
}

} // namespace corridor::query::results
