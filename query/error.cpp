#include "query/error.h"

#include <fmt/format.h>

namespace corridor::query {

namespace {
// Byte offset of the start of 1-based line `line`.
std::size_t lineStart(std::string_view text, std::size_t line) {
    std::size_t pos = 0;
    for (std::size_t l = 1; l < line; ++l) {
        auto nl = text.find('\n', pos);
        if (nl == std::string_view::npos) return text.size();
        pos = nl + 1;
    }
    return pos;
}
} // namespace

std::string renderCaret(std::string_view text, const SourceSpan& span) {
    if (span.line == 0 || text.empty()) return {};
    std::size_t start = lineStart(text, span.line);
    std::size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? end : end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string out = "  ";
    out += line;
    out += "\n  ";
    // Pad with the same whitespace characters (tabs stay tabs) up to the column.
    std::size_t col = 1;
    for (std::size_t i = 0; i < line.size() && col < span.column; ++i) {
        unsigned char c = static_cast<unsigned char>(line[i]);
        if ((c & 0xC0) == 0x80) continue;
        out += c == '\t' ? '\t' : ' ';
        ++col;
    }
    std::size_t carets = std::max<std::size_t>(1, std::min<std::size_t>(span.length, 60));
    out += std::string(carets, '^');
    return out;
}

QueryError::QueryError(std::string stage, std::string message, SourceSpan span, std::string_view text)
    : Error([&] {
          std::string head = span.line
                                 ? fmt::format("{} at line {}, column {}: {}", stage, span.line, span.column, message)
                                 : fmt::format("{}: {}", stage, message);
          std::string caret = renderCaret(text, span);
          return caret.empty() ? head : head + "\n" + caret;
      }()),
      message_(std::move(message)), span_(span),
      headline_(span.line ? fmt::format("{} at line {}, column {}: {}", stage, span.line, span.column, message_)
                          : fmt::format("{}: {}", stage, message_)) {}

} // namespace corridor::query
