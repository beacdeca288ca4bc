#include "storage/rdf_io/rdfxml_parser.h"

#include "storage/error.h"
#include "storage/rdf_io/iri.h"
#include "storage/shared_library.h"
#include "storage/utf8.h"

#include <exception>
#include <fmt/format.h>
#include <memory>
#include <raptor2/raptor2.h>

namespace corridor::storage::rdf_io {

namespace {
constexpr std::size_t kChunk = 64 * 1024;

// raptor2's functions, from the library opened the first time RDF/XML is read.
struct Raptor {
    SharedLibrary library{CORRIDOR_RAPTOR2_SONAME, "reading RDF/XML", "libraptor2-0"};
#define RAPTOR_FUNCTION(name)                                                                                          \
    decltype(&::raptor_##name) name = library.function<decltype(::raptor_##name)>("raptor_" #name)
    RAPTOR_FUNCTION(free_parser);
    RAPTOR_FUNCTION(free_uri);
    RAPTOR_FUNCTION(free_world);
    RAPTOR_FUNCTION(namespace_get_prefix);
    RAPTOR_FUNCTION(namespace_get_uri);
    RAPTOR_FUNCTION(new_parser);
    RAPTOR_FUNCTION(new_uri);
    RAPTOR_FUNCTION(new_world_internal); // raptor_new_world() is a macro calling it with RAPTOR_VERSION
    RAPTOR_FUNCTION(parser_get_locator);
    RAPTOR_FUNCTION(parser_parse_abort);
    RAPTOR_FUNCTION(parser_parse_chunk);
    RAPTOR_FUNCTION(parser_parse_start);
    RAPTOR_FUNCTION(parser_set_namespace_handler);
    RAPTOR_FUNCTION(parser_set_option);
    RAPTOR_FUNCTION(parser_set_statement_handler);
    RAPTOR_FUNCTION(uri_as_counted_string);
    RAPTOR_FUNCTION(world_open);
    RAPTOR_FUNCTION(world_set_log_handler);
#undef RAPTOR_FUNCTION
};

const Raptor& raptor() {
    static const Raptor functions;
    return functions;
}

struct Session {
    const ParseOptions* options = nullptr;
    QuadHandler* handler = nullptr;
    raptor_parser* parser = nullptr;
    ParseReport report;
    std::optional<std::string> error;    // the first problem (stops the parse)
    std::exception_ptr handlerException; // thrown by the handler: rethrown unchanged

    std::string where(const raptor_locator* at) const {
        int line = at && at->line > 0 ? at->line : 1;
        int column = at && at->column > 0 ? at->column : 1;
        return fmt::format("{}:{}:{}", options->sourceName, line, column);
    }

    void fail(std::string message) {
        if (options->keepGoing && !handlerException) {
            report.rejected.push_back(std::move(message));
            return;
        }
        if (!error) error = std::move(message);
        raptor().parser_parse_abort(parser);
    }
};

std::string_view text(const unsigned char* s, std::size_t n) {
    return {reinterpret_cast<const char*>(s), n};
}

// A raptor term as a TermRef; `storage` keeps the strings the views point into.
bool termOf(Session& s, const raptor_term* t, TermRef& out, std::string& storage, std::string& problem) {
    switch (t->type) {
    case RAPTOR_TERM_TYPE_URI: {
        std::size_t n = 0;
        const unsigned char* iri = raptor().uri_as_counted_string(t->value.uri, &n);
        storage.assign(text(iri, n));
        if (auto why = absoluteIriProblem(storage)) {
            problem = fmt::format("bad IRI <{}>: {}", storage, *why);
            return false;
        }
        out = TermRef{TermKind::Iri, storage, {}, {}};
        return true;
    }
    case RAPTOR_TERM_TYPE_BLANK:
        storage = s.options->blankPrefix + std::string(text(t->value.blank.string, t->value.blank.string_len));
        out = TermRef{TermKind::BlankNode, storage, {}, {}};
        return true;
    case RAPTOR_TERM_TYPE_LITERAL: {
        storage.assign(text(t->value.literal.string, t->value.literal.string_len));
        if (!validUtf8(storage)) {
            problem = "a literal is not valid UTF-8";
            return false;
        }
        out = TermRef{TermKind::Literal, storage, {}, {}};
        if (t->value.literal.datatype) {
            std::size_t n = 0;
            const unsigned char* dt = raptor().uri_as_counted_string(t->value.literal.datatype, &n);
            storage.push_back('\0'); // keep the value's view valid: datatype and language go after it
            std::size_t start = storage.size();
            storage.append(text(dt, n));
            out.value = std::string_view(storage).substr(0, start - 1);
            out.datatype = std::string_view(storage).substr(start);
        } else if (t->value.literal.language && t->value.literal.language_len > 0) {
            storage.push_back('\0');
            std::size_t start = storage.size();
            storage.append(text(t->value.literal.language, t->value.literal.language_len));
            out.value = std::string_view(storage).substr(0, start - 1);
            out.lang = std::string_view(storage).substr(start);
        }
        return true;
    }
    default: problem = "an unknown kind of term"; return false;
    }
}

void onStatement(void* data, raptor_statement* st) {
    auto& s = *static_cast<Session*>(data);
    if (s.error || s.handlerException) return;
    TermRef sub, pred, obj, graph;
    std::string a, b, c, d, problem;
    bool ok = termOf(s, st->subject, sub, a, problem) && termOf(s, st->predicate, pred, b, problem) &&
              termOf(s, st->object, obj, c, problem) && (!st->graph || termOf(s, st->graph, graph, d, problem));
    if (!ok) {
        s.fail(fmt::format("{}: {}", s.where(raptor().parser_get_locator(s.parser)), problem));
        return;
    }
    try {
        s.handler->onQuad(sub, pred, obj, st->graph ? &graph : nullptr);
        ++s.report.statements;
    } catch (...) {
        s.handlerException = std::current_exception();
        raptor().parser_parse_abort(s.parser);
    }
}

void onNamespace(void* data, raptor_namespace* ns) {
    auto& s = *static_cast<Session*>(data);
    const unsigned char* prefix = raptor().namespace_get_prefix(ns);
    raptor_uri* uri = raptor().namespace_get_uri(ns);
    if (!uri || s.handlerException) return;
    std::size_t n = 0;
    const unsigned char* iri = raptor().uri_as_counted_string(uri, &n);
    try {
        s.handler->onPrefix(prefix ? reinterpret_cast<const char*>(prefix) : "", text(iri, n));
    } catch (...) {
        s.handlerException = std::current_exception();
        raptor().parser_parse_abort(s.parser);
    }
}

void onLog(void* data, raptor_log_message* message) {
    auto& s = *static_cast<Session*>(data);
    if (message->level < RAPTOR_LOG_LEVEL_ERROR || !s.parser) return; // warnings are not failures
    std::string what = message->text ? message->text : "RDF/XML error";
    while (!what.empty() && (what.back() == '\n' || what.back() == ' ')) what.pop_back();
    // libxml2's errors reach raptor without a position: the parser's own locator has it.
    const raptor_locator* at = message->locator;
    if (!at || at->line <= 0) at = raptor().parser_get_locator(s.parser);
    s.fail(fmt::format("{}: {}", s.where(at), what));
}

struct WorldDeleter {
    void operator()(raptor_world* w) const { raptor().free_world(w); }
};
struct ParserDeleter {
    void operator()(raptor_parser* p) const { raptor().free_parser(p); }
};
struct UriDeleter {
    void operator()(raptor_uri* u) const { raptor().free_uri(u); }
};
} // namespace

ParseReport parseRdfXml(ByteSource& source, const ParseOptions& options, QuadHandler& handler) {
    Session s;
    s.options = &options;
    s.handler = &handler;
    std::unique_ptr<raptor_world, WorldDeleter> world(raptor().new_world_internal(RAPTOR_VERSION));
    if (!world || raptor().world_open(world.get()) != 0) throw Error("cannot start the RDF/XML reader (raptor2)");
    raptor().world_set_log_handler(world.get(), &s, onLog);
    std::unique_ptr<raptor_parser, ParserDeleter> parser(raptor().new_parser(world.get(), "rdfxml"));
    if (!parser) throw Error("raptor2 has no RDF/XML parser");
    s.parser = parser.get();
    // Nothing outside the document: no network, no files, no external entities.
    raptor().parser_set_option(parser.get(), RAPTOR_OPTION_NO_NET, nullptr, 1);
    raptor().parser_set_option(parser.get(), RAPTOR_OPTION_NO_FILE, nullptr, 1);
    raptor().parser_set_option(parser.get(), RAPTOR_OPTION_LOAD_EXTERNAL_ENTITIES, nullptr, 0);
    raptor().parser_set_statement_handler(parser.get(), &s, onStatement);
    raptor().parser_set_namespace_handler(parser.get(), &s, onNamespace);
    std::string base = options.baseIri.empty() ? "urn:corridor:base" : options.baseIri;
    std::unique_ptr<raptor_uri, UriDeleter> baseUri(
        raptor().new_uri(world.get(), reinterpret_cast<const unsigned char*>(base.c_str())));
    if (raptor().parser_parse_start(parser.get(), baseUri.get()) != 0) throw Error("cannot start the RDF/XML parse");
    std::vector<char> buffer(kChunk);
    std::uint64_t read = 0;
    for (;;) {
        std::size_t n = source.read(buffer.data(), buffer.size());
        if (source.failed()) throw DataError(fmt::format("{}: read error", options.sourceName));
        read += n;
        if (options.progress) options.progress(read);
        bool end = n == 0;
        raptor().parser_parse_chunk(parser.get(), reinterpret_cast<const unsigned char*>(buffer.data()), n,
                                    end ? 1 : 0);
        if (s.handlerException) std::rethrow_exception(s.handlerException);
        if (s.error) throw DataError(*s.error);
        if (end) break;
    }
    return std::move(s.report);
}

} // namespace corridor::storage::rdf_io
