// In-process query timing, like the peer scripts: for each query file, one
// warm-up and N timed runs, every row materialised (each term decoded), median
// reported. Prints one JSON object per query.
//
//   corridor_query_bench STORE QUERY.rq... [--runs N] [--strict]

#include "query/engine.h"
#include "storage/store.h"

#include <algorithm>
#include <chrono>
#include <fmt/format.h>
#include <fstream>
#include <iostream>
#include <sstream>

using namespace corridor;

namespace {
struct CountingSink : query::ResultSink {
    std::uint64_t rows = 0, bytes = 0;
    void solution(const std::vector<std::optional<query::Term>>& values) override {
        ++rows;
        for (const auto& v : values)
            if (v) bytes += v->value.size();
    }
    void boolean(bool) override { ++rows; }
    void triple(const query::Term& s, const query::Term&, const query::Term&) override {
        ++rows;
        bytes += s.value.size();
    }
};
} // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: corridor_query_bench STORE QUERY.rq... [--runs N]\n";
        return 2;
    }
    int runs = 5;
    std::vector<std::string> files;
    for (int i = 2; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--runs" && i + 1 < argc)
            runs = std::stoi(argv[++i]);
        else
            files.push_back(a);
    }
    try {
        auto store = storage::Store::open(argv[1], storage::StoreOptions{storage::OpenMode::ReadOnly});
        query::QueryEngine engine(*store);
        for (const auto& f : files) {
            std::ifstream in(f);
            std::stringstream ss;
            ss << in.rdbuf();
            std::vector<double> ms, prepareMs;
            std::uint64_t rows = 0;
            for (int r = 0; r <= runs; ++r) {
                auto start = std::chrono::steady_clock::now();
                auto prepared = engine.prepare(ss.str());
                auto parsed = std::chrono::steady_clock::now();
                CountingSink sink;
                engine.execute(prepared, sink);
                auto end = std::chrono::steady_clock::now();
                if (r > 0) { // the first run warms up
                    ms.push_back(std::chrono::duration<double, std::milli>(end - start).count());
                    prepareMs.push_back(std::chrono::duration<double, std::milli>(parsed - start).count());
                }
                rows = sink.rows;
            }
            std::sort(ms.begin(), ms.end());
            std::sort(prepareMs.begin(), prepareMs.end());
            std::string name = f.substr(f.find_last_of('/') + 1);
            name = name.substr(0, name.find('.'));
            std::cout << fmt::format("{{\"query\": \"{}\", \"median_ms\": {:.3f}, \"min_ms\": {:.3f}, \"max_ms\": "
                                     "{:.3f}, \"prepare_ms\": {:.3f}, "
                                     "\"rows\": {}}}\n",
                                     name, ms[ms.size() / 2], ms.front(), ms.back(), prepareMs[prepareMs.size() / 2],
                                     rows);
        }
    } catch (const Error& e) {
        std::cerr << e.what() << "\n";
        return e.exitCode();
    }
}
