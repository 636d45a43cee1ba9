#include "documents_support.h"

#include "service/audit.h"
#include "store/user_store.h"

#include <fstream>
#include <sstream>

namespace chancery::testing {

std::ostream& operator<<(std::ostream& os, const Snapshot& s) {
  return os << "{documents " << s.documents << ", versions " << s.versions << ", entries "
            << s.entries << ", audit " << s.audit << ", blobs " << s.blobs << ", files " << s.files
            << ", search " << s.searchQueue << ", ocr " << s.ocrJobs << ", assignments "
            << s.assignments << ", notes " << s.notes << "}";
}

void DocsTest::SetUp() {
  server_ = std::make_unique<TestServer>(GetParam(), true, [this](app::Config& c) {
    c.documents.organId = "000.00.12.H53";
    c.documents.organisationName = "Văn phòng Đoàn ĐBQH và HĐND tỉnh Bắc An";
    c.documents.reminders.enabled = false;
    configure(c);
  });
}

void DocsTest::TearDown() {
  clients_.clear();
  server_.reset();
}

HttpClient& DocsTest::as(const std::string& username) {
  auto& c = clients_[username];
  if (!c) {
    c = std::make_unique<HttpClient>(server_->client());
    auto r = c->login(username);
    EXPECT_EQ(r.status, 200) << "login " << username << ": " << r.body;
  }
  return *c;
}

std::int64_t DocsTest::userId(const std::string& username) {
  auto lease = server_->runtime().db().acquire();
  return store::users::findByUsername(*lease, username)->id;
}

std::int64_t DocsTest::unitOf(const std::string& username) {
  auto lease = server_->runtime().db().acquire();
  return *store::users::findByUsername(*lease, username)->unitId;
}

std::string DocsTest::sample(const std::string& file) {
  std::ifstream in(sharedDir() / "pdfs-vi" / file, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  EXPECT_GT(s.str().size(), 100u) << "missing sample " << file;
  return s.str();
}

std::int64_t DocsTest::upload(HttpClient& c, const std::string& bytes, const std::string& type,
                              const std::string& name) {
  auto r = c.request("POST", "/api/v1/files?name=" + name, bytes, type);
  EXPECT_EQ(r.status, 201) << r.body;
  return r.status == 201 ? jsonInt(r.json(), "id") : 0;
}

std::int64_t DocsTest::registerIncoming(const std::string& extra, const std::string& file) {
  auto& clerk = as("vanthu");
  auto fid = upload(clerk, sample(file));
  std::string body = R"({"fileId":)" + std::to_string(fid) + R"(,"type":"cong_van","subject":")" +
                     unique("Công văn đến") + R"(","issuer":"Sở Tài chính tỉnh Bắc An")" + extra +
                     "}";
  auto r = clerk.postJson("/api/v1/documents/incoming", body);
  EXPECT_EQ(r.status, 201) << body << " -> " << r.body;
  return r.status == 201 ? jsonInt(r.json()->getObject("document"), "id") : 0;
}

std::int64_t DocsTest::draft(const std::string& extra, const std::string& file) {
  auto& author = as("chuyenvien");
  auto fid = upload(author, sample(file));
  std::string body = R"({"fileId":)" + std::to_string(fid) + R"(,"type":"quyet_dinh","subject":")" +
                     unique("Quyết định về việc") + R"(","approverId":)" +
                     std::to_string(userId("lanhdao")) + extra + "}";
  auto r = author.postJson("/api/v1/documents", body);
  EXPECT_EQ(r.status, 201) << body << " -> " << r.body;
  return r.status == 201 ? jsonInt(r.json()->getObject("document"), "id") : 0;
}

HttpResult DocsTest::post(HttpClient& c, const std::string& path, const std::string& json,
                          int expected) {
  auto r = c.postJson(path, json);
  EXPECT_EQ(r.status, expected) << "POST " << path << " " << json << " -> " << r.body;
  return r;
}

Poco::JSON::Object::Ptr DocsTest::detail(HttpClient& c, std::int64_t id) {
  auto r = c.get("/api/v1/documents/" + std::to_string(id));
  EXPECT_EQ(r.status, 200) << r.body;
  return r.json();
}

std::string DocsTest::status(std::int64_t id) {
  auto lease = server_->runtime().db().acquire();
  return lease->queryOne("SELECT status FROM documents WHERE id = ?", {id})->getString("status");
}

Snapshot DocsTest::snapshot() {
  auto lease = server_->runtime().db().acquire();
  auto n = [&](const char* table) {
    return lease->queryOne(std::string("SELECT COUNT(*) AS n FROM ") + table)->getInt("n");
  };
  Snapshot s;
  s.documents = n("documents");
  s.versions = n("document_versions");
  s.entries = n("register_entries");
  s.files = n("files");
  s.searchQueue = n("search_queue");
  s.ocrJobs = n("ocr_jobs");
  s.assignments = n("document_assignments");
  s.notes = n("document_notes");
  s.audit = lease->queryOne("SELECT seq FROM audit_head WHERE id = 1")->getInt("seq");
  s.blobs = static_cast<std::int64_t>(server_->runtime().services().blobs.listStored().size());
  return s;
}

std::string DocsTest::unique(const std::string& prefix) {
  return prefix + " " + ::testing::UnitTest::GetInstance()->current_test_info()->name() + " #" +
         std::to_string(++counter_);
}

std::int64_t jsonInt(const Poco::JSON::Object::Ptr& o, const std::string& key) {
  return o->getValue<Poco::Int64>(key);
}

std::string jsonStr(const Poco::JSON::Object::Ptr& o, const std::string& key) {
  return o->getValue<std::string>(key);
}

std::vector<std::string> actions(const Poco::JSON::Object::Ptr& detail) {
  std::vector<std::string> out;
  auto arr = detail->getArray("actions");
  for (std::size_t i = 0; i < arr->size(); ++i)
    out.push_back(arr->getElement<std::string>(static_cast<unsigned>(i)));
  return out;
}

bool hasAction(const Poco::JSON::Object::Ptr& detail, const std::string& action) {
  auto a = actions(detail);
  return std::find(a.begin(), a.end(), action) != a.end();
}

}  // namespace chancery::testing
