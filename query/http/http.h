#pragma once
// HTTP for SERVICE (a client's form POST) and `corridor serve` (a server), in plain structs.
// cpp-httplib does the work from a module of its own (httplib_module.cpp, built as
// libcorridor-http.so beside the corridor program) that is opened the first time HTTP is needed:
// linked into the program, cpp-httplib and OpenSSL were loaded and initialised at every start of
// every command, about 2.5 ms (docs/decisions.md, "Start-up and writing results").

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace corridor::query::http {

using Fields = std::vector<std::pair<std::string, std::string>>;

// A form POST (application/x-www-form-urlencoded); redirects are followed.
struct FormPost {
    std::string origin; // scheme://host[:port]
    std::string target; // path and query string
    Fields headers;
    Fields form;
    std::chrono::milliseconds timeout{0}; // connecting, sending and reading each
};

struct Answer {
    std::string failure; // why no answer came (empty when one did)
    int status = 0;
    std::string contentType;
    std::string body;
};

// Header names compare without letter case: Request keeps them lower-cased, as this gives them.
inline std::string headerName(std::string name) {
    for (char& c : name)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return name;
}

struct FormFile {
    std::string name, filename, contentType, content;
};

struct Request {
    std::string method, path, body, remoteAddr, localAddr;
    int localPort = 0;
    std::multimap<std::string, std::string> headers; // names lower-cased
    std::multimap<std::string, std::string> params;  // query string and form fields
    std::vector<FormFile> files;                     // multipart/form-data parts
    bool multipart = false;

    std::string header(const std::string& name) const; // "" when absent; any letter case
    bool hasParam(const std::string& name) const;
    std::size_t paramCount(const std::string& name) const;
    std::string param(const std::string& name, std::size_t index = 0) const; // "" when absent
};

struct Response {
    int status = 200;
    Fields headers;
    std::string body, contentType;
    void setHeader(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
    void setContent(std::string content, std::string type) {
        body = std::move(content);
        contentType = std::move(type);
    }
};

// One request as the access log shows it.
struct Exchange {
    std::string remoteAddr, method, path;
    int status = 0;
    std::size_t bodyBytes = 0;
};

using Handler = std::function<void(const Request&, Response&)>;

class Server {
public:
    virtual ~Server() = default;
    // `method`: GET, POST, PUT, DELETE or OPTIONS (another throws std::invalid_argument);
    // `pattern`: a regular expression the whole path matches.
    virtual void route(const std::string& method, const std::string& pattern, Handler handler) = 0;
    // Headers added to every response (CORS).
    virtual void addToEveryResponse(Fields headers) = 0;
    virtual void log(std::function<void(const Exchange&)> logger) = 0;
    virtual void limits(std::size_t threads, std::size_t maxRequestBytes) = 0;
    virtual int bindToAnyPort(const std::string& host) = 0; // the port, or -1
    virtual bool bindToPort(const std::string& host, int port) = 0;
    virtual void listenAfterBind() = 0; // returns once stopped, or when accepting failed
    virtual void stop() = 0;
};

// The module's entry points. Both throw corridor::Error (naming the module and where it was
// looked for) when the module cannot be opened.
Answer post(const FormPost& request);
std::unique_ptr<Server> makeServer();

} // namespace corridor::query::http

// What libcorridor-http.so exports, taken by name (dlsym) by http_loader.cpp: declared once here so
// that the module's definitions and the loader's pointer types cannot drift apart.
extern "C" {
void corridor_http_post(const corridor::query::http::FormPost* request, corridor::query::http::Answer* answer);
corridor::query::http::Server* corridor_http_make_server();
}
