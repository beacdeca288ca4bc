#include "storage/rdf_io/jsonld_writer.h"

#include "storage/error.h"
#include "storage/key_codec.h"
#include "storage/term_resolver.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <string>

namespace corridor::storage::rdf_io {

namespace {
using nlohmann::ordered_json;

constexpr std::string_view kRdfType = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
constexpr std::string_view kXsdString = "http://www.w3.org/2001/XMLSchema#string";

class Writer {
public:
    Writer(const ReadView& view, std::FILE* out) : view_(view), out_(out) {
        // Prefixes usable in compact IRIs: JSON-LD 1.1 takes a term as a prefix when its IRI ends
        // with a general delimiter.
        for (const auto& [name, iri] : view.prefixes()) {
            if (name.empty() || iri.empty() || std::string_view("/#:?[]@").find(iri.back()) == std::string_view::npos)
                continue;
            prefixes_.emplace_back(name, iri);
            context_[name] = iri;
        }
    }

    std::string compact(const std::string& iri) const {
        const std::pair<std::string, std::string>* best = nullptr;
        for (const auto& p : prefixes_)
            if (iri.size() > p.second.size() && iri.starts_with(p.second) &&
                (!best || p.second.size() > best->second.size()))
                best = &p;
        if (!best) return iri;
        std::string suffix = iri.substr(best->second.size());
        // "p://x" would read as an absolute IRI, and a suffix with ':' could too.
        if (suffix.starts_with("//") || suffix.find(':') != std::string::npos) return iri;
        return best->first + ":" + suffix;
    }

    std::string nodeId(TermId id) {
        const Term& t = term(id);
        return t.isBlank() ? "_:" + t.value : compact(t.value);
    }

    ordered_json value(TermId id) {
        const Term& t = term(id);
        if (t.isIri() || t.isBlank()) return ordered_json{{"@id", nodeId(id)}};
        if (!t.lang.empty()) return ordered_json{{"@value", t.value}, {"@language", t.lang}};
        if (t.datatype.empty() || t.datatype == kXsdString) return t.value;
        return ordered_json{{"@value", t.value}, {"@type", compact(t.datatype)}};
    }

    const Term& term(TermId id) { return resolve_(id); }

    std::uint64_t run(std::optional<TermId> graph) {
        QuadPattern pattern{};
        if (graph) pattern[kGraph] = *graph;
        // One graph is written as the document's default graph, as N-Triples and Turtle write it.
        flat_ = graph.has_value();
        std::vector<QuadScan> scans = view_.scanByGraph(pattern);
        write("{\n  \"@context\": " + context_.dump() + ",\n  \"@graph\": [");
        QuadIds q;
        std::optional<TermId> openGraph, openSubject;
        ordered_json node;
        std::uint64_t written = 0;
        bool firstTop = true, firstInGraph = true;
        auto flushNode = [&] {
            if (!openSubject) return;
            std::string text = node.dump();
            bool named = !flat_ && openGraph && *openGraph != kDefaultGraph;
            write(std::string(named ? (firstInGraph ? "\n      " : ",\n      ") : (firstTop ? "\n    " : ",\n    ")) +
                  text);
            if (named)
                firstInGraph = false;
            else
                firstTop = false;
            openSubject.reset();
        };
        auto closeGraph = [&] {
            flushNode();
            if (!flat_ && openGraph && *openGraph != kDefaultGraph) write("\n    ]}");
        };
        for (QuadScan& scan : scans)
            while (scan.next(q)) {
                if (!openGraph || *openGraph != q.g()) {
                    closeGraph();
                    openGraph = q.g();
                    if (!flat_ && q.g() != kDefaultGraph) {
                        ordered_json id = nodeId(q.g());
                        write(std::string(firstTop ? "\n    " : ",\n    ") + "{\"@id\": " + id.dump() +
                              ", \"@graph\": [");
                        firstTop = false;
                        firstInGraph = true;
                    }
                }
                if (!openSubject || *openSubject != q.s()) {
                    flushNode();
                    openSubject = q.s();
                    node = ordered_json{{"@id", nodeId(q.s())}};
                }
                const Term& p = term(q.p());
                const Term& o = term(q.o());
                if (p.value == kRdfType && !o.isLiteral()) {
                    node["@type"].push_back(nodeId(q.o()));
                } else {
                    node[compact(p.value)].push_back(value(q.o()));
                }
                ++written;
            }
        closeGraph();
        write("\n  ]\n}\n");
        return written;
    }

private:
    void write(const std::string& text) {
        if (std::fwrite(text.data(), 1, text.size(), out_) != text.size())
            throw StorageError("cannot write the JSON-LD output");
    }

    const ReadView& view_;
    std::FILE* out_;
    std::vector<std::pair<std::string, std::string>> prefixes_;
    ordered_json context_ = ordered_json::object();
    TermResolver resolve_{view_};
    bool flat_ = false;
};
} // namespace

std::uint64_t exportJsonLd(const ReadView& view, std::optional<TermId> graph, std::FILE* out) {
    Writer writer(view, out);
    return writer.run(graph);
}

} // namespace corridor::storage::rdf_io
