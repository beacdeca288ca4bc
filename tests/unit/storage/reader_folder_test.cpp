// Where a read-only open keeps its RocksDB secondary instance's folder, and how the folders of
// readers that were killed are removed (storage/leftover_folders.h).

#include "../test_util.h"
#include "storage/store.h"

#include <doctest/doctest.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace corridor;
using namespace corridor::storage;
namespace fs = std::filesystem;

namespace {

// TMPDIR pointing at a folder of the test's for as long as it lives.
struct TempFolderOverride {
    std::string before;
    bool had = false;
    explicit TempFolderOverride(const std::string& dir) {
        if (const char* v = std::getenv("TMPDIR")) {
            had = true;
            before = v;
        }
        ::setenv("TMPDIR", dir.c_str(), 1);
    }
    ~TempFolderOverride() {
        if (had)
            ::setenv("TMPDIR", before.c_str(), 1);
        else
            ::unsetenv("TMPDIR");
    }
};

std::vector<std::string> names(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

// A process id no process has: above the largest Linux hands out (2^22).
constexpr long kGonePid = (1L << 22) + 12345;

// A store (made before TMPDIR moves), a temporary folder of the test's as TMPDIR, and where this
// user's readers folder goes in it.
struct ReaderFolders {
    test::TempDir store;
    test::TempDir temp;
    TempFolderOverride tmpdir{temp.path()};
    fs::path readers = fs::path(temp.path()) / fmt::format("corridor-readers-{}", ::getuid());
    ReaderFolders() { Store::open(store.file("db")); }
    std::unique_ptr<Store> openReader() const {
        return Store::open(store.file("db"), StoreOptions{OpenMode::ReadOnly});
    }
};

} // namespace

TEST_CASE("a reader's folder is made in the user's readers folder, and killed readers' folders are removed") {
    ReaderFolders f;
    const fs::path& readers = f.readers;
    const std::string& tempPath = f.temp.path();
    // The first reader makes the readers folder, for this user only, and its own folder in it.
    {
        auto reader = f.openReader();
        struct stat st {};
        REQUIRE(::stat(readers.c_str(), &st) == 0);
        CHECK((st.st_mode & 0777) == 0700);
        CHECK(names(readers).size() == 1);
    }
    CHECK(!fs::exists(readers)); // the last reader to close removes both
    // What readers killed earlier left (a gone pid), a running reader's (this process), and
    // someone else's file beside them.
    fs::create_directories(readers / fmt::format("reader-{}-dead01", kGonePid));
    fs::create_directories(readers / fmt::format("reader-{}-alive1", ::getpid()));
    std::FILE* other = std::fopen((fs::path(tempPath) / "someone-elses-file").c_str(), "w");
    std::fclose(other);
    {
        auto reader = f.openReader();
        auto inside = names(readers);
        const std::string alive = fmt::format("reader-{}-alive1", ::getpid());
        REQUIRE(inside.size() == 2); // the live one and this reader's
        const std::string& own = inside[0] == alive ? inside[1] : inside[0];
        CHECK(std::find(inside.begin(), inside.end(), alive) != inside.end());
        CHECK(own.rfind(fmt::format("reader-{}-", ::getpid()), 0) == 0);
    }
    // Closed, the reader removed its own folder; the live one (so the readers folder) and the other
    // file stay.
    CHECK(names(readers) == std::vector<std::string>{fmt::format("reader-{}-alive1", ::getpid())});
    CHECK(fs::exists(fs::path(tempPath) / "someone-elses-file"));
}

TEST_CASE("a readers folder others may write is not used: the reader's folder goes in the temporary folder") {
    ReaderFolders f;
    const fs::path& readers = f.readers;
    const std::string& tempPath = f.temp.path();
    const fs::path planted = readers / fmt::format("reader-{}-dead01", kGonePid);
    fs::create_directories(planted);
    fs::permissions(readers, fs::perms::all); // writable by anyone
    fs::create_directories(fs::path(tempPath) / fmt::format("corridor-reader-{}-dead02", kGonePid));
    {
        auto reader = f.openReader();
        CHECK(reader->read()->statistics().quads == 0);
        // Not a folder of the reader's: the dead reader's folder in it is left alone; the one in the
        // temporary folder itself is removed, and this reader's is made there.
        CHECK(fs::exists(planted));
        auto top = names(tempPath);
        CHECK(std::count_if(top.begin(), top.end(), [](const std::string& n) {
                  return n.rfind(fmt::format("corridor-reader-{}-", ::getpid()), 0) == 0;
              }) == 1);
        CHECK(std::find(top.begin(), top.end(), fmt::format("corridor-reader-{}-dead02", kGonePid)) == top.end());
    }
    // A symbolic link in its place is not used either.
    fs::remove_all(readers);
    test::TempDir elsewhere;
    fs::create_directory_symlink(elsewhere.path(), readers);
    {
        auto reader = f.openReader();
        CHECK(names(elsewhere.path()).empty());
    }
}
