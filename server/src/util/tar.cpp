#include "util/tar.h"

#include <array>
#include <cstring>
#include <stdexcept>
#include <streambuf>

namespace chancery::util {
namespace {

constexpr std::size_t kBlock = 512;

void octal(char* field, std::size_t width, std::uint64_t value) {
  // width-1 octal digits and a NUL.
  std::string digits(width - 1, '0');
  for (std::size_t i = width - 1; i-- > 0;) {
    digits[i] = static_cast<char>('0' + (value & 7));
    value >>= 3;
  }
  if (value != 0) throw std::runtime_error("tar: value too large for its field");
  std::memcpy(field, digits.data(), width - 1);
  field[width - 1] = '\0';
}

std::uint64_t parseOctal(const char* field, std::size_t width) {
  std::uint64_t v = 0;
  std::size_t i = 0;
  while (i < width && field[i] == ' ') ++i;
  for (; i < width && field[i] >= '0' && field[i] <= '7'; ++i) v = (v << 3) | static_cast<std::uint64_t>(field[i] - '0');
  for (; i < width; ++i)
    if (field[i] != '\0' && field[i] != ' ') throw std::runtime_error("tar: malformed number field");
  return v;
}

// Exposes the next `size` bytes of an istream as a stream of their own.
class BoundedBuf : public std::streambuf {
public:
  BoundedBuf(std::istream& in, std::uint64_t size) : in_(in), left_(size) {}
  std::uint64_t left() const { return left_; }

protected:
  int_type underflow() override {
    if (left_ == 0) return traits_type::eof();
    std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(left_, buf_.size()));
    in_.read(buf_.data(), static_cast<std::streamsize>(want));
    auto got = static_cast<std::size_t>(in_.gcount());
    if (got == 0) throw std::runtime_error("tar: archive is truncated");
    left_ -= got;
    setg(buf_.data(), buf_.data(), buf_.data() + got);
    return traits_type::to_int_type(buf_[0]);
  }

private:
  std::istream& in_;
  std::uint64_t left_;
  std::array<char, 65536> buf_{};
};

}  // namespace

void TarWriter::header(const std::string& name, std::uint64_t size, std::int64_t mtime) {
  if (name.empty() || name.size() >= 100) throw std::runtime_error("tar: bad entry name " + name);
  std::array<char, kBlock> h{};
  std::memcpy(h.data(), name.data(), name.size());
  octal(h.data() + 100, 8, 0644);
  octal(h.data() + 108, 8, 0);
  octal(h.data() + 116, 8, 0);
  octal(h.data() + 124, 12, size);
  octal(h.data() + 136, 12, static_cast<std::uint64_t>(mtime < 0 ? 0 : mtime));
  h[156] = '0';
  std::memcpy(h.data() + 257, "ustar", 6);
  std::memcpy(h.data() + 263, "00", 2);
  std::memset(h.data() + 148, ' ', 8);
  unsigned sum = 0;
  for (char c : h) sum += static_cast<unsigned char>(c);
  octal(h.data() + 148, 7, sum);
  h[155] = ' ';
  out_.write(h.data(), kBlock);
}

void TarWriter::pad(std::uint64_t size) {
  static const char zeros[kBlock] = {};
  std::size_t rest = static_cast<std::size_t>(size % kBlock);
  if (rest) out_.write(zeros, static_cast<std::streamsize>(kBlock - rest));
}

void TarWriter::add(const std::string& name, std::string_view data, std::int64_t mtime) {
  header(name, data.size(), mtime);
  out_.write(data.data(), static_cast<std::streamsize>(data.size()));
  pad(data.size());
  if (!out_) throw std::runtime_error("tar: write failed");
}

void TarWriter::add(const std::string& name, std::istream& in, std::uint64_t size, std::int64_t mtime) {
  header(name, size, mtime);
  char buf[65536];
  std::uint64_t left = size;
  while (left > 0) {
    auto want = static_cast<std::streamsize>(std::min<std::uint64_t>(left, sizeof buf));
    in.read(buf, want);
    if (in.gcount() != want) throw std::runtime_error("tar: source of " + name + " ended early");
    out_.write(buf, want);
    left -= static_cast<std::uint64_t>(want);
  }
  pad(size);
  if (!out_) throw std::runtime_error("tar: write failed");
}

void TarWriter::finish() {
  static const char zeros[2 * kBlock] = {};
  out_.write(zeros, sizeof zeros);
  out_.flush();
  if (!out_) throw std::runtime_error("tar: write failed");
}

void TarReader::forEach(
    const std::function<void(const std::string&, std::uint64_t, std::istream&)>& fn) {
  std::array<char, kBlock> h{};
  for (;;) {
    in_.read(h.data(), kBlock);
    if (in_.gcount() == 0) throw std::runtime_error("tar: archive ends without its end marker");
    if (in_.gcount() != static_cast<std::streamsize>(kBlock)) throw std::runtime_error("tar: archive is truncated");
    bool zero = true;
    for (char c : h) zero = zero && c == '\0';
    if (zero) return;
    unsigned sum = 0;
    for (std::size_t i = 0; i < kBlock; ++i) sum += (i >= 148 && i < 156) ? ' ' : static_cast<unsigned char>(h[i]);
    if (sum != parseOctal(h.data() + 148, 8)) throw std::runtime_error("tar: header checksum mismatch");
    if (h[156] != '0' && h[156] != '\0') throw std::runtime_error("tar: only regular files are allowed");
    std::string name(h.data(), strnlen(h.data(), 100));
    std::uint64_t size = parseOctal(h.data() + 124, 12);
    BoundedBuf buf(in_, size);
    std::istream entry(&buf);
    entry.exceptions(std::ios::badbit);  // a truncated archive throws instead of reading short
    fn(name, size, entry);
    // Skip what the callback did not read, then the padding.
    char skip[4096];
    while (entry.read(skip, sizeof skip) || entry.gcount() > 0) {
    }
    std::size_t rest = static_cast<std::size_t>(size % kBlock);
    if (rest) in_.ignore(static_cast<std::streamsize>(kBlock - rest));
  }
}

}  // namespace chancery::util
