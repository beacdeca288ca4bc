#include "cases/link_candidates.h"

#include "cases/case_profile.h"
#include "cases/name_forms.h"
#include "storage/key_codec.h"
#include "storage/vocabulary.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <numeric>
#include <set>
#include <unordered_map>
#include <xxhash.h>

namespace corridor::cases {

namespace {
using storage::Term;
using storage::TermId;

constexpr std::string_view kSameAs = storage::vocab::kOwlSameAs;
constexpr std::string_view kExactMatch = "http://www.w3.org/2004/02/skos/core#exactMatch";
constexpr std::string_view kCloseMatch = storage::vocab::kSkosCloseMatch;
constexpr std::string_view kAltLabel = "http://www.w3.org/2004/02/skos/core#altLabel";
constexpr std::string_view kPrefLabel = storage::vocab::kSkosPrefLabel;
constexpr std::string_view kWikidata = "http://www.wikidata.org/entity/";

const std::set<std::string>& entityClasses() {
    static const std::set<std::string> classes = [] {
        std::set<std::string> c;
        for (auto name : {"Zone", "Actor", "GovernmentBody", "Enterprise", "OtherOrganization", "Person",
                          "AdministrativeArea", "Policy"})
            c.insert(std::string(iri::kPmz) + name);
        return c;
    }();
    return classes;
}

struct Entity {
    std::string iri;
    TermId id = 0; // the subject's id in the store
    std::set<std::string> types;
    std::set<TermId> graphs;
    std::vector<NameForm> names;
    std::string label;
    std::set<std::string> externalIds; // IRIs outside the instance namespace, "id:" + identifiers
    std::set<std::string> wikidata;
    std::set<std::string> countryKeys; // each country as its IRI, codes and normalised labels
    std::string scale;
    std::set<std::string> linked; // IRIs it is already linked to (sameAs, exactMatch, closeMatch)
};

std::string localName(const std::string& iriText) {
    std::size_t cut = iriText.find_last_of("/#");
    return cut == std::string::npos ? iriText : iriText.substr(cut + 1);
}

class Finder {
public:
    explicit Finder(const storage::ReadView& view) : view_(view) {}

    std::vector<LinkCandidate> run(const LinkOptions& options) {
        collect();
        std::vector<LinkCandidate> out;
        for (const auto& [i, j] : pairs()) {
            auto candidate = score(entities_[i], entities_[j]);
            if (candidate && candidate->score >= options.minScore) out.push_back(std::move(*candidate));
        }
        std::sort(out.begin(), out.end(), [](const LinkCandidate& x, const LinkCandidate& y) {
            return x.score != y.score ? x.score > y.score : std::tie(x.a, x.b) < std::tie(y.a, y.b);
        });
        return out;
    }

private:
    std::optional<TermId> id(std::string_view iriText) const { return view_.lookup(Term::iri(std::string(iriText))); }

    template <class F>
    void scanQuads(std::optional<TermId> s, std::optional<TermId> p, F&& f) const {
        storage::QuadPattern pattern{};
        pattern[storage::kSubject] = s;
        pattern[storage::kPredicate] = p;
        auto scan = view_.scan(pattern);
        storage::QuadIds q;
        while (scan.next(q)) f(q);
    }

    void collect() {
        auto type = id(iri::kRdfType);
        if (!type) return;
        std::map<std::string, std::size_t> index;
        scanQuads(std::nullopt, type, [&](const storage::QuadIds& q) {
            Term cls = view_.resolve(q.o());
            if (!cls.isIri() || !entityClasses().count(cls.value)) return;
            Term s = view_.resolve(q.s());
            if (!s.isIri()) return;
            auto [it, inserted] = index.emplace(s.value, entities_.size());
            if (inserted) {
                entities_.emplace_back();
                entities_.back().iri = s.value;
                entities_.back().id = q.s();
            }
            entities_[it->second].types.insert(cls.value);
        });
        for (auto& e : entities_) describe(e, e.id);
    }

    void describe(Entity& e, TermId subject) {
        std::string english, plain, any;
        scanQuads(subject, std::nullopt, [&](const storage::QuadIds& q) {
            e.graphs.insert(q.g());
            Term p = view_.resolve(q.p());
            Term o = view_.resolve(q.o());
            if (o.isLiteral() && (p.value == iri::kRdfsLabel || p.value == kPrefLabel || p.value == kAltLabel)) {
                bool alias = p.value == kAltLabel;
                for (auto& form : nameForms(o.value, alias)) e.names.push_back(std::move(form));
                if (!alias) {
                    if (o.lang == "en" && english.empty()) english = o.value;
                    if (o.lang.empty() && plain.empty()) plain = o.value;
                    if (any.empty()) any = o.value;
                }
            } else if (o.isIri() && (p.value == kSameAs || p.value == kExactMatch || p.value == kCloseMatch)) {
                e.linked.insert(o.value);
                if (p.value != kCloseMatch && !o.value.starts_with(iri::kId)) e.externalIds.insert(o.value);
                if (p.value != kCloseMatch && o.value.starts_with(kWikidata)) e.wikidata.insert(o.value);
            } else if (o.isLiteral() && p.value == iri::kSchemaIdentifier) {
                e.externalIds.insert("id:" + o.value);
            } else if (o.isIri() && p.value == std::string(iri::kPmz) + "country") {
                countryKeys(q.o(), o.value, e.countryKeys);
            } else if (o.isIri() && p.value == std::string(iri::kPmz) + "scale") {
                e.scale = o.value;
            }
        });
        e.label = !english.empty() ? english : !plain.empty() ? plain : !any.empty() ? any : localName(e.iri);
        if (e.names.empty())
            for (auto& form : nameForms(localName(e.iri), false)) e.names.push_back(std::move(form));
    }

    // A country is known by its IRI, its codes and its labels: two cases that
    // name China differently still agree on "CHN".
    void countryKeys(TermId country, const std::string& iriText, std::set<std::string>& keys) {
        auto it = countryCache_.find(country);
        if (it == countryCache_.end()) {
            std::set<std::string> k = {iriText};
            scanQuads(country, std::nullopt, [&](const storage::QuadIds& q) {
                Term p = view_.resolve(q.p());
                Term o = view_.resolve(q.o());
                if (o.isLiteral() && p.value == iri::kSchemaIdentifier) k.insert("id:" + o.value);
                if (o.isLiteral() && p.value == iri::kRdfsLabel) k.insert("label:" + normaliseName(o.value));
                if (o.isIri() && p.value == kSameAs) k.insert(o.value);
            });
            it = countryCache_.emplace(country, std::move(k)).first;
        }
        keys.insert(it->second.begin(), it->second.end());
    }

    // Pairs sharing a name word, an initialism or an external id.
    std::set<std::pair<std::size_t, std::size_t>> pairs() const {
        std::unordered_map<std::string, std::vector<std::size_t>> blocks;
        for (std::size_t i = 0; i < entities_.size(); ++i) {
            std::set<std::string> keys;
            for (const auto& n : entities_[i].names) {
                for (const auto& w : n.words) keys.insert("w:" + w);
                if (!n.initials.empty()) keys.insert("w:" + n.initials);
            }
            for (const auto& x : entities_[i].externalIds) keys.insert("x:" + x);
            for (const auto& k : keys) blocks[k].push_back(i);
        }
        std::set<std::pair<std::size_t, std::size_t>> out;
        for (const auto& [key, members] : blocks) {
            if (members.size() > 200) continue; // a word every other entity has decides nothing
            for (std::size_t x = 0; x < members.size(); ++x)
                for (std::size_t y = x + 1; y < members.size(); ++y) out.emplace(members[x], members[y]);
        }
        return out;
    }

    std::optional<LinkCandidate> score(const Entity& a0, const Entity& b0) const {
        const Entity& a = a0.iri < b0.iri ? a0 : b0;
        const Entity& b = a0.iri < b0.iri ? b0 : a0;
        if (a.linked.count(b.iri) || b.linked.count(a.iri)) return std::nullopt;
        if (a.graphs == b.graphs) return std::nullopt; // one source or case does not name a thing twice
        std::vector<std::string> sharedTypes;
        std::set_intersection(a.types.begin(), a.types.end(), b.types.begin(), b.types.end(),
                              std::back_inserter(sharedTypes));
        if (sharedTypes.empty()) return std::nullopt;
        LinkCandidate c;
        c.a = a.iri;
        c.b = b.iri;
        c.aLabel = a.label;
        c.bLabel = b.label;
        // Names.
        double name = 0;
        std::string why;
        for (const auto& x : a.names)
            for (const auto& y : b.names) {
                double s = 0;
                std::string r;
                if (x.text == y.text) {
                    s = x.alias || y.alias ? 0.9 : 1.0;
                    r = fmt::format("{} '{}' = '{}'",
                                    x.alias || y.alias ? "aliases match:" : "labels match:", x.original, y.original);
                } else if ((!x.initials.empty() && x.initials == y.text) ||
                           (!y.initials.empty() && y.initials == x.text)) {
                    s = 0.85;
                    r = fmt::format("initials match: '{}' ~ '{}'", x.original, y.original);
                } else {
                    std::vector<std::string> common;
                    std::set_intersection(x.words.begin(), x.words.end(), y.words.begin(), y.words.end(),
                                          std::back_inserter(common));
                    std::size_t all = x.words.size() + y.words.size() - common.size();
                    std::size_t smaller = std::min(x.words.size(), y.words.size());
                    if (all > 0 && !common.empty()) {
                        // Near-identical word sets score high; a name inside the other ("Qiyuan Group" in
                        // "Jiangsu Qiyuan Group") less; names that share only some words (two bodies of
                        // "the People's Republic of China") little.
                        double j = static_cast<double>(common.size()) / static_cast<double>(all);
                        s = 0.8 * j * j;
                        if (common.size() == smaller)
                            s = std::max(s, 0.7 * std::sqrt(static_cast<double>(smaller) / static_cast<double>(all)));
                        r = fmt::format("{} of {} name words shared: '{}' ~ '{}'", common.size(), all, x.original,
                                        y.original);
                    }
                }
                if (s > name) {
                    name = s;
                    why = r;
                }
            }
        double score = name;
        if (!why.empty()) c.reasons.push_back(why);
        // External ids.
        std::vector<std::string> sharedIds;
        std::set_intersection(a.externalIds.begin(), a.externalIds.end(), b.externalIds.begin(), b.externalIds.end(),
                              std::back_inserter(sharedIds));
        if (!sharedIds.empty()) {
            score = std::max(score, 0.7) + 0.25;
            std::string list;
            for (const auto& s : sharedIds)
                list += (list.empty() ? "" : ", ") + (s.starts_with("id:") ? s.substr(3) : s);
            c.reasons.push_back("same external id: " + list);
        } else if (!a.wikidata.empty() && !b.wikidata.empty()) {
            score -= 0.6; // two curators anchored them to different items: strong evidence against
            c.reasons.push_back("different Wikidata items");
        }
        // Context: country and scale.
        if (!a.countryKeys.empty() && !b.countryKeys.empty()) {
            std::vector<std::string> common;
            std::set_intersection(a.countryKeys.begin(), a.countryKeys.end(), b.countryKeys.begin(),
                                  b.countryKeys.end(), std::back_inserter(common));
            if (!common.empty()) {
                score += 0.05;
                c.reasons.push_back("same country");
            } else {
                score -= 0.3;
                c.reasons.push_back("different countries");
            }
        }
        if (!a.scale.empty() && !b.scale.empty()) {
            if (a.scale == b.scale) {
                score += 0.05;
                c.reasons.push_back("same scale (" + localName(a.scale) + ")");
            } else {
                score -= 0.15;
                c.reasons.push_back("different scales (" + localName(a.scale) + ", " + localName(b.scale) + ")");
            }
        }
        std::string types;
        for (const auto& t : sharedTypes) types += (types.empty() ? "" : ", ") + localName(t);
        c.reasons.push_back("both " + types);
        c.score = std::round(std::clamp(score, 0.0, 1.0) * 100) / 100;
        c.sameAs = c.score >= kSameAsScore;
        c.id = linkPairId(c.a, c.b);
        return c;
    }

    const storage::ReadView& view_;
    std::vector<Entity> entities_;
    std::unordered_map<TermId, std::set<std::string>> countryCache_;
};
} // namespace

std::string linkPairId(const std::string& a, const std::string& b) {
    const std::string& first = a < b ? a : b;
    const std::string& second = a < b ? b : a;
    std::string key = first + "\n" + second;
    return fmt::format("{:08x}", static_cast<std::uint32_t>(XXH3_64bits(key.data(), key.size())));
}

std::vector<LinkCandidate> findLinkCandidates(const storage::ReadView& view, const LinkOptions& options) {
    Finder finder(view);
    return finder.run(options);
}

} // namespace corridor::cases
