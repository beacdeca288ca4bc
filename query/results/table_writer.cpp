// The aligned table for terminals: prefixed names, literals without quotes.

#include "query/results/term_display.h"
#include "query/results/writers.h"
#include "query/values/trace_path.h"

#include <fmt/format.h>

namespace corridor::query::results {

namespace {

// East Asian wide characters take two terminal columns (Chinese labels are common here).
bool isWide(char32_t cp) {
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

std::size_t displayWidth(const std::string& s) {
    std::size_t n = 0;
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        char32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
        for (int k = 1; k < len && i + k < s.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        n += isWide(cp) ? 2 : 1;
        i += len;
    }
    return n;
}

std::string clip(const std::string& s, std::size_t max) {
    if (displayWidth(s) <= max) return s;
    std::string out;
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        std::string next = out + s.substr(i, len);
        if (displayWidth(next) > max - 1) break;
        out = std::move(next);
        i += len;
    }
    return out + "…";
}

// Column widths come from the header and the first kMeasuredRows rows; the
// table is printed from then on as rows arrive, so its memory does not grow
// with the result (a later cell wider than its column is clipped with "…":
// the table is for reading, TSV and CSV are for data).
class TableWriter : public ResultSink {
public:
    static constexpr std::size_t kMeasuredRows = 1000;

    TableWriter(std::ostream& out, std::vector<std::pair<std::string, std::string>> prefixes)
        : out_(out), display_(std::move(prefixes)) {}
    void beginSolutions(const std::vector<std::string>& vars) override { vars_ = vars; }
    void solution(const std::vector<std::optional<Term>>& values) override {
        std::vector<std::string> row;
        for (const auto& v : values) {
            if (!v)
                row.emplace_back();
            else if (v->isBlank())
                row.push_back("_:" + blanks_.name(v->value));
            else
                row.push_back(clip(display_.cell(*v), values::isPath(*v) ? 400 : 80)); // paths: keep them whole
        }
        ++count_;
        if (streaming_) {
            for (std::size_t i = 0; i < row.size(); ++i) row[i] = clip(row[i], widths_[i]);
            line(row);
            return;
        }
        rows_.push_back(std::move(row));
        if (rows_.size() > kMeasuredRows) startStreaming();
    }
    void boolean(bool v) override { out_ << (v ? "true" : "false") << "\n"; }
    void end() override {
        if (vars_.empty() && rows_.empty() && !streaming_) return;
        if (!streaming_) startStreaming();
        rule("└", "┴", "┘");
        out_ << fmt::format("{} row{}\n", count_, count_ == 1 ? "" : "s");
    }

private:
    void startStreaming() {
        widths_.clear();
        for (const auto& v : vars_) widths_.push_back(displayWidth(v));
        for (const auto& r : rows_)
            for (std::size_t i = 0; i < r.size(); ++i) widths_[i] = std::max(widths_[i], displayWidth(r[i]));
        rule("┌", "┬", "┐");
        line(vars_);
        rule("├", "┼", "┤");
        for (const auto& r : rows_) line(r);
        rows_.clear();
        rows_.shrink_to_fit();
        streaming_ = true;
    }
    void rule(const char* l, const char* m, const char* r) {
        out_ << l;
        for (std::size_t i = 0; i < widths_.size(); ++i) {
            for (std::size_t k = 0; k < widths_[i] + 2; ++k) out_ << "─";
            out_ << (i + 1 < widths_.size() ? m : r);
        }
        out_ << "\n";
    }
    void line(const std::vector<std::string>& cells) {
        out_ << "│";
        for (std::size_t i = 0; i < widths_.size(); ++i)
            out_ << " " << cells[i] << std::string(widths_[i] - std::min(widths_[i], displayWidth(cells[i])), ' ')
                 << " │";
        out_ << "\n";
    }

    std::ostream& out_;
    TermDisplay display_;
    BlankNamer blanks_;
    std::vector<std::string> vars_;
    std::vector<std::vector<std::string>> rows_; // until the widths are known
    std::vector<std::size_t> widths_;
    bool streaming_ = false;
    std::size_t count_ = 0;
};

} // namespace

std::unique_ptr<ResultSink> makeTableWriter(std::ostream& out,
                                            std::vector<std::pair<std::string, std::string>> prefixes) {
    return std::make_unique<TableWriter>(out, std::move(prefixes));
}

} // namespace corridor::query::results
