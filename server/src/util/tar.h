#pragma once
// A minimal POSIX ustar writer and reader for backup archives: regular files only, names under
// 100 bytes, sizes under 8 GiB. The reader refuses anything else.

#include <cstdint>
#include <functional>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>

namespace chancery::util {

class TarWriter {
public:
  explicit TarWriter(std::ostream& out) : out_(out) {}
  void add(const std::string& name, std::string_view data, std::int64_t mtime = 0);
  // Streams `size` bytes from `in`; throws std::runtime_error if fewer arrive.
  void add(const std::string& name, std::istream& in, std::uint64_t size, std::int64_t mtime = 0);
  // Writes the two zero blocks that end an archive.
  void finish();

private:
  void header(const std::string& name, std::uint64_t size, std::int64_t mtime);
  void pad(std::uint64_t size);
  std::ostream& out_;
};

class TarReader {
public:
  explicit TarReader(std::istream& in) : in_(in) {}
  // Calls fn(name, size, stream) for each entry; fn must read exactly `size` bytes or fewer
  // (the rest is skipped). Throws std::runtime_error on a malformed archive.
  void forEach(const std::function<void(const std::string& name, std::uint64_t size, std::istream& in)>& fn);

private:
  std::istream& in_;
};

}  // namespace chancery::util
