#pragma once
// Folders a process makes for itself and removes when done, which a killed process leaves behind:
// each name holds "-<pid>-" (or "<prefix><pid>-"), so that a later process can tell they are no
// one's and remove them.

#include <cstddef>
#include <string>

namespace corridor::storage {

// True when the process whose id starts at name[pidAt] has ended.
bool processGone(const std::string& name, std::size_t pidAt);

// A new, empty folder for a read-only open's RocksDB secondary instance, in
// <temp>/corridor-readers-<uid>/, a folder only this user may write. Readers killed earlier left
// theirs there, and they are removed first: only that folder is read, not the whole temporary
// folder, which may hold thousands of files. If the user's folder cannot be made or is not safe
// (not a directory of this user's, or writable by others), the reader's folder is made in the
// temporary folder itself, as before 2026-12-01. Throws StorageError when neither can be made.
// The readers folder is removed by the last reader to close (removeReaderFolder); one that opens
// meanwhile makes it again.
std::string makeReaderFolder();
// Removes a folder makeReaderFolder() made, and the user's readers folder with it once no other
// reader's folder is there: a command leaves nothing in the temporary folder.
void removeReaderFolder(const std::string& folder);

} // namespace corridor::storage
