#include "test_server.h"

#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/StreamCopier.h>

#include <sstream>

#include "app/demo.h"
#include "util/text.h"

namespace chancery::testing {

Poco::JSON::Object::Ptr HttpResult::json() const {
  return Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
}

std::string HttpResult::errorCode() const {
  try {
    auto o = json();
    if (!o->has("error")) return "";
    return o->getObject("error")->getValue<std::string>("code");
  } catch (...) {
    return "";
  }
}

HttpResult HttpClient::request(const std::string& method, const std::string& path,
                               const std::string& body, const std::string& contentType,
                               const std::map<std::string, std::string>& headers) {
  Poco::Net::HTTPClientSession session(host_, static_cast<Poco::UInt16>(port_));
  session.setTimeout(Poco::Timespan(60, 0));
  Poco::Net::HTTPRequest req(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  if (!cookies_.empty()) {
    Poco::Net::NameValueCollection nvc;
    for (const auto& [k, v] : cookies_) nvc.add(k, v);
    req.setCookies(nvc);
  }
  if (!csrf_.empty() && method != "GET" && method != "HEAD") req.set("X-CSRF-Token", csrf_);
  if (!bearer_.empty()) req.set("Authorization", "Bearer " + bearer_);
  for (const auto& [k, v] : headers) req.set(k, v);
  if (!contentType.empty()) req.setContentType(contentType);
  if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")
    req.setContentLength64(static_cast<Poco::UInt64>(body.size()));
  std::ostream& out = session.sendRequest(req);
  out.write(body.data(), static_cast<std::streamsize>(body.size()));
  Poco::Net::HTTPResponse res;
  std::istream& in = session.receiveResponse(res);
  HttpResult r;
  r.status = res.getStatus();
  for (const auto& [k, v] : res) r.headers[util::toLowerAscii(k)] = v;
  std::ostringstream buf;
  Poco::StreamCopier::copyStream(in, buf);
  r.body = buf.str();
  std::vector<Poco::Net::HTTPCookie> cookies;
  res.getCookies(cookies);
  for (const auto& c : cookies) {
    if (c.getValue().empty() || c.getMaxAge() == 0) cookies_.erase(c.getName());
    else cookies_[c.getName()] = c.getValue();
  }
  return r;
}

HttpResult HttpClient::login(const std::string& username, const std::string& password) {
  auto r = postJson("/api/v1/auth/login",
                    R"({"username":")" + username + R"(","password":")" + password + R"("})");
  if (r.status == 200) csrf_ = r.json()->getValue<std::string>("csrfToken");
  return r;
}

app::Config testConfig(const std::filesystem::path& dataDir, const std::string& dbUrl) {
  app::Config c;
  c.dataDir = dataDir;
  c.dbUrl = dbUrl;
  c.port = 0;
  c.httpThreads = 16;
  c.dbPool = 8;
  c.webRoot = dataDir / "no-web";
  c.passwords.memoryKiB = 64;  // tests create many users; production keeps 19 MiB
  c.passwords.timeCost = 1;
  c.limits.maxJsonBytes = 64 * 1024;
  c.limits.maxUploadBytes = 4 * 1024 * 1024;
  return c;
}

TestServer::TestServer(Backend backend, bool demo, const std::function<void(app::Config&)>& tweak) {
  db_ = std::make_unique<TestDatabase>(backend, dir_.path());
  auto config = testConfig(dir_.path(), db_->url());
  if (tweak) tweak(config);
  runtime_ = std::make_unique<app::Runtime>(config);
  if (demo) app::loadDemo(*runtime_);
  runtime_->startHttp();
}

TestServer::~TestServer() {
  runtime_->stopHttp();
  runtime_.reset();
}

}  // namespace chancery::testing
