// Signs every corpus PDF in-process and compares with the floor the task sets: SHA-256 of the
// file at the EVP throughput measured in this run (16 KiB blocks) plus one RSA-2048 signature.
// Verification is compared with SHA-256 of the file plus one RSA-2048 verification. Debian's
// podofosign runs on the same files as an outside reference (whole process, as a user runs it).
// Usage: signing_bench [SHARED_DIR]   (default: $CHANCERY_SHARED_DIR, else /work/shared)
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "chancery/signing/demo_pki.h"
#include "chancery/signing/signer.h"
#include "chancery/signing/verifier.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using namespace chancery::signing;

namespace {
std::string slurp(const std::string& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

template <typename F>
double medianMs(int runs, F&& f) {
  std::vector<double> t;
  for (int i = 0; i < runs; ++i) {
    auto a = Clock::now();
    f();
    t.push_back(std::chrono::duration<double, std::milli>(Clock::now() - a).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

double sha256BytesPerMs() {
  std::string block(16384, 'x');
  unsigned char out[32];
  unsigned int len = 0;
  long blocks = 0;
  auto start = Clock::now();
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  while (Clock::now() - start < std::chrono::milliseconds(500)) {
    EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr);
    for (int i = 0; i < 64; ++i) EVP_DigestUpdate(ctx, block.data(), block.size());
    EVP_DigestFinal_ex(ctx, out, &len);
    blocks += 64;
  }
  EVP_MD_CTX_free(ctx);
  double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  return static_cast<double>(blocks) * 16384.0 / ms;
}

// OpenSSL 3.0 decodes a certificate's public key through its provider decoders on d2i_X509,
// which costs far more than the RSA verification itself; verification cannot avoid parsing
// the certificates it checks, so the bench also prints a floor that includes them.
double certificateParseMs(const std::string& pem) {
  BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
  X509* cert = PEM_read_bio_X509(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  unsigned char* der = nullptr;
  int len = i2d_X509(cert, &der);
  X509_free(cert);
  double ms = medianMs(201, [&] {
    const unsigned char* p = der;
    X509_free(d2i_X509(nullptr, &p, len));
  });
  OPENSSL_free(der);
  return ms;
}

// RSA-2048 sign and verify of one digest with the demo key.
std::pair<double, double> rsaMs(const std::string& keyPem) {
  BIO* bio = BIO_new_mem_buf(keyPem.data(), static_cast<int>(keyPem.size()));
  EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
  BIO_free(bio);
  unsigned char digest[32] = {1};
  unsigned char sig[512];
  std::size_t sigLen = sizeof sig;
  double sign = medianMs(201, [&] {
    EVP_PKEY_CTX* c = EVP_PKEY_CTX_new(key, nullptr);
    EVP_PKEY_sign_init(c);
    EVP_PKEY_CTX_set_signature_md(c, EVP_sha256());
    sigLen = sizeof sig;
    EVP_PKEY_sign(c, sig, &sigLen, digest, 32);
    EVP_PKEY_CTX_free(c);
  });
  double verify = medianMs(201, [&] {
    EVP_PKEY_CTX* c = EVP_PKEY_CTX_new(key, nullptr);
    EVP_PKEY_verify_init(c);
    EVP_PKEY_CTX_set_signature_md(c, EVP_sha256());
    EVP_PKEY_verify(c, sig, sigLen, digest, 32);
    EVP_PKEY_CTX_free(c);
  });
  EVP_PKEY_free(key);
  return {sign, verify};
}

// podofosign as a user runs it: whole process, median of three. Returns {ms, growth or -1}.
std::pair<double, long> podofosign(const std::string& in, const std::string& cert, const std::string& key,
                                   const std::string& out, std::size_t inSize) {
  std::string cmd = "podofosign -in '" + in + "' -out '" + out + "' -cert '" + cert + "' -pkey '" + key +
                    "' -digest SHA256 >/dev/null 2>&1";
  int rc = 0;
  double ms = medianMs(3, [&] { rc = std::system(cmd.c_str()); });
  if (rc != 0 || !fs::exists(out)) return {ms, -1};
  return {ms, static_cast<long>(fs::file_size(out)) - static_cast<long>(inSize)};
}
}  // namespace

int main(int argc, char** argv) {
  std::string shared = argc > 1 ? argv[1] : (std::getenv("CHANCERY_SHARED_DIR") ? std::getenv("CHANCERY_SHARED_DIR") : "/work/shared");
  std::vector<std::string> files;
  for (const char* sub : {"/pdfs", "/pdfs-vi"})
    for (auto& e : fs::directory_iterator(shared + sub))
      if (e.path().extension() == ".pdf") files.push_back(e.path().string());
  std::sort(files.begin(), files.end());
  DemoPki pki = makeDemoPki("Bench CA", {{"Bench Signer", "Chancery"}}, "bench");
  fs::path tmp = fs::temp_directory_path() / "chancery-signing-bench";
  fs::create_directories(tmp);
  std::ofstream(tmp / "cert.pem") << pki.users[0].certificatePem;
  std::ofstream(tmp / "key.pem") << pki.users[0].privateKeyPem;
  KeySource ks;
  ks.pkcs12 = pki.users[0].pkcs12;
  ks.password = "bench";
  Signer signer(ks);
  VerifyOptions vopt;
  vopt.trustAnchorPem = pki.rootCertificatePem;
  Verifier verifier(vopt);

  double shaRate = sha256BytesPerMs();
  auto [rsaSign, rsaVerify] = rsaMs(pki.users[0].privateKeyPem);
  // The check parses the signer and root certificates from the CMS (the anchor is parsed once).
  const int certsParsed = 2;
  double certMs = certificateParseMs(pki.users[0].certificatePem);
  std::printf("SHA-256 (EVP, 16 KiB blocks): %.2f GB/s; RSA-2048 sign %.3f ms, verify %.3f ms; d2i_X509 %.3f ms\n",
              shaRate / 1e6, rsaSign, rsaVerify, certMs);
  std::printf("sign floor = SHA-256(file) + 1 RSA sign; verify floor = SHA-256(file) + 1 RSA verify;\n"
              "verify floor2 = verify floor + %d x d2i_X509 (certificates the check must parse)\n", certsParsed);
  std::printf("%-38s %8s | %7s %7s %5s %6s | %7s %7s %5s %7s %5s | %9s %8s %5s\n", "file", "bytes", "sign ms",
              "floor", "ratio", "growth", "verify", "floor", "ratio", "floor2", "ratio", "podofo ms", "growth", "x us");
  double worstSign = 0, worstVerify = 0, worstVerify2 = 0;
  for (const std::string& file : files) {
    std::string pdf = slurp(file);
    std::string out;
    int runs = pdf.size() > 1'000'000 ? 15 : 51;
    double signMs = medianMs(runs, [&] { out = signer.sign(pdf, SignOptions{}); });
    double hashMs = static_cast<double>(pdf.size()) / shaRate;
    double signFloor = hashMs + rsaSign;
    VerificationReport report;
    double verifyMs = medianMs(runs, [&] { report = verifier.verify(out); });
    double verifyFloor = static_cast<double>(out.size()) / shaRate + rsaVerify;
    auto [podoMs, podoGrowth] = podofosign(file, (tmp / "cert.pem").string(), (tmp / "key.pem").string(),
                                           (tmp / "podofo.pdf").string(), pdf.size());
    double verifyFloor2 = verifyFloor + certsParsed * certMs;
    worstSign = std::max(worstSign, signMs / signFloor);
    worstVerify = std::max(worstVerify, verifyMs / verifyFloor);
    worstVerify2 = std::max(worstVerify2, verifyMs / verifyFloor2);
    std::printf("%-38s %8zu | %7.2f %7.2f %5.2f %6zu | %7.2f %7.2f %5.2f %7.2f %5.2f | %9.1f %8ld %5.0f%s\n",
                fs::path(file).filename().string().c_str(), pdf.size(), signMs, signFloor, signMs / signFloor,
                out.size() - pdf.size(), verifyMs, verifyFloor, verifyMs / verifyFloor, verifyFloor2,
                verifyMs / verifyFloor2, podoMs, podoGrowth, podoMs / signMs,
                report.allValid() ? "" : "  (verification FAILED)");
  }
  std::printf("worst ratio: signing %.2f x floor; verification %.2f x floor, %.2f x floor2 (target: 2x)\n",
              worstSign, worstVerify, worstVerify2);
  fs::remove_all(tmp);
  return 0;
}
