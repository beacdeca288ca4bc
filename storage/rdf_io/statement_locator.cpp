#include "storage/rdf_io/statement_locator.h"

#include "storage/rdf_io/serd_util.h"

#include <string>

namespace corridor::storage::rdf_io {

namespace {

struct LocatorState {
    ByteSource* source = nullptr;
    std::uint64_t target = 0;
    std::uint64_t seen = 0;
    std::string window; // bytes read since the previous statement ended
    Position windowStart;
    bool found = false;
};

void advancePosition(Position& pos, std::string_view text) {
    for (unsigned char c : text) {
        if (c == '\n') {
            ++pos.line;
            pos.column = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++pos.column;
        }
    }
}

SerdStatus onStatement(void* handle, SerdStatementFlags, const SerdNode*, const SerdNode*, const SerdNode*,
                       const SerdNode*, const SerdNode*, const SerdNode*) {
    auto* state = static_cast<LocatorState*>(handle);
    if (state->seen == state->target) {
        state->found = true;
        return SERD_ERR_UNKNOWN; // stop reading
    }
    ++state->seen;
    advancePosition(state->windowStart, state->window);
    state->window.clear();
    return SERD_SUCCESS;
}

SerdStatus ignoreError(void*, const SerdError*) {
    return SERD_SUCCESS;
}

std::size_t readOne(void* buf, std::size_t size, std::size_t nmemb, void* stream) {
    auto* state = static_cast<LocatorState*>(stream);
    std::size_t n = state->source->read(static_cast<char*>(buf), size * nmemb);
    state->window.append(static_cast<char*>(buf), n);
    return n;
}

int readError(void* stream) {
    return static_cast<LocatorState*>(stream)->source->failed();
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

} // namespace

std::size_t findSurrogateEscape(std::string_view text) {
    for (std::size_t i = 0; i + 1 < text.size(); ++i) {
        if (text[i] != '\\' || (text[i + 1] != 'u' && text[i + 1] != 'U')) continue;
        std::size_t digits = text[i + 1] == 'u' ? 4 : 8;
        if (i + 2 + digits > text.size()) continue;
        unsigned long value = 0;
        bool ok = true;
        for (std::size_t k = 0; k < digits && ok; ++k) {
            int h = hexValue(text[i + 2 + k]);
            ok = h >= 0;
            value = value * 16 + static_cast<unsigned long>(h);
        }
        if (ok && value >= 0xD800 && value <= 0xDFFF) return i;
    }
    return std::string_view::npos;
}

Position locateInStatement(ByteSource& source, RdfFormat format, std::uint64_t segmentOffset, std::uint64_t segmentLine,
                           std::uint64_t statementIndex, NeedleKind needle, std::string_view needleText) {
    LocatorState state;
    state.source = &source;
    state.target = statementIndex;
    state.windowStart = Position{segmentLine, 1};
    source.seek(segmentOffset);
    SerdReader* reader = serd_reader_new(serdSyntax(format), &state, nullptr, nullptr, nullptr, &onStatement, nullptr);
    serd_reader_set_error_sink(reader, &ignoreError, nullptr);
    serd_reader_read_source(reader, &readOne, &readError, &state, reinterpret_cast<const std::uint8_t*>("locate"), 1);
    serd_reader_free(reader);

    std::size_t at = std::string::npos;
    if (needle == NeedleKind::Text && !needleText.empty()) at = state.window.find(needleText);
    if (needle == NeedleKind::SurrogateEscape) at = findSurrogateEscape(state.window);
    if (at == std::string::npos) {
        // Skip the whitespace and comments before the statement itself.
        at = state.window.find_first_not_of(" \t\r\n");
        if (at == std::string::npos) at = 0;
    }
    Position pos = state.windowStart;
    advancePosition(pos, std::string_view(state.window).substr(0, at));
    return pos;
}

} // namespace corridor::storage::rdf_io
