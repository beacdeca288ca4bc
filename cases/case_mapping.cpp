#include "cases/case_mapping.h"

#include "cases/case_terms.h"
#include "cases/sheet_reader.h"
#include "storage/error.h"

#include <algorithm>
#include <fmt/format.h>

namespace corridor::cases {

namespace {
std::optional<FactKind> kindNamed(std::string_view name) {
    FactKind k = factKindOfClass(std::string(iri::kPmz) + std::string(name));
    if (k == FactKind::None) return std::nullopt;
    return k;
}
} // namespace

CaseMapping readMapping(const std::string& path) {
    SheetReader reader(path);
    std::map<std::string, std::size_t> col;
    for (std::size_t i = 0; i < reader.header().size(); ++i) col[parseColumnName(reader.header()[i]).name] = i;
    for (const char* need : {"kind", "name", "maps_to"})
        if (!col.count(need))
            throw DataError(fmt::format("{}:1:1: missing column '{}'; a mapping file has the header "
                                        "kind,name,maps_to,from,to,values",
                                        path, need));
    CaseMapping mapping;
    mapping.path = path;
    SheetRow row;
    while (reader.next(row)) {
        auto cell = [&](const char* name) -> std::string {
            auto it = col.find(name);
            if (it == col.end() || it->second >= row.fields.size()) return {};
            return std::string(trim(row.fields[it->second]));
        };
        auto fail = [&](const char* column, const std::string& message) {
            auto it = col.find(column);
            throw DataError(fmt::format("{}:{}:{}: {}", path, row.line, it == col.end() ? 1 : it->second + 1, message));
        };
        std::string kind = cell("kind"), name = cell("name"), mapsTo = cell("maps_to");
        if (kind.empty() && name.empty() && mapsTo.empty()) continue;
        if (name.empty()) fail("name", "the name is empty");
        if (mapsTo.empty()) fail("maps_to", "maps_to is empty");
        auto duplicate = [&](bool exists) {
            if (exists) fail("name", fmt::format("'{}' is mapped twice", name));
        };
        if (kind == "column") {
            duplicate(mapping.columns.count(name));
            mapping.columns[name] = mapsTo;
        } else if (kind == "type") {
            duplicate(mapping.types.count(name));
            mapping.types[name] = mapsTo;
        } else if (kind == "relation") {
            duplicate(mapping.relations.count(name) || mapping.facts.count(name));
            MappedRelation r{mapsTo, {}, row.line};
            std::string from = cell("from");
            for (std::size_t start = 0; start < from.size();) {
                std::size_t end = std::min(from.find(';', start), from.size());
                std::string part(trim(std::string_view(from).substr(start, end - start)));
                if (!part.empty()) {
                    auto k = kindNamed(part);
                    if (!k)
                        fail("from", fmt::format("'{}' is not a fact type (Partnership, PolicyTransfer, Milestone, "
                                                 "Policy)",
                                                 part));
                    r.sources.push_back(*k);
                }
                start = end + 1;
            }
            mapping.relations[name] = std::move(r);
        } else if (kind == "fact") {
            duplicate(mapping.relations.count(name) || mapping.facts.count(name));
            if (!kindNamed(mapsTo))
                fail("maps_to", fmt::format("a fact row maps to Partnership, PolicyTransfer, Milestone or Policy, "
                                            "not '{}'",
                                            mapsTo));
            MappedFact f{mapsTo, cell("from"), cell("to"), {}, row.line};
            if (f.fromRelation.empty() || f.toRelation.empty())
                fail(f.fromRelation.empty() ? "from" : "to",
                     "a fact row names the relations from the fact node to the row's source (from) and target (to)");
            std::string values = cell("values");
            for (std::size_t start = 0; start < values.size();) {
                std::size_t end = std::min(values.find(';', start), values.size());
                std::string_view part = trim(std::string_view(values).substr(start, end - start));
                if (!part.empty()) {
                    std::size_t eq = part.find('=');
                    if (eq == std::string_view::npos || eq == 0 || eq + 1 == part.size())
                        fail("values", fmt::format("'{}' is not relation=target", part));
                    f.values.emplace_back(std::string(trim(part.substr(0, eq))),
                                          std::string(trim(part.substr(eq + 1))));
                }
                start = end + 1;
            }
            mapping.facts[name] = std::move(f);
        } else {
            fail("kind", fmt::format("unknown kind '{}'; expected column, type, relation or fact", kind));
        }
    }
    return mapping;
}

} // namespace corridor::cases
