#pragma once
// Structured errors of chancery::signing, modelled on qpdf's QPDFExc: a machine-readable code,
// the byte offset and object number where the problem was found (when known), and a message.
#include <cstdint>
#include <stdexcept>
#include <string>

namespace chancery::signing {

enum class ErrorCode {
  InvalidArgument,   // the caller passed inconsistent options
  NotPdf,            // no %PDF header, or not a PDF at all
  Encrypted,         // encrypted PDFs are refused: signing them needs the password handler
  Malformed,         // broken xref, truncated file, unparsable object
  Unsupported,       // a valid PDF feature this library does not handle
  Key,               // private key or certificate could not be loaded or do not match
  Crypto,            // an OpenSSL operation failed
  Transport,         // the caller's Transport failed or returned garbage
  Timestamp,         // the TSA refused or returned an invalid token
  Revocation,        // OCSP/CRL data could not be obtained for B-LT
  Font,              // the TrueType font could not be read or lacks a glyph
  Image,             // the PNG could not be decoded
  FieldNotFound,     // a named form field does not exist
  SpaceExceeded,     // the CMS is larger than the reserved /Contents space
  ExternalMismatch,  // an externally signed file is not the document that was sent
};

const char* errorCodeName(ErrorCode code) noexcept;

class SigningError : public std::runtime_error {
 public:
  static constexpr std::int64_t kUnknown = -1;
  SigningError(ErrorCode code, std::string message, std::int64_t offset = kUnknown,
               std::int64_t object = kUnknown);
  ErrorCode code() const noexcept { return code_; }
  std::int64_t offset() const noexcept { return offset_; }  // byte offset in the input, or -1
  std::int64_t object() const noexcept { return object_; }  // PDF object number, or -1
  const std::string& message() const noexcept { return message_; }

 private:
  ErrorCode code_;
  std::int64_t offset_;
  std::int64_t object_;
  std::string message_;
};

}  // namespace chancery::signing
