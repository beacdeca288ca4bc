#pragma once
// TermId: the 64-bit id by which the store and the query engine refer to a term.
//
// Decision (see docs/decisions.md): QLever-style compact ids on Oxigraph's RocksDB
// layout, not Oxigraph's 128-bit content hashes. The top 4 bits are a kind tag,
// the low 60 bits either a dictionary sequence number or an inline value.
//  - 8-byte ids make an index key 32 bytes (4 ids) instead of 64+, which is what
//    keeps the store under 60 bytes per quad on disk.
//  - The price is a counter and a term2id lookup per new term; one writer at a
//    time makes the counter safe.
// Inline values are used only for canonical lexical forms, so "01"^^xsd:integer
// (dictionary) and "1"^^xsd:integer (inline) stay distinct terms.
// Id 0 is the default graph. Ids are never reused, even after a term's last quad
// is deleted.

#include <cstdint>

namespace corridor::storage {

using TermId = std::uint64_t;

inline constexpr TermId kDefaultGraph = 0;

enum class IdTag : std::uint8_t {
    None = 0,          // only the default graph id
    Iri = 1,           // dictionary
    BlankNode = 2,     // dictionary
    SimpleLiteral = 3, // dictionary: "x" and "x"^^xsd:string
    LangLiteral = 4,   // dictionary
    TypedLiteral = 5,  // dictionary: every other datatype, and non-canonical forms
    InlineInteger = 6, // canonical xsd:integer in [-2^59, 2^59), offset binary
    InlineBoolean = 7, // "true" / "false" ^^xsd:boolean
    // 8..14 free.
    Local = 15, // reserved: ids the query engine gives terms it computes; never stored
};

inline constexpr int kTagShift = 60;
inline constexpr std::uint64_t kPayloadMask = (std::uint64_t{1} << kTagShift) - 1;
inline constexpr std::int64_t kInlineIntegerMin = -(std::int64_t{1} << 59);
inline constexpr std::int64_t kInlineIntegerMax = (std::int64_t{1} << 59) - 1;

constexpr IdTag tagOf(TermId id) {
    return static_cast<IdTag>(id >> kTagShift);
}
constexpr std::uint64_t payloadOf(TermId id) {
    return id & kPayloadMask;
}
constexpr TermId makeId(IdTag tag, std::uint64_t payload) {
    return (static_cast<TermId>(tag) << kTagShift) | (payload & kPayloadMask);
}
constexpr bool isInline(TermId id) {
    return tagOf(id) == IdTag::InlineInteger || tagOf(id) == IdTag::InlineBoolean;
}

// Offset binary keeps id order equal to numeric order for inline integers.
constexpr TermId inlineInteger(std::int64_t value) {
    return makeId(IdTag::InlineInteger, static_cast<std::uint64_t>(value - kInlineIntegerMin));
}
constexpr std::int64_t inlineIntegerValue(TermId id) {
    return static_cast<std::int64_t>(payloadOf(id)) + kInlineIntegerMin;
}

} // namespace corridor::storage
