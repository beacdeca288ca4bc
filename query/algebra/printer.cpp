#include "query/algebra/printer.h"

#include <fmt/format.h>

namespace corridor::query::algebra {

namespace {

const char* kindName(Expr::Kind k) {
    using K = Expr::Kind;
    switch (k) {
    case K::Or: return "||";
    case K::And: return "&&";
    case K::Not: return "!";
    case K::Equal: return "=";
    case K::NotEqual: return "!=";
    case K::Less: return "<";
    case K::Greater: return ">";
    case K::LessEqual: return "<=";
    case K::GreaterEqual: return ">=";
    case K::In: return "in";
    case K::NotIn: return "notin";
    case K::Add: return "+";
    case K::Subtract: return "-";
    case K::Multiply: return "*";
    case K::Divide: return "/";
    case K::UnaryPlus: return "+";
    case K::UnaryMinus: return "-";
    case K::Exists: return "exists";
    case K::NotExists: return "notexists";
    default: return "?";
    }
}

std::string var(const std::string& v) {
    return "?" + v;
}

std::string pathText(const Path& p) {
    using K = Path::Kind;
    auto items = [&](const char* op) {
        std::string out = fmt::format("({}", op);
        for (const auto& i : p.items) out += " " + pathText(*i);
        return out + ")";
    };
    switch (p.kind) {
    case K::Iri: return p.iri.toNTriples();
    case K::Inverse: return items("reverse");
    case K::Sequence: return items("seq");
    case K::Alternative: return items("alt");
    case K::ZeroOrMore: return items("path*");
    case K::OneOrMore: return items("path+");
    case K::ZeroOrOne: return items("path?");
    case K::NegatedSet: return items("notoneof");
    }
    return "?";
}

void print(const Node& n, std::string& out, int depth);

std::string triple(const TriplePattern& t) {
    return fmt::format("(triple {} {} {})", termText(t.subject), t.path ? pathText(*t.path) : termText(t.predicate),
                       termText(t.object));
}

} // namespace

std::string traceHeader(const TraceSpec& t) {
    using Mode = TraceSpec::Mode;
    auto end = [&](const char* which, const TraceEnd& e) {
        switch (e.kind) {
        case TraceEnd::Kind::Node: return fmt::format("({} {})", which, e.term.toNTriples());
        case TraceEnd::Kind::Label: return fmt::format("({} (label {}))", which, e.term.toNTriples());
        case TraceEnd::Kind::Variable: break;
        }
        return fmt::format("({} ?{}{})", which, e.var, e.hasPattern ? " (where ?" + e.patternVar + ")" : "");
    };
    std::string out = fmt::format("(trace ?{} {} {}", t.pathVar, end("from", t.from), end("to", t.to));
    if (t.via)
        out += " (via " + pathText(*t.via) + ")";
    else
        out += fmt::format(" (step ?{} ?{})", t.stepFrom, t.stepTo);
    switch (t.mode) {
    case Mode::Shortest: out += " shortest"; break;
    case Mode::AllShortest: out += " all-shortest"; break;
    case Mode::KShortest: out += fmt::format(" (shortest {})", t.k); break;
    case Mode::All: out += " all"; break;
    }
    if (t.acyclic) out += " acyclic";
    if (t.sameAs) out += " sameas";
    if (t.minLength) out += fmt::format(" (min-length {})", *t.minLength);
    if (t.maxLength) out += fmt::format(" (max-length {})", *t.maxLength);
    if (t.scaleOrder == TraceSpec::ScaleOrder::Down) out += " scale-down";
    if (t.scaleOrder == TraceSpec::ScaleOrder::Up) out += " scale-up";
    if (!t.orderVar.empty())
        out += fmt::format(" ({} ?{})", t.orderDescending ? "descending" : "ascending", t.orderVar);
    if (!t.sameVar.empty()) out += fmt::format(" (same ?{})", t.sameVar);
    if (!t.noteVars.empty()) {
        out += " (note";
        for (const auto& n : t.noteVars) out += " ?" + n.first;
        out += ")";
    }
    for (const auto& c : t.counts) {
        using What = TraceSpec::CountLimit::What;
        std::string what = c.what == What::Countries ? "countries"
                           : c.what == What::Scales  ? "scales"
                                                     : "count-distinct " + c.property.toNTriples();
        out += fmt::format(" ({} {} {})", what, c.op, c.n);
    }
    if (t.maxStates) out += fmt::format(" (max-states {})", *t.maxStates);
    if (t.maxPaths) out += fmt::format(" (max-paths {})", *t.maxPaths);
    if (t.scaleProperty) out += " (scale-property " + t.scaleProperty->toNTriples() + ")";
    if (!t.scaleRanking.empty()) {
        out += " (scale-order";
        for (const auto& s : t.scaleRanking) out += " " + s.toNTriples();
        out += ")";
    }
    if (t.countryProperty) out += " (country-property " + t.countryProperty->toNTriples() + ")";
    if (!t.labelProperties.empty()) {
        out += " (label-property";
        for (const auto& l : t.labelProperties) out += " " + l.toNTriples();
        out += ")";
    }
    return out;
}

std::string termText(const VarOrTerm& t) {
    return t.isVariable ? var(t.var) : t.term.toNTriples();
}

std::string toSExpression(const Expr& e) {
    using K = Expr::Kind;
    switch (e.kind) {
    case K::Variable: return var(e.var);
    case K::Constant: return e.constant.toNTriples();
    case K::BuiltIn:
    case K::Function:
    case K::Aggregate: {
        std::string name = e.kind == K::Function ? "<" + e.name + ">" : e.name;
        std::string out = "(" + name;
        for (const auto& a : e.args) out += " " + toSExpression(*a);
        return out + ")";
    }
    case K::Exists:
    case K::NotExists: return fmt::format("({} {})", kindName(e.kind), toSExpression(*e.pattern));
    default: {
        std::string out = std::string("(") + kindName(e.kind);
        for (const auto& a : e.args) out += " " + toSExpression(*a);
        return out + ")";
    }
    }
}

namespace {

void print(const Node& n, std::string& out, int depth) {
    std::string pad(2 * depth, ' ');
    auto children = [&] {
        for (const auto& c : n.children) {
            out += "\n";
            print(*c, out, depth + 1);
        }
        out += ")";
    };
    auto exprs = [&] {
        std::string s;
        for (std::size_t i = 0; i < n.exprs.size(); ++i) s += (i ? " " : "") + toSExpression(*n.exprs[i]);
        return n.exprs.size() == 1 ? s : "(exprlist " + s + ")";
    };
    out += pad;
    switch (n.op) {
    case Op::Bgp:
        out += "(bgp";
        for (const auto& t : n.triples) out += " " + triple(t);
        out += ")";
        return;
    case Op::Path: out += "(path " + triple(n.triples[0]).substr(8); return;
    case Op::Join: out += "(join"; break;
    case Op::LeftJoin:
        out += "(leftjoin";
        children();
        if (!n.exprs.empty()) {
            out.pop_back();
            out += "\n" + pad + "  " + exprs() + ")";
        }
        return;
    case Op::Filter: out += "(filter " + exprs(); break;
    case Op::Union: out += "(union"; break;
    case Op::Minus: out += "(minus"; break;
    case Op::Graph: out += "(graph " + termText(n.graph); break;
    case Op::Service: out += "(service " + termText(n.graph); break;
    case Op::Extend: out += fmt::format("(extend ((?{} {}))", n.var, toSExpression(*n.expr)); break;
    case Op::Values: {
        out += "(table (vars";
        for (const auto& v : n.values->vars) out += " ?" + v;
        out += ")";
        for (const auto& row : n.values->rows) {
            out += " (row";
            for (std::size_t i = 0; i < row.size(); ++i)
                if (row[i]) out += fmt::format(" [?{} {}]", n.values->vars[i], row[i]->toNTriples());
            out += ")";
        }
        out += ")";
        return;
    }
    case Op::Group: {
        out += "(group (";
        for (std::size_t i = 0; i < n.groupKeys.size(); ++i)
            out += fmt::format("{}(?{} {})", i ? " " : "", n.groupVars[i], toSExpression(*n.groupKeys[i]));
        out += ") (";
        for (std::size_t i = 0; i < n.aggregates.size(); ++i) {
            const auto& a = n.aggregates[i];
            out += fmt::format("{}(?{} ({}{} {}))", i ? " " : "", a.outVar, a.function, a.distinct ? " distinct" : "",
                               a.arg ? toSExpression(*a.arg) : "*");
        }
        out += ")";
        break;
    }
    case Op::OrderBy: {
        out += "(order (";
        for (std::size_t i = 0; i < n.order.size(); ++i)
            out += fmt::format("{}{}", i ? " " : "",
                               n.order[i].descending ? "(desc " + toSExpression(*n.order[i].expr) + ")"
                                                     : toSExpression(*n.order[i].expr));
        out += ")";
        if (n.limit) out += fmt::format(" (first {})", *n.limit);
        break;
    }
    case Op::Project: {
        out += "(project (";
        for (std::size_t i = 0; i < n.projection.size(); ++i) out += (i ? " ?" : "?") + n.projection[i];
        out += ")";
        break;
    }
    case Op::Distinct: out += "(distinct"; break;
    case Op::Reduced: out += "(reduced"; break;
    case Op::Slice: out += fmt::format("(slice {} {}", n.offset, n.limit ? std::to_string(*n.limit) : "_"); break;
    case Op::Trace: out += traceHeader(*n.trace); break;
    }
    children();
}

} // namespace

std::string toSExpression(const Node& node) {
    std::string out;
    print(node, out, 0);
    return out;
}

std::string toSExpression(const Query& q) {
    return toSExpression(*q.root);
}

} // namespace corridor::query::algebra
