// Linking: name forms, candidate pairs (what is compared, scored, left out),
// accepted links with provenance, and undoing runs.

#include "../test_util.h"
#include "cases/link_candidates.h"
#include "cases/link_store.h"
#include "cases/name_forms.h"
#include "storage/error.h"
#include "storage/write_txn.h"

#include <doctest/doctest.h>

using namespace corridor;
using corridor::test::TempDir;

namespace {
std::set<std::string> texts(const std::vector<cases::NameForm>& forms) {
    std::set<std::string> out;
    for (const auto& f : forms) out.insert(f.text);
    return out;
}

const std::string kPrefixes = "@prefix ex: <https://w3id.org/corridor/id/> .\n"
                              "@prefix pmz: <https://w3id.org/corridor/ns#> .\n"
                              "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
                              "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
                              "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"
                              "@prefix wd: <http://www.wikidata.org/entity/> .\n";

std::vector<cases::LinkCandidate> candidates(storage::Store& store, double minScore = 0.5) {
    cases::LinkOptions options;
    options.minScore = minScore;
    return cases::findLinkCandidates(*store.read(), options);
}

std::set<std::string> linkTriples(storage::Store& store) {
    std::set<std::string> out;
    for (const auto& line : test::lines(test::exportText(store))) {
        std::string predicate = line.substr(line.find("> <") + 2);
        predicate = predicate.substr(0, predicate.find('>') + 1);
        if (predicate == "<http://www.w3.org/2002/07/owl#sameAs>" ||
            predicate == "<http://www.w3.org/2004/02/skos/core#closeMatch>")
            out.insert(line);
    }
    return out;
}
} // namespace

TEST_CASE("name forms: transliterated, bracketed aliases split off, initials") {
    auto forms = cases::nameForms("Ministry of Commerce (MOFCOM; 商务部)", false);
    CHECK(texts(forms) == std::set<std::string>{"ministry of commerce", "mofcom", "shang wu bu"});
    CHECK(forms[0].words == std::set<std::string>{"ministry", "commerce"});
    CHECK(forms[0].initials == "mc");
    CHECK_FALSE(forms[0].alias);
    CHECK(forms[1].alias);
    CHECK(cases::normaliseName("  Café   Société-Générale ") == "cafe societe generale");
    CHECK(cases::normaliseName("The Board of Investment") == "board of investment");
    CHECK(cases::nameForms("Industrial Parks Development Corporation", false)[0].initials == "ipdc");
    CHECK(texts(cases::nameForms("中国（China）", false)) == std::set<std::string>{"zhong guo", "china"});
}

TEST_CASE("candidates: names, ids and context decide; types, graphs and existing links filter") {
    TempDir dir;
    auto store = storage::Store::open(dir.file("db"));
    test::loadText(*store, kPrefixes + R"(
ex:g1 { ex:IPDC a pmz:GovernmentBody ; rdfs:label "Industrial Parks Development Corporation" ; pmz:country ex:ETH .
        ex:ETH rdfs:label "Ethiopia" ; <https://schema.org/identifier> "ETH" .
        ex:Holley a pmz:Enterprise ; rdfs:label "Holley Group" .
        ex:Rayong a pmz:AdministrativeArea ; rdfs:label "Rayong" .
        ex:China a pmz:AdministrativeArea ; rdfs:label "China" ; owl:sameAs wd:Q148 .
        ex:Twin1 a pmz:Enterprise ; rdfs:label "Twin Firm" .
        ex:Twin2 a pmz:Enterprise ; rdfs:label "Twin Firm" . }
ex:g2 { ex:ipdc a pmz:GovernmentBody ; rdfs:label "IPDC" ; pmz:country ex:eth .
        ex:eth rdfs:label "Federal Democratic Republic of Ethiopia" ; <https://schema.org/identifier> "ETH" .
        ex:holley a pmz:Enterprise ; rdfs:label "Holley Group Co., Ltd." ; skos:closeMatch ex:Holley .
        ex:RayongZone a pmz:Zone ; rdfs:label "Rayong" .
        ex:prc a pmz:AdministrativeArea ; rdfs:label "People's Republic of China" ; owl:sameAs wd:Q148 .
        ex:chinaOther a pmz:AdministrativeArea ; rdfs:label "China" ; owl:sameAs wd:Q29520 . }
)",
                   storage::rdf_io::RdfFormat::TriG);
    auto found = candidates(*store);
    std::map<std::string, cases::LinkCandidate> byPair;
    for (const auto& c : found) byPair[c.a + " " + c.b] = c;
    const std::string ex = "https://w3id.org/corridor/id/";
    // Initials, with the same country known by its code though the two cases name it differently.
    REQUIRE(byPair.count(ex + "IPDC " + ex + "ipdc"));
    const auto& ipdc = byPair[ex + "IPDC " + ex + "ipdc"];
    CHECK(ipdc.score == doctest::Approx(0.9));
    CHECK(ipdc.sameAs);
    CHECK(ipdc.reasons[0].starts_with("initials match"));
    CHECK(std::find(ipdc.reasons.begin(), ipdc.reasons.end(), "same country") != ipdc.reasons.end());
    CHECK(ipdc.id == cases::linkPairId(ex + "ipdc", ex + "IPDC"));
    // A shared Wikidata item outweighs different labels.
    REQUIRE(byPair.count(ex + "China " + ex + "prc"));
    CHECK(byPair[ex + "China " + ex + "prc"].score >= 0.95);
    // Same label, different Wikidata items: not a candidate at the default threshold.
    CHECK_FALSE(byPair.count(ex + "China " + ex + "chinaOther"));
    // Different types (a province and a zone called Rayong), one graph only (the twins),
    // and pairs already linked (closeMatch) are never candidates.
    CHECK_FALSE(byPair.count(ex + "Rayong " + ex + "RayongZone"));
    CHECK_FALSE(byPair.count(ex + "Twin1 " + ex + "Twin2"));
    CHECK_FALSE(byPair.count(ex + "Holley " + ex + "holley"));
    // Best first.
    for (std::size_t i = 1; i < found.size(); ++i) CHECK(found[i - 1].score >= found[i].score);
}

TEST_CASE("accepted links carry provenance; undo removes one run, and a link another run vouches for stays") {
    TempDir dir;
    auto store = storage::Store::open(dir.file("db"));
    const std::string a = "http://e/a", b = "http://e/b", c = "http://e/c";
    auto accept = [&](std::vector<cases::AcceptedLink> links, const std::string& when) {
        storage::WriteTxn txn(*store);
        std::string run = cases::stageLinks(txn, links, {std::string(cases::kDefaultLinksGraph), "tester", when});
        txn.commit();
        return run;
    };
    std::string run1 = accept({{a, b, true, 0.97, "labels match"}}, "2026-01-01T00:00:00Z");
    std::string run2 =
        accept({{a, b, true, 0.97, "labels match"}, {a, c, false, 0.6, "words"}}, "2026-01-02T00:00:00Z");
    CHECK(run1 != run2);
    std::string text = test::exportText(*store);
    CHECK(text.find("<https://w3id.org/corridor/ns#matchScore> \"0.60\"^^<http://www.w3.org/2001/XMLSchema#decimal>") !=
          std::string::npos);
    CHECK(text.find("<http://purl.org/dc/terms/creator> \"tester\"") != std::string::npos);
    CHECK(linkTriples(*store).size() == 2);
    {
        storage::WriteTxn txn(*store);
        auto undone = cases::stageUndo(txn, "last", std::string(cases::kDefaultLinksGraph));
        txn.commit();
        CHECK(undone.runs == std::vector<std::string>{run2});
        CHECK(undone.links == 1); // a~c; a=b is still vouched for by run 1
    }
    auto left = linkTriples(*store);
    REQUIRE(left.size() == 1);
    CHECK(left.begin()->starts_with("<http://e/a> <http://www.w3.org/2002/07/owl#sameAs> <http://e/b>"));
    {
        storage::WriteTxn txn(*store);
        CHECK_THROWS_AS(cases::stageUndo(txn, "linkrun-nope", std::string(cases::kDefaultLinksGraph)), DataError);
        auto undone = cases::stageUndo(txn, "all", std::string(cases::kDefaultLinksGraph));
        txn.commit();
        CHECK(undone.links == 1);
    }
    CHECK(test::exportText(*store).empty());
}
