#pragma once
// Builds the CMS SignedData of a PAdES baseline signature from its parts: exactly one
// SignerInfo, signed attributes content-type, message-digest and signing-certificate-v2, and no
// signingTime (ETSI EN 319 142-1 5.3: the claimed time lives in the signature dictionary's /M).
#include <string>
#include <string_view>
#include <vector>

#include "ossl.h"

namespace chancery::signing::cms {

// DER of the signed attributes, encoded as a SET (tag 0x31): this is what gets hashed and signed.
std::string signedAttributes(X509* signer, std::string_view documentDigest);

// Assembles the ContentInfo. `chain` holds every certificate to embed (signer first).
// `timestampToken` (DER ContentInfo) becomes the signature-time-stamp unsigned attribute.
std::string signedData(X509* signer, const std::vector<X509*>& chain,
                       std::string_view signedAttributesSet, std::string_view signature,
                       std::string_view timestampToken);

// The SignerInfo's signature value inside a CMS we built or received (for timestamping).
std::string signatureValue(std::string_view cmsDer);
// Adds (or replaces) the signature-time-stamp-token unsigned attribute of the only SignerInfo.
std::string withTimestamp(std::string_view cmsDer, std::string_view token);

}  // namespace chancery::signing::cms
