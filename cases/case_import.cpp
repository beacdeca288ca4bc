#include "cases/case_import.h"

#include "cases/case_profile.h"
#include "cases/case_terms.h"
#include "cases/sheet_reader.h"
#include "storage/error.h"
#include "storage/key_codec.h"
#include "storage/rdf_io/iri.h"
#include "storage/read_view.h"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <unordered_map>

namespace corridor::cases {

namespace {
using storage::Term;
using storage::TermId;

constexpr std::size_t kMaxListed = 50; // problems printed before "and N more"

std::string lowerCopy(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string pmz(std::string_view local) {
    return std::string(iri::kPmz) + std::string(local);
}

// A column of a sheet that is not one the profile reads itself: where its cells go.
struct ExtraColumn {
    std::size_t index = 0;
    std::string header;
    std::string property;
    std::string lang;
    std::string datatype;     // a typed column ("^^xsd:integer" in the header)
    bool documentIri = false; // source_doc on a node sheet: cells are documents
    bool dated = false;       // valid_from, valid_to, at_time: a year, typed by its form
};

struct Layout {
    std::string path;
    std::vector<std::string> header;
    std::map<std::string, std::size_t> columns;              // profile names -> index
    std::vector<std::pair<std::size_t, std::string>> labels; // label columns and their language
    std::vector<ExtraColumn> extras;

    std::optional<std::size_t> column(const std::string& name) const {
        auto it = columns.find(name);
        return it == columns.end() ? std::nullopt : std::optional<std::size_t>(it->second);
    }
    std::string_view cell(const SheetRow& row, std::optional<std::size_t> index) const {
        if (!index || *index >= row.fields.size()) return {};
        return trim(row.fields[*index]);
    }
};

struct NodeInfo {
    std::string iri;
    std::string typeIri;
    FactKind kind = FactKind::None;
    std::uint64_t line = 0; // 0: a node of the store, not of the sheet
    bool bad = false;
    std::string homeGraph; // the first source document met for it ("" none yet)
    std::optional<YearValue> year;
    std::uint64_t yearLine = 0;
};

class Importer {
public:
    Importer(storage::WriteTxn& txn, const ImportOptions& options) : txn_(txn), options_(options) {
        view_ = txn_.read();
        for (const auto& [name, ns] : builtinPrefixes()) prefixes_.emplace_back(name, ns);
        for (auto& p : view_->prefixes())
            if (std::none_of(prefixes_.begin(), prefixes_.end(), [&](auto& q) { return q.first == p.first; }))
                prefixes_.push_back(std::move(p));
    }

    ImportReport run(const std::string& fileA, const std::string& fileB) {
        auto [nodesPath, edgesPath] = classify(fileA, fileB);
        report_.nodesFile = nodesPath;
        report_.edgesFile = edgesPath;
        checkMapping();
        readNodes(nodesPath);
        checkEdges(edgesPath);
        if (!problems_.empty()) {
            std::string message;
            for (std::size_t i = 0; i < problems_.size() && i < kMaxListed; ++i)
                message += (i ? "\n" : "") + problems_[i];
            if (problems_.size() > kMaxListed)
                message += fmt::format("\n... and {} more problem(s)", problems_.size() - kMaxListed);
            message += fmt::format("\nnothing was imported: {} problem(s) in {} and {} (fix them, or pass "
                                   "--keep-going to import the valid rows)",
                                   problems_.size(), nodesPath, edgesPath);
            throw DataError(message);
        }
        emitNodes();
        emitEdges(edgesPath);
        emitDocuments();
        report_.factNodes += mappedFacts_.size();
        if (options_.graph) emit(*options_.graph, iri::kRdfType, iriTerm(pmz("Case")), std::string(*options_.graph));
        return std::move(report_);
    }

private:
    // ---- files --------------------------------------------------------------
    // A header as the import reads it: renamed by the mapping file, if it says so.
    std::string headerText(const std::string& header) const {
        if (options_.mapping)
            if (auto it = options_.mapping->columns.find(std::string(trim(header)));
                it != options_.mapping->columns.end())
                return it->second;
        return header;
    }

    bool has(const std::vector<std::string>& header, std::string_view name) const {
        return std::any_of(header.begin(), header.end(),
                           [&](const std::string& h) { return parseColumnName(headerText(h)).name == name; });
    }

    std::pair<std::string, std::string> classify(const std::string& a, const std::string& b) {
        auto kind = [this](const std::string& path) {
            SheetReader reader(path);
            const auto& h = reader.header();
            bool edges = has(h, "source") && has(h, "relation") && has(h, "target");
            bool nodes = has(h, "id");
            if (edges && !nodes) return 'e';
            if (nodes && !edges) return 'n';
            throw DataError(fmt::format(
                "{}:1:1: cannot tell whether this is the nodes or the edges sheet: a nodes sheet has an 'id' "
                "column (id,type,label,scale,country), an edges sheet 'source', 'relation' and 'target' "
                "(source,relation,target,year,source_doc)",
                path));
        };
        char ka = kind(a), kb = kind(b);
        if (ka == kb)
            throw DataError(
                fmt::format("{}:1:1: {} and {} are both {} sheets; give one nodes sheet and one edges sheet", b, a, b,
                            ka == 'n' ? "nodes" : "edges"));
        return ka == 'n' ? std::pair{a, b} : std::pair{b, a};
    }

    Layout layoutOf(const SheetReader& reader, const std::vector<std::string>& profile,
                    const std::vector<std::string>& required, bool nodeSheet) {
        Layout layout;
        layout.path = reader.path();
        layout.header = reader.header();
        for (std::size_t i = 0; i < layout.header.size(); ++i) {
            ColumnName name = parseColumnName(headerText(layout.header[i]));
            if (name.name.empty()) {
                if (trim(layout.header[i]).empty())
                    throw DataError(fmt::format("{}:1:{}: the header of column {} is empty; name every column",
                                                layout.path, i + 1, i + 1));
            }
            if (name.name == "label" && nodeSheet) {
                layout.labels.emplace_back(i, name.lang);
                continue;
            }
            if (std::find(profile.begin(), profile.end(), name.name) != profile.end() && name.lang.empty()) {
                if (layout.columns.count(name.name))
                    throw DataError(fmt::format("{}:1:{}: column '{}' appears twice", layout.path, i + 1, name.name));
                layout.columns[name.name] = i;
                continue;
            }
            layout.extras.push_back(extraColumn(layout.path, i, headerText(layout.header[i]), name, nodeSheet));
        }
        for (const auto& r : required)
            if (!layout.columns.count(r))
                throw DataError(fmt::format("{}:1:1: missing column '{}'; the header has {}", layout.path, r,
                                            fmt::join(layout.header, ", ")));
        return layout;
    }

    ExtraColumn extraColumn(const std::string& path, std::size_t index, const std::string& header,
                            const ColumnName& name, bool nodeSheet) {
        static const std::map<std::string, std::string> known = {
            {"alt_label", "http://www.w3.org/2004/02/skos/core#altLabel"},
            {"comment", "http://www.w3.org/2000/01/rdf-schema#comment"},
            {"identifier", std::string(iri::kSchemaIdentifier)},
            {"confidence", pmz("confidence")},
            {"locator", pmz("locator")},
        };
        static const std::map<std::string, std::string> dated = {
            {"valid_from", pmz("validFrom")},
            {"valid_to", pmz("validTo")},
            {"at_time", pmz("atTime")},
        };
        ExtraColumn extra{index, header, {}, name.lang};
        if (!name.datatype.empty()) {
            if (auto expanded = expandPrefixed(name.datatype, prefixes_))
                extra.datatype = *expanded;
            else if (name.datatype.find("://") != std::string::npos)
                extra.datatype = name.datatype;
            else
                throw DataError(fmt::format("{}:1:{}: unknown datatype '{}' in the header '{}'; write it as a "
                                            "prefixed name (xsd:integer) or a full IRI",
                                            path, index + 1, name.datatype, header));
        }
        if (auto it = dated.find(name.name); it != dated.end() && name.datatype.empty() && name.lang.empty()) {
            extra.property = it->second;
            extra.dated = true;
        } else if (nodeSheet && name.name == "source_doc") {
            extra.property = pmz("source");
            extra.documentIri = true;
        } else if (auto it = known.find(name.name); it != known.end()) {
            extra.property = it->second;
        } else if (auto expanded = expandPrefixed(name.name, prefixes_)) {
            extra.property = *expanded;
        } else if (name.name.find("://") != std::string::npos) {
            extra.property = name.name;
        } else {
            std::string problem;
            std::string local = nodeIri(name.name, {}, problem).value_or(std::string(iri::kId)).substr(iri::kId.size());
            extra.property = std::string(iri::kColumn) + local;
            report_.warnings.push_back(fmt::format("{}:1:{}: column '{}' has no property in the profile; its cells "
                                                   "are kept as <{}> (name the column with a prefixed name such as "
                                                   "rdfs:comment to choose one)",
                                                   path, index + 1, header, extra.property));
        }
        return extra;
    }

    void problem(const std::string& path, std::uint64_t line, std::size_t column, const std::string& message) {
        std::string text = fmt::format("{}:{}:{}: {}", path, line, column + 1, message);
        if (options_.keepGoing) {
            report_.skipped.push_back(std::move(text));
            skippedRows_.emplace(path, line);
            report_.skippedRows = skippedRows_.size();
        } else
            problems_.push_back(std::move(text));
    }

    // ---- nodes --------------------------------------------------------------
    void readNodes(const std::string& path) {
        SheetReader reader(path);
        nodeLayout_ = layoutOf(reader, {"id", "type", "scale", "country"}, {"id", "type"}, true);
        const Layout& L = nodeLayout_;
        auto idCol = L.column("id"), typeCol = L.column("type"), scaleCol = L.column("scale"),
             countryCol = L.column("country");
        SheetRow row;
        while (reader.next(row)) {
            ++report_.nodeRows;
            bool bad = false;
            auto fail = [&](std::optional<std::size_t> col, const std::string& message) {
                problem(path, row.line, col.value_or(0), message);
                bad = true;
            };
            std::string id(L.cell(row, idCol));
            std::string why;
            auto iriOf = nodeIri(id, prefixes_, why);
            if (!iriOf) fail(idCol, why);
            auto dup = nodes_.find(id);
            if (dup != nodes_.end() && dup->second.line != 0) {
                fail(idCol, fmt::format("id '{}' is already defined on line {}", id, dup->second.line));
                // Keep the first definition.
                continue;
            }
            why.clear();
            std::string typeCell(L.cell(row, typeCol));
            if (options_.mapping)
                if (auto it = options_.mapping->types.find(typeCell); it != options_.mapping->types.end())
                    typeCell = it->second;
            std::string typeIri = classIri(typeCell, why);
            if (!why.empty()) fail(typeCol, why);
            if (auto scale = L.cell(row, scaleCol); !scale.empty() && controlled(scale, scaleNamespace()).empty())
                fail(scaleCol, unknownValue("scale", scale, scaleNamespace()));
            for (const auto& code : splitList(L.cell(row, countryCol)))
                if (!isCountryCode(code))
                    fail(countryCol, fmt::format("'{}' is not an ISO 3166-1 alpha-3 country code (three letters, "
                                                 "such as CHN or THA)",
                                                 code));
            checkExtras(L, row, fail);
            NodeInfo info;
            // A source_doc column of the node sheet names the node's home graph first.
            for (const auto& extra : L.extras)
                if (auto docs = splitList(L.cell(row, extra.index)); extra.documentIri && !docs.empty()) {
                    bool minted = false;
                    info.homeGraph = documentIri(docs.front(), minted);
                    break;
                }
            info.iri = iriOf.value_or("");
            info.typeIri = typeIri;
            info.kind = factKindOfClass(typeIri);
            info.line = row.line;
            info.bad = bad;
            nodes_[id] = std::move(info);
            if (!bad) nodeRows_.push_back(std::move(row));
        }
    }

    template <class Fail>
    void checkExtras(const Layout& L, const SheetRow& row, Fail& fail) {
        for (const auto& extra : L.extras) {
            auto value = L.cell(row, extra.index);
            if (value.empty()) continue;
            if (extra.property == pmz("confidence") && extra.datatype.empty() && value != "high" && value != "medium" &&
                value != "low")
                fail(extra.index, fmt::format("confidence '{}' is not one of high, medium, low", value));
            std::string why;
            if (extra.dated && !parseYear(value, why))
                fail(extra.index, fmt::format("bad date '{}' in column {}: {}", value, extra.header, why));
        }
    }

    // The class a type cell names; "" with `why` set when it names none. An
    // empty cell is no type at all (the row only describes the node).
    std::string classIri(std::string_view type, std::string& why) {
        if (type.empty()) return {};
        for (auto name : classNames())
            if (lowerCopy(name) == lowerCopy(type)) return pmz(name);
        if (auto expanded = expandPrefixed(type, prefixes_)) {
            if (expanded->starts_with(iri::kPmz) &&
                std::find(classNames().begin(), classNames().end(),
                          std::string_view(*expanded).substr(iri::kPmz.size())) == classNames().end()) {
                why = fmt::format("unknown type '{}'; expected one of {}", type, fmt::join(classNames(), ", "));
                return {};
            }
            return *expanded;
        }
        if (type.find("://") != std::string_view::npos) return std::string(type);
        why = fmt::format("unknown type '{}'; expected one of {} (or a class as a prefixed name or IRI)", type,
                          fmt::join(classNames(), ", "));
        return {};
    }

    // A controlled value written `ns-prefix:x` or just `x`, as its IRI ("" if unknown).
    std::string controlled(std::string_view value, std::string_view ns) {
        std::string candidate;
        if (auto expanded = expandPrefixed(value, prefixes_))
            candidate = *expanded;
        else
            candidate = std::string(ns) + std::string(value);
        return candidate.starts_with(ns) && isControlledValue(candidate) ? candidate : std::string();
    }

    static std::string unknownValue(std::string_view what, std::string_view value, std::string_view ns) {
        return fmt::format("unknown {} '{}'; expected one of {}", what, value, fmt::join(controlledValuesIn(ns), ", "));
    }

    static std::vector<std::string> splitList(std::string_view cell) {
        std::vector<std::string> out;
        while (!cell.empty()) {
            std::size_t semi = cell.find(';');
            auto part = trim(cell.substr(0, semi));
            if (!part.empty()) out.emplace_back(part);
            if (semi == std::string_view::npos) break;
            cell.remove_prefix(semi + 1);
        }
        return out;
    }

    static bool isCountryCode(std::string_view code) {
        return code.size() == 3 && std::all_of(code.begin(), code.end(),
                                               [](char c) { return std::isalpha(static_cast<unsigned char>(c)); });
    }

    // ---- the store ----------------------------------------------------------
    std::optional<TermId> storeId(const std::string& iriText) const { return view_->lookup(Term::iri(iriText)); }

    bool storeHasSubject(const std::string& iriText) const {
        auto id = storeId(iriText);
        if (!id) return false;
        storage::QuadPattern pattern{};
        pattern[storage::kSubject] = *id;
        auto scan = view_->scan(pattern);
        storage::QuadIds q;
        return scan.next(q);
    }

    // A node the edges name that the nodes sheet does not: the store's, if it has it.
    NodeInfo* storeNode(const std::string& id) {
        std::string why;
        auto iriOf = nodeIri(id, prefixes_, why);
        if (!iriOf || !storeHasSubject(*iriOf)) return nullptr;
        NodeInfo info;
        info.iri = *iriOf;
        storage::QuadPattern pattern{};
        pattern[storage::kSubject] = storeId(*iriOf);
        pattern[storage::kPredicate] = storeId(std::string(iri::kRdfType));
        if (pattern[storage::kPredicate]) {
            auto scan = view_->scan(pattern);
            storage::QuadIds q;
            while (scan.next(q)) {
                Term type = view_->resolve(q.o());
                if (type.isIri() && factKindOfClass(type.value) != FactKind::None) {
                    info.typeIri = type.value;
                    info.kind = factKindOfClass(type.value);
                }
            }
        }
        return &(nodes_[id] = std::move(info));
    }

    NodeInfo* findNode(const std::string& id) {
        auto it = nodes_.find(id);
        if (it != nodes_.end()) return &it->second;
        return storeNode(id);
    }

    std::string countryIri(const std::string& code) {
        std::string upper = code;
        for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        if (auto it = countries_.find(upper); it != countries_.end()) return it->second;
        std::string result;
        if (auto it = nodes_.find(upper); it != nodes_.end() && !it->second.bad) {
            result = it->second.iri;
        } else if (std::string candidate = std::string(iri::kId) + upper; storeHasSubject(candidate)) {
            result = candidate;
        } else if (auto bySchema = subjectWithIdentifier(upper)) {
            result = *bySchema;
        } else {
            result = std::string(iri::kId) + upper;
            std::string g = options_.graph.value_or("");
            emit(result, iri::kRdfType, iriTerm(pmz("AdministrativeArea")), g);
            emit(result, pmz("scale"), iriTerm(std::string(scaleNamespace()) + "national"), g);
            emit(result, iri::kSchemaIdentifier, Term::literal(upper), g);
            emit(result, iri::kRdfsLabel, Term::literal(upper), g);
            report_.countriesCreated.push_back(upper);
        }
        countries_[upper] = result;
        return result;
    }

    std::optional<std::string> subjectWithIdentifier(const std::string& code) const {
        auto p = storeId(std::string(iri::kSchemaIdentifier));
        auto o = view_->lookup(Term::literal(code));
        if (!p || !o) return std::nullopt;
        storage::QuadPattern pattern{};
        pattern[storage::kPredicate] = p;
        pattern[storage::kObject] = o;
        auto scan = view_->scan(pattern);
        storage::QuadIds q;
        while (scan.next(q)) {
            Term s = view_->resolve(q.s());
            if (s.isIri()) return s.value;
        }
        return std::nullopt;
    }

    // ---- edges: validation --------------------------------------------------
    struct EdgeColumns {
        std::optional<std::size_t> source, relation, target, year, doc;
    };
    EdgeColumns edgeColumns(const Layout& L) const {
        return {L.column("source"), L.column("relation"), L.column("target"), L.column("year"), L.column("source_doc")};
    }

    void checkEdges(const std::string& path) {
        SheetReader reader(path);
        edgeLayout_ = layoutOf(reader, {"source", "relation", "target", "year", "source_doc"},
                               {"source", "relation", "target"}, false);
        const Layout& L = edgeLayout_;
        EdgeColumns c = edgeColumns(L);
        std::vector<std::uint64_t> ignoredYears;
        SheetRow row;
        while (reader.next(row)) {
            ++report_.edgeRows;
            bool bad = false;
            auto fail = [&](std::optional<std::size_t> col, const std::string& message) {
                problem(path, row.line, col.value_or(0), message);
                bad = true;
            };
            std::string sourceId(L.cell(row, c.source));
            NodeInfo* source = nullptr;
            if (sourceId.empty())
                fail(c.source, "the source is empty");
            else if (!(source = findNode(sourceId)))
                fail(c.source, fmt::format("unknown node id '{}': it is not in {} and not in the store", sourceId,
                                           report_.nodesFile));
            else if (source->bad)
                fail(c.source,
                     fmt::format("node '{}' was skipped (line {} of {})", sourceId, source->line, report_.nodesFile));
            if (const MappedFact* fact = factRuleOf(L.cell(row, c.relation))) {
                checkFactRow(row, L, c, sourceId, source, *fact, fail, bad);
                if (bad) badEdgeLines_.insert(row.line);
                continue;
            }
            const RelationRule* rule = relationOf(L.cell(row, c.relation));
            if (!rule) {
                std::vector<std::string_view> names;
                for (const auto& r : relationRules()) names.push_back(r.relation);
                fail(c.relation, fmt::format("unknown relation '{}'; expected one of {} (or a property as a prefixed "
                                             "name or IRI)",
                                             L.cell(row, c.relation), fmt::join(names, ", ")));
            } else if (source && !source->bad && !rule->sources.empty() &&
                       std::find(rule->sources.begin(), rule->sources.end(), source->kind) == rule->sources.end()) {
                fail(c.relation, fmt::format("relation '{}' belongs on a {} node; '{}' is {}", rule->relation,
                                             kindNames(rule->sources), sourceId, describeType(*source)));
            }
            if (rule) checkTarget(row, L, c, *rule, fail);
            checkExtras(L, row, fail);
            std::optional<YearValue> year;
            if (auto text = L.cell(row, c.year); !text.empty()) {
                std::string why;
                year = parseYear(text, why);
                if (!year) fail(c.year, fmt::format("bad year '{}': {}", text, why));
            }
            bool factYear = source && source->kind != FactKind::None && rule && !rule->yearIgnored;
            if (year && source && !bad && factYear && source->year &&
                (source->year->lexical != year->lexical || source->year->datatype != year->datatype))
                fail(c.year, fmt::format("'{}' has year {} on line {} and {} here; one fact node has one date (record "
                                         "conflicting dates as separate fact nodes, each with its source)",
                                         sourceId, source->year->lexical, source->yearLine, year->lexical));
            if (bad) {
                badEdgeLines_.insert(row.line);
                continue;
            }
            if (year && factYear && !source->year) {
                source->year = year;
                source->yearLine = row.line;
            }
            if (year && !factYear) ignoredYears.push_back(row.line);
            if (auto doc = L.cell(row, c.doc); !doc.empty() && source->homeGraph.empty()) {
                bool minted = false;
                source->homeGraph = documentIri(doc, minted);
            }
        }
        if (!ignoredYears.empty())
            report_.warnings.push_back(fmt::format(
                "{}: the year of {} row(s) was not recorded (lines {}{}): a structural relation or applies_to "
                "carries no date; record a dated event as a Milestone",
                path, ignoredYears.size(),
                fmt::join(ignoredYears.begin(), ignoredYears.begin() + std::min<std::size_t>(ignoredYears.size(), 10),
                          ", "),
                ignoredYears.size() > 10 ? ", ..." : ""));
    }

    // A relation cell: one of the profile's names, or any property written as
    // a prefixed name or IRI (on any node, its target a node or IRI).
    const RelationRule* relationOf(std::string_view cell) {
        std::string text(cell);
        if (options_.mapping)
            if (auto it = options_.mapping->relations.find(text); it != options_.mapping->relations.end())
                return mappedRelation(text, it->second);
        if (const RelationRule* rule = findRelation(lowerCopy(cell))) return rule;
        if (auto it = genericRelations_.find(text); it != genericRelations_.end()) return &it->second.rule;
        std::optional<std::string> property = expandPrefixed(cell, prefixes_);
        if (!property && cell.find("://") != std::string_view::npos && !storage::rdf_io::absoluteIriProblem(cell))
            property = text;
        if (!property) return nullptr;
        auto it = genericRelations_.try_emplace(text).first;
        auto& entry = it->second;
        entry.property = *property;
        entry.rule.relation = it->first;
        entry.rule.property = entry.property;
        return &entry.rule;
    }

    // A relation the mapping file renames: a profile relation (its kinds
    // overridden when the mapping names some) or a property.
    const RelationRule* mappedRelation(const std::string& name, const MappedRelation& m) {
        if (auto it = mappedRelations_.find(name); it != mappedRelations_.end()) return &it->second.rule;
        GenericRelation entry;
        if (const RelationRule* rule = findRelation(lowerCopy(m.mapsTo))) {
            entry.rule = *rule;
            entry.property = std::string(rule->property);
        } else if (auto property = propertyOf(m.mapsTo)) {
            entry.property = *property;
        } else {
            return nullptr;
        }
        if (!m.sources.empty()) entry.rule.sources = m.sources;
        auto it = mappedRelations_.emplace(name, std::move(entry)).first;
        it->second.rule.relation = it->first;
        it->second.rule.property = it->second.property;
        return &it->second.rule;
    }

    std::optional<std::string> propertyOf(std::string_view text) const {
        if (auto expanded = expandPrefixed(text, prefixes_)) return expanded;
        if (text.find("://") != std::string_view::npos && !storage::rdf_io::absoluteIriProblem(text))
            return std::string(text);
        return std::nullopt;
    }

    // The mapping file's relations and fact rules name things the profile knows.
    void checkMapping() {
        if (!options_.mapping) return;
        const CaseMapping& m = *options_.mapping;
        auto fail = [&](std::uint64_t line, const std::string& message) {
            throw DataError(fmt::format("{}:{}:1: {}", m.path, line, message));
        };
        for (const auto& [name, r] : m.relations)
            if (!mappedRelation(name, r))
                fail(r.line, fmt::format("relation '{}' maps to '{}', which is neither a relation of the profile "
                                         "nor a property (prefixed name or IRI)",
                                         name, r.mapsTo));
        for (const auto& [name, f] : m.facts) {
            FactKind kind = factKindOfClass(pmz(f.classLocal));
            std::vector<std::string> relations = {f.fromRelation, f.toRelation};
            for (const auto& [relation, value] : f.values) relations.push_back(relation);
            for (const auto& relation : relations) {
                const RelationRule* rule = relationOf(relation);
                if (!rule)
                    fail(f.line, fmt::format("fact '{}': '{}' is neither a relation of the profile nor a property",
                                             name, relation));
                if (!rule->sources.empty() &&
                    std::find(rule->sources.begin(), rule->sources.end(), kind) == rule->sources.end())
                    fail(f.line, fmt::format("fact '{}': relation '{}' belongs on a {} node, not a {}", name, relation,
                                             kindNames(rule->sources), f.classLocal));
            }
        }
    }

    // ---- rows that make fact nodes (mapping file, kind fact) ------------------
    const MappedFact* factRuleOf(std::string_view cell) const {
        if (!options_.mapping) return nullptr;
        auto it = options_.mapping->facts.find(std::string(cell));
        return it == options_.mapping->facts.end() ? nullptr : &it->second;
    }

    // The fact node's id: the rule, both ends and the year, so re-importing makes the same node.
    static std::string factIdOf(std::string_view rule, std::string_view source, std::string_view target,
                                std::string_view year) {
        std::string id = fmt::format("{}_{}_{}", rule, source, target);
        if (!year.empty()) id += fmt::format("_{}", year);
        return id;
    }

    // A fixed value of a fact rule as its term's IRI ("" when it names nothing).
    std::string factValue(const RelationRule& rule, std::string_view value, std::string& why) {
        for (auto ns : rule.valueNamespaces)
            if (auto v = controlled(value, ns); !v.empty()) return v;
        if (!rule.valueNamespaces.empty()) {
            why = unknownValue(rule.relation, value, rule.valueNamespaces.front());
            return {};
        }
        return targetIri(value, why).value_or("");
    }

    template <class Fail>
    void checkFactRow(const SheetRow& row, const Layout& L, const EdgeColumns& c, const std::string& sourceId,
                      NodeInfo* source, const MappedFact& fact, Fail& fail, bool& bad) {
        std::string why;
        std::string_view targetCell = L.cell(row, c.target);
        if (targetCell.empty())
            fail(c.target, "the target is empty");
        else if (!targetIri(targetCell, why))
            fail(c.target, why);
        for (const auto& [relation, value] : fact.values) {
            why.clear();
            if (factValue(*relationOf(relation), value, why).empty())
                fail(c.relation, fmt::format("the mapping's value {}={} (line {} of {}): {}", relation, value,
                                             fact.line, options_.mapping->path, why));
        }
        std::optional<YearValue> year;
        if (auto text = L.cell(row, c.year); !text.empty()) {
            year = parseYear(text, why);
            if (!year) fail(c.year, fmt::format("bad year '{}': {}", text, why));
        }
        checkExtras(L, row, fail);
        if (bad || !source) return;
        std::string id = factIdOf(L.cell(row, c.relation), sourceId, targetCell, year ? year->lexical : "");
        auto it = nodes_.find(id);
        if (it != nodes_.end() && !mappedFacts_.count(id)) {
            fail(c.relation,
                 fmt::format("the fact node this row makes, '{}', is already a node of {}", id, report_.nodesFile));
            return;
        }
        if (it == nodes_.end()) {
            NodeInfo info;
            info.iri = instanceIri(id);
            info.typeIri = pmz(fact.classLocal);
            info.kind = factKindOfClass(info.typeIri);
            info.line = row.line;
            info.year = year;
            info.yearLine = row.line;
            it = nodes_.emplace(id, std::move(info)).first;
            mappedFacts_.insert(id);
        }
        if (auto doc = L.cell(row, c.doc); !doc.empty() && it->second.homeGraph.empty()) {
            bool minted = false;
            it->second.homeGraph = documentIri(doc, minted);
        }
    }

    void emitFactRow(const SheetRow& row, const Layout& L, const EdgeColumns& c, const MappedFact& fact) {
        std::string sourceId(L.cell(row, c.source));
        std::string why;
        std::string sourceIri = findNode(sourceId)->iri;
        std::string targetIriText = *targetIri(L.cell(row, c.target), why);
        std::optional<YearValue> year;
        if (auto text = L.cell(row, c.year); !text.empty()) year = parseYear(text, why);
        const NodeInfo& node =
            nodes_.at(factIdOf(L.cell(row, c.relation), sourceId, L.cell(row, c.target), year ? year->lexical : ""));
        std::string g = graphOf(node);
        emit(node.iri, iri::kRdfType, iriTerm(node.typeIri), g);
        if (options_.graph) emit(node.iri, pmz("inCase"), iriTerm(*options_.graph), g);
        emit(node.iri, relationOf(fact.fromRelation)->property, iriTerm(sourceIri), g);
        emit(node.iri, relationOf(fact.toRelation)->property, iriTerm(targetIriText), g);
        for (const auto& [relation, value] : fact.values) {
            const RelationRule& rule = *relationOf(relation);
            emit(node.iri, rule.property, iriTerm(factValue(rule, value, why)), g);
        }
        if (node.year)
            emit(node.iri, timePropertyOf(node.kind), Term::literal(node.year->lexical, node.year->datatype), g);
        if (auto doc = L.cell(row, c.doc); !doc.empty()) emit(node.iri, pmz("source"), iriTerm(documentOf(doc)), g);
        emitExtras(L, row, node);
    }

    template <class Fail>
    void checkTarget(const SheetRow& row, const Layout& L, const EdgeColumns& c, const RelationRule& rule, Fail& fail) {
        std::string_view target = L.cell(row, c.target);
        if (target.empty()) {
            fail(c.target, "the target is empty");
            return;
        }
        if (!rule.valueNamespaces.empty()) {
            for (auto ns : rule.valueNamespaces)
                if (!controlled(target, ns).empty()) return;
            fail(c.target, unknownValue(rule.relation, target, rule.valueNamespaces.front()));
            return;
        }
        std::string why;
        if (!targetIri(target, why)) fail(c.target, why);
    }

    // A target cell as an IRI: a node of the sheet or the store, or an explicit
    // IRI or prefixed name (external ids such as wd:Q148).
    std::optional<std::string> targetIri(std::string_view target, std::string& why) {
        std::string id(target);
        if (auto it = nodes_.find(id); it != nodes_.end()) {
            if (it->second.bad) {
                why = fmt::format("node '{}' was skipped (line {} of {})", id, it->second.line, report_.nodesFile);
                return std::nullopt;
            }
            return it->second.iri;
        }
        if (target.find("://") != std::string_view::npos || target.starts_with("urn:")) return nodeIri(target, {}, why);
        if (auto expanded = expandPrefixed(target, prefixes_)) return expanded;
        if (NodeInfo* node = storeNode(id)) return node->iri;
        why = fmt::format("unknown node id '{}': it is not in {} and not in the store (an external IRI must be "
                          "written whole or as a prefixed name such as wd:Q148)",
                          id, report_.nodesFile);
        return std::nullopt;
    }

    static std::string kindNames(const std::vector<FactKind>& kinds) {
        std::vector<std::string> names;
        for (auto k : kinds) names.push_back(kindName(k));
        return fmt::format("{}", fmt::join(names, " or "));
    }
    static std::string kindName(FactKind k) {
        switch (k) {
        case FactKind::Partnership: return "Partnership";
        case FactKind::PolicyTransfer: return "PolicyTransfer";
        case FactKind::Milestone: return "Milestone";
        case FactKind::Policy: return "Policy";
        case FactKind::None: break;
        }
        return "entity";
    }
    static std::string describeType(const NodeInfo& node) {
        if (node.typeIri.empty()) return "a node of the store without a fact type";
        std::string_view t = node.typeIri;
        if (t.starts_with(iri::kPmz)) t.remove_prefix(iri::kPmz.size());
        return fmt::format("a {}", t);
    }

    // ---- staging ------------------------------------------------------------
    static Term iriTerm(std::string text) { return Term::iri(std::move(text)); }

    void emit(const std::string& subject, std::string_view predicate, const Term& object, const std::string& graph) {
        storage::QuadIds q;
        q.ids[storage::kSubject] = txn_.intern(Term::iri(subject));
        q.ids[storage::kPredicate] = txn_.intern(Term::iri(std::string(predicate)));
        q.ids[storage::kObject] = txn_.intern(object);
        q.ids[storage::kGraph] = graph.empty() ? storage::kDefaultGraph : txn_.intern(Term::iri(graph));
        report_.graphs.insert(q.g());
        txn_.insert(q);
    }

    std::string graphOf(const NodeInfo& node) const {
        if (options_.graph) return *options_.graph;
        return node.homeGraph;
    }

    // A source_doc cell as a document IRI; a known prefixed name (src:x) is expanded.
    std::string documentIri(std::string_view cell, bool& minted) const {
        cell = trim(cell);
        minted = false;
        if (cell.find_first_of(" \t") == std::string_view::npos)
            if (auto expanded = expandPrefixed(cell, prefixes_)) return *expanded;
        return sourceDocumentIri(cell, minted);
    }

    std::string documentOf(std::string_view cell) {
        bool minted = false;
        std::string doc = documentIri(cell, minted);
        auto [it, inserted] = documents_.try_emplace(doc, minted ? std::string(trim(cell)) : std::string());
        (void)inserted;
        return it->first;
    }

    Term literalOf(std::string_view value, const std::string& lang) {
        return lang.empty() ? Term::literal(std::string(value)) : Term::langLiteral(std::string(value), lang);
    }

    void emitExtras(const Layout& L, const SheetRow& row, const NodeInfo& node) {
        std::string g = graphOf(node);
        for (const auto& extra : L.extras) {
            auto value = L.cell(row, extra.index);
            if (value.empty()) continue;
            if (extra.documentIri) {
                for (const auto& doc : splitList(value)) emit(node.iri, extra.property, iriTerm(documentOf(doc)), g);
                continue;
            }
            if (extra.dated) {
                std::string why;
                auto year = parseYear(value, why);
                emit(node.iri, extra.property, Term::literal(year->lexical, year->datatype), g);
            } else if (!extra.datatype.empty()) {
                emit(node.iri, extra.property, Term::literal(std::string(value), extra.datatype), g);
            } else {
                emit(node.iri, extra.property, literalOf(value, extra.lang), g);
            }
        }
    }

    void emitNodes() {
        const Layout& L = nodeLayout_;
        auto idCol = L.column("id"), scaleCol = L.column("scale"), countryCol = L.column("country");
        for (const SheetRow& row : nodeRows_) {
            NodeInfo& node = nodes_.at(std::string(L.cell(row, idCol)));
            std::string g = graphOf(node);
            if (!node.typeIri.empty()) emit(node.iri, iri::kRdfType, iriTerm(node.typeIri), g);
            if (node.kind != FactKind::None) {
                ++report_.factNodes;
                if (options_.graph) emit(node.iri, pmz("inCase"), iriTerm(*options_.graph), g);
                if (node.year)
                    emit(node.iri, timePropertyOf(node.kind), Term::literal(node.year->lexical, node.year->datatype),
                         g);
            } else {
                ++report_.entities;
            }
            for (const auto& [index, lang] : L.labels)
                if (auto label = L.cell(row, index); !label.empty())
                    emit(node.iri, iri::kRdfsLabel, literalOf(label, lang), g);
            if (auto scale = L.cell(row, scaleCol); !scale.empty())
                emit(node.iri, pmz("scale"), iriTerm(controlled(scale, scaleNamespace())), g);
            for (const auto& code : splitList(L.cell(row, countryCol)))
                emit(node.iri, pmz("country"), iriTerm(countryIri(code)), g);
            emitExtras(L, row, node);
        }
        // Years of fact nodes that live in the store (the sheet only adds edges to them).
        for (auto& [id, node] : nodes_)
            if (node.line == 0 && node.year)
                emit(node.iri, timePropertyOf(node.kind), Term::literal(node.year->lexical, node.year->datatype),
                     graphOf(node));
    }

    void emitEdges(const std::string& path) {
        SheetReader reader(path);
        const Layout& L = edgeLayout_;
        EdgeColumns c = edgeColumns(L);
        SheetRow row;
        while (reader.next(row)) {
            if (badEdgeLines_.count(row.line)) continue;
            if (const MappedFact* fact = factRuleOf(L.cell(row, c.relation))) {
                emitFactRow(row, L, c, *fact);
                continue;
            }
            NodeInfo& source = *findNode(std::string(L.cell(row, c.source)));
            const RelationRule& rule = *relationOf(L.cell(row, c.relation));
            std::string target;
            if (!rule.valueNamespaces.empty()) {
                for (auto ns : rule.valueNamespaces)
                    if (target = controlled(L.cell(row, c.target), ns); !target.empty()) break;
            } else {
                std::string why;
                target = *targetIri(L.cell(row, c.target), why);
            }
            std::string g = graphOf(source);
            emit(source.iri, rule.property, iriTerm(target), g);
            if (auto doc = L.cell(row, c.doc); !doc.empty())
                emit(source.iri, pmz("source"), iriTerm(documentOf(doc)), g);
            emitExtras(L, row, source);
        }
    }

    void emitDocuments() {
        for (const auto& [doc, title] : documents_) {
            std::string g = options_.graph.value_or(doc);
            emit(doc, iri::kRdfType, iriTerm(pmz("SourceDocument")), g);
            if (!title.empty()) emit(doc, iri::kDctermsTitle, Term::literal(title), g);
        }
        report_.sourceDocuments = documents_.size();
    }

    storage::WriteTxn& txn_;
    ImportOptions options_;
    ImportReport report_;
    std::shared_ptr<const storage::ReadView> view_;
    PrefixList prefixes_;
    Layout nodeLayout_, edgeLayout_;
    std::unordered_map<std::string, NodeInfo> nodes_;
    std::vector<SheetRow> nodeRows_;
    std::set<std::uint64_t> badEdgeLines_;
    std::map<std::string, std::string> documents_; // IRI -> title for minted ones
    std::map<std::string, std::string> countries_;
    struct GenericRelation {
        std::string property;
        RelationRule rule;
    };
    std::map<std::string, GenericRelation> genericRelations_; // node-based: pointers stay valid
    std::map<std::string, GenericRelation> mappedRelations_;
    std::set<std::string> mappedFacts_; // ids of the fact nodes fact rows made
    std::vector<std::string> problems_;
    std::set<std::pair<std::string, std::uint64_t>> skippedRows_;
};
} // namespace

ImportReport importCase(storage::WriteTxn& txn, const std::string& fileA, const std::string& fileB,
                        const ImportOptions& options) {
    Importer importer(txn, options);
    return importer.run(fileA, fileB);
}

} // namespace corridor::cases
