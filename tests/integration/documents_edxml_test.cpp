// edXML interchange through the API on both backends: export → import gives the same metadata
// and files, status messages move a document, and malformed or hostile envelopes are refused
// with the element path and change nothing.
#include "documents_support.h"
#include "service/calendar.h"
#include "util/crypto.h"

using namespace chancery;
using namespace chancery::testing;

class Edxml : public DocsTest {
protected:
  void configure(app::Config& c) override {
    c.documents.maxEdxmlBytes = 1 << 20;
    c.documents.maxEdxmlAttachmentBytes = 128 * 1024;
  }
  // An outgoing document issued on paper, with an attachment.
  std::int64_t issuedWithAttachment() {
    auto id = draft(
        R"(,"recipients":"- UBND các huyện;\n- Lưu: VT.","copies":5,"urgency":"very_urgent","dueDate":")" +
        service::calendar::addDays(service::calendar::today(), 9).str() +
        R"(","signerPosition":"CHÁNH VĂN PHÒNG","place":"Bắc An")");
    auto& author = as("chuyenvien");
    auto att = upload(author, "Phụ lục: danh sách đơn vị\n", "text/plain", "phu-luc.txt");
    post(author, path(id, "/attachments"),
         R"({"fileId":)" + std::to_string(att) + R"(,"title":"Phụ lục"})", 201);
    post(author, path(id, "/submit"), "{}", 200);
    post(as("lanhdao"), path(id, "/approve"), "{}", 200);
    post(as("vanthu"), path(id, "/issue"), R"({"form":"paper"})", 200);
    return id;
  }
  std::string exportXml(std::int64_t id, const std::string& organId = "000.00.12.H53") {
    auto r = as("vanthu").postJson(
        path(id, "/edxml"), R"({"to":[{"organId":")" + organId +
                                R"(","organName":"Văn phòng Đoàn ĐBQH và HĐND tỉnh Bắc An"}]})");
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.headers["content-type"], "application/xml; charset=utf-8");
    return r.body;
  }
  HttpResult import(const std::string& xml, const std::string& type = "application/xml",
                    const std::string& query = "") {
    return as("vanthu").request("POST", "/api/v1/interchange/documents" + query, xml, type);
  }
  void expectRefused(const std::string& xml, int status, const std::string& code,
                     const std::string& field = {}, const std::string& type = "application/xml") {
    auto s = snapshot();
    auto r = import(xml, type);
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(r.errorCode(), code) << r.body;
    if (!field.empty()) {
      EXPECT_EQ(r.json()->getObject("error")->getValue<std::string>("field"), field) << r.body;
    }
    EXPECT_EQ(snapshot(), s) << "a refused envelope left something behind";
    EXPECT_EQ(server_->client().get("/healthz").status, 200);
  }
  static std::string path(std::int64_t id, const std::string& tail = "") {
    return "/api/v1/documents/" + std::to_string(id) + tail;
  }
  static std::string replace(std::string s, const std::string& from, const std::string& to) {
    auto at = s.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) s.replace(at, from.size(), to);
    return s;
  }
  static std::string statusXml(const std::string& documentId, const std::string& code) {
    return R"(<?xml version="1.0" encoding="UTF-8"?><edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLEnvelope><edXMLHeader><Status><ResponseFor><OrganId>000.00.12.H53</OrganId><DocumentId>)" +
           documentId +
           R"(</DocumentId></ResponseFor><From><OrganId>000.00.00.G22</OrganId><OrganName>Sở Tư pháp</OrganName></From><StatusCode>)" +
           code +
           R"(</StatusCode><Description>ok</Description></Status></edXMLHeader></edXMLEnvelope></edXML>)";
  }
};

TEST_P(Edxml, ExportThenImportKeepsMetadataAndFiles) {
  auto id = issuedWithAttachment();
  auto original = detail(as("vanthu"), id);
  auto xml = exportXml(id);
  EXPECT_NE(
      xml.find("<edXML:edXMLEnvelope xmlns:edXML=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">"),
      std::string::npos);
  EXPECT_NE(xml.find("<edXML:Priority>2</edXML:Priority>"), std::string::npos);
  EXPECT_NE(xml.find("<edXML:TypeName>Quyết định</edXML:TypeName>"), std::string::npos);

  auto r = import(xml);
  ASSERT_EQ(r.status, 201) << r.body;
  auto imported = r.json();
  auto a = original->getObject("document");
  auto b = imported->getObject("document");
  EXPECT_EQ(jsonStr(b, "direction"), "incoming");
  EXPECT_EQ(jsonStr(b, "status"), "registered");
  for (const char* key :
       {"type", "number", "notation", "subject", "issuer", "issuedDate", "signerName",
        "signerPosition", "urgency", "dueDate", "recipients", "place"})
    EXPECT_EQ(b->get(key).toString(), a->get(key).toString()) << key;
  EXPECT_EQ(jsonInt(b, "pageCount"), jsonInt(a, "pageCount"));
  EXPECT_EQ(jsonInt(b, "copies"), 5);
  EXPECT_EQ(jsonStr(b, "sender"), jsonStr(a, "issuer"));
  EXPECT_EQ(jsonStr(b, "interchangeStatus"), "01");
  auto va = original->getArray("versions"), vb = imported->getArray("versions");
  EXPECT_EQ(jsonStr(vb->getObject(0), "sha256"),
            jsonStr(va->getObject(static_cast<unsigned>(va->size() - 1)), "sha256"));
  EXPECT_EQ(jsonStr(vb->getObject(0), "kind"), "imported");
  auto aa = original->getArray("attachments"), ab = imported->getArray("attachments");
  ASSERT_EQ(ab->size(), aa->size());
  EXPECT_EQ(jsonStr(ab->getObject(0), "sha256"), jsonStr(aa->getObject(0), "sha256"));
  EXPECT_EQ(jsonStr(ab->getObject(0), "fileName"), "phu-luc.txt");
  EXPECT_FALSE(imported->getObject("register")->isNull("number"));

  // The same envelope twice is refused; nothing is registered again.
  auto s = snapshot();
  auto again = import(xml);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(again.errorCode(), "already_imported");
  EXPECT_EQ(snapshot(), s);
  // Under another DocumentId, with an attachment never seen before, it is a duplicate of the
  // registered document: refused before any blob is written, unless overridden.
  auto documentId = jsonStr(b, "numberAndNotation");
  std::string renamed = replace(xml, "," + documentId + "</edXML:DocumentId>",
                                ",again-" + documentId + "</edXML:DocumentId>");
  auto b64 =
      renamed.rfind("<ContentTransferEncoded>") + std::string("<ContentTransferEncoded>").size();
  renamed.replace(b64, renamed.find("</ContentTransferEncoded>", b64) - b64,
                  "UGjhu6UgbOG7pWMgbeG7m2kK");  // "Phụ lục mới"
  auto dup = import(renamed);
  EXPECT_EQ(dup.status, 409) << dup.body;
  EXPECT_EQ(dup.errorCode(), "duplicate_document");
  EXPECT_EQ(snapshot(), s);
  EXPECT_EQ(import(renamed, "application/xml", "?allowDuplicate=true").status, 201);
}

TEST_P(Edxml, StatusMessagesFollowTheDocument) {
  auto id = issuedWithAttachment();
  auto xml = exportXml(id);
  auto incoming = jsonInt(import(xml).json()->getObject("document"), "id");
  auto edxmlId = detail(as("vanthu"), id)
                     ->getArray("interchange")
                     ->getObject(0)
                     ->getValue<std::string>("edxmlDocumentId");
  ASSERT_FALSE(edxmlId.empty());

  // We tell the sender we accepted it (03).
  auto st = as("vanthu").postJson(path(incoming, "/edxml/status"), R"({"statusCode":"03"})");
  ASSERT_EQ(st.status, 200) << st.body;
  EXPECT_NE(st.body.find("<edXML:StatusCode>03</edXML:StatusCode>"), std::string::npos);
  EXPECT_NE(st.body.find("<edXML:DocumentId>" + edxmlId + "</edXML:DocumentId>"),
            std::string::npos);
  EXPECT_EQ(as("vanthu").postJson(path(incoming, "/edxml/status"), R"({"statusCode":"13"})").status,
            400);

  // A recipient reports it done (06) about our outgoing document.
  auto done = as("vanthu").request("POST", "/api/v1/interchange/status", statusXml(edxmlId, "06"),
                                   "application/xml");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(jsonStr(detail(as("vanthu"), id)->getObject("document"), "interchangeStatus"), "06");
  // The sender revokes (13) what we received: our incoming copy is revoked.
  auto revoke = as("vanthu").request("POST", "/api/v1/interchange/status", statusXml(edxmlId, "13"),
                                     "application/xml");
  // 13 is about a document we received: here the imported copy (its external id), not ours.
  ASSERT_EQ(revoke.status, 200) << revoke.body;
  EXPECT_TRUE(revoke.json()->getValue<bool>("revoked"));
  EXPECT_EQ(status(incoming), "revoked");
  EXPECT_NE(
      jsonStr(detail(as("vanthu"), incoming)->getObject("revocation"), "reason").find("Sở Tư pháp"),
      std::string::npos);
  auto unknown = as("vanthu").request("POST", "/api/v1/interchange/status", statusXml("nope", "06"),
                                      "application/xml");
  EXPECT_EQ(unknown.status, 404);
  auto badCode = as("vanthu").request("POST", "/api/v1/interchange/status",
                                      statusXml(edxmlId, "99"), "application/xml");
  EXPECT_EQ(badCode.status, 422);
}

TEST_P(Edxml, MalformedAndHostileEnvelopesAreRefusedWithThePath) {
  auto id = issuedWithAttachment();
  auto xml = exportXml(id);
  const std::string header = "/edXML/edXMLEnvelope/edXMLHeader/MessageHeader";
  auto subjectStart = xml.find("<edXML:Subject>");
  auto subjectEnd = xml.find("</edXML:Subject>") + std::string("</edXML:Subject>").size();
  std::string noSubject = xml.substr(0, subjectStart) + xml.substr(subjectEnd);
  expectRefused(noSubject, 422, "invalid_edxml", header + "/Subject");
  expectRefused(replace(xml, "<edXML:CodeNotation>",
                        "<edXML:CodeNotation>\n   </edXML:CodeNotation><edXML:X>"),
                400, "invalid_xml");
  std::string badDate = xml;
  auto d =
      badDate.find("<edXML:PromulgationDate>") + std::string("<edXML:PromulgationDate>").size();
  badDate.replace(d, 10, "2026/02/30");
  expectRefused(badDate, 422, "invalid_edxml", header + "/PromulgationInfo/PromulgationDate");
  expectRefused(replace(xml, "<edXML:TypeName>Quyết định</edXML:TypeName>",
                        "<edXML:TypeName>Sắc lệnh</edXML:TypeName>"),
                422, "invalid_edxml", header + "/DocumentType/TypeName");
  expectRefused(
      replace(xml, "<edXML:Priority>2</edXML:Priority>", "<edXML:Priority>9</edXML:Priority>"), 422,
      "invalid_edxml", header + "/OtherInfo/Priority");
  expectRefused(exportXml(id, "000.00.99.Z99"), 422, "not_addressed_here", header + "/To/OrganId");

  // Encodings: only UTF-8.
  expectRefused(replace(xml, "encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\""), 415,
                "unsupported_encoding", "encoding");
  expectRefused(replace(xml, "<edXML:Subject>", "<edXML:Subject>\xC3\x28"), 400, "invalid_utf8");
  expectRefused(std::string("\xFF\xFE<\0e\0", 6), 415, "unsupported_encoding");

  // Entity tricks never reach the parser.
  std::string laughs = "<?xml version=\"1.0\"?><!DOCTYPE edXML [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY "
                       "b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                       "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><edXML>&c;</edXML>";
  expectRefused(laughs, 400, "invalid_xml");
  std::string xxe = "<?xml version=\"1.0\"?><!DOCTYPE edXML [<!ENTITY x SYSTEM "
                    "\"file:///etc/passwd\">]><edXML>&x;</edXML>";
  expectRefused(xxe, 400, "invalid_xml");
  expectRefused("<edXML><unclosed></edXML>", 400, "invalid_xml");
  expectRefused("<other/>", 422, "invalid_edxml", "/other");

  // Attachments: base64 only, within the size limit, of an accepted type.
  auto b64 = xml.find("<ContentTransferEncoded>") + std::string("<ContentTransferEncoded>").size();
  std::string badB64 = xml;
  badB64.insert(b64, "!!!");
  expectRefused(badB64, 422, "invalid_edxml",
                "/edXML/AttachmentEncoded/Attachment/ContentTransferEncoded");
  std::string big = xml;
  big.insert(b64, std::string(200 * 1024, 'A'));
  expectRefused(big, 413, "attachment_too_large",
                "/edXML/AttachmentEncoded/Attachment/ContentTransferEncoded");
  std::string huge = xml;
  huge.insert(huge.find("<edXML:Content>") + 15, std::string(1100 * 1024, 'x'));
  expectRefused(huge, 413, "envelope_too_large");
  expectRefused(replace(xml, "<ContentType>application/pdf</ContentType>",
                        "<ContentType>application/x-msdownload</ContentType>"),
                415, "unsupported_media_type",
                "/edXML/AttachmentEncoded/Attachment[1]/ContentType");
  expectRefused(xml, 415, "unsupported_media_type", "", "text/plain");

  // The untouched envelope still imports.
  EXPECT_EQ(import(xml).status, 201);
}

TEST_P(Edxml, SecretDocumentsAreNeverExported) {
  auto id = registerIncoming(R"(,"secrecy":"confidential")");
  auto r = as("vanthu").postJson(path(id, "/edxml"), R"({"to":[{"organId":"000.00.00.G22"}]})");
  EXPECT_EQ(r.status, 403);
  auto draftId = draft();
  EXPECT_EQ(as("vanthu")
                .postJson(path(draftId, "/edxml"), R"({"to":[{"organId":"000.00.00.G22"}]})")
                .status,
            409);
  EXPECT_EQ(as("vanthu").postJson(path(draftId, "/edxml"), R"({"to":[]})").status, 400);
}

INSTANTIATE_TEST_SUITE_P(Backends, Edxml, ::testing::Values(Backend::Sqlite, Backend::Mysql),
                         BackendNamer());
