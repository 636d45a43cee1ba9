// Every PDF of both shared folders is signed and checked with all three independent oracles.
#include <gtest/gtest.h>

#include "chancery/signing/signer.h"
#include "test_env.h"
#include "test_images.h"

namespace chancery::signing::test {
namespace {

int occurrences(const std::string& text, const std::string& needle) {
  int n = 0;
  for (auto p = text.find(needle); p != std::string::npos; p = text.find(needle, p + 1)) ++n;
  return n;
}

// Checks one signed file with pdfsig, openssl cms and qpdf; `expected` signatures in total.
void checkWithOracles(const std::string& original, const std::string& signedPdf,
                      const std::string& name, int expected) {
  Env& env = Env::get();
  ASSERT_GT(signedPdf.size(), original.size()) << name;
  EXPECT_EQ(0, signedPdf.compare(0, original.size(), original)) << name << ": original is not a prefix";
  std::string path = env.scratch("signed-" + name);
  spit(path, signedPdf);
  PdfsigResult ps = pdfsig(path);
  EXPECT_EQ(ps.signatures, expected) << name << "\n" << ps.output;
  EXPECT_EQ(ps.valid, expected) << name << "\n" << ps.output;
  EXPECT_EQ(ps.trusted, expected) << name << "\n" << ps.output;
  auto sigs = extractSignatures(signedPdf);
  ASSERT_EQ(static_cast<int>(sigs.size()), expected) << name;
  for (auto& sig : sigs) {
    std::string out;
    EXPECT_TRUE(opensslVerify(sig, &out)) << name << ": " << out;
    std::string printed = opensslPrint(sig);
    EXPECT_EQ(occurrences(printed, "d.issuerAndSerialNumber") + occurrences(printed, "d.subjectKeyIdentifier"), 1) << name << ": not exactly one SignerInfo";
    EXPECT_EQ(occurrences(printed, "signingTime"), 0) << name << ": signingTime present";
    EXPECT_EQ(occurrences(printed, "signingCertificateV2"), 1) << name;
  }
  std::string qpdfOut;
  EXPECT_TRUE(qpdfCheck(path, &qpdfOut)) << name << "\n" << qpdfOut;
  EXPECT_EQ(podofoSignatureFields(path), expected) << name << ": PoDoFo reads it differently";
}

TEST(SignCorpus, EveryPdfGetsAValidBBSignature) {
  Env& env = Env::get();
  KeySource key = env.p12("signer1");
  for (const std::string& file : corpus()) {
    SCOPED_TRACE(file);
    std::string original = slurp(file);
    SignOptions options;
    options.reason = "Phê duyệt";
    options.location = "Bắc An";
    std::string signedPdf = signPdf(original, key, options);
    // Growth: the reserved /Contents (hex) plus at most 4 KB of dictionaries and xref.
    auto sigs = extractSignatures(signedPdf);
    ASSERT_EQ(sigs.size(), 1u);
    std::size_t reservedHex = signedPdf.size() - sigs[0].content.size();
    EXPECT_LE(signedPdf.size() - original.size(), reservedHex + 4096);
    checkWithOracles(original, signedPdf, baseName(file), 1);
  }
}

// Decree 30 flow on every Vietnamese document: the leader's visible signature, then the
// organisation's seal over it in a later signature; both stay valid for every oracle.
TEST(SignCorpus, EveryVietnameseDocumentTakesSignatureThenSeal) {
  Env& env = Env::get();
  std::string signature = signaturePng(), seal = sealPng(36);
  for (const std::string& file : corpusVi()) {
    SCOPED_TRACE(file);
    std::string original = slurp(file);
    SignOptions leader;
    leader.fieldName = "LanhDao";
    leader.appearance.kind = AppearanceKind::SignerImage;
    leader.appearance.imagePng = signature;
    leader.appearance.position = "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH";
    leader.appearance.name = "Nguyễn Văn A";
    leader.appearance.rect = Rect{330, 40, 200, 130};
    std::string first = signPdf(original, env.p12("signer1"), leader);
    SignOptions clerk;
    clerk.fieldName = "VanThu";
    clerk.appearance.kind = AppearanceKind::Seal;
    clerk.appearance.imagePng = seal;
    clerk.appearance.sealOverField = "LanhDao";
    std::string second = signPdf(first, env.p12("signer2"), clerk);
    checkWithOracles(original, second, "sealed-" + baseName(file), 2);
  }
}

}  // namespace
}  // namespace chancery::signing::test
