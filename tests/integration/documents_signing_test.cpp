// Signing through the document flow, on both backends, with chancery::signing and the demo
// keys (`chancery demo` wrote them into DATA/keys): the leader's signature with a server-held
// key and in two phases with a token, the clerk's issue with number, date and seal in one
// update, verification, and refusals that change nothing and take no number.
#include "app/demo_keys.h"
#include "documents_support.h"
#include "service/calendar.h"
#include "store/register_store.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <filesystem>
#include <fstream>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/rsa.h>
#include <sstream>

using namespace chancery;
using namespace chancery::testing;

namespace {

std::string base64(const std::string& bytes) {
  std::ostringstream s;
  Poco::Base64Encoder enc(s);
  enc.rdbuf()->setLineLength(0);
  enc << bytes;
  enc.close();
  return s.str();
}

std::string unbase64(const std::string& text) {
  std::istringstream in(text);
  Poco::Base64Decoder dec(in);
  return std::string((std::istreambuf_iterator<char>(dec)), std::istreambuf_iterator<char>());
}

std::string jsonEscape(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\n')
      out += "\\n";
    else if (c == '"' || c == '\\')
      out += std::string("\\") + c;
    else
      out += c;
  }
  return out;
}

// The leader's key and certificate chain out of the demo PKCS#12, as a USB token holds them.
struct Token {
  EVP_PKEY* key = nullptr;
  std::string chainPem;
  ~Token() { EVP_PKEY_free(key); }
  std::string sign(const std::string& digest) const {
    EVP_PKEY_CTX* ctx = EVP_PKEY_CTX_new(key, nullptr);
    EVP_PKEY_sign_init(ctx);
    EVP_PKEY_CTX_set_rsa_padding(ctx, RSA_PKCS1_PADDING);
    EVP_PKEY_CTX_set_signature_md(ctx, EVP_sha256());
    std::size_t len = 0;
    auto in = reinterpret_cast<const unsigned char*>(digest.data());
    EVP_PKEY_sign(ctx, nullptr, &len, in, digest.size());
    std::string out(len, '\0');
    EVP_PKEY_sign(ctx, reinterpret_cast<unsigned char*>(out.data()), &len, in, digest.size());
    EVP_PKEY_CTX_free(ctx);
    out.resize(len);
    return out;
  }
};

std::string readFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

class Signing : public DocsTest {
protected:
  std::filesystem::path keys() { return server_->dataDir() / "keys"; }
  std::unique_ptr<Token> token() {
    std::string p12 = readFile(keys() / "lanhdao.p12");
    std::string password = readFile(keys() / "lanhdao.password");
    password.erase(password.find_last_not_of("\r\n") + 1);
    BIO* in = BIO_new_mem_buf(p12.data(), static_cast<int>(p12.size()));
    PKCS12* pkcs12 = d2i_PKCS12_bio(in, nullptr);
    auto t = std::make_unique<Token>();
    X509* cert = nullptr;
    STACK_OF(X509)* ca = nullptr;
    EXPECT_EQ(PKCS12_parse(pkcs12, password.c_str(), &t->key, &cert, &ca), 1);
    BIO* out = BIO_new(BIO_s_mem());
    PEM_write_bio_X509(out, cert);
    for (int i = 0; ca && i < sk_X509_num(ca); ++i)
      PEM_write_bio_X509(out, sk_X509_value(ca, i));
    char* data = nullptr;
    long n = BIO_get_mem_data(out, &data);
    t->chainPem.assign(data, static_cast<std::size_t>(n));
    BIO_free(out);
    X509_free(cert);
    sk_X509_pop_free(ca, X509_free);
    PKCS12_free(pkcs12);
    BIO_free(in);
    return t;
  }
  // An approved draft of a Quyết định whose first page has the số/ký hiệu and date fields.
  std::int64_t approvedTemplate() {
    auto pdf = app::demoDecisionPdf("VĂN PHÒNG ĐOÀN ĐBQH VÀ HĐND TỈNH BẮC AN", "Về việc thử ký số",
                                    "Điều 1. Nội dung thử nghiệm.");
    return approved(pdf);
  }
  std::int64_t approved(const std::string& pdf) {
    auto& author = as("chuyenvien");
    auto fid = upload(author, pdf);
    auto r =
        author.postJson("/api/v1/documents", R"({"fileId":)" + std::to_string(fid) +
                                                 R"(,"type":"quyet_dinh","subject":")" +
                                                 unique("Thử ký số") + R"(","place":"Bắc An"})");
    EXPECT_EQ(r.status, 201) << r.body;
    auto id = jsonInt(r.json()->getObject("document"), "id");
    post(author, path(id, "/submit"), R"({"approverId":)" + std::to_string(userId("lanhdao")) + "}",
         200);
    post(as("lanhdao"), path(id, "/approve"), "{}", 200);
    return id;
  }
  std::string text(const std::string& pdf) {
    auto file = server_->dataDir() / "signed.pdf";
    std::ofstream(file, std::ios::binary) << pdf;
    std::string out;
    EXPECT_EQ(run("pdftotext -enc UTF-8 " + file.string() + " -", &out), 0) << out;
    return out;
  }
  int pdfsigValid(const std::string& pdf) {
    auto file = server_->dataDir() / "check.pdf";
    std::ofstream(file, std::ios::binary) << pdf;
    std::string out;
    run("pdfsig " + file.string(), &out);
    int n = 0;
    for (auto at = out.find("Signature is Valid."); at != std::string::npos;
         at = out.find("Signature is Valid.", at + 1))
      ++n;
    return n;
  }
  std::int64_t lastOutgoingNumber() {
    auto lease = server_->runtime().db().acquire();
    auto reg = lease->queryOne(
        "SELECT id FROM registers WHERE unit_id = ? AND kind = 'outgoing' AND series = 'normal'",
        {unitOf("vanthu")});
    if (!reg) return 0;
    return store::registers::lastNumber(*lease, reg->getInt("id"), service::calendar::today().year)
        .value_or(0);
  }
  static std::string path(std::int64_t id, const std::string& tail = "") {
    return "/api/v1/documents/" + std::to_string(id) + tail;
  }
};

TEST_P(Signing, LeaderSignsAndClerkIssuesWithNumberDateAndSealInTheFields) {
  auto id = approvedTemplate();
  auto& leader = as("lanhdao");
  auto preview = leader.get(path(id, "/signing")).json();
  EXPECT_TRUE(preview->getValue<bool>("available"));
  EXPECT_TRUE(preview->getValue<bool>("serverKey"));
  EXPECT_EQ(jsonStr(preview, "numberPreview"), "Số: …/QĐ-VP");

  auto signedDoc = post(leader, path(id, "/sign"), "{}", 200).json();
  EXPECT_EQ(jsonStr(signedDoc->getObject("document"), "status"), "signed");
  auto versions = signedDoc->getArray("versions");
  ASSERT_EQ(versions->size(), 2u);
  EXPECT_EQ(jsonStr(versions->getObject(1), "kind"), "signed");
  EXPECT_TRUE(versions->getObject(1)->getValue<bool>("immutable"));
  EXPECT_EQ(jsonStr(signedDoc->getArray("signatures")->getObject(0), "role"), "leader");
  // A signed version is never replaced.
  auto fid = upload(as("chuyenvien"), sample("01-quyet-dinh-1-trang.pdf"));
  EXPECT_EQ(post(as("chuyenvien"), path(id, "/versions"),
                 R"({"fileId":)" + std::to_string(fid) + "}", 409)
                .errorCode(),
            "invalid_transition");

  auto before = lastOutgoingNumber();
  auto issued =
      post(as("vanthu"), path(id, "/issue"),
           R"({"form":"electronic","recipientUnitIds":[)" + std::to_string(unitOf("chutoa")) + "]}",
           200)
          .json();
  auto doc = issued->getObject("document");
  EXPECT_EQ(jsonStr(doc, "status"), "issued");
  EXPECT_EQ(jsonStr(doc, "issueForm"), "electronic");
  EXPECT_EQ(jsonStr(doc, "number"), std::to_string(before + 1));
  EXPECT_EQ(issued->getArray("versions")->size(), 3u);
  EXPECT_EQ(issued->getArray("signatures")->size(), 2u);

  auto file = as("chutoa").get(path(id, "/file"));  // a recipient unit reads it
  ASSERT_EQ(file.status, 200);
  auto t = text(file.body);
  EXPECT_NE(t.find(jsonStr(doc, "numberAndNotation")), std::string::npos) << t.substr(0, 800);
  EXPECT_NE(t.find(service::calendar::vietnameseLong(service::calendar::today())),
            std::string::npos);
  EXPECT_NE(t.find("Lê Quang Hùng"), std::string::npos);  // the leader's appearance
  EXPECT_EQ(pdfsigValid(file.body), 2) << "an independent verifier (poppler) agrees";

  auto check = as("vanthu").get(path(id, "/signatures")).json();
  EXPECT_TRUE(check->getValue<bool>("available"));
  auto sigs = check->getArray("signatures");
  ASSERT_EQ(sigs->size(), 2u);
  for (unsigned i = 0; i < 2; ++i) {
    auto sig = sigs->getObject(i);
    EXPECT_TRUE(sig->getValue<bool>("valid")) << jsonStr(sig, "problem");
    EXPECT_TRUE(sig->getValue<bool>("trusted"));
  }
  EXPECT_EQ(jsonStr(sigs->getObject(0), "signer"), "Lê Quang Hùng");
  EXPECT_EQ(jsonStr(sigs->getObject(0), "changesAfter"), "form-filling");  // number and date
}

TEST_P(Signing, WithoutNumberFieldsTheOrganisationTextCarriesTheNumber) {
  auto id = approved(sample("01-quyet-dinh-1-trang.pdf"));
  post(as("lanhdao"), path(id, "/sign"), "{}", 200);
  auto issued = post(as("vanthu"), path(id, "/issue"), R"({"form":"electronic"})", 200).json();
  auto number = jsonStr(issued->getObject("document"), "numberAndNotation");
  auto t = text(as("vanthu").get(path(id, "/file")).body);
  EXPECT_NE(t.find("Số: " + number), std::string::npos) << t.substr(0, 600);
  auto sigs = as("vanthu").get(path(id, "/signatures")).json()->getArray("signatures");
  ASSERT_EQ(sigs->size(), 2u);
  EXPECT_TRUE(sigs->getObject(0)->getValue<bool>("valid"));
  EXPECT_TRUE(sigs->getObject(1)->getValue<bool>("valid"));
}

TEST_P(Signing, TwoPhaseSigningWithABrowserToken) {
  auto id = approvedTemplate();
  auto& leader = as("lanhdao");
  auto tok = token();
  // A certificate that is not PEM, and a wrong signature: refused, nothing changes.
  EXPECT_EQ(
      post(leader, path(id, "/sign/token"), R"({"certificateChainPem":"not a certificate"})", 400)
          .errorCode(),
      "invalid_field");
  auto started = post(leader, path(id, "/sign/token"),
                      R"({"certificateChainPem":")" + jsonEscape(tok->chainPem) + "\"}", 201)
                     .json();
  std::string session = jsonStr(started, "sessionId");
  std::string digest = unbase64(jsonStr(started, "toBeSigned"));
  ASSERT_EQ(digest.size(), 32u);
  auto s = snapshot();
  auto wrong = post(leader, path(id, "/sign/token/" + session),
                    R"({"signature":")" + base64(tok->sign(std::string(32, 'x'))) + "\"}", 400);
  EXPECT_EQ(wrong.errorCode(), "signature_mismatch");
  EXPECT_EQ(snapshot(), s);
  EXPECT_EQ(post(as("vanthu"), path(id, "/sign/token/" + session),
                 R"({"signature":")" + base64(tok->sign(digest)) + "\"}", 403)
                .errorCode(),
            "forbidden");
  auto done = post(leader, path(id, "/sign/token/" + session),
                   R"({"signature":")" + base64(tok->sign(digest)) + "\"}", 200)
                  .json();
  EXPECT_EQ(jsonStr(done->getObject("document"), "status"), "signed");
  EXPECT_EQ(jsonStr(done->getArray("signatures")->getObject(0), "method"), "token");
  auto sig = leader.get(path(id, "/signatures")).json()->getArray("signatures")->getObject(0);
  EXPECT_TRUE(sig->getValue<bool>("valid")) << jsonStr(sig, "problem");
  // The session is used up.
  EXPECT_EQ(
      post(leader, path(id, "/sign/token/" + session), R"({"signature":"AAAA"})", 409).errorCode(),
      "invalid_transition");
}

TEST_P(Signing, MissingOrBrokenKeysRefuseWithoutTakingANumber) {
  auto id = approvedTemplate();
  auto& leader = as("lanhdao");
  auto& clerk = as("vanthu");
  std::filesystem::rename(keys() / "lanhdao.p12", keys() / "lanhdao.p12.away");
  auto s = snapshot();
  EXPECT_EQ(post(leader, path(id, "/sign"), "{}", 409).errorCode(), "no_server_key");
  EXPECT_FALSE(leader.get(path(id, "/signing")).json()->getValue<bool>("serverKey"));
  EXPECT_EQ(snapshot(), s);
  std::filesystem::rename(keys() / "lanhdao.p12.away", keys() / "lanhdao.p12");
  post(leader, path(id, "/sign"), "{}", 200);

  // A wrong password for the organisation key fails inside the issue transaction: the number
  // taken there is given back, so the series has no gap.
  auto number = lastOutgoingNumber();
  std::filesystem::copy_file(keys() / "organisation.password", keys() / "organisation.password.ok");
  std::ofstream(keys() / "organisation.password") << "wrong\n";
  s = snapshot();
  EXPECT_EQ(post(clerk, path(id, "/issue"), R"({"form":"electronic"})", 409).errorCode(),
            "signing_key");
  EXPECT_EQ(snapshot(), s);
  EXPECT_EQ(lastOutgoingNumber(), number);
  std::filesystem::rename(keys() / "organisation.password.ok", keys() / "organisation.password");
  auto issued = post(clerk, path(id, "/issue"), R"({"form":"electronic"})", 200).json();
  EXPECT_EQ(jsonStr(issued->getObject("document"), "number"), std::to_string(number + 1));
}

INSTANTIATE_TEST_SUITE_P(Backends, Signing, ::testing::Values(Backend::Sqlite, Backend::Mysql),
                         BackendNamer());
