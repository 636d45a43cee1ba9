// Bad input: each gets a 4xx JSON error naming the problem, nothing is half-written (the user
// table and the audit chain are unchanged), and the server keeps serving.
#include <gtest/gtest.h>

#include "service/audit.h"
#include "store/user_store.h"
#include "test_server.h"

using namespace chancery;
using chancery::testing::Backend;
using chancery::testing::HttpResult;
using chancery::testing::TestServer;

class BadInput : public ::testing::TestWithParam<Backend> {
protected:
  void SetUp() override {
    server_ = std::make_unique<TestServer>(GetParam());
    admin_ = std::make_unique<chancery::testing::HttpClient>(server_->client());
    ASSERT_EQ(admin_->login("admin").status, 200);
  }
  std::int64_t users() {
    auto lease = server_->runtime().db().acquire();
    return store::users::count(*lease);
  }
  std::int64_t auditHead() { return service::AuditLog::verify(server_->runtime().db()).headSeq; }
  // Sends, expects status and code, and checks that no user and no audit entry was added.
  void expectRefused(const std::string& method, const std::string& path, const std::string& body,
                     const std::string& type, int status, const std::string& code,
                     const std::string& field = {}) {
    auto before = users();
    auto head = auditHead();
    HttpResult r = admin_->request(method, path, body, type);
    EXPECT_EQ(r.status, status) << method << " " << path << " " << body << " -> " << r.body;
    EXPECT_EQ(r.headers["content-type"], "application/json; charset=utf-8") << path;
    EXPECT_EQ(r.errorCode(), code) << r.body;
    if (!field.empty()) {
      EXPECT_EQ(r.json()->getObject("error")->getValue<std::string>("field"), field);
    }
    EXPECT_FALSE(r.json()->getObject("error")->getValue<std::string>("message").empty());
    EXPECT_EQ(users(), before) << "half-written user after " << body;
    EXPECT_EQ(auditHead(), head) << "audit entry after refused " << body;
    EXPECT_EQ(server_->client().get("/healthz").status, 200);
  }
  std::unique_ptr<TestServer> server_;
  std::unique_ptr<chancery::testing::HttpClient> admin_;
};

const std::string kJson = "application/json";

TEST_P(BadInput, MalformedJson) {
  expectRefused("POST", "/api/v1/users", "{\"username\":", kJson, 400, "invalid_json");
  expectRefused("POST", "/api/v1/users", "[]", kJson, 400, "invalid_json");
  expectRefused("POST", "/api/v1/users", "", kJson, 400, "invalid_json");
  expectRefused("POST", "/api/v1/users", std::string(5000, '[') + std::string(5000, ']'), kJson, 400, "invalid_json");
}

TEST_P(BadInput, WrongTypesMissingAndUnknownFields) {
  expectRefused("POST", "/api/v1/users", R"({"username":5,"fullName":"A","password":"secret123"})", kJson, 400, "invalid_field", "username");
  expectRefused("POST", "/api/v1/users", R"({"username":"abc","password":"secret123"})", kJson, 400, "invalid_field", "fullName");
  expectRefused("POST", "/api/v1/users", R"({"username":"abc","fullName":"A","password":"secret123","roles":"admin"})", kJson, 400, "invalid_field", "roles");
  expectRefused("POST", "/api/v1/users", R"({"username":"abc","fullName":"A","password":"secret123","isRoot":true})", kJson, 400, "unknown_field", "isRoot");
  expectRefused("POST", "/api/v1/users", R"({"username":"abc","fullName":"A","password":"short"})", kJson, 400, "invalid_field", "password");
  expectRefused("POST", "/api/v1/users", R"({"username":"abc","fullName":"A","password":"secret123","roles":["emperor"]})", kJson, 400, "invalid_field", "roles");
  expectRefused("POST", "/api/v1/users", R"({"username":"a b","fullName":"A","password":"secret123"})", kJson, 400, "invalid_field", "username");
  expectRefused("POST", "/api/v1/users", R"({"username":"abc","fullName":"A","password":"secret123","unitId":999999})", kJson, 400, "invalid_field", "unitId");
  expectRefused("POST", "/api/v1/auth/login", R"({"username":"admin"})", kJson, 400, "invalid_field", "password");
}

TEST_P(BadInput, InvalidUtf8) {
  expectRefused("POST", "/api/v1/users", "{\"username\":\"abc\",\"fullName\":\"\xc3\x28\",\"password\":\"secret123\"}", kJson, 400, "invalid_utf8");
  expectRefused("GET", "/api/v1/users/%ff%fe", "", "", 400, "bad_uri");
}

TEST_P(BadInput, OversizedBodiesAndWrongContentTypes) {
  std::string big = R"({"username":"abc","fullName":")" + std::string(100 * 1024, 'a') + R"(","password":"secret123"})";
  expectRefused("POST", "/api/v1/users", big, kJson, 413, "body_too_large");
  expectRefused("POST", "/api/v1/users", R"({"username":"abc"})", "text/plain", 415, "unsupported_media_type");
  expectRefused("POST", "/api/v1/users", R"({"username":"abc"})", "", 415, "unsupported_media_type");
}

TEST_P(BadInput, UnknownRoutesAndMethods) {
  expectRefused("GET", "/api/v1/no-such-thing", "", "", 404, "no_route");
  auto r = admin_->request("DELETE", "/api/v1/me");
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(r.errorCode(), "method_not_allowed");
  EXPECT_EQ(r.headers["allow"], "GET, HEAD");
  expectRefused("GET", "/api/v1/users/not-a-number", "", "", 404, "not_found");
  expectRefused("GET", "/api/v1/users/999999", "", "", 404, "not_found");
}

TEST_P(BadInput, SqlMetacharactersAreJustText) {
  const std::string nasty = "Robert'); DROP TABLE users;-- \\\" %_ ` OR 1=1";
  auto body = std::string(R"({"username":"bobby","fullName":")") + "Robert'); DROP TABLE users;-- \\\\\\\" %_ ` OR 1=1" +
              R"(","password":"secret123","position":"' OR ''='","email":"x'@y"})";
  auto r = admin_->postJson("/api/v1/users", body);
  ASSERT_EQ(r.status, 201) << r.body;
  auto id = std::to_string(r.json()->getValue<int>("id"));
  auto got = admin_->get("/api/v1/users/" + id);
  EXPECT_EQ(got.json()->getValue<std::string>("fullName"), nasty);
  EXPECT_EQ(got.json()->getValue<std::string>("position"), "' OR ''='");
  auto login = server_->client().login("' OR 1=1 --", "' OR 1=1 --");
  EXPECT_EQ(login.status, 401);
  EXPECT_GT(users(), 20);  // the table survived
}

TEST_P(BadInput, DuplicateUsernameIsAConflict) {
  expectRefused("POST", "/api/v1/users", R"({"username":"daibieu1","fullName":"X","password":"secret123"})", kJson, 409, "username_taken", "username");
}

TEST_P(BadInput, RolesAreEnforced) {
  auto delegate = server_->client();
  ASSERT_EQ(delegate.login("daibieu1").status, 200);
  auto r = delegate.postJson("/api/v1/users", R"({"username":"x1","fullName":"X","password":"secret123"})");
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.errorCode(), "forbidden");
  auto anon = server_->client();
  EXPECT_EQ(anon.postJson("/api/v1/users", "{}").status, 401);
  EXPECT_EQ(anon.get("/api/v1/users").status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, BadInput, ::testing::Values(Backend::Sqlite, Backend::Mysql),
                         chancery::testing::BackendNamer());
