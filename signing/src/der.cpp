#include "der.h"

#include <openssl/objects.h>

#include <algorithm>

#include "chancery/signing/error.h"

namespace chancery::signing::der {

std::string tlv(unsigned char tag, std::string_view content) {
  std::string out(1, static_cast<char>(tag));
  std::size_t len = content.size();
  if (len < 0x80) {
    out += static_cast<char>(len);
  } else {
    std::string bytes;
    for (std::size_t l = len; l; l >>= 8) bytes.insert(bytes.begin(), static_cast<char>(l & 0xFF));
    out += static_cast<char>(0x80 | bytes.size());
    out += bytes;
  }
  out += content;
  return out;
}

std::string sequence(const std::vector<std::string>& parts) {
  std::string body;
  for (auto& p : parts) body += p;
  return tlv(0x30, body);
}

std::string setOf(std::vector<std::string> parts, unsigned char tag) {
  std::sort(parts.begin(), parts.end());  // DER: ascending order of the encodings
  std::string body;
  for (auto& p : parts) body += p;
  return tlv(tag, body);
}

std::string oid(const char* dotted) {
  ASN1_OBJECT* obj = OBJ_txt2obj(dotted, 1);
  if (!obj) throw SigningError(ErrorCode::Crypto, std::string("bad OID ") + dotted);
  int len = i2d_ASN1_OBJECT(obj, nullptr);
  std::string out(static_cast<std::size_t>(len), '\0');
  auto* p = reinterpret_cast<unsigned char*>(out.data());
  i2d_ASN1_OBJECT(obj, &p);
  ASN1_OBJECT_free(obj);
  return out;
}

std::string integer(long value) {
  std::string bytes;
  do {
    bytes.insert(bytes.begin(), static_cast<char>(value & 0xFF));
    value >>= 8;
  } while (value > 0);
  if (static_cast<unsigned char>(bytes[0]) & 0x80) bytes.insert(bytes.begin(), '\0');
  return tlv(0x02, bytes);
}

std::string octetString(std::string_view bytes) { return tlv(0x04, bytes); }
std::string null() { return std::string("\x05\x00", 2); }
std::string contextExplicit(int n, std::string_view content) {
  return tlv(static_cast<unsigned char>(0xA0 + n), content);
}
std::string algorithm(const char* dottedOid, bool withNullParams) {
  return withNullParams ? sequence({oid(dottedOid), null()}) : sequence({oid(dottedOid)});
}

Element readElement(std::string_view d, std::size_t pos) {
  auto bad = [] { throw SigningError(ErrorCode::Malformed, "bad DER encoding"); };
  if (pos + 2 > d.size()) bad();
  Element e;
  e.tag = static_cast<unsigned char>(d[pos]);
  auto first = static_cast<unsigned char>(d[pos + 1]);
  if (first < 0x80) {
    e.headerLength = 2;
    e.contentLength = first;
  } else {
    std::size_t n = first & 0x7F;
    if (n == 0 || n > 4 || pos + 2 + n > d.size()) bad();
    for (std::size_t i = 0; i < n; ++i)
      e.contentLength = (e.contentLength << 8) | static_cast<unsigned char>(d[pos + 2 + i]);
    e.headerLength = 2 + n;
  }
  if (pos + e.size() > d.size()) bad();
  return e;
}

}  // namespace chancery::signing::der
