#pragma once
// A small streaming JSON writer: UTF-8 out as is (no \u escapes for non-ASCII), commas and
// nesting handled for the caller. Faster and plainer than building Poco::JSON objects for
// every response.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chancery::util {

class JsonWriter {
public:
  JsonWriter& beginObject();
  JsonWriter& endObject();
  JsonWriter& beginArray();
  JsonWriter& endArray();
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view s);
  JsonWriter& value(const char* s) { return value(std::string_view(s)); }
  JsonWriter& value(const std::string& s) { return value(std::string_view(s)); }
  JsonWriter& value(std::int64_t n);
  JsonWriter& value(int n) { return value(static_cast<std::int64_t>(n)); }
  JsonWriter& value(double d);
  JsonWriter& value(bool b);
  JsonWriter& null();
  // Inserts already-serialised JSON (e.g. a stored details object) as one value.
  JsonWriter& raw(std::string_view json);

  template <class T> JsonWriter& field(std::string_view name, const T& v) {
    key(name);
    return value(v);
  }
  template <class T> JsonWriter& field(std::string_view name, const std::optional<T>& v) {
    key(name);
    return v ? value(*v) : null();
  }

  const std::string& str() const { return out_; }
  std::string take() { return std::move(out_); }

private:
  void separate();
  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool afterKey_ = false;
};

// Appends s to out as a quoted JSON string.
void appendJsonString(std::string& out, std::string_view s);

}  // namespace chancery::util
