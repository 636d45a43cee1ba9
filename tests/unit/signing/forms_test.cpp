// Number and date after approval: the leader signs the draft, then the clerk fills số/ký hiệu
// and ngày ban hành AND adds the organisation signature in one incremental update.
#include <gtest/gtest.h>

#include "chancery/signing/error.h"
#include "chancery/signing/signer.h"
#include "chancery/signing/verifier.h"
#include "pdf_reader.h"
#include "test_env.h"

namespace chancery::signing::test {
namespace {

TEST(FormFilling, ClerkFillsFieldsAndSignsInOneUpdate) {
  std::string draft = slurp(sharedDir() + "/pdfs-vi/07-phieu-yeu-cau-bieu-mau-dien.pdf");
  SignOptions leader;
  leader.fieldName = "LanhDao";
  std::string approved = signPdf(draft, Env::get().p12("signer1"), leader);
  std::size_t revisionsBefore = pdf::Reader(approved).revisions().size();

  SignOptions clerk;
  clerk.fieldName = "VanThu";
  clerk.fillFields = {{"so_giay_to", "12/QĐ-UBND"}, {"ngay_cap", "ngày 22 tháng 11 năm 2026"}};
  clerk.appearance.kind = AppearanceKind::OrganisationText;
  clerk.appearance.name = "UBND TỈNH BẮC AN";
  clerk.appearance.documentNumber = "Số: 12/QĐ-UBND";
  std::string issued = signPdf(approved, Env::get().p12("signer2"), clerk);
  ASSERT_EQ(0, issued.compare(0, approved.size(), approved));
  EXPECT_EQ(pdf::Reader(issued).revisions().size(), revisionsBefore + 1) << "not one update";

  VerifyOptions v;
  v.trustAnchorFiles = {Env::get().path("root.pem")};
  VerificationReport r = verifyPdf(issued, v);
  ASSERT_EQ(r.signatures.size(), 2u);
  EXPECT_TRUE(r.allValid()) << toText(r);
  EXPECT_EQ(r.signatures[0].changesAfter, ChangeKind::FormFilling) << toText(r);
  EXPECT_EQ(r.signatures[1].changesAfter, ChangeKind::None);

  std::string path = Env::get().scratch("issued.pdf");
  spit(path, issued);
  PdfsigResult ps = pdfsig(path);
  EXPECT_EQ(ps.valid, 2) << ps.output;
  EXPECT_EQ(ps.trusted, 2) << ps.output;
  EXPECT_TRUE(qpdfCheck(path));
  std::string text = run("pdftotext -layout '" + path + "' -");
  EXPECT_NE(text.find("12/QĐ-UBND"), std::string::npos) << text;
  EXPECT_NE(text.find("ngày 22 tháng 11 năm 2026"), std::string::npos) << text;
  // qpdf reads the field value back as Unicode.
  std::string json = run("qpdf --json --json-key=acroform '" + path + "'");
  EXPECT_NE(json.find("\"value\": \"u:12/QĐ-UBND\""), std::string::npos) << json.substr(0, 2000);
}

TEST(FormFilling, UnknownOrNonTextFieldIsRefused) {
  std::string draft = slurp(sharedDir() + "/pdfs-vi/07-phieu-yeu-cau-bieu-mau-dien.pdf");
  SignOptions o;
  o.fillFields = {{"khong_co", "x"}};
  try {
    signPdf(draft, Env::get().p12("signer2"), o);
    FAIL() << "an unknown field was accepted";
  } catch (const SigningError& e) {
    EXPECT_EQ(e.code(), ErrorCode::FieldNotFound);
  }
  o.fillFields = {{"nhan_email", "x"}};  // a checkbox
  EXPECT_THROW(signPdf(draft, Env::get().p12("signer2"), o), SigningError);
}

}  // namespace
}  // namespace chancery::signing::test
