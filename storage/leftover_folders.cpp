#include "storage/leftover_folders.h"

#include "storage/error.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <optional>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

namespace corridor::storage {

namespace fs = std::filesystem;

bool processGone(const std::string& name, std::size_t pidAt) {
    long pid = std::strtol(name.c_str() + pidAt, nullptr, 10);
    return pid > 0 && ::kill(static_cast<pid_t>(pid), 0) == -1 && errno == ESRCH;
}

namespace {

// <temp>/<kReadersFolder><uid>/<kReader><pid>-XXXXXX, or <temp>/<kFallbackReader><pid>-XXXXXX.
constexpr const char* kReadersFolder = "corridor-readers-";
constexpr const char* kReader = "reader-";
constexpr const char* kFallbackReader = "corridor-reader-";

// Removes the folders in `dir` named <prefix><pid>-... whose process has ended.
void removeAbandoned(const fs::path& dir, const std::string& prefix) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        std::string name = entry.path().filename().string();
        if (name.rfind(prefix, 0) == 0 && processGone(name, prefix.size())) fs::remove_all(entry.path(), ec);
    }
}

// <temp>/corridor-readers-<uid>, made if missing; nullopt when it cannot be made or another user
// could have put it there or write in it (the temporary folder is shared).
std::optional<fs::path> usersReaderFolder(const fs::path& temp) {
    const uid_t uid = ::getuid();
    fs::path dir = temp / fmt::format("{}{}", kReadersFolder, uid);
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return std::nullopt;
    struct stat st {};
    if (::lstat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode) || st.st_uid != uid || (st.st_mode & 0022) != 0)
        return std::nullopt;
    return dir;
}

// parent/<prefix><pid>-XXXXXX, made; nullopt (errno set) when it cannot be.
std::optional<std::string> makeIn(const fs::path& parent, const char* prefix) {
    std::string tmpl = (parent / fmt::format("{}{}-XXXXXX", prefix, ::getpid())).string();
    if (!::mkdtemp(tmpl.data())) return std::nullopt;
    return tmpl;
}

// The temporary folder, or a StorageError that names the variable it came from.
fs::path temporaryFolder() {
    std::error_code ec;
    fs::path temp = fs::temp_directory_path(ec);
    if (!ec) return temp;
    std::string from = "/tmp";
    for (const char* name : {"TMPDIR", "TMP", "TEMP", "TEMPDIR"}) // the order libstdc++ reads them in
        if (const char* value = std::getenv(name)) {
            from = fmt::format("{} ({})", value, name);
            break;
        }
    throw StorageError(fmt::format("cannot use the temporary folder {}: {}; a read-only open keeps a folder there, "
                                   "so set TMPDIR to a folder that exists",
                                   from, ec.message()));
}

} // namespace

std::string makeReaderFolder() {
    const fs::path temp = temporaryFolder();
    // A reader closing at the same moment may remove the readers folder between our making sure
    // of it and making our folder in it: then it is made again.
    for (int attempt = 0; attempt < 3; ++attempt) {
        auto dir = usersReaderFolder(temp);
        if (!dir) break;
        removeAbandoned(*dir, kReader);
        if (auto folder = makeIn(*dir, kReader)) return *folder;
        if (errno != ENOENT) break;
    }
    removeAbandoned(temp, kFallbackReader);
    if (auto folder = makeIn(temp, kFallbackReader)) return *folder;
    const int error = errno;
    throw StorageError(fmt::format("cannot create a temporary folder for the read-only reader in {}: {}", temp.string(),
                                   std::strerror(error)));
}

void removeReaderFolder(const std::string& folder) {
    std::error_code ec;
    fs::remove_all(folder, ec);
    const fs::path parent = fs::path(folder).parent_path();
    if (parent.filename().string().rfind(kReadersFolder, 0) == 0) ::rmdir(parent.c_str()); // fails unless empty
}

} // namespace corridor::storage
