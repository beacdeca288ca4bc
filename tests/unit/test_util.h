#pragma once
// Helpers shared by the unit tests: temporary folders, loading text, exporting.

#include "storage/exporter.h"
#include "storage/load/bulk_loader.h"
#include "storage/store.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <set>
#include <sstream>
#include <string>

namespace corridor::test {

class TempDir {
public:
    TempDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "corridor-test-XXXXXX").string();
        path_ = ::mkdtemp(tmpl.data());
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    const std::string& path() const { return path_; }
    std::string file(const std::string& name) const { return path_ + "/" + name; }
    std::string write(const std::string& name, const std::string& text) const {
        std::string p = file(name);
        std::FILE* f = std::fopen(p.c_str(), "wb");
        std::fwrite(text.data(), 1, text.size(), f);
        std::fclose(f);
        return p;
    }

private:
    std::string path_;
};

inline storage::LoadSummary loadText(storage::Store& store, const std::string& text,
                                     storage::rdf_io::RdfFormat format = storage::rdf_io::RdfFormat::NQuads,
                                     storage::LoadOptions options = {}) {
    storage::BulkLoader loader(store, std::move(options));
    loader.addText(text, format, "test");
    return loader.commit();
}

// A new store holding `data` (N-Quads), in a folder of its own.
struct LoadedStore {
    TempDir dir;
    std::unique_ptr<storage::Store> store = storage::Store::open(dir.file("db"));
    explicit LoadedStore(const std::string& data) { loadText(*store, data); }
};

inline std::string exportText(const storage::Store& store, storage::ExportOptions options = storage::ExportOptions{}) {
    char* buf = nullptr;
    std::size_t size = 0;
    std::FILE* f = ::open_memstream(&buf, &size);
    try {
        storage::exportQuads(*store.read(), options, f);
    } catch (...) {
        std::fclose(f);
        std::free(buf);
        throw;
    }
    std::fclose(f);
    std::string out(buf, size);
    std::free(buf);
    return out;
}

// The lines of an N-Quads export as a sorted set (order-insensitive comparison).
inline std::multiset<std::string> lines(const std::string& text) {
    std::multiset<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.insert(line);
    return out;
}

} // namespace corridor::test
