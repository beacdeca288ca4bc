#pragma once
// The forms of an entity's name that linking compares: each label and alias
// transliterated to Latin ASCII and lower case (ICU: "商务部" -> "shang wu bu",
// "Café" -> "cafe"), punctuation dropped, with bracketed parts split off as
// aliases ("Ministry of Commerce (MOFCOM; 商务部)" gives "ministry of commerce",
// "mofcom", "shang wu bu") and the initials of longer names ("Industrial Parks
// Development Corporation" -> "ipdc").

#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace corridor::cases {

struct NameForm {
    std::string text;            // normalised: lower-case ASCII words separated by single spaces
    std::set<std::string> words; // its words without stop words ("of", "the", ...)
    std::string initials;        // of those words, when there are at least two
    bool alias = false;          // from brackets or an alternative label
    std::string original;        // the label it came from, for explanations
};

// The forms of one label; `alias` marks an alternative label.
std::vector<NameForm> nameForms(std::string_view label, bool alias);

// Lower-case Latin ASCII of any script (ICU transliteration), punctuation as spaces, spaces collapsed.
std::string normaliseName(std::string_view text);

} // namespace corridor::cases
