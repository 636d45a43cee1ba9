#include "http/context.h"

#include <Poco/Net/HTTPCookie.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include <fstream>

#include "service/errors.h"
#include "util/json_writer.h"
#include "util/text.h"

namespace chancery::http {

using service::Error;
using service::ErrorKind;

Context::Context(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& res,
                 const Limits& limits, std::string requestId, const Authenticator& auth, bool secure)
    : req_(req), res_(res), limits_(limits), requestId_(std::move(requestId)), auth_(auth),
      secure_(secure) {
  clientAddr_ = req.clientAddress().host().toString();
  const std::string& uri = req.getURI();
  auto q = uri.find('?');
  std::string rawPath = uri.substr(0, q);
  try {
    Poco::URI::decode(rawPath, path_);
    if (q != std::string::npos) {
      for (const auto& part : util::split(std::string_view(uri).substr(q + 1), '&')) {
        if (part.empty()) continue;
        auto eq = part.find('=');
        std::string key, value;
        std::string rawKey = part.substr(0, eq);
        std::string rawValue = eq == std::string::npos ? "" : part.substr(eq + 1);
        for (char& c : rawKey) if (c == '+') c = ' ';
        for (char& c : rawValue) if (c == '+') c = ' ';
        Poco::URI::decode(rawKey, key);
        Poco::URI::decode(rawValue, value);
        query_.emplace_back(std::move(key), std::move(value));
      }
    }
  } catch (const Poco::Exception&) {
    path_ = rawPath;
    query_.clear();
    badUri_ = true;
  }
  if (!util::isValidUtf8(path_)) badUri_ = true;
}

std::optional<std::string> Context::query(std::string_view name) const {
  for (const auto& [k, v] : query_)
    if (k == name) {
      if (!util::isValidUtf8(v))
        throw Error(ErrorKind::BadRequest, "invalid_utf8", "query parameter is not valid UTF-8",
                    std::string(name));
      return v;
    }
  return std::nullopt;
}

std::optional<std::int64_t> Context::queryInt(std::string_view name, std::int64_t min,
                                              std::int64_t max) const {
  auto v = query(name);
  if (!v) return std::nullopt;
  auto n = util::parseInt(*v);
  if (!n || *n < min || *n > max)
    throw service::invalidField(std::string(name), "must be an integer from " +
                                                       std::to_string(min) + " to " +
                                                       std::to_string(max));
  return n;
}

const std::string& Context::param(const std::string& name) const {
  static const std::string kEmpty;
  auto it = params.find(name);
  return it == params.end() ? kEmpty : it->second;
}

std::int64_t Context::idParam(const std::string& name) const {
  auto n = util::parseInt(param(name));
  if (!n || *n <= 0) throw service::notFound(name == "id" ? "object" : name);
  return *n;
}

std::string Context::header(const std::string& name) const { return req_.get(name, ""); }

std::string Context::cookie(const std::string& name) const {
  Poco::Net::NameValueCollection cookies;
  req_.getCookies(cookies);
  return cookies.get(name, "");
}

std::string Context::mediaType() const {
  std::string ct = req_.get("Content-Type", "");
  return util::toLowerAscii(util::trim(ct.substr(0, ct.find(';'))));
}

std::int64_t Context::contentLength() const {
  return req_.hasContentLength() ? req_.getContentLength64() : -1;
}

std::string Context::readBody(std::size_t maxBytes) {
  auto tooLarge = [&] {
    return Error(ErrorKind::PayloadTooLarge, "body_too_large",
                 "request body exceeds " + std::to_string(maxBytes) + " bytes");
  };
  std::int64_t declared = contentLength();
  if (declared > static_cast<std::int64_t>(maxBytes)) throw tooLarge();
  std::string body;
  if (declared > 0) body.reserve(static_cast<std::size_t>(declared));
  char buf[16384];
  std::istream& in = req_.stream();
  while (in) {
    in.read(buf, sizeof buf);
    auto n = static_cast<std::size_t>(in.gcount());
    if (body.size() + n > maxBytes) throw tooLarge();
    body.append(buf, n);
  }
  return body;
}

const service::Principal* Context::principal() {
  if (!authResolved_) {
    authResolved_ = true;
    principal_ = auth_(*this);
  }
  return principal_ ? &*principal_ : nullptr;
}

const service::Principal& Context::requirePrincipal() {
  if (auto* p = principal()) return *p;
  throw Error(ErrorKind::Unauthenticated, "unauthenticated", "log in first");
}

void Context::begin(int status) {
  responded_ = true;
  status_ = status;
  res_.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
}

void Context::sendJson(int status, std::string_view json) {
  sendBytes(status, "application/json; charset=utf-8", json);
}

void Context::sendJson(int status, const util::JsonWriter& json) { sendJson(status, json.str()); }

void Context::sendNoContent() {
  begin(204);
  res_.setContentLength(0);
  res_.send();
}

void Context::sendBytes(int status, std::string_view contentType, std::string_view body) {
  begin(status);
  res_.setContentType(std::string(contentType));
  res_.setContentLength64(static_cast<Poco::UInt64>(body.size()));
  if (req_.getMethod() == "HEAD") {
    res_.send();
    return;
  }
  res_.sendBuffer(body.data(), body.size());
}

void Context::sendFile(const std::filesystem::path& file, std::string_view contentType,
                       const std::string& downloadName, bool attachment) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw service::notFound("file");
  auto size = std::filesystem::file_size(file);
  begin(200);
  res_.setContentType(std::string(contentType));
  res_.setContentLength64(size);
  // RFC 6266 with an RFC 5987 UTF-8 name for Vietnamese file names.
  std::string ascii;
  for (unsigned char c : downloadName) ascii += (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') ? static_cast<char>(c) : '_';
  std::string encoded;
  Poco::URI::encode(downloadName, "!#$&+,/:;=?@[]\"' ", encoded);
  res_.set("Content-Disposition", std::string(attachment ? "attachment" : "inline") +
                                      "; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded);
  if (req_.getMethod() == "HEAD") {
    res_.send();
    return;
  }
  std::ostream& out = res_.send();
  Poco::StreamCopier::copyStream(in, out, 1 << 16);
}

void Context::setHeader(const std::string& name, const std::string& value) { res_.set(name, value); }

void Context::setCookie(const std::string& name, const std::string& value, std::int64_t maxAgeSeconds) {
  Poco::Net::HTTPCookie c(name, value);
  c.setPath("/");
  c.setHttpOnly(true);
  c.setSecure(secure_);
  c.setSameSite(Poco::Net::HTTPCookie::SAME_SITE_STRICT);
  c.setMaxAge(static_cast<int>(maxAgeSeconds));
  res_.addCookie(c);
}

}  // namespace chancery::http
