#include "query/federation/http_service_client.h"

#include <fmt/format.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

namespace corridor::query::federation {

using executor::ServiceFailure;
using executor::ServiceSolutions;

namespace {

struct Endpoint {
    std::string origin; // scheme://host[:port]
    std::string target; // path and query string
};

Endpoint splitEndpoint(const std::string& iri) {
    auto scheme = iri.find("://");
    if (scheme == std::string::npos || (iri.compare(0, scheme, "http") != 0 && iri.compare(0, scheme, "https") != 0))
        throw ServiceFailure("only http and https endpoints can be asked");
    auto slash = iri.find('/', scheme + 3);
    if (slash == std::string::npos) return {iri, "/"};
    return {iri.substr(0, slash), iri.substr(slash)};
}

std::string firstLine(const std::string& text) {
    std::string line = text.substr(0, text.find('\n'));
    if (line.size() > 200) line = line.substr(0, 200) + "…";
    return line;
}

storage::Term termOf(const nlohmann::json& v) {
    const std::string type = v.at("type").get<std::string>();
    std::string value = v.at("value").get<std::string>();
    if (type == "uri") return storage::Term::iri(std::move(value));
    if (type == "bnode") return storage::Term::blank(std::move(value));
    if (type == "literal" || type == "typed-literal") {
        if (auto lang = v.find("xml:lang"); lang != v.end())
            return storage::Term::langLiteral(std::move(value), lang->get<std::string>());
        if (auto dt = v.find("datatype"); dt != v.end())
            return storage::Term::literal(std::move(value), dt->get<std::string>());
        return storage::Term::literal(std::move(value));
    }
    throw ServiceFailure(fmt::format("a value of unknown type '{}'", type));
}

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

} // namespace

ServiceSolutions parseJsonResults(const std::string& body) {
    ServiceSolutions out;
    try {
        auto doc = nlohmann::json::parse(body);
        for (const auto& v : doc.at("head").at("vars")) out.vars.push_back(v.get<std::string>());
        for (const auto& binding : doc.at("results").at("bindings")) {
            std::vector<std::optional<storage::Term>> row(out.vars.size());
            for (std::size_t i = 0; i < out.vars.size(); ++i)
                if (auto it = binding.find(out.vars[i]); it != binding.end()) row[i] = termOf(*it);
            out.rows.push_back(std::move(row));
        }
    } catch (const nlohmann::json::exception& e) {
        throw ServiceFailure(fmt::format("the answer is not SPARQL JSON results ({})", e.what()));
    }
    return out;
}

ServiceSolutions HttpServiceClient::select(const std::string& endpoint, const std::string& query,
                                           std::chrono::milliseconds timeout) {
    Endpoint where = splitEndpoint(endpoint);
    httplib::Client client(where.origin);
    if (!client.is_valid()) throw ServiceFailure("the endpoint's address cannot be used");
    auto seconds = std::chrono::duration_cast<std::chrono::seconds>(timeout);
    auto micros = std::chrono::duration_cast<std::chrono::microseconds>(timeout - seconds);
    client.set_connection_timeout(seconds.count(), static_cast<time_t>(micros.count()));
    client.set_read_timeout(seconds.count(), static_cast<time_t>(micros.count()));
    client.set_write_timeout(seconds.count(), static_cast<time_t>(micros.count()));
    client.set_follow_location(true);
    client.set_tcp_nodelay(true);
    httplib::Headers headers = {{"Accept", "application/sparql-results+json"},
                                {"User-Agent", "corridor (SPARQL SERVICE; https://w3id.org/corridor)"}};
    httplib::Params form = {{"query", query}};
    auto res = client.Post(where.target, headers, form);
    if (!res) throw ServiceFailure(fmt::format("no answer: {}", describe(res.error())));
    if (res->status != 200)
        throw ServiceFailure(fmt::format("the endpoint answered {}: {}", res->status, firstLine(res->body)));
    std::string type = res->get_header_value("Content-Type");
    if (type.find("json") == std::string::npos)
        throw ServiceFailure(fmt::format("the endpoint answered with {} instead of SPARQL JSON results",
                                         type.empty() ? "no content type" : type));
    return parseJsonResults(res->body);
}

} // namespace corridor::query::federation
