// The edXML codec on its own: write → parse gives the same envelope and status message, and
// hostile or broken input is refused with the element path and the right error.
#include "service/edxml.h"
#include "service/errors.h"

#include <gtest/gtest.h>

using namespace chancery::service;
using namespace chancery::service::edxml;

namespace {

Envelope sample() {
  Envelope e;
  e.from = {"000.00.12.H53", "Văn phòng Đoàn ĐBQH và HĐND tỉnh Bắc An", "Số 1 đường Trần Hưng Đạo",
            "vp@bacan.gov.vn", "0209 3 870 000"};
  e.to = {{"000.00.00.G22", "Sở Tư pháp tỉnh Bắc An", "", "", ""},
          {"000.00.00.G23", "Sở Nội vụ", "", "", ""}};
  e.documentId = "000.00.12.H53,2026/03/05,12/QĐ-VP";
  e.codeNumber = "12";
  e.codeNotation = "QĐ-VP";
  e.place = "Bắc An";
  e.promulgationDate = "2026-03-05";
  e.typeName = "Quyết định";
  e.typeDetail = 2;
  e.subject = "Về việc ban hành Quy chế <tạm thời> & \"mẫu\"";
  e.content = "Dòng 1\nDòng 2";
  e.signerCompetence = "TM.";
  e.signerPosition = "CHÁNH VĂN PHÒNG";
  e.signerFullName = "Lê Quang Hùng";
  e.dueDate = "2026-03-20";
  e.toPlaces = {"Như Điều 3;", "Lưu: VT."};
  e.priority = 3;
  e.promulgationAmount = 7;
  e.pageAmount = 2;
  e.traces = {{"000.00.12.H53", "2026/03/05 09:30:00"}};
  e.businessDocReason = "Văn bản điện tử mới";
  e.attachments = {{"c1", "quyet-dinh.pdf", "application/pdf", "Văn bản",
                    std::string("%PDF-1.7\n\0\xff\x01 binary", 22)},
                   {"c2", "phụ lục.txt", "text/plain", "Phụ lục", "văn bản thuần"}};
  return e;
}

Error parseError(const std::string& xml, const Limits& limits = {}) {
  try {
    parseEnvelope(xml, limits);
  } catch (const Error& e) {
    return e;
  }
  ADD_FAILURE() << "parsed: " << xml.substr(0, 200);
  return Error(ErrorKind::BadRequest, "none", "none");
}

}  // namespace

TEST(Edxml, EnvelopeRoundTrip) {
  Envelope in = sample();
  std::string xml = writeEnvelope(in);
  EXPECT_NE(xml.find("<edXML xmlns=\"http://www.mic.gov.vn/TBT/QCVN_102_2016\">"),
            std::string::npos);
  EXPECT_NE(xml.find("&lt;tạm thời&gt; &amp;"), std::string::npos);
  EXPECT_NE(xml.find("<edXML:PromulgationDate>2026/03/05</edXML:PromulgationDate>"),
            std::string::npos);
  Envelope out = parseEnvelope(xml, {});
  EXPECT_EQ(out.from.organId, in.from.organId);
  EXPECT_EQ(out.from.organName, in.from.organName);
  ASSERT_EQ(out.to.size(), 2u);
  EXPECT_EQ(out.to[1].organId, "000.00.00.G23");
  EXPECT_EQ(out.documentId, in.documentId);
  EXPECT_EQ(out.codeNumber, "12");
  EXPECT_EQ(out.codeNotation, "QĐ-VP");
  EXPECT_EQ(out.promulgationDate, "2026-03-05");
  EXPECT_EQ(out.typeName, "Quyết định");
  EXPECT_EQ(out.typeDetail, 2);
  EXPECT_EQ(out.subject, in.subject);
  EXPECT_EQ(out.content, in.content);
  EXPECT_EQ(out.signerFullName, "Lê Quang Hùng");
  EXPECT_EQ(out.dueDate, "2026-03-20");
  EXPECT_EQ(out.toPlaces, in.toPlaces);
  EXPECT_EQ(out.priority, 3);
  EXPECT_EQ(out.promulgationAmount, 7);
  EXPECT_EQ(out.pageAmount, 2);
  ASSERT_EQ(out.traces.size(), 1u);
  EXPECT_EQ(out.traces[0].timestamp, "2026/03/05 09:30:00");
  ASSERT_EQ(out.attachments.size(), 2u);
  EXPECT_EQ(out.attachments[0].bytes, in.attachments[0].bytes);
  EXPECT_EQ(out.attachments[1].name, "phụ lục.txt");
  EXPECT_EQ(out.attachments[1].bytes, "văn bản thuần");
}

TEST(Edxml, StatusRoundTripAndCodes) {
  StatusMessage s;
  s.from = {"000.00.00.G22", "Sở Tư pháp", "", "", ""};
  s.responseForOrganId = "000.00.12.H53";
  s.responseForCodeNumber = "12";
  s.responseForCodeNotation = "QĐ-VP";
  s.responseForDate = "2026-03-05";
  s.responseForDocumentId = "000.00.12.H53,2026/03/05,12/QĐ-VP";
  s.statusCode = "05";
  s.description = "Đang xử lý";
  s.timestamp = "2026/03/06 08:00:00";
  s.staffName = "Nguyễn Văn A";
  auto out = parseStatus(writeStatus(s), {});
  EXPECT_EQ(out.statusCode, "05");
  EXPECT_EQ(out.responseForDocumentId, s.responseForDocumentId);
  EXPECT_EQ(out.responseForDate, "2026-03-05");
  EXPECT_EQ(out.staffName, "Nguyễn Văn A");
  for (const char* code : {"01", "02", "03", "04", "05", "06", "13", "15", "16"}) {
    EXPECT_TRUE(findStatus(code)) << code;
  }
  EXPECT_FALSE(findStatus("07"));
  s.statusCode = "07";
  EXPECT_THROW(parseStatus(writeStatus(s), {}), Error);
}

TEST(Edxml, MissingElementsAreNamedByPath) {
  std::string xml = writeEnvelope(sample());
  auto cut = [&](const std::string& element) {
    std::string open = "<edXML:" + element + ">", close = "</edXML:" + element + ">";
    auto a = xml.find(open), b = xml.find(close);
    return xml.substr(0, a) + xml.substr(b + close.size());
  };
  const std::string m = "/edXML/edXMLEnvelope/edXMLHeader/MessageHeader";
  EXPECT_EQ(parseError(cut("Subject")).field(), m + "/Subject");
  EXPECT_EQ(parseError(cut("DocumentId")).field(), m + "/DocumentId");
  EXPECT_EQ(parseError(cut("CodeNotation")).field(), m + "/Code/CodeNotation");
  EXPECT_EQ(parseError(cut("From")).field(), m + "/From");
  EXPECT_EQ(parseError(cut("PromulgationInfo")).field(), m + "/PromulgationInfo");
  auto e = parseError(cut("MessageHeader"));
  EXPECT_EQ(e.code(), "invalid_edxml");
  EXPECT_EQ(e.kind(), ErrorKind::Unprocessable);
}

TEST(Edxml, HostileInputIsRefusedBeforeOrWhileParsing) {
  std::string good = writeEnvelope(sample());
  EXPECT_EQ(parseError("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY a \"b\">]><edXML>&a;</edXML>")
                .code(),
            "invalid_xml");
  EXPECT_EQ(
      parseError(
          "<?xml version=\"1.0\"?><!DOCTYPE x SYSTEM \"http://example.invalid/x.dtd\"><edXML/>")
          .code(),
      "invalid_xml");
  EXPECT_EQ(parseError("<edXML>&undefined;</edXML>").code(), "invalid_xml");
  std::string deep;
  for (int i = 0; i < 40; ++i)
    deep += "<a>";
  EXPECT_EQ(parseError("<edXML>" + deep).code(), "invalid_edxml");
  std::string many = "<edXML>";
  for (int i = 0; i < 300; ++i)
    many += "<x/>";
  Limits few;
  few.maxElements = 100;
  EXPECT_EQ(parseError(many + "</edXML>", few).code(), "invalid_edxml");
  Limits small;
  small.maxBytes = 1000;
  EXPECT_EQ(parseError(good, small).code(), "envelope_too_large");
  Limits tiny;
  tiny.maxAttachmentBytes = 10;
  auto big = parseError(good, tiny);
  EXPECT_EQ(big.code(), "attachment_too_large");
  EXPECT_EQ(big.kind(), ErrorKind::PayloadTooLarge);
  EXPECT_EQ(big.field(), "/edXML/AttachmentEncoded/Attachment/ContentTransferEncoded");
  std::string latin1 = good;
  latin1.replace(latin1.find("UTF-8"), 5, "ISO-8859-1");
  EXPECT_EQ(parseError(latin1).code(), "unsupported_encoding");
  EXPECT_EQ(parseError(std::string("\xFE\xFF\0<", 4)).code(), "unsupported_encoding");
  EXPECT_EQ(parseError("<edXML>\xC3\x28</edXML>").code(), "invalid_utf8");
  std::string padded = good;
  auto at = padded.find("<ContentTransferEncoded>") + 24;
  padded.insert(at, "A===");
  EXPECT_EQ(parseError(padded).code(), "invalid_edxml");
  // A UTF-8 byte order mark is fine.
  EXPECT_NO_THROW(parseEnvelope("\xEF\xBB\xBF" + good, {}));
}

TEST(Edxml, Dates) {
  EXPECT_EQ(toEdxmlDate("2026-03-05"), "2026/03/05");
  EXPECT_EQ(fromEdxmlDate("2026/03/05"), "2026-03-05");
  EXPECT_EQ(fromEdxmlDate("2026-03-05T10:00:00"), "2026-03-05");
  EXPECT_FALSE(fromEdxmlDate("05/03/2026"));
  EXPECT_FALSE(fromEdxmlDate("2026/02/30"));
}
