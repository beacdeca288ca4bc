#pragma once
// The error types every layer throws. They are caught once, in the CLI (or by
// an embedding program), which prints what() and exits with exitCode().
// No RocksDB or ANTLR type appears here.

#include <stdexcept>
#include <string>

namespace corridor {

// Process exit codes, documented in the README.
enum ExitCode : int {
    kExitOk = 0,
    kExitDataError = 1,    // bad query or bad input data
    kExitUsageError = 2,   // bad command line
    kExitStorageError = 3, // store missing, corrupted, unwritable, unknown version
    kExitStoreBusy = 4,    // another process holds the store for writing
    kExitInterrupted = 5,  // cancelled by a timeout or Ctrl-C
};

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
    virtual int exitCode() const { return kExitDataError; }
};

// Problems with the store itself (I/O, corruption, format version).
class StorageError : public Error {
public:
    explicit StorageError(const std::string& message) : Error("storage error: " + message) {}
    int exitCode() const override { return kExitStorageError; }
};

// Another process has the store open for writing.
class StoreBusyError : public StorageError {
public:
    using StorageError::StorageError;
    int exitCode() const override { return kExitStoreBusy; }
};

// Bad input data: the message starts with file:line:column.
class DataError : public Error {
public:
    using Error::Error;
};

// The command line or an API call was used wrongly.
class UsageError : public Error {
public:
    explicit UsageError(const std::string& message) : Error("usage error: " + message) {}
    int exitCode() const override { return kExitUsageError; }
};

} // namespace corridor
