// Pure parts of the document flows: the Decree 30 vocabularies, calendar arithmetic in Vietnam
// time, the state machine table, and the PDF tools (checked with pdftotext/pdfinfo).
#include "service/calendar.h"
#include "service/document_flow.h"
#include "service/document_types.h"
#include "service/errors.h"
#include "service/pdf_table.h"
#include "service/pdf_tools.h"
#include "test_support.h"

#include <fstream>
#include <gtest/gtest.h>
#include <set>
#include <sstream>

using namespace chancery;
using namespace chancery::service;

namespace {

std::string readSample(const std::string& name) {
  std::ifstream in(chancery::testing::sharedDir() / "pdfs-vi" / name, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string pdftotext(const std::string& pdf, int* pages = nullptr) {
  chancery::testing::TempDir dir;
  auto file = dir.path() / "t.pdf";
  std::ofstream(file, std::ios::binary) << pdf;
  std::string text, info;
  EXPECT_EQ(chancery::testing::run("pdftotext -enc UTF-8 " + file.string() + " -", &text), 0)
      << text;
  if (pages) {
    chancery::testing::run("pdfinfo " + file.string(), &info);
    auto at = info.find("Pages:");
    *pages = at == std::string::npos ? -1 : std::stoi(info.substr(at + 6));
  }
  return text;
}

store::DocumentRecord doc(const std::string& direction, const std::string& status,
                          std::int64_t unit = 1) {
  store::DocumentRecord d;
  d.direction = direction;
  d.status = status;
  d.unitId = unit;
  return d;
}

Principal person(std::vector<Role> roles, std::int64_t unit = 1, std::int64_t id = 7) {
  Principal p;
  p.userId = id;
  p.unitId = unit;
  p.roles = std::move(roles);
  return p;
}

}  // namespace

TEST(DocumentTypes, TheTwentyNineOfDecree30WithTheirAbbreviations) {
  int administrative = 0;
  std::set<std::string_view> codes, names, abbreviations;
  for (const auto& t : documentTypes()) {
    EXPECT_TRUE(codes.insert(t.code).second) << t.code;
    EXPECT_TRUE(names.insert(t.name).second) << t.name;
    if (!t.administrative) continue;
    ++administrative;
    if (!t.abbreviation.empty()) {
      EXPECT_TRUE(abbreviations.insert(t.abbreviation).second) << t.abbreviation;
    }
  }
  EXPECT_EQ(administrative, 29);
  EXPECT_EQ(findDocumentType("quyet_dinh")->abbreviation, "QĐ");
  EXPECT_EQ(findDocumentType("Quy định")->abbreviation, "QyĐ");
  EXPECT_EQ(findDocumentType("Chương trình")->abbreviation, "CTr");
  EXPECT_EQ(findDocumentType("Tờ trình")->abbreviation, "TTr");
  EXPECT_FALSE(findDocumentType("nghi_dinh")->administrative);
  EXPECT_EQ(findDocumentType("sac_lenh"), nullptr);
  EXPECT_EQ(defaultNotation(*findDocumentType("quyet_dinh"), "UBND"), "QĐ-UBND");
  EXPECT_EQ(defaultNotation(*findDocumentType("cong_van"), "UBND"), "UBND");
}

TEST(Calendar, DatesInVietnamTime) {
  EXPECT_TRUE(calendar::parse("2024-02-29"));
  EXPECT_FALSE(calendar::parse("2023-02-29"));
  EXPECT_FALSE(calendar::parse("2026-13-01"));
  EXPECT_FALSE(calendar::parse("2026-1-01"));
  EXPECT_FALSE(calendar::parse("20260101"));
  for (std::int64_t day : {-1000LL, 0LL, 19000LL, 20820LL, 60000LL})
    EXPECT_EQ(calendar::dayNumber(calendar::fromDayNumber(day)), day);
  // 2026-01-01 00:30 in Hà Nội is still 2025-12-31 in UTC.
  std::int64_t ms = calendar::startMillis({2026, 1, 1}) + 30 * 60 * 1000;
  EXPECT_EQ(calendar::dateOf(ms).str(), "2026-01-01");
  EXPECT_EQ(calendar::dateOf(ms - 60 * 60 * 1000).str(), "2025-12-31");
  EXPECT_EQ(calendar::addDays({2026, 12, 31}, 1).str(), "2027-01-01");
  EXPECT_EQ(calendar::vietnameseLong({2026, 3, 5}), "ngày 05 tháng 3 năm 2026");
  EXPECT_EQ(calendar::vietnameseLong({2026, 1, 15}), "ngày 15 tháng 01 năm 2026");
  EXPECT_EQ(calendar::vietnameseShort({2026, 3, 5}), "05/03/2026");
  EXPECT_EQ(calendar::monthKey(*calendar::parseMonth("2026-11")), "2026-11");
  EXPECT_FALSE(calendar::parseMonth("2026-1"));
}

TEST(DocumentFlow, WhoMayDoWhatInEachState) {
  Principal clerk = person({Role::Clerk}), leader = person({Role::Leader}),
            specialist = person({Role::Specialist});
  Principal otherLeader = person({Role::Leader}, 2);
  Relation none, lead;
  lead.handler = lead.leadHandler = true;
  auto in = doc("incoming", "registered");
  EXPECT_TRUE(allowed(Action::Present, in, clerk, none));
  EXPECT_FALSE(allowed(Action::Present, in, leader, none));
  EXPECT_TRUE(allowed(Action::Assign, in, leader, none));
  EXPECT_FALSE(allowed(Action::Assign, in, otherLeader, none));
  EXPECT_FALSE(allowed(Action::Complete, in, specialist, lead));  // not assigned yet
  in.status = "assigned";
  EXPECT_TRUE(allowed(Action::Complete, in, specialist, lead));
  EXPECT_FALSE(allowed(Action::Complete, in, specialist, none));
  EXPECT_FALSE(allowed(Action::Submit, in, specialist, none));  // an outgoing action

  auto out = doc("outgoing", "draft");
  EXPECT_TRUE(allowed(Action::Submit, out, specialist, none));
  EXPECT_FALSE(allowed(Action::Approve, out, leader, none));
  out.status = "in_review";
  EXPECT_TRUE(allowed(Action::Approve, out, leader, none));
  out.approverId = 99;  // another leader was asked
  EXPECT_FALSE(allowed(Action::Approve, out, leader, none));
  out.status = "approved";
  EXPECT_TRUE(allowed(Action::IssuePaper, out, clerk, none));
  EXPECT_FALSE(allowed(Action::Issue, out, clerk, none));  // electronic issue needs a signature
  out.status = "signed";
  EXPECT_TRUE(allowed(Action::Issue, out, clerk, none));
  out.status = "revoked";
  EXPECT_TRUE(allowedActions(out, leader, none).empty());
  try {
    require(Action::Sign, out, leader, none);
    FAIL() << "signing a revoked document must be refused";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Conflict);
    EXPECT_EQ(e.code(), "invalid_transition");
  }
  EXPECT_EQ(targetOf(Action::Approve, out), DocStatus::Approved);
}

TEST(PdfTools, InspectTellsScansFromTextAndRefusesNonPdfs) {
  auto text = pdf::inspect(readSample("01-quyet-dinh-1-trang.pdf"));
  EXPECT_EQ(text.pages, 1);
  EXPECT_TRUE(text.hasText);
  EXPECT_GT(text.lastPageWidth, 500);
  auto scan = pdf::inspect(readSample("12-scan-cong-van-2-trang.pdf"));
  EXPECT_EQ(scan.pages, 2);
  EXPECT_FALSE(scan.hasText);
  EXPECT_FALSE(pdf::inspect(readSample("11-scan-quyet-dinh-1-trang.pdf")).hasText);
  EXPECT_TRUE(pdf::inspect(readSample("09-ke-hoach-tagged-nhieu-bang.pdf")).hasText);
  try {
    pdf::inspect("%PDF-1.4\ngarbage");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), "invalid_pdf");
  }
  EXPECT_THROW(pdf::inspect("MZ\x90"), Error);
}

TEST(PdfTools, WatermarkNamesTheReaderOnEveryPage) {
  for (const char* file : {"02-nghi-quyet-HDTP-6-trang.pdf", "08-giay-moi-A5-ngang.pdf",
                           "06-quyet-dinh-TTg-PDFA-2b.pdf", "12-scan-cong-van-2-trang.pdf"}) {
    auto original = readSample(file);
    auto marked = pdf::watermark(original, "Bản đọc của Đặng Văn Hải (daibieu7)");
    int pages = 0;
    auto text = pdftotext(marked, &pages);
    std::size_t count = 0;
    for (auto at = text.find("Đặng Văn Hải"); at != std::string::npos;
         at = text.find("Đặng Văn Hải", at + 1))
      ++count;
    EXPECT_EQ(pages, pdf::inspect(original).pages) << file;
    EXPECT_GE(count, static_cast<std::size_t>(pages)) << file;
  }
}

TEST(PdfTools, MergeAndTablesWithVietnameseText) {
  pdf::TableDocument t;
  t.title = "SỔ ĐĂNG KÝ VĂN BẢN ĐẾN";
  t.columns = {{"Số đến", 20}, {"Trích yếu", 120}};
  for (int i = 1; i <= 80; ++i)
    t.rows.push_back(
        {std::to_string(i), "Về việc ủy quyền ký thừa lệnh — dòng " + std::to_string(i)});
  auto table = pdf::renderTable(t);
  int tablePages = 0;
  auto text = pdftotext(table, &tablePages);
  EXPECT_NE(text.find("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN"), std::string::npos);
  EXPECT_NE(text.find("ủy quyền ký thừa lệnh — dòng 80"), std::string::npos);
  EXPECT_GE(tablePages, 2);
  int merged = 0;
  pdftotext(pdf::merge({table, readSample("02-nghi-quyet-HDTP-6-trang.pdf")}), &merged);
  EXPECT_EQ(merged, tablePages + pdf::inspect(readSample("02-nghi-quyet-HDTP-6-trang.pdf")).pages);
  EXPECT_THROW(pdf::merge({table, "not a pdf"}), Error);
}

TEST(PdfTools, ScannedImagesBecomeOnePagePdfs) {
  chancery::testing::TempDir dir;
  auto src = dir.path() / "p.pdf";
  std::ofstream(src, std::ios::binary) << readSample("01-quyet-dinh-1-trang.pdf");
  std::string out;
  ASSERT_EQ(chancery::testing::run("pdftoppm -r 40 -png -singlefile " + src.string() + " " +
                                       (dir.path() / "p").string(),
                                   &out),
            0)
      << out;
  std::ifstream in(dir.path() / "p.png", std::ios::binary);
  std::ostringstream png;
  png << in.rdbuf();
  auto pdfBytes = pdf::imageToPdf(png.str(), "image/png");
  EXPECT_EQ(pdf::inspect(pdfBytes).pages, 1);
  EXPECT_FALSE(pdf::inspect(pdfBytes).hasText);
  EXPECT_THROW(pdf::imageToPdf(std::string("\x89PNG\r\n\x1a\n") + "broken", "image/png"), Error);
  EXPECT_THROW(pdf::imageToPdf("GIF89a", "image/gif"), Error);
}
