// corridor serve: the SPARQL 1.1 Protocol over HTTP (queries at /sparql), on
// cpp-httplib (Debian's libcpp-httplib, through query/http/http.h). Read-only, on 127.0.0.1 by default;
// each request runs against a snapshot of the store, refreshed so that what
// another process commits shows without a restart. docs/server.md.

#include "cli/commands.h"
#include "cli/query_output.h"
#include "cli/store_open.h"
#include "cli/web_page.h"
#include "query/algebra/algebra.h"
#include "query/ast/parse.h"
#include "query/engine.h"
#include "query/http/http.h"
#include "query/update/update.h"
#include "storage/error.h"
#include "storage/exporter.h"
#include "storage/load/bulk_loader.h"
#include "storage/rdf_io/iri.h"
#include "storage/rdf_io/jsonld_writer.h"
#include "storage/write_txn.h"

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fmt/format.h>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

namespace corridor::cli {

namespace {
struct ServeArgs {
    std::string host = "127.0.0.1";
    int port = 7878;
    double timeout = 30;
    int maxConcurrent = 4;
    std::size_t maxRequestBytes = 1 << 20;
    bool allowUpdate = false;
    std::string token;
    std::string cors; // an origin allowed to call from a browser page ("" none, "*" any)
};

std::atomic<bool> stopRequested{false};
extern "C" void onStopSignal(int) {
    stopRequested = true;
}

// The media types a result can be given in, by form; the first is the default.
struct MediaType {
    const char* mime;
    const char* format; // makeOutput's name
};
const std::vector<MediaType> kSolutionTypes = {{"application/sparql-results+json", "json"},
                                               {"application/json", "json"},
                                               {"application/sparql-results+xml", "xml"},
                                               {"application/xml", "xml"},
                                               {"text/csv", "csv"},
                                               {"text/tab-separated-values", "tsv"}};
const std::vector<MediaType> kGraphTypes = {
    {"text/turtle", "turtle"},         {"application/n-triples", "ntriples"},
    {"application/n-quads", "nquads"}, {"application/trig", "trig"},
    {"text/plain", "ntriples"},        {"application/graphml+xml", "graphml"},
    {"application/gexf+xml", "gexf"},  {"application/vnd.cytoscape+json", "cytoscape"},
    {"text/vnd.graphviz", "dot"},      {"image/svg+xml", "svg"}};

// The best type the Accept header allows (q-values honoured, */* and type/* understood).
std::optional<MediaType> negotiate(const std::string& accept, const std::vector<MediaType>& offered) {
    if (accept.empty()) return offered.front();
    std::optional<MediaType> best;
    double bestQ = 0;
    std::stringstream in(accept);
    std::string item;
    while (std::getline(in, item, ',')) {
        std::string range = item.substr(0, item.find(';'));
        range.erase(0, range.find_first_not_of(" \t"));
        range.erase(range.find_last_not_of(" \t") + 1);
        double q = 1;
        if (auto pos = item.find("q="); pos != std::string::npos) q = std::atof(item.c_str() + pos + 2);
        if (q <= bestQ) continue;
        for (const auto& t : offered) {
            std::string mime = t.mime;
            bool match = range == mime || range == "*/*" ||
                         (range.ends_with("/*") && mime.starts_with(range.substr(0, range.size() - 1)));
            if (match) {
                best = t;
                bestQ = q;
                break;
            }
        }
    }
    return best;
}

class Server {
public:
    Server(std::shared_ptr<storage::Store> store, const ServeArgs& args, const GlobalOptions& global)
        : store_(std::move(store)), args_(args), global_(global) {}

    void handle(const query::http::Request& req, query::http::Response& res) {
        std::string text;
        for (const char* key : {"query", "update"})
            if (req.paramCount(key) > 1)
                return refuse(res, 400,
                              fmt::format("one request carries one {} (this one has {})", key, req.paramCount(key)));
        if (req.hasParam("query") && req.hasParam("update"))
            return refuse(res, 400, "a request carries a query or an update, not both");
        if (req.method == "GET") {
            text = req.param("query");
            if (req.hasParam("update")) return refuse(res, 405, "an update is sent by POST, never by GET");
        } else {
            std::string type = req.header("Content-Type");
            type = type.substr(0, type.find(';'));
            if (type == "application/sparql-query") {
                text = req.body;
            } else if (type == "application/x-www-form-urlencoded") {
                if (req.hasParam("update")) return update(req, res, req.param("update"));
                text = req.param("query");
            } else if (type == "application/sparql-update") {
                return update(req, res, req.body);
            } else {
                return refuse(res, 415,
                              "send the query as application/sparql-query or application/x-www-form-urlencoded");
            }
        }
        if (text.empty()) return refuse(res, 400, "no query: give it as the query parameter or the request body");
        // The protocol's dataset: default-graph-uri and named-graph-uri replace the query's FROM.
        query::algebra::Dataset dataset;
        if (auto problem = protocolDataset(req, "default-graph-uri", "named-graph-uri", dataset))
            return refuse(res, 400, *problem);
        // A bound on concurrent queries: the others are told to come back.
        if (running_.fetch_add(1) >= args_.maxConcurrent) {
            running_.fetch_sub(1);
            res.setHeader("Retry-After", "1");
            return refuse(res, 503, fmt::format("the server is running {} queries; try again", args_.maxConcurrent));
        }
        struct Release {
            std::atomic<int>& n;
            ~Release() { n.fetch_sub(1); }
        } release{running_};
        try {
            refresh();
            query::QueryOptions options;
            options.baseIri = requestBase(req);
            options.timeout = std::chrono::milliseconds(static_cast<long long>(args_.timeout * 1000));
            options.interrupt = &stopRequested;
            options.memoryLimit =
                query::QueryOptions::defaultMemoryLimit() / static_cast<std::size_t>(args_.maxConcurrent);
            query::QueryEngine engine(*store_, options);
            query::PreparedQuery prepared = engine.prepare(text);
            if (prepared.isUpdate())
                return refuse(res, 400, "this is an update: send it as update (POST), not as query");
            if (dataset.specified) prepared.query->dataset = dataset;
            using Form = query::QueryForm;
            bool graph = prepared.query->form == Form::Construct || prepared.query->form == Form::Describe;
            // A SELECT may hold TRACE paths, which the graph formats draw (an empty graph otherwise).
            static const std::vector<MediaType> selectTypes = [] {
                auto types = kSolutionTypes;
                for (const auto& t : kGraphTypes)
                    if (std::string(t.format) != "turtle" && std::string(t.format) != "ntriples" &&
                        std::string(t.format) != "nquads" && std::string(t.format) != "trig")
                        types.push_back(t);
                return types;
            }();
            const auto& offered = graph                                  ? kGraphTypes
                                  : prepared.query->form == Form::Select ? selectTypes
                                                                         : kSolutionTypes;
            std::optional<MediaType> type;
            if (req.hasParam("format")) { // a name for clients that cannot set Accept
                for (const auto& t : offered)
                    if (req.param("format") == t.format) type = t;
            } else {
                type = negotiate(req.header("Accept"), offered);
            }
            if (!type) {
                std::string list;
                for (const auto& t : offered) list += (list.empty() ? "" : ", ") + std::string(t.mime);
                return refuse(res, 406, "this result can be given as " + list);
            }
            std::ostringstream out;
            auto sink = makeOutput(type->format, prepared.query->form, false, out, store_->read());
            engine.execute(prepared, *sink);
            res.status = 200;
            res.setContent(out.str(), std::string(type->mime) +
                                          (std::string(type->mime).starts_with("text/") ? "; charset=utf-8" : ""));
        } catch (const Error& e) {
            refuse(res, e);
        } catch (const std::exception& e) {
            refuse(res, 500, e.what());
        }
    }

    // GET /prefixes: what the web view lists and shortens IRIs with (the built-in prefixes and
    // the store's own), and the store's size.
    void prefixes(query::http::Response& res) {
        try {
            refresh();
            auto view = store_->read();
            auto all = query::ast::builtinPrefixes();
            for (const auto& p : view->prefixes())
                if (std::none_of(all.begin(), all.end(), [&](const auto& q) { return q.first == p.first; }))
                    all.push_back(p);
            std::string body = "{\"prefixes\": [";
            for (std::size_t i = 0; i < all.size(); ++i)
                body += fmt::format("{}[\"{}\", \"{}\"]", i ? ", " : "", jsonEscape(all[i].first),
                                    jsonEscape(all[i].second));
            body += fmt::format("], \"quads\": {}}}\n", view->statistics().quads);
            res.status = 200;
            res.setContent(body, "application/json");
        } catch (const Error& e) {
            refuse(res, e);
        }
    }

    static std::string jsonEscape(const std::string& s) {
        std::string out;
        for (char c : s) {
            if (c == '"' || c == '\\') out += '\\';
            if (static_cast<unsigned char>(c) < 0x20) {
                out += fmt::format("\\u{:04x}", c);
                continue;
            }
            out += c;
        }
        return out;
    }

    // The SPARQL 1.1 Graph Store HTTP Protocol. Indirect identification at /store: ?graph=IRI or
    // ?default (a POST naming neither creates a new graph and answers with its IRI in Location).
    // Direct identification below /store/: the graph whose IRI is the request's own URL. GET (and
    // HEAD) read; PUT replaces, POST adds to, DELETE drops a graph, with the update token.
    void graphStore(const query::http::Request& req, query::http::Response& res, bool direct) {
        bool isDefault = !direct && req.hasParam("default");
        std::string graph = direct ? "http://" + hostOf(req) + req.path : req.param("graph");
        bool create = !direct && req.method == "POST" && !isDefault && graph.empty();
        if (create) {
            graph = fmt::format("http://{}/store/graph-{:016x}", hostOf(req), nextGraphNumber());
            res.setHeader("Location", graph);
        }
        if (isDefault == !graph.empty())
            return refuse(res, 400, "name the graph: ?graph=IRI, or ?default for the default graph");
        if (!isDefault)
            if (auto why = storage::rdf_io::absoluteIriProblem(graph))
                return refuse(res, 400, fmt::format("graph <{}> is not an absolute IRI: {}", graph, *why));
        if (req.method == "GET" || req.method == "HEAD") return readGraph(req, res, isDefault, graph);
        if (!authorised(req, res)) return;
        std::lock_guard<std::mutex> lock(updateMutex_);
        try {
            auto writable = openStore(global_, storage::OpenMode::ReadWrite);
            auto found = resolveGraphArgument(*writable->read(), isDefault ? "default" : graph);
            bool existed = found.has_value();
            storage::TermId gid = found.value_or(storage::kDefaultGraph);
            if (req.method == "DELETE") {
                if (!existed) return refuse(res, 404, fmt::format("the store has no graph <{}>", graph));
                std::uint64_t n = writable->dropGraph(gid);
                res.status = 200;
                res.setContent(fmt::format("deleted {} quads\n", n), "text/plain; charset=utf-8");
            } else {
                // The body, or each file of a multipart/form-data body, in the syntax its type names.
                std::vector<std::pair<std::string, std::string>> documents; // type, text
                if (req.multipart) {
                    for (const auto& file : req.files) documents.emplace_back(file.contentType, file.content);
                } else {
                    documents.emplace_back(req.header("Content-Type"), req.body);
                }
                storage::WriteTxn txn(*writable);
                storage::LoadOptions options;
                if (!isDefault) options.graph = graph;
                options.baseIri = isDefault ? requestBase(req) : graph;
                storage::BulkLoader loader(txn, options);
                for (const auto& [mime, text] : documents) {
                    auto format = rdfFormatOfMediaType(mime);
                    if (!format)
                        return refuse(res, 415,
                                      "send the graph as text/turtle, application/n-triples or application/rdf+xml");
                    loader.addText(text, *format, "request");
                }
                loader.commit();
                if (req.method == "PUT" && existed) { // replace: the old content goes in the same step
                    auto view = txn.read();
                    storage::QuadPattern pattern{};
                    pattern[storage::kGraph] = gid;
                    auto scan = view->scan(pattern);
                    storage::QuadIds q;
                    while (scan.next(q)) txn.remove(q);
                }
                storage::CommitSummary written = txn.commit();
                // 201 for a graph that did not exist, else 200; both say what changed.
                res.status = existed ? 200 : 201;
                res.setContent(
                    fmt::format("inserted {}, deleted {} quads\n", written.quadsInserted, written.quadsDeleted),
                    "text/plain; charset=utf-8");
            }
            writable.reset();
            std::lock_guard<std::mutex> refreshLock(refreshMutex_);
            lastRefresh_ = {};
        } catch (const Error& e) {
            refuse(res, e);
        }
    }

private:
    void readGraph(const query::http::Request& req, query::http::Response& res, bool isDefault,
                   const std::string& graph) {
        static const std::vector<MediaType> offered = {{"text/turtle", "turtle"},
                                                       {"application/n-triples", "ntriples"},
                                                       {"application/n-quads", "nquads"},
                                                       {"application/trig", "trig"},
                                                       {"application/ld+json", "jsonld"}};
        auto type = negotiate(req.header("Accept"), offered);
        if (!type)
            return refuse(res, 406,
                          "a graph can be given as text/turtle, application/n-triples, "
                          "application/n-quads or application/ld+json");
        try {
            refresh();
            auto view = store_->read();
            auto gid = resolveGraphArgument(*view, isDefault ? "default" : graph);
            if (!gid) return refuse(res, 404, fmt::format("the store has no graph <{}>", graph));
            char* buffer = nullptr;
            std::size_t size = 0;
            std::FILE* out = ::open_memstream(&buffer, &size);
            try {
                if (std::string(type->format) == "jsonld") {
                    storage::rdf_io::exportJsonLd(*view, gid, out);
                } else {
                    storage::ExportOptions options;
                    options.graph = gid;
                    options.format = *storage::rdf_io::formatFromName(type->format);
                    storage::exportQuads(*view, options, out);
                }
            } catch (...) {
                std::fclose(out);
                std::free(buffer);
                throw;
            }
            std::fclose(out);
            std::string body(buffer, size);
            std::free(buffer);
            res.status = 200;
            res.setContent(body, type->mime);
        } catch (const Error& e) {
            refuse(res, e);
        }
    }

    bool authorised(const query::http::Request& req, query::http::Response& res) {
        if (!args_.allowUpdate) {
            refuse(res, 403, "changes over HTTP are not enabled on this server (corridor serve --allow-update)");
            return false;
        }
        std::string expected = "Bearer " + args_.token;
        std::string given = req.header("Authorization");
        // Compared in constant time: the token is a secret.
        unsigned char diff = given.size() == expected.size() ? 0 : 1;
        for (std::size_t i = 0; i < given.size() && i < expected.size(); ++i)
            diff |= static_cast<unsigned char>(given[i] ^ expected[i]);
        if (diff != 0) {
            res.setHeader("WWW-Authenticate", "Bearer");
            refuse(res, 401, "changes need the server's token: Authorization: Bearer TOKEN");
            return false;
        }
        return true;
    }

    // An update: only with --allow-update, from a request carrying the token, one at a time,
    // through the same write path as `corridor update` (atomic; the writer lock of the store).
    void update(const query::http::Request& req, query::http::Response& res, const std::string& text) {
        if (!authorised(req, res)) return;
        if (text.empty()) return refuse(res, 400, "no update: give it as the update parameter or the request body");
        std::lock_guard<std::mutex> lock(updateMutex_);
        try {
            auto writable = openStore(global_, storage::OpenMode::ReadWrite);
            query::QueryOptions options;
            options.baseIri = requestBase(req);
            options.timeout = std::chrono::milliseconds(static_cast<long long>(args_.timeout * 1000));
            options.interrupt = &stopRequested;
            query::QueryEngine engine(*writable, options);
            query::PreparedQuery prepared = engine.prepare(text);
            if (!prepared.isUpdate()) return refuse(res, 400, "this is a query: send it as query, not update");
            // using-graph-uri and using-named-graph-uri: the dataset of every operation's WHERE, as
            // USING and USING NAMED would give it; an update that names its own is refused.
            query::algebra::Dataset dataset;
            if (auto problem = protocolDataset(req, "using-graph-uri", "using-named-graph-uri", dataset))
                return refuse(res, 400, *problem);
            if (dataset.specified) {
                for (const auto& op : prepared.unit.update->operations)
                    if (op.with || !op.using_.empty() || !op.usingNamed.empty())
                        return refuse(res, 400,
                                      "the update names its dataset (WITH, USING or USING NAMED) and the request "
                                      "gives using-graph-uri or using-named-graph-uri: give one of the two");
                for (auto& where : prepared.updateWheres)
                    if (where) where->dataset = dataset;
            }
            query::UpdateSummary summary = query::executeUpdate(*writable, prepared, options, {});
            writable.reset();
            {
                std::lock_guard<std::mutex> refreshLock(refreshMutex_);
                lastRefresh_ = {}; // the next query catches up at once
            }
            res.status = 200;
            res.setContent(fmt::format("inserted {}, deleted {} quads\n", summary.inserted, summary.deleted),
                           "text/plain; charset=utf-8");
        } catch (const Error& e) {
            refuse(res, e);
        }
    }

    // A dataset given by request parameters (default-graph-uri/named-graph-uri for queries,
    // using-graph-uri/using-named-graph-uri for updates); a problem to answer 400 with, or none.
    static std::optional<std::string> protocolDataset(const query::http::Request& req, const char* defaultKey,
                                                      const char* namedKey, query::algebra::Dataset& dataset) {
        for (const char* key : {defaultKey, namedKey})
            for (std::size_t i = 0; i < req.paramCount(key); ++i) {
                std::string iri = req.param(key, i);
                if (auto why = storage::rdf_io::absoluteIriProblem(iri))
                    return fmt::format("{} <{}> is not an absolute IRI: {}", key, iri, *why);
                dataset.specified = true;
                (key == defaultKey ? dataset.from : dataset.fromNamed).push_back(storage::Term::iri(iri));
            }
        return std::nullopt;
    }

    static std::string hostOf(const query::http::Request& req) {
        std::string host = req.header("Host");
        return host.empty() ? fmt::format("{}:{}", req.localAddr, req.localPort) : host;
    }

    // New graphs get a number unique to this server's run and clock, so that two servers or
    // two runs do not mint the same IRI.
    std::uint64_t nextGraphNumber() {
        auto now = static_cast<std::uint64_t>(std::chrono::system_clock::now().time_since_epoch().count());
        return now ^ (graphCounter_.fetch_add(1) << 48);
    }

    static std::optional<storage::rdf_io::RdfFormat> rdfFormatOfMediaType(std::string type) {
        type = type.substr(0, type.find(';'));
        type.erase(type.find_last_not_of(" \t") + 1);
        if (type == "text/turtle") return storage::rdf_io::RdfFormat::Turtle;
        if (type == "application/n-triples" || type == "text/plain") return storage::rdf_io::RdfFormat::NTriples;
        if (type == "application/rdf+xml") return storage::rdf_io::RdfFormat::RdfXml;
        return std::nullopt;
    }

    // The base IRI of a request's query or update: the address it was sent to.
    static std::string requestBase(const query::http::Request& req) {
        return fmt::format("http://{}{}", hostOf(req), req.path);
    }

    // An error as its status: busy or stopped (come back later), the store's fault, or the request's.
    static void refuse(query::http::Response& res, const Error& e) {
        int code = e.exitCode();
        int status = code == kExitStoreBusy || code == kExitInterrupted ? 503 : code == kExitStorageError ? 500 : 400;
        if (status == 503) res.setHeader("Retry-After", "1");
        refuse(res, status, e.what());
    }

    static void refuse(query::http::Response& res, int status, const std::string& message) {
        res.status = status;
        res.setContent(message + "\n", "text/plain; charset=utf-8");
    }

    // Catch up with the writer at most every half second.
    void refresh() {
        std::lock_guard<std::mutex> lock(refreshMutex_);
        auto now = std::chrono::steady_clock::now();
        if (now - lastRefresh_ < std::chrono::milliseconds(500)) return;
        store_->refresh();
        lastRefresh_ = now;
    }

    std::shared_ptr<storage::Store> store_;
    ServeArgs args_;
    const GlobalOptions& global_;
    std::mutex updateMutex_;
    std::atomic<int> running_{0};
    std::atomic<std::uint64_t> graphCounter_{0};
    std::mutex refreshMutex_;
    std::chrono::steady_clock::time_point lastRefresh_{};
};
} // namespace

Runner addServeCommand(CLI::App& app, const GlobalOptions& global) {
    auto args = std::make_shared<ServeArgs>();
    auto* cmd = app.add_subcommand("serve", "Serve the store over the SPARQL 1.1 Protocol (read-only, /sparql)");
    cmd->add_option("--host", args->host, "Address to listen on (default 127.0.0.1: this machine only)");
    cmd->add_option("--port", args->port, "Port (default 7878; 0 picks a free one and prints it)")
        ->check(CLI::Range(0, 65535));
    cmd->add_option("--timeout", args->timeout, "Stop a query after SECONDS (default 30)")
        ->type_name("SECONDS")
        ->check(seconds(false));
    cmd->add_option("--max-concurrent", args->maxConcurrent,
                    "Queries run at once; more get 503 with Retry-After (default 4)")
        ->check(CLI::Range(1, 256));
    cmd->add_option("--max-request-bytes", args->maxRequestBytes, "Largest request body accepted (default 1 MiB)")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--cors", args->cors,
                    "Let pages from ORIGIN call the endpoint from a browser (CORS; '*' for any; default: none)")
        ->type_name("ORIGIN");
    cmd->add_flag("--allow-update", args->allowUpdate,
                  "Accept SPARQL updates at /sparql from requests carrying the token (Authorization: Bearer TOKEN)");
    cmd->add_option("--token", args->token, "The token updates must carry (default: $CORRIDOR_SERVE_TOKEN)")
        ->type_name("TOKEN");
    return [args, &global]() -> int {
        if (args->token.empty())
            if (const char* env = std::getenv("CORRIDOR_SERVE_TOKEN")) args->token = env;
        if (args->allowUpdate && args->token.size() < 16)
            throw UsageError("--allow-update needs a token of at least 16 characters (--token or "
                             "$CORRIDOR_SERVE_TOKEN), which update requests must carry");
        if (!args->allowUpdate && !args->token.empty()) throw UsageError("--token goes with --allow-update");
        auto store = openStore(global, storage::OpenMode::ReadOnly);
        Server server(std::move(store), *args, global);
        std::unique_ptr<query::http::Server> httpServer = query::http::makeServer();
        query::http::Server& http = *httpServer;
        http.limits(static_cast<std::size_t>(args->maxConcurrent) + 2, args->maxRequestBytes);
        auto handler = [&server](const query::http::Request& req, query::http::Response& res) {
            server.handle(req, res);
        };
        http.route("GET", "/", [](const query::http::Request&, query::http::Response& res) {
            res.setContent(std::string(webPage()), "text/html; charset=utf-8");
        });
        http.route("GET", "/prefixes",
                   [&server](const query::http::Request&, query::http::Response& res) { server.prefixes(res); });
        http.route("GET", "/sparql", handler);
        http.route("POST", "/sparql", handler);
        auto graphStore = [&server](const query::http::Request& req, query::http::Response& res) {
            server.graphStore(req, res, false);
        };
        auto graphDirect = [&server](const query::http::Request& req, query::http::Response& res) {
            server.graphStore(req, res, true);
        };
        for (const char* method : {"GET", "PUT", "POST", "DELETE"}) {
            http.route(method, "/store", graphStore);
            http.route(method, "/store/.+", graphDirect);
        }
        if (!args->cors.empty()) {
            http.addToEveryResponse({{"Access-Control-Allow-Origin", args->cors}, {"Vary", "Origin"}});
            auto preflight = [](const query::http::Request&, query::http::Response& res) {
                res.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE, OPTIONS");
                res.setHeader("Access-Control-Allow-Headers", "Content-Type, Accept, Authorization");
                res.setHeader("Access-Control-Max-Age", "600");
                res.status = 204;
            };
            http.route("OPTIONS", "/sparql", preflight);
            http.route("OPTIONS", "/store", preflight);
        }
        http.log([](const query::http::Exchange& e) {
            std::cerr << fmt::format("{} {} {} {} {}\n", e.remoteAddr, e.method, e.path, e.status, e.bodyBytes);
        });
        int port = args->port;
        if (port == 0) {
            port = http.bindToAnyPort(args->host);
        } else if (!http.bindToPort(args->host, port)) {
            port = -1;
        }
        if (port < 0) throw UsageError(fmt::format("cannot listen on {}:{}", args->host, args->port));
        std::signal(SIGINT, onStopSignal);
        std::signal(SIGTERM, onStopSignal);
        // The signal only sets a flag; this thread stops the server (running queries see the flag and stop).
        std::thread watcher([&http] {
            while (!stopRequested) std::this_thread::sleep_for(std::chrono::milliseconds(100));
            http.stop();
        });
        std::cerr << fmt::format("corridor serve: SPARQL endpoint at http://{}:{}/sparql, web view at http://{}:{}/ "
                                 "({}; Ctrl-C stops)\n",
                                 args->host, port, args->host, port,
                                 args->allowUpdate ? "updates with the token" : "read-only");
        // cpp-httplib stops listening when accept() fails for any reason but a full descriptor
        // table (a connection aborted while queued, for one): a server that stopped this way
        // is bound again on the same port and goes on. (A stress run lost its server once.)
        for (;;) {
            http.listenAfterBind();
            if (stopRequested) break;
            std::cerr << fmt::format("corridor serve: accepting a connection failed ({}); listening again\n",
                                     std::strerror(errno));
            bool bound = false;
            for (int attempt = 0; attempt < 50 && !stopRequested && !bound; ++attempt) {
                bound = http.bindToPort(args->host, port);
                if (!bound) std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
            if (!bound && !stopRequested) {
                stopRequested = true;
                watcher.join();
                throw UsageError(fmt::format("cannot listen on {}:{} again", args->host, port));
            }
        }
        stopRequested = true;
        watcher.join();
        std::cerr << "corridor serve: stopped\n";
        return kExitOk;
    };
}

} // namespace corridor::cli
