#pragma once
// SERVICE over HTTP: the SPARQL 1.1 Protocol's query operation (a form-encoded
// POST), asking for SPARQL JSON results, with cpp-httplib's client (http and
// https through OpenSSL). Redirects are followed; the timeout bounds connecting
// and reading both.

#include "query/executor/service_client.h"

namespace corridor::query::federation {

class HttpServiceClient : public executor::ServiceClient {
public:
    executor::ServiceSolutions select(const std::string& endpoint, const std::string& query,
                                      std::chrono::milliseconds timeout) override;
};

// SPARQL 1.1 Query Results JSON, read into terms; throws ServiceFailure when it is not that.
executor::ServiceSolutions parseJsonResults(const std::string& body);

} // namespace corridor::query::federation
