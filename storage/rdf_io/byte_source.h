#pragma once
// Where parsed bytes come from: a file or a string, seekable so that the parser
// can restart after a bad line (--keep-going) and re-read to locate an error.

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace corridor::storage::rdf_io {

class ByteSource {
public:
    virtual ~ByteSource() = default;
    // Reads up to n bytes; returns 0 at the end or on error (see failed()).
    virtual std::size_t read(char* buf, std::size_t n) = 0;
    virtual bool failed() const = 0;
    virtual void seek(std::uint64_t offset) = 0;
    virtual std::uint64_t size() const = 0;
};

class FileByteSource : public ByteSource {
public:
    // Throws DataError if the file cannot be opened.
    explicit FileByteSource(const std::string& path);
    ~FileByteSource() override;
    FileByteSource(const FileByteSource&) = delete;
    FileByteSource& operator=(const FileByteSource&) = delete;

    std::size_t read(char* buf, std::size_t n) override;
    bool failed() const override;
    void seek(std::uint64_t offset) override;
    std::uint64_t size() const override { return size_; }

private:
    std::string path_;
    std::FILE* file_ = nullptr;
    std::uint64_t size_ = 0;
};

class StringByteSource : public ByteSource {
public:
    explicit StringByteSource(std::string_view text) : text_(text) {}
    std::size_t read(char* buf, std::size_t n) override;
    bool failed() const override { return false; }
    void seek(std::uint64_t offset) override { pos_ = offset; }
    std::uint64_t size() const override { return text_.size(); }

private:
    std::string_view text_;
    std::size_t pos_ = 0;
};

} // namespace corridor::storage::rdf_io
