#pragma once
// Unicode primitives for indexing and querying Vietnamese: NFC, per-code-point lower-casing,
// folding (marks removed, đ → d) and character classes. The hot paths use tables built once
// from ICU for the Basic Multilingual Plane; the rest of Unicode asks ICU directly.

#include <cstddef>
#include <string>
#include <string_view>

namespace chancery::search::detail {

enum class CharClass : unsigned char {
  Separator, // breaks words: spaces, punctuation, symbols, emoji
  Word,      // letters and digits
  Mark,      // combining marks: part of the word, removed by folding
  Ignorable  // format characters (ZWSP, ZWJ, soft hyphen, BOM): skipped inside words
};

CharClass charClass(char32_t c);
char32_t lowerChar(char32_t c);
// Lower-cased base letter; 0 for a combining mark (dropped). đ/Đ → d, ơ → o, ư → u.
char32_t foldChar(char32_t c);

// Decodes one code point at s[i] and advances i; ill-formed bytes yield U+FFFD.
char32_t decodeUtf8(std::string_view s, std::size_t &i);
void appendUtf8(std::string &out, char32_t c);

// NFC-normalises UTF-8; ill-formed sequences become U+FFFD. Cheap when already NFC.
std::string toNfc(std::string_view utf8);
// Lower case and folded forms of a whole (NFC) string; separators are kept as they are.
std::string lowerText(std::string_view nfc);
std::string foldText(std::string_view nfc);
// Folded, lower-cased, whitespace collapsed and trimmed: the key of exact-value filters.
std::string keyText(std::string_view text);

// Escapes &, <, >, " and ' for HTML text and attribute values.
void appendHtmlEscaped(std::string &out, std::string_view text);

} // namespace chancery::search::detail
