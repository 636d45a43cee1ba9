#pragma once
// A small PDF object model for the lean reader and the incremental writer. Dictionaries keep
// their key order so that rewritten objects stay recognisable next to the original.
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace chancery::signing::pdf {

enum class Type : std::uint8_t { Null, Bool, Int, Real, String, Name, Array, Dict, Ref, Stream };

struct Ref {
  std::uint32_t num = 0;
  std::uint16_t gen = 0;
  bool operator==(const Ref&) const = default;
};

class Object {
 public:
  Object() = default;
  static Object null() { return {}; }
  static Object boolean(bool b);
  static Object integer(std::int64_t i);
  static Object real(double r);
  static Object name(std::string n);
  static Object string(std::string bytes, bool hex = false);
  static Object ref(Ref r);
  static Object array(std::vector<Object> items = {});
  static Object dict();
  // A stream whose encoded bytes are owned by the object (for objects we create).
  static Object stream(Object dict, std::string encoded);

  Type type() const { return type_; }
  bool is(Type t) const { return type_ == t; }
  bool isDict() const { return type_ == Type::Dict || type_ == Type::Stream; }
  bool isName(std::string_view n) const { return type_ == Type::Name && text_ == n; }
  bool isNumber() const { return type_ == Type::Int || type_ == Type::Real; }

  bool asBool() const { return bool_; }
  std::int64_t asInt() const { return type_ == Type::Real ? static_cast<std::int64_t>(real_) : int_; }
  double asReal() const { return type_ == Type::Int ? static_cast<double>(int_) : real_; }
  const std::string& text() const { return text_; }  // string bytes, name, or real's source text
  bool isHex() const { return hex_; }
  Ref asRef() const { return ref_; }
  void setText(std::string t) { text_ = std::move(t); }

  // Arrays
  const std::vector<Object>& items() const { return items_; }
  std::vector<Object>& items() { return items_; }
  void push(Object o) { items_.push_back(std::move(o)); }

  // Dictionaries (and a stream's dictionary)
  const Object* get(std::string_view key) const;
  Object* get(std::string_view key);
  void set(std::string_view key, Object value);
  bool erase(std::string_view key);
  const std::vector<std::string>& keys() const { return keys_; }
  const std::vector<Object>& values() const { return items_; }

  // Streams: raw (still encoded) data, either a view into the source file or owned bytes.
  std::string_view rawStream() const { return raw_; }
  void setRawStream(std::string_view view, std::shared_ptr<const std::string> owner);
  std::size_t sourceOffset() const { return sourceOffset_; }  // where raw data begins in the file
  void setSourceOffset(std::size_t o) { sourceOffset_ = o; }
  void makeStream() { type_ = Type::Stream; }
  void makeDict() { type_ = Type::Dict; raw_ = {}; owner_.reset(); }

  // Deep equality by value (streams compare dictionary and raw bytes).
  bool operator==(const Object& other) const;

 private:
  Type type_ = Type::Null;
  bool bool_ = false;
  bool hex_ = false;
  std::int64_t int_ = 0;
  double real_ = 0;
  Ref ref_;
  std::string text_;
  std::vector<std::string> keys_;
  std::vector<Object> items_;  // array items, or dict values parallel to keys_
  std::string_view raw_;
  std::shared_ptr<const std::string> owner_;
  std::size_t sourceOffset_ = 0;
};

// PDF syntax for an object (a stream's dictionary gets /Length; the data follows).
void serialize(const Object& o, std::string& out);
std::string serialize(const Object& o);
// "n g obj ... endobj\n"
void serializeIndirect(Ref ref, const Object& o, std::string& out);

// A number for content streams and dictionaries: at most 4 decimals, no exponent.
std::string formatNumber(double v);
// UTF-8 to code points (no validation beyond bounds: malformed bytes become odd code points).
std::u32string utf8ToCodepoints(std::string_view utf8);

// Text string in the form PDF readers expect: PDFDocEncoding-safe ASCII stays literal,
// anything else becomes UTF-16BE with a BOM.
Object textString(std::string_view utf8);
// Decodes a PDF text string (UTF-16BE with BOM, UTF-8 with BOM, or PDFDocEncoding ~ Latin-1).
std::string textToUtf8(const std::string& pdfText);

}  // namespace chancery::signing::pdf
