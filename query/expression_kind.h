#pragma once
// The kinds of expression node, shared by the AST (what the query says) and the algebra (what
// translate makes of it): a vocabulary of operators, not a structure of either.

namespace corridor::query {

enum class ExpressionKind {
    Variable,
    Constant,
    Or,
    And,
    Not,
    Equal,
    NotEqual,
    Less,
    Greater,
    LessEqual,
    GreaterEqual,
    In,
    NotIn,
    Add,
    Subtract,
    Multiply,
    Divide,
    UnaryPlus,
    UnaryMinus,
    BuiltIn,   // name = upper-case keyword ("STR", "REGEX", ...)
    Function,  // name = function IRI (casts, extension functions)
    Aggregate, // name = COUNT, SUM, MIN, MAX, AVG, SAMPLE, GROUP_CONCAT
    Exists,
    NotExists,
};

} // namespace corridor::query
