#pragma once
// Signing PDFs: in one call with a key the process can use (PKCS#12, PKCS#11), or in two phases
// when the key is in a USB token driven from the browser.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "chancery/signing/options.h"
#include "chancery/signing/transport.h"

namespace chancery::signing {

// Signs `pdf` and returns the signed file: the input bytes unchanged, followed by one
// incremental update holding the signature (and the filled fields), and for B-LT a second one
// holding the /DSS. `transport` is needed for B-T/B-LT.
// Throws SigningError: NotPdf, Encrypted, Malformed (unusable input), Key, InvalidArgument,
// FieldNotFound, Font, Image, Timestamp, Transport, Revocation, SpaceExceeded, Crypto.
std::string signPdf(std::string_view pdf, const KeySource& key, const SignOptions& options,
                    Transport* transport = nullptr);

// A loaded key, for callers that sign many documents (PKCS#12 decryption and token login
// cost more than signing a typical file). Thread-compatible: one Signer per thread.
class Signer {
 public:
  // Throws SigningError(Key, InvalidArgument).
  explicit Signer(const KeySource& key);
  ~Signer();
  Signer(Signer&&) noexcept;
  Signer& operator=(Signer&&) noexcept;
  // As signPdf.
  std::string sign(std::string_view pdf, const SignOptions& options, Transport* transport = nullptr) const;
  std::string certificatePem() const;  // the signer's certificate

 private:
  std::string signUnchecked(std::string_view pdf, const SignOptions& options, Transport* transport) const;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// State between the two phases of external signing. A plain value: the caller stores it
// (serialize/parse) and expires it; the library keeps nothing between calls.
struct PreparedSignature {
  std::string id;                  // random hex, for the caller's bookkeeping
  std::string preparedPdf;         // the output with a zero-filled /Contents
  std::uint64_t contentsOffset = 0;    // offset of the first hex digit inside /Contents
  std::uint64_t contentsCapacity = 0;  // hex digits available
  std::string documentDigest;      // SHA-256 over the /ByteRange
  std::string signedAttributes;    // DER (SET) of the signed attributes
  std::string toBeSigned;          // SHA-256 of `signedAttributes`: what the token signs
  std::string certificateChainPem; // signer first
  Level level = Level::BB;
  SubFilter subFilter = SubFilter::EtsiCadesDetached;
  std::string tsaUrl;
  std::int64_t createdAt = 0;      // seconds since the epoch

  std::string serialize() const;
  // Throws SigningError(InvalidArgument) on anything that is not serialize()'s output.
  static PreparedSignature parse(std::string_view text);
};

// Phase 1: lays out the update for `certificateChainPem`'s signer and returns what to sign.
// Throws what signPdf throws, except Key/Timestamp/Transport.
PreparedSignature prepareSignature(std::string_view pdf, const SignOptions& options,
                                   std::string_view certificateChainPem);

// Phase 2: embeds either the raw signature over `prepared.toBeSigned` (PKCS#1 v1.5 or ECDSA)
// or a complete CMS whose message digest matches. Adds the timestamp (B-T) and DSS (B-LT).
// Throws SigningError(ExternalMismatch) when the signature does not verify with the prepared
// certificate, plus Timestamp/Transport/Revocation/SpaceExceeded.
std::string completeSignature(const PreparedSignature& prepared, std::string_view signatureOrCms,
                              Transport* transport = nullptr);

}  // namespace chancery::signing
