// With a certificate configured the server speaks only TLS and marks the session cookie Secure.
#include <gtest/gtest.h>

#include <Poco/Net/AcceptCertificateHandler.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/StreamCopier.h>

#include <sstream>

#include "app/demo.h"
#include "app/runtime.h"
#include "test_server.h"

using namespace chancery;

TEST(Tls, ServesHttpsWithSecureCookies) {
  chancery::testing::TempDir dir;
  std::string key = (dir.path() / "key.pem").string(), cert = (dir.path() / "cert.pem").string(), out;
  ASSERT_EQ(chancery::testing::run("openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 "
                                       "-addext subjectAltName=IP:127.0.0.1 -keyout " +
                                       key + " -out " + cert, &out), 0) << out;
  auto cfg = chancery::testing::testConfig(dir.path(), "");
  cfg.tlsCert = cert;
  cfg.tlsKey = key;
  app::Runtime rt(cfg);
  app::loadDemo(rt);
  rt.startHttp();

  Poco::Net::initializeSSL();
  Poco::Net::Context::Ptr ctx = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", cert,
                                                       Poco::Net::Context::VERIFY_RELAXED);
  // By address: a minimal system may not resolve "localhost".
  Poco::Net::HTTPSClientSession session("127.0.0.1", static_cast<Poco::UInt16>(rt.port()), ctx);
  Poco::Net::HTTPRequest req("POST", "/api/v1/auth/login", Poco::Net::HTTPMessage::HTTP_1_1);
  std::string body = R"({"username":"daibieu1","password":"demo"})";
  req.setContentType("application/json");
  req.setContentLength64(body.size());
  session.sendRequest(req) << body;
  Poco::Net::HTTPResponse res;
  std::ostringstream got;
  Poco::StreamCopier::copyStream(session.receiveResponse(res), got);
  EXPECT_EQ(res.getStatus(), 200) << got.str();
  std::vector<Poco::Net::HTTPCookie> cookies;
  res.getCookies(cookies);
  ASSERT_EQ(cookies.size(), 1u);
  EXPECT_TRUE(cookies[0].getSecure());

  // Plain HTTP on the TLS port gets nowhere.
  auto plain = chancery::testing::HttpClient("127.0.0.1", rt.port());
  EXPECT_ANY_THROW(plain.get("/healthz"));
  rt.stopHttp();
}
