#include "query/functions/registry.h"

#include "query/functions/datetime.h"

#include <unordered_map>

namespace corridor::query::functions {

std::uint64_t freshSeed() {
    thread_local std::mt19937_64 seeds = [] {
        std::random_device device;
        std::seed_seq seq{device(), device(), device(), device()};
        return std::mt19937_64(seq);
    }();
    return seeds();
}

const Term& FunctionContext::now() {
    if (!now_) now_ = nowTerm(started);
    return *now_;
}

Function findBuiltIn(std::string_view name) {
    static const std::unordered_map<std::string_view, Function> table = {
        {"STR", fnStr},
        {"LANG", fnLang},
        {"DATATYPE", fnDatatype},
        {"IRI", fnIri},
        {"BNODE", fnBnode},
        {"RAND", fnRand},
        {"ABS", fnAbs},
        {"CEIL", fnCeil},
        {"FLOOR", fnFloor},
        {"ROUND", fnRound},
        {"CONCAT", fnConcat},
        {"STRLEN", fnStrlen},
        {"UCASE", fnUcase},
        {"LCASE", fnLcase},
        {"ENCODE_FOR_URI", fnEncodeForUri},
        {"CONTAINS", fnContains},
        {"STRSTARTS", fnStrstarts},
        {"STRENDS", fnStrends},
        {"STRBEFORE", fnStrbefore},
        {"STRAFTER", fnStrafter},
        {"YEAR", fnYear},
        {"MONTH", fnMonth},
        {"DAY", fnDay},
        {"HOURS", fnHours},
        {"MINUTES", fnMinutes},
        {"SECONDS", fnSeconds},
        {"TIMEZONE", fnTimezone},
        {"TZ", fnTz},
        {"NOW", fnNow},
        {"UUID", fnUuid},
        {"STRUUID", fnStruuid},
        {"MD5", fnMd5},
        {"SHA1", fnSha1},
        {"SHA256", fnSha256},
        {"SHA384", fnSha384},
        {"SHA512", fnSha512},
        {"STRLANG", fnStrlang},
        {"STRDT", fnStrdt},
        {"SAMETERM", fnSameTerm},
        {"ISIRI", fnIsIri},
        {"ISBLANK", fnIsBlank},
        {"ISLITERAL", fnIsLiteral},
        {"ISNUMERIC", fnIsNumeric},
        {"REGEX", fnRegex},
        {"SUBSTR", fnSubstr},
        {"REPLACE", fnReplace},
        {"LANGMATCHES", fnLangMatches},
    };
    auto it = table.find(name);
    return it == table.end() ? nullptr : it->second;
}

Function findFunction(std::string_view iri) {
    static const std::unordered_map<std::string_view, Function> table = {
        {"http://www.w3.org/2001/XMLSchema#string", castString},
        {"http://www.w3.org/2001/XMLSchema#boolean", castBoolean},
        {"http://www.w3.org/2001/XMLSchema#integer", castInteger},
        {"http://www.w3.org/2001/XMLSchema#decimal", castDecimal},
        {"http://www.w3.org/2001/XMLSchema#float", castFloat},
        {"http://www.w3.org/2001/XMLSchema#double", castDouble},
        {"http://www.w3.org/2001/XMLSchema#dateTime", castDateTime},
        {"http://www.w3.org/2001/XMLSchema#date", castDate},
        {"http://www.w3.org/2001/XMLSchema#gYearMonth", castGYearMonth},
        {"http://www.w3.org/2001/XMLSchema#gYear", castGYear},
    };
    auto it = table.find(iri);
    return it == table.end() ? findTraceFunction(iri) : it->second;
}

} // namespace corridor::query::functions
