#include "cli/query_output.h"

#include "query/ast/parse.h"
#include "query/results/writers.h"
#include "storage/error.h"
#include "storage/rdf_io/quad_writer.h"

#include <fmt/format.h>

namespace corridor::cli {

namespace {

using query::results::Format;

// Solutions go to one writer, triples to an RDF writer; both chosen up front.
class OutputSink : public query::ResultSink {
public:
    OutputSink(std::unique_ptr<query::ResultSink> solutions, storage::rdf_io::RdfFormat graphFormat,
               std::ostream& out, std::vector<std::pair<std::string, std::string>> prefixes)
        : solutions_(std::move(solutions)), graphFormat_(graphFormat), out_(out),
          prefixes_(std::move(prefixes)) {}
    void beginSolutions(const std::vector<std::string>& vars) override { solutions_->beginSolutions(vars); }
    void solution(const std::vector<std::optional<query::Term>>& values) override { solutions_->solution(values); }
    void boolean(bool v) override { solutions_->boolean(v); }
    void beginGraph() override {
        graph_ = true;
        out_.flush();
        writer_ = std::make_unique<storage::rdf_io::QuadWriter>(graphFormat_, stdout, prefixes_);
    }
    void triple(const query::Term& s, const query::Term& p, const query::Term& o) override {
        writer_->write(s, p, o, nullptr);
    }
    void end() override {
        if (graph_) {
            writer_->finish();
            writer_.reset();
        } else {
            solutions_->end();
        }
    }

private:
    std::unique_ptr<query::ResultSink> solutions_;
    storage::rdf_io::RdfFormat graphFormat_;
    std::ostream& out_;
    std::vector<std::pair<std::string, std::string>> prefixes_;
    std::unique_ptr<storage::rdf_io::QuadWriter> writer_;
    bool graph_ = false;
};

} // namespace

std::unique_ptr<query::ResultSink> makeOutput(const std::string& format, bool terminal,
                                              std::ostream& out, const storage::ReadView& view) {
    auto prefixes = query::ast::builtinPrefixes();
    for (const auto& p : view.prefixes()) prefixes.push_back(p);
    Format solutions = terminal ? Format::Table : Format::Tsv;
    auto graph = terminal ? storage::rdf_io::RdfFormat::Turtle : storage::rdf_io::RdfFormat::NTriples;
    if (format == "table") solutions = Format::Table;
    else if (format == "tsv") solutions = Format::Tsv;
    else if (format == "csv") solutions = Format::Csv;
    else if (format == "json") solutions = Format::Json;
    else if (format == "xml") solutions = Format::Xml;
    else if (format == "ntriples" || format == "nt") graph = storage::rdf_io::RdfFormat::NTriples;
    else if (format == "turtle" || format == "ttl") graph = storage::rdf_io::RdfFormat::Turtle;
    else if (!format.empty())
        throw UsageError(fmt::format("unknown format '{}' (table, tsv, csv, json, xml, ntriples, turtle)", format));
    return std::make_unique<OutputSink>(query::results::makeWriter(solutions, out, prefixes), graph, out,
                                        prefixes);
}

} // namespace corridor::cli
