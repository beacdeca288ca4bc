// Fuzz target: the query language front end (text checks, ANTLR parse, AST,
// algebra, rewrites) on arbitrary bytes. Errors are fine; crashes, hangs and
// sanitizer reports are not.

#include "query/algebra/translate.h"
#include "query/ast/parse.h"
#include "query/planner/rewrites.h"
#include "query/update/update.h"
#include "storage/error.h"

#include <cstddef>
#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace corridor;
    std::string text(reinterpret_cast<const char*>(data), size);
    try {
        query::ast::ParseOptions options;
        options.prefixes = query::ast::builtinPrefixes();
        options.baseIri = "http://fuzz.example/";
        auto unit = query::ast::parse(text, options);
        if (unit.query) query::planner::rewriteQuery(query::algebra::translate(*unit.query, unit.text));
        if (unit.update) query::translateUpdate(*unit.update, unit.text, options.baseIri);
    } catch (const Error&) {}
    return 0;
}
