#include "cases/case_export.h"

#include "cases/case_profile.h"
#include "cases/case_terms.h"
#include "storage/error.h"
#include "storage/key_codec.h"
#include "storage/term_resolver.h"

#include <algorithm>
#include <cstdio>
#include <csv.h>
#include <filesystem>
#include <fmt/format.h>
#include <map>
#include <set>
#include <unordered_map>

namespace corridor::cases {

namespace {
using storage::Term;

std::string pmz(std::string_view local) {
    return std::string(iri::kPmz) + std::string(local);
}
constexpr std::string_view kXsdString = "http://www.w3.org/2001/XMLSchema#string";

struct Statement {
    Term p, o;
};

using Row = std::vector<std::string>;

// A cell as CSV: quoted (by libcsv) only when it must be.
std::string csvField(const std::string& value) {
    if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
    std::string out(value.size() * 2 + 2, '\0');
    out.resize(csv_write(out.data(), out.size(), value.data(), value.size()));
    return out;
}

void writeSheet(const std::string& path, const Row& header, const std::vector<Row>& rows) {
    std::string tmp = path + ".partial";
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    if (!f) throw Error(fmt::format("cannot write {}", tmp));
    auto line = [&](const Row& row) {
        std::string text;
        for (std::size_t i = 0; i < row.size(); ++i) text += (i ? "," : "") + csvField(row[i]);
        text += "\n";
        return std::fwrite(text.data(), 1, text.size(), f) == text.size();
    };
    bool ok = line(header);
    for (const auto& row : rows) ok = ok && line(row);
    ok = std::fflush(f) == 0 && ok;
    ok = std::fclose(f) == 0 && ok;
    std::error_code ec;
    if (ok) std::filesystem::rename(tmp, path, ec);
    if (!ok || ec) {
        std::filesystem::remove(tmp, ec);
        throw Error(fmt::format("cannot write {}", path));
    }
}

class Exporter {
public:
    Exporter(const storage::ReadView& view, const std::optional<std::string>& graph) : view_(view), graph_(graph) {
        for (const auto& [name, ns] : builtinPrefixes()) prefixes_.emplace_back(name, ns);
    }

    CaseExportReport run(const std::string& dir) {
        read();
        // Which documents a source_doc cell brings back is settled first: node
        // IRIs sort before document IRIs, and their cells depend on it.
        std::set<std::string> left;
        for (auto& [subject, statements] : subjects_)
            if (skipped(subject, statements)) left.insert(subject);
        for (auto& [subject, statements] : subjects_)
            if (!left.count(subject)) rowIris_.insert(subject);
        for (auto& [subject, statements] : subjects_)
            if (!left.count(subject)) describe(subject, statements);
        std::filesystem::create_directories(dir);
        writeNodes(dir + "/nodes.csv");
        writeEdges(dir + "/edges.csv");
        return std::move(report_);
    }

private:
    // ---- reading ------------------------------------------------------------
    const Term& term(storage::TermId id) { return resolve_(id); }

    void read() {
        storage::QuadPattern pattern{};
        if (graph_) {
            auto id = view_.lookup(Term::iri(*graph_));
            if (!id) throw DataError(fmt::format("the store has no graph <{}>", *graph_));
            pattern[storage::kGraph] = *id;
        } else {
            pattern[storage::kGraph] = storage::kDefaultGraph;
        }
        auto scan = view_.scanIn(storage::IndexOrder::GSPO, pattern);
        storage::QuadIds q;
        while (scan.next(q)) {
            const Term& s = term(q.s());
            const Term& o = term(q.o());
            if (s.isBlank() || o.isBlank())
                throw DataError(fmt::format("{} holds blank nodes, which a sheet cannot name; export it as RDF "
                                            "(--format trig) instead, or give the nodes IRIs first",
                                            graph_ ? "<" + *graph_ + ">" : std::string("the default graph")));
            subjects_[s.value].push_back({term(q.p()), o});
            if (q.p() == sourceId() && o.isIri()) referencedDocs_.insert(o.value);
        }
    }

    storage::TermId sourceId() {
        if (!sourceId_) sourceId_ = view_.lookup(Term::iri(pmz("source"))).value_or(~storage::TermId{0});
        return *sourceId_;
    }

    // What the import writes by itself is left out: the case graph's own
    // `a pmz:Case`, and documents that a source_doc cell brings back.
    bool skipped(const std::string& subject, const std::vector<Statement>& statements) {
        if (graph_ && subject == *graph_ && statements.size() == 1 && isType(statements[0], pmz("Case"))) return true;
        if (!referencedDocs_.count(subject)) return false;
        std::optional<std::string> title;
        for (const auto& st : statements) {
            if (isType(st, pmz("SourceDocument"))) continue;
            if (st.p.value == iri::kDctermsTitle && st.o.isLiteral() && st.o.lang.empty() && st.o.datatype.empty() &&
                !title) {
                title = st.o.value;
                continue;
            }
            return false;
        }
        bool minted = false;
        if (title && sourceDocumentIri(*title, minted) != subject) return false;
        docCells_[subject] = title.value_or(subject);
        return true;
    }

    static bool isType(const Statement& st, const std::string& cls) {
        return st.p.value == iri::kRdfType && st.o.isIri() && st.o.value == cls;
    }

    // ---- ids ----------------------------------------------------------------
    std::string idOf(const std::string& iriText) {
        std::string why;
        if (iriText.starts_with(iri::kId)) {
            std::string local = percentDecode(std::string_view(iriText).substr(iri::kId.size()));
            if (nodeIri(local, prefixes_, why) == iriText) return local;
        }
        for (const auto& [name, ns] : prefixes_) {
            if (!iriText.starts_with(ns) || iriText.size() == ns.size()) continue;
            std::string candidate = name + ":" + iriText.substr(ns.size());
            if (candidate.find_first_of(" \t/#?") == std::string::npos && nodeIri(candidate, prefixes_, why) == iriText)
                return candidate;
        }
        return iriText;
    }

    static std::string percentDecode(std::string_view s) {
        std::string out;
        for (std::size_t i = 0; i < s.size(); ++i) {
            if (s[i] == '%' && i + 2 < s.size() + 0 && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
                std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
                out.push_back(static_cast<char>(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16)));
                i += 2;
            } else {
                out.push_back(s[i]);
            }
        }
        return out;
    }

    std::string compact(const std::string& iriText) {
        for (const auto& [name, ns] : prefixes_)
            if (iriText.starts_with(ns) && iriText.size() > ns.size()) {
                std::string local = iriText.substr(ns.size());
                if (local.find_first_of(" \t/#?:@^") == std::string::npos) return name + ":" + local;
            }
        return iriText;
    }

    // ---- one node -----------------------------------------------------------
    struct NodeOut {
        std::string id;
        std::string type;
        FactKind kind = FactKind::None;
        std::map<std::string, std::vector<std::string>> columns; // header -> values
        std::vector<std::string> sources;
        std::optional<std::string> year;
        std::string timeProperty;
        std::vector<std::array<std::string, 2>> edges; // relation, target
    };

    void describe(const std::string& subject, const std::vector<Statement>& statements) {
        NodeOut node;
        node.id = idOf(subject);
        // The type: a class of the vocabulary first, fact classes before others.
        for (const auto& st : statements)
            if (st.p.value == iri::kRdfType && st.o.isIri() && st.o.value.starts_with(iri::kPmz)) {
                FactKind kind = factKindOfClass(st.o.value);
                if (node.type.empty() || (kind != FactKind::None && node.kind == FactKind::None)) {
                    node.type = st.o.value;
                    node.kind = kind;
                }
            }
        node.timeProperty = std::string(timePropertyOf(node.kind));
        std::vector<const Statement*> times;
        if (!node.timeProperty.empty())
            for (const auto& st : statements)
                if (st.p.value == node.timeProperty && yearForm(st.o)) times.push_back(&st);
        for (const auto& st : statements) {
            if (st.p.value == iri::kRdfType && st.o.isIri() && st.o.value == node.type) continue;
            if (graph_ && st.p.value == pmz("inCase") && st.o.isIri() && st.o.value == *graph_) continue;
            if (times.size() == 1 && &st == times[0]) {
                node.year = st.o.value;
                continue;
            }
            if (st.o.isIri())
                iriStatement(node, st);
            else
                literalStatement(node, st);
        }
        // Cell lists in a stable order (the store's own order depends on its history).
        std::sort(node.sources.begin(), node.sources.end());
        for (auto& [header, values] : node.columns) std::sort(values.begin(), values.end());
        if (auto it = node.columns.find("country"); it != node.columns.end()) {
            std::vector<std::string> codes;
            std::string_view cell = it->second[0];
            for (std::size_t start = 0; start <= cell.size();) {
                std::size_t end = std::min(cell.find(';', start), cell.size());
                codes.emplace_back(cell.substr(start, end - start));
                start = end + 1;
            }
            std::sort(codes.begin(), codes.end());
            std::string joined;
            for (const auto& code : codes) joined += (joined.empty() ? "" : ";") + code;
            it->second[0] = joined;
        }
        // Years and sources go on the edge rows where the import takes them from.
        bool datedEdges = false;
        for (const auto& e : node.edges) datedEdges = datedEdges || e[0] != "applies_to";
        if (node.year && !datedEdges) {
            node.columns[node.kind == FactKind::Partnership || node.kind == FactKind::Policy ? "valid_from" : "at_time"]
                .push_back(*node.year);
            node.year.reset();
        }
        bool sourcesOnEdges = node.sources.size() == 1 && !node.edges.empty();
        if (!sourcesOnEdges && !node.sources.empty()) {
            std::string cell;
            for (const auto& s : node.sources) cell += (cell.empty() ? "" : ";") + s;
            node.columns["source_doc"].push_back(cell);
        }
        for (const auto& [relation, target] : node.edges)
            edgeRows_.push_back({node.id, relation, target,
                                 node.year && relation != "applies_to" ? *node.year : std::string(),
                                 sourcesOnEdges ? node.sources.front() : std::string()});
        ++report_.nodeRows;
        for (const auto& [header, values] : node.columns)
            columnCounts_[header] = std::max(columnCounts_[header], values.size());
        nodes_.push_back(std::move(node));
    }

    static bool yearForm(const Term& o) {
        if (!o.isLiteral()) return false;
        std::string why;
        auto year = parseYear(o.value, why);
        return year && year->datatype == o.datatype;
    }

    void iriStatement(NodeOut& node, const Statement& st) {
        if (st.p.value == pmz("source")) {
            auto it = docCells_.find(st.o.value);
            node.sources.push_back(it != docCells_.end() ? it->second : st.o.value);
            return;
        }
        if (st.p.value == pmz("scale") && isControlledValue(st.o.value) && st.o.value.starts_with(scaleNamespace()) &&
            !node.columns.count("scale")) {
            node.columns["scale"].push_back(st.o.value.substr(scaleNamespace().size()));
            return;
        }
        // A country that is a row of the sheet under its ISO code goes in the country column.
        if (st.p.value == pmz("country") && rowIris_.count(st.o.value)) {
            std::string code = idOf(st.o.value);
            if (code.size() == 3 &&
                std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
                auto& cell = node.columns["country"];
                if (cell.empty()) cell.emplace_back();
                cell[0] += (cell[0].empty() ? "" : ";") + code;
                return;
            }
        }
        for (const auto& rule : relationRules()) {
            if (rule.property != st.p.value) continue;
            if (!rule.sources.empty() &&
                std::find(rule.sources.begin(), rule.sources.end(), node.kind) == rule.sources.end())
                continue;
            if (!rule.valueNamespaces.empty()) {
                for (auto ns : rule.valueNamespaces)
                    if (st.o.value.starts_with(ns) && isControlledValue(st.o.value)) {
                        node.edges.push_back({std::string(rule.relation), st.o.value.substr(ns.size())});
                        return;
                    }
                continue;
            }
            node.edges.push_back({std::string(rule.relation), idOf(st.o.value)});
            return;
        }
        node.edges.push_back({compact(st.p.value), idOf(st.o.value)});
    }

    void literalStatement(NodeOut& node, const Statement& st) {
        const Term& o = st.o;
        if (o.value.empty()) {
            report_.warnings.push_back(fmt::format("{} {} has an empty value, which a sheet cell cannot hold; "
                                                   "left out",
                                                   node.id, compact(st.p.value)));
            return;
        }
        bool plain = o.datatype.empty() || o.datatype == kXsdString;
        std::string header;
        if (st.p.value == iri::kRdfsLabel && o.datatype.empty()) {
            header = o.lang.empty() ? "label" : "label@" + o.lang;
        } else if (plain || !o.lang.empty()) {
            static const std::map<std::string, std::string> known = {
                {"http://www.w3.org/2004/02/skos/core#altLabel", "alt_label"},
                {"http://www.w3.org/2000/01/rdf-schema#comment", "comment"},
                {std::string(iri::kSchemaIdentifier), "identifier"},
                {pmz("confidence"), "confidence"},
                {pmz("locator"), "locator"},
            };
            if (auto it = known.find(st.p.value);
                it != known.end() && (o.lang.empty() || it->second == "alt_label" || it->second == "comment"))
                header = it->second;
            else if (st.p.value.starts_with(iri::kColumn))
                header = percentDecode(std::string_view(st.p.value).substr(iri::kColumn.size()));
            else
                header = compact(st.p.value);
            if (!o.lang.empty()) header += "@" + o.lang;
            if (header == "confidence" && o.value != "high" && o.value != "medium" && o.value != "low")
                header = compact(st.p.value) + "^^xsd:string";
        } else if (yearForm(o) &&
                   (st.p.value == pmz("validFrom") || st.p.value == pmz("validTo") || st.p.value == pmz("atTime"))) {
            header = st.p.value == pmz("validFrom") ? "valid_from"
                     : st.p.value == pmz("validTo") ? "valid_to"
                                                    : "at_time";
        } else {
            header = compact(st.p.value) + "^^" + compact(o.datatype);
        }
        node.columns[header].push_back(o.value);
    }

    // ---- writing ------------------------------------------------------------
    void writeNodes(const std::string& path) {
        std::vector<std::string> labels, others;
        for (const auto& [header, count] : columnCounts_) {
            if (header == "scale" || header == "source_doc" || header == "country") continue;
            (header == "label" || header.starts_with("label@") ? labels : others).push_back(header);
        }
        Row header = {"id", "type"};
        std::vector<std::pair<std::string, std::size_t>> layout; // header, occurrence
        auto add = [&](const std::string& h) {
            for (std::size_t i = 0; i < columnCounts_[h]; ++i) {
                header.push_back(h);
                layout.emplace_back(h, i);
            }
        };
        for (const auto& h : labels) add(h);
        if (columnCounts_.count("scale")) add("scale");
        if (columnCounts_.count("country")) add("country");
        if (columnCounts_.count("source_doc")) add("source_doc");
        for (const auto& h : others) add(h);
        std::sort(nodes_.begin(), nodes_.end(), [](const NodeOut& a, const NodeOut& b) { return a.id < b.id; });
        std::vector<Row> rows;
        for (const auto& node : nodes_) {
            Row row = {node.id, typeCell(node.type)};
            for (const auto& [h, i] : layout) {
                auto it = node.columns.find(h);
                row.push_back(it != node.columns.end() && i < it->second.size() ? it->second[i] : std::string());
            }
            rows.push_back(std::move(row));
        }
        writeSheet(path, header, rows);
    }

    std::string typeCell(const std::string& type) {
        if (type.empty()) return {};
        std::string_view local = std::string_view(type).substr(iri::kPmz.size());
        for (auto name : classNames())
            if (name == local) return std::string(name);
        return compact(type);
    }

    void writeEdges(const std::string& path) {
        std::sort(edgeRows_.begin(), edgeRows_.end());
        edgeRows_.erase(std::unique(edgeRows_.begin(), edgeRows_.end()), edgeRows_.end());
        report_.edgeRows = edgeRows_.size();
        writeSheet(path, {"source", "relation", "target", "year", "source_doc"}, edgeRows_);
    }

    const storage::ReadView& view_;
    std::optional<std::string> graph_;
    PrefixList prefixes_;
    storage::TermResolver resolve_{view_};
    std::map<std::string, std::vector<Statement>> subjects_;
    std::set<std::string> referencedDocs_;
    std::set<std::string> rowIris_;               // the subjects that become rows of the nodes sheet
    std::map<std::string, std::string> docCells_; // document IRI -> its source_doc cell
    std::optional<storage::TermId> sourceId_;
    std::vector<NodeOut> nodes_;
    std::map<std::string, std::size_t> columnCounts_;
    std::vector<Row> edgeRows_;
    CaseExportReport report_;
};
} // namespace

CaseExportReport exportCase(const storage::ReadView& view, const std::optional<std::string>& graph,
                            const std::string& dir) {
    Exporter exporter(view, graph);
    return exporter.run(dir);
}

} // namespace corridor::cases
