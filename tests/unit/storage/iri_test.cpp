#include "storage/rdf_io/iri.h"

#include <doctest/doctest.h>

using namespace corridor::storage::rdf_io;

TEST_CASE("RFC 3986 section 5.4 reference resolution examples") {
    const char* base = "http://a/b/c/d;p?q";
    struct Case {
        const char* ref;
        const char* expected;
    };
    const Case cases[] = {
        {"g:h", "g:h"},
        {"g", "http://a/b/c/g"},
        {"./g", "http://a/b/c/g"},
        {"g/", "http://a/b/c/g/"},
        {"/g", "http://a/g"},
        {"//g", "http://g"},
        {"?y", "http://a/b/c/d;p?y"},
        {"g?y", "http://a/b/c/g?y"},
        {"#s", "http://a/b/c/d;p?q#s"},
        {"g#s", "http://a/b/c/g#s"},
        {"g?y#s", "http://a/b/c/g?y#s"},
        {";x", "http://a/b/c/;x"},
        {"g;x", "http://a/b/c/g;x"},
        {"", "http://a/b/c/d;p?q"},
        {".", "http://a/b/c/"},
        {"./", "http://a/b/c/"},
        {"..", "http://a/b/"},
        {"../", "http://a/b/"},
        {"../g", "http://a/b/g"},
        {"../..", "http://a/"},
        {"../../", "http://a/"},
        {"../../g", "http://a/g"},
        // abnormal examples
        {"../../../g", "http://a/g"},
        {"../../../../g", "http://a/g"},
        {"/./g", "http://a/g"},
        {"/../g", "http://a/g"},
        {"g.", "http://a/b/c/g."},
        {".g", "http://a/b/c/.g"},
        {"g..", "http://a/b/c/g.."},
        {"..g", "http://a/b/c/..g"},
        {"./../g", "http://a/b/g"},
        {"./g/.", "http://a/b/c/g/"},
        {"g/./h", "http://a/b/c/g/h"},
        {"g/../h", "http://a/b/c/h"},
        {"g;x=1/./y", "http://a/b/c/g;x=1/y"},
        {"g;x=1/../y", "http://a/b/c/y"},
        {"g?y/./x", "http://a/b/c/g?y/./x"},
        {"g?y/../x", "http://a/b/c/g?y/../x"},
        {"g#s/./x", "http://a/b/c/g#s/./x"},
        {"g#s/../x", "http://a/b/c/g#s/../x"},
        {"http:g", "http:g"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.ref);
        CHECK(resolveIri(base, c.ref) == c.expected);
    }
}

TEST_CASE("base IRIs without a path and with fragments") {
    CHECK(resolveIri("http://a", "b") == "http://a/b");
    CHECK(resolveIri("http://a/b#frag", "#x") == "http://a/b#x");
    CHECK(resolveIri("file:///tmp/case.ttl", "zone") == "file:///tmp/zone");
}

TEST_CASE("scheme detection") {
    CHECK(hasScheme("http://x"));
    CHECK(hasScheme("urn:isbn:1"));
    CHECK(hasScheme("a+b-c.d:x"));
    CHECK_FALSE(hasScheme("/abs/path"));
    CHECK(hasScheme("rel:ative/../x"));
    CHECK_FALSE(hasScheme("1abc:x"));
    CHECK_FALSE(hasScheme("noscheme"));
}
