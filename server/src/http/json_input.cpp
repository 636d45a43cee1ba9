#include "http/json_input.h"

#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Parser.h>

#include <cmath>

#include "service/errors.h"
#include "util/text.h"

namespace chancery::http {

using service::Error;
using service::ErrorKind;
using service::invalidField;

namespace {

constexpr std::size_t kMaxDepth = 32;

// Poco's parser recurses per level; refuse deep nesting before it sees the text.
bool tooDeep(const std::string& s) {
  std::size_t depth = 0;
  bool inString = false, escaped = false;
  for (char c : s) {
    if (inString) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxDepth) return true;
    } else if (c == '}' || c == ']') {
      if (depth > 0) --depth;
    }
  }
  return false;
}

bool isIntegral(const Poco::Dynamic::Var& v, std::int64_t* out) {
  if (v.isEmpty() || v.isString() || v.isBoolean()) return false;
  if (v.isInteger()) {
    try {
      *out = v.convert<Poco::Int64>();
      return true;
    } catch (const Poco::Exception&) {
      return false;
    }
  }
  if (v.isNumeric()) {
    double d = v.convert<double>();
    if (std::floor(d) == d && std::fabs(d) < 9.0e15) {
      *out = static_cast<std::int64_t>(d);
      return true;
    }
  }
  return false;
}

}  // namespace

JsonInput::JsonInput(Context& ctx) {
  std::string mt = ctx.mediaType();
  if (mt != "application/json")
    throw Error(ErrorKind::UnsupportedMediaType, "unsupported_media_type",
                "send the body as application/json");
  parse(ctx.readBody(ctx.limits().maxJsonBytes));
}

JsonInput::JsonInput(const std::string& text) { parse(text); }

void JsonInput::parse(const std::string& text) {
  if (!util::isValidUtf8(text))
    throw Error(ErrorKind::BadRequest, "invalid_utf8", "the body is not valid UTF-8");
  if (tooDeep(text))
    throw Error(ErrorKind::BadRequest, "invalid_json", "the JSON is nested too deeply");
  Poco::Dynamic::Var result;
  try {
    Poco::JSON::Parser parser;
    parser.setDepth(kMaxDepth + 1);
    result = parser.parse(text);
  } catch (const Poco::Exception& e) {
    throw Error(ErrorKind::BadRequest, "invalid_json", "malformed JSON: " + e.message());
  } catch (const std::exception& e) {
    throw Error(ErrorKind::BadRequest, "invalid_json", std::string("malformed JSON: ") + e.what());
  }
  if (result.type() != typeid(Poco::JSON::Object::Ptr))
    throw Error(ErrorKind::BadRequest, "invalid_json", "the body must be a JSON object");
  obj_ = result.extract<Poco::JSON::Object::Ptr>();
}

std::string JsonInput::checkedString(const std::string& name, const Poco::Dynamic::Var& v,
                                     std::size_t maxLen, bool multiline) {
  if (!v.isString()) throw invalidField(name, name + " must be a string");
  std::string s = v.convert<std::string>();
  if (!util::isValidUtf8(s)) throw invalidField(name, name + " is not valid UTF-8");
  if (s.find('\0') != std::string::npos) throw invalidField(name, name + " contains a NUL byte");
  if (multiline ? util::hasControlChars(s)
                : (util::hasControlChars(s) || s.find_first_of("\r\n") != std::string::npos))
    throw invalidField(name, name + " contains control characters");
  if (s.size() > maxLen)
    throw invalidField(name, name + " is longer than " + std::to_string(maxLen) + " bytes");
  return s;
}

std::string JsonInput::str(const std::string& name, std::size_t maxLen) {
  auto s = optStr(name, maxLen);
  if (!s) throw invalidField(name, name + " is required");
  return *s;
}

std::optional<std::string> JsonInput::optStr(const std::string& name, std::size_t maxLen) {
  seen_.insert(name);
  if (!obj_->has(name) || obj_->isNull(name)) return std::nullopt;
  return checkedString(name, obj_->get(name), maxLen, false);
}

std::optional<std::string> JsonInput::optText(const std::string& name, std::size_t maxLen) {
  seen_.insert(name);
  if (!obj_->has(name) || obj_->isNull(name)) return std::nullopt;
  return checkedString(name, obj_->get(name), maxLen, true);
}

std::int64_t JsonInput::integer(const std::string& name, std::int64_t min, std::int64_t max) {
  auto v = optInteger(name, min, max);
  if (!v) throw invalidField(name, name + " is required");
  return *v;
}

std::optional<std::int64_t> JsonInput::optInteger(const std::string& name, std::int64_t min,
                                                  std::int64_t max) {
  seen_.insert(name);
  if (!obj_->has(name) || obj_->isNull(name)) return std::nullopt;
  std::int64_t n = 0;
  if (!isIntegral(obj_->get(name), &n)) throw invalidField(name, name + " must be an integer");
  if (n < min || n > max)
    throw invalidField(name, name + " must be from " + std::to_string(min) + " to " +
                                 std::to_string(max));
  return n;
}

bool JsonInput::boolean(const std::string& name) {
  auto v = optBoolean(name);
  if (!v) throw invalidField(name, name + " is required");
  return *v;
}

std::optional<bool> JsonInput::optBoolean(const std::string& name) {
  seen_.insert(name);
  if (!obj_->has(name) || obj_->isNull(name)) return std::nullopt;
  const auto& v = obj_->get(name);
  if (!v.isBoolean()) throw invalidField(name, name + " must be true or false");
  return v.convert<bool>();
}

Poco::JSON::Array::Ptr JsonInput::optArray(const std::string& name, std::size_t maxItems) {
  seen_.insert(name);
  if (!obj_->has(name) || obj_->isNull(name)) return nullptr;
  if (!obj_->isArray(name)) throw invalidField(name, name + " must be an array");
  auto arr = obj_->getArray(name);
  if (arr->size() > maxItems)
    throw invalidField(name, name + " has more than " + std::to_string(maxItems) + " items");
  return arr;
}

std::optional<std::vector<std::string>> JsonInput::optStrList(const std::string& name,
                                                              std::size_t maxItems,
                                                              std::size_t maxLen) {
  auto arr = optArray(name, maxItems);
  if (!arr) return std::nullopt;
  std::vector<std::string> out;
  for (std::size_t i = 0; i < arr->size(); ++i)
    out.push_back(checkedString(name, arr->get(static_cast<unsigned>(i)), maxLen, false));
  return out;
}

std::optional<std::vector<std::int64_t>> JsonInput::optIntList(const std::string& name,
                                                               std::size_t maxItems) {
  auto arr = optArray(name, maxItems);
  if (!arr) return std::nullopt;
  std::vector<std::int64_t> out;
  for (std::size_t i = 0; i < arr->size(); ++i) {
    std::int64_t n = 0;
    if (!isIntegral(arr->get(static_cast<unsigned>(i)), &n))
      throw invalidField(name, name + " must hold integers");
    out.push_back(n);
  }
  return out;
}

Poco::JSON::Object::Ptr JsonInput::optObject(const std::string& name) {
  seen_.insert(name);
  if (!obj_->has(name) || obj_->isNull(name)) return nullptr;
  if (!obj_->isObject(name)) throw invalidField(name, name + " must be an object");
  return obj_->getObject(name);
}

void JsonInput::finish() const {
  for (const auto& [key, value] : *obj_)
    if (!seen_.count(key))
      throw Error(ErrorKind::BadRequest, "unknown_field", "unknown field: " + util::truncateUtf8(key, 100),
                  util::truncateUtf8(key, 100));
}

}  // namespace chancery::http
