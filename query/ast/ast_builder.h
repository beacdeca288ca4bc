#pragma once
// Internal to query/ast: turns ANTLR's parse tree into the AST. One method per
// grammar rule it handles, spread over ast_builder_{query,pattern,path,
// expression,terms,update}.cpp. The only code (with parse.cpp and
// syntax_errors.cpp) that includes generated headers.

#include "CorridorParser.h"
#include "query/ast/ast.h"

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::query::ast {

using P = grammar::CorridorParser;

class AstBuilder {
public:
    AstBuilder(std::string_view text, std::string baseIri,
               const std::vector<std::pair<std::string, std::string>>& prefixes);

    Unit build(P::UnitContext* unit);

private:
    // ---- query (ast_builder_query.cpp)
    void prologue(P::PrologueContext* ctx);
    std::shared_ptr<Query> selectQuery(P::SelectQueryContext* ctx);
    std::shared_ptr<Query> subSelect(P::SubSelectContext* ctx);
    void selectClause(P::SelectClauseContext* ctx, Query& q);
    std::shared_ptr<Query> constructQuery(P::ConstructQueryContext* ctx);
    std::shared_ptr<Query> describeQuery(P::DescribeQueryContext* ctx);
    std::shared_ptr<Query> askQuery(P::AskQueryContext* ctx);
    void datasetClause(P::DatasetClauseContext* ctx, Query& q);
    void solutionModifier(P::SolutionModifierContext* ctx, Query& q);
    std::shared_ptr<const InlineData> dataBlock(P::DataBlockContext* ctx);
    std::optional<Term> dataBlockValue(P::DataBlockValueContext* ctx);

    // ---- graph patterns (ast_builder_pattern.cpp)
    std::shared_ptr<const GroupPattern> groupGraphPattern(P::GroupGraphPatternContext* ctx);
    void graphPatternNotTriples(P::GraphPatternNotTriplesContext* ctx, GroupPattern& group);
    void triplesBlock(P::TriplesBlockContext* ctx, std::vector<TriplePattern>& out);
    void triplesSameSubjectPath(P::TriplesSameSubjectPathContext* ctx, std::vector<TriplePattern>& out);
    void propertyListPathNotEmpty(P::PropertyListPathNotEmptyContext* ctx, const VarOrTerm& subject,
                                  std::vector<TriplePattern>& out);
    VarOrTerm graphNodePath(P::GraphNodePathContext* ctx, std::vector<TriplePattern>& out);
    VarOrTerm triplesNodePath(P::TriplesNodePathContext* ctx, std::vector<TriplePattern>& out);
    // Template triples (CONSTRUCT, update data): no paths.
    void triplesSameSubject(P::TriplesSameSubjectContext* ctx, std::vector<TriplePattern>& out);
    void propertyListNotEmpty(P::PropertyListNotEmptyContext* ctx, const VarOrTerm& subject,
                              std::vector<TriplePattern>& out);
    VarOrTerm graphNode(P::GraphNodeContext* ctx, std::vector<TriplePattern>& out);
    VarOrTerm triplesNode(P::TriplesNodeContext* ctx, std::vector<TriplePattern>& out);
    void triplesTemplate(P::TriplesTemplateContext* ctx, std::vector<TriplePattern>& out);
    void constructTriples(P::ConstructTriplesContext* ctx, std::vector<TriplePattern>& out);
    VarOrTerm verb(P::VerbContext* ctx);
    template <typename Node, typename BuildNode>
    VarOrTerm collectionOf(const std::vector<Node*>& nodes, antlr4::ParserRuleContext* ctx,
                           std::vector<TriplePattern>& out, BuildNode build);

    // ---- TRACE (ast_builder_trace.cpp)
    std::shared_ptr<const TracePattern> trace(P::TraceContext* ctx);
    std::shared_ptr<Query> traceQuery(P::TraceQueryContext* ctx);
    TraceEnd traceEnd(P::TraceEndContext* ctx, TracePattern& t);
    void traceOption(P::TraceOptionContext* ctx, TracePattern& t, std::set<std::string>& seen);
    void checkViaPath(const Path& p);

    // ---- paths (ast_builder_path.cpp)
    PathPtr path(P::PathContext* ctx);
    PathPtr pathAlternative(P::PathAlternativeContext* ctx);
    PathPtr pathSequence(P::PathSequenceContext* ctx);
    PathPtr pathEltOrInverse(P::PathEltOrInverseContext* ctx);
    PathPtr pathElt(P::PathEltContext* ctx);
    PathPtr pathPrimary(P::PathPrimaryContext* ctx);
    PathPtr pathOneInPropertySet(P::PathOneInPropertySetContext* ctx);

    // ---- expressions (ast_builder_expression.cpp)
    ExprPtr expression(P::ExpressionContext* ctx);
    ExprPtr conditionalOr(P::ConditionalOrExpressionContext* ctx);
    ExprPtr conditionalAnd(P::ConditionalAndExpressionContext* ctx);
    ExprPtr relational(P::RelationalExpressionContext* ctx);
    ExprPtr additive(P::AdditiveExpressionContext* ctx);
    ExprPtr multiplicative(P::MultiplicativeExpressionContext* ctx);
    ExprPtr unary(P::UnaryExpressionContext* ctx);
    ExprPtr primary(P::PrimaryExpressionContext* ctx);
    ExprPtr builtInCall(P::BuiltInCallContext* ctx);
    ExprPtr aggregate(P::AggregateContext* ctx);
    ExprPtr functionCall(P::IriContext* iri, P::ArgListContext* args, antlr4::ParserRuleContext* ctx);
    ExprPtr constraint(P::ConstraintContext* ctx);
    std::vector<ExprPtr> expressionList(P::ExpressionListContext* ctx);
    ExprPtr constant(Term term, antlr4::ParserRuleContext* ctx);
    ExprPtr variable(P::VarContext* ctx);

    // ---- terms (ast_builder_terms.cpp)
    Term iri(P::IriContext* ctx);
    Term iriFromToken(antlr4::tree::TerminalNode* token);
    Term prefixedName(antlr4::Token* token);
    Term rdfLiteral(P::RdfLiteralContext* ctx);
    Term numericLiteral(P::NumericLiteralContext* ctx);
    Term numericToken(antlr4::Token* token);
    Term booleanLiteral(P::BooleanLiteralContext* ctx);
    std::string stringValue(P::StringLiteralContext* ctx);
    VarOrTerm var(P::VarContext* ctx);
    // A variable's name; inside a TRACE's patterns, with the trace-local prefix.
    std::string varName(P::VarContext* ctx) const;
    VarOrTerm varOrTerm(P::VarOrTermContext* ctx);
    VarOrTerm varOrIri(P::VarOrIriContext* ctx);
    VarOrTerm graphTerm(P::GraphTermContext* ctx);
    VarOrTerm blankNode(P::BlankNodeContext* ctx);
    VarOrTerm freshBlank(antlr4::ParserRuleContext* ctx);
    std::string serviceQuery(P::GroupGraphPatternContext* ctx) const;
    std::string resolveRelative(std::string_view iri) const;

    // ---- update (ast_builder_update.cpp)
    void update(P::UpdateContext* ctx, Update& out);
    UpdateOperation update1(P::Update1Context* ctx);
    std::vector<QuadPattern> quads(P::QuadsContext* ctx, bool allowVariables, bool allowBlanks, const char* what);
    GraphTarget graphOrDefault(P::GraphOrDefaultContext* ctx);
    GraphTarget graphRefAll(P::GraphRefAllContext* ctx);

    // ---- helpers
    static constexpr int kMaxExpressionDepth = 1000;
    ExprPtr make(Expression::Kind kind, std::vector<ExprPtr> args, SourceSpan span) const;
    std::shared_ptr<Expression> withDepth(std::shared_ptr<Expression> e) const;
    SourceSpan span(antlr4::ParserRuleContext* ctx) const;
    SourceSpan span(antlr4::Token* token) const;
    [[noreturn]] void fail(const std::string& message, const SourceSpan& where) const;
    [[noreturn]] void unsupported(const std::string& message, const SourceSpan& where) const;
    // Blank node labels may not be shared by two basic graph patterns.
    void noteBlankLabel(const std::string& label, const SourceSpan& where);

    std::string_view text_;
    std::string base_;
    std::map<std::string, std::string> prefixes_;
    int freshCounter_ = 0;
    int bgpCounter_ = 0;      // which basic graph pattern triples currently belong to
    bool inTemplate_ = false; // CONSTRUCT or update templates: labels are not checked
    std::map<std::string, int> blankLabelBgp_;
    int updateOperation_ = -1;    // index of the update operation being built, -1 in queries
    bool loadSource_ = false;     // building LOAD's source IRI (a path may be relative)
    bool templateLabels_ = false; // building a DELETE/INSERT template
    std::map<std::string, int> updateLabelOperation_;
    std::vector<std::pair<std::string, std::string>> declared_;
    std::string localPrefix_; // set while building a TRACE's step and endpoint patterns
    int traceCounter_ = 0;
};

} // namespace corridor::query::ast
