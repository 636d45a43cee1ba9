// Two-phase signing for USB tokens driven from the browser, and the check of files that an
// outside agent (e.g. VGCA's sign service) signed.
#include <gtest/gtest.h>

#include "chancery/signing/error.h"
#include "chancery/signing/signer.h"
#include "chancery/signing/verifier.h"
#include "pdf_writer.h"
#include "test_env.h"

namespace chancery::signing::test {
namespace {

VerifyOptions trusting() {
  VerifyOptions v;
  v.trustAnchorFiles = {Env::get().path("root.pem")};
  return v;
}

std::string chainPem(const std::string& who) { return Env::get().pem(who) + Env::get().pem("chain"); }

// What the token does: PKCS#1 v1.5 over the given SHA-256, by the openssl CLI.
std::string tokenSign(const std::string& who, const std::string& digest) {
  Env& env = Env::get();
  spit(env.scratch("tbs.bin"), digest);
  int status = 0;
  std::string out = run("openssl pkeyutl -sign -inkey " + env.path(who + ".key") + " -pkeyopt digest:sha256 -in " +
                        env.scratch("tbs.bin") + " -out " + env.scratch("sig.bin"), &status);
  EXPECT_EQ(status, 0) << out;
  return slurp(env.scratch("sig.bin"));
}

TEST(External, PrepareThenCompleteWithARawSignature) {
  std::string original = slurp(sharedDir() + "/pdfs/gnuplot.pdf");
  SignOptions o;
  o.level = Level::BT;
  o.tsaUrl = Env::get().tsaUrl;
  PreparedSignature prepared = prepareSignature(original, o, chainPem("signer1"));
  EXPECT_EQ(prepared.toBeSigned.size(), 32u);
  EXPECT_EQ(0, prepared.preparedPdf.compare(0, original.size(), original));
  // The server stores the state between the two HTTP requests.
  PreparedSignature restored = PreparedSignature::parse(prepared.serialize());
  EXPECT_EQ(restored.preparedPdf, prepared.preparedPdf);
  EXPECT_EQ(restored.toBeSigned, prepared.toBeSigned);
  std::string pdf = completeSignature(restored, tokenSign("signer1", restored.toBeSigned), &Env::get().transport);
  VerificationReport r = verifyPdf(pdf, trusting());
  ASSERT_EQ(r.signatures.size(), 1u);
  EXPECT_TRUE(r.signatures[0].valid()) << toText(r);
  EXPECT_EQ(r.signatures[0].level, "B-T");
  spit(Env::get().scratch("two-phase.pdf"), pdf);
  PdfsigResult ps = pdfsig(Env::get().scratch("two-phase.pdf"));
  EXPECT_EQ(ps.valid, 1) << ps.output;
  EXPECT_EQ(ps.trusted, 1) << ps.output;
}

TEST(External, CompleteAcceptsAFullCmsOverTheByteRange) {
  Env& env = Env::get();
  std::string original = slurp(sharedDir() + "/pdfs-vi/03-luat-giao-duc-40-trang.pdf");
  PreparedSignature p = prepareSignature(original, SignOptions{}, chainPem("signer2"));
  std::string content = p.preparedPdf.substr(0, p.contentsOffset - 1) +
                        p.preparedPdf.substr(p.contentsOffset + p.contentsCapacity + 1);
  spit(env.scratch("content.bin"), content);
  int status = 0;
  std::string out = run("openssl cms -sign -cades -binary -md sha256 -nosmimecap -outform DER -in " + env.scratch("content.bin") +
                        " -signer " + env.path("signer2.pem") + " -inkey " + env.path("signer2.key") + " -certfile " +
                        env.path("chain.pem") + " -out " + env.scratch("agent.der"), &status);
  ASSERT_EQ(status, 0) << out;
  std::string pdf = completeSignature(p, slurp(env.scratch("agent.der")));
  VerificationReport r = verifyPdf(pdf, trusting());
  ASSERT_EQ(r.signatures.size(), 1u);
  EXPECT_TRUE(r.signatures[0].valid()) << toText(r);
  EXPECT_EQ(r.signatures[0].signer, "UBND tỉnh Bắc An");
}

TEST(External, CompleteRefusesASignatureByAnotherKey) {
  std::string original = slurp(sharedDir() + "/pdfs/helloworld.pdf");
  PreparedSignature p = prepareSignature(original, SignOptions{}, chainPem("signer1"));
  try {
    completeSignature(p, tokenSign("signer2", p.toBeSigned));
    FAIL() << "a foreign signature was embedded";
  } catch (const SigningError& e) {
    EXPECT_EQ(e.code(), ErrorCode::ExternalMismatch);
  }
  PreparedSignature tampered = p;
  tampered.preparedPdf[100] ^= 1;  // stored state altered
  EXPECT_THROW(completeSignature(tampered, tokenSign("signer1", p.toBeSigned)), SigningError);
}

TEST(External, AcceptsExactlyOneValidSignatureOnTheSentBytes) {
  std::string sent = slurp(sharedDir() + "/pdfs-vi/05-bao-cao-co-hinh-anh.pdf");
  std::string returned = signPdf(sent, Env::get().p12("signer1"), SignOptions{});
  ExternalCheck ok = acceptExternallySigned(sent, returned, trusting());
  EXPECT_TRUE(ok.accepted) << ok.reason;
  EXPECT_EQ(ok.added.signer, "Nguyễn Văn A");

  // The agent signed a different version of the document.
  std::string other = sent;
  other[other.size() / 2] ^= 1;
  std::string wrongBase = signPdf(other, Env::get().p12("signer1"), SignOptions{});
  EXPECT_FALSE(acceptExternallySigned(sent, wrongBase, trusting()).accepted);
  // Two signatures came back.
  std::string twice = signPdf(returned, Env::get().p12("signer2"), SignOptions{});
  ExternalCheck two = acceptExternallySigned(sent, twice, trusting());
  EXPECT_FALSE(two.accepted);
  EXPECT_NE(two.reason.find("2 signatures"), std::string::npos) << two.reason;
  // The agent also changed page content before signing.
  pdf::Reader reader(sent);
  pdf::IncrementalWriter w(reader);
  pdf::Object page = reader.page(0).second;
  w.replace(page.get("Contents")->asRef().num, pdf::Object::stream(pdf::Object::dict(), "BT ET"));
  std::string edited = sent + w.finish(sent.size()).update;
  std::string editedSigned = signPdf(edited, Env::get().p12("signer1"), SignOptions{});
  ExternalCheck changed = acceptExternallySigned(sent, editedSigned, trusting());
  EXPECT_FALSE(changed.accepted);
  // A signature by an untrusted or revoked key is no good either.
  std::string expired = signPdf(sent, Env::get().p12("expired"), SignOptions{});
  EXPECT_FALSE(acceptExternallySigned(sent, expired, trusting()).accepted);
}

}  // namespace
}  // namespace chancery::signing::test
