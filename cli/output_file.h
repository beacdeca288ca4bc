#pragma once
// Files that commands write (export -o, query -o): never half a file, never a
// replaced device. A regular file is written as PATH.partial and renamed over
// PATH once complete; a symbolic link is followed (the link stays); a device or
// a pipe (/dev/null, a FIFO) is written in place; a folder is refused.

#include <cstdio>
#include <functional>
#include <ostream>
#include <string>

namespace corridor::cli {

class OutputFile {
public:
    explicit OutputFile(const std::string& path); // throws DataError when it cannot be opened
    ~OutputFile();                                // not committed: the partial file is removed
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    std::FILE* file() { return file_; }
    void commit(); // closes, and renames the partial file into place

private:
    std::string path_, target_, written_;
    std::FILE* file_ = nullptr;
    bool direct_ = false;
};

// Runs `write` on standard output (path empty) or on an OutputFile that is committed after it.
void writeOutput(const std::string& path, const std::function<void(std::ostream&)>& write);

} // namespace corridor::cli
