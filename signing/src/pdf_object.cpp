#include "pdf_object.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace chancery::signing::pdf {

Object Object::boolean(bool b) { Object o; o.type_ = Type::Bool; o.bool_ = b; return o; }
Object Object::integer(std::int64_t i) { Object o; o.type_ = Type::Int; o.int_ = i; return o; }
Object Object::real(double r) { Object o; o.type_ = Type::Real; o.real_ = r; return o; }
Object Object::name(std::string n) { Object o; o.type_ = Type::Name; o.text_ = std::move(n); return o; }
Object Object::string(std::string bytes, bool hex) {
  Object o;
  o.type_ = Type::String;
  o.text_ = std::move(bytes);
  o.hex_ = hex;
  return o;
}
Object Object::ref(Ref r) { Object o; o.type_ = Type::Ref; o.ref_ = r; return o; }
Object Object::array(std::vector<Object> items) {
  Object o;
  o.type_ = Type::Array;
  o.items_ = std::move(items);
  return o;
}
Object Object::dict() { Object o; o.type_ = Type::Dict; return o; }
Object Object::stream(Object dict, std::string encoded) {
  auto owner = std::make_shared<const std::string>(std::move(encoded));
  dict.type_ = Type::Stream;
  dict.setRawStream(*owner, owner);
  return dict;
}

void Object::setRawStream(std::string_view view, std::shared_ptr<const std::string> owner) {
  raw_ = view;
  owner_ = std::move(owner);
}

const Object* Object::get(std::string_view key) const {
  for (std::size_t i = 0; i < keys_.size(); ++i)
    if (keys_[i] == key) return &items_[i];
  return nullptr;
}
Object* Object::get(std::string_view key) {
  for (std::size_t i = 0; i < keys_.size(); ++i)
    if (keys_[i] == key) return &items_[i];
  return nullptr;
}
void Object::set(std::string_view key, Object value) {
  if (Object* existing = get(key)) {
    *existing = std::move(value);
    return;
  }
  keys_.emplace_back(key);
  items_.push_back(std::move(value));
}
bool Object::erase(std::string_view key) {
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    if (keys_[i] != key) continue;
    keys_.erase(keys_.begin() + static_cast<std::ptrdiff_t>(i));
    items_.erase(items_.begin() + static_cast<std::ptrdiff_t>(i));
    return true;
  }
  return false;
}

bool Object::operator==(const Object& other) const {
  if (type_ != other.type_) {
    // 1 and 1.0 are the same number to a reader.
    return isNumber() && other.isNumber() && asReal() == other.asReal();
  }
  switch (type_) {
    case Type::Null: return true;
    case Type::Bool: return bool_ == other.bool_;
    case Type::Int: return int_ == other.int_;
    case Type::Real: return real_ == other.real_;
    case Type::String:
    case Type::Name: return text_ == other.text_;
    case Type::Ref: return ref_ == other.ref_;
    case Type::Array: return items_ == other.items_;
    case Type::Dict:
    case Type::Stream: {
      if (keys_.size() != other.keys_.size()) return false;
      for (std::size_t i = 0; i < keys_.size(); ++i) {
        const Object* v = other.get(keys_[i]);
        if (!v || !(*v == items_[i])) return false;
      }
      return type_ == Type::Dict || raw_ == other.raw_;
    }
  }
  return false;
}

namespace {
bool isRegularNameChar(unsigned char c) {
  if (c < 0x21 || c > 0x7e) return false;
  switch (c) {
    case '(': case ')': case '<': case '>': case '[': case ']':
    case '{': case '}': case '/': case '%': case '#': return false;
    default: return true;
  }
}

void writeName(const std::string& n, std::string& out) {
  static const char* hex = "0123456789ABCDEF";
  out += '/';
  for (unsigned char c : n) {
    if (isRegularNameChar(c)) {
      out += static_cast<char>(c);
    } else {
      out += '#';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
}

void writeString(const std::string& s, bool hexForm, std::string& out) {
  static const char* hex = "0123456789ABCDEF";
  if (hexForm) {
    out += '<';
    for (unsigned char c : s) {
      out += hex[c >> 4];
      out += hex[c & 15];
    }
    out += '>';
    return;
  }
  out += '(';
  for (unsigned char c : s) {
    if (c == '(' || c == ')' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\r') {
      out += "\\r";  // a raw CR would be read back as LF
    } else {
      out += static_cast<char>(c);
    }
  }
  out += ')';
}

void writeReal(double r, std::string& out) { out += formatNumber(r); }
}  // namespace

std::string formatNumber(double r) {
  char buf[64];
  if (std::fabs(r) < 1e-9) r = 0;
  int n = std::snprintf(buf, sizeof buf, "%.4f", r);
  std::string s(buf, static_cast<std::size_t>(n));
  // PDF has no exponent syntax and readers dislike trailing zeros less than nothing; trim them.
  while (s.size() > 1 && s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  if (s == "-0") s = "0";
  return s;
}

std::u32string utf8ToCodepoints(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (std::size_t k = 1; k < len; ++k)
      cp = (cp << 6) | (i + k < s.size() ? (static_cast<unsigned char>(s[i + k]) & 0x3Fu) : 0u);
    out += cp;
    i += len;
  }
  return out;
}


void serialize(const Object& o, std::string& out) {
  switch (o.type()) {
    case Type::Null: out += "null"; return;
    case Type::Bool: out += o.asBool() ? "true" : "false"; return;
    case Type::Int: out += std::to_string(o.asInt()); return;
    case Type::Real:
      if (!o.text().empty()) out += o.text();
      else writeReal(o.asReal(), out);
      return;
    case Type::String: writeString(o.text(), o.isHex(), out); return;
    case Type::Name: writeName(o.text(), out); return;
    case Type::Ref:
      out += std::to_string(o.asRef().num) + " " + std::to_string(o.asRef().gen) + " R";
      return;
    case Type::Array:
      out += '[';
      for (std::size_t i = 0; i < o.items().size(); ++i) {
        if (i) out += ' ';
        serialize(o.items()[i], out);
      }
      out += ']';
      return;
    case Type::Dict:
    case Type::Stream: {
      out += "<<";
      for (std::size_t i = 0; i < o.keys().size(); ++i) {
        if (o.is(Type::Stream) && o.keys()[i] == "Length") continue;
        writeName(o.keys()[i], out);
        out += ' ';
        serialize(o.values()[i], out);
      }
      if (o.is(Type::Stream)) out += "/Length " + std::to_string(o.rawStream().size());
      out += ">>";
      if (o.is(Type::Stream)) {
        out += "\nstream\n";
        out += o.rawStream();
        out += "\nendstream";
      }
      return;
    }
  }
}

std::string serialize(const Object& o) {
  std::string s;
  serialize(o, s);
  return s;
}

void serializeIndirect(Ref ref, const Object& o, std::string& out) {
  out += std::to_string(ref.num) + " " + std::to_string(ref.gen) + " obj\n";
  serialize(o, out);
  out += "\nendobj\n";
}

Object textString(std::string_view utf8) {
  bool ascii = true;
  for (unsigned char c : utf8) ascii = ascii && c >= 0x20 && c < 0x7f;
  if (ascii) return Object::string(std::string(utf8));
  std::string out = "\xFE\xFF";
  auto put16 = [&out](std::uint32_t u) {
    out += static_cast<char>((u >> 8) & 0xFF);
    out += static_cast<char>(u & 0xFF);
  };
  for (char32_t c : utf8ToCodepoints(utf8)) {
    std::uint32_t cp = c;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      put16(0xD800 + (cp >> 10));
      put16(0xDC00 + (cp & 0x3FF));
    } else {
      put16(cp);
    }
  }
  return Object::string(out, true);
}

namespace {
void appendUtf8(std::uint32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}
}  // namespace

std::string textToUtf8(const std::string& s) {
  std::string out;
  if (s.size() >= 2 && static_cast<unsigned char>(s[0]) == 0xFE &&
      static_cast<unsigned char>(s[1]) == 0xFF) {
    for (std::size_t i = 2; i + 1 < s.size(); i += 2) {
      std::uint32_t u = (static_cast<unsigned char>(s[i]) << 8) | static_cast<unsigned char>(s[i + 1]);
      if (u >= 0xD800 && u < 0xDC00 && i + 3 < s.size()) {
        std::uint32_t lo = (static_cast<unsigned char>(s[i + 2]) << 8) |
                           static_cast<unsigned char>(s[i + 3]);
        u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
        i += 2;
      }
      appendUtf8(u, out);
    }
    return out;
  }
  if (s.rfind("\xEF\xBB\xBF", 0) == 0) return s.substr(3);
  for (unsigned char c : s) appendUtf8(c, out);  // PDFDocEncoding ~ Latin-1 for our purposes
  return out;
}

}  // namespace chancery::signing::pdf
