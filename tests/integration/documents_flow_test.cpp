// The state machine of documents through the API, on both backends: the incoming flow from
// registration to done, the outgoing flow from draft to paper issue and revocation, what each
// caller may do next, and append-only versions. Digital signing waits for chancery::signing.
#include "documents_support.h"
#include "service/calendar.h"
#include "store/db.h"

using namespace chancery;
using namespace chancery::testing;

class DocFlow : public DocsTest {};

namespace {
std::string path(std::int64_t id, const std::string& tail = "") {
  return "/api/v1/documents/" + std::to_string(id) + tail;
}
std::string dateIn(int days) {
  return service::calendar::addDays(service::calendar::today(), days).str();
}
}  // namespace

TEST_P(DocFlow, IncomingFromRegistrationToDone) {
  auto before = snapshot();
  auto id = registerIncoming(
      R"(,"number":"45","notation":"STC-NS","urgency":"urgent","dueDate":")" + dateIn(7) + "\"");
  ASSERT_GT(id, 0);
  auto after = snapshot();
  EXPECT_EQ(after.documents, before.documents + 1);
  EXPECT_EQ(after.entries, before.entries + 1);
  EXPECT_GT(after.searchQueue, before.searchQueue);  // the index writer will pick it up
  EXPECT_EQ(after.ocrJobs, before.ocrJobs);          // 01 has a text layer: no OCR

  auto& clerk = as("vanthu");
  auto d = detail(clerk, id);
  auto doc = d->getObject("document");
  EXPECT_EQ(jsonStr(doc, "status"), "registered");
  EXPECT_EQ(jsonStr(doc, "type"), "Công văn");
  EXPECT_EQ(jsonStr(doc, "numberAndNotation"), "45/STC-NS");
  EXPECT_EQ(jsonStr(doc, "receivedDate"), service::calendar::today().str());
  auto version = d->getArray("versions")->getObject(0);
  EXPECT_EQ(jsonStr(version, "kind"), "received");
  EXPECT_TRUE(version->getValue<bool>("immutable"));
  EXPECT_TRUE(hasAction(d, "present"));
  EXPECT_FALSE(hasAction(d, "assign"));  // the clerk presents; the leader directs

  post(clerk, path(id, "/present"),
       R"({"leaderId":)" + std::to_string(userId("lanhdao")) + R"(,"note":"Kính trình"})", 200);
  EXPECT_EQ(status(id), "presented");
  auto& leader = as("lanhdao");
  auto tasks = leader.get("/api/v1/tasks").json();
  bool listed = false;
  auto toDirect = tasks->getArray("toDirect");
  for (std::size_t i = 0; i < toDirect->size(); ++i)
    listed = listed || jsonInt(toDirect->getObject(static_cast<unsigned>(i)), "id") == id;
  EXPECT_TRUE(listed) << "presented document is in the leader's tasks";

  std::string assign = R"({"directive":"Giao anh Minh chủ trì, chị Lan phối hợp","leadUserId":)" +
                       std::to_string(userId("chuyenvien")) + R"(,"supportUserIds":[)" +
                       std::to_string(userId("thuky")) + R"(],"deadline":")" + dateIn(5) + "\"}";
  EXPECT_EQ(post(clerk, path(id, "/assign"), assign, 403).errorCode(), "forbidden");
  auto assigned = post(leader, path(id, "/assign"), assign, 200).json();
  EXPECT_EQ(jsonStr(assigned->getObject("document"), "status"), "assigned");
  EXPECT_EQ(jsonStr(assigned->getObject("document"), "dueDate"), dateIn(5));
  EXPECT_EQ(jsonStr(assigned, "directive"), "Giao anh Minh chủ trì, chị Lan phối hợp");
  EXPECT_EQ(assigned->getArray("assignments")->size(), 2u);

  auto& support = as("thuky");
  post(support, path(id, "/progress"), R"({"note":"Đã liên hệ Sở Tài chính"})", 200);
  EXPECT_EQ(status(id), "in_progress");
  EXPECT_EQ(post(support, path(id, "/complete"), R"({"result":"xong"})", 403).errorCode(),
            "forbidden");
  auto& lead = as("chuyenvien");
  // The answer may be an outgoing document (công văn trả lời); an incoming one is not an answer.
  auto reply = draft();
  auto other = registerIncoming();
  EXPECT_EQ(
      post(lead, path(id, "/complete"), R"({"replyDocumentId":)" + std::to_string(other) + "}", 400)
          .errorCode(),
      "invalid_field");
  auto done = post(lead, path(id, "/complete"),
                   R"({"result":"Đã báo cáo bằng văn bản","replyDocumentId":)" +
                       std::to_string(reply) + "}",
                   200)
                  .json();
  EXPECT_EQ(jsonInt(done, "replyDocumentId"), reply);
  EXPECT_EQ(jsonStr(done->getObject("document"), "status"), "done");
  EXPECT_FALSE(done->getObject("document")->isNull("completedAt"));
  auto list = done->getArray("assignments");
  for (std::size_t i = 0; i < list->size(); ++i) {
    EXPECT_EQ(jsonStr(list->getObject(static_cast<unsigned>(i)), "status"), "done");
  }

  EXPECT_EQ(post(leader, path(id, "/assign"), assign, 409).errorCode(), "invalid_transition");
  auto history = leader.get(path(id, "/history")).json()->getArray("items");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < history->size(); ++i)
    seen.insert(jsonStr(history->getObject(static_cast<unsigned>(i)), "action"));
  for (const char* a : {"document.register", "document.present", "document.assign",
                        "document.progress", "document.complete"})
    EXPECT_TRUE(seen.count(a)) << a << " missing from the history";
}

TEST_P(DocFlow, OutgoingDraftReviewApprovalAndPaperIssue) {
  auto id = draft(R"(,"recipients":"- Các Ban HĐND tỉnh;\n- Lưu: VT.","copies":3)");
  ASSERT_GT(id, 0);
  auto& author = as("chuyenvien");
  auto& leader = as("lanhdao");
  auto& clerk = as("vanthu");
  auto d = detail(author, id)->getObject("document");
  EXPECT_EQ(jsonStr(d, "status"), "draft");
  EXPECT_EQ(jsonStr(d, "notation"), "QĐ-VP");  // appendix III abbreviation + the unit
  EXPECT_EQ(jsonStr(d, "number"), "");         // numbers are given at issue

  auto s0 = snapshot();
  EXPECT_EQ(post(clerk, path(id, "/issue"), R"({"form":"paper"})", 409).errorCode(),
            "invalid_transition");
  EXPECT_EQ(post(leader, path(id, "/approve"), "{}", 409).errorCode(), "invalid_transition");
  EXPECT_EQ(snapshot(), s0);

  post(author, path(id, "/submit"), R"({"note":"Kính trình"})", 200);
  EXPECT_EQ(status(id), "in_review");
  post(leader, path(id, "/comments"), R"({"text":"Sửa lại căn cứ pháp lý"})", 200);
  post(leader, path(id, "/return"), R"({"comment":"Bổ sung căn cứ"})", 200);
  EXPECT_EQ(status(id), "draft");
  auto fid = upload(author, sample("10-thong-tu-BYT-5-trang-noto-serif.pdf"));
  auto v2 = post(author, path(id, "/versions"),
                 R"({"fileId":)" + std::to_string(fid) + R"(,"note":"Đã sửa"})", 201)
                .json();
  EXPECT_EQ(v2->getArray("versions")->size(), 2u);
  post(author, path(id, "/submit"), "{}", 200);
  auto approved = post(leader, path(id, "/approve"), R"({"note":"Đồng ý"})", 200).json();
  EXPECT_EQ(jsonStr(approved->getObject("document"), "status"), "approved");
  EXPECT_EQ(jsonStr(approved->getObject("document"), "signerName"), "Lê Quang Hùng");
  EXPECT_TRUE(hasAction(approved, "sign"));
  EXPECT_EQ(post(author, path(id, "/versions"), R"({"fileId":)" + std::to_string(fid) + "}", 409)
                .errorCode(),
            "invalid_transition");

  // Electronic issue comes after the leader's digital signature: out of order here, unchanged.
  auto s1 = snapshot();
  EXPECT_EQ(post(clerk, path(id, "/issue"), R"({"form":"electronic"})", 409).errorCode(),
            "invalid_transition");
  EXPECT_EQ(snapshot(), s1);
  EXPECT_EQ(status(id), "approved");

  std::string recipients = R"({"form":"paper","recipientUnitIds":[)" +
                           std::to_string(unitOf("chutoa")) + R"(],"recipientUserIds":[)" +
                           std::to_string(userId("daibieu1")) + "]}";
  EXPECT_EQ(post(author, path(id, "/issue"), recipients, 403).errorCode(), "forbidden");
  auto issued = post(clerk, path(id, "/issue"), recipients, 200).json();
  auto doc = issued->getObject("document");
  EXPECT_EQ(jsonStr(doc, "status"), "issued");
  EXPECT_EQ(jsonStr(doc, "issueForm"), "paper");
  EXPECT_EQ(jsonStr(doc, "issuedDate"), service::calendar::today().str());
  EXPECT_FALSE(jsonStr(doc, "number").empty());
  EXPECT_EQ(jsonStr(issued->getObject("register"), "kind"), "outgoing");
  EXPECT_EQ(issued->getArray("deliveries")->size(), 2u);

  // Recipients outside the unit now see it in their inbox and can open it.
  auto& delegate = as("daibieu1");
  auto inbox = delegate.get("/api/v1/inbox").json();
  bool found = false;
  auto items = inbox->getArray("items");
  for (std::size_t i = 0; i < items->size(); ++i)
    found = found ||
            jsonInt(items->getObject(static_cast<unsigned>(i))->getObject("document"), "id") == id;
  EXPECT_TRUE(found);
  EXPECT_EQ(delegate.get(path(id)).status, 200);
  EXPECT_EQ(as("chutoa").get(path(id)).status, 200);
  auto issuedList = as("chutoa").get("/api/v1/documents?status=issued").json()->getArray("items");
  found = false;
  for (std::size_t i = 0; i < issuedList->size(); ++i)
    found = found || jsonInt(issuedList->getObject(static_cast<unsigned>(i)), "id") == id;
  EXPECT_TRUE(found) << "GET /documents?status=issued lists it for a recipient unit";
  auto file = delegate.get(path(id, "/file"));
  EXPECT_EQ(file.status, 200);
  EXPECT_EQ(file.body.substr(0, 5), "%PDF-");

  // The clerk files the scan of the signed, stamped paper original: kept as is.
  auto scan = upload(clerk, sample("11-scan-quyet-dinh-1-trang.pdf"));
  auto withScan =
      post(clerk, path(id, "/versions"), R"({"fileId":)" + std::to_string(scan) + "}", 201).json();
  auto versions = withScan->getArray("versions");
  auto last = versions->getObject(static_cast<unsigned>(versions->size() - 1));
  EXPECT_EQ(jsonStr(last, "kind"), "scan");
  EXPECT_TRUE(last->getValue<bool>("immutable"));

  // Revocation freezes the document and records who and why.
  EXPECT_EQ(post(leader, path(id, "/revoke"), "{}", 400).errorCode(), "invalid_field");
  auto revoked =
      post(leader, path(id, "/revoke"), R"({"reason":"Sai căn cứ ban hành"})", 200).json();
  EXPECT_EQ(jsonStr(revoked->getObject("revocation"), "reason"), "Sai căn cứ ban hành");
  EXPECT_EQ(jsonStr(revoked->getObject("revocation")->getObject("by"), "fullName"),
            "Lê Quang Hùng");
  auto s2 = snapshot();
  EXPECT_EQ(post(leader, path(id, "/sign"), "{}", 409).errorCode(), "invalid_transition");
  EXPECT_EQ(post(clerk, path(id, "/issue"), R"({"form":"paper"})", 409).errorCode(),
            "invalid_transition");
  EXPECT_EQ(post(leader, path(id, "/comments"), R"({"text":"?"})", 409).errorCode(),
            "invalid_transition");
  EXPECT_EQ(post(leader, path(id, "/revoke"), R"({"reason":"again"})", 409).errorCode(),
            "invalid_transition");
  EXPECT_EQ(snapshot(), s2);
}

TEST_P(DocFlow, SigningARevokedDocumentIsRefusedByState) {
  auto id = draft();
  auto& author = as("chuyenvien");
  auto& leader = as("lanhdao");
  post(author, path(id, "/submit"), "{}", 200);
  post(leader, path(id, "/approve"), "{}", 200);
  EXPECT_TRUE(hasAction(detail(leader, id), "sign"));
  post(leader, path(id, "/revoke"), R"({"reason":"Không ban hành nữa"})", 200);
  auto d = detail(leader, id);
  for (const char* a : {"sign", "issuePaper", "revoke", "comment"}) {
    EXPECT_FALSE(hasAction(d, a)) << a;
  }
  as("vanthu");  // log in first: a login is an audit entry
  auto s = snapshot();
  // The state is checked before the signer: a 409, whatever the signing library can do.
  EXPECT_EQ(post(leader, path(id, "/sign"), "{}", 409).errorCode(), "invalid_transition");
  EXPECT_EQ(post(as("vanthu"), path(id, "/issue"), R"({"form":"electronic"})", 409).errorCode(),
            "invalid_transition");
  EXPECT_EQ(snapshot(), s);
}

TEST_P(DocFlow, VersionsAreAppendOnlyInTheDatabase) {
  auto id = registerIncoming();
  auto lease = server_->runtime().db().acquire();
  EXPECT_THROW(
      lease->execute("UPDATE document_versions SET note = 'x' WHERE document_id = ?", {id}),
      store::DbError);
  EXPECT_THROW(lease->execute("DELETE FROM document_versions WHERE document_id = ?", {id}),
               store::DbError);
  EXPECT_EQ(
      lease->queryOne("SELECT COUNT(*) AS n FROM document_versions WHERE document_id = ?", {id})
          ->getInt("n"),
      1);
}

TEST_P(DocFlow, ScansQueueOcrAndImagesAreAccepted) {
  auto s = snapshot();
  auto pdfScan = registerIncoming("", "12-scan-cong-van-2-trang.pdf");
  EXPECT_EQ(snapshot().ocrJobs, s.ocrJobs + 1);
  auto d = detail(as("vanthu"), pdfScan);
  EXPECT_EQ(jsonStr(d->getArray("versions")->getObject(0), "kind"), "scan");
  EXPECT_EQ(jsonInt(d->getObject("document"), "pageCount"), 2);
  // A PNG scan: one page, OCR queued.
  std::string png = "\x89PNG\r\n\x1a\n" + std::string(64, '\0');
  auto fid = upload(as("vanthu"), png, "image/png", "scan.png");
  auto r = as("vanthu").postJson(
      "/api/v1/documents/incoming",
      R"({"fileId":)" + std::to_string(fid) +
          R"~(,"type":"to_trinh","subject":"Tờ trình (ảnh chụp)","issuer":"Huyện A"})~");
  EXPECT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(snapshot().ocrJobs, s.ocrJobs + 2);
}

INSTANTIATE_TEST_SUITE_P(Backends, DocFlow, ::testing::Values(Backend::Sqlite, Backend::Mysql),
                         BackendNamer());
