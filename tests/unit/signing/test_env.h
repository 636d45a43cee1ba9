#pragma once
// Shared fixtures for the signing tests: a throwaway PKI made by tests/support/make-test-pki.sh,
// a real `openssl ocsp` responder on a loopback port, an in-process RFC 3161 TSA built on
// OpenSSL's TS API, an NSS database trusting the test root for poppler's pdfsig, and the
// independent oracles (pdfsig, openssl cms, qpdf --check).
#include <string>
#include <vector>

#include "chancery/signing/options.h"
#include "chancery/signing/transport.h"

namespace chancery::signing::test {

std::string slurp(const std::string& path);
void spit(const std::string& path, const std::string& data);
std::string sharedDir();
std::vector<std::string> corpus();     // every PDF of pdfs/ and pdfs-vi/, sorted
std::vector<std::string> corpusVi();   // pdfs-vi/ only
std::string baseName(const std::string& path);
// Runs a shell command, returns its stdout+stderr; `status` gets the exit code.
std::string run(const std::string& command, int* status = nullptr);

class TestTransport : public Transport {
 public:
  std::string post(const std::string& url, const std::string& contentType,
                   const std::string& body) override;
  std::string get(const std::string& url) override;
  int posts = 0, gets = 0;
};

class Env {
 public:
  static Env& get();  // created on first use, torn down at exit (kills the responder)
  ~Env();
  std::string dir;     // scratch directory of this test program
  std::string pki;     // PKI directory
  std::string nss;     // NSS db trusting root.pem
  std::string ocspUrl, crlUrl, tsaUrl;
  int ocspPid = -1;
  TestTransport transport;
  // The test TSA signs with `tsaName` (tsa or tsa-old) and, when set, stamps this time instead
  // of now: enough to replay a signature made in 2020.
  std::string tsaName = "tsa";
  long tsaTime = 0;

  KeySource p12(const std::string& name) const;  // signer1, signer2, revoked, expired
  std::string pem(const std::string& name) const;
  std::string path(const std::string& file) const { return pki + "/" + file; }
  std::string scratch(const std::string& file) const { return dir + "/" + file; }

 private:
  Env();
};

// Oracles -------------------------------------------------------------------------------
struct PdfsigResult {
  int signatures = 0, valid = 0, trusted = 0;
  std::string output;
};
PdfsigResult pdfsig(const std::string& file);
bool qpdfCheck(const std::string& file, std::string* output = nullptr);
// PoDoFo 0.9.8's full parser as a fourth reader: the number of signature fields it finds,
// or -1 if it cannot load the file.
int podofoSignatureFields(const std::string& file);

struct ExtractedSignature {
  std::string cms;      // DER
  std::string content;  // the bytes under /ByteRange
  std::size_t coveredEnd = 0;
};
// Independent of the library: finds /ByteRange and /Contents by pattern in the raw file.
std::vector<ExtractedSignature> extractSignatures(const std::string& pdf);
// `openssl cms -verify` against root.pem; true on "Verification successful".
bool opensslVerify(const ExtractedSignature& sig, std::string* output = nullptr);
// `openssl cms -cmsout -print`
std::string opensslPrint(const ExtractedSignature& sig);

}  // namespace chancery::signing::test
