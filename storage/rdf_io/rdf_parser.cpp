#include "storage/rdf_io/rdf_parser.h"

#include "storage/error.h"
#include "storage/rdf_io/byte_source.h"
#include "storage/rdf_io/iri.h"
#include "storage/rdf_io/rdfxml_parser.h"
#include "storage/rdf_io/serd_util.h"
#include "storage/rdf_io/statement_locator.h"
#include "storage/utf8.h"

#include <cstdarg>
#include <cstring>
#include <exception>
#include <fmt/format.h>
#include <optional>
#include <pthread.h>
#include <serd/serd.h>
#include <unordered_map>

namespace corridor::storage::rdf_io {

Term TermRef::toTerm() const {
    switch (kind) {
    case TermKind::Iri: return Term::iri(std::string(value));
    case TermKind::BlankNode: return Term::blank(std::string(value));
    case TermKind::Literal:
        if (!lang.empty()) return Term::langLiteral(std::string(value), std::string(lang));
        return Term::literal(std::string(value), std::string(datatype));
    }
    return {};
}

namespace {

constexpr std::size_t kPageSize = 64 * 1024;
// Stack serd may use below the parse call: a quarter of the thread's stack, at
// most 2 MiB (about 3,800 levels of `[ :p [ :p ...`, 6,500 of `( ( ...` in serd 0.30).
std::ptrdiff_t stackBudget() {
    std::size_t size = 8 << 20;
    pthread_attr_t attr;
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        pthread_attr_getstacksize(&attr, &size);
        pthread_attr_destroy(&attr);
    }
    return static_cast<std::ptrdiff_t>(std::min<std::size_t>(size / 4, 2 << 20));
}

std::string_view view(const SerdNode* node) {
    return nodeText(node);
}

// UTF-16 surrogates (U+D800..U+DFFF) encoded as UTF-8 start with ED A0..ED BF.
// serd decodes \uD800 escapes into such bytes instead of rejecting them.
bool hasSurrogate(std::string_view s) {
    for (std::size_t i = 0; i + 1 < s.size(); ++i)
        if (static_cast<unsigned char>(s[i]) == 0xED && static_cast<unsigned char>(s[i + 1]) >= 0xA0) return true;
    return false;
}

// RDF 1.1's LANGTAG: letters, then groups of a hyphen and letters or digits ("en-GB", not "en-").
bool validLanguageTag(std::string_view tag) {
    std::size_t i = 0;
    while (i < tag.size() && std::isalpha(static_cast<unsigned char>(tag[i]))) ++i;
    if (i == 0) return false;
    while (i < tag.size()) {
        if (tag[i] != '-') return false;
        std::size_t start = ++i;
        while (i < tag.size() && std::isalnum(static_cast<unsigned char>(tag[i]))) ++i;
        if (i == start) return false;
    }
    return true;
}

// Serd's generated labels are "b<digits>"; in Turtle and TriG it renames user labels of that shape.
bool isGeneratedLabel(std::string_view label) {
    if (label.size() < 2 || label[0] != 'b') return false;
    for (char c : label.substr(1))
        if (c < '0' || c > '9') return false;
    return true;
}

// A problem the glue found after serd accepted the text.
struct GlueProblem {
    std::uint64_t segmentOffset = 0;
    std::uint64_t segmentLine = 1;
    std::uint64_t statementIndex = 0;
    std::string message;
    NeedleKind needle = NeedleKind::None;
    std::string needleText;
};

class ParserSession {
public:
    ParserSession(ByteSource& source, const ParseOptions& options, QuadHandler& handler)
        : source_(source), options_(options), handler_(handler), base_(options.baseIri),
          segmentLine_(options.firstLine) {}

    ParseReport run();

private:
    enum class Outcome { Done, SerdError, GlueError };

    Outcome readSegment();
    std::optional<std::uint64_t> offsetOfLine(std::uint64_t line);
    std::optional<std::pair<std::uint64_t, std::uint64_t>> firstUnreadStatementLine();
    std::pair<std::uint64_t, std::uint64_t> lineAndColumn(std::uint64_t offset);
    std::optional<std::uint64_t> nulOutsideLiterals();
    std::string locate(const GlueProblem& problem);
    [[noreturn]] void failWith(const std::string& message) { throw DataError(message); }

    bool convert(const SerdNode* node, std::string& buf, TermRef& out);
    bool expandIri(const SerdNode* node, std::string& buf);
    void glueProblem(std::string message, NeedleKind needle, std::string needleText = {});

    static SerdStatus onBase(void* handle, const SerdNode* uri);
    static SerdStatus onPrefix(void* handle, const SerdNode* name, const SerdNode* uri);
    static SerdStatus onStatement(void* handle, SerdStatementFlags flags, const SerdNode* graph,
                                  const SerdNode* subject, const SerdNode* predicate, const SerdNode* object,
                                  const SerdNode* datatype, const SerdNode* lang);
    static SerdStatus onError(void* handle, const SerdError* error);
    static std::size_t onRead(void* buf, std::size_t size, std::size_t nmemb, void* stream);
    static int onReadError(void* stream);

    ByteSource& source_;
    const ParseOptions& options_;
    QuadHandler& handler_;
    std::string base_;
    std::unordered_map<std::string, std::string> prefixes_;
    ParseReport report_;

    // The current segment: the whole input, or the rest after a skipped bad line.
    std::uint64_t segmentOffset_ = 0;
    std::uint64_t segmentLine_;
    std::uint64_t segmentNo_ = 0;
    std::uint64_t statementInSegment_ = 0;
    std::uint64_t bytesRead_ = 0;
    std::uint64_t lastStatementRead_ = 0; // bytesRead_ when the last statement ended
    bool statementTooLong_ = false;
    bool sawNul_ = false;             // the segment holds a NUL byte somewhere
    const char* stackBase_ = nullptr; // where the stack stood when serd was called
    std::ptrdiff_t stackBudget_ = stackBudget();

    std::optional<std::pair<std::uint64_t, std::string>> serdError_; // segment line, message
    std::optional<GlueProblem> glueProblem_;
    std::vector<GlueProblem> skippedGlue_; // keepGoing: located at the end
    std::exception_ptr handlerError_;

    std::string sBuf_, pBuf_, oBuf_, gBuf_, dtBuf_;
};

void ParserSession::glueProblem(std::string message, NeedleKind needle, std::string needleText) {
    if (glueProblem_) return;
    glueProblem_ = GlueProblem{segmentOffset_,     segmentLine_, statementInSegment_,
                               std::move(message), needle,       std::move(needleText)};
}

bool ParserSession::expandIri(const SerdNode* node, std::string& buf) {
    std::string_view text = view(node);
    if (node->type == SERD_CURIE) {
        auto colon = text.find(':');
        std::string prefix(text.substr(0, colon));
        auto it = prefixes_.find(prefix);
        if (it == prefixes_.end()) {
            glueProblem(fmt::format("undefined prefix '{}:'", prefix), NeedleKind::Text, prefix + ":");
            return false;
        }
        buf = it->second;
        buf += text.substr(colon + 1);
    } else if (hasScheme(text)) {
        buf.assign(text);
    } else if (base_.empty()) {
        glueProblem(fmt::format("relative IRI <{}> and no base IRI to resolve it against", text), NeedleKind::Text,
                    "<" + std::string(text));
        return false;
    } else {
        buf = resolveIri(base_, text);
    }
    if (!validUtf8(buf)) {
        glueProblem("the IRI is not valid UTF-8 (a malformed or overlong byte sequence)", NeedleKind::None);
        return false;
    }
    if (hasSurrogate(buf)) {
        glueProblem("escape sequence encodes a UTF-16 surrogate (U+D800..U+DFFF)", NeedleKind::SurrogateEscape);
        return false;
    }
    return true;
}

bool ParserSession::convert(const SerdNode* node, std::string& buf, TermRef& out) {
    out = TermRef{};
    switch (node->type) {
    case SERD_URI:
    case SERD_CURIE:
        if (!expandIri(node, buf)) return false;
        out.kind = TermKind::Iri;
        out.value = buf;
        return true;
    case SERD_BLANK: {
        std::string_view label = view(node);
        buf = options_.blankPrefix;
        buf += label;
        // Labels serd generates (Turtle's [] and lists) restart at b1 in each segment; keep
        // segments apart. N-Triples and N-Quads generate none, and serd leaves their own labels
        // of that shape as they are: "_:b5" after a skipped line is the same node as before it.
        if (segmentNo_ > 0 && !formatIsLineBased(options_.format) && isGeneratedLabel(label))
            buf += fmt::format("x{}", segmentNo_);
        out.kind = TermKind::BlankNode;
        out.value = buf;
        return true;
    }
    case SERD_LITERAL:
        out.kind = TermKind::Literal;
        out.value = view(node);
        if (!validUtf8(out.value)) {
            glueProblem("the literal is not valid UTF-8 (a malformed or overlong byte sequence)", NeedleKind::None);
            return false;
        }
        if (hasSurrogate(out.value)) {
            glueProblem("escape sequence encodes a UTF-16 surrogate (U+D800..U+DFFF)", NeedleKind::SurrogateEscape);
            return false;
        }
        return true;
    default: glueProblem("unexpected empty node", NeedleKind::None); return false;
    }
}

SerdStatus ParserSession::onBase(void* handle, const SerdNode* uri) {
    auto* self = static_cast<ParserSession*>(handle);
    std::string_view text = view(uri);
    if (hasScheme(text) || self->base_.empty()) {
        self->base_.assign(text);
    } else {
        self->base_ = resolveIri(self->base_, text);
    }
    return SERD_SUCCESS;
}

SerdStatus ParserSession::onPrefix(void* handle, const SerdNode* name, const SerdNode* uri) {
    auto* self = static_cast<ParserSession*>(handle);
    std::string iri;
    if (!self->expandIri(uri, iri)) return SERD_ERR_BAD_SYNTAX;
    try {
        self->handler_.onPrefix(view(name), iri);
    } catch (...) {
        self->handlerError_ = std::current_exception();
        return SERD_ERR_UNKNOWN;
    }
    self->prefixes_[std::string(view(name))] = std::move(iri);
    return SERD_SUCCESS;
}

SerdStatus ParserSession::onStatement(void* handle, SerdStatementFlags flags, const SerdNode* graph,
                                      const SerdNode* subject, const SerdNode* predicate, const SerdNode* object,
                                      const SerdNode* datatype, const SerdNode* lang) {
    auto* self = static_cast<ParserSession*>(handle);
    // serd reads nested blank nodes and collections by recursion and would run
    // out of stack (a crash) on input nested deeply enough; it calls back on the
    // way down, so the depth is checked here, by the stack it has used.
    char here = 0;
    if (self->stackBase_ - &here > self->stackBudget_) {
        self->glueProblem("blank nodes or collections nested too deeply (more than a few thousand levels)",
                          NeedleKind::None);
        return SERD_ERR_BAD_SYNTAX; // fatal even with --keep-going: the rest is nested as deep
    }
    TermRef s, p, o, g;
    bool ok = true;
    // serd's N-Triples and N-Quads readers let Turtle's [] through.
    if (formatIsLineBased(self->options_.format) &&
        (flags & (SERD_ANON_S_BEGIN | SERD_ANON_O_BEGIN | SERD_EMPTY_S | SERD_EMPTY_O))) {
        self->glueProblem("[] is Turtle, not N-Triples or N-Quads: write a labelled blank node (_:b1)",
                          NeedleKind::Text, "[");
        ok = false;
    }
    ok = ok && self->convert(subject, self->sBuf_, s) && self->convert(predicate, self->pBuf_, p) &&
         self->convert(object, self->oBuf_, o) && (!graph || self->convert(graph, self->gBuf_, g));
    if (ok && o.kind == TermKind::Literal) {
        if (lang && lang->n_bytes > 0) {
            o.lang = view(lang);
            if (!validLanguageTag(o.lang)) {
                self->glueProblem(
                    fmt::format("'{}' is not a language tag (letters, then '-' and letters or digits)", o.lang),
                    NeedleKind::Text, "@" + std::string(o.lang));
                ok = false;
            }
        } else if (datatype && datatype->n_bytes > 0) {
            ok = self->expandIri(datatype, self->dtBuf_);
            o.datatype = self->dtBuf_;
            if (o.datatype == xsd::kString) o.datatype = {};
        }
    }
    ++self->statementInSegment_;
    if (!ok) {
        if (!self->options_.keepGoing) return SERD_ERR_BAD_SYNTAX;
        self->skippedGlue_.push_back(*self->glueProblem_);
        self->glueProblem_.reset();
        return SERD_SUCCESS;
    }
    try {
        self->handler_.onQuad(s, p, o, graph ? &g : nullptr);
    } catch (...) {
        self->handlerError_ = std::current_exception();
        return SERD_ERR_UNKNOWN;
    }
    ++self->report_.statements;
    self->lastStatementRead_ = self->bytesRead_;
    return SERD_SUCCESS;
}

SerdStatus ParserSession::onError(void* handle, const SerdError* error) {
    auto* self = static_cast<ParserSession*>(handle);
    if (self->serdError_ || self->glueProblem_ || self->handlerError_) return SERD_SUCCESS;
    char text[1024];
    va_list args;
    va_copy(args, *error->args);
    std::vsnprintf(text, sizeof text, error->fmt, args);
    va_end(args);
    std::string message(text);
    while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
    std::uint64_t line = self->segmentLine_ + (error->line > 0 ? error->line - 1 : 0);
    // serd counts columns from 1 on its first line but from 0 after each newline.
    unsigned column = error->line > 1 ? error->col + 1 : error->col;
    self->serdError_ =
        std::make_pair(error->line, fmt::format("{}:{}:{}: {}", self->options_.sourceName, line, column, message));
    return SERD_SUCCESS;
}

std::size_t ParserSession::onRead(void* buf, std::size_t size, std::size_t nmemb, void* stream) {
    auto* self = static_cast<ParserSession*>(stream);
    const std::uint64_t bound = self->options_.maxStatementBytes;
    if (bound && self->bytesRead_ - self->lastStatementRead_ > bound) {
        self->statementTooLong_ = true;
        return 0; // serd sees the input end here
    }
    std::size_t n = self->source_.read(static_cast<char*>(buf), size * nmemb);
    // A NUL byte is fine inside a literal, but elsewhere serd takes it for the
    // end of the input and silently drops the rest: noted here, looked for after.
    if (std::memchr(buf, '\0', n)) self->sawNul_ = true;
    self->bytesRead_ += n;
    if (self->options_.progress) self->options_.progress(self->bytesRead_);
    return n;
}

int ParserSession::onReadError(void* stream) {
    return static_cast<ParserSession*>(stream)->source_.failed() ? 1 : 0;
}

ParserSession::Outcome ParserSession::readSegment() {
    SerdReader* reader =
        serd_reader_new(serdSyntax(options_.format), this, nullptr, &onBase, &onPrefix, &onStatement, nullptr);
    serd_reader_set_strict(reader, true);
    serd_reader_set_error_sink(reader, &onError, this);
    source_.seek(segmentOffset_);
    bytesRead_ = segmentOffset_;
    lastStatementRead_ = segmentOffset_;
    statementTooLong_ = false;
    statementInSegment_ = 0;
    serdError_.reset();
    sawNul_ = false;
    std::string name = options_.sourceName;
    char here = 0;
    stackBase_ = &here;
    SerdStatus status = serd_reader_read_source(reader, &onRead, &onReadError, this,
                                                reinterpret_cast<const std::uint8_t*>(name.c_str()), kPageSize);
    serd_reader_free(reader);
    if (handlerError_) std::rethrow_exception(handlerError_);
    if (source_.failed()) failWith(fmt::format("{}: read error", options_.sourceName));
    if (glueProblem_) return Outcome::GlueError;
    if (statementTooLong_) {
        // Where reading stopped; the statement began before it.
        auto [line, column] = lineAndColumn(bytesRead_);
        failWith(fmt::format("{}:{}:{}: no statement ends within {} MiB of text{}", options_.sourceName,
                             segmentLine_ + line - 1, column, options_.maxStatementBytes >> 20,
                             options_.statementLimitHint.empty() ? "" : ": " + options_.statementLimitHint));
    }
    std::optional<std::uint64_t> nulAt = sawNul_ ? nulOutsideLiterals() : std::nullopt;
    if (nulAt) {
        // Reported unless serd found a problem on an earlier line (its error on
        // the NUL's line comes from the input ending there).
        auto [line, column] = lineAndColumn(*nulAt);
        if (!serdError_ || serdError_->first >= line) {
            serdError_ = std::make_pair(line, fmt::format("{}:{}:{}: a NUL byte (0x00) outside a literal",
                                                          options_.sourceName, segmentLine_ + line - 1, column));
        }
        return Outcome::SerdError;
    }
    if (serdError_) return Outcome::SerdError;
    if (status > SERD_FAILURE)
        failWith(fmt::format("{}: {}", options_.sourceName, reinterpret_cast<const char*>(serd_strerror(status))));
    // serd's N-Quads reader stops without a word at some bad statements (a
    // literal subject): every line that holds a statement must have given one.
    if (status == SERD_FAILURE && formatIsLineBased(options_.format)) {
        if (auto unread = firstUnreadStatementLine()) {
            source_.seek(segmentOffset_);
            serdError_ = std::make_pair(
                unread->first, fmt::format("{}:{}:{}: expected a statement: an IRI or a blank node as its subject, "
                                           "then predicate, object{} and '.'",
                                           options_.sourceName, segmentLine_ + unread->first - 1, unread->second,
                                           options_.format == RdfFormat::NQuads ? ", an optional graph" : ""));
            return Outcome::SerdError;
        }
    }
    return Outcome::Done;
}

// The offset of the first NUL byte of the segment outside a literal, reading
// the text as Turtle's tokens: strings ('...' "..." and the long forms, with
// escapes), IRIs <...>, and comments.
std::optional<std::uint64_t> ParserSession::nulOutsideLiterals() {
    std::string text;
    source_.seek(segmentOffset_);
    std::string page(kPageSize, '\0');
    for (std::size_t n; (n = source_.read(page.data(), page.size())) > 0;) text.append(page, 0, n);
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\0') return segmentOffset_ + i;
        if (c == '#') {
            while (i + 1 < text.size() && text[i + 1] != '\n' && text[i + 1] != '\0') ++i;
        } else if (c == '<') {
            while (i + 1 < text.size() && text[i + 1] != '>' && text[i + 1] != '\0' && text[i + 1] != '\n') ++i;
        } else if (c == '"' || c == '\'') {
            bool longForm = text.compare(i, 3, std::string(3, c)) == 0;
            std::size_t j = i + (longForm ? 3 : 1);
            for (; j < text.size(); ++j) {
                if (text[j] == '\\')
                    ++j;
                else if (text[j] == c && (!longForm || text.compare(j, 3, std::string(3, c)) == 0))
                    break;
                else if (!longForm && text[j] == '\n')
                    break;
            }
            i = longForm ? j + 2 : j;
        }
    }
    return std::nullopt;
}

// The 1-based line (counted from the segment) and column of a byte offset.
std::pair<std::uint64_t, std::uint64_t> ParserSession::lineAndColumn(std::uint64_t offset) {
    source_.seek(segmentOffset_);
    std::string page(kPageSize, '\0');
    std::uint64_t line = 1, column = 1, at = segmentOffset_;
    while (at < offset) {
        std::size_t n =
            source_.read(page.data(), static_cast<std::size_t>(std::min<std::uint64_t>(page.size(), offset - at)));
        if (n == 0) break;
        for (std::size_t i = 0; i < n; ++i) {
            if (page[i] == '\n') {
                ++line;
                column = 1;
            } else if ((static_cast<unsigned char>(page[i]) & 0xC0) != 0x80) {
                ++column;
            }
        }
        at += n;
    }
    return {line, column};
}

// N-Triples and N-Quads hold one statement per line: the first line of the
// segment (1-based, with its first column) holding text past the statements
// serd delivered.
std::optional<std::pair<std::uint64_t, std::uint64_t>> ParserSession::firstUnreadStatementLine() {
    source_.seek(segmentOffset_);
    std::string page(kPageSize, '\0');
    std::uint64_t line = 1, column = 0, statements = 0;
    bool inContent = false, inComment = false, lineCounted = false;
    for (;;) {
        std::size_t n = source_.read(page.data(), page.size());
        if (n == 0) return std::nullopt;
        for (std::size_t i = 0; i < n; ++i) {
            char c = page[i];
            if (c == '\n' || c == '\r') {
                ++line;
                column = 0;
                inContent = inComment = lineCounted = false;
                continue;
            }
            if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++column;
            if (inComment || inContent) continue;
            if (c == ' ' || c == '\t') continue;
            if (c == '#') {
                inComment = true;
                continue;
            }
            inContent = true;
            if (!lineCounted) {
                lineCounted = true;
                if (++statements > statementInSegment_) return std::make_pair(line, column);
            }
        }
    }
}

// Byte offset where 1-based `line` starts, counting from the current segment.
std::optional<std::uint64_t> ParserSession::offsetOfLine(std::uint64_t line) {
    source_.seek(segmentOffset_);
    std::uint64_t current = segmentLine_;
    std::uint64_t offset = segmentOffset_;
    std::string page(kPageSize, '\0');
    while (current < line) {
        std::size_t n = source_.read(page.data(), page.size());
        if (n == 0) return std::nullopt;
        for (std::size_t i = 0; i < n && current < line; ++i) {
            ++offset;
            if (page[i] == '\n') ++current;
        }
    }
    return offset;
}

std::string ParserSession::locate(const GlueProblem& problem) {
    Position pos = locateInStatement(source_, options_.format, problem.segmentOffset, problem.segmentLine,
                                     problem.statementIndex, problem.needle, problem.needleText);
    return fmt::format("{}:{}:{}: {}", options_.sourceName, pos.line, pos.column, problem.message);
}

ParseReport ParserSession::run() {
    for (;;) {
        Outcome outcome = readSegment();
        if (outcome == Outcome::Done) break;
        if (outcome == Outcome::GlueError) failWith(locate(*glueProblem_));
        // A serd syntax error.
        if (!options_.keepGoing) failWith(serdError_->second);
        report_.rejected.push_back(serdError_->second);
        std::uint64_t badLine = segmentLine_ + (serdError_->first > 0 ? serdError_->first - 1 : 0);
        auto next = offsetOfLine(badLine + 1);
        if (!next || *next >= source_.size()) break;
        segmentOffset_ = *next;
        segmentLine_ = badLine + 1;
        ++segmentNo_;
    }
    for (const auto& problem : skippedGlue_) report_.rejected.push_back(locate(problem));
    return report_;
}

} // namespace

ParseReport parseRdfFile(const std::string& path, const ParseOptions& options, QuadHandler& handler) {
    FileByteSource source(path);
    if (options.format == RdfFormat::RdfXml) return parseRdfXml(source, options, handler);
    ParserSession session(source, options, handler);
    return session.run();
}

ParseReport parseRdfString(std::string_view text, const ParseOptions& options, QuadHandler& handler) {
    StringByteSource source(text);
    if (options.format == RdfFormat::RdfXml) return parseRdfXml(source, options, handler);
    ParserSession session(source, options, handler);
    return session.run();
}

} // namespace corridor::storage::rdf_io
