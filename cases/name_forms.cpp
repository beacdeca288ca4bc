#include "cases/name_forms.h"

#include "storage/error.h"

#include <memory>
#include <mutex>
#include <unicode/translit.h>
#include <unicode/unistr.h>

namespace corridor::cases {

namespace {
const std::set<std::string>& stopWords() {
    static const std::set<std::string> words = {"of", "the", "and", "for", "in", "on", "de",  "la",
                                                "le", "du",  "des", "a",   "an", "co", "ltd", "inc"};
    return words;
}

icu::Transliterator& transliterator() {
    static std::unique_ptr<icu::Transliterator> t;
    static std::once_flag once;
    std::call_once(once, [] {
        UErrorCode status = U_ZERO_ERROR;
        // Any script to Latin, then to plain ASCII (diacritics gone), then lower case.
        t.reset(icu::Transliterator::createInstance("Any-Latin; Latin-ASCII; Lower", UTRANS_FORWARD, status));
        if (U_FAILURE(status) || !t) throw Error("ICU has no Any-Latin transliterator");
    });
    return *t;
}

NameForm formOf(const std::string& text, bool alias, std::string_view original) {
    NameForm form;
    form.text = normaliseName(text);
    form.alias = alias;
    form.original = std::string(original);
    std::string word;
    std::vector<std::string> kept;
    auto flush = [&] {
        if (!word.empty() && !stopWords().count(word)) {
            form.words.insert(word);
            kept.push_back(word);
        }
        word.clear();
    };
    for (char c : form.text) {
        if (c == ' ')
            flush();
        else
            word.push_back(c);
    }
    flush();
    if (kept.size() >= 2)
        for (const auto& w : kept) form.initials.push_back(w[0]);
    return form;
}
} // namespace

std::string normaliseName(std::string_view text) {
    icu::UnicodeString u =
        icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
    transliterator().transliterate(u);
    std::string ascii;
    u.toUTF8String(ascii);
    std::string out;
    for (char c : ascii) {
        bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z');
        if (alnum)
            out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
        else if (!out.empty() && out.back() != ' ')
            out.push_back(' ');
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (out.starts_with("the ")) out.erase(0, 4);
    return out;
}

std::vector<NameForm> nameForms(std::string_view label, bool alias) {
    std::vector<NameForm> forms;
    std::string main;
    std::vector<std::string> inner;
    // Bracketed parts (ASCII and full-width brackets) are aliases, split at ';' ',' '/'.
    std::string current;
    int depth = 0;
    for (std::size_t i = 0; i < label.size(); ++i) {
        std::string_view rest = label.substr(i);
        bool open = rest.starts_with("(") || rest.starts_with("[") || rest.starts_with("\xEF\xBC\x88");
        bool close = rest.starts_with(")") || rest.starts_with("]") || rest.starts_with("\xEF\xBC\x89");
        std::size_t width = rest.starts_with("\xEF\xBC") && (open || close) ? 3 : 1;
        if (open) {
            if (depth++ == 0) current.clear();
        } else if (close && depth > 0) {
            if (--depth == 0) inner.push_back(current);
        } else if (depth > 0) {
            current += label.substr(i, 1);
        } else {
            main += label.substr(i, 1);
        }
        i += width - 1;
    }
    if (!normaliseName(main).empty()) forms.push_back(formOf(main, alias, label));
    for (const auto& part : inner) {
        std::string piece;
        auto flush = [&] {
            if (!normaliseName(piece).empty()) forms.push_back(formOf(piece, true, label));
            piece.clear();
        };
        for (char c : part) {
            if (c == ';' || c == ',' || c == '/')
                flush();
            else
                piece.push_back(c);
        }
        flush();
    }
    return forms;
}

} // namespace corridor::cases
