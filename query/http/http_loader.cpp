// Opens libcorridor-http.so (httplib_module.cpp) the first time HTTP is needed: beside the
// running program, else where the build put it (for the test programs in other folders).

#include "query/http/http.h"
#include "storage/error.h"
#include "storage/shared_library.h"

#include <filesystem>
#include <fmt/format.h>

namespace corridor::query::http {

namespace {

constexpr const char* kModule = "libcorridor-http.so";

std::string modulePath() {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path beside = fs::read_symlink("/proc/self/exe", ec).parent_path() / kModule;
    if (!ec && fs::exists(beside, ec)) return beside.string();
    if (fs::exists(CORRIDOR_HTTP_MODULE, ec)) return CORRIDOR_HTTP_MODULE;
    throw Error(fmt::format("HTTP (SERVICE, corridor serve) needs {}, found neither beside the program ({}) nor "
                            "where it was built ({}): keep it in the corridor program's folder",
                            kModule, beside.string(), CORRIDOR_HTTP_MODULE));
}

struct Module {
    storage::SharedLibrary library;
    decltype(&corridor_http_post) post;
    decltype(&corridor_http_make_server) makeServer;
    Module()
        : library(modulePath(), "HTTP (SERVICE, corridor serve)", "libcpp-httplib0.11"),
          post(library.function<decltype(corridor_http_post)>("corridor_http_post")),
          makeServer(library.function<decltype(corridor_http_make_server)>("corridor_http_make_server")) {}
};

const Module& module() {
    static Module m; // opened once, never closed: the server's threads run its code
    return m;
}

} // namespace

std::string Request::header(const std::string& name) const {
    auto it = headers.find(headerName(name));
    return it == headers.end() ? std::string() : it->second;
}

bool Request::hasParam(const std::string& name) const {
    return params.count(name) > 0;
}

std::size_t Request::paramCount(const std::string& name) const {
    return params.count(name);
}

std::string Request::param(const std::string& name, std::size_t index) const {
    auto [first, last] = params.equal_range(name);
    for (std::size_t i = 0; first != last; ++first, ++i)
        if (i == index) return first->second;
    return {};
}

Answer post(const FormPost& request) {
    Answer answer;
    module().post(&request, &answer);
    return answer;
}

std::unique_ptr<Server> makeServer() {
    return std::unique_ptr<Server>(module().makeServer());
}

} // namespace corridor::query::http
