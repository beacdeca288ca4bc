#pragma once
// Term <-> bytes for the dictionary, and packing of small values into TermIds.
//
// Encoded term = tag byte (IdTag of the dictionary kind), then for language and
// typed literals a varint length and the tag or datatype IRI, then the rest
// (IRI, label or lexical form) up to the end. Length prefixes rather than NUL
// separators, because N-Triples allows \u0000 inside literals.

#include "storage/term.h"
#include "storage/term_id.h"

#include <optional>
#include <string>
#include <string_view>

namespace corridor::storage {

// The dictionary tag a term gets when it is not inlined.
IdTag dictionaryTagFor(const Term& term);
IdTag dictionaryTag(TermKind kind, std::string_view datatype, std::string_view lang);

// encodeTerm() from a term's parts (a parser's views), into `out`. The one
// writer of the dictionary key format.
void encodeTermParts(TermKind kind, std::string_view value, std::string_view datatype, std::string_view lang,
                     std::string& out);

std::string encodeTerm(const Term& term);
// The dictionary key of a term: encodeTerm() with the language tag in lower
// case, since RDF 1.1 compares language tags case-insensitively ("a"@EN and
// "a"@en are one term). The stored value keeps the first spelling seen.
std::string encodeTermKey(const Term& term);
// Lower-cases the language tag inside an encoded language literal, in place.
void lowerCaseLanguage(std::string& encoded);
// Throws StorageError on malformed bytes (a corrupted store).
Term decodeTerm(std::string_view bytes);

// The inline id of a term whose value fits in an id and whose lexical form is
// canonical; nullopt otherwise.
std::optional<TermId> inlineIdFor(const Term& term);
// The term an inline id stands for. Precondition: isInline(id).
Term inlineTerm(TermId id);

// Parses a canonical xsd:integer lexical form (no '+', no leading zeros, no "-0").
std::optional<std::int64_t> parseCanonicalInteger(std::string_view lexical);

} // namespace corridor::storage
