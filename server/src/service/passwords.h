#pragma once
// Argon2id password hashes (libargon2), stored in the PHC string format so parameters can
// change without invalidating old hashes.

#include <string>
#include <string_view>

namespace chancery::service {

struct PasswordPolicy {
  unsigned timeCost = 2;        // iterations
  unsigned memoryKiB = 19456;   // 19 MiB, the OWASP baseline for Argon2id
  unsigned parallelism = 1;
};

// Throws std::runtime_error if libargon2 fails (out of memory).
std::string hashPassword(std::string_view password, const PasswordPolicy& policy = {});
bool verifyPassword(std::string_view password, const std::string& encoded);

}  // namespace chancery::service
