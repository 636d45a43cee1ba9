#pragma once
// The on-disk layout behind Index: <dir>/CURRENT names the live generation <dir>/gen-NNNNNN;
// <dir>/LOCK is held (flock) by the one writer. Switching CURRENT is an atomic rename, so a
// reader sees either the old or the new generation, never a half-built one.

#include <filesystem>
#include <string>

namespace chancery::search::detail {

// Name of the live generation, or "" when none exists yet. Throws SearchError(Io).
std::string readCurrent(const std::filesystem::path &dir);
// Atomically makes `generation` live. Throws SearchError(Io).
void writeCurrent(const std::filesystem::path &dir, const std::string &generation);
// A generation name not used in `dir` yet, numbered after the highest existing one.
std::string nextGeneration(const std::filesystem::path &dir);
// Deletes every gen-* directory except `keep`, including a rebuild's leftover scratch
// database (gen-NNNNNN.build) after a crash. Open readers keep reading deleted files
// (POSIX unlink semantics) until they move on. Errors are ignored: the next call retries.
void removeOtherGenerations(const std::filesystem::path &dir, const std::string &keep);
// Bytes of all files below `path`.
std::uintmax_t directorySize(const std::filesystem::path &path);

// Exclusive, non-blocking lock of <dir>/LOCK, released on destruction (or process exit).
class WriterLock {
public:
  // Throws SearchError: Locked when another writer holds it, Io.
  explicit WriterLock(const std::filesystem::path &dir);
  ~WriterLock();
  WriterLock(const WriterLock &) = delete;
  WriterLock &operator=(const WriterLock &) = delete;

private:
  int fd_ = -1;
};

} // namespace chancery::search::detail
