#include "schema.h"

#include "text.h"

#include <array>
#include <charconv>
#include <string>

namespace chancery::search::detail {
namespace {

struct FieldName {
  std::string_view alias; // folded, lower case, as typed before ":"
  QueryField field;
};

// Vietnamese names are the words clerks use (without diacritics — a typed "số:" folds to
// "so:"), English names the API's. Keep docs/search-schema.md in step.
constexpr std::array kFieldNames{
    FieldName{"so", {"number", prefix::kNumber, FieldKind::Code}},
    FieldName{"sokyhieu", {"number", prefix::kNumber, FieldKind::Code}},
    FieldName{"number", {"number", prefix::kNumber, FieldKind::Code}},
    FieldName{"kyhieu", {"notation", prefix::kNotation, FieldKind::Code}},
    FieldName{"notation", {"notation", prefix::kNotation, FieldKind::Code}},
    FieldName{"loai", {"type", prefix::kType, FieldKind::Text}},
    FieldName{"type", {"type", prefix::kType, FieldKind::Text}},
    FieldName{"trichyeu", {"title", prefix::kTitle, FieldKind::Text}},
    FieldName{"tieude", {"title", prefix::kTitle, FieldKind::Text}},
    FieldName{"title", {"title", prefix::kTitle, FieldKind::Text}},
    FieldName{"subject", {"title", prefix::kTitle, FieldKind::Text}},
    FieldName{"coquan", {"issuer", prefix::kIssuer, FieldKind::Text}},
    FieldName{"issuer", {"issuer", prefix::kIssuer, FieldKind::Text}},
    FieldName{"nguoiky", {"signer", prefix::kSigner, FieldKind::Text}},
    FieldName{"signer", {"signer", prefix::kSigner, FieldKind::Text}},
    FieldName{"ngay", {"date", "", FieldKind::Date}},
    FieldName{"date", {"date", "", FieldKind::Date}},
    FieldName{"nam", {"year", "", FieldKind::Year}},
    FieldName{"year", {"year", "", FieldKind::Year}},
    FieldName{"dokhan", {"urgency", prefix::kUrgency, FieldKind::Key}},
    FieldName{"urgency", {"urgency", prefix::kUrgency, FieldKind::Key}},
    FieldName{"trangthai", {"status", prefix::kStatus, FieldKind::Key}},
    FieldName{"status", {"status", prefix::kStatus, FieldKind::Key}},
    FieldName{"sovanban", {"register", prefix::kRegister, FieldKind::Key}},
    FieldName{"register", {"register", prefix::kRegister, FieldKind::Key}},
    FieldName{"cuochop", {"meeting", prefix::kMeeting, FieldKind::Id}},
    FieldName{"meeting", {"meeting", prefix::kMeeting, FieldKind::Id}},
    FieldName{"noidunghop", {"agenda", prefix::kAgenda, FieldKind::Id}},
    FieldName{"agenda", {"agenda", prefix::kAgenda, FieldKind::Id}},
    FieldName{"id", {"id", prefix::kId, FieldKind::Id}},
    FieldName{"domat", {"secrecy", prefix::kSecrecy, FieldKind::Secrecy}},
    FieldName{"secrecy", {"secrecy", prefix::kSecrecy, FieldKind::Secrecy}},
};

bool isDash(char32_t c) {
  return c == U'-' || c == U'_' || c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013 ||
         c == 0x2014 || c == 0x2212;
}

} // namespace

int schemaFromMetadata(std::string_view value) {
  int version = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), version);
  return ec == std::errc() && end == value.data() + value.size() ? version : 0;
}

std::optional<QueryField> findQueryField(std::string_view name) {
  if (name.size() > 32) return std::nullopt;
  const std::string key = foldText(toNfc(name));
  for (const FieldName &entry : kFieldNames) {
    if (entry.alias == key) return entry.field;
  }
  return std::nullopt;
}

std::string normalizeCode(std::string_view code) {
  const std::string folded = foldText(toNfc(code));
  std::string out;
  out.reserve(folded.size());
  for (std::size_t i = 0; i < folded.size();) {
    const char32_t c = decodeUtf8(folded, i);
    if (c == U'\\') {
      out += '/';
    } else if (isDash(c)) {
      out += '-';
    } else if (charClass(c) == CharClass::Word || c == U'/' || c == U'.') {
      appendUtf8(out, c);
    }
  }
  return out;
}

} // namespace chancery::search::detail
