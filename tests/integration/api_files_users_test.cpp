// Files, users and the operational endpoints through the API, on both backends.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "service/check.h"
#include "test_server.h"
#include "util/crypto.h"

using namespace chancery;
using chancery::testing::Backend;
using chancery::testing::TestServer;

class FilesApi : public ::testing::TestWithParam<Backend> {
protected:
  void SetUp() override { server_ = std::make_unique<TestServer>(GetParam()); }
  std::string realPdf() {
    std::ifstream in(chancery::testing::sharedDir() / "pdfs-vi/01-quyet-dinh-1-trang.pdf", std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  std::unique_ptr<TestServer> server_;
};

TEST_P(FilesApi, UploadAndDownloadARealPdf) {
  auto c = server_->client();
  ASSERT_EQ(c.login("vanthu").status, 200);
  std::string pdf = realPdf();
  ASSERT_GT(pdf.size(), 1000u);
  auto up = c.request("POST", "/api/v1/files?name=Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh.pdf", pdf, "application/pdf");
  ASSERT_EQ(up.status, 201) << up.body;
  auto f = up.json();
  EXPECT_EQ(f->getValue<std::string>("name"), "Quyết định.pdf");
  EXPECT_EQ(f->getValue<std::string>("sha256"), util::sha256Hex(pdf));
  std::string id = std::to_string(f->getValue<int>("id"));
  auto down = c.get("/api/v1/files/" + id + "/content");
  ASSERT_EQ(down.status, 200);
  EXPECT_EQ(down.body, pdf);
  EXPECT_EQ(down.headers["content-type"], "application/pdf");
  EXPECT_NE(down.headers["content-disposition"].find("filename*=UTF-8''Quy%E1%BA%BFt"), std::string::npos);

  auto other = server_->client();
  ASSERT_EQ(other.login("daibieu1").status, 200);
  EXPECT_EQ(other.get("/api/v1/files/" + id).status, 404);  // not theirs: looks absent
  EXPECT_EQ(other.request("POST", "/api/v1/files", pdf, "application/pdf").status, 403);
  EXPECT_TRUE(service::checkStorage(server_->runtime().db(), server_->runtime().services().blobs).ok());
}

TEST_P(FilesApi, RefusesWhatIsNotAcceptable) {
  auto c = server_->client();
  ASSERT_EQ(c.login("vanthu").status, 200);
  auto notPdf = c.request("POST", "/api/v1/files?name=x.pdf", "MZ\x90\x00 executable", "application/pdf");
  EXPECT_EQ(notPdf.status, 422);
  EXPECT_EQ(notPdf.errorCode(), "content_mismatch");
  auto exe = c.request("POST", "/api/v1/files?name=x.exe", "MZ", "application/x-msdownload");
  EXPECT_EQ(exe.status, 415);
  auto huge = c.request("POST", "/api/v1/files?name=big.pdf", "%PDF-" + std::string(5 << 20, 'x'), "application/pdf");
  EXPECT_EQ(huge.status, 413);
  auto empty = c.request("POST", "/api/v1/files?name=e.pdf", "", "application/pdf");
  EXPECT_EQ(empty.status, 400);
  auto traversal = c.request("POST", "/api/v1/files?name=..%2F..%2Fetc%2Fpasswd", "%PDF-1.4", "application/pdf");
  ASSERT_EQ(traversal.status, 201);
  EXPECT_EQ(traversal.json()->getValue<std::string>("name"), "passwd");
  EXPECT_TRUE(server_->runtime().services().blobs.staleTemps(0, false).empty());
  EXPECT_EQ(server_->client().get("/healthz").status, 200);
}

TEST_P(FilesApi, AdminManagesUsersAndUnits) {
  auto admin = server_->client();
  ASSERT_EQ(admin.login("admin").status, 200);
  auto unit = admin.postJson("/api/v1/units", R"({"code":"STP","name":"Sở Tư pháp"})");
  ASSERT_EQ(unit.status, 201) << unit.body;
  int unitId = unit.json()->getValue<int>("id");
  auto user = admin.postJson("/api/v1/users", R"({"username":"ThamPhan","fullName":"Võ Thị Thẩm","password":"mật khẩu dài","roles":["specialist"],"unitId":)" + std::to_string(unitId) + "}");
  ASSERT_EQ(user.status, 201) << user.body;
  EXPECT_EQ(user.json()->getValue<std::string>("username"), "thamphan");  // case-folded
  std::string id = std::to_string(user.json()->getValue<int>("id"));
  auto u = server_->client();
  EXPECT_EQ(u.login("thamphan", "mật khẩu dài").status, 200);
  auto patch = admin.request("PATCH", "/api/v1/users/" + id, R"({"active":false})", "application/json");
  ASSERT_EQ(patch.status, 200) << patch.body;
  EXPECT_EQ(u.get("/api/v1/me").status, 401);  // disabling ends the session
  EXPECT_EQ(server_->client().login("thamphan", "mật khẩu dài").status, 401);
  auto self = admin.request("PATCH", "/api/v1/users/1", R"({"active":false})", "application/json");
  EXPECT_EQ(self.status, 409);
  auto list = admin.get("/api/v1/users?role=delegate");
  EXPECT_EQ(list.json()->getArray("items")->size(), 21u);  // 20 delegates and the chair
}

TEST_P(FilesApi, UsersChangeTheirOwnPassword) {
  auto c = server_->client();
  ASSERT_EQ(c.login("thuky").status, 200);
  auto tablet = server_->client();  // the same user on another device
  ASSERT_EQ(tablet.login("thuky").status, 200);
  auto wrong = c.request("PUT", "/api/v1/me/password", R"({"currentPassword":"nope","newPassword":"a-long-new-one"})", "application/json");
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(c.request("PUT", "/api/v1/me/password", R"({"currentPassword":"demo","newPassword":"a-long-new-one"})", "application/json").status, 204);
  EXPECT_EQ(server_->client().login("thuky", "demo").status, 401);
  EXPECT_EQ(server_->client().login("thuky", "a-long-new-one").status, 200);
  // Whoever knew the old password is logged out; the device that changed it stays in.
  EXPECT_EQ(tablet.get("/api/v1/me").status, 401);
  EXPECT_EQ(c.get("/api/v1/me").status, 200);
}

TEST_P(FilesApi, AnAdminsPasswordResetEndsTheUsersSessions) {
  auto user = server_->client();
  ASSERT_EQ(user.login("daibieu12").status, 200);
  auto admin = server_->client();
  ASSERT_EQ(admin.login("admin").status, 200);
  auto me = user.get("/api/v1/me");
  ASSERT_EQ(me.status, 200);
  auto id = me.json()->getObject("user")->getValue<std::int64_t>("id");
  EXPECT_EQ(admin.request("PUT", "/api/v1/users/" + std::to_string(id) + "/password",
                          R"({"newPassword":"reset-by-the-admin"})", "application/json").status,
            204);
  EXPECT_EQ(user.get("/api/v1/me").status, 401);
  EXPECT_EQ(server_->client().login("daibieu12", "reset-by-the-admin").status, 200);
}

TEST_P(FilesApi, OperationalEndpoints) {
  auto c = server_->client();
  auto health = c.get("/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.json()->getValue<std::string>("database"), "ok");
  c.get("/api/v1/me");
  auto metrics = c.get("/metrics");
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("chancery_http_requests_total{method=\"GET\",status=\"401\"}"), std::string::npos);
  EXPECT_NE(metrics.body.find("chancery_http_request_duration_seconds_bucket"), std::string::npos);
  auto spec = c.get("/api/v1/openapi.yaml");
  EXPECT_EQ(spec.status, 200);
  EXPECT_NE(spec.body.find("openapi: 3"), std::string::npos);
  EXPECT_FALSE(c.get("/api/v1/me").headers["x-request-id"].empty());
  auto echoed = c.request("GET", "/healthz", "", "", {{"X-Request-Id", "trace-123"}});
  EXPECT_EQ(echoed.headers["x-request-id"], "trace-123");
}

INSTANTIATE_TEST_SUITE_P(Backends, FilesApi, ::testing::Values(Backend::Sqlite, Backend::Mysql),
                         chancery::testing::BackendNamer());
