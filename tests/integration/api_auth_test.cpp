// Logging in and out, sessions, CSRF, throttling and API tokens against a real server, on
// SQLite and on MariaDB.
#include <gtest/gtest.h>

#include "service/audit.h"
#include "service/session_cache.h"
#include "test_server.h"

#include <thread>

using namespace chancery;
using chancery::testing::Backend;
using chancery::testing::TestServer;

class AuthApi : public ::testing::TestWithParam<Backend> {
protected:
  void SetUp() override { server_ = std::make_unique<TestServer>(GetParam()); }
  std::unique_ptr<TestServer> server_;
};

TEST_P(AuthApi, LoginSetsAHardenedCookieAndMeAnswers) {
  auto c = server_->client();
  auto r = c.login("daibieu1");
  ASSERT_EQ(r.status, 200) << r.body;
  auto cookie = r.headers["set-cookie"];
  EXPECT_NE(cookie.find("chancery_session="), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // plain HTTP here
  auto me = c.get("/api/v1/me");
  ASSERT_EQ(me.status, 200);
  auto user = me.json()->getObject("user");
  EXPECT_EQ(user->getValue<std::string>("fullName"), "Nguyễn Văn An");
  EXPECT_EQ(user->getArray("roles")->getElement<std::string>(0), "delegate");
  EXPECT_EQ(me.json()->getValue<std::string>("csrfToken"), c.csrf());
}

TEST_P(AuthApi, WrongPasswordAndUnknownUserLookTheSame) {
  auto c = server_->client();
  auto wrong = c.login("daibieu1", "wrong");
  auto unknown = c.login("nobody", "wrong");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.errorCode(), "invalid_credentials");
  EXPECT_EQ(wrong.json()->getObject("error")->getValue<std::string>("message"),
            unknown.json()->getObject("error")->getValue<std::string>("message"));
  EXPECT_EQ(c.get("/api/v1/me").status, 401);
}

TEST_P(AuthApi, StateChangesNeedTheCsrfToken) {
  auto c = server_->client();
  ASSERT_EQ(c.login("daibieu2").status, 200);
  std::string token = c.csrf();
  c.setCsrf("");
  auto missing = c.request("POST", "/api/v1/auth/logout");
  EXPECT_EQ(missing.status, 403);
  EXPECT_EQ(missing.errorCode(), "csrf_failed");
  c.setCsrf("wrong-token");
  EXPECT_EQ(c.request("POST", "/api/v1/auth/logout").status, 403);
  EXPECT_EQ(c.get("/api/v1/me").status, 200);  // still logged in: nothing happened
  c.setCsrf(token);
  EXPECT_EQ(c.request("POST", "/api/v1/auth/logout").status, 204);
  EXPECT_EQ(c.get("/api/v1/me").status, 401);
}

TEST_P(AuthApi, LogoutEndsTheSessionForStolenCookiesToo) {
  auto a = server_->client();
  ASSERT_EQ(a.login("daibieu3").status, 200);
  auto copy = a;  // same cookie in another client
  EXPECT_EQ(a.request("POST", "/api/v1/auth/logout").status, 204);
  EXPECT_EQ(copy.get("/api/v1/me").status, 401);
}

TEST_P(AuthApi, RepeatedFailuresAreThrottledPerAccount) {
  auto c = server_->client();
  int last = 0;
  for (int i = 0; i < 8 && last != 429; ++i) last = c.login("daibieu4", "bad").status;
  EXPECT_EQ(last, 429);
  auto r = c.login("daibieu4", "demo");  // even the right password waits
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(r.errorCode(), "too_many_attempts");
  EXPECT_FALSE(r.headers["retry-after"].empty());
  EXPECT_EQ(c.login("daibieu5", "demo").status, 200);  // other accounts are unaffected
}

TEST_P(AuthApi, RepeatedFailuresAreThrottledPerAddress) {
  auto c = server_->client();
  int last = 0;
  // Spread over many accounts so the per-account limit never trips first.
  for (int i = 0; i < 120 && last != 429; ++i) last = c.login("ghost" + std::to_string(i), "bad").status;
  EXPECT_EQ(last, 429);
  EXPECT_EQ(c.login("daibieu6", "demo").status, 429);
}

TEST_P(AuthApi, TrustedHallNetworkIsNotLockedOutAsAWhole) {
  TestServer hall(GetParam(), true, [](app::Config& c) {
    c.auth.trustedNetworks.push_back(*util::Cidr::parse("127.0.0.0/8"));
  });
  auto c = hall.client();
  for (int i = 0; i < 120; ++i) ASSERT_EQ(c.login("ghost" + std::to_string(i), "bad").status, 401);
  EXPECT_EQ(c.login("daibieu6", "demo").status, 200);
  int last = 0;  // the per-account limit still holds
  for (int i = 0; i < 8 && last != 429; ++i) last = c.login("daibieu7", "bad").status;
  EXPECT_EQ(last, 429);
}

TEST_P(AuthApi, BearerTokensWorkWithoutCsrfAndStopWhenRevoked) {
  auto c = server_->client();
  ASSERT_EQ(c.login("chuyenvien").status, 200);
  auto created = c.postJson("/api/v1/tokens", R"({"name":"tích hợp edXML"})");
  ASSERT_EQ(created.status, 201) << created.body;
  auto token = created.json()->getObject("token");
  std::string secret = token->getValue<std::string>("secret");
  std::string id = std::to_string(token->getValue<int>("id"));

  auto api = server_->client();
  api.setBearer(secret);
  auto me = api.get("/api/v1/me");
  ASSERT_EQ(me.status, 200);
  EXPECT_FALSE(me.json()->has("csrfToken"));
  EXPECT_EQ(api.postJson("/api/v1/tokens", R"({"name":"second"})").status, 201);  // no CSRF needed

  EXPECT_EQ(c.request("DELETE", "/api/v1/tokens/" + id).status, 204);
  EXPECT_EQ(api.get("/api/v1/me").status, 401);
  EXPECT_EQ(c.request("DELETE", "/api/v1/tokens/" + id).status, 404);
  auto bogus = server_->client();
  bogus.setBearer("chy_not-a-real-token");
  EXPECT_EQ(bogus.get("/api/v1/me").status, 401);
}

TEST_P(AuthApi, EveryLoginAndLogoutIsAudited) {
  auto c = server_->client();
  c.login("daibieu7", "bad");
  ASSERT_EQ(c.login("daibieu7").status, 200);
  c.request("POST", "/api/v1/auth/logout");
  auto admin = server_->client();
  ASSERT_EQ(admin.login("admin").status, 200);
  auto log = admin.get("/api/v1/audit?limit=20");
  ASSERT_EQ(log.status, 200);
  std::string body = log.body;
  EXPECT_NE(body.find("auth.login_failed"), std::string::npos);
  EXPECT_NE(body.find("auth.logout"), std::string::npos);
  auto verify = admin.get("/api/v1/audit/verify");
  EXPECT_TRUE(verify.json()->getValue<bool>("ok"));
  EXPECT_EQ(server_->client().get("/api/v1/audit").status, 401);
  auto delegate = server_->client();
  delegate.login("daibieu8");
  EXPECT_EQ(delegate.get("/api/v1/audit").status, 403);
}

TEST_P(AuthApi, SessionEndedElsewhereStopsWorkingWithinTheCacheLifetime) {
  auto c = server_->client();
  ASSERT_EQ(c.login("daibieu9").status, 200);
  ASSERT_EQ(c.get("/api/v1/me").status, 200);  // now cached
  // Another server (sharing the database) logs the user out: only the row disappears.
  server_->runtime().db().acquire()->execute("DELETE FROM sessions");
  std::this_thread::sleep_for(std::chrono::milliseconds(service::SessionCache::kTtlMs + 200));
  EXPECT_EQ(c.get("/api/v1/me").status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthApi, ::testing::Values(Backend::Sqlite, Backend::Mysql),
                         chancery::testing::BackendNamer());
