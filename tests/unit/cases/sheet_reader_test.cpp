// The CSV/TSV reader: RFC 4180 quoting, line numbers of rows, BOM, delimiters,
// and clear errors for malformed quoting and bad UTF-8.

#include "../test_util.h"
#include "cases/sheet_reader.h"
#include "storage/error.h"

#include <doctest/doctest.h>

using namespace corridor;
using corridor::cases::SheetReader;
using corridor::cases::SheetRow;
using corridor::test::TempDir;

namespace {
std::vector<SheetRow> allRows(SheetReader& reader) {
    std::vector<SheetRow> rows;
    SheetRow row;
    while (reader.next(row)) rows.push_back(row);
    return rows;
}

std::string errorOf(const std::string& path) {
    try {
        SheetReader reader(path);
        allRows(reader);
    } catch (const DataError& e) {
        return e.what();
    }
    return "(no error)";
}
} // namespace

TEST_CASE("quoted fields keep commas, newlines and doubled quotes; rows know their first line") {
    TempDir dir;
    auto path = dir.write("e.csv", "source,relation,target\n"
                                   "a,\"x, y\",b\n"
                                   "c,\"two\nlines\",d\n"
                                   "\n"
                                   "e,\"say \"\"hi\"\"\",f\n");
    SheetReader reader(path);
    CHECK(reader.header() == std::vector<std::string>{"source", "relation", "target"});
    CHECK(reader.delimiter() == ',');
    auto rows = allRows(reader);
    REQUIRE(rows.size() == 3);
    CHECK(rows[0].line == 2);
    CHECK(rows[0].fields[1] == "x, y");
    CHECK(rows[1].line == 3);
    CHECK(rows[1].fields[1] == "two\nlines");
    CHECK(rows[2].line == 6); // after the two-line row and a blank line
    CHECK(rows[2].fields[1] == "say \"hi\"");
}

TEST_CASE("a byte-order mark is skipped, CRLF ends rows, a last row needs no newline") {
    TempDir dir;
    auto path = dir.write("n.csv", "\xEF\xBB\xBFid,type\r\nA,Zone\r\nB,Enterprise");
    SheetReader reader(path);
    CHECK(reader.header()[0] == "id");
    auto rows = allRows(reader);
    REQUIRE(rows.size() == 2);
    CHECK(rows[1].line == 3);
    CHECK(rows[1].fields == std::vector<std::string>{"B", "Enterprise"});
}

TEST_CASE("tabs delimit .tsv files and first lines with tabs and no commas") {
    TempDir dir;
    auto tsv = dir.write("n.tsv", "id\ttype\tlabel\nA\tZone\tZone, with comma\n");
    SheetReader a(tsv);
    CHECK(a.delimiter() == '\t');
    auto rows = allRows(a);
    CHECK(rows[0].fields[2] == "Zone, with comma");
    auto sniffed = dir.write("n.txt", "id\ttype\nA\tZone\n");
    SheetReader b(sniffed);
    CHECK(b.delimiter() == '\t');
    CHECK(b.header().size() == 2);
}

TEST_CASE("malformed quoting and bad UTF-8 are errors with file:line:column") {
    TempDir dir;
    CHECK(errorOf(dir.write("a.csv", "id,type\nA,\"Zone\"x\n")) == std::string(dir.file("a.csv")) + ":2:9: " +
                                                                       "malformed quoting: error parsing data while "
                                                                       "strict checking enabled (a field with '\"' "
                                                                       "must be quoted whole, and a '\"' inside it "
                                                                       "doubled)");
    CHECK(
        errorOf(dir.write("b.csv", "id,type\nA,Zone\n\"B,Zone\n")).find("b.csv:3:1: a quoted field is never closed") !=
        std::string::npos);
    CHECK(errorOf(dir.write("c.csv", "id,type\nA,Zo\xFFne\n")).find("c.csv:2:2: the file is not UTF-8") !=
          std::string::npos);
    CHECK(errorOf(dir.write("d.csv", "")).find("d.csv:1:1: the file is empty") != std::string::npos);
    CHECK_THROWS_AS(SheetReader(dir.file("missing.csv")), UsageError);
}
