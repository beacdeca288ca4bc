#include "tests/conformance/result_set.h"

#include "query/functions/numeric.h"
#include "tests/conformance/rdf_graph.h"

#include <algorithm>
#include <expat.h>
#include <fmt/format.h>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <stdexcept>

namespace corridor::conformance {

namespace {

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// ---- SRX ------------------------------------------------------------------------------

struct SrxState {
    ResultSet results;
    std::map<std::string, Term> row;
    std::string binding, element, text, lang, datatype;
    bool inBoolean = false;
};

void XMLCALL srxStart(void* data, const XML_Char* name, const XML_Char** attrs) {
    auto* s = static_cast<SrxState*>(data);
    std::string n = name;
    if (auto p = n.find('|'); p != std::string::npos) n = n.substr(p + 1);
    auto attr = [&](const char* key) -> std::string {
        for (int i = 0; attrs[i]; i += 2) {
            std::string k = attrs[i];
            if (auto p = k.find('|'); p != std::string::npos) k = k.substr(p + 1);
            if (k == key) return attrs[i + 1];
        }
        return "";
    };
    s->text.clear();
    if (n == "variable")
        s->results.variables.push_back(attr("name"));
    else if (n == "result")
        s->row.clear();
    else if (n == "binding")
        s->binding = attr("name");
    else if (n == "uri" || n == "bnode" || n == "literal") {
        s->element = n;
        s->lang = attr("lang");
        s->datatype = attr("datatype");
    } else if (n == "boolean") {
        s->inBoolean = true;
        s->results.kind = ResultSet::Kind::Boolean;
    }
}

void XMLCALL srxEnd(void* data, const XML_Char* name) {
    auto* s = static_cast<SrxState*>(data);
    std::string n = name;
    if (auto p = n.find('|'); p != std::string::npos) n = n.substr(p + 1);
    if (n == "uri")
        s->row[s->binding] = Term::iri(s->text);
    else if (n == "bnode")
        s->row[s->binding] = Term::blank(s->text);
    else if (n == "literal")
        s->row[s->binding] =
            s->lang.empty() ? Term::literal(s->text, s->datatype) : Term::langLiteral(s->text, s->lang);
    else if (n == "result")
        s->results.rows.push_back(s->row);
    else if (n == "boolean") {
        s->results.boolean = s->text.find("true") != std::string::npos;
        s->inBoolean = false;
    }
}

void XMLCALL srxText(void* data, const XML_Char* text, int length) {
    static_cast<SrxState*>(data)->text.append(text, static_cast<std::size_t>(length));
}

// ---- TSV terms ------------------------------------------------------------------------------

Term parseTsvTerm(const std::string& s) {
    const std::string xsd = "http://www.w3.org/2001/XMLSchema#";
    if (s.size() >= 2 && s.front() == '<' && s.back() == '>') return Term::iri(s.substr(1, s.size() - 2));
    if (s.rfind("_:", 0) == 0) return Term::blank(s.substr(2));
    if (!s.empty() && s.front() == '"') {
        std::string value;
        std::size_t i = 1;
        for (; i < s.size() && s[i] != '"'; ++i) {
            if (s[i] == '\\' && i + 1 < s.size()) {
                char e = s[++i];
                value += e == 'n' ? '\n' : e == 't' ? '\t' : e == 'r' ? '\r' : e;
            } else {
                value += s[i];
            }
        }
        std::string rest = s.substr(i + 1);
        if (rest.rfind("@", 0) == 0) return Term::langLiteral(value, rest.substr(1));
        if (rest.rfind("^^<", 0) == 0) return Term::literal(value, rest.substr(3, rest.size() - 4));
        return Term::literal(value);
    }
    if (s == "true" || s == "false") return Term::literal(s, xsd + "boolean");
    if (s.find_first_of("eE") != std::string::npos) return Term::literal(s, xsd + "double");
    if (s.find('.') != std::string::npos) return Term::literal(s, xsd + "decimal");
    return Term::literal(s, xsd + "integer");
}

std::vector<std::string> splitTabs(const std::string& line) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        auto tab = line.find('\t', start);
        out.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
        if (tab == std::string::npos) break;
        start = tab + 1;
    }
    return out;
}

// ---- comparison ---------------------------------------------------------------------------

// Numbers by datatype and value, language tags in lower case.
Term canonical(const Term& t) {
    if (!t.isLiteral()) return t;
    Term c = t;
    if (!c.lang.empty()) {
        std::transform(c.lang.begin(), c.lang.end(), c.lang.begin(), [](unsigned char ch) { return std::tolower(ch); });
        return c;
    }
    if (auto n = query::functions::numericValue(t)) {
        switch (n->type) {
        case query::functions::NumType::Integer: c.value = query::functions::formatInteger(n->exact); break;
        case query::functions::NumType::Decimal: c.value = query::functions::formatDecimal(n->exact); break;
        default: c.value = query::functions::formatDouble(n->real);
        }
    }
    return c;
}

using Row = std::vector<std::optional<Term>>;

std::string rowKey(const Row& row) {
    std::string key;
    for (const auto& t : row) key += (t ? (t->isBlank() ? std::string("_:?") : t->toNTriples()) : "-") + "\t";
    return key;
}

class BagMatcher {
public:
    BagMatcher(std::vector<Row> expected, std::vector<Row> actual)
        : e_(std::move(expected)), a_(std::move(actual)), used_(a_.size(), false) {
        for (std::size_t i = 0; i < a_.size(); ++i) byKey_[rowKey(a_[i])].push_back(i);
    }
    bool run() { return e_.size() == a_.size() && match(0); }
    // actual row index matched to each expected row
    std::vector<std::size_t> assignment;

private:
    bool match(std::size_t i) {
        if (i == e_.size()) return true;
        auto it = byKey_.find(rowKey(e_[i]));
        if (it == byKey_.end()) return false;
        for (std::size_t j : it->second) {
            if (used_[j]) continue;
            std::vector<std::string> added;
            if (!bind(e_[i], a_[j], added)) {
                undo(added);
                continue;
            }
            used_[j] = true;
            assignment.push_back(j);
            if (match(i + 1)) return true;
            assignment.pop_back();
            used_[j] = false;
            undo(added);
        }
        return false;
    }
    bool bind(const Row& e, const Row& a, std::vector<std::string>& added) {
        for (std::size_t c = 0; c < e.size(); ++c) {
            if (!e[c] || !e[c]->isBlank()) continue;
            const std::string& el = e[c]->value;
            const std::string& al = a[c]->value;
            auto it = map_.find(el);
            if (it != map_.end()) {
                if (it->second != al) return false;
                continue;
            }
            if (usedLabels_.count(al)) return false;
            map_[el] = al;
            usedLabels_.insert(al);
            added.push_back(el);
        }
        return true;
    }
    void undo(const std::vector<std::string>& added) {
        for (const auto& el : added) {
            usedLabels_.erase(map_[el]);
            map_.erase(el);
        }
    }
    std::vector<Row> e_, a_;
    std::vector<bool> used_;
    std::map<std::string, std::vector<std::size_t>> byKey_;
    std::map<std::string, std::string> map_;
    std::set<std::string> usedLabels_;
};

} // namespace

ResultSet readSrx(const std::string& path) {
    std::string xml = readFile(path);
    SrxState state;
    XML_Parser parser = XML_ParserCreateNS(nullptr, '|');
    XML_SetUserData(parser, &state);
    XML_SetElementHandler(parser, srxStart, srxEnd);
    XML_SetCharacterDataHandler(parser, srxText);
    bool ok = XML_Parse(parser, xml.data(), static_cast<int>(xml.size()), 1) != XML_STATUS_ERROR;
    XML_ParserFree(parser);
    if (!ok) throw std::runtime_error("malformed XML results in " + path);
    return state.results;
}

ResultSet readSrj(const std::string& path) {
    auto json = nlohmann::json::parse(readFile(path));
    ResultSet r;
    if (json.contains("boolean")) {
        r.kind = ResultSet::Kind::Boolean;
        r.boolean = json["boolean"].get<bool>();
        return r;
    }
    for (const auto& v : json["head"]["vars"]) r.variables.push_back(v.get<std::string>());
    for (const auto& b : json["results"]["bindings"]) {
        std::map<std::string, Term> row;
        for (const auto& [name, value] : b.items()) {
            std::string type = value["type"].get<std::string>();
            std::string text = value["value"].get<std::string>();
            if (type == "uri")
                row[name] = Term::iri(text);
            else if (type == "bnode")
                row[name] = Term::blank(text);
            else if (value.contains("xml:lang"))
                row[name] = Term::langLiteral(text, value["xml:lang"].get<std::string>());
            else if (value.contains("datatype"))
                row[name] = Term::literal(text, value["datatype"].get<std::string>());
            else
                row[name] = Term::literal(text);
        }
        r.rows.push_back(std::move(row));
    }
    return r;
}

ResultSet readTsv(const std::string& path) {
    std::istringstream in(readFile(path));
    ResultSet r;
    std::string line;
    if (!std::getline(in, line)) return r;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    for (auto& v : splitTabs(line))
        if (!v.empty()) r.variables.push_back(v.substr(1));
    while (std::getline(in, line)) {
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() && r.variables.size() != 0 && in.peek() == EOF) break;
        auto cells = splitTabs(line);
        std::map<std::string, Term> row;
        for (std::size_t i = 0; i < cells.size() && i < r.variables.size(); ++i)
            if (!cells[i].empty()) row[r.variables[i]] = parseTsvTerm(cells[i]);
        r.rows.push_back(std::move(row));
    }
    return r;
}

ResultSet readRdfResults(const std::string& path, const std::string& baseIri) {
    MemoryGraph g = MemoryGraph::parseFile(
        path, storage::rdf_io::formatFromPath(path).value_or(storage::rdf_io::RdfFormat::Turtle), baseIri);
    const std::string rs = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#";
    const std::string rdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
    ResultSet r;
    auto sets = g.subjectsWith(rdfType, Term::iri(rs + "ResultSet"));
    if (sets.empty()) {
        r.kind = ResultSet::Kind::Graph;
        r.graph = g.quads;
        return r;
    }
    Term set = sets[0];
    if (auto b = g.object(set, rs + "boolean")) {
        r.kind = ResultSet::Kind::Boolean;
        r.boolean = b->value == "true";
        return r;
    }
    for (const auto& v : g.objects(set, rs + "resultVariable")) r.variables.push_back(v.value);
    std::vector<std::pair<long, std::map<std::string, Term>>> indexed;
    for (const auto& solution : g.objects(set, rs + "solution")) {
        std::map<std::string, Term> row;
        for (const auto& binding : g.objects(solution, rs + "binding")) {
            auto var = g.object(binding, rs + "variable");
            auto value = g.object(binding, rs + "value");
            if (var && value) row[var->value] = *value;
        }
        auto index = g.object(solution, rs + "index");
        indexed.emplace_back(index ? std::stol(index->value) : 0, std::move(row));
    }
    std::stable_sort(indexed.begin(), indexed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (auto& [i, row] : indexed) r.rows.push_back(std::move(row));
    return r;
}

std::string describe(const ResultSet& r) {
    if (r.kind == ResultSet::Kind::Boolean) return r.boolean ? "true" : "false";
    std::string out;
    if (r.kind == ResultSet::Kind::Graph) {
        for (const auto& q : r.graph)
            out +=
                fmt::format("  {} {} {} .\n", q.subject.toNTriples(), q.predicate.toNTriples(), q.object.toNTriples());
        return out;
    }
    for (const auto& v : r.variables) out += "?" + v + "\t";
    out += "\n";
    for (const auto& row : r.rows) {
        for (const auto& v : r.variables) {
            auto it = row.find(v);
            out += (it == row.end() ? std::string("-") : it->second.toNTriples()) + "\t";
        }
        out += "\n";
    }
    return out;
}

std::string compareResults(const ResultSet& expected, const ResultSet& actual, const CompareOptions& options) {
    if (expected.kind != actual.kind) return "different kinds of result";
    if (expected.kind == ResultSet::Kind::Boolean) return expected.boolean == actual.boolean ? "" : "different boolean";
    if (expected.kind == ResultSet::Kind::Graph) {
        auto canon = [](std::vector<Quad> g) {
            for (auto& q : g) q.object = canonical(q.object);
            return g;
        };
        return isomorphic(canon(expected.graph), canon(actual.graph)) ? "" : "graphs are not isomorphic";
    }
    std::set<std::string> vars(expected.variables.begin(), expected.variables.end());
    vars.insert(actual.variables.begin(), actual.variables.end());
    auto toRows = [&](const ResultSet& r) {
        std::vector<Row> rows;
        for (const auto& m : r.rows) {
            Row row;
            for (const auto& v : vars) {
                auto it = m.find(v);
                row.push_back(it == m.end() ? std::nullopt : std::optional<Term>(canonical(it->second)));
            }
            rows.push_back(std::move(row));
        }
        return rows;
    };
    std::vector<Row> e = toRows(expected), a = toRows(actual);
    if (options.lax) {
        std::map<std::string, int> ec, ac;
        for (const auto& r : e) ++ec[rowKey(r)];
        for (const auto& r : a) ++ac[rowKey(r)];
        for (const auto& [k, n] : ec)
            if (!ac.count(k)) return "a solution is missing";
        for (const auto& [k, n] : ac)
            if (!ec.count(k) || n > ec[k]) return "an unexpected or repeated solution";
        return "";
    }
    if (e.size() != a.size()) return fmt::format("{} solutions expected, {} returned", e.size(), a.size());
    BagMatcher matcher(e, a);
    if (!matcher.run()) return "the solutions differ";
    if (!options.orderVariables.empty()) {
        std::vector<std::size_t> cols;
        std::size_t c = 0;
        for (const auto& v : vars) {
            if (std::find(options.orderVariables.begin(), options.orderVariables.end(), v) !=
                options.orderVariables.end())
                cols.push_back(c);
            ++c;
        }
        for (std::size_t i = 0; i < e.size(); ++i)
            for (std::size_t col : cols) {
                const auto& x = e[i][col];
                const auto& y = a[i][col];
                if (x.has_value() != y.has_value()) return fmt::format("order differs at row {}", i + 1);
                if (x && !x->isBlank() && *x != *y) return fmt::format("order differs at row {}", i + 1);
            }
    }
    return "";
}

} // namespace corridor::conformance
