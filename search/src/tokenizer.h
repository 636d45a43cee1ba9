#pragma once
// Splits NFC text into words the same way for documents, queries and snippets, so a word
// found by a query can always be found again in the stored text for highlighting.
//
// A word is a run of letters and digits, with combining marks attached and format characters
// (zero-width space/joiner, soft hyphen) skipped. Everything else separates words, including
// "/", "-" and "." — so "30/2020/NĐ-CP" is the words 30 2020 nđ cp at consecutive positions,
// which a phrase query matches whatever the separators were.

#include <cstddef>
#include <string>
#include <string_view>

namespace chancery::search::detail {

// Longer words are not indexed (Xapian limits terms to 245 bytes; such "words" are base64
// blobs or table garbage, not something a clerk types).
inline constexpr std::size_t kMaxWordBytes = 64;

struct Token {
  std::size_t begin = 0; // byte offsets of the word in the tokenized text
  std::size_t end = 0;
  std::string exact;  // lower case, diacritics kept
  std::string folded; // lower case, diacritics removed, đ → d

  bool hasDiacritics() const { return exact != folded; }
};

class Tokenizer {
public:
  explicit Tokenizer(std::string_view nfcText) : text_(nfcText) {}
  // Fills `token` with the next word; false at the end of the text.
  bool next(Token &token);
  std::size_t position() const { return pos_; }

private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

} // namespace chancery::search::detail
