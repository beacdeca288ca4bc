#include "cases/case_profile.h"

#include <algorithm>
#include <array>
#include <fmt/format.h>

namespace corridor::cases {

namespace {
constexpr std::string_view kScale = "https://w3id.org/corridor/scale/";
constexpr std::string_view kElement = "https://w3id.org/corridor/element/";
constexpr std::string_view kInstrument = "https://w3id.org/corridor/instrument/";
constexpr std::string_view kPartnership = "https://w3id.org/corridor/partnership/";
constexpr std::string_view kMilestone = "https://w3id.org/corridor/milestone/";

struct Scheme {
    std::string_view ns;
    std::vector<std::string_view> values;
};

// Kept equal to examples/tcriz/vocabulary.ttl by a unit test.
const std::vector<Scheme>& schemes() {
    static const std::vector<Scheme> all = {
        {kScale, {"supranational", "bilateral", "national", "provincial", "municipal", "zone", "enterprise"}},
        {kElement,
         {"tax", "customs", "land", "humanResources", "talent", "labour", "finance", "infrastructure", "administration",
          "legalStatus", "investmentPromotion"}},
        {kInstrument,
         {"law", "decree", "regulation", "incentiveScheme", "programme", "plan", "agreement", "mou", "contract"}},
        {kPartnership,
         {"intergovernmental", "governmentEnterprise", "interEnterprise", "other", "hierarchical", "spontaneous",
          "hybrid"}},
        {kMilestone,
         {"agreementSigned", "founded", "approved", "confirmed", "groundbreaking", "inaugurated", "meeting",
          "expansion"}},
    };
    return all;
}

std::string pmz(std::string_view local) {
    return std::string(iri::kPmz) + std::string(local);
}
} // namespace

FactKind factKindOfClass(std::string_view classIri) {
    if (!classIri.starts_with(iri::kPmz)) return FactKind::None;
    std::string_view local = classIri.substr(iri::kPmz.size());
    if (local == "Partnership") return FactKind::Partnership;
    if (local == "PolicyTransfer") return FactKind::PolicyTransfer;
    if (local == "Milestone") return FactKind::Milestone;
    if (local == "Policy") return FactKind::Policy;
    return FactKind::None;
}

std::string_view timePropertyOf(FactKind kind) {
    static const std::string validFrom = pmz("validFrom");
    static const std::string atTime = pmz("atTime");
    switch (kind) {
    case FactKind::Partnership:
    case FactKind::Policy: return validFrom;
    case FactKind::PolicyTransfer:
    case FactKind::Milestone: return atTime;
    case FactKind::None: break;
    }
    return {};
}

const std::vector<RelationRule>& relationRules() {
    using F = FactKind;
    static const std::vector<std::string> props = [] {
        std::vector<std::string> p;
        for (auto local : {"locatedIn",     "subOrganizationOf", "developedBy", "operatedBy",      "shareholderOf",
                           "tenantOf",      "partnershipModel",  "country",     "partner",         "jointBody",
                           "formalisedBy",  "partnershipKind",   "issuedBy",    "instrumentType",  "element",
                           "appliesTo",     "transferFrom",      "transferTo",  "transfersPolicy", "via",
                           "continuesFrom", "milestoneType",     "involves"})
            p.push_back(pmz(local));
        return p;
    }();
    auto prop = [](std::size_t i) { return std::string_view(props[i]); };
    static const std::vector<RelationRule> rules = {
        // Structural relations: on any node.
        {"located_in", prop(0), {}, {}},
        {"sub_organization_of", prop(1), {}, {}},
        {"developed_by", prop(2), {}, {}},
        {"operated_by", prop(3), {}, {}},
        {"shareholder_of", prop(4), {}, {}},
        {"tenant_of", prop(5), {}, {}},
        {"partnership_model", prop(6), {}, {kPartnership}},
        {"country", prop(7), {}, {}},
        {"same_as", storage::vocab::kOwlSameAs, {}, {}},
        {"close_match", storage::vocab::kSkosCloseMatch, {}, {}},
        // Partnerships.
        {"partner", prop(8), {F::Partnership}, {}},
        {"joint_body", prop(9), {F::Partnership}, {}},
        {"formalised_by", prop(10), {F::Partnership}, {}},
        {"partnership_kind", prop(11), {F::Partnership}, {kPartnership}},
        // Policies and transfers.
        {"issued_by", prop(12), {F::Policy, F::PolicyTransfer}, {}},
        {"instrument_type", prop(13), {F::Policy, F::PolicyTransfer}, {kInstrument}},
        {"element", prop(14), {F::Policy, F::PolicyTransfer}, {kElement}},
        {"applies_to", prop(15), {F::Policy, F::PolicyTransfer}, {}, true},
        {"transfer_from", prop(16), {F::PolicyTransfer}, {}},
        {"transfer_to", prop(17), {F::PolicyTransfer}, {}},
        {"transfers_policy", prop(18), {F::PolicyTransfer}, {}},
        {"via", prop(19), {F::PolicyTransfer}, {}},
        {"continues_from", prop(20), {F::PolicyTransfer}, {}},
        // Milestones.
        {"milestone_type", prop(21), {F::Milestone}, {kMilestone}},
        {"involves", prop(22), {F::Milestone}, {}},
    };
    return rules;
}

const RelationRule* findRelation(std::string_view relation) {
    for (const auto& rule : relationRules())
        if (rule.relation == relation) return &rule;
    return nullptr;
}

const std::vector<std::string_view>& classNames() {
    static const std::vector<std::string_view> names = {"Zone",
                                                        "Actor",
                                                        "GovernmentBody",
                                                        "Enterprise",
                                                        "OtherOrganization",
                                                        "Person",
                                                        "AdministrativeArea",
                                                        "Policy",
                                                        "Partnership",
                                                        "PolicyTransfer",
                                                        "Milestone",
                                                        "Case",
                                                        "SourceDocument",
                                                        "Scale",
                                                        "PolicyElement"};
    return names;
}

bool isControlledValue(std::string_view value) {
    for (const auto& scheme : schemes())
        if (value.starts_with(scheme.ns)) {
            auto local = value.substr(scheme.ns.size());
            return std::find(scheme.values.begin(), scheme.values.end(), local) != scheme.values.end();
        }
    return false;
}

std::vector<std::string_view> controlledValuesIn(std::string_view ns) {
    for (const auto& scheme : schemes())
        if (scheme.ns == ns) return scheme.values;
    return {};
}

std::string_view scaleNamespace() {
    return kScale;
}

const std::vector<std::pair<std::string_view, std::string_view>>& builtinPrefixes() {
    static const std::vector<std::pair<std::string_view, std::string_view>> prefixes = {
        {"pmz", iri::kPmz},
        {"scale", kScale},
        {"element", kElement},
        {"itype", kInstrument},
        {"pkind", kPartnership},
        {"mtype", kMilestone},
        {"ex", iri::kId},
        {"src", iri::kSource},
        {"rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"},
        {"rdfs", "http://www.w3.org/2000/01/rdf-schema#"},
        {"owl", "http://www.w3.org/2002/07/owl#"},
        {"skos", "http://www.w3.org/2004/02/skos/core#"},
        {"schema", "https://schema.org/"},
        {"dcterms", "http://purl.org/dc/terms/"},
        {"xsd", iri::kXsd},
        {"wd", "http://www.wikidata.org/entity/"},
        {"prov", "http://www.w3.org/ns/prov#"},
        {"org", "http://www.w3.org/ns/org#"},
    };
    return prefixes;
}

namespace {
bool digits(std::string_view s, std::size_t n) {
    return s.size() == n && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
int number(std::string_view s) {
    int v = 0;
    for (char c : s) v = v * 10 + (c - '0');
    return v;
}
} // namespace

std::optional<YearValue> parseYear(std::string_view text, std::string& problem) {
    const std::string xsd(iri::kXsd);
    if (digits(text, 4)) return YearValue{std::string(text), xsd + "gYear"};
    if (text.size() == 7 && digits(text.substr(0, 4), 4) && text[4] == '-' && digits(text.substr(5), 2)) {
        int month = number(text.substr(5));
        if (month >= 1 && month <= 12) return YearValue{std::string(text), xsd + "gYearMonth"};
        problem = fmt::format("month {} does not exist", month);
        return std::nullopt;
    }
    if (text.size() == 10 && digits(text.substr(0, 4), 4) && text[4] == '-' && digits(text.substr(5, 2), 2) &&
        text[7] == '-' && digits(text.substr(8), 2)) {
        int year = number(text.substr(0, 4));
        int month = number(text.substr(5, 2));
        int day = number(text.substr(8));
        static constexpr std::array<int, 12> lengths = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        if (month < 1 || month > 12) {
            problem = fmt::format("month {} does not exist", month);
            return std::nullopt;
        }
        int last = month == 2 && !leap ? 28 : lengths[static_cast<std::size_t>(month - 1)];
        if (day < 1 || day > last) {
            problem = fmt::format("{} has no day {}", text.substr(0, 7), day);
            return std::nullopt;
        }
        return YearValue{std::string(text), xsd + "date"};
    }
    problem = "expected a year as YYYY, YYYY-MM or YYYY-MM-DD";
    return std::nullopt;
}

} // namespace corridor::cases
