#include "cases/link_store.h"

#include "cases/case_profile.h"
#include "cases/link_candidates.h"
#include "storage/error.h"
#include "storage/key_codec.h"
#include "storage/vocabulary.h"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <set>
#include <xxhash.h>

namespace corridor::cases {

namespace {
using storage::Term;
using storage::TermId;

constexpr std::string_view kRdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
constexpr std::string_view kProv = "http://www.w3.org/ns/prov#";
constexpr std::string_view kDcterms = "http://purl.org/dc/terms/";
constexpr std::string_view kSameAs = storage::vocab::kOwlSameAs;
constexpr std::string_view kCloseMatch = storage::vocab::kSkosCloseMatch;

std::string cat(std::string_view a, std::string_view b) {
    return std::string(a) + std::string(b);
}

class Stager {
public:
    Stager(storage::WriteTxn& txn, const std::string& graph) : txn_(txn), graph_(txn.intern(Term::iri(graph))) {}
    void add(const std::string& s, std::string_view p, const Term& o) {
        storage::QuadIds q;
        q.ids[storage::kSubject] = txn_.intern(Term::iri(s));
        q.ids[storage::kPredicate] = txn_.intern(Term::iri(std::string(p)));
        q.ids[storage::kObject] = txn_.intern(o);
        q.ids[storage::kGraph] = graph_;
        txn_.insert(q);
    }

private:
    storage::WriteTxn& txn_;
    TermId graph_;
};
} // namespace

std::string stageLinks(storage::WriteTxn& txn, const std::vector<AcceptedLink>& links, const LinkRun& run) {
    // The run's id: its time, and a hash of what it links (two runs in the same second differ).
    std::string stamp;
    for (char c : run.when)
        if (c != '-' && c != ':') stamp.push_back(c);
    std::string content;
    for (const auto& link : links) content += link.a + " " + link.b + (link.sameAs ? " =\n" : " ~\n");
    stamp += fmt::format("-{:08x}", static_cast<std::uint32_t>(XXH3_64bits(content.data(), content.size())));
    std::string runIri = cat(iri::kId, "linkrun-" + stamp);
    Stager st(txn, run.linksGraph);
    st.add(runIri, iri::kRdfType, Term::iri(cat(kProv, "Activity")));
    st.add(runIri, cat(kProv, "startedAtTime"), Term::literal(run.when, cat(iri::kXsd, "dateTime")));
    st.add(runIri, cat(kDcterms, "creator"), Term::literal(run.who));
    st.add(runIri, iri::kRdfsLabel, Term::literal(fmt::format("corridor link --accept, {}", run.when)));
    for (const auto& link : links) {
        std::string property(link.sameAs ? kSameAs : kCloseMatch);
        st.add(link.a, property, Term::iri(link.b));
        std::string statement = cat(iri::kId, "link-" + linkPairId(link.a, link.b) + "-" + stamp);
        st.add(statement, iri::kRdfType, Term::iri(cat(kRdf, "Statement")));
        st.add(statement, cat(kRdf, "subject"), Term::iri(link.a));
        st.add(statement, cat(kRdf, "predicate"), Term::iri(property));
        st.add(statement, cat(kRdf, "object"), Term::iri(link.b));
        st.add(statement, cat(iri::kPmz, "matchScore"),
               Term::literal(fmt::format("{:.2f}", link.score), cat(iri::kXsd, "decimal")));
        if (!link.reason.empty())
            st.add(statement, "http://www.w3.org/2000/01/rdf-schema#comment", Term::literal(link.reason));
        st.add(statement, cat(kDcterms, "creator"), Term::literal(run.who));
        st.add(statement, cat(kDcterms, "created"), Term::literal(run.when, cat(iri::kXsd, "dateTime")));
        st.add(statement, cat(kProv, "wasGeneratedBy"), Term::iri(runIri));
    }
    return runIri;
}

UndoSummary stageUndo(storage::WriteTxn& txn, const std::string& which, const std::string& linksGraph) {
    auto view = txn.read();
    auto graph = view->lookup(Term::iri(linksGraph));
    auto started = view->lookup(Term::iri(cat(kProv, "startedAtTime")));
    auto generated = view->lookup(Term::iri(cat(kProv, "wasGeneratedBy")));
    UndoSummary summary;
    if (!graph || !started || !generated) throw DataError(fmt::format("no accepted links to undo in <{}>", linksGraph));
    auto scan = [&](std::optional<TermId> s, std::optional<TermId> p, std::optional<TermId> o) {
        storage::QuadPattern pattern{};
        pattern[storage::kSubject] = s;
        pattern[storage::kPredicate] = p;
        pattern[storage::kObject] = o;
        pattern[storage::kGraph] = *graph;
        std::vector<storage::QuadIds> out;
        auto it = view->scan(pattern);
        storage::QuadIds q;
        while (it.next(q)) out.push_back(q);
        return out;
    };
    // The runs, by start time.
    std::map<std::string, TermId> runs; // time + IRI -> id
    std::map<TermId, std::string> runIris;
    for (const auto& q : scan(std::nullopt, started, std::nullopt)) {
        std::string iriText = view->resolve(q.s()).value;
        runs[view->resolve(q.o()).value + " " + iriText] = q.s();
        runIris[q.s()] = iriText;
    }
    std::vector<TermId> chosen;
    if (which == "all") {
        for (const auto& [key, id] : runs) chosen.push_back(id);
    } else if (which == "last") {
        if (!runs.empty()) chosen.push_back(runs.rbegin()->second);
    } else {
        for (const auto& [id, iriText] : runIris)
            if (iriText == which || iriText.ends_with("/" + which)) chosen.push_back(id);
    }
    if (chosen.empty()) {
        std::string known;
        for (const auto& [key, id] : runs) known += (known.empty() ? "" : ", ") + runIris[id].substr(iri::kId.size());
        throw DataError(fmt::format("no link run '{}' in <{}>{}", which, linksGraph,
                                    known.empty() ? std::string(" (it holds none)") : " (runs: " + known + ")"));
    }
    auto subjectOf = view->lookup(Term::iri(cat(kRdf, "subject")));
    auto predicateOf = view->lookup(Term::iri(cat(kRdf, "predicate")));
    auto objectOf = view->lookup(Term::iri(cat(kRdf, "object")));
    auto single = [&](TermId s, std::optional<TermId> p) -> std::optional<TermId> {
        if (!p) return std::nullopt;
        auto qs = scan(s, p, std::nullopt);
        return qs.empty() ? std::nullopt : std::optional<TermId>(qs.front().o());
    };
    std::set<TermId> removedStatements;
    std::set<std::array<TermId, 3>> asserted;
    for (TermId run : chosen) {
        summary.runs.push_back(runIris[run]);
        for (const auto& q : scan(std::nullopt, generated, run)) {
            removedStatements.insert(q.s());
            auto s = single(q.s(), subjectOf), p = single(q.s(), predicateOf), o = single(q.s(), objectOf);
            if (s && p && o) asserted.insert({*s, *p, *o});
        }
        for (const auto& q : scan(run, std::nullopt, std::nullopt)) txn.remove(q);
    }
    for (TermId statement : removedStatements)
        for (const auto& q : scan(statement, std::nullopt, std::nullopt)) txn.remove(q);
    // A link triple goes unless a statement of another run still vouches for it.
    for (const auto& [s, p, o] : asserted) {
        bool vouched = false;
        for (const auto& q : scan(std::nullopt, subjectOf, s))
            if (!removedStatements.count(q.s()) && single(q.s(), predicateOf) == p && single(q.s(), objectOf) == o)
                vouched = true;
        if (vouched) continue;
        for (const auto& q : scan(s, p, o)) {
            txn.remove(q);
            ++summary.links;
        }
    }
    return summary;
}

} // namespace corridor::cases
