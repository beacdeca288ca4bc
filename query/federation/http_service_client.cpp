#include "query/federation/http_service_client.h"

#include "query/http/http.h"

#include <fmt/format.h>
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
    http::FormPost request;
    request.origin = where.origin;
    request.target = where.target;
    request.timeout = timeout;
    request.headers = {{"Accept", "application/sparql-results+json"},
                       {"User-Agent", "corridor (SPARQL SERVICE; https://w3id.org/corridor)"}};
    request.form = {{"query", query}};
    http::Answer res = http::post(request);
    if (!res.failure.empty()) throw ServiceFailure(fmt::format("no answer: {}", res.failure));
    if (res.status != 200)
        throw ServiceFailure(fmt::format("the endpoint answered {}: {}", res.status, firstLine(res.body)));
    const std::string& type = res.contentType;
    if (type.find("json") == std::string::npos)
        throw ServiceFailure(fmt::format("the endpoint answered with {} instead of SPARQL JSON results",
                                         type.empty() ? "no content type" : type));
    return parseJsonResults(res.body);
}

} // namespace corridor::query::federation
