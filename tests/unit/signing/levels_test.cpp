// PAdES levels: B-T with real RFC 3161 tokens, B-LT with a DSS that verifies offline.
#include <gtest/gtest.h>

#include "chancery/signing/error.h"
#include "chancery/signing/signer.h"
#include "chancery/signing/verifier.h"
#include "test_env.h"

namespace chancery::signing::test {
namespace {

VerifyOptions offline() {
  VerifyOptions v;
  v.trustAnchorFiles = {Env::get().path("root.pem")};
  return v;
}

SignOptions at(Level level) {
  SignOptions o;
  o.level = level;
  o.tsaUrl = Env::get().tsaUrl;
  return o;
}

void checkOracles(const std::string& name, const std::string& original, const std::string& pdf) {
  ASSERT_EQ(0, pdf.compare(0, original.size(), original)) << name;
  std::string path = Env::get().scratch("level-" + name);
  spit(path, pdf);
  PdfsigResult ps = pdfsig(path);
  EXPECT_EQ(ps.valid, 1) << ps.output;
  EXPECT_EQ(ps.trusted, 1) << ps.output;
  auto sigs = extractSignatures(pdf);
  ASSERT_EQ(sigs.size(), 1u);
  std::string out;
  EXPECT_TRUE(opensslVerify(sigs[0], &out)) << out;
  EXPECT_NE(opensslPrint(sigs[0]).find("id-smime-aa-timeStampToken"), std::string::npos);
  EXPECT_TRUE(qpdfCheck(path, &out)) << out;
}

TEST(Levels, BTCarriesAValidTimestamp) {
  for (const char* file : {"/pdfs/helloworld.pdf", "/pdfs/fullrefman.pdf", "/pdfs/form_english.pdf",
                           "/pdfs-vi/06-quyet-dinh-TTg-PDFA-2b.pdf"}) {
    SCOPED_TRACE(file);
    std::string original = slurp(sharedDir() + file);
    std::string pdf = signPdf(original, Env::get().p12("signer1"), at(Level::BT), &Env::get().transport);
    checkOracles(baseName(file), original, pdf);
    VerificationReport r = verifyPdf(pdf, offline());
    ASSERT_EQ(r.signatures.size(), 1u);
    EXPECT_EQ(r.signatures[0].level, "B-T") << toText(r);
    ASSERT_EQ(r.signatures[0].timestampChain.size(), 3u);  // TSA, intermediate, root
    EXPECT_EQ(r.signatures[0].timestampChain[0].status, RevocationStatus::NotChecked);
    EXPECT_TRUE(r.signatures[0].timestampValid) << toText(r);
    EXPECT_FALSE(r.signatures[0].timestampTime.empty());
    EXPECT_TRUE(r.signatures[0].valid()) << toText(r);
  }
}

TEST(Levels, BLTVerifiesOfflineFromTheDss) {
  for (const char* file : {"/pdfs/debmake-doc.en.pdf", "/pdfs-vi/02-nghi-quyet-HDTP-6-trang.pdf"}) {
    SCOPED_TRACE(file);
    std::string original = slurp(sharedDir() + file);
    Env::get().transport.posts = 0;
    std::string pdf = signPdf(original, Env::get().p12("signer1"), at(Level::BLT), &Env::get().transport);
    EXPECT_GE(Env::get().transport.posts, 3);  // TSA + OCSP for signer and TSA certificates
    checkOracles(baseName(file), original, pdf);
    VerificationReport r = verifyPdf(pdf, offline());  // no transport: the DSS must suffice
    ASSERT_EQ(r.signatures.size(), 1u);
    const SignatureReport& s = r.signatures[0];
    EXPECT_EQ(s.level, "B-LT") << toText(r);
    EXPECT_EQ(s.revocation, RevocationStatus::Good) << toText(r);
    EXPECT_EQ(s.chain.at(0).source, "DSS OCSP");  // the signer, from its AIA responder
    EXPECT_EQ(s.chain.at(1).source, "DSS CRL");   // the intermediate, from its CDP
    ASSERT_FALSE(s.timestampChain.empty()) << toText(r);
    EXPECT_EQ(s.timestampChain.at(0).source, "DSS OCSP");  // the TSA
    EXPECT_EQ(s.timestampChain.at(0).status, RevocationStatus::Good);
    EXPECT_EQ(s.changesAfter, ChangeKind::SignaturesOrDss) << toText(r);
    EXPECT_EQ(s.revision + 1, r.revisions);
    EXPECT_TRUE(s.valid()) << toText(r);
  }
}

// Revocation data older than a signature cannot vouch for it: a later signature by the same
// key finds the DSS's OCSP answer for that key stale.
TEST(Levels, DssAnswersOlderThanTheSigningTimeDoNotCount) {
  std::string original = slurp(sharedDir() + "/pdfs/helloworld.pdf");
  std::string first = signPdf(original, Env::get().p12("signer1"), at(Level::BLT), &Env::get().transport);
  SignOptions later;
  later.fieldName = "Later";
  later.signingTime = std::chrono::system_clock::now() + std::chrono::hours(24);
  std::string both = signPdf(first, Env::get().p12("signer1"), later);
  VerificationReport r = verifyPdf(both, offline());
  ASSERT_EQ(r.signatures.size(), 2u);
  EXPECT_EQ(r.signatures[0].revocation, RevocationStatus::Good) << toText(r);
  EXPECT_EQ(r.signatures[1].revocation, RevocationStatus::Unknown) << toText(r);
  EXPECT_NE(r.signatures[1].chain.at(0).detail.find("before the signing time"), std::string::npos);
}

TEST(Levels, BLTRefusesARevokedSigner) {
  std::string original = slurp(sharedDir() + "/pdfs/helloworld.pdf");
  try {
    signPdf(original, Env::get().p12("revoked"), at(Level::BLT), &Env::get().transport);
    FAIL() << "a revoked certificate was extended to B-LT";
  } catch (const SigningError& e) {
    EXPECT_EQ(e.code(), ErrorCode::Revocation) << e.what();
  }
}

TEST(Levels, AdbePkcs7DetachedStaysAvailable) {
  std::string original = slurp(sharedDir() + "/pdfs/camlidl-1.04.doc.pdf");
  SignOptions o = at(Level::BT);
  o.subFilter = SubFilter::AdbePkcs7Detached;
  std::string pdf = signPdf(original, Env::get().p12("signer2"), o, &Env::get().transport);
  std::string path = Env::get().scratch("adbe.pdf");
  spit(path, pdf);
  PdfsigResult ps = pdfsig(path);
  EXPECT_NE(ps.output.find("Signature Type: adbe.pkcs7.detached"), std::string::npos) << ps.output;
  EXPECT_EQ(ps.valid, 1) << ps.output;
  VerificationReport r = verifyPdf(pdf, offline());
  ASSERT_EQ(r.signatures.size(), 1u);
  EXPECT_TRUE(r.signatures[0].valid()) << toText(r);
  EXPECT_TRUE(r.signatures[0].timestampValid);
}

// Long-term validation: a signature made and timestamped in 2020 by certificates that have
// expired since is judged at the timestamp's time, so it stays valid; without the timestamp the
// same certificates fail at the claimed time.
TEST(Levels, CertificatesAreJudgedAtTheTimestampTime) {
  Env& env = Env::get();
  std::string original = slurp(sharedDir() + "/pdfs/helloworld.pdf");
  SignOptions o = at(Level::BT);
  o.signingTime = std::chrono::system_clock::from_time_t(1591000000);  // 2020-06-01
  env.tsaName = "tsa-old";
  env.tsaTime = 1591000100;
  std::string pdf = signPdf(original, env.p12("expired"), o, &env.transport);
  env.tsaName = "tsa";
  env.tsaTime = 0;
  VerificationReport r = verifyPdf(pdf, offline());
  ASSERT_EQ(r.signatures.size(), 1u);
  const SignatureReport& s = r.signatures[0];
  EXPECT_EQ(s.timestampTime, "2020-06-01T08:28:20Z");
  EXPECT_TRUE(s.timestampValid) << toText(r);
  EXPECT_TRUE(s.validAtSigningTime) << toText(r);
  EXPECT_TRUE(s.valid()) << toText(r);
  // The same key without a timestamp, claiming today: the certificate has expired.
  VerificationReport now = verifyPdf(signPdf(original, env.p12("expired"), SignOptions{}), offline());
  EXPECT_FALSE(now.signatures.at(0).validAtSigningTime);
}

TEST(Levels, BTWithoutTransportIsRejected) {
  std::string original = slurp(sharedDir() + "/pdfs/helloworld.pdf");
  EXPECT_THROW(signPdf(original, Env::get().p12("signer1"), at(Level::BT), nullptr), SigningError);
}

}  // namespace
}  // namespace chancery::signing::test
