#include "cases/sheet_reader.h"

#include "storage/error.h"
#include "storage/utf8.h"

#include <csv.h>
#include <deque>
#include <fmt/format.h>

namespace corridor::cases {

struct SheetReader::Parser {
    csv_parser csv{};
    bool initialised = false;
    std::vector<std::string> fields; // of the row being read
    std::deque<SheetRow> ready;      // complete rows not yet returned
    std::uint64_t rowStart = 0;      // line where the row being read starts (0: none yet)
    std::uint64_t currentLine = 0;   // line being fed
    std::string badUtf8;             // set by a callback: message for an invalid field
    const std::string* path = nullptr;

    Parser() = default;
    Parser(const Parser&) = delete;
    Parser& operator=(const Parser&) = delete;
    // Here rather than in ~SheetReader: a constructor that throws (a bad header) still frees libcsv's buffer.
    ~Parser() {
        if (initialised) csv_free(&csv);
    }

    static void onField(void* data, std::size_t size, void* self) {
        auto& p = *static_cast<Parser*>(self);
        std::string field(static_cast<const char*>(data), size);
        if (auto bad = storage::firstInvalidUtf8(field); bad && p.badUtf8.empty())
            p.badUtf8 = fmt::format("{}:{}:{}: the file is not UTF-8 (field {} of the row has an invalid byte); save "
                                    "the sheet as UTF-8 CSV",
                                    *p.path, p.rowStart, p.fields.size() + 1, p.fields.size() + 1);
        p.fields.push_back(std::move(field));
    }
    static void onRowEnd(int, void* self) {
        auto& p = *static_cast<Parser*>(self);
        p.ready.push_back(SheetRow{p.rowStart, std::move(p.fields)});
        p.fields.clear();
        p.rowStart = 0;
    }
};

namespace {
int noSpace(unsigned char) {
    return 0;
} // keep fields exactly as written

bool endsWith(const std::string& s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}
} // namespace

SheetReader::SheetReader(std::string path) : path_(std::move(path)), parser_(std::make_unique<Parser>()) {
    in_.open(path_, std::ios::binary);
    if (!in_) throw UsageError(fmt::format("cannot open '{}'", path_));
    // The delimiter: from the extension, else from the first line.
    std::string lower = path_;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string first;
    std::getline(in_, first);
    in_.clear();
    in_.seekg(0);
    if (endsWith(lower, ".tsv") || endsWith(lower, ".tab") ||
        (first.find('\t') != std::string::npos && first.find(',') == std::string::npos))
        delimiter_ = '\t';
    if (csv_init(&parser_->csv, CSV_STRICT | CSV_STRICT_FINI) != 0) throw Error("cannot start the CSV reader");
    parser_->initialised = true;
    csv_set_delim(&parser_->csv, static_cast<unsigned char>(delimiter_));
    csv_set_space_func(&parser_->csv, noSpace);
    parser_->path = &path_;
    SheetRow head;
    if (!next(head)) throw DataError(fmt::format("{}:1:1: the file is empty; expected a header row", path_));
    header_ = std::move(head.fields);
}

SheetReader::~SheetReader() {
    csv_free(&parser_->csv);
}

bool SheetReader::fill() {
    Parser& p = *parser_;
    std::string text;
    while (p.ready.empty() && !ended_) {
        if (!std::getline(in_, text)) {
            ended_ = true;
            if (in_.bad()) throw Error(fmt::format("{}: read error", path_));
            if (csv_fini(&p.csv, Parser::onField, Parser::onRowEnd, &p) != 0)
                throw DataError(fmt::format("{}:{}:1: a quoted field is never closed (a '\"' is missing)", path_,
                                            p.rowStart ? p.rowStart : line_));
            break;
        }
        ++line_;
        bool hadNewline = !in_.eof();
        if (hadNewline) text.push_back('\n');
        bool blank = text.find_first_not_of("\r\n") == std::string::npos;
        if (p.rowStart == 0 && !blank) p.rowStart = line_;
        if (line_ == 1 && text.starts_with("\xEF\xBB\xBF")) {
            // The BOM is dropped here so that a quoted first header field still parses.
            text.erase(0, 3);
        }
        std::size_t used = csv_parse(&p.csv, text.data(), text.size(), Parser::onField, Parser::onRowEnd, &p);
        if (used != text.size())
            throw DataError(fmt::format("{}:{}:{}: malformed quoting: {} (a field with '\"' must be quoted whole, "
                                        "and a '\"' inside it doubled)",
                                        path_, line_, used + 1, csv_strerror(csv_error(&p.csv))));
        if (!p.badUtf8.empty()) throw DataError(p.badUtf8);
    }
    if (!p.badUtf8.empty()) throw DataError(p.badUtf8);
    return !p.ready.empty();
}

bool SheetReader::next(SheetRow& row) {
    if (!fill()) return false;
    row = std::move(parser_->ready.front());
    parser_->ready.pop_front();
    return true;
}

} // namespace corridor::cases
