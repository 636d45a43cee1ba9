#include "pdf_parser.h"

#include <charconv>
#include <string>

#include "chancery/signing/error.h"

namespace chancery::signing::pdf {
namespace {
constexpr int kMaxDepth = 64;  // deeper nesting is never legitimate and would exhaust the stack

int hexValue(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
}  // namespace

void Parser::fail(const char* what) const {
  throw SigningError(ErrorCode::Malformed, what, static_cast<std::int64_t>(pos_));
}

void Parser::skipSpace() {
  while (pos_ < data_.size()) {
    auto c = static_cast<unsigned char>(data_[pos_]);
    if (isSpace(c)) {
      ++pos_;
    } else if (c == '%') {
      while (pos_ < data_.size() && data_[pos_] != '\n' && data_[pos_] != '\r') ++pos_;
    } else {
      break;
    }
  }
}

bool Parser::tryKeyword(std::string_view kw) {
  skipSpace();
  if (data_.substr(pos_, kw.size()) != kw) return false;
  std::size_t end = pos_ + kw.size();
  if (end < data_.size()) {
    auto c = static_cast<unsigned char>(data_[end]);
    if (!isSpace(c) && !isDelimiter(c)) return false;
  }
  pos_ = end;
  return true;
}

std::optional<std::int64_t> Parser::tryInteger() {
  skipSpace();
  std::size_t start = pos_;
  std::size_t p = pos_;
  if (p < data_.size() && (data_[p] == '+' || data_[p] == '-')) ++p;
  std::size_t digits = p;
  while (p < data_.size() && data_[p] >= '0' && data_[p] <= '9') ++p;
  if (p == digits) return std::nullopt;
  if (p < data_.size() && data_[p] == '.') return std::nullopt;
  std::int64_t v = 0;
  const char* first = data_.data() + start + (data_[start] == '+' ? 1 : 0);
  auto [ptr, ec] = std::from_chars(first, data_.data() + p, v);
  if (ec != std::errc()) return std::nullopt;
  pos_ = p;
  return v;
}

Object Parser::parseObject() { return parseAt(0); }

Object Parser::parseAt(int depth) {
  if (depth > kMaxDepth) fail("objects nested too deeply");
  skipSpace();
  if (pos_ >= data_.size()) fail("unexpected end of data");
  char c = data_[pos_];
  switch (c) {
    case '/': return parseName();
    case '(': return parseLiteralString();
    case '[': return parseArray(depth);
    case '<':
      if (pos_ + 1 < data_.size() && data_[pos_ + 1] == '<') return parseDict(depth);
      return parseHexString();
    default: break;
  }
  if (c == '+' || c == '-' || c == '.' || (c >= '0' && c <= '9')) return parseNumberOrRef();
  if (tryKeyword("true")) return Object::boolean(true);
  if (tryKeyword("false")) return Object::boolean(false);
  if (tryKeyword("null")) return Object::null();
  fail("unexpected token");
}

Object Parser::parseNumberOrRef() {
  std::size_t start = pos_;
  if (auto first = tryInteger()) {
    // "n g R" is a reference; anything else leaves the integer alone.
    std::size_t after = pos_;
    if (*first >= 0) {
      auto second = tryInteger();
      if (second && *second >= 0 && *second <= 65535 && tryKeyword("R")) {
        if (*first > 0x7FFFFFFF) fail("object number out of range");
        return Object::ref({static_cast<std::uint32_t>(*first), static_cast<std::uint16_t>(*second)});
      }
    }
    pos_ = after;
    return Object::integer(*first);
  }
  pos_ = start;
  std::size_t p = pos_;
  if (data_[p] == '+' || data_[p] == '-') ++p;
  while (p < data_.size() && ((data_[p] >= '0' && data_[p] <= '9') || data_[p] == '.')) ++p;
  std::string text(data_.substr(pos_, p - pos_));
  std::string parsable = text;
  if (!parsable.empty() && parsable[0] == '+') parsable.erase(0, 1);
  if (parsable.empty() || parsable == "-" || parsable == ".") fail("bad number");
  if (parsable[0] == '.') parsable.insert(0, "0");
  if (parsable.rfind("-.", 0) == 0) parsable.insert(1, "0");
  double v = 0;
  auto [ptr, ec] = std::from_chars(parsable.data(), parsable.data() + parsable.size(), v);
  if (ec != std::errc()) fail("bad real number");
  pos_ = p;
  Object o = Object::real(v);
  o.setText(parsable);  // rewritten objects keep the exact number
  return o;
}

Object Parser::parseName() {
  ++pos_;  // '/'
  std::string name;
  while (pos_ < data_.size()) {
    auto c = static_cast<unsigned char>(data_[pos_]);
    if (isSpace(c) || isDelimiter(c)) break;
    if (c == '#' && pos_ + 2 < data_.size() && hexValue(static_cast<unsigned char>(data_[pos_ + 1])) >= 0 &&
        hexValue(static_cast<unsigned char>(data_[pos_ + 2])) >= 0) {
      name += static_cast<char>(hexValue(static_cast<unsigned char>(data_[pos_ + 1])) * 16 +
                                hexValue(static_cast<unsigned char>(data_[pos_ + 2])));
      pos_ += 3;
      continue;
    }
    name += static_cast<char>(c);
    ++pos_;
  }
  return Object::name(std::move(name));
}

Object Parser::parseLiteralString() {
  ++pos_;  // '('
  std::string s;
  int depth = 1;
  while (true) {
    if (pos_ >= data_.size()) fail("unterminated string");
    char c = data_[pos_++];
    if (c == '(') {
      ++depth;
    } else if (c == ')') {
      if (--depth == 0) break;
    } else if (c == '\\') {
      if (pos_ >= data_.size()) fail("unterminated string");
      char e = data_[pos_++];
      switch (e) {
        case 'n': s += '\n'; continue;
        case 'r': s += '\r'; continue;
        case 't': s += '\t'; continue;
        case 'b': s += '\b'; continue;
        case 'f': s += '\f'; continue;
        case '\r':
          if (pos_ < data_.size() && data_[pos_] == '\n') ++pos_;
          continue;
        case '\n': continue;
        default: break;
      }
      if (e >= '0' && e <= '7') {
        int v = e - '0';
        for (int k = 0; k < 2 && pos_ < data_.size() && data_[pos_] >= '0' && data_[pos_] <= '7'; ++k)
          v = v * 8 + (data_[pos_++] - '0');
        s += static_cast<char>(v & 0xFF);
        continue;
      }
      s += e;
      continue;
    } else if (c == '\r') {
      // An end-of-line inside a literal string reads as a single LF.
      if (pos_ < data_.size() && data_[pos_] == '\n') ++pos_;
      c = '\n';
    }
    s += c;
  }
  return Object::string(std::move(s), false);
}

Object Parser::parseHexString() {
  ++pos_;  // '<'
  std::string s;
  int high = -1;
  while (true) {
    if (pos_ >= data_.size()) fail("unterminated hex string");
    auto c = static_cast<unsigned char>(data_[pos_++]);
    if (c == '>') break;
    if (isSpace(c)) continue;
    int v = hexValue(c);
    if (v < 0) fail("bad character in hex string");
    if (high < 0) {
      high = v;
    } else {
      s += static_cast<char>(high * 16 + v);
      high = -1;
    }
  }
  if (high >= 0) s += static_cast<char>(high * 16);
  return Object::string(std::move(s), true);
}

Object Parser::parseDict(int depth) {
  pos_ += 2;  // "<<"
  Object d = Object::dict();
  while (true) {
    skipSpace();
    if (pos_ + 1 < data_.size() && data_[pos_] == '>' && data_[pos_ + 1] == '>') {
      pos_ += 2;
      return d;
    }
    if (pos_ >= data_.size()) fail("unterminated dictionary");
    if (data_[pos_] != '/') fail("dictionary key is not a name");
    Object key = parseName();
    Object value = parseAt(depth + 1);
    // A null value means the key is absent (ISO 32000 7.3.7).
    if (!value.is(Type::Null)) d.set(key.text(), std::move(value));
  }
}

Object Parser::parseArray(int depth) {
  ++pos_;  // '['
  Object a = Object::array();
  while (true) {
    skipSpace();
    if (pos_ >= data_.size()) fail("unterminated array");
    if (data_[pos_] == ']') {
      ++pos_;
      return a;
    }
    a.push(parseAt(depth + 1));
  }
}

}  // namespace chancery::signing::pdf
