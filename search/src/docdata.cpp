#include "docdata.h"

#include "chancery/search/error.h"

#include <array>

namespace chancery::search::detail {
namespace {

constexpr char kRecordVersion = 1;

void putVarint(std::string &out, std::size_t value) {
  while (value >= 0x80) {
    out += static_cast<char>((value & 0x7F) | 0x80);
    value >>= 7;
  }
  out += static_cast<char>(value);
}

[[noreturn]] void corrupt() {
  throw SearchError(SearchError::Code::Corrupt, "document record is damaged");
}

std::size_t getVarint(std::string_view data, std::size_t &pos) {
  std::size_t value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos >= data.size()) corrupt();
    const auto b = static_cast<unsigned char>(data[pos++]);
    value |= static_cast<std::size_t>(b & 0x7F) << shift;
    if ((b & 0x80) == 0) return value;
  }
  corrupt();
}

template <class Doc> auto fields(Doc &doc) {
  return std::array{&doc.id,     &doc.title,  &doc.number, &doc.notation, &doc.type,
                    &doc.issuer, &doc.signer, &doc.date,   &doc.text};
}

} // namespace

std::string encodeDocData(const StoredDoc &doc) {
  std::string out;
  out.reserve(doc.text.size() + 256);
  out += kRecordVersion;
  for (const std::string *field : fields(doc)) {
    putVarint(out, field->size());
    out += *field;
  }
  return out;
}

StoredDoc decodeDocData(std::string_view data) {
  if (data.empty() || data[0] != kRecordVersion) corrupt();
  StoredDoc doc;
  std::size_t pos = 1;
  for (std::string *field : fields(doc)) {
    const std::size_t size = getVarint(data, pos);
    if (size > data.size() - pos) corrupt();
    field->assign(data.substr(pos, size));
    pos += size;
  }
  return doc;
}

} // namespace chancery::search::detail
