// Dashboards on both backends: the caller's tasks, overdue items, and the on-time figures per
// unit and month, internal (with secret documents) and public (without login, counts only).
#include "documents_support.h"
#include "service/calendar.h"

using namespace chancery;
using namespace chancery::testing;
using service::calendar::addDays;
using service::calendar::today;

class Dashboards : public DocsTest {
protected:
  // A unit of its own, so that its figures are exactly what the test made.
  void makeUnit() {
    auto& admin = as("admin");
    auto unit =
        post(admin, "/api/v1/units", R"({"code":"KT","name":"Ban Kinh tế - Ngân sách"})", 201);
    unit_ = jsonInt(unit.json(), "id");
    for (auto [name, role] : {std::pair{"kt.vanthu", "clerk"},
                              {"kt.lanhdao", "leader"},
                              {"kt.chuyenvien", "specialist"}})
      post(admin, "/api/v1/users",
           std::string(R"({"username":")") + name + R"(","fullName":"Người )" + name +
               R"(","password":"mat-khau-dai","roles":[")" + role + R"("],"unitId":)" +
               std::to_string(unit_) + "}",
           201);
    for (const char* name : {"kt.vanthu", "kt.lanhdao", "kt.chuyenvien"}) {
      auto c = std::make_unique<HttpClient>(server_->client());
      ASSERT_EQ(c->login(name, "mat-khau-dai").status, 200);
      clients_[name] = std::move(c);
    }
  }
  std::int64_t incomingInUnit(const std::string& extra = "") {
    auto& clerk = *clients_["kt.vanthu"];
    auto fid = upload(clerk, sample("01-quyet-dinh-1-trang.pdf"));
    auto r =
        clerk.postJson("/api/v1/documents/incoming",
                       R"({"fileId":)" + std::to_string(fid) + R"(,"type":"cong_van","subject":")" +
                           unique("Bí danh") + R"(","issuer":"Kho bạc")" + extra + "}");
    EXPECT_EQ(r.status, 201) << r.body;
    return jsonInt(r.json()->getObject("document"), "id");
  }
  void assignAndMaybeComplete(std::int64_t id, std::optional<int> deadlineDays, bool complete) {
    post(*clients_["kt.vanthu"], "/api/v1/documents/" + std::to_string(id) + "/present",
         R"({"leaderId":)" + std::to_string(userId("kt.lanhdao")) + "}", 200);
    std::string body = R"({"leadUserId":)" + std::to_string(userId("kt.chuyenvien"));
    if (deadlineDays) body += R"(,"deadline":")" + addDays(today(), *deadlineDays).str() + "\"";
    post(*clients_["kt.lanhdao"], "/api/v1/documents/" + std::to_string(id) + "/assign", body + "}",
         200);
    if (complete)
      post(*clients_["kt.chuyenvien"], "/api/v1/documents/" + std::to_string(id) + "/complete",
           R"({"result":"Đã xử lý"})", 200);
  }
  Poco::JSON::Object::Ptr unitFigures(const Poco::JSON::Object::Ptr& report) {
    auto units = report->getArray("units");
    for (std::size_t i = 0; i < units->size(); ++i)
      if (jsonInt(units->getObject(static_cast<unsigned>(i)), "unitId") == unit_)
        return units->getObject(static_cast<unsigned>(i));
    ADD_FAILURE() << "unit missing from the report";
    return nullptr;
  }
  std::int64_t unit_ = 0;
};

TEST_P(Dashboards, OnTimeFiguresPerUnitAndMonthInternalAndPublic) {
  makeUnit();
  assignAndMaybeComplete(incomingInUnit(), 3, true);             // on time
  assignAndMaybeComplete(incomingInUnit(), 10, true);            // on time
  assignAndMaybeComplete(incomingInUnit(), -1, true);            // late
  assignAndMaybeComplete(incomingInUnit(), std::nullopt, true);  // no deadline
  assignAndMaybeComplete(incomingInUnit(), -4, false);           // open and overdue
  assignAndMaybeComplete(incomingInUnit(R"(,"secrecy":"secret")"), 2,
                         true);  // counted internally only
  incomingInUnit();              // registered, open

  std::string month = service::calendar::monthKey(today());
  auto internal = as("lanhdao").get("/api/v1/dashboards/on-time?from=" + month + "&to=" + month);
  ASSERT_EQ(internal.status, 200) << internal.body;
  auto u = unitFigures(internal.json());
  ASSERT_TRUE(u);
  auto total = u->getObject("total");
  EXPECT_EQ(jsonInt(total, "received"), 7);
  EXPECT_EQ(jsonInt(total, "completed"), 5);
  EXPECT_EQ(jsonInt(total, "onTime"), 3);
  EXPECT_EQ(jsonInt(total, "late"), 1);
  EXPECT_EQ(jsonInt(total, "noDeadline"), 1);
  EXPECT_DOUBLE_EQ(total->getValue<double>("onTimeRate"), 0.75);
  EXPECT_EQ(jsonInt(u, "open"), 2);
  EXPECT_EQ(jsonInt(u, "openOverdue"), 1);
  EXPECT_EQ(u->getArray("months")->size(), 1u);

  // Public: no login, no secret documents, nothing but counts.
  auto anonymous = server_->client();
  auto pub = anonymous.get("/api/v1/public/on-time?from=" + month + "&to=" + month);
  ASSERT_EQ(pub.status, 200) << pub.body;
  auto p = unitFigures(pub.json())->getObject("total");
  EXPECT_EQ(jsonInt(p, "received"), 6);
  EXPECT_EQ(jsonInt(p, "completed"), 4);
  EXPECT_EQ(jsonInt(p, "onTime"), 2);
  EXPECT_NEAR(p->getValue<double>("onTimeRate"), 2.0 / 3.0, 1e-9);
  EXPECT_EQ(pub.body.find("Bí danh"), std::string::npos);
  EXPECT_EQ(pub.body.find("subject"), std::string::npos);
  EXPECT_EQ(pub.body.find("Kho bạc"), std::string::npos);
  EXPECT_NE(pub.body.find("Ban Kinh tế - Ngân sách"), std::string::npos);
  EXPECT_EQ(anonymous.get("/api/v1/dashboards/on-time").status, 401);
  auto six = anonymous.get("/api/v1/public/on-time").json();
  EXPECT_EQ(six->getArray("units")->getObject(0)->getArray("months")->size(),
            6u);  // the default: six months
  EXPECT_EQ(anonymous.get("/api/v1/public/on-time?from=2026-13").status, 400);
  EXPECT_EQ(anonymous.get("/api/v1/public/on-time?from=2020-01&to=2026-01").status,
            400);  // > 36 months
}

TEST_P(Dashboards, TasksAndOverdueLists) {
  auto registered = registerIncoming();
  auto presented = registerIncoming();
  post(as("vanthu"), "/api/v1/documents/" + std::to_string(presented) + "/present",
       R"({"leaderId":)" + std::to_string(userId("lanhdao")) + "}", 200);
  auto overdue = registerIncoming();
  post(as("lanhdao"), "/api/v1/documents/" + std::to_string(overdue) + "/assign",
       R"({"leadUserId":)" + std::to_string(userId("chuyenvien")) + R"(,"deadline":")" +
           addDays(today(), -1).str() + "\"}",
       200);
  auto inReview = draft();
  post(as("chuyenvien"), "/api/v1/documents/" + std::to_string(inReview) + "/submit", "{}", 200);

  auto ids = [](const Poco::JSON::Object::Ptr& o, const std::string& key,
                const std::string& idKey = "id") {
    std::set<std::int64_t> out;
    auto arr = o->getArray(key);
    for (std::size_t i = 0; i < arr->size(); ++i)
      out.insert(jsonInt(arr->getObject(static_cast<unsigned>(i)), idKey));
    return out;
  };
  auto clerk = as("vanthu").get("/api/v1/tasks").json();
  EXPECT_TRUE(ids(clerk, "toPresent").count(registered));
  auto leader = as("lanhdao").get("/api/v1/tasks").json();
  EXPECT_TRUE(ids(leader, "toDirect").count(presented));
  EXPECT_TRUE(ids(leader, "toApprove").count(inReview));
  auto handler = as("chuyenvien").get("/api/v1/tasks").json();
  EXPECT_TRUE(ids(handler, "handling", "documentId").count(overdue));
  auto arr = handler->getArray("handling");
  for (std::size_t i = 0; i < arr->size(); ++i) {
    auto t = arr->getObject(static_cast<unsigned>(i));
    if (jsonInt(t, "documentId") == overdue) {
      EXPECT_TRUE(t->getValue<bool>("overdue"));
    }
  }
  auto od = as("lanhdao").get("/api/v1/dashboards/overdue").json();
  EXPECT_TRUE(ids(od, "items").count(overdue));
  EXPECT_FALSE(ids(od, "items").count(registered));
  auto list = as("lanhdao").get("/api/v1/documents?overdue=true&limit=500").json();
  EXPECT_TRUE(ids(list, "items").count(overdue));
  EXPECT_EQ(as("daibieu1").get("/api/v1/dashboards/overdue").status, 403);
}

INSTANTIATE_TEST_SUITE_P(Backends, Dashboards, ::testing::Values(Backend::Sqlite, Backend::Mysql),
                         BackendNamer());
