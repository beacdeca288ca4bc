// The request the HTTP module hands to `corridor serve` (query/http/http.h): headers by any
// letter case, repeated parameters by position.

#include "query/http/http.h"

#include <doctest/doctest.h>

using corridor::query::http::Request;

TEST_CASE("an HTTP request's headers are found by any letter case, its parameters by position") {
    Request r;
    r.headers = {{"content-type", "text/turtle"}, {"accept", "text/csv"}};
    r.params = {{"named-graph-uri", "http://ex/a"}, {"named-graph-uri", "http://ex/b"}, {"query", "ASK {}"}};
    CHECK(r.header("Content-Type") == "text/turtle");
    CHECK(r.header("ACCEPT") == "text/csv");
    CHECK(r.header("Authorization").empty());
    CHECK(r.hasParam("query"));
    CHECK_FALSE(r.hasParam("update"));
    CHECK(r.paramCount("named-graph-uri") == 2);
    CHECK(r.param("named-graph-uri") == "http://ex/a");
    CHECK(r.param("named-graph-uri", 1) == "http://ex/b");
    CHECK(r.param("named-graph-uri", 2).empty());
    CHECK(r.param("update").empty());
}
