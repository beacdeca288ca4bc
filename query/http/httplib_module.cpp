// libcorridor-http.so: query/http/http.h done with cpp-httplib (http and https through OpenSSL).
// The only file that sees httplib; opened by http_loader.cpp when HTTP is first needed.

#include "query/http/http.h"

#include <httplib.h>
#include <stdexcept>

namespace {

using namespace corridor::query::http;

// httplib's error names, as a user would say them.
std::string describe(httplib::Error error) {
    switch (error) {
    case httplib::Error::Connection: return "cannot connect";
    case httplib::Error::Read: return "the connection broke or timed out while reading the answer";
    case httplib::Error::Write: return "the connection broke or timed out while sending the request";
    case httplib::Error::ConnectionTimeout: return "connecting timed out";
    case httplib::Error::SSLConnection: return "the TLS connection failed";
    case httplib::Error::SSLServerVerification: return "the server's TLS certificate is not trusted here";
    case httplib::Error::ExceedRedirectCount: return "too many redirects";
    default: return httplib::to_string(error);
    }
}

Request convert(const httplib::Request& in) {
    Request out;
    out.method = in.method;
    out.path = in.path;
    out.body = in.body;
    out.remoteAddr = in.remote_addr;
    out.localAddr = in.local_addr;
    out.localPort = in.local_port;
    for (const auto& [name, value] : in.headers) out.headers.emplace(headerName(name), value);
    out.params.insert(in.params.begin(), in.params.end());
    out.multipart = in.is_multipart_form_data();
    for (const auto& [name, file] : in.files)
        out.files.push_back({name, file.filename, file.content_type, file.content});
    return out;
}

void apply(Response& from, httplib::Response& to) {
    to.status = from.status;
    for (auto& [name, value] : from.headers) to.set_header(name, value);
    if (!from.contentType.empty() || !from.body.empty()) to.set_content(std::move(from.body), from.contentType);
}

class HttplibServer : public Server {
public:
    HttplibServer() {
        // Without TCP_NODELAY a small answer waits for the client's delayed ACK: 40 ms a request.
        http_.set_tcp_nodelay(true);
    }
    void route(const std::string& method, const std::string& pattern, Handler handler) override {
        auto call = [handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
            Response out;
            handler(convert(req), out);
            apply(out, res);
        };
        if (method == "GET")
            http_.Get(pattern, call);
        else if (method == "POST")
            http_.Post(pattern, call);
        else if (method == "PUT")
            http_.Put(pattern, call);
        else if (method == "DELETE")
            http_.Delete(pattern, call);
        else if (method == "OPTIONS")
            http_.Options(pattern, call);
        else
            throw std::invalid_argument("no route for the HTTP method " + method);
    }
    void addToEveryResponse(Fields headers) override {
        http_.set_post_routing_handler([headers = std::move(headers)](const httplib::Request&, httplib::Response& res) {
            for (const auto& [name, value] : headers) res.set_header(name, value);
        });
    }
    void log(std::function<void(const Exchange&)> logger) override {
        http_.set_logger([logger = std::move(logger)](const httplib::Request& req, const httplib::Response& res) {
            logger(Exchange{req.remote_addr, req.method, req.path, res.status, res.body.size()});
        });
    }
    void limits(std::size_t threads, std::size_t maxRequestBytes) override {
        http_.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
        http_.set_payload_max_length(maxRequestBytes);
    }
    int bindToAnyPort(const std::string& host) override { return http_.bind_to_any_port(host); }
    bool bindToPort(const std::string& host, int port) override { return http_.bind_to_port(host, port); }
    void listenAfterBind() override { http_.listen_after_bind(); }
    void stop() override { http_.stop(); }

private:
    httplib::Server http_;
};

} // namespace

extern "C" {

// The entry points (declared in http.h) that http_loader.cpp takes by name.
void corridor_http_post(const FormPost* request, Answer* answer) {
    httplib::Client client(request->origin);
    if (!client.is_valid()) {
        answer->failure = "the endpoint's address cannot be used";
        return;
    }
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(request->timeout);
    auto micros = std::chrono::duration_cast<std::chrono::microseconds>(request->timeout - seconds);
    client.set_connection_timeout(seconds.count(), static_cast<time_t>(micros.count()));
    client.set_read_timeout(seconds.count(), static_cast<time_t>(micros.count()));
    client.set_write_timeout(seconds.count(), static_cast<time_t>(micros.count()));
    client.set_follow_location(true);
    client.set_tcp_nodelay(true);
    httplib::Headers headers(request->headers.begin(), request->headers.end());
    httplib::Params form(request->form.begin(), request->form.end());
    auto res = client.Post(request->target, headers, form);
    if (!res) {
        answer->failure = describe(res.error());
        return;
    }
    answer->status = res->status;
    answer->contentType = res->get_header_value("Content-Type");
    answer->body = std::move(res->body);
}

Server* corridor_http_make_server() {
    return new HttplibServer();
}
}
