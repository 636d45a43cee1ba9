// Signatures made by other tools, read by our verifier: poppler's pdfsig (NSS) and podofosign.
#include <gtest/gtest.h>

#include <filesystem>

#include "chancery/signing/signer.h"
#include "chancery/signing/verifier.h"
#include "test_env.h"

namespace chancery::signing::test {
namespace {

VerifyOptions trusting() {
  VerifyOptions v;
  v.trustAnchorFiles = {Env::get().path("root.pem")};
  return v;
}

// pdfsig 22.12 writes adbe.pkcs7.detached (its -etsi is not implemented for -add-signature).
TEST(Interop, VerifiesAPdfsigSignatureAndKeepsItValidWhenWeSignAfter) {
  Env& env = Env::get();
  int status = 0;
  std::string out = run("pk12util -i " + env.path("signer2.p12") + " -d sql:" + env.nss + " -W test -K ''", &status);
  ASSERT_EQ(status, 0) << out;
  std::string src = sharedDir() + "/pdfs-vi/01-quyet-dinh-1-trang.pdf", dst = env.scratch("pdfsig-signed.pdf");
  out = run("pdfsig -nssdir sql:" + env.nss + " -add-signature -nick \"$(certutil -L -d sql:" + env.nss +
                " | awk '/u,u,u/{sub(/ +u,u,u$/,\"\"); print}')\" -kpw '' '" + src + "' '" + dst + "'", &status);
  ASSERT_TRUE(std::filesystem::exists(dst)) << out;
  std::string theirs = slurp(dst);
  VerificationReport r = verifyPdf(theirs, trusting());
  ASSERT_EQ(r.signatures.size(), 1u) << toText(r);
  EXPECT_TRUE(r.signatures[0].digestMatches) << toText(r);
  EXPECT_TRUE(r.signatures[0].signatureValid) << toText(r);
  EXPECT_TRUE(r.signatures[0].chainTrusted) << toText(r);
  EXPECT_EQ(r.signatures[0].signer, "UBND tỉnh Bắc An");
  // We sign after it: both stay valid for pdfsig and for us.
  SignOptions o;
  o.fieldName = "Chancery";
  std::string both = signPdf(theirs, env.p12("signer1"), o);
  spit(env.scratch("pdfsig-then-us.pdf"), both);
  PdfsigResult ps = pdfsig(env.scratch("pdfsig-then-us.pdf"));
  EXPECT_EQ(ps.valid, 2) << ps.output;
  VerificationReport r2 = verifyPdf(both, trusting());
  ASSERT_EQ(r2.signatures.size(), 2u);
  EXPECT_EQ(r2.signatures[0].changesAfter, ChangeKind::SignaturesOrDss) << toText(r2);
  EXPECT_TRUE(r2.signatures[1].valid()) << toText(r2);
}

TEST(Interop, FlagsPodofosignsTwoSignerInfos) {
  Env& env = Env::get();
  std::string dst = env.scratch("podofosign.pdf");
  int status = 0;
  std::string out = run("podofosign -in " + sharedDir() + "/pdfs/helloworld.pdf -out " + dst + " -cert " +
                        env.path("signer1.pem") + " -pkey " + env.path("signer1.key") + " -digest SHA256", &status);
  ASSERT_EQ(status, 0) << out;
  VerificationReport r = verifyPdf(slurp(dst), trusting());
  ASSERT_EQ(r.signatures.size(), 1u) << toText(r);
  EXPECT_FALSE(r.signatures[0].oneSignerInfo) << toText(r);
  EXPECT_FALSE(r.signatures[0].valid());
}

}  // namespace
}  // namespace chancery::signing::test
