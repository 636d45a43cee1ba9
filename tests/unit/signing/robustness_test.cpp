// Damaged input never crashes and never yields output: signing throws SigningError, and
// verification reports an error or an invalid signature.
#include <gtest/gtest.h>

#include <random>

#include "chancery/signing/error.h"
#include "chancery/signing/signer.h"
#include "chancery/signing/verifier.h"
#include "test_env.h"

namespace chancery::signing::test {
namespace {

TEST(Robustness, MutatedFilesGiveSigningErrorsOrValidOutput) {
  Signer signer(Env::get().p12("signer1"));
  VerifyOptions v;
  v.trustAnchorFiles = {Env::get().path("root.pem")};
  std::mt19937 rng(20261122);
  int refused = 0, signedOk = 0;
  for (const char* file : {"/pdfs/helloworld.pdf", "/pdfs/pixel.pdf", "/pdfs/debmake-doc.en.pdf",
                           "/pdfs-vi/07-phieu-yeu-cau-bieu-mau-dien.pdf"}) {
    std::string original = slurp(sharedDir() + file);
    std::string signedOnce = signer.sign(original, SignOptions{});
    for (int i = 0; i < 150; ++i) {
      std::string bad = i % 2 ? signedOnce : original;
      std::uniform_int_distribution<std::size_t> pos(0, bad.size() - 1);
      switch (i % 3) {
        case 0:  // flip a few bytes, biased towards the xref/trailer at the end
          for (int k = 0; k < 4; ++k) bad[std::max(pos(rng), bad.size() - 1 - pos(rng) % 400)] ^= static_cast<char>(1 + rng() % 255);
          break;
        case 1: bad.resize(pos(rng)); break;  // truncate
        default: bad.insert(pos(rng), std::string(1 + rng() % 64, static_cast<char>(rng() % 256))); break;
      }
      try {
        std::string out = signer.sign(bad, SignOptions{});
        ++signedOk;
        EXPECT_EQ(0, out.compare(0, bad.size(), bad));
      } catch (const SigningError&) {
        ++refused;
      }
      VerificationReport r = verifyPdf(bad, v);  // must not throw or crash
      if (bad != original && bad != signedOnce && r.error.empty() && !r.signatures.empty()) {
        // A damaged signed file may still parse; its signature must then not pass, unless the
        // damage fell outside the signed bytes and classified as a later change.
        for (const auto& s : r.signatures) {
          if (s.valid()) {
            EXPECT_TRUE(s.coversWholeFile) << file << " mutation " << i;
          }
        }
      }
    }
  }
  EXPECT_GT(refused, 50);
  EXPECT_GT(signedOk, 0);
}

}  // namespace
}  // namespace chancery::signing::test
