#include "query/results/writers.h"

#include "query/values/path_json.h"
#include "storage/text_escape.h"

#include <algorithm>
#include <fmt/format.h>
#include <string_view>

namespace corridor::query::results {

using storage::appendReplacing;

const std::string& BlankNamer::name(const std::string& label) {
    auto it = names_.find(label);
    if (it == names_.end()) it = names_.emplace(label, fmt::format("b{}", names_.size())).first;
    return it->second;
}

namespace {
// The escapes, appended to `out` (the writers' row buffers); the public functions return them.
void appendCsvField(std::string& out, std::string_view text) {
    bool quote = !text.empty() && (text.front() == ' ' || text.back() == ' ');
    for (std::size_t i = 0; i < text.size() && !quote; ++i) // one pass (find_first_of looks for each in turn)
        quote = text[i] == ',' || text[i] == '"' || text[i] == '\r' || text[i] == '\n';
    if (!quote) {
        out += text;
        return;
    }
    out += '"';
    appendReplacing(out, text, [](unsigned char c) { return c == '"' ? "\"\"" : nullptr; });
    out += '"';
}

} // namespace

std::string csvField(const std::string& text) {
    std::string out;
    appendCsvField(out, text);
    return out;
}

namespace {
inline const char* xmlEntity(unsigned char c) {
    switch (c) {
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '&': return "&amp;";
    case '"': return "&quot;";
    default: return nullptr;
    }
}

void appendXml(std::string& out, std::string_view text) {
    // A lambda, not the function's address: the replacement inlines into the loop over the bytes
    // (called through a pointer, it took a tenth of writing L8 as XML).
    appendReplacing(out, text, [](unsigned char c) { return xmlEntity(c); });
}
} // namespace

std::string xmlEscape(const std::string& s) {
    std::string out;
    appendXml(out, s);
    return out;
}

std::string xmlAttribute(const std::string& s) {
    std::string out;
    appendReplacing(out, s, [](unsigned char c) -> const char* {
        switch (c) {
        case '\n': return "&#10;";
        case '\r': return "&#13;";
        case '\t': return "&#9;";
        default: return c < 0x20 ? "" : xmlEntity(c);
        }
    });
    return out;
}

std::string dotQuoted(const std::string& s) {
    std::string out = "\"";
    appendReplacing(out, s, [](unsigned char c) -> const char* {
        switch (c) {
        case '"': return "\\\"";
        case '\\': return "\\\\";
        case '\n': return "\\n";
        default: return nullptr;
        }
    });
    return out + "\"";
}

namespace {
// TSV and XML keep a path whole: the literal with the path's JSON as its lexical form
// (docs/trace.md). Other terms are written as they are.
const Term& lossless(const Term& t, Term& scratch) {
    if (!t.payload) return t;
    auto path = values::pathOf(t);
    if (!path) return t;
    scratch = Term::literal({}, t.datatype);
    values::appendPathJson(scratch.value, *path);
    return scratch;
}

void appendTsvTerm(std::string& out, const Term& t, BlankNamer& blanks) {
    if (t.isBlank()) {
        out += "_:";
        out += blanks.name(t.value);
        return;
    }
    // N-Triples escapes every control character, tabs included, so a term never breaks a TSV row.
    t.appendNTriples(out);
}

} // namespace

std::string tsvTerm(const Term& t, BlankNamer& blanks) {
    std::string out;
    appendTsvTerm(out, t, blanks);
    return out;
}

namespace {

void appendJsonString(std::string& out, std::string_view s) {
    out += '"';
    appendReplacing(out, s, [](unsigned char c) -> const char* {
        switch (c) {
        case '"': return "\\\"";
        case '\\': return "\\\\";
        case '\n': return "\\n";
        case '\r': return "\\r";
        case '\t': return "\\t";
        default: return c < 0x20 ? storage::unicodeEscape(c, /*lowerCase=*/true) : nullptr;
        }
    });
    out += '"';
}

std::string jsonString(const std::string& s) {
    std::string out;
    appendJsonString(out, s);
    return out;
}

// Each writer builds a row in `line_` and hands it to the stream in one write.
class RowWriter : public ResultSink {
protected:
    explicit RowWriter(std::ostream& out) : out_(out) {}
    void flushLine() {
        out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
        line_.clear();
    }
    std::ostream& out_;
    std::string line_;
    BlankNamer blanks_;
    Term scratch_; // a path written out losslessly
};

class TsvWriter : public RowWriter {
public:
    explicit TsvWriter(std::ostream& out) : RowWriter(out) {}
    void beginSolutions(const std::vector<std::string>& vars) override {
        for (std::size_t i = 0; i < vars.size(); ++i) out_ << (i ? "\t?" : "?") << vars[i];
        out_ << "\n";
    }
    void solution(const std::vector<std::optional<Term>>& values) override {
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (i) line_ += '\t';
            if (values[i]) appendTsvTerm(line_, lossless(*values[i], scratch_), blanks_);
        }
        line_ += '\n';
        flushLine();
    }
    void boolean(bool v) override { out_ << (v ? "true" : "false") << "\n"; }
};

class CsvWriter : public RowWriter {
public:
    explicit CsvWriter(std::ostream& out) : RowWriter(out) {}
    void beginSolutions(const std::vector<std::string>& vars) override {
        for (std::size_t i = 0; i < vars.size(); ++i) out_ << (i ? "," : "") << csvField(vars[i]);
        out_ << "\r\n";
    }
    void solution(const std::vector<std::optional<Term>>& values) override {
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (i) line_ += ',';
            if (!values[i]) continue;
            const Term& t = *values[i];
            if (t.isBlank())
                appendCsvField(line_, "_:" + blanks_.name(t.value));
            else if (values::isPath(t))
                appendCsvField(line_, values::pathText(t));
            else
                appendCsvField(line_, t.value);
        }
        line_ += "\r\n";
        flushLine();
    }
    void boolean(bool v) override { out_ << (v ? "true" : "false") << "\r\n"; }
};

class JsonWriter : public RowWriter {
public:
    explicit JsonWriter(std::ostream& out) : RowWriter(out) {}
    void beginSolutions(const std::vector<std::string>& vars) override {
        for (const auto& v : vars) vars_.push_back(jsonString(v));
        out_ << "{\n  \"head\": { \"vars\": [";
        for (std::size_t i = 0; i < vars.size(); ++i) out_ << (i ? ", " : " ") << vars_[i];
        out_ << " ] },\n  \"results\": { \"bindings\": [";
        inResults_ = true;
    }
    void solution(const std::vector<std::optional<Term>>& values) override {
        line_ += first_ ? "\n    {" : ",\n    {";
        first_ = false;
        bool firstBinding = true;
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (!values[i]) continue;
            const Term& t = *values[i];
            line_ += firstBinding ? " " : ", ";
            line_ += vars_[i];
            line_ += ": { ";
            firstBinding = false;
            if (t.isIri()) {
                line_ += "\"type\": \"uri\", \"value\": ";
                appendJsonString(line_, t.value);
            } else if (t.isBlank()) {
                line_ += "\"type\": \"bnode\", \"value\": ";
                appendJsonString(line_, blanks_.name(t.value));
            } else if (auto path = values::pathOf(t)) {
                // A path: readable text as the value, the structure alongside (docs/trace.md).
                line_ += "\"type\": \"literal\", \"value\": ";
                appendJsonString(line_, path->text);
                line_ += ", \"datatype\": ";
                appendJsonString(line_, t.datatype);
                line_ += ", \"path\": ";
                values::appendPathJson(line_, *path);
            } else {
                line_ += "\"type\": \"literal\", \"value\": ";
                appendJsonString(line_, t.value);
                if (!t.lang.empty()) {
                    line_ += ", \"xml:lang\": ";
                    appendJsonString(line_, t.lang);
                } else if (!t.datatype.empty()) {
                    line_ += ", \"datatype\": ";
                    appendJsonString(line_, t.datatype);
                }
            }
            line_ += " }";
        }
        line_ += " }";
        flushLine();
    }
    void boolean(bool v) override {
        out_ << "{\n  \"head\": {},\n  \"boolean\": " << (v ? "true" : "false") << "\n}\n";
    }
    void end() override {
        if (inResults_) out_ << (first_ ? "" : "\n  ") << "] }\n}\n";
    }

private:
    std::vector<std::string> vars_; // as JSON strings
    bool first_ = true;
    bool inResults_ = false;
};

class XmlWriter : public RowWriter {
public:
    explicit XmlWriter(std::ostream& out) : RowWriter(out) {}
    void beginSolutions(const std::vector<std::string>& vars) override {
        for (const auto& v : vars) vars_.push_back(xmlEscape(v));
        out_ << "<?xml version=\"1.0\"?>\n<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n  <head>\n";
        for (const auto& v : vars_) out_ << "    <variable name=\"" << v << "\"/>\n";
        out_ << "  </head>\n  <results>\n";
        inResults_ = true;
    }
    void solution(const std::vector<std::optional<Term>>& values) override {
        line_ += "    <result>\n";
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (!values[i]) continue;
            const Term& t = lossless(*values[i], scratch_);
            line_ += "      <binding name=\"";
            line_ += vars_[i];
            line_ += "\">";
            if (t.isIri()) {
                line_ += "<uri>";
                appendXml(line_, t.value);
                line_ += "</uri>";
            } else if (t.isBlank()) {
                line_ += "<bnode>";
                line_ += blanks_.name(t.value);
                line_ += "</bnode>";
            } else {
                line_ += "<literal";
                if (!t.lang.empty()) {
                    line_ += " xml:lang=\"";
                    appendXml(line_, t.lang);
                    line_ += '"';
                } else if (!t.datatype.empty()) {
                    line_ += " datatype=\"";
                    appendXml(line_, t.datatype);
                    line_ += '"';
                }
                line_ += '>';
                appendXml(line_, t.value);
                line_ += "</literal>";
            }
            line_ += "</binding>\n";
        }
        line_ += "    </result>\n";
        flushLine();
    }
    void boolean(bool v) override {
        out_ << "<?xml version=\"1.0\"?>\n<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n"
             << "  <head/>\n  <boolean>" << (v ? "true" : "false") << "</boolean>\n</sparql>\n";
    }
    void end() override {
        if (inResults_) out_ << "  </results>\n</sparql>\n";
    }

private:
    std::vector<std::string> vars_; // escaped
    bool inResults_ = false;
};

} // namespace

std::unique_ptr<ResultSink> makeTableWriter(std::ostream& out,
                                            std::vector<std::pair<std::string, std::string>> prefixes);

std::unique_ptr<ResultSink> makeWriter(Format format, std::ostream& out,
                                       std::vector<std::pair<std::string, std::string>> prefixes) {
    switch (format) {
    case Format::Tsv: return std::make_unique<TsvWriter>(out);
    case Format::Csv: return std::make_unique<CsvWriter>(out);
    case Format::Json: return std::make_unique<JsonWriter>(out);
    case Format::Xml: return std::make_unique<XmlWriter>(out);
    case Format::Table: return makeTableWriter(out, std::move(prefixes));
    }
    return nullptr;
}

} // namespace corridor::query::results
