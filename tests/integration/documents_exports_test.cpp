// Exports on both backends: registers as the printed book (PDF; pdftotext reads the Vietnamese
// back) and as CSV for a period; records (hồ sơ) as one PDF bundle and as XML.
#include "documents_support.h"
#include "service/calendar.h"

#include <algorithm>
#include <fstream>

using namespace chancery;
using namespace chancery::testing;

class Exports : public DocsTest {
protected:
  std::string pdfText(const std::string& pdf, int* pages = nullptr) {
    auto file = server_->dataDir() / ("export-" + std::to_string(++files_) + ".pdf");
    std::ofstream(file, std::ios::binary) << pdf;
    std::string text, info;
    EXPECT_EQ(run("pdftotext -enc UTF-8 " + file.string() + " -", &text), 0) << text;
    // Table cells wrap: compare without white space (needles go through squeeze()).
    text.erase(
        std::remove_if(text.begin(), text.end(), [](char c) { return c == ' ' || c == '\n'; }),
        text.end());
    if (pages) {
      EXPECT_EQ(run("pdfinfo " + file.string(), &info), 0) << info;
      auto at = info.find("Pages:");
      *pages = at == std::string::npos ? -1 : std::stoi(info.substr(at + 6));
    }
    return text;
  }
  std::int64_t registerId(std::int64_t documentId) {
    return jsonInt(detail(as("vanthu"), documentId)->getObject("register"), "id");
  }
  static std::string squeeze(std::string s) {
    s.erase(std::remove_if(s.begin(), s.end(), [](char c) { return c == ' ' || c == '\n'; }),
            s.end());
    return s;
  }
  int files_ = 0;
};

TEST_P(Exports, IncomingRegisterAsPdfAndCsv) {
  auto id = registerIncoming(
      R"(,"subject":"Về việc tăng cường quản lý đất đai ở xã Đồng Hỷ","number":"318","notation":"UBND-TNMT","sender":"UBND huyện Đồng Hỷ")");
  post(as("lanhdao"), "/api/v1/documents/" + std::to_string(id) + "/assign",
       R"({"leadUserId":)" + std::to_string(userId("chuyenvien")) + "}", 200);
  auto reg = registerId(id);
  auto today = service::calendar::today().str();
  auto& clerk = as("vanthu");
  auto pdf = clerk.get("/api/v1/registers/" + std::to_string(reg) +
                       "/export?format=pdf&from=" + today + "&to=" + today);
  ASSERT_EQ(pdf.status, 200) << pdf.body;
  EXPECT_EQ(pdf.headers["content-type"], "application/pdf");
  EXPECT_NE(pdf.headers["content-disposition"].find("attachment"), std::string::npos);
  auto text = pdfText(pdf.body);
  EXPECT_NE(text.find(squeeze("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN")), std::string::npos) << text.substr(0, 500);
  EXPECT_NE(text.find(squeeze("tăng cường quản lý đất đai")), std::string::npos);
  // Cells wrap and pdftotext interleaves neighbouring cells line by line: look for pieces that
  // sit on one line.
  EXPECT_NE(text.find(squeeze("318/UBND")), std::string::npos) << text.substr(0, 3000);
  EXPECT_NE(text.find(squeeze("Trần Văn Minh")), std::string::npos) << "the handler column";
  EXPECT_NE(text.find(squeeze("Văn phòng Đoàn ĐBQH")), std::string::npos);

  auto csv = clerk.get("/api/v1/registers/" + std::to_string(reg) +
                       "/export?format=csv&from=" + today + "&to=" + today);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.headers["content-type"], "text/csv; charset=utf-8");
  EXPECT_EQ(csv.body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.body.find("Ngày đến,Số đến,"), std::string::npos);
  EXPECT_NE(csv.body.find("Công văn: Về việc tăng cường quản lý đất đai ở xã Đồng Hỷ"),
            std::string::npos);
  EXPECT_NE(csv.body.find("UBND huyện Đồng Hỷ"), std::string::npos);

  // An empty period still prints the book's header; a bad period is refused.
  auto empty = clerk.get("/api/v1/registers/" + std::to_string(reg) +
                         "/export?format=pdf&from=2001-01-01&to=2001-01-31");
  ASSERT_EQ(empty.status, 200);
  EXPECT_NE(pdfText(empty.body).find(squeeze("không có văn bản")), std::string::npos);
  {
    auto lease = server_->runtime().db().acquire();
    EXPECT_EQ(lease
                  ->queryOne("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'register.export' AND "
                             "object_id = ?",
                             {std::to_string(reg)})
                  ->getInt("n"),
              3)
        << "each export is in the audit chain";
  }
  EXPECT_EQ(clerk.get("/api/v1/registers/" + std::to_string(reg) + "/export?format=doc").status,
            400);
  EXPECT_EQ(
      clerk.get("/api/v1/registers/" + std::to_string(reg) + "/export?from=2026-02-30").status,
      400);
  EXPECT_EQ(as("lanhdao").get("/api/v1/registers/999999/export").status, 404);
}

TEST_P(Exports, OutgoingRegisterListsIssuedDocuments) {
  auto id = draft(R"(,"subject":"Quyết định thành lập Tổ giúp việc kỳ họp","copies":12)");
  post(as("chuyenvien"), "/api/v1/documents/" + std::to_string(id) + "/submit", "{}", 200);
  post(as("lanhdao"), "/api/v1/documents/" + std::to_string(id) + "/approve", "{}", 200);
  auto issued = post(as("vanthu"), "/api/v1/documents/" + std::to_string(id) + "/issue",
                     R"({"form":"paper"})", 200)
                    .json();
  auto number = jsonStr(issued->getObject("document"), "numberAndNotation");
  auto reg = jsonInt(issued->getObject("register"), "id");
  auto text = pdfText(
      as("vanthu").get("/api/v1/registers/" + std::to_string(reg) + "/export?format=pdf").body);
  EXPECT_NE(text.find(squeeze("SỔ ĐĂNG KÝ VĂN BẢN ĐI")), std::string::npos);
  EXPECT_NE(text.find(squeeze(number)), std::string::npos) << number;
  EXPECT_NE(text.find(squeeze("Quyết định thành lập")), std::string::npos) << text.substr(0, 3000);
  EXPECT_NE(text.find(squeeze("Lê Quang Hùng")), std::string::npos) << "the signer column";
}

TEST_P(Exports, RecordBundleAndXml) {
  auto& clerk = as("vanthu");
  auto a = registerIncoming("", "02-nghi-quyet-HDTP-6-trang.pdf");
  auto b = registerIncoming("", "04-cong-van-co-bang.pdf");
  auto secret = registerIncoming(R"(,"secrecy":"secret")", "08-giay-moi-A5-ngang.pdf");
  auto created =
      post(clerk, "/api/v1/records",
           R"({"code":"02.VP/2026","title":"Hồ sơ giám sát ngân sách","retentionYears":10})", 201)
          .json();
  auto rid = jsonInt(created->getObject("record"), "id");
  std::string base = "/api/v1/records/" + std::to_string(rid);
  for (auto id : {a, b, secret})
    post(clerk, base + "/documents", R"({"documentId":)" + std::to_string(id) + "}", 200);
  EXPECT_EQ(post(clerk, "/api/v1/records", R"({"code":"02.VP/2026","title":"Trùng mã"})", 409)
                .errorCode(),
            "record_code_taken");
  // A document may be in several records.
  auto other =
      post(clerk, "/api/v1/records", R"({"code":"03.VP/2026","title":"Hồ sơ khác"})", 201).json();
  post(clerk,
       "/api/v1/records/" + std::to_string(jsonInt(other->getObject("record"), "id")) +
           "/documents",
       R"({"documentId":)" + std::to_string(a) + "}", 200);
  EXPECT_EQ(detail(clerk, a)->getArray("recordIds")->size(), 2u);

  int pages = 0;
  auto bundle = clerk.get(base + "/export?format=pdf");
  ASSERT_EQ(bundle.status, 200) << bundle.body.substr(0, 300);
  auto text = pdfText(bundle.body, &pages);
  EXPECT_GE(pages, 1 + 6 + 4 + 1);  // contents sheet, then each current version
  EXPECT_NE(text.find(squeeze("HỒ SƠ 02.VP/2026")), std::string::npos);
  EXPECT_NE(text.find(squeeze("Hồ sơ giám sát ngân sách")), std::string::npos);
  EXPECT_NE(text.find(squeeze("Nguyễn Thị Thu")), std::string::npos)
      << "the secret part is stamped for the reader";

  auto xml = clerk.get(base + "/export?format=xml");
  ASSERT_EQ(xml.status, 200);
  EXPECT_NE(xml.body.find("<record xmlns=\"urn:chancery:record:1\" code=\"02.VP/2026\">"),
            std::string::npos);
  EXPECT_NE(xml.body.find("<retention>10 năm</retention>"), std::string::npos);
  EXPECT_NE(xml.body.find("document id=\"" + std::to_string(secret) + "\""), std::string::npos);

  // A colleague not named on the secret document sees the record without it.
  auto& colleague = as("chuyenvien");
  auto seen = colleague.get(base).json()->getArray("documents");
  EXPECT_EQ(seen->size(), 2u);
  auto theirs = colleague.get(base + "/export?format=xml");
  EXPECT_EQ(theirs.body.find("document id=\"" + std::to_string(secret) + "\""), std::string::npos);
  EXPECT_EQ(
      post(colleague, base + "/documents", R"({"documentId":)" + std::to_string(secret) + "}", 400)
          .errorCode(),
      "invalid_field");
  EXPECT_EQ(as("chutoa").get(base).status, 403);  // chairs keep no records
  // Closing the record freezes its contents.
  auto closed = clerk.request("PATCH", base, R"({"status":"closed"})", "application/json");
  EXPECT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(post(clerk, base + "/documents", R"({"documentId":)" + std::to_string(b) + "}", 409)
                .errorCode(),
            "record_closed");
}

INSTANTIATE_TEST_SUITE_P(Backends, Exports, ::testing::Values(Backend::Sqlite, Backend::Mysql),
                         BackendNamer());
