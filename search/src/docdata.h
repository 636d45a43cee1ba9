#pragma once
// The record stored as each Xapian document's data: what a hit displays and the text that
// snippets are cut from. Versioned, length-prefixed fields; no third-party serialiser.

#include <string>
#include <string_view>

namespace chancery::search::detail {

struct StoredDoc {
  std::string id;
  std::string title;
  std::string number;
  std::string notation;
  std::string type;
  std::string issuer;
  std::string signer;
  std::string date; // "YYYY-MM-DD" or empty
  std::string text;
};

std::string encodeDocData(const StoredDoc &doc);
// Throws SearchError(Corrupt) on a record it did not write.
StoredDoc decodeDocData(std::string_view data);

} // namespace chancery::search::detail
