// Demo mode's own CA: its users' PKCS#12 files sign documents that verify against its root.
#include <gtest/gtest.h>

#include "chancery/signing/demo_pki.h"
#include "chancery/signing/signer.h"
#include "chancery/signing/verifier.h"
#include "test_env.h"

namespace chancery::signing::test {
namespace {

TEST(DemoPki, UsersSignAndVerifyAgainstTheDemoRoot) {
  DemoPki pki = makeDemoPki("Chancery Demo CA", {{"Nguyễn Văn A", "UBND tỉnh Bắc An"}, {"Văn thư", "UBND tỉnh Bắc An"}}, "demo");
  ASSERT_EQ(pki.users.size(), 2u);
  KeySource key;
  key.pkcs12 = pki.users[0].pkcs12;
  key.password = "demo";
  Signer signer(key);
  EXPECT_EQ(signer.certificatePem(), pki.users[0].certificatePem);
  std::string pdf = signer.sign(slurp(sharedDir() + "/pdfs/reference.pdf"), SignOptions{});
  VerifyOptions v;
  v.trustAnchorPem = pki.rootCertificatePem;
  VerificationReport r = verifyPdf(pdf, v);
  ASSERT_EQ(r.signatures.size(), 1u);
  EXPECT_TRUE(r.signatures[0].valid()) << toText(r);
  EXPECT_TRUE(r.signatures[0].keyUsageOk);
  EXPECT_EQ(r.signatures[0].signer, "Nguyễn Văn A");
  // Another demo CA is not trusted for it.
  VerifyOptions other;
  other.trustAnchorPem = makeDemoPki("Other CA", {}, "x").rootCertificatePem;
  EXPECT_FALSE(verifyPdf(pdf, other).allValid());
  key.password = "wrong";
  EXPECT_THROW(Signer{key}, std::exception);
}

}  // namespace
}  // namespace chancery::signing::test
