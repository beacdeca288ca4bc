#include "storage/term_codec.h"

#include "storage/error.h"

#include <cctype>
#include <charconv>

namespace corridor::storage {

namespace {

void appendVarint(std::string& out, std::size_t n) {
    while (n >= 0x80) {
        out += static_cast<char>((n & 0x7f) | 0x80);
        n >>= 7;
    }
    out += static_cast<char>(n);
}

std::size_t readVarint(std::string_view& in) {
    std::size_t n = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (in.empty()) throw StorageError("corrupted term encoding (truncated length)");
        auto byte = static_cast<unsigned char>(in.front());
        in.remove_prefix(1);
        n |= static_cast<std::size_t>(byte & 0x7f) << shift;
        if ((byte & 0x80) == 0) return n;
    }
    throw StorageError("corrupted term encoding (overlong length)");
}

std::string_view readPart(std::string_view& in) {
    std::size_t n = readVarint(in);
    if (n > in.size()) throw StorageError("corrupted term encoding (length past end)");
    std::string_view part = in.substr(0, n);
    in.remove_prefix(n);
    return part;
}

} // namespace

IdTag dictionaryTag(TermKind kind, std::string_view datatype, std::string_view lang) {
    switch (kind) {
    case TermKind::Iri: return IdTag::Iri;
    case TermKind::BlankNode: return IdTag::BlankNode;
    case TermKind::Literal:
        if (!lang.empty()) return IdTag::LangLiteral;
        if (datatype.empty()) return IdTag::SimpleLiteral;
        return IdTag::TypedLiteral;
    }
    return IdTag::None;
}

IdTag dictionaryTagFor(const Term& term) {
    return dictionaryTag(term.kind, term.datatype, term.lang);
}

void encodeTermParts(TermKind kind, std::string_view value, std::string_view datatype, std::string_view lang,
                     std::string& out) {
    out.clear();
    IdTag tag = dictionaryTag(kind, datatype, lang);
    out.reserve(value.size() + datatype.size() + lang.size() + 4);
    out += static_cast<char>(tag);
    if (tag == IdTag::LangLiteral) {
        appendVarint(out, lang.size());
        out += lang;
    } else if (tag == IdTag::TypedLiteral) {
        appendVarint(out, datatype.size());
        out += datatype;
    }
    out += value;
}

std::string encodeTerm(const Term& term) {
    std::string out;
    encodeTermParts(term.kind, term.value, term.datatype, term.lang, out);
    return out;
}

void lowerCaseLanguage(std::string& encoded) {
    if (encoded.empty() || static_cast<IdTag>(encoded[0]) != IdTag::LangLiteral) return;
    std::string_view rest(encoded);
    rest.remove_prefix(1);
    std::size_t before = rest.size();
    std::size_t length = readVarint(rest);
    std::size_t start = 1 + (before - rest.size());
    for (std::size_t i = start; i < start + length && i < encoded.size(); ++i)
        encoded[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(encoded[i])));
}

std::string encodeTermKey(const Term& term) {
    std::string key = encodeTerm(term);
    lowerCaseLanguage(key);
    return key;
}

Term decodeTerm(std::string_view bytes) {
    if (bytes.empty()) throw StorageError("corrupted term encoding (empty)");
    auto tag = static_cast<IdTag>(bytes.front());
    bytes.remove_prefix(1);
    switch (tag) {
    case IdTag::Iri: return Term::iri(std::string(bytes));
    case IdTag::BlankNode: return Term::blank(std::string(bytes));
    case IdTag::SimpleLiteral: return Term::literal(std::string(bytes));
    case IdTag::LangLiteral: {
        std::string lang(readPart(bytes));
        return Term::langLiteral(std::string(bytes), std::move(lang));
    }
    case IdTag::TypedLiteral: {
        std::string datatype(readPart(bytes));
        return Term{TermKind::Literal, std::string(bytes), std::move(datatype), {}};
    }
    default: throw StorageError("corrupted term encoding (unknown kind byte)");
    }
}

std::optional<std::int64_t> parseCanonicalInteger(std::string_view s) {
    if (s.empty()) return std::nullopt;
    std::string_view digits = s.front() == '-' ? s.substr(1) : s;
    if (digits.empty()) return std::nullopt;
    for (char c : digits)
        if (c < '0' || c > '9') return std::nullopt;
    if (digits.size() > 1 && digits.front() == '0') return std::nullopt;
    if (s == "-0") return std::nullopt;
    std::int64_t value = 0;
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
    return value;
}

std::optional<TermId> inlineIdFor(const Term& term) {
    if (term.kind != TermKind::Literal || !term.lang.empty()) return std::nullopt;
    if (term.datatype == xsd::kInteger) {
        auto v = parseCanonicalInteger(term.value);
        if (v && *v >= kInlineIntegerMin && *v <= kInlineIntegerMax) return inlineInteger(*v);
    } else if (term.datatype == xsd::kBoolean) {
        if (term.value == "true") return makeId(IdTag::InlineBoolean, 1);
        if (term.value == "false") return makeId(IdTag::InlineBoolean, 0);
    }
    return std::nullopt;
}

Term inlineTerm(TermId id) {
    switch (tagOf(id)) {
    case IdTag::InlineInteger: return Term::literal(std::to_string(inlineIntegerValue(id)), std::string(xsd::kInteger));
    case IdTag::InlineBoolean: return Term::literal(payloadOf(id) ? "true" : "false", std::string(xsd::kBoolean));
    default: throw StorageError("not an inline term id");
    }
}

} // namespace corridor::storage
