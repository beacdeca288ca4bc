#include "query/values/term_json.h"

namespace corridor::query::values {

using nlohmann::json;
using storage::Term;

json termToJson(const Term& t) {
    switch (t.kind) {
    case storage::TermKind::Iri: return {{"type", "uri"}, {"value", t.value}};
    case storage::TermKind::BlankNode: return {{"type", "bnode"}, {"value", t.value}};
    case storage::TermKind::Literal: break;
    }
    json j = {{"type", "literal"}, {"value", t.value}};
    if (!t.lang.empty())
        j["xml:lang"] = t.lang;
    else if (!t.datatype.empty())
        j["datatype"] = t.datatype;
    return j;
}

std::optional<Term> termFromJson(const json& j) {
    if (!j.is_object() || !j.contains("type") || !j.contains("value")) return std::nullopt;
    std::string type = j["type"], value = j["value"];
    if (type == "uri") return Term::iri(value);
    if (type == "bnode") return Term::blank(value);
    if (j.contains("xml:lang")) return Term::langLiteral(value, j["xml:lang"]);
    return Term::literal(value, j.value("datatype", std::string()));
}

} // namespace corridor::query::values
