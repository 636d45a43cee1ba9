#include "text.h"

#include <array>
#include <memory>
#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

namespace chancery::search::detail {
namespace {

constexpr char32_t kReplacement = 0xFFFD;
constexpr std::size_t kTableSize = 0x10000; // the BMP holds every Vietnamese character

CharClass classifyWithIcu(char32_t c) {
  const auto type = static_cast<UCharCategory>(u_charType(static_cast<UChar32>(c)));
  switch (type) {
  case U_UPPERCASE_LETTER:
  case U_LOWERCASE_LETTER:
  case U_TITLECASE_LETTER:
  case U_MODIFIER_LETTER:
  case U_OTHER_LETTER:
  case U_DECIMAL_DIGIT_NUMBER:
    return CharClass::Word;
  case U_NON_SPACING_MARK:
  case U_COMBINING_SPACING_MARK:
  case U_ENCLOSING_MARK:
    return CharClass::Mark;
  case U_FORMAT_CHAR:
    return CharClass::Ignorable;
  default:
    return CharClass::Separator;
  }
}

// Base letter of `lower` when its compatibility decomposition is one character followed only
// by marks (ế → e, ơ → o, ｆ → f); otherwise `lower` itself. đ has no decomposition, so NFD
// alone would keep it: Vietnamese readers treat it as a d with a bar, hence the special case.
char32_t foldWithIcu(char32_t lower, const icu::Normalizer2 &nfkd) {
  if (lower == U'đ') return U'd';
  if (classifyWithIcu(lower) == CharClass::Mark) return 0;
  icu::UnicodeString decomposition;
  if (!nfkd.getDecomposition(static_cast<UChar32>(lower), decomposition)) return lower;
  const UChar32 base = decomposition.char32At(0);
  for (int32_t i = U16_LENGTH(base); i < decomposition.length();) {
    const UChar32 c = decomposition.char32At(i);
    if (classifyWithIcu(static_cast<char32_t>(c)) != CharClass::Mark) return lower;
    i += U16_LENGTH(c);
  }
  if (classifyWithIcu(static_cast<char32_t>(base)) != CharClass::Word) return lower;
  if (u_isdigit(base)) return static_cast<char32_t>(U'0' + u_charDigitValue(base));
  return static_cast<char32_t>(u_tolower(base));
}

const icu::Normalizer2 &nfkdInstance() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2 *nfkd = icu::Normalizer2::getNFKDInstance(status);
  if (U_FAILURE(status) || nfkd == nullptr) throw std::runtime_error("ICU NFKD unavailable");
  return *nfkd;
}

struct Tables {
  std::array<CharClass, kTableSize> cls{};
  std::array<char16_t, kTableSize> lower{};
  std::array<char16_t, kTableSize> fold{};

  Tables() {
    const icu::Normalizer2 &nfkd = nfkdInstance();
    for (char32_t c = 0; c < kTableSize; ++c) {
      cls[c] = classifyWithIcu(c);
      const auto l = static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
      lower[c] = l < kTableSize ? static_cast<char16_t>(l) : static_cast<char16_t>(c);
      const char32_t f = foldWithIcu(lower[c], nfkd);
      fold[c] = f < kTableSize ? static_cast<char16_t>(f) : lower[c];
    }
  }
};

const Tables &tables() {
  static const auto instance = std::make_unique<Tables>();
  return *instance;
}

bool isSurrogate(char32_t c) {
  return c >= 0xD800 && c <= 0xDFFF;
}

} // namespace

CharClass charClass(char32_t c) {
  if (c < kTableSize) return tables().cls[c];
  return classifyWithIcu(c);
}

char32_t lowerChar(char32_t c) {
  if (c < kTableSize) return tables().lower[c];
  return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
}

char32_t foldChar(char32_t c) {
  if (c < kTableSize) return tables().fold[c];
  if (classifyWithIcu(c) == CharClass::Mark) return 0;
  return lowerChar(c);
}

char32_t decodeUtf8(std::string_view s, std::size_t &i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  std::size_t length = 0;
  char32_t c = 0;
  char32_t minimum = 0;
  if ((b0 & 0xE0) == 0xC0) {
    length = 2, c = b0 & 0x1F, minimum = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    length = 3, c = b0 & 0x0F, minimum = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    length = 4, c = b0 & 0x07, minimum = 0x10000;
  } else {
    ++i;
    return kReplacement;
  }
  if (i + length > s.size()) {
    ++i;
    return kReplacement;
  }
  for (std::size_t k = 1; k < length; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return kReplacement;
    }
    c = (c << 6) | (b & 0x3F);
  }
  if (c < minimum || c > 0x10FFFF || isSurrogate(c)) {
    ++i;
    return kReplacement;
  }
  i += length;
  return c;
}

void appendUtf8(std::string &out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

std::string toNfc(std::string_view utf8) {
  // ICU passes ill-formed bytes through, so make the input well-formed first; a cheap scan
  // for the common case of valid UTF-8.
  std::string valid;
  std::string_view input = utf8;
  for (std::size_t i = 0; i < utf8.size();) {
    const std::size_t start = i;
    if (decodeUtf8(utf8, i) == kReplacement && utf8.substr(start, 3) != "\xEF\xBF\xBD") {
      valid.reserve(utf8.size() + 8);
      for (std::size_t j = 0; j < utf8.size();)
        appendUtf8(valid, decodeUtf8(utf8, j));
      input = valid;
      break;
    }
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2 *nfc = icu::Normalizer2::getNFCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFC unavailable");
  const icu::StringPiece piece(input.data(), static_cast<int32_t>(input.size()));
  if (nfc->isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return std::string(input);
  status = U_ZERO_ERROR;
  std::string out;
  out.reserve(input.size());
  icu::StringByteSink<std::string> sink(&out);
  nfc->normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFC normalisation failed");
  return out;
}

std::string lowerText(std::string_view nfc) {
  std::string out;
  out.reserve(nfc.size());
  for (std::size_t i = 0; i < nfc.size();)
    appendUtf8(out, lowerChar(decodeUtf8(nfc, i)));
  return out;
}

std::string foldText(std::string_view nfc) {
  std::string out;
  out.reserve(nfc.size());
  for (std::size_t i = 0; i < nfc.size();) {
    const char32_t f = foldChar(decodeUtf8(nfc, i));
    if (f != 0) appendUtf8(out, f);
  }
  return out;
}

std::string keyText(std::string_view text) {
  const std::string folded = foldText(toNfc(text));
  std::string out;
  out.reserve(folded.size());
  bool pendingSpace = false;
  for (const char c : folded) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pendingSpace = !out.empty();
      continue;
    }
    if (pendingSpace) out += ' ';
    pendingSpace = false;
    out += c;
  }
  return out;
}

void appendHtmlEscaped(std::string &out, std::string_view text) {
  for (const char c : text) {
    switch (c) {
    case '&':
      out += "&amp;";
      break;
    case '<':
      out += "&lt;";
      break;
    case '>':
      out += "&gt;";
      break;
    case '"':
      out += "&quot;";
      break;
    case '\'':
      out += "&#39;";
      break;
    default:
      out += c;
    }
  }
}

} // namespace chancery::search::detail
