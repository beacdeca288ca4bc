#include "storage/load/chunked_parse.h"

#include "storage/error.h"

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <fmt/format.h>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

namespace corridor::storage {

namespace {

// Chunks parsed (or being parsed) but not yet consumed, at most: enough that neither thread waits
// for the other, few enough that their text and terms stay a small part of a load's memory.
constexpr std::uint64_t kAhead = 4;

struct ChunkText {
    std::uint64_t index = 0;
    std::string text;
    std::uint64_t firstLine = 1;
    std::uint64_t endOffset = 0;
};

// Where a chunk may end in text[from..]: just after the last line break that follows a statement's
// final '.' (spaces and tabs between), or npos. serd reads a statement spread over lines (not
// N-Triples, but accepted), so a line break alone is no safe cut; a '.' ending a line can only end
// a statement (an IRI ends with '>', a blank node label never with '.', a literal holds no raw
// line break) or sit in a comment, which ends there too.
std::size_t lastStatementEnd(std::string_view text, std::size_t from) {
    auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    std::size_t end = text.size();
    while (end > from) {
        char c = text[end - 1];
        if (c != '\n' && c != '\r') {
            --end;
            continue;
        }
        std::size_t i = end - 1;
        while (i > 0 && blank(text[i - 1])) --i;
        if (i > 0 && text[i - 1] == '.') return end;
        end = i; // on before the blank run
    }
    return std::string::npos;
}

// Cuts a file into chunks that end where a statement does (lastStatementEnd, at least
// `chunkBytes` in), or failing that within four chunks, at a line break. A line longer than that
// extends the chunk; past `maxStatementBytes` more (when bounded) the text goes to the parser as it
// is, which reports the statement that does not end.
class ChunkReader {
public:
    ChunkReader(const std::string& path, std::size_t chunkBytes, std::uint64_t maxStatementBytes)
        : path_(path), file_(std::fopen(path.c_str(), "rb")), chunkBytes_(chunkBytes),
          maxStatementBytes_(maxStatementBytes) {
        if (!file_) throw DataError(fmt::format("{}: cannot read the file: {}", path, std::strerror(errno)));
    }
    ~ChunkReader() { std::fclose(file_); }
    ChunkReader(const ChunkReader&) = delete;
    ChunkReader& operator=(const ChunkReader&) = delete;

    std::optional<ChunkText> next() {
        if (eof_ && carry_.empty()) return std::nullopt;
        std::string text = std::move(carry_);
        carry_.clear();
        std::size_t cut = std::string::npos;
        std::size_t searchedTo = 0;
        for (;;) {
            if (text.size() >= chunkBytes_ || eof_) {
                if (eof_) {
                    cut = text.size();
                    break;
                }
                cut = lastStatementEnd(text, searchedTo);
                if (cut != std::string::npos) break;
                searchedTo = text.size();
                // No line ends with a '.' (each ends with a comment, say): any line break will do.
                if (text.size() >= 4 * chunkBytes_) {
                    std::size_t at = text.find_last_of("\r\n");
                    if (at != std::string::npos) {
                        cut = at + 1;
                        break;
                    }
                }
                if (maxStatementBytes_ != 0 && text.size() > maxStatementBytes_ + chunkBytes_) {
                    cut = text.size();
                    break;
                }
            }
            std::size_t had = text.size();
            text.resize(had + chunkBytes_);
            std::size_t n = std::fread(text.data() + had, 1, chunkBytes_, file_);
            text.resize(had + n);
            if (n == 0) {
                if (std::ferror(file_)) throw DataError(fmt::format("{}: read error", path_));
                eof_ = true;
            }
        }
        carry_.assign(text, cut, std::string::npos);
        text.resize(cut);
        if (text.empty()) return std::nullopt;
        ChunkText chunk;
        chunk.index = index_++;
        chunk.firstLine = line_;
        line_ += static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n'));
        offset_ += text.size();
        chunk.endOffset = offset_;
        chunk.text = std::move(text);
        return chunk;
    }

private:
    std::string path_;
    std::FILE* file_;
    std::size_t chunkBytes_;
    std::uint64_t maxStatementBytes_;
    std::string carry_; // read past the last cut
    bool eof_ = false;
    std::uint64_t index_ = 0, line_ = 1, offset_ = 0;
};

class Collector : public rdf_io::QuadHandler {
public:
    explicit Collector(ParsedChunk& out) : out_(out) {}
    void onQuad(const rdf_io::TermRef& s, const rdf_io::TermRef& p, const rdf_io::TermRef& o,
                const rdf_io::TermRef* g) override {
        out_.terms.push_back(TermInterner::prepare(s, out_.arena));
        out_.terms.push_back(TermInterner::prepare(p, out_.arena));
        out_.terms.push_back(TermInterner::prepare(o, out_.arena));
        out_.terms.push_back(g ? TermInterner::prepare(*g, out_.arena) : PreparedTerm{});
    }

private:
    ParsedChunk& out_;
};

ParsedChunk parseChunk(const ChunkText& chunk, const rdf_io::ParseOptions& options) {
    ParsedChunk out;
    out.endOffset = chunk.endOffset;
    try {
        out.arena.reserve(chunk.text.size() + chunk.text.size() / 4);
        out.terms.reserve(chunk.text.size() / 32);
        rdf_io::ParseOptions po = options;
        po.firstLine = chunk.firstLine;
        po.progress = nullptr;
        Collector collector(out);
        rdf_io::ParseReport report = rdf_io::parseRdfString(chunk.text, po, collector);
        out.rejected = std::move(report.rejected);
    } catch (...) {
        out.error = std::current_exception();
    }
    return out;
}

struct Pipeline {
    Pipeline(const std::string& path, const rdf_io::ParseOptions& o, std::size_t chunkBytes)
        : options(o), reader(path, chunkBytes, o.maxStatementBytes) {}

    const rdf_io::ParseOptions& options;
    std::mutex mutex;
    std::condition_variable changed;
    ChunkReader reader;
    bool readerDone = false;
    std::exception_ptr readError;
    bool stop = false;
    std::uint64_t handedOut = 0, consumed = 0;
    std::map<std::uint64_t, ParsedChunk> ready;

    bool mayTake() const { return !stop && !readerDone && handedOut < consumed + kAhead; }

    // With the lock held and mayTake(): the next chunk's text, or none when the file is done.
    std::optional<ChunkText> take() {
        try {
            std::optional<ChunkText> chunk = reader.next();
            if (chunk) {
                ++handedOut;
            } else {
                readerDone = true;
            }
            return chunk;
        } catch (...) {
            readError = std::current_exception();
            readerDone = true;
            return std::nullopt;
        }
    }

    // Parses a chunk without the lock, then files it.
    void parseAndFile(std::unique_lock<std::mutex>& lock, const ChunkText& chunk) {
        lock.unlock();
        ParsedChunk parsed = parseChunk(chunk, options);
        lock.lock();
        ready.emplace(chunk.index, std::move(parsed));
        changed.notify_all();
    }

    void helper() {
        std::unique_lock lock(mutex);
        for (;;) {
            changed.wait(lock, [&] { return stop || readerDone || mayTake(); });
            if (stop || readerDone) return;
            std::optional<ChunkText> chunk = take();
            changed.notify_all();
            if (!chunk) return;
            parseAndFile(lock, *chunk);
        }
    }
};

} // namespace

void parseInChunks(const std::string& path, const rdf_io::ParseOptions& options, std::size_t chunkBytes,
                   const std::function<void(ParsedChunk&)>& consume) {
    Pipeline pipeline(path, options, std::max<std::size_t>(chunkBytes, 1));
    std::thread helper([&] { pipeline.helper(); });
    struct Stop {
        Pipeline& p;
        std::thread& t;
        ~Stop() {
            {
                std::lock_guard lock(p.mutex);
                p.stop = true;
            }
            p.changed.notify_all();
            t.join();
        }
    } stopAtEnd{pipeline, helper};

    for (std::uint64_t k = 0;; ++k) {
        ParsedChunk chunk;
        {
            std::unique_lock lock(pipeline.mutex);
            for (;;) {
                if (auto it = pipeline.ready.find(k); it != pipeline.ready.end()) {
                    chunk = std::move(it->second);
                    pipeline.ready.erase(it);
                    break;
                }
                if (pipeline.readerDone && k >= pipeline.handedOut) {
                    if (pipeline.readError) std::rethrow_exception(pipeline.readError);
                    return;
                }
                if (pipeline.mayTake()) {
                    // Rather than wait for the helper, parse the next chunk here.
                    if (std::optional<ChunkText> own = pipeline.take()) pipeline.parseAndFile(lock, *own);
                    continue;
                }
                pipeline.changed.wait(lock);
            }
        }
        if (chunk.error) std::rethrow_exception(chunk.error);
        consume(chunk);
        {
            std::lock_guard lock(pipeline.mutex);
            pipeline.consumed = k + 1;
        }
        pipeline.changed.notify_all();
    }
}

} // namespace corridor::storage
