#pragma once
// The four query forms (SPARQL 1.1 section 16), shared by the AST, the algebra and the writers.

namespace corridor::query {

enum class QueryForm { Select, Construct, Describe, Ask };

} // namespace corridor::query
