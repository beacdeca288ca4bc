#pragma once
// SheetReader: the rows of one CSV or TSV file (RFC 4180 quoting: fields with
// delimiters, newlines and doubled quotes), read with libcsv.
//
// - UTF-8 only; a byte-order mark at the start is skipped.
// - The delimiter is a tab for .tsv/.tab files and for a first line with tabs
//   and no commas; a comma otherwise.
// - Each row carries the file's line number where it starts (the header is
//   line 1), so messages can say file:line:column. Blank lines are skipped.
// - Malformed quoting and invalid UTF-8 throw DataError("file:line:column: ...").

#include <cstdint>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace corridor::cases {

struct SheetRow {
    std::uint64_t line = 0; // where the row starts, 1-based
    std::vector<std::string> fields;
};

class SheetReader {
public:
    // Opens the file and reads its header row. Throws UsageError when it cannot
    // be opened and DataError when it is empty or malformed.
    explicit SheetReader(std::string path);
    ~SheetReader();
    SheetReader(const SheetReader&) = delete;
    SheetReader& operator=(const SheetReader&) = delete;

    const std::string& path() const { return path_; }
    const std::vector<std::string>& header() const { return header_; }
    char delimiter() const { return delimiter_; }
    // The next data row; false at the end of the file.
    bool next(SheetRow& row);

    struct Parser;

private:
    bool fill(); // feeds lines until a row is complete or the file ends
    std::string path_;
    std::ifstream in_;
    std::unique_ptr<Parser> parser_;
    std::vector<std::string> header_;
    char delimiter_ = ',';
    std::uint64_t line_ = 0; // lines fed so far
    bool ended_ = false;
};

} // namespace corridor::cases
