#pragma once
// Hashes and random tokens (OpenSSL).

#include <cstdint>
#include <istream>
#include <string>
#include <string_view>

namespace chancery::util {

// Lower-case hex SHA-256 of data.
std::string sha256Hex(std::string_view data);

// Incremental SHA-256 for files and streams.
class Sha256 {
public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(const void* data, std::size_t size);
  std::string hex();  // finishes the hash

private:
  void* ctx_;
};

// Hex SHA-256 of everything left in the stream; throws std::runtime_error on a read error.
std::string sha256Hex(std::istream& in);

// n cryptographically random bytes, as URL-safe base64 without padding.
std::string randomToken(std::size_t bytes = 32);

// Compares in time that depends only on the lengths.
bool constantTimeEquals(std::string_view a, std::string_view b);

}  // namespace chancery::util
