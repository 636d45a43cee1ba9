#pragma once
// One HTTP exchange as handlers see it: the request (path parameters, query, headers, body
// with size limits), the caller (authenticated lazily), and helpers that send the response.

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "service/principal.h"

namespace chancery::util {
class JsonWriter;
}

namespace chancery::http {

struct Limits {
  std::size_t maxJsonBytes = 1 << 20;              // 1 MiB
  std::int64_t maxUploadBytes = 200LL << 20;       // 200 MiB
};

struct Route;
class Context;

// Resolves the caller from a session cookie or a bearer token.
using Authenticator = std::function<std::optional<service::Principal>(Context&)>;

class Context {
public:
  Context(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& res,
          const Limits& limits, std::string requestId, const Authenticator& auth, bool secure);

  // --- request
  const std::string& method() const { return req_.getMethod(); }
  const std::string& path() const { return path_; }
  const std::vector<std::pair<std::string, std::string>>& queryParams() const { return query_; }
  std::optional<std::string> query(std::string_view name) const;
  // Throws Error(BadRequest) when present but not an integer in [min, max].
  std::optional<std::int64_t> queryInt(std::string_view name, std::int64_t min, std::int64_t max) const;
  const std::string& param(const std::string& name) const;
  // A numeric path parameter; anything else is a 404 (the object cannot exist).
  std::int64_t idParam(const std::string& name) const;
  std::string header(const std::string& name) const;
  std::string cookie(const std::string& name) const;
  // The Content-Type without parameters, lower-case ("" when absent).
  std::string mediaType() const;
  const std::string& clientAddr() const { return clientAddr_; }
  const std::string& requestId() const { return requestId_; }
  // Set when the request URI could not be decoded; the server answers 400 before routing.
  bool badUri() const { return badUri_; }
  bool secure() const { return secure_; }
  // Reads the whole body, at most maxBytes; throws Error(PayloadTooLarge) beyond.
  std::string readBody(std::size_t maxBytes);
  std::istream& bodyStream() { return req_.stream(); }
  // The declared Content-Length, or -1.
  std::int64_t contentLength() const;
  const Limits& limits() const { return limits_; }

  // --- caller
  const service::Principal* principal();
  // Throws Error(Unauthenticated).
  const service::Principal& requirePrincipal();
  // The caller if someone already asked for it; never authenticates (for the access log).
  const service::Principal* resolvedPrincipal() const { return principal_ ? &*principal_ : nullptr; }

  // --- response
  void sendJson(int status, std::string_view json);
  void sendJson(int status, const util::JsonWriter& json);
  void sendNoContent();
  void sendBytes(int status, std::string_view contentType, std::string_view body);
  // Streams a file; attachment=false shows it inline (PDF viewer), true downloads it.
  void sendFile(const std::filesystem::path& file, std::string_view contentType,
                const std::string& downloadName, bool attachment);
  void setHeader(const std::string& name, const std::string& value);
  void setCookie(const std::string& name, const std::string& value, std::int64_t maxAgeSeconds);
  bool responded() const { return responded_; }
  int status() const { return status_; }

  Poco::Net::HTTPServerRequest& request() { return req_; }
  Poco::Net::HTTPServerResponse& response() { return res_; }

  std::map<std::string, std::string> params;
  const Route* route = nullptr;

private:
  void begin(int status);

  Poco::Net::HTTPServerRequest& req_;
  Poco::Net::HTTPServerResponse& res_;
  const Limits& limits_;
  std::string requestId_;
  const Authenticator& auth_;
  bool secure_;
  std::string path_;
  std::vector<std::pair<std::string, std::string>> query_;
  std::string clientAddr_;
  bool badUri_ = false;
  bool authResolved_ = false;
  std::optional<service::Principal> principal_;
  bool responded_ = false;
  int status_ = 0;
};

}  // namespace chancery::http
