#pragma once
// Reads a JSON object request body and its fields with one rule set: the body must be
// application/json (415), within the size limit (413), valid UTF-8 (400 invalid_utf8),
// well-formed and not nested deeper than 32 (400 invalid_json), and an object; each field has
// the declared type (400 invalid_field, naming the field), strings hold no control characters
// and respect a maximum length, and finish() rejects fields nobody asked for (400
// unknown_field).

#include <Poco/JSON/Object.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "http/context.h"

namespace chancery::http {

class JsonInput {
public:
  // Reads and parses the body of ctx.
  explicit JsonInput(Context& ctx);
  // Parses text directly (used for WebSocket messages and tests).
  explicit JsonInput(const std::string& text);

  std::string str(const std::string& name, std::size_t maxLen = 1000);
  std::optional<std::string> optStr(const std::string& name, std::size_t maxLen = 1000);
  // Multi-line text (keeps newlines and tabs).
  std::optional<std::string> optText(const std::string& name, std::size_t maxLen = 100000);
  std::int64_t integer(const std::string& name, std::int64_t min, std::int64_t max);
  std::optional<std::int64_t> optInteger(const std::string& name, std::int64_t min, std::int64_t max);
  bool boolean(const std::string& name);
  std::optional<bool> optBoolean(const std::string& name);
  std::optional<std::vector<std::string>> optStrList(const std::string& name, std::size_t maxItems,
                                                     std::size_t maxLen = 1000);
  std::optional<std::vector<std::int64_t>> optIntList(const std::string& name, std::size_t maxItems);
  // A nested object for the caller to read with another JsonInput over it.
  Poco::JSON::Object::Ptr optObject(const std::string& name);
  Poco::JSON::Array::Ptr optArray(const std::string& name, std::size_t maxItems);
  bool has(const std::string& name) const { return obj_->has(name); }
  // Accepts a field without reading it (e.g. a client echoing a read-only value).
  void ignore(const std::string& name) { seen_.insert(name); }

  // Throws Error(BadRequest, "unknown_field") naming the first field not read.
  void finish() const;

  explicit JsonInput(Poco::JSON::Object::Ptr obj) : obj_(std::move(obj)) {}

private:
  void parse(const std::string& text);
  std::string checkedString(const std::string& name, const Poco::Dynamic::Var& v,
                            std::size_t maxLen, bool multiline);
  Poco::JSON::Object::Ptr obj_;
  std::set<std::string> seen_;
};

}  // namespace chancery::http
