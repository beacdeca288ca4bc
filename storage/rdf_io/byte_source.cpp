#include "storage/rdf_io/byte_source.h"

#include "storage/error.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fmt/format.h>
#include <sys/stat.h>

namespace corridor::storage::rdf_io {

FileByteSource::FileByteSource(const std::string& path) : path_(path) {
    file_ = std::fopen(path.c_str(), "rb");
    if (!file_) throw DataError(fmt::format("{}: cannot open: {}", path, std::strerror(errno)));
    struct stat st {};
    if (::fstat(::fileno(file_), &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            std::fclose(file_);
            file_ = nullptr;
            throw DataError(fmt::format("{}: is a directory, not an RDF file", path));
        }
        size_ = static_cast<std::uint64_t>(st.st_size);
    }
}

FileByteSource::~FileByteSource() {
    if (file_) std::fclose(file_);
}

std::size_t FileByteSource::read(char* buf, std::size_t n) {
    return std::fread(buf, 1, n, file_);
}

bool FileByteSource::failed() const {
    return std::ferror(file_) != 0;
}

void FileByteSource::seek(std::uint64_t offset) {
    if (std::fseek(file_, static_cast<long>(offset), SEEK_SET) != 0)
        throw DataError(fmt::format("{}: cannot seek: {}", path_, std::strerror(errno)));
}

std::size_t StringByteSource::read(char* buf, std::size_t n) {
    std::size_t count = std::min(n, text_.size() - std::min(pos_, text_.size()));
    std::memcpy(buf, text_.data() + pos_, count);
    pos_ += count;
    return count;
}

} // namespace corridor::storage::rdf_io
