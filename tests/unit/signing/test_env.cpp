#include "test_env.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <openssl/pem.h>
#include <podofo/podofo.h>
#include <openssl/ts.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace chancery::signing::test {
namespace fs = std::filesystem;

std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error("cannot read " + path);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

void spit(const std::string& path, const std::string& data) {
  std::ofstream f(path, std::ios::binary);
  f << data;
  if (!f) throw std::runtime_error("cannot write " + path);
}

std::string sharedDir() {
  const char* d = std::getenv("CHANCERY_SHARED_DIR");
  if (d && fs::exists(fs::path(d) / "pdfs")) return d;
  // A git worktree sits deeper than the main checkout: look for shared/ beside an ancestor.
  const char* src = std::getenv("CHANCERY_SOURCE_DIR");
  for (fs::path p = src ? src : fs::current_path().string(); p.has_parent_path() && p != p.parent_path();
       p = p.parent_path())
    if (fs::exists(p / "shared" / "pdfs")) return (p / "shared").string();
  throw std::runtime_error("shared test data not found; set CHANCERY_SHARED_DIR");
}

static std::vector<std::string> pdfsIn(const std::string& dir) {
  std::vector<std::string> out;
  for (auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".pdf") out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> corpusVi() { return pdfsIn(sharedDir() + "/pdfs-vi"); }
std::vector<std::string> corpus() {
  auto a = pdfsIn(sharedDir() + "/pdfs");
  auto b = corpusVi();
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::string baseName(const std::string& path) { return fs::path(path).filename().string(); }

std::string run(const std::string& command, int* status) {
  std::string out;
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  if (!p) throw std::runtime_error("popen failed");
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int rc = pclose(p);
  if (status) *status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  return out;
}

namespace {
int freePort() {
  Poco::Net::ServerSocket s(0);
  int port = s.address().port();
  s.close();
  return port;
}

// A tiny RFC 3161 TSA on OpenSSL's TS API: real tokens signed by the test TSA certificate.
std::string tsaReply(const std::string& request) {
  Env& env = Env::get();
  auto load = [](const std::string& path) {
    FILE* f = fopen(path.c_str(), "r");
    if (!f) throw std::runtime_error("cannot open " + path);
    return f;
  };
  FILE* cf = load(env.path(env.tsaName + ".pem"));
  X509* cert = PEM_read_X509(cf, nullptr, nullptr, nullptr);
  fclose(cf);
  FILE* kf = load(env.path(env.tsaName + ".key"));
  EVP_PKEY* key = PEM_read_PrivateKey(kf, nullptr, nullptr, nullptr);
  fclose(kf);
  FILE* icf = load(env.path("inter.pem"));
  X509* inter = PEM_read_X509(icf, nullptr, nullptr, nullptr);
  fclose(icf);
  STACK_OF(X509)* extra = sk_X509_new_null();
  sk_X509_push(extra, inter);
  TS_RESP_CTX* ctx = TS_RESP_CTX_new();
  ASN1_OBJECT* policy = OBJ_txt2obj("1.3.6.1.4.1.99999.1", 1);
  TS_RESP_CTX_set_signer_cert(ctx, cert);
  TS_RESP_CTX_set_signer_key(ctx, key);
  TS_RESP_CTX_set_certs(ctx, extra);
  TS_RESP_CTX_set_def_policy(ctx, policy);
  TS_RESP_CTX_add_md(ctx, EVP_sha256());
  TS_RESP_CTX_set_signer_digest(ctx, EVP_sha256());
  if (env.tsaTime) {
    TS_RESP_CTX_set_time_cb(ctx, [](TS_RESP_CTX*, void* data, long* sec, long* usec) {
      *sec = *static_cast<long*>(data);
      *usec = 0;
      return 1;
    }, &env.tsaTime);
  }
  BIO* in = BIO_new_mem_buf(request.data(), static_cast<int>(request.size()));
  TS_RESP* resp = TS_RESP_create_response(ctx, in);
  std::string out;
  if (resp) {
    unsigned char* der = nullptr;
    int len = i2d_TS_RESP(resp, &der);
    out.assign(reinterpret_cast<char*>(der), static_cast<std::size_t>(len));
    OPENSSL_free(der);
  }
  TS_RESP_free(resp);
  BIO_free(in);
  TS_RESP_CTX_free(ctx);
  ASN1_OBJECT_free(policy);
  sk_X509_pop_free(extra, X509_free);
  X509_free(cert);
  EVP_PKEY_free(key);
  if (out.empty()) throw std::runtime_error("test TSA failed");
  return out;
}

std::string http(const std::string& method, const std::string& url, const std::string& type,
                 const std::string& body) {
  Poco::URI uri(url);
  Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
  session.setTimeout(Poco::Timespan(10, 0));
  Poco::Net::HTTPRequest req(method, uri.getPathEtc().empty() ? "/" : uri.getPathEtc(),
                             Poco::Net::HTTPMessage::HTTP_1_0);
  if (!type.empty()) req.setContentType(type);
  req.setContentLength(static_cast<std::streamsize>(body.size()));
  session.sendRequest(req) << body;
  Poco::Net::HTTPResponse resp;
  std::istream& rs = session.receiveResponse(resp);
  std::string out;
  Poco::StreamCopier::copyToString(rs, out);
  if (resp.getStatus() != Poco::Net::HTTPResponse::HTTP_OK)
    throw std::runtime_error(url + " answered " + std::to_string(resp.getStatus()));
  return out;
}
}  // namespace

std::string TestTransport::post(const std::string& url, const std::string& contentType,
                                const std::string& body) {
  ++posts;
  if (url == Env::get().tsaUrl) return tsaReply(body);
  return http(Poco::Net::HTTPRequest::HTTP_POST, url, contentType, body);
}

std::string TestTransport::get(const std::string& url) {
  ++gets;
  // The CRL is published as a file: a CRL distribution point is a plain static download.
  if (url == Env::get().crlUrl) return slurp(Env::get().path("root.crl"));
  return http(Poco::Net::HTTPRequest::HTTP_GET, url, "", "");
}

Env& Env::get() {
  static Env env;
  return env;
}

Env::Env() {
  char tmpl[] = "/tmp/chancery-signing-test-XXXXXX";
  if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
  dir = tmpl;
  pki = dir + "/pki";
  nss = dir + "/nss";
  int port = freePort();
  ocspUrl = "http://127.0.0.1:" + std::to_string(port) + "/";
  crlUrl = "http://127.0.0.1:" + std::to_string(freePort()) + "/root.crl";
  tsaUrl = "http://127.0.0.1:" + std::to_string(freePort()) + "/tsa";
  const char* src = std::getenv("CHANCERY_SOURCE_DIR");
  std::string script = std::string(src ? src : ".") + "/tests/support/make-test-pki.sh";
  int status = 0;
  std::string out = run(script + " " + pki + " " + ocspUrl + " " + crlUrl, &status);
  if (status != 0) throw std::runtime_error("make-test-pki.sh failed: " + out);
  fs::create_directories(nss);
  run("certutil -N --empty-password -d sql:" + nss + " && certutil -A -t C,C, -n root -i " +
          path("root.pem") + " -d sql:" + nss,
      &status);
  if (status != 0) throw std::runtime_error("certutil failed");
  std::string portText = std::to_string(port);
  std::vector<std::string> args = {"openssl", "ocsp", "-index", path("inter.index"), "-port",
                                   portText, "-rsigner", path("ocsp.pem"), "-rkey", path("ocsp.key"),
                                   "-CA", path("inter.pem"), "-nmin", "60"};
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, (dir + "/ocsp.log").c_str(), O_WRONLY | O_CREAT, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  pid_t pid = 0;
  if (posix_spawnp(&pid, "openssl", &actions, nullptr, argv.data(), environ) != 0)
    throw std::runtime_error("cannot start openssl ocsp");
  posix_spawn_file_actions_destroy(&actions);
  ocspPid = pid;
  // Wait until the responder listens. (Probing with a bare connect would wedge it: it serves
  // one connection at a time and spins on one that closes without a request.)
  for (int i = 0; i < 200; ++i) {
    std::ifstream log(dir + "/ocsp.log");
    std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
    if (text.find("waiting for OCSP client connections") != std::string::npos) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
}

Env::~Env() {
  if (ocspPid > 0) {
    kill(ocspPid, SIGTERM);
    waitpid(ocspPid, nullptr, 0);
  }
  if (!std::getenv("CHANCERY_KEEP_TEST_DIR")) fs::remove_all(dir);
}

KeySource Env::p12(const std::string& name) const {
  KeySource k;
  k.pkcs12 = slurp(path(name + ".p12"));
  k.password = "test";
  return k;
}

std::string Env::pem(const std::string& name) const { return slurp(path(name + ".pem")); }

PdfsigResult pdfsig(const std::string& file) {
  PdfsigResult r;
  r.output = run("pdfsig -nssdir sql:" + Env::get().nss + " '" + file + "'");
  auto count = [&r](const std::string& needle) {
    int n = 0;
    for (std::size_t p = r.output.find(needle); p != std::string::npos; p = r.output.find(needle, p + 1)) ++n;
    return n;
  };
  r.signatures = count("Signature #");
  r.valid = count("Signature is Valid.");
  r.trusted = count("Certificate is Trusted.");
  return r;
}

bool qpdfCheck(const std::string& file, std::string* output) {
  int status = 0;
  std::string out = run("qpdf --check '" + file + "'", &status);
  if (output) *output = out;
  // 0 = clean, 3 = warnings; anything else is an error.
  return status == 0;
}

int podofoSignatureFields(const std::string& file) {
  try {
    PoDoFo::PdfError::EnableLogging(false);
    PoDoFo::PdfMemDocument doc;
    doc.Load(file.c_str());
    PoDoFo::PdfObject* acro = doc.GetCatalog()->GetIndirectKey("AcroForm");
    PoDoFo::PdfObject* fields = acro ? acro->GetIndirectKey("Fields") : nullptr;
    if (!fields || !fields->IsArray()) return 0;
    int n = 0;
    for (const PoDoFo::PdfObject& ref : fields->GetArray()) {
      const PoDoFo::PdfObject* f = ref.IsReference() ? doc.GetObjects().GetObject(ref.GetReference()) : &ref;
      const PoDoFo::PdfObject* ft = f && f->IsDictionary() ? f->GetDictionary().GetKey("FT") : nullptr;
      if (ft && ft->IsName() && ft->GetName().GetName() == "Sig") ++n;
    }
    return n;
  } catch (const PoDoFo::PdfError&) {
    return -1;
  }
}

std::vector<ExtractedSignature> extractSignatures(const std::string& pdf) {
  std::vector<ExtractedSignature> out;
  // Plain pattern matching (no PDF parser): "/ByteRange [0 a b c]".
  for (std::size_t at = pdf.find("/ByteRange"); at != std::string::npos; at = pdf.find("/ByteRange", at + 1)) {
    std::size_t open = pdf.find('[', at), close = pdf.find(']', at);
    if (open == std::string::npos || close == std::string::npos || open > at + 12) continue;
    std::istringstream nums(pdf.substr(open + 1, close - open - 1));
    std::size_t zero = 1, a = 0, b = 0, c = 0;
    if (!(nums >> zero >> a >> b >> c) || zero != 0 || b + c > pdf.size() || a >= b) continue;
    ExtractedSignature s;
    s.content = pdf.substr(0, a) + pdf.substr(b, c);
    s.coveredEnd = b + c;
    std::string hex = pdf.substr(a + 1, b - a - 2);
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
      s.cms += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    // Trim the zero padding after the outer DER element.
    if (s.cms.size() > 4 && static_cast<unsigned char>(s.cms[1]) == 0x82) {
      std::size_t len = (static_cast<unsigned char>(s.cms[2]) << 8) | static_cast<unsigned char>(s.cms[3]);
      s.cms.resize(std::min(s.cms.size(), len + 4));
    }
    out.push_back(std::move(s));
  }
  return out;
}

bool opensslVerify(const ExtractedSignature& sig, std::string* output) {
  Env& env = Env::get();
  static int counter = 0;
  std::string base = env.scratch("cms" + std::to_string(counter++));
  spit(base + ".der", sig.cms);
  spit(base + ".bin", sig.content);
  std::string out = run("openssl cms -verify -binary -inform DER -in " + base + ".der -content " +
                        base + ".bin -CAfile " + env.path("root.pem") + " -purpose any -out /dev/null");
  if (output) *output = out;
  return out.find("Verification successful") != std::string::npos;
}

std::string opensslPrint(const ExtractedSignature& sig) {
  Env& env = Env::get();
  std::string path = env.scratch("print.der");
  spit(path, sig.cms);
  return run("openssl cms -cmsout -print -inform DER -in " + path);
}

}  // namespace chancery::signing::test
