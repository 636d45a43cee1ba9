#pragma once
// Finding the signatures of a document: every /FT /Sig field with a value, in field order.
#include <array>
#include <string>
#include <vector>

#include "pdf_reader.h"

namespace chancery::signing::pdf {

struct FoundSignature {
  std::string fieldName;
  std::uint32_t dictNum = 0;  // the signature dictionary's object number (0 if direct)
  Object dict;
  std::array<std::int64_t, 4> byteRange{};
  bool byteRangeOk = false;   // four sane numbers inside the file, /Contents in the gap
  std::string contents;       // decoded /Contents (with its zero padding)
};

std::vector<FoundSignature> findSignatures(const Reader& reader);

// Certificates, OCSP responses and CRLs of the newest /DSS (DER each).
struct DssData {
  std::vector<std::string> certs, ocsps, crls;
  bool present = false;
};
DssData readDss(const Reader& reader);

}  // namespace chancery::signing::pdf
