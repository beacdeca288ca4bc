#include "cli/output_file.h"

#include "storage/error.h"

#include <cerrno>
#include <cstring>
#include <ext/stdio_filebuf.h>
#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <unistd.h>

namespace fs = std::filesystem;

namespace corridor::cli {

OutputFile::OutputFile(const std::string& path) : path_(path), target_(path) {
    std::error_code ec;
    if (fs::is_symlink(fs::symlink_status(target_, ec))) { // write where the link points, keep the link
        target_ = fs::weakly_canonical(target_, ec).string();
        if (ec) throw DataError(fmt::format("cannot write {}: {}", path_, ec.message()));
    }
    auto status = fs::status(target_, ec);
    if (fs::is_directory(status)) throw DataError(fmt::format("cannot write {}: it is a folder", path_));
    direct_ = fs::exists(status) && !fs::is_regular_file(status);
    written_ = direct_ ? target_ : target_ + ".partial";
    file_ = std::fopen(written_.c_str(), "wb");
    if (!file_) throw DataError(fmt::format("cannot write {}: {}", path_, std::strerror(errno)));
}

OutputFile::~OutputFile() {
    if (!file_) return;
    std::fclose(file_);
    if (!direct_) std::remove(written_.c_str());
}

void OutputFile::commit() {
    std::FILE* f = file_;
    file_ = nullptr;
    bool failed = std::ferror(f) != 0;
    if (std::fclose(f) != 0 || failed) {
        int error = errno;
        if (!direct_) std::remove(written_.c_str());
        throw DataError(fmt::format("cannot write {}: {}", path_, std::strerror(error ? error : EIO)));
    }
    if (!direct_ && std::rename(written_.c_str(), target_.c_str()) != 0) {
        int error = errno;
        std::remove(written_.c_str());
        throw DataError(fmt::format("cannot write {}: {}", path_, std::strerror(error)));
    }
}

void writeOutput(const std::string& path, const std::function<void(std::ostream&)>& write) {
    if (path.empty()) {
        write(std::cout);
        std::cout.flush();
        return;
    }
    OutputFile file(path);
    {
        __gnu_cxx::stdio_filebuf<char> buffer(file.file(), std::ios::out);
        std::ostream out(&buffer);
        write(out);
        out.flush();
        if (!out) throw DataError(fmt::format("cannot write {}: {}", path, std::strerror(errno ? errno : EIO)));
    }
    file.commit();
}

} // namespace corridor::cli
