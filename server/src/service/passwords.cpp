#include "service/passwords.h"

#include <argon2.h>
#include <openssl/rand.h>

#include <stdexcept>
#include <vector>

namespace chancery::service {

std::string hashPassword(std::string_view password, const PasswordPolicy& policy) {
  unsigned char salt[16];
  if (RAND_bytes(salt, sizeof salt) != 1) throw std::runtime_error("no random bytes for salt");
  constexpr std::size_t kHashLen = 32;
  std::size_t len = argon2_encodedlen(policy.timeCost, policy.memoryKiB, policy.parallelism,
                                      sizeof salt, kHashLen, Argon2_id);
  std::vector<char> encoded(len);
  int rc = argon2id_hash_encoded(policy.timeCost, policy.memoryKiB, policy.parallelism,
                                 password.data(), password.size(), salt, sizeof salt, kHashLen,
                                 encoded.data(), encoded.size());
  if (rc != ARGON2_OK) throw std::runtime_error(std::string("argon2: ") + argon2_error_message(rc));
  return std::string(encoded.data());
}

bool verifyPassword(std::string_view password, const std::string& encoded) {
  return argon2id_verify(encoded.c_str(), password.data(), password.size()) == ARGON2_OK;
}

}  // namespace chancery::service
