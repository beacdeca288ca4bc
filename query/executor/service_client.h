#pragma once
// What SERVICE asks of another SPARQL endpoint: a SELECT sent as text, its
// solutions back as terms. The executor only sees this interface; the HTTP
// client is in query/federation (and tests give their own).

#include "storage/term.h"

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace corridor::query::executor {

struct ServiceSolutions {
    std::vector<std::string> vars;                               // without '?'
    std::vector<std::vector<std::optional<storage::Term>>> rows; // one value (or none) per var
};

class ServiceClient {
public:
    virtual ~ServiceClient() = default;
    // Throws ServiceFailure (with a message fit for the user) when the endpoint
    // cannot be reached, answers with an error, or sends what is not a result.
    virtual ServiceSolutions select(const std::string& endpoint, const std::string& query,
                                    std::chrono::milliseconds timeout) = 0;
};

class ServiceFailure : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

} // namespace corridor::query::executor
