#pragma once
// The built-in functions of SPARQL 1.1 (section 17.4) and the XSD casts
// (section 17.5), as functions over already-evaluated argument terms.
// Special forms that need unevaluated arguments (BOUND, IF, COALESCE, &&, ||,
// IN, EXISTS) live in the executor's expression evaluator.

#include "storage/term.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::query::functions {

using storage::Term;

class RegexCache;

// A seed for one query's random numbers (RAND, UUID, blank node labels): drawn from a
// generator per thread that std::random_device seeds once. Asking the device for every
// query cost about 20 us, a tenth of a short TRACE.
std::uint64_t freshSeed();

// A query's random numbers: SplitMix64 over a fresh seed. Making one costs nothing, where a
// Mersenne twister filled 312 words for every query, most of which never draw a number.
struct QueryRandom {
    using result_type = std::uint64_t;
    std::uint64_t state = freshSeed();
    static constexpr result_type min() { return 0; }
    static constexpr result_type max() { return ~result_type{0}; }
    result_type operator()() {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
};

// What a function may need besides its arguments. One per query execution.
struct FunctionContext {
    std::string baseIri; // IRI() resolves relative strings against it
    // NOW() is constant during one query: the moment it started, written out when first asked.
    std::chrono::system_clock::time_point started = std::chrono::system_clock::now();
    const Term& now();
    QueryRandom rng;
    RegexCache* regexes = nullptr;
    std::uint64_t rowSerial = 0; // BNODE(str): same node for the same string within a row
    std::map<std::pair<std::uint64_t, std::string>, std::string> rowBlankNodes;
    std::uint64_t blankCounter = 0;
    std::string blankPrefix; // unique per query execution
    // Set by the execution: costly functions (REGEX, REPLACE) check for a
    // timeout or Ctrl-C on every call, and report what the user should know.
    std::function<void()> checkCancelled;
    std::function<void(std::string)> warn;

private:
    std::optional<Term> now_;
};

using Function = std::optional<Term> (*)(const std::vector<Term>& args, FunctionContext& ctx);

// Built-in by upper-case keyword ("STRLEN"); nullptr if unknown.
Function findBuiltIn(std::string_view name);
// Function by IRI (the XSD casts, the trace: functions); nullptr if unknown.
Function findFunction(std::string_view iri);
// trace_functions.cpp: functions over TRACE paths (trace:length ...).
Function findTraceFunction(std::string_view iri);

// ---- families, one file each -----------------------------------------------------------
// string_functions.cpp
std::optional<Term> fnStr(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnStrlen(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnSubstr(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnUcase(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnLcase(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnStrstarts(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnStrends(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnContains(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnStrbefore(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnStrafter(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnEncodeForUri(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnConcat(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnLangMatches(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnRegex(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnReplace(const std::vector<Term>&, FunctionContext&);
// term_functions.cpp
std::optional<Term> fnLang(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnDatatype(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnIri(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnBnode(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnStrdt(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnStrlang(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnUuid(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnStruuid(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnSameTerm(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnIsIri(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnIsBlank(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnIsLiteral(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnIsNumeric(const std::vector<Term>&, FunctionContext&);
// numeric_functions.cpp
std::optional<Term> fnAbs(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnRound(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnCeil(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnFloor(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnRand(const std::vector<Term>&, FunctionContext&);
// datetime_functions.cpp
std::optional<Term> fnYear(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnMonth(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnDay(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnHours(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnMinutes(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnSeconds(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnTimezone(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnTz(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnNow(const std::vector<Term>&, FunctionContext&);
// hash_functions.cpp
std::optional<Term> fnMd5(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnSha1(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnSha256(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnSha384(const std::vector<Term>&, FunctionContext&);
std::optional<Term> fnSha512(const std::vector<Term>&, FunctionContext&);
// cast_functions.cpp
std::optional<Term> castString(const std::vector<Term>&, FunctionContext&);
std::optional<Term> castBoolean(const std::vector<Term>&, FunctionContext&);
std::optional<Term> castInteger(const std::vector<Term>&, FunctionContext&);
std::optional<Term> castDecimal(const std::vector<Term>&, FunctionContext&);
std::optional<Term> castFloat(const std::vector<Term>&, FunctionContext&);
std::optional<Term> castDouble(const std::vector<Term>&, FunctionContext&);
std::optional<Term> castDateTime(const std::vector<Term>&, FunctionContext&);
std::optional<Term> castDate(const std::vector<Term>&, FunctionContext&);
std::optional<Term> castGYearMonth(const std::vector<Term>&, FunctionContext&);
std::optional<Term> castGYear(const std::vector<Term>&, FunctionContext&);

// Shared helpers.
Term booleanTerm(bool v);
Term integerTerm(std::int64_t v);
Term stringTerm(std::string s);
// A string literal (simple, xsd:string or language-tagged): its text.
bool isStringLike(const Term& t);

} // namespace corridor::query::functions
