#pragma once
// Just enough DER encoding to assemble a CMS SignedData ourselves. OpenSSL's CMS_sign always
// adds a signingTime attribute, which PAdES baseline forbids, and cannot sign without the
// private key in-process, which two-phase browser signing needs.
#include <string>
#include <string_view>
#include <vector>

namespace chancery::signing::der {

std::string tlv(unsigned char tag, std::string_view content);
std::string sequence(const std::vector<std::string>& parts);
// SET OF: elements sorted by their encoding, as DER requires (verifiers re-encode signed attrs).
std::string setOf(std::vector<std::string> parts, unsigned char tag = 0x31);
std::string oid(const char* dotted);
std::string integer(long value);
std::string octetString(std::string_view bytes);
std::string null();
std::string contextExplicit(int n, std::string_view content);  // [n] EXPLICIT, constructed
std::string algorithm(const char* dottedOid, bool withNullParams);

// Splits a DER element at `pos`: returns header length and content length, or throws.
struct Element {
  unsigned char tag = 0;
  std::size_t headerLength = 0;
  std::size_t contentLength = 0;
  std::size_t size() const { return headerLength + contentLength; }
};
Element readElement(std::string_view der, std::size_t pos);

}  // namespace chancery::signing::der
