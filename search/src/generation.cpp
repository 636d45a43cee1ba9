#include "generation.h"

#include "chancery/search/error.h"

#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <sys/file.h>
#include <unistd.h>

namespace chancery::search::detail {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kGenerationPrefix = "gen-";

[[noreturn]] void ioError(const std::string &what, const fs::path &path) {
  throw SearchError(SearchError::Code::Io,
                    what + " " + path.string() + ": " + std::strerror(errno));
}

void syncPath(const fs::path &path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) ioError("cannot open", path);
  const int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) ioError("cannot sync", path);
}

int generationNumber(const std::string &name) {
  if (!name.starts_with(kGenerationPrefix)) return -1;
  int number = -1;
  const char *first = name.data() + kGenerationPrefix.size();
  const char *last = name.data() + name.size();
  const auto [end, ec] = std::from_chars(first, last, number);
  return ec == std::errc() && end == last ? number : -1;
}

} // namespace

std::string readCurrent(const fs::path &dir) {
  std::ifstream in(dir / "CURRENT");
  if (!in) return {};
  std::string name;
  std::getline(in, name);
  if (generationNumber(name) < 0)
    throw SearchError(SearchError::Code::Corrupt, "bad CURRENT file in " + dir.string());
  return name;
}

void writeCurrent(const fs::path &dir, const std::string &generation) {
  const fs::path tmp = dir / "CURRENT.tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << generation << '\n';
    out.flush();
    if (!out) ioError("cannot write", tmp);
  }
  syncPath(tmp, O_RDONLY);
  if (std::rename(tmp.c_str(), (dir / "CURRENT").c_str()) != 0) ioError("cannot rename", tmp);
  syncPath(dir, O_RDONLY | O_DIRECTORY);
}

std::string nextGeneration(const fs::path &dir) {
  int highest = 0;
  for (const auto &entry : fs::directory_iterator(dir))
    highest = std::max(highest, generationNumber(entry.path().filename().string()));
  std::string digits = std::to_string(highest + 1);
  return std::string(kGenerationPrefix) +
         std::string(6 - std::min<std::size_t>(6, digits.size()), '0') + digits;
}

void removeOtherGenerations(const fs::path &dir, const std::string &keep) {
  std::error_code ec;
  for (const auto &entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name != keep && name.starts_with(kGenerationPrefix)) fs::remove_all(entry.path(), ec);
  }
}

std::uintmax_t directorySize(const fs::path &path) {
  std::uintmax_t total = 0;
  std::error_code ec;
  for (const auto &entry : fs::recursive_directory_iterator(path, ec)) {
    if (entry.is_regular_file(ec)) total += entry.file_size(ec);
  }
  return total;
}

WriterLock::WriterLock(const fs::path &dir) {
  const fs::path path = dir / "LOCK";
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) ioError("cannot open", path);
  if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    ::close(fd_);
    fd_ = -1;
    if (error == EWOULDBLOCK)
      throw SearchError(SearchError::Code::Locked,
                        "index " + dir.string() + " is open for writing elsewhere");
    errno = error;
    ioError("cannot lock", path);
  }
}

WriterLock::~WriterLock() {
  if (fd_ >= 0) ::close(fd_);
}

} // namespace chancery::search::detail
