#include "chancery/signing/error.h"

namespace chancery::signing {
namespace {
std::string describe(ErrorCode code, const std::string& message, std::int64_t offset,
                     std::int64_t object) {
  std::string text = std::string(errorCodeName(code)) + ": " + message;
  if (object >= 0) text += " (object " + std::to_string(object) + ")";
  if (offset >= 0) text += " (offset " + std::to_string(offset) + ")";
  return text;
}
}  // namespace

const char* errorCodeName(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::InvalidArgument: return "invalid-argument";
    case ErrorCode::NotPdf: return "not-pdf";
    case ErrorCode::Encrypted: return "encrypted";
    case ErrorCode::Malformed: return "malformed";
    case ErrorCode::Unsupported: return "unsupported";
    case ErrorCode::Key: return "key";
    case ErrorCode::Crypto: return "crypto";
    case ErrorCode::Transport: return "transport";
    case ErrorCode::Timestamp: return "timestamp";
    case ErrorCode::Revocation: return "revocation";
    case ErrorCode::Font: return "font";
    case ErrorCode::Image: return "image";
    case ErrorCode::FieldNotFound: return "field-not-found";
    case ErrorCode::SpaceExceeded: return "space-exceeded";
    case ErrorCode::ExternalMismatch: return "external-mismatch";
  }
  return "unknown";
}

SigningError::SigningError(ErrorCode code, std::string message, std::int64_t offset,
                           std::int64_t object)
    : std::runtime_error(describe(code, message, offset, object)),
      code_(code),
      offset_(offset),
      object_(object),
      message_(std::move(message)) {}

}  // namespace chancery::signing
