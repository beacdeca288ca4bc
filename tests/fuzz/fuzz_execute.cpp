// Fuzz target: queries run against a small store (the bundled case and the test
// data), so planning, the operators, the functions and the result writers meet
// arbitrary text, not only the front end (fuzz_query). Each query runs with a
// timeout, a memory limit and a cap on rows; SERVICE reaches no network.
// Updates run as dry runs (their changes computed, nothing written): the store
// stays as loaded, so an input that fails fails the same way every time. An
// update that mentions LOAD is skipped, as LOAD reads local files (a device or
// a pipe would hang the run). Errors are fine; crashes, hangs and sanitizer
// reports are not.

#include "query/engine.h"
#include "query/error.h"
#include "query/executor/service_client.h"
#include "query/results/writers.h"
#include "query/update/update.h"
#include "storage/error.h"
#include "storage/load/bulk_loader.h"
#include "storage/store.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#ifndef CORRIDOR_SOURCE_DIR
#error "CORRIDOR_SOURCE_DIR names the source tree (the data is read from there)"
#endif

namespace {
using namespace corridor;

constexpr std::size_t kMaxRows = 2000;

// The data every input is run against: the founding case with its vocabulary,
// and the test data (dates, labels, named graphs, a TRACE graph).
class Fixture {
public:
    Fixture() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "corridor-fuzz-XXXXXX").string();
        if (!::mkdtemp(tmpl.data())) std::abort();
        dir_ = tmpl;
        store = storage::Store::open(dir_ + "/db");
        storage::BulkLoader loader(*store, {}); // holds the writer lock until the fixture is built
        const std::string src = CORRIDOR_SOURCE_DIR;
        for (const char* f : {"/examples/tcriz/tcriz.trig", "/examples/tcriz/vocabulary.ttl", "/tests/data/dates.ttl",
                              "/tests/data/labels.ttl", "/tests/data/social.trig", "/tests/data/trace.trig"})
            loader.addFile(src + f);
        loader.commit();
    }
    ~Fixture() {
        store.reset();
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    std::unique_ptr<storage::Store> store;

private:
    std::string dir_;
};

class NoServices : public query::executor::ServiceClient {
public:
    query::executor::ServiceSolutions select(const std::string&, const std::string&,
                                             std::chrono::milliseconds) override {
        throw query::executor::ServiceFailure("no network while fuzzing");
    }
};

// Hands everything to the JSON writer and the TRACE steps writer (which reads
// each path's detail), and asks the query to stop after kMaxRows.
class CappedSink : public query::ResultSink {
public:
    explicit CappedSink(std::atomic<bool>& stop)
        : stop_(stop), json_(query::results::makeWriter(query::results::Format::Json, out_)),
          steps_(query::results::makePathWriter(query::results::PathFormat::Steps, out_)) {}
    void beginSolutions(const std::vector<std::string>& vars) override {
        json_->beginSolutions(vars);
        steps_->beginSolutions(vars);
    }
    void solution(const std::vector<std::optional<query::Term>>& values) override {
        if (++rows_ > kMaxRows) stop_ = true;
        json_->solution(values);
        steps_->solution(values);
        trim();
    }
    void boolean(bool value) override { json_->boolean(value); }
    void triple(const query::Term& s, const query::Term&, const query::Term&) override {
        if (++rows_ > kMaxRows) stop_ = true;
        out_ << s.value.size();
        trim();
    }
    void end() override {
        json_->end();
        steps_->end();
    }

private:
    void trim() {
        if (out_.tellp() > (1 << 20)) out_.str({});
    }
    std::atomic<bool>& stop_;
    std::ostringstream out_;
    std::unique_ptr<query::ResultSink> json_, steps_;
    std::size_t rows_ = 0;
};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Fixture fixture;
    std::string text(reinterpret_cast<const char*>(data), size);
    std::atomic<bool> stop{false};
    query::QueryOptions options;
    options.baseIri = "http://fuzz.example/";
    options.timeout = std::chrono::milliseconds(500);
    options.memoryLimit = 256u << 20;
    options.interrupt = &stop;
    options.services = std::make_shared<NoServices>();
    try {
        query::QueryEngine engine(*fixture.store, options);
        auto prepared = engine.prepare(text);
        if (prepared.isUpdate()) {
            std::string lower = text;
            std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
            if (lower.find("load") != std::string::npos) return 0;
            query::UpdateOptions dry;
            dry.dryRun = true;
            dry.memoryBudget = 256u << 20;
            query::executeUpdate(*fixture.store, prepared, options, dry);
            return 0;
        }
        engine.explain(prepared, false);
        CappedSink sink(stop);
        engine.execute(prepared, sink);
    } catch (const Error&) {}
    return 0;
}
