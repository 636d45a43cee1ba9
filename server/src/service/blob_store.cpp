#include "service/blob_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "service/errors.h"
#include "util/crypto.h"

namespace chancery::service {
namespace fs = std::filesystem;

namespace {

[[noreturn]] void ioError(const std::string& what, const fs::path& p) {
  throw std::runtime_error(what + " " + p.string() + ": " + std::strerror(errno));
}

void fsyncPath(const fs::path& p) {
  int fd = ::open(p.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) ioError("cannot open", p);
  if (::fsync(fd) != 0) {
    ::close(fd);
    ioError("cannot fsync", p);
  }
  ::close(fd);
}

class TempFile {
public:
  explicit TempFile(const fs::path& dir) {
    path_ = dir / ("upload-" + util::randomToken(12));
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
    if (fd_ < 0) ioError("cannot create", path_);
  }
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!kept_) ::unlink(path_.c_str());
  }
  void write(const char* p, std::size_t n) {
    while (n > 0) {
      ssize_t w = ::write(fd_, p, n);
      if (w < 0) {
        if (errno == EINTR) continue;
        ioError("cannot write", path_);
      }
      p += w;
      n -= static_cast<std::size_t>(w);
    }
  }
  fs::path finish() {
    if (::fsync(fd_) != 0) ioError("cannot fsync", path_);
    if (::close(fd_) != 0) ioError("cannot close", path_);
    fd_ = -1;
    kept_ = true;
    return path_;
  }

private:
  fs::path path_;
  int fd_ = -1;
  bool kept_ = false;
};

constexpr std::size_t kHeadBytes = 4096;

}  // namespace

bool isSha256Hex(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

BlobStore::BlobStore(fs::path root) : root_(std::move(root)) {
  fs::create_directories(root_ / "tmp");
}

BlobStore::Staged::Staged(Staged&& o) noexcept { *this = std::move(o); }

BlobStore::Staged& BlobStore::Staged::operator=(Staged&& o) noexcept {
  if (this != &o) {
    if (!temp_.empty()) ::unlink(temp_.c_str());
    sha256_ = std::move(o.sha256_);
    size_ = o.size_;
    head_ = std::move(o.head_);
    temp_ = std::move(o.temp_);
    o.temp_.clear();
  }
  return *this;
}

BlobStore::Staged::~Staged() {
  if (!temp_.empty()) ::unlink(temp_.c_str());
}

BlobStore::Staged BlobStore::stage(std::istream& in, std::int64_t maxBytes) {
  TempFile tmp(root_ / "tmp");
  util::Sha256 hash;
  Staged s;
  char buf[1 << 16];
  while (in) {
    in.read(buf, sizeof buf);
    auto n = static_cast<std::size_t>(in.gcount());
    if (n == 0) break;
    if (s.size_ + static_cast<std::int64_t>(n) > maxBytes)
      throw Error(ErrorKind::PayloadTooLarge, "file_too_large",
                  "the file exceeds " + std::to_string(maxBytes) + " bytes");
    if (s.head_.size() < kHeadBytes) s.head_.append(buf, std::min(n, kHeadBytes - s.head_.size()));
    hash.update(buf, n);
    tmp.write(buf, n);
    s.size_ += static_cast<std::int64_t>(n);
  }
  if (in.bad()) throw std::runtime_error("read error while receiving a file");
  s.sha256_ = hash.hex();
  s.temp_ = tmp.finish();
  return s;
}

BlobStore::Staged BlobStore::stage(std::string_view bytes) {
  std::istringstream in{std::string(bytes)};
  return stage(in, static_cast<std::int64_t>(bytes.size()));
}

void BlobStore::commit(Staged& s) {
  if (s.temp_.empty()) throw std::logic_error("blob already committed");
  fs::path target = pathOf(s.sha256_);
  fs::path dir = target.parent_path();
  bool newDir = !fs::exists(dir);
  if (newDir) fs::create_directories(dir);
  if (fs::exists(target)) {
    ::unlink(s.temp_.c_str());
  } else if (::rename(s.temp_.c_str(), target.c_str()) != 0) {
    ioError("cannot rename into", target);
  }
  s.temp_.clear();
  fsyncPath(dir);
  if (newDir) fsyncPath(root_);
}

fs::path BlobStore::pathOf(const std::string& sha) const {
  if (!isSha256Hex(sha)) throw std::invalid_argument("not a SHA-256: " + sha.substr(0, 80));
  return root_ / sha.substr(0, 2) / sha;
}

bool BlobStore::has(const std::string& sha) const { return fs::is_regular_file(pathOf(sha)); }

std::string BlobStore::read(const std::string& sha) const {
  std::ifstream in(pathOf(sha), std::ios::binary);
  if (!in) throw std::runtime_error("blob " + sha + " is missing");
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::optional<std::string> BlobStore::rehash(const std::string& sha) const {
  std::ifstream in(pathOf(sha), std::ios::binary);
  if (!in) return std::nullopt;
  return util::sha256Hex(in);
}

std::vector<std::string> BlobStore::listStored() const {
  std::vector<std::string> out;
  for (const auto& dir : fs::directory_iterator(root_)) {
    if (!dir.is_directory() || dir.path().filename() == "tmp") continue;
    for (const auto& f : fs::directory_iterator(dir.path())) out.push_back(f.path().filename().string());
  }
  return out;
}

std::vector<fs::path> BlobStore::staleTemps(std::int64_t maxAgeSeconds, bool remove) const {
  std::vector<fs::path> out;
  auto now = fs::file_time_type::clock::now();
  for (const auto& f : fs::directory_iterator(root_ / "tmp")) {
    auto age = std::chrono::duration_cast<std::chrono::seconds>(now - f.last_write_time()).count();
    if (age < maxAgeSeconds) continue;
    out.push_back(f.path());
    if (remove) fs::remove(f.path());
  }
  return out;
}

}  // namespace chancery::service
