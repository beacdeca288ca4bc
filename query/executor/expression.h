#pragma once
// Expressions compiled against row slots, and their evaluation (section 17):
// errors are values (nullopt), never exceptions.

#include "query/algebra/algebra.h"
#include "query/executor/operator.h"
#include "query/functions/registry.h"

#include <cstdint>
#include <memory>
#include <optional>

namespace corridor::query::executor {

struct CompiledExpr {
    algebra::Expr::Kind kind = algebra::Expr::Kind::Constant;
    int slot = -1; // Variable
    Term constant; // Constant
    // Constant: its value when it is a canonical xsd:integer that a store id can hold (compared
    // with a row's inline integers without making terms; see storage/term_id.h).
    std::optional<std::int64_t> inlineInteger;
    std::string name; // built-in or function name (for explain)
    functions::Function fn = nullptr;
    std::vector<CompiledExpr> args;
    std::shared_ptr<Operator> exists; // EXISTS / NOT EXISTS: the pattern, opened with the row
};

std::optional<Term> evaluate(const CompiledExpr& e, const TermId* row, ExecContext& ctx);
// Effective boolean value; an error counts as false (FILTER semantics).
bool holds(const CompiledExpr& e, const TermId* row, ExecContext& ctx);

} // namespace corridor::query::executor
