#include "storage/rdf_io/quad_writer.h"

#include "storage/error.h"
#include "storage/rdf_io/serd_util.h"

#include <cerrno>
#include <cstring>
#include <fmt/format.h>

namespace corridor::storage::rdf_io {

struct QuadWriter::Impl {
    RdfFormat format;
    std::FILE* out;
    SerdEnv* env = nullptr;
    SerdWriter* writer = nullptr;
    bool finished = false;
    // serd hands its output over a few bytes at a time; they are gathered here and
    // written in large pieces (one fwrite, and its lock, per token cost 11% of an export).
    std::string buffer;
    int writeError = 0; // errno of a failed write

    void flush() {
        if (!buffer.empty() && std::fwrite(buffer.data(), 1, buffer.size(), out) != buffer.size() && !writeError)
            writeError = errno ? errno : EIO;
        buffer.clear();
    }
    void throwIfFailed() const {
        if (writeError || std::ferror(out))
            throw StorageError(
                fmt::format("writing output failed: {}", std::strerror(writeError ? writeError : errno)));
    }
};

namespace {

constexpr std::size_t kFlushBytes = 64 * 1024;

std::size_t bufferSink(const void* data, std::size_t length, void* stream) {
    auto* impl = static_cast<QuadWriter::Impl*>(stream);
    impl->buffer.append(static_cast<const char*>(data), length);
    if (impl->buffer.size() >= kFlushBytes) impl->flush();
    return length;
}

const std::uint8_t* bytes(const std::string& s) {
    return reinterpret_cast<const std::uint8_t*>(s.data());
}

// Built by hand: serd_node_from_substring() stops at the first NUL byte, but
// literals may contain U+0000.
SerdNode node(SerdType type, const std::string& text) {
    SerdNode n = SERD_NODE_NULL;
    n.buf = bytes(text);
    n.n_bytes = text.size();
    n.type = type;
    SerdNodeFlags flags = 0;
    std::size_t chars = 0;
    for (unsigned char c : text) {
        if ((c & 0xC0) != 0x80) ++chars;
        if (c == '\n' || c == '\r') flags |= SERD_HAS_NEWLINE;
        if (c == '"') flags |= SERD_HAS_QUOTE;
    }
    n.n_chars = chars;
    n.flags = flags;
    return n;
}

SerdNode termNode(const Term& t) {
    switch (t.kind) {
    case TermKind::Iri: return node(SERD_URI, t.value);
    case TermKind::BlankNode: return node(SERD_BLANK, t.value);
    case TermKind::Literal: return node(SERD_LITERAL, t.value);
    }
    return SERD_NODE_NULL;
}

} // namespace

QuadWriter::QuadWriter(RdfFormat format, std::FILE* out,
                       const std::vector<std::pair<std::string, std::string>>& prefixes)
    : impl_(nullptr) {
    if (format == RdfFormat::RdfXml)
        throw UsageError("RDF/XML is read, not written: export as ntriples, nquads, turtle or trig");
    impl_ = new Impl{format, out};
    bool terse = format == RdfFormat::Turtle || format == RdfFormat::TriG;
    impl_->env = serd_env_new(nullptr);
    auto style = static_cast<SerdStyle>(terse ? (SERD_STYLE_ABBREVIATED | SERD_STYLE_CURIED) : 0);
    impl_->writer = serd_writer_new(serdSyntax(format), style, impl_->env, nullptr, bufferSink, impl_);
    if (terse) {
        for (const auto& [name, iri] : prefixes) {
            SerdNode n = node(SERD_LITERAL, name);
            SerdNode u = node(SERD_URI, iri);
            serd_env_set_prefix(impl_->env, &n, &u);
            serd_writer_set_prefix(impl_->writer, &n, &u);
        }
    }
}

QuadWriter::~QuadWriter() {
    if (!impl_->finished) {
        try {
            finish();
        } catch (...) {}
    }
    serd_writer_free(impl_->writer);
    serd_env_free(impl_->env);
    delete impl_;
}

void QuadWriter::write(const Term& s, const Term& p, const Term& o, const Term* graph) {
    SerdNode sn = termNode(s), pn = termNode(p), on = termNode(o);
    SerdNode gn = graph ? termNode(*graph) : SERD_NODE_NULL;
    SerdNode dt = SERD_NODE_NULL, lang = SERD_NODE_NULL;
    if (o.isLiteral()) {
        if (!o.lang.empty()) {
            lang = node(SERD_LITERAL, o.lang);
        } else if (!o.datatype.empty()) {
            dt = node(SERD_URI, o.datatype);
        }
    }
    SerdStatus st = serd_writer_write_statement(impl_->writer, 0, graph ? &gn : nullptr, &sn, &pn, &on,
                                                o.isLiteral() && dt.buf ? &dt : nullptr, lang.buf ? &lang : nullptr);
    if (st != SERD_SUCCESS)
        throw StorageError(fmt::format("writing RDF failed: {}", reinterpret_cast<const char*>(serd_strerror(st))));
    impl_->throwIfFailed();
}

void QuadWriter::finish() {
    impl_->finished = true;
    serd_writer_finish(impl_->writer);
    impl_->flush();
    if (std::fflush(impl_->out) != 0 && !impl_->writeError) impl_->writeError = errno ? errno : EIO;
    impl_->throwIfFailed();
}

} // namespace corridor::storage::rdf_io
