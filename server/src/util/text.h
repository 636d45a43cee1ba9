#pragma once
// Text helpers shared across server/: UTF-8 validation, ASCII case, trimming, hex, and checked
// integer parsing (std::from_chars; never atoi).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chancery::util {

// True when s is well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
bool isValidUtf8(std::string_view s);
// True when s holds a control character other than tab, CR and LF.
bool hasControlChars(std::string_view s);
std::string toLowerAscii(std::string_view s);
std::string_view trim(std::string_view s);
std::string toHex(std::string_view bytes);
std::optional<std::int64_t> parseInt(std::string_view s);
std::vector<std::string> split(std::string_view s, char sep);
// At most maxBytes bytes of s, cut at a character boundary.
std::string truncateUtf8(std::string_view s, std::size_t maxBytes);
bool startsWith(std::string_view s, std::string_view prefix);

}  // namespace chancery::util
