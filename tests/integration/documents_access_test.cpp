// Who sees what, on both backends: documents are visible to their unit, their handlers and
// named readers; secret ones only to named people, every read audited and every downloaded
// page stamped with the reader's name. What a caller may not see is a 404, also in lists.
#include "documents_support.h"
#include "util/crypto.h"

#include <fstream>

using namespace chancery;
using namespace chancery::testing;

class Access : public DocsTest {
protected:
  bool listed(HttpClient& c, std::int64_t id, const std::string& query = "") {
    auto r = c.get("/api/v1/documents?limit=500" + query);
    EXPECT_EQ(r.status, 200) << r.body;
    auto items = r.json()->getArray("items");
    for (std::size_t i = 0; i < items->size(); ++i)
      if (jsonInt(items->getObject(static_cast<unsigned>(i)), "id") == id) return true;
    return false;
  }
  std::int64_t total(HttpClient& c, const std::string& query) {
    return jsonInt(c.get("/api/v1/documents?" + query).json(), "total");
  }
  std::int64_t auditCount(std::int64_t id, const std::string& action) {
    auto lease = server_->runtime().db().acquire();
    return lease
        ->queryOne("SELECT COUNT(*) AS n FROM audit_log WHERE object_type = 'document' AND "
                   "object_id = ? AND action = ?",
                   {std::to_string(id), action})
        ->getInt("n");
  }
  // pdftotext of the bytes, one string per page.
  std::vector<std::string> pages(const std::string& pdf) {
    auto file = server_->dataDir() / "download.pdf";
    std::ofstream(file, std::ios::binary) << pdf;
    std::string out;
    EXPECT_EQ(run("pdftotext -enc UTF-8 " + file.string() + " -", &out), 0) << out;
    std::vector<std::string> result;
    std::size_t start = 0, ff;
    while ((ff = out.find('\f', start)) != std::string::npos) {
      result.push_back(out.substr(start, ff - start));
      start = ff + 1;
    }
    return result;
  }
  static std::string path(std::int64_t id, const std::string& tail = "") {
    return "/api/v1/documents/" + std::to_string(id) + tail;
  }
};

TEST_P(Access, UnitMembersSeeTheirUnitsDocumentsOthersGet404) {
  auto id = registerIncoming();
  EXPECT_EQ(as("chuyenvien").get(path(id)).status, 200);
  EXPECT_TRUE(listed(as("chuyenvien"), id));
  auto& outsider = as("daibieu1");  // another unit
  auto r = outsider.get(path(id));
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.errorCode(), "not_found");
  EXPECT_EQ(outsider.get(path(id, "/file")).status, 404);
  EXPECT_EQ(outsider.get(path(id, "/history")).status, 404);
  EXPECT_EQ(outsider.postJson(path(id, "/comments"), R"({"text":"?"})").status, 404);
  EXPECT_FALSE(listed(outsider, id));
  EXPECT_EQ(outsider.get(path(999999)).status, 404);  // same answer as for a missing one
}

TEST_P(Access, HandlersAndNamedReadersOutsideTheUnit) {
  auto id = registerIncoming();
  auto& leader = as("lanhdao");
  auto& outsider = as("daibieu2");
  EXPECT_EQ(outsider.get(path(id)).status, 404);
  auto granted = post(leader, path(id, "/readers"),
                      R"({"userId":)" + std::to_string(userId("daibieu2")) + "}", 200)
                     .json();
  EXPECT_GE(granted->getArray("readers")->size(), 2u);
  EXPECT_EQ(outsider.get(path(id)).status, 200);
  EXPECT_TRUE(listed(outsider, id));
  EXPECT_EQ(outsider.postJson(path(id, "/readers"), R"({"userId":1})").status,
            403);  // readers may not name others
  auto del = leader.request("DELETE", path(id, "/readers/" + std::to_string(userId("daibieu2"))));
  EXPECT_EQ(del.status, 200) << del.body;
  EXPECT_EQ(outsider.get(path(id)).status, 404);
  EXPECT_FALSE(listed(outsider, id));
  EXPECT_EQ(
      leader.request("DELETE", path(id, "/readers/" + std::to_string(userId("daibieu2")))).status,
      404);
}

TEST_P(Access, SecretDocumentsOnlyForNamedPeopleEveryReadAuditedAndWatermarked) {
  auto& clerk = as("vanthu");
  auto& colleague = as("chuyenvien");
  auto& leader = as("lanhdao");
  auto visibleBefore = total(colleague, "secrecy=secret");
  auto id = registerIncoming(R"(,"secrecy":"secret","subject":"Kế hoạch bảo vệ bí mật nhà nước")",
                             "02-nghi-quyet-HDTP-6-trang.pdf");
  ASSERT_GT(id, 0);
  // Same unit, not named: the document does not exist for them, not even in counts.
  EXPECT_EQ(colleague.get(path(id)).status, 404);
  EXPECT_FALSE(listed(colleague, id));
  EXPECT_EQ(total(colleague, "secrecy=secret"), visibleBefore);
  EXPECT_EQ(colleague.get("/api/v1/documents?q=b%E1%BA%A3o%20v%E1%BB%87").status, 200);
  EXPECT_FALSE(listed(colleague, id, "&q=b%E1%BA%A3o"));
  EXPECT_EQ(leader.get(path(id)).status, 404);  // leaders too, until someone names them

  // The registrar is named; presenting names the leader.
  auto reads = auditCount(id, "document.read");
  EXPECT_EQ(clerk.get(path(id)).status, 200);
  EXPECT_EQ(auditCount(id, "document.read"), reads + 1);
  post(clerk, path(id, "/present"), R"({"leaderId":)" + std::to_string(userId("lanhdao")) + "}",
       200);
  EXPECT_EQ(leader.get(path(id)).status, 200);
  EXPECT_EQ(auditCount(id, "document.read"), reads + 2);  // the clerk's read and the leader's
  // Unit-wide access never opens a secret document.
  EXPECT_EQ(colleague.get(path(id)).status, 404);

  // Downloads: a copy with the reader's name on every page; the read is audited.
  auto original = sample("02-nghi-quyet-HDTP-6-trang.pdf");
  auto before = auditCount(id, "document.read");
  auto dl = leader.get(path(id, "/file"));
  ASSERT_EQ(dl.status, 200) << dl.body;
  EXPECT_EQ(dl.headers["content-type"], "application/pdf");
  EXPECT_EQ(dl.headers["cache-control"], "no-store");
  EXPECT_NE(util::sha256Hex(dl.body), util::sha256Hex(original));
  auto text = pages(dl.body);
  ASSERT_GE(text.size(), 5u);
  for (std::size_t i = 0; i < text.size(); ++i)
    EXPECT_NE(text[i].find("Lê Quang Hùng"), std::string::npos)
        << "page " << i + 1 << " lacks the reader's name";
  EXPECT_EQ(auditCount(id, "document.read"), before + 1);
  auto clerkCopy = pages(clerk.get(path(id, "/file")).body);
  ASSERT_FALSE(clerkCopy.empty());
  EXPECT_NE(clerkCopy[0].find("Nguyễn Thị Thu"), std::string::npos);
  EXPECT_EQ(clerkCopy[0].find("Lê Quang Hùng"), std::string::npos);

  // An ordinary document downloads byte for byte.
  auto plain = registerIncoming("", "02-nghi-quyet-HDTP-6-trang.pdf");
  auto plainDl = colleague.get(path(plain, "/file"));
  EXPECT_EQ(util::sha256Hex(plainDl.body), util::sha256Hex(original));
}

TEST_P(Access, HandlersBecomeNamedReadersOfSecretDocuments) {
  auto id = registerIncoming(R"(,"secrecy":"confidential")");
  post(as("vanthu"), path(id, "/present"),
       R"({"leaderId":)" + std::to_string(userId("lanhdao")) + "}", 200);
  EXPECT_EQ(as("thuky").get(path(id)).status, 404);
  post(as("lanhdao"), path(id, "/assign"),
       R"({"leadUserId":)" + std::to_string(userId("thuky")) + R"(,"directive":"Xử lý mật"})", 200);
  EXPECT_EQ(as("thuky").get(path(id)).status, 200);
  EXPECT_EQ(as("chuyenvien").get(path(id)).status, 404);
  // A secret document goes to named people only, never to a whole unit.
  auto out = draft(R"(,"secrecy":"secret")");
  post(as("chuyenvien"), path(out, "/submit"), "{}", 200);
  post(as("lanhdao"), path(out, "/approve"), "{}", 200);
  auto& clerk = as("vanthu");
  EXPECT_EQ(clerk.postJson(path(out, "/issue"), R"({"form":"paper"})").status,
            404);  // not named yet
  post(as("lanhdao"), path(out, "/readers"),
       R"({"userId":)" + std::to_string(userId("vanthu")) + "}", 200);
  auto s = snapshot();
  auto r = clerk.postJson(path(out, "/issue"), R"({"form":"paper","recipientUnitIds":[)" +
                                                   std::to_string(unitOf("chutoa")) + "]}");
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.errorCode(), "invalid_field");
  EXPECT_EQ(snapshot(), s);
  auto ok = clerk.postJson(path(out, "/issue"), R"({"form":"paper","recipientUserIds":[)" +
                                                    std::to_string(userId("chutoa")) + "]}");
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(jsonStr(ok.json()->getObject("register"), "series"), "secret");
  EXPECT_EQ(as("chutoa").get(path(out)).status, 200);
  EXPECT_EQ(as("daibieu3").get(path(out)).status, 404);  // same unit as the chair, not named
}

INSTANTIATE_TEST_SUITE_P(Backends, Access, ::testing::Values(Backend::Sqlite, Backend::Mysql),
                         BackendNamer());
