// Visible appearances (Decree 30 appendix I): text extracts with diacritics, fonts are embedded
// subsets with ToUnicode, the rendered page shows the blue signature and the red seal where
// they belong, and a seal added later leaves the first signature valid.
#include <gtest/gtest.h>

#include "chancery/signing/signer.h"
#include "chancery/signing/verifier.h"
#include "pdf_reader.h"
#include "test_env.h"
#include "test_images.h"

namespace chancery::signing::test {
namespace {

VerifyOptions trusting() {
  VerifyOptions v;
  v.trustAnchorFiles = {Env::get().path("root.pem")};
  return v;
}

std::string save(const std::string& name, const std::string& pdf) {
  std::string path = Env::get().scratch(name);
  spit(path, pdf);
  return path;
}

std::string render(const std::string& path, int page = 1) {
  std::string prefix = path + ".page";
  run("pdftoppm -png -r 100 -f " + std::to_string(page) + " -l " + std::to_string(page) + " -singlefile '" +
      path + "' '" + prefix + "'");
  return slurp(prefix + ".png");
}

SignOptions signerImage(const std::string& position, const std::string& name, Rect rect) {
  SignOptions o;
  o.appearance.kind = AppearanceKind::SignerImage;
  o.appearance.imagePng = signaturePng();
  o.appearance.position = position;
  o.appearance.name = name;
  o.appearance.rect = rect;
  return o;
}

TEST(Appearance, SignerBlockExtractsAndRendersInVietnamese) {
  std::string original = slurp(sharedDir() + "/pdfs/helloworld.pdf");
  std::string pdf = signPdf(original, Env::get().p12("signer1"),
                            signerImage("Chủ tịch", "Nguyễn Văn A", {10, 70, 180, 125}));
  std::string path = save("signer-block.pdf", pdf);
  std::string text = run("pdftotext -layout '" + path + "' -");
  EXPECT_NE(text.find("Chủ tịch"), std::string::npos) << text;
  EXPECT_NE(text.find("Nguyễn Văn A"), std::string::npos) << text;
  std::string fonts = run("pdffonts '" + path + "'");
  EXPECT_NE(fonts.find("LiberationSerif-Bold"), std::string::npos) << fonts;
  EXPECT_NE(fonts.find("CID TrueType"), std::string::npos) << fonts;
  EXPECT_NE(fonts.find("yes yes yes"), std::string::npos) << fonts;  // embedded, subset, ToUnicode
  // The page is 200x200 pt: the block spans x 10..190, y (from the top) 5..130.
  PixelCounts inBlock = countPixels(render(path), 0.05, 0.025, 0.95, 0.65);
  EXPECT_GT(inBlock.blue, 500) << "signature image not visible";
  EXPECT_GT(inBlock.dark, 100) << "title and name not visible";
  PixelCounts outside = countPixels(render(path), 0, 0.7, 1, 1);
  EXPECT_EQ(outside.blue, 0);
  EXPECT_EQ(pdfsig(path).valid, 1);
  EXPECT_TRUE(qpdfCheck(path));
  EXPECT_TRUE(verifyPdf(pdf, trusting()).allValid());
}

// The leader signs with the image between the printed title and name; the clerk then adds the
// organisation's seal over the left third of that image, in a later signature.
TEST(Appearance, SealAfterSignatureKeepsTheFirstValid) {
  std::string original = slurp(sharedDir() + "/pdfs-vi/01-quyet-dinh-1-trang.pdf");
  SignOptions leader = signerImage("", "", {385, 100, 140, 115});
  leader.fieldName = "LanhDao";
  std::string signed1 = signPdf(original, Env::get().p12("signer1"), leader);
  SignOptions clerk;
  clerk.fieldName = "VanThu";
  clerk.appearance.kind = AppearanceKind::Seal;
  clerk.appearance.imagePng = sealPng(36);
  clerk.appearance.sealOverField = "LanhDao";
  std::string signed2 = signPdf(signed1, Env::get().p12("signer2"), clerk);
  ASSERT_EQ(0, signed2.compare(0, signed1.size(), signed1));
  std::string path = save("sealed.pdf", signed2);
  VerificationReport r = verifyPdf(signed2, trusting());
  ASSERT_EQ(r.signatures.size(), 2u);
  EXPECT_TRUE(r.allValid()) << toText(r);
  EXPECT_EQ(r.signatures[0].changesAfter, ChangeKind::SignaturesOrDss);
  PdfsigResult ps = pdfsig(path);
  EXPECT_EQ(ps.valid, 2) << ps.output;
  EXPECT_TRUE(qpdfCheck(path));
  // The seal is 36 mm wide (102 pt) at real size and overlaps the signature image's left third.
  pdf::Reader reader(signed2);
  pdf::Object page = reader.page(0).second;
  pdf::Object annots = reader.resolve(*page.get("Annots"));
  pdf::Object sealWidget = reader.resolve(annots.items().back());
  pdf::Object rect = reader.resolve(*sealWidget.get("Rect"));
  double w = rect.items()[2].asReal() - rect.items()[0].asReal();
  EXPECT_NEAR(w, 36 * 72 / 25.4, 0.5);
  PixelCounts overlap = countPixels(render(path), rect.items()[0].asReal() / 595.3, 1 - rect.items()[3].asReal() / 841.9,
                                    rect.items()[2].asReal() / 595.3, 1 - rect.items()[1].asReal() / 841.9);
  EXPECT_GT(overlap.red, 1000) << "seal not visible";
  EXPECT_GT(overlap.blue, 50) << "seal does not overlap the signature";
}

TEST(Appearance, OrganisationTextSitsTopRightWithIsoTime) {
  std::string original = slurp(sharedDir() + "/pdfs-vi/04-cong-van-co-bang.pdf");
  SignOptions o;
  o.appearance.kind = AppearanceKind::OrganisationText;
  o.appearance.name = "UBND TỈNH BẮC AN";
  o.appearance.documentNumber = "Số: 12/QĐ-UBND";
  o.signingTime = std::chrono::system_clock::from_time_t(1795000000);  // 2026-11-18T11:06:40Z
  std::string pdf = signPdf(original, Env::get().p12("signer2"), o);
  std::string path = save("org-text.pdf", pdf);
  std::string text = run("pdftotext -f 1 -l 1 '" + path + "' -");
  EXPECT_NE(text.find("Số: 12/QĐ-UBND"), std::string::npos) << text;
  EXPECT_NE(text.find("UBND TỈNH BẮC AN"), std::string::npos) << text;
  EXPECT_NE(text.find("2026-11-18T18:06:40+07:00"), std::string::npos) << text;
  std::string fonts = run("pdffonts '" + path + "'");
  EXPECT_NE(fonts.find("LiberationSerif "), std::string::npos) << fonts;
  std::string bbox = run("pdftotext -bbox -f 1 -l 1 '" + path + "' -");
  auto at = bbox.find(">12/QĐ-UBND<");
  ASSERT_NE(at, std::string::npos);
  double xMin = std::stod(bbox.substr(bbox.rfind("xMin=\"", at) + 6));
  double yMin = std::stod(bbox.substr(bbox.rfind("yMin=\"", at) + 6));
  EXPECT_GT(xMin, 595.0 / 2) << "not on the right half";
  EXPECT_LT(yMin, 842.0 / 6) << "not at the top";
  EXPECT_GT(countPixels(render(path), 0.5, 0, 1, 0.12).dark, 200);
  EXPECT_EQ(pdfsig(path).valid, 1);
  EXPECT_TRUE(qpdfCheck(path));
}

// A landscape page made with /Rotate 90: the blocks are laid out and drawn upright as the
// reader sees the page, the organisation text still at the top right.
TEST(Appearance, RotatedPageGetsUprightBlocks) {
  std::string rotatedPath = Env::get().scratch("rotated-src.pdf");
  int status = 0;
  run("qpdf --rotate=+90:1 " + sharedDir() + "/pdfs-vi/01-quyet-dinh-1-trang.pdf " + rotatedPath, &status);
  ASSERT_EQ(status, 0);
  SignOptions o;
  o.appearance.kind = AppearanceKind::OrganisationText;
  o.appearance.documentNumber = "Số: 12/QĐ-UBND";
  std::string pdf = signPdf(slurp(rotatedPath), Env::get().p12("signer2"), o);
  SignOptions leader = signerImage("CHỦ TỊCH", "Nguyễn Văn A", {60, 500, 120, 200});  // user space
  leader.fieldName = "LanhDao";
  pdf = signPdf(pdf, Env::get().p12("signer1"), leader);
  SignOptions clerk;
  clerk.fieldName = "VanThu";
  clerk.appearance.kind = AppearanceKind::Seal;
  clerk.appearance.imagePng = sealPng(30);
  clerk.appearance.sealOverField = "LanhDao";
  pdf = signPdf(pdf, Env::get().p12("signer2"), clerk);
  std::string path = save("rotated.pdf", pdf);
  EXPECT_TRUE(verifyPdf(pdf, trusting()).allValid());
  std::string bbox = run("pdftotext -bbox '" + path + "' -");  // coordinates as displayed
  auto at = bbox.find(">12/QĐ-UBND<");
  ASSERT_NE(at, std::string::npos) << bbox.substr(0, 500);
  double xMin = std::stod(bbox.substr(bbox.rfind("xMin=\"", at) + 6));
  double yMin = std::stod(bbox.substr(bbox.rfind("yMin=\"", at) + 6));
  double xMax = std::stod(bbox.substr(bbox.rfind("xMax=\"", at) + 6));
  double yMax = std::stod(bbox.substr(bbox.rfind("yMax=\"", at) + 6));
  EXPECT_GT(xMin, 842.0 / 2) << "not on the right of the landscape page";
  EXPECT_LT(yMin, 595.0 / 6) << "not at its top";
  EXPECT_GT(xMax - xMin, yMax - yMin) << "the text runs vertically";
  std::string text = run("pdftotext -layout '" + path + "' -");
  EXPECT_NE(text.find("CHỦ TỊCH"), std::string::npos);
  EXPECT_NE(text.find("Nguyễn Văn A"), std::string::npos);
}

}  // namespace
}  // namespace chancery::signing::test
