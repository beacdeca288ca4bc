#include "query/results/writers.h"

#include "query/results/path_value.h"

#include <algorithm>
#include <fmt/format.h>

namespace corridor::query::results {

std::string BlankNamer::name(const std::string& label) {
    auto it = names_.find(label);
    if (it == names_.end()) it = names_.emplace(label, fmt::format("b{}", names_.size())).first;
    return it->second;
}

std::string csvField(const std::string& text) {
    bool quote = text.find_first_of(",\"\r\n") != std::string::npos ||
                 (!text.empty() && (text.front() == ' ' || text.back() == ' '));
    if (!quote) return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string xmlEscape(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '&': out += "&amp;"; break;
        case '"': out += "&quot;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string xmlAttribute(const std::string& s) {
    std::string out;
    for (char c : s) {
        switch (c) {
        case '\n': out += "&#10;"; break;
        case '\r': out += "&#13;"; break;
        case '\t': out += "&#9;"; break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) continue;
            out += xmlEscape(std::string(1, c));
        }
    }
    return out;
}

std::string dotQuoted(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out + "\"";
}

std::string tsvTerm(const Term& t, BlankNamer& blanks) {
    if (t.isBlank()) return "_:" + blanks.name(t.value);
    std::string s = t.toNTriples();
    // TSV cannot hold raw tabs inside a term.
    std::string out;
    for (char c : s) out += c == '\t' ? std::string("\\t") : std::string(1, c);
    return out;
}

namespace {

std::string jsonString(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
            if (c < 0x20)
                out += fmt::format("\\u{:04x}", c);
            else
                out += static_cast<char>(c);
        }
    }
    return out + "\"";
}

class TsvWriter : public ResultSink {
public:
    explicit TsvWriter(std::ostream& out) : out_(out) {}
    void beginSolutions(const std::vector<std::string>& vars) override {
        for (std::size_t i = 0; i < vars.size(); ++i) out_ << (i ? "\t?" : "?") << vars[i];
        out_ << "\n";
    }
    void solution(const std::vector<std::optional<Term>>& values) override {
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (i) out_ << '\t';
            if (values[i]) out_ << tsvTerm(*values[i], blanks_);
        }
        out_ << "\n";
    }
    void boolean(bool v) override { out_ << (v ? "true" : "false") << "\n"; }

private:
    std::ostream& out_;
    BlankNamer blanks_;
};

class CsvWriter : public ResultSink {
public:
    explicit CsvWriter(std::ostream& out) : out_(out) {}
    void beginSolutions(const std::vector<std::string>& vars) override {
        for (std::size_t i = 0; i < vars.size(); ++i) out_ << (i ? "," : "") << csvField(vars[i]);
        out_ << "\r\n";
    }
    void solution(const std::vector<std::optional<Term>>& values) override {
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (i) out_ << ',';
            if (!values[i]) continue;
            const Term& t = *values[i];
            out_ << csvField(t.isBlank() ? "_:" + blanks_.name(t.value) : isPath(t) ? pathText(t) : t.value);
        }
        out_ << "\r\n";
    }
    void boolean(bool v) override { out_ << (v ? "true" : "false") << "\r\n"; }

private:
    std::ostream& out_;
    BlankNamer blanks_;
};

class JsonWriter : public ResultSink {
public:
    explicit JsonWriter(std::ostream& out) : out_(out) {}
    void beginSolutions(const std::vector<std::string>& vars) override {
        vars_ = vars;
        out_ << "{\n  \"head\": { \"vars\": [";
        for (std::size_t i = 0; i < vars.size(); ++i) out_ << (i ? ", " : " ") << jsonString(vars[i]);
        out_ << " ] },\n  \"results\": { \"bindings\": [";
        inResults_ = true;
    }
    void solution(const std::vector<std::optional<Term>>& values) override {
        out_ << (first_ ? "\n    {" : ",\n    {");
        first_ = false;
        bool firstBinding = true;
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (!values[i]) continue;
            const Term& t = *values[i];
            out_ << (firstBinding ? " " : ", ") << jsonString(vars_[i]) << ": { ";
            firstBinding = false;
            if (t.isIri()) {
                out_ << "\"type\": \"uri\", \"value\": " << jsonString(t.value);
            } else if (t.isBlank()) {
                out_ << "\"type\": \"bnode\", \"value\": " << jsonString(blanks_.name(t.value));
            } else if (isPath(t)) {
                // A path: readable text as the value, the structure alongside (docs/trace.md).
                out_ << "\"type\": \"literal\", \"value\": " << jsonString(pathText(t))
                     << ", \"datatype\": " << jsonString(t.datatype) << ", \"path\": " << t.value;
            } else {
                out_ << "\"type\": \"literal\", \"value\": " << jsonString(t.value);
                if (!t.lang.empty())
                    out_ << ", \"xml:lang\": " << jsonString(t.lang);
                else if (!t.datatype.empty())
                    out_ << ", \"datatype\": " << jsonString(t.datatype);
            }
            out_ << " }";
        }
        out_ << " }";
    }
    void boolean(bool v) override {
        out_ << "{\n  \"head\": {},\n  \"boolean\": " << (v ? "true" : "false") << "\n}\n";
    }
    void end() override {
        if (inResults_) out_ << (first_ ? "" : "\n  ") << "] }\n}\n";
    }

private:
    std::ostream& out_;
    std::vector<std::string> vars_;
    bool first_ = true;
    bool inResults_ = false;
    BlankNamer blanks_;
};

class XmlWriter : public ResultSink {
public:
    explicit XmlWriter(std::ostream& out) : out_(out) {}
    void beginSolutions(const std::vector<std::string>& vars) override {
        vars_ = vars;
        out_ << "<?xml version=\"1.0\"?>\n<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n  <head>\n";
        for (const auto& v : vars) out_ << "    <variable name=\"" << xmlEscape(v) << "\"/>\n";
        out_ << "  </head>\n  <results>\n";
        inResults_ = true;
    }
    void solution(const std::vector<std::optional<Term>>& values) override {
        out_ << "    <result>\n";
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (!values[i]) continue;
            const Term& t = *values[i];
            out_ << "      <binding name=\"" << xmlEscape(vars_[i]) << "\">";
            if (t.isIri()) {
                out_ << "<uri>" << xmlEscape(t.value) << "</uri>";
            } else if (t.isBlank()) {
                out_ << "<bnode>" << blanks_.name(t.value) << "</bnode>";
            } else {
                out_ << "<literal";
                if (!t.lang.empty())
                    out_ << " xml:lang=\"" << xmlEscape(t.lang) << "\"";
                else if (!t.datatype.empty())
                    out_ << " datatype=\"" << xmlEscape(t.datatype) << "\"";
                out_ << ">" << xmlEscape(t.value) << "</literal>";
            }
            out_ << "</binding>\n";
        }
        out_ << "    </result>\n";
    }
    void boolean(bool v) override {
        out_ << "<?xml version=\"1.0\"?>\n<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n"
             << "  <head/>\n  <boolean>" << (v ? "true" : "false") << "</boolean>\n</sparql>\n";
    }
    void end() override {
        if (inResults_) out_ << "  </results>\n</sparql>\n";
    }

private:
    std::ostream& out_;
    std::vector<std::string> vars_;
    bool inResults_ = false;
    BlankNamer blanks_;
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
