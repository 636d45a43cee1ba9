#pragma once
// A real Chancery server in the test process: its own data directory and database (SQLite or
// MariaDB), listening on a free port, and an HTTP client that keeps cookies and the CSRF token
// like a browser.

#include <Poco/JSON/Object.h>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "app/runtime.h"
#include "test_support.h"

namespace chancery::testing {

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;

  Poco::JSON::Object::Ptr json() const;
  std::string errorCode() const;  // error.code, or "" when absent
};

class HttpClient {
public:
  HttpClient(std::string host, int port) : host_(std::move(host)), port_(port) {}
  HttpResult request(const std::string& method, const std::string& path,
                     const std::string& body = {}, const std::string& contentType = {},
                     const std::map<std::string, std::string>& headers = {});
  HttpResult get(const std::string& path) { return request("GET", path); }
  HttpResult postJson(const std::string& path, const std::string& json) {
    return request("POST", path, json, "application/json");
  }
  // Logs in and keeps the cookie and CSRF token; asserts success via the returned status.
  HttpResult login(const std::string& username, const std::string& password = "demo");
  void setCsrf(std::string t) { csrf_ = std::move(t); }
  const std::string& csrf() const { return csrf_; }
  void setBearer(std::string t) { bearer_ = std::move(t); }
  void clearCookies() { cookies_.clear(); }

private:
  std::string host_;
  int port_;
  std::map<std::string, std::string> cookies_;
  std::string csrf_;
  std::string bearer_;
};

class TestServer {
public:
  // Loads the demo organisation and users when demo is true.
  // tweak adjusts the configuration before the server starts.
  explicit TestServer(Backend backend, bool demo = true,
                      const std::function<void(app::Config&)>& tweak = {});
  ~TestServer();
  app::Runtime& runtime() { return *runtime_; }
  int port() const { return runtime_->port(); }
  HttpClient client() const { return HttpClient("127.0.0.1", port()); }
  const std::filesystem::path& dataDir() const { return dir_.path(); }
  const std::string& dbUrl() const { return db_->url(); }

private:
  TempDir dir_;
  std::unique_ptr<TestDatabase> db_;
  std::unique_ptr<app::Runtime> runtime_;
};

// A Config for tests: cheap Argon2 parameters so creating users is fast.
app::Config testConfig(const std::filesystem::path& dataDir, const std::string& dbUrl);

}  // namespace chancery::testing
