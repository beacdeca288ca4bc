// Fuzz target: the CSV/TSV sheet reader (libcsv glue: line tracking, BOM,
// delimiter sniffing, strict quoting, UTF-8 checks) and the mapping-file reader
// on arbitrary bytes; the first byte picks the file name (.csv, .tsv) and reader.

#include "cases/case_mapping.h"
#include "cases/sheet_reader.h"
#include "storage/error.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <sys/mman.h>
#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    int fd = memfd_create("sheet", 0);
    if (fd < 0) return 0;
    std::size_t written = 0;
    while (written < size - 1) {
        ssize_t n = ::write(fd, data + 1 + written, size - 1 - written);
        if (n <= 0) break;
        written += static_cast<std::size_t>(n);
    }
    // /proc/self/fd/N names the file (no extension: the delimiter is sniffed from the first line).
    std::string path = "/proc/self/fd/" + std::to_string(fd);
    try {
        if (data[0] & 1) {
            corridor::cases::readMapping(path);
        } else {
            corridor::cases::SheetReader reader(path);
            corridor::cases::SheetRow row;
            std::size_t fields = reader.header().size();
            while (reader.next(row)) fields += row.fields.size();
            volatile std::size_t sink = fields;
            (void)sink;
        }
    } catch (const corridor::Error&) {}
    ::close(fd);
    return 0;
}
