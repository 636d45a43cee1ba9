// Bad input to the document API on both backends: each request is refused with a clear 4xx
// error naming the problem, and nothing changes — rows, audit head, blobs, register entries
// and queues are as before, and the server keeps serving.
#include "documents_support.h"
#include "service/calendar.h"

using namespace chancery;
using namespace chancery::testing;

class DocBadInput : public DocsTest {
protected:
  void expectRefused(HttpClient& c, const std::string& method, const std::string& path,
                     const std::string& body, int status, const std::string& code,
                     const std::string& field = {}, const std::string& type = "application/json") {
    auto before = snapshot();
    auto r = c.request(method, path, body, type);
    EXPECT_EQ(r.status, status) << method << " " << path << " " << body << " -> " << r.body;
    EXPECT_EQ(r.errorCode(), code) << r.body;
    if (!field.empty() && r.status < 500) {
      auto err = r.json()->getObject("error");
      EXPECT_EQ(err->has("field") ? err->getValue<std::string>("field") : "", field) << r.body;
    }
    EXPECT_EQ(snapshot(), before) << method << " " << path << " " << body;
    EXPECT_EQ(server_->client().get("/healthz").status, 200);
  }
  std::string incomingBody(std::int64_t fileId, const std::string& extra = "") {
    return R"({"fileId":)" + std::to_string(fileId) +
           R"(,"type":"cong_van","subject":"Thử","issuer":"Sở A")" + extra + "}";
  }
};

TEST_P(DocBadInput, FilesThatAreNotUsableDocuments) {
  auto& clerk = as("vanthu");
  auto text = upload(clerk, "chỉ là văn bản thuần\n", "text/plain", "note.txt");
  expectRefused(clerk, "POST", "/api/v1/documents/incoming", incomingBody(text), 415, "not_pdf",
                "fileId");
  auto fake =
      upload(clerk, "%PDF-1.7\nthis is not really a PDF at all\n", "application/pdf", "fake.pdf");
  expectRefused(clerk, "POST", "/api/v1/documents/incoming", incomingBody(fake), 422,
                "invalid_pdf");
  expectRefused(clerk, "POST", "/api/v1/documents/incoming", incomingBody(999999), 400,
                "invalid_field", "fileId");
  // A file someone else uploaded cannot be registered by id.
  auto theirs = upload(as("chuyenvien"), sample("01-quyet-dinh-1-trang.pdf"));
  expectRefused(clerk, "POST", "/api/v1/documents/incoming", incomingBody(theirs), 400,
                "invalid_field", "fileId");
  // A draft must be a PDF, not a scan image.
  auto png =
      upload(as("chuyenvien"), "\x89PNG\r\n\x1a\n" + std::string(32, '\0'), "image/png", "a.png");
  expectRefused(as("chuyenvien"), "POST", "/api/v1/documents",
                R"({"fileId":)" + std::to_string(png) + R"(,"type":"quyet_dinh","subject":"X"})",
                415, "not_pdf", "fileId");
}

TEST_P(DocBadInput, InvalidMetadata) {
  auto& clerk = as("vanthu");
  auto f = upload(clerk, sample("01-quyet-dinh-1-trang.pdf"));
  const std::string url = "/api/v1/documents/incoming";
  expectRefused(clerk, "POST", url,
                R"({"fileId":)" + std::to_string(f) + R"(,"type":"cong_van","issuer":"Sở A"})", 400,
                "invalid_field", "subject");
  expectRefused(clerk, "POST", url,
                R"({"fileId":)" + std::to_string(f) +
                    R"(,"type":"sac_lenh","subject":"X","issuer":"Y"})",
                400, "invalid_field", "type");
  expectRefused(clerk, "POST", url,
                R"({"fileId":)" + std::to_string(f) +
                    R"(,"type":"sắc lệnh","subject":"X","issuer":"Y"})",
                400, "invalid_field", "type");
  expectRefused(clerk, "POST", url, incomingBody(f, R"(,"issuedDate":"2026-02-30")"), 400,
                "invalid_field", "issuedDate");
  expectRefused(clerk, "POST", url, incomingBody(f, R"(,"dueDate":"mai")"), 400, "invalid_field",
                "dueDate");
  expectRefused(clerk, "POST", url, incomingBody(f, R"(,"urgency":"rất khẩn")"), 400,
                "invalid_field", "urgency");
  expectRefused(clerk, "POST", url, incomingBody(f, R"(,"secrecy":"public")"), 400, "invalid_field",
                "secrecy");
  expectRefused(clerk, "POST", url, incomingBody(f, R"(,"pageCount":0)"), 400, "invalid_field",
                "pageCount");
  expectRefused(
      clerk, "POST", url,
      incomingBody(f, R"(,"receivedDate":")" +
                          service::calendar::addDays(service::calendar::today(), 2).str() + "\""),
      400, "invalid_field", "receivedDate");
  expectRefused(clerk, "POST", url, incomingBody(f, R"(,"colour":"red")"), 400, "unknown_field",
                "colour");
  expectRefused(clerk, "POST", url,
                R"({"fileId":)" + std::to_string(f) + R"(,"type":"cong_van","subject":"X"})", 400,
                "invalid_field", "issuer");
  expectRefused(clerk, "POST", url,
                "{\"fileId\":" + std::to_string(f) +
                    ",\"type\":\"cong_van\",\"subject\":\"\xC3\x28\",\"issuer\":\"Y\"}",
                400, "invalid_utf8");
  expectRefused(clerk, "POST", url, incomingBody(f), 415, "unsupported_media_type", "",
                "text/plain");
  // Only clerks register; only the 29 administrative types are drafted.
  expectRefused(as("chuyenvien"), "POST", url, incomingBody(f), 403, "forbidden");
  auto mine = upload(as("chuyenvien"), sample("01-quyet-dinh-1-trang.pdf"));
  expectRefused(as("chuyenvien"), "POST", "/api/v1/documents",
                R"({"fileId":)" + std::to_string(mine) +
                    R"(,"type":"nghi_dinh","subject":"Nghị định"})",
                400, "invalid_field", "type");
  expectRefused(as("chuyenvien"), "POST", "/api/v1/documents",
                R"({"fileId":)" + std::to_string(mine) +
                    R"(,"type":"quyet_dinh","subject":"X","number":"5"})",
                400, "invalid_field", "number");
  expectRefused(as("chuyenvien"), "POST", "/api/v1/documents",
                R"({"fileId":)" + std::to_string(mine) +
                    R"(,"type":"quyet_dinh","subject":"X","approverId":)" +
                    std::to_string(userId("thuky")) + "}",
                400, "invalid_field", "approverId");
}

TEST_P(DocBadInput, AssignmentsOutsideTheUnitAndOtherBadHandlers) {
  auto id = registerIncoming();
  auto& leader = as("lanhdao");
  std::string url = "/api/v1/documents/" + std::to_string(id) + "/assign";
  expectRefused(leader, "POST", url, R"({"leadUserId":)" + std::to_string(userId("daibieu1")) + "}",
                400, "invalid_field", "leadUserId");
  expectRefused(leader, "POST", url,
                R"({"leadUserId":)" + std::to_string(userId("chuyenvien")) +
                    R"(,"supportUserIds":[)" + std::to_string(userId("chutoa")) + "]}",
                400, "invalid_field", "supportUserIds");
  expectRefused(leader, "POST", url,
                R"({"leadUserId":)" + std::to_string(userId("chuyenvien")) +
                    R"(,"supportUserIds":[)" + std::to_string(userId("chuyenvien")) + "]}",
                400, "invalid_field", "supportUserIds");
  expectRefused(leader, "POST", url, R"({"leadUserId":999999})", 400, "invalid_field",
                "leadUserId");
  expectRefused(leader, "POST", url,
                R"({"leadUserId":)" + std::to_string(userId("chuyenvien")) +
                    R"(,"deadline":"31/12/2026"})",
                400, "invalid_field", "deadline");
  expectRefused(leader, "POST", url, R"({"supportUserIds":[]})", 400, "invalid_field",
                "leadUserId");
  expectRefused(as("vanthu"), "POST", "/api/v1/documents/" + std::to_string(id) + "/present",
                R"({"leaderId":)" + std::to_string(userId("chuyenvien")) + "}", 400,
                "invalid_field", "leaderId");
}

TEST_P(DocBadInput, TransitionsOutOfOrder) {
  auto in = registerIncoming();
  auto out = draft();
  auto p = [](std::int64_t id, const std::string& t) {
    return "/api/v1/documents/" + std::to_string(id) + "/" + t;
  };
  expectRefused(as("chuyenvien"), "POST", p(in, "complete"), R"({"result":"x"})", 409,
                "invalid_transition");
  expectRefused(as("chuyenvien"), "POST", p(in, "progress"), R"({"note":"x"})", 409,
                "invalid_transition");
  expectRefused(as("vanthu"), "POST", p(out, "issue"), R"({"form":"paper"})", 409,
                "invalid_transition");
  expectRefused(as("vanthu"), "POST", p(out, "issue"), R"({"form":"electronic"})", 409,
                "invalid_transition");
  expectRefused(as("lanhdao"), "POST", p(out, "approve"), "{}", 409, "invalid_transition");
  expectRefused(as("lanhdao"), "POST", p(out, "sign"), "{}", 409, "invalid_transition");
  expectRefused(as("lanhdao"), "POST", p(in, "submit"), "{}", 409, "invalid_transition");
  expectRefused(as("lanhdao"), "POST", p(out, "assign"), R"({"leadUserId":1})", 409,
                "invalid_transition");
  expectRefused(as("vanthu"), "POST", p(out, "issue"), R"({"form":"fax"})", 400, "invalid_field",
                "form");
  expectRefused(as("lanhdao"), "POST", p(out, "revoke"), R"({"reason":"x"})", 409,
                "invalid_transition");  // drafts are not revoked
  post(as("chuyenvien"), p(out, "submit"), "{}", 200);
  expectRefused(as("chuyenvien"), "POST", p(out, "approve"), "{}", 403,
                "forbidden");  // not a leader
  expectRefused(as("lanhdao"), "POST", p(out, "return"), "{}", 400, "invalid_field", "comment");
  expectRefused(as("daibieu1"), "POST", p(out, "approve"), "{}", 404,
                "not_found");  // cannot see it
  expectRefused(as("lanhdao"), "PATCH", "/api/v1/documents/" + std::to_string(out),
                R"({"subject":"Sửa khi đang trình"})", 409, "invalid_transition");
}

INSTANTIATE_TEST_SUITE_P(Backends, DocBadInput, ::testing::Values(Backend::Sqlite, Backend::Mysql),
                         BackendNamer());
