#pragma once
// The lexer reads every keyword as a word (the grammar's UNKNOWN_WORD rule) and names it here:
// a grammar whose lexer held one rule per keyword made each new process build a large start
// state before its first token (docs/decisions.md, "Keywords are words").

#include <cstddef>
#include <string>

namespace corridor::grammar {

// The token type `word` spells, in any case, among the grammar's keywords (the tokens it declares
// in its tokens block, which the parser knows and the lexer makes no rule for, each named as its
// keyword is spelt, in capitals, or with "_KW" after it); `otherwise` if it spells none.
std::size_t keywordType(std::string word, std::size_t otherwise);

} // namespace corridor::grammar
