// PKCS#11 keys through OpenSSL's pkcs11 engine, against a SoftHSM2 token made at test time.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "chancery/signing/error.h"
#include "chancery/signing/signer.h"
#include "chancery/signing/verifier.h"
#include "test_env.h"

namespace chancery::signing::test {
namespace {
constexpr const char* kModule = "/usr/lib/softhsm/libsofthsm2.so";

// A private SoftHSM2 configuration and token holding signer1's key and certificate.
void makeToken() {
  Env& env = Env::get();
  std::string dir = env.scratch("softhsm");
  std::filesystem::create_directories(dir + "/tokens");
  spit(dir + "/softhsm2.conf", "directories.tokendir = " + dir + "/tokens\nobjectstore.backend = file\nlog.level = ERROR\n");
  setenv("SOFTHSM2_CONF", (dir + "/softhsm2.conf").c_str(), 1);
  std::string tool = std::string("pkcs11-tool --module ") + kModule + " --token-label chancery --login --pin 1234 ";
  int status = 0;
  std::string out = run("softhsm2-util --init-token --free --label chancery --pin 1234 --so-pin 5678", &status);
  ASSERT_EQ(status, 0) << out;
  out = run(tool + "--write-object " + env.path("signer1.key.der") + " --type privkey --id 01 --label signer1", &status);
  ASSERT_EQ(status, 0) << out;
  run("openssl x509 -in " + env.path("signer1.pem") + " -outform DER -out " + dir + "/signer1.der");
  out = run(tool + "--write-object " + dir + "/signer1.der --type cert --id 01 --label signer1", &status);
  ASSERT_EQ(status, 0) << out;
}

TEST(Pkcs11, SignsWithAKeyOnASoftHsmToken) {
  makeToken();
  Env& env = Env::get();
  KeySource key;
  key.pkcs11Uri = "pkcs11:token=chancery;object=signer1;type=private";
  key.pkcs11Module = kModule;
  key.pin = "1234";
  key.certificateChainPem = env.pem("signer1") + env.pem("chain");
  std::string original = slurp(sharedDir() + "/pdfs-vi/10-thong-tu-BYT-5-trang-noto-serif.pdf");
  // First, before any login of this process (libp11 stays logged in afterwards).
  KeySource wrongPin = key;
  wrongPin.pin = "0000";
  try {
    signPdf(original, wrongPin, SignOptions{});
    FAIL() << "a wrong PIN was accepted";
  } catch (const SigningError& e) {
    EXPECT_EQ(e.code(), ErrorCode::Key) << e.what();
  }
  std::string pdf = signPdf(original, key, SignOptions{});
  VerifyOptions v;
  v.trustAnchorFiles = {env.path("root.pem")};
  VerificationReport r = verifyPdf(pdf, v);
  ASSERT_EQ(r.signatures.size(), 1u);
  EXPECT_TRUE(r.signatures[0].valid()) << toText(r);
  EXPECT_EQ(r.signatures[0].signer, "Nguyễn Văn A");
  spit(env.scratch("pkcs11.pdf"), pdf);
  EXPECT_EQ(pdfsig(env.scratch("pkcs11.pdf")).trusted, 1);

  // The certificate can also come from the token; the chain then comes from the PEM.
  KeySource fromToken = key;
  fromToken.certificateChainPem.clear();
  std::string pdf2 = signPdf(original, fromToken, SignOptions{});
  v.trustAnchorPem = env.pem("chain");  // the intermediate is not in the CMS this time
  EXPECT_EQ(verifyPdf(pdf2, v).signatures.at(0).signer, "Nguyễn Văn A");
}

}  // namespace
}  // namespace chancery::signing::test
