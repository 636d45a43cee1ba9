#pragma once
// Domain errors. Services throw these; the HTTP layer maps each kind to one status code in
// exactly one place (http/error_mapping.cpp) and the CLI prints the message.

#include <optional>
#include <stdexcept>
#include <string>

namespace chancery::service {

enum class ErrorKind {
  BadRequest,            // 400: malformed or invalid input
  Unauthenticated,       // 401
  Forbidden,             // 403: the caller's role may not do this at all
  NotFound,              // 404: also used when the caller may not see the object
  MethodNotAllowed,      // 405
  Conflict,              // 409: state does not allow it (taken, out of order, …)
  PayloadTooLarge,       // 413
  UnsupportedMediaType,  // 415
  Unprocessable,         // 422: well-formed but semantically wrong (e.g. not a PDF)
  TooManyRequests,       // 429
  Unavailable,           // 503
};

class Error : public std::runtime_error {
public:
  // code: a stable machine-readable slug such as "invalid_field" or "not_found".
  Error(ErrorKind kind, std::string code, const std::string& message, std::string field = {})
      : std::runtime_error(message), kind_(kind), code_(std::move(code)), field_(std::move(field)) {}

  ErrorKind kind() const { return kind_; }
  const std::string& code() const { return code_; }
  const std::string& field() const { return field_; }
  std::optional<int> retryAfterSeconds;

private:
  ErrorKind kind_;
  std::string code_;
  std::string field_;
};

inline Error invalidField(std::string field, const std::string& message) {
  return Error(ErrorKind::BadRequest, "invalid_field", message, std::move(field));
}
inline Error notFound(const std::string& what) {
  return Error(ErrorKind::NotFound, "not_found", what + " not found");
}
inline Error forbidden(const std::string& message = "your role does not allow this") {
  return Error(ErrorKind::Forbidden, "forbidden", message);
}
inline Error conflict(std::string code, const std::string& message, std::string field = {}) {
  return Error(ErrorKind::Conflict, std::move(code), message, std::move(field));
}

}  // namespace chancery::service
