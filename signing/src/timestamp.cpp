#include "timestamp.h"

#include <openssl/err.h>
#include <openssl/rand.h>

#include "chancery/signing/error.h"
#include "ossl.h"

namespace chancery::signing::tsp {
namespace {
using TsReq = std::unique_ptr<TS_REQ, ossl::Deleter<TS_REQ, TS_REQ_free>>;
using VerifyCtx = std::unique_ptr<TS_VERIFY_CTX, ossl::Deleter<TS_VERIFY_CTX, TS_VERIFY_CTX_free>>;

[[noreturn]] void fail(const std::string& what) {
  throw SigningError(ErrorCode::Timestamp, what + (ERR_peek_error() ? ": " + ossl::errors() : ""));
}

TsReq makeRequest(std::string_view imprint) {
  TsReq req(TS_REQ_new());
  TS_MSG_IMPRINT* mi = TS_MSG_IMPRINT_new();
  X509_ALGOR* alg = X509_ALGOR_new();
  X509_ALGOR_set0(alg, OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr);
  TS_MSG_IMPRINT_set_algo(mi, alg);
  TS_MSG_IMPRINT_set_msg(mi, reinterpret_cast<unsigned char*>(const_cast<char*>(imprint.data())),
                         static_cast<int>(imprint.size()));
  TS_REQ_set_msg_imprint(req.get(), mi);
  TS_MSG_IMPRINT_free(mi);
  X509_ALGOR_free(alg);
  unsigned char nonceBytes[8];
  RAND_bytes(nonceBytes, sizeof nonceBytes);
  nonceBytes[0] &= 0x7F;
  BIGNUM* bn = BN_bin2bn(nonceBytes, sizeof nonceBytes, nullptr);
  ASN1_INTEGER* nonce = BN_to_ASN1_INTEGER(bn, nullptr);
  TS_REQ_set_nonce(req.get(), nonce);
  ASN1_INTEGER_free(nonce);
  BN_free(bn);
  TS_REQ_set_version(req.get(), 1);
  TS_REQ_set_cert_req(req.get(), 1);
  return req;
}
}  // namespace

std::string requestToken(Transport& transport, const std::string& url,
                         std::string_view signatureValue) {
  std::string imprint = ossl::sha256(signatureValue);
  TsReq req = makeRequest(imprint);
  unsigned char* reqDer = nullptr;
  int reqLen = i2d_TS_REQ(req.get(), &reqDer);
  if (reqLen <= 0) fail("cannot encode timestamp request");
  std::string body(reinterpret_cast<char*>(reqDer), static_cast<std::size_t>(reqLen));
  OPENSSL_free(reqDer);
  std::string reply;
  try {
    reply = transport.post(url, "application/timestamp-query", body);
  } catch (const std::exception& e) {
    throw SigningError(ErrorCode::Transport, "TSA " + url + ": " + e.what());
  }
  auto* p = reinterpret_cast<const unsigned char*>(reply.data());
  ossl::TsResp resp(d2i_TS_RESP(nullptr, &p, static_cast<long>(reply.size())));
  if (!resp) fail("TSA " + url + " did not answer with a timestamp response");
  long status = ASN1_INTEGER_get(TS_STATUS_INFO_get0_status(TS_RESP_get_status_info(resp.get())));
  if (status != 0 && status != 1) fail("TSA refused the request (status " + std::to_string(status) + ")");
  // Check that the token is for our imprint and nonce; its signature is checked by verifiers
  // against their trust anchors.
  VerifyCtx ctx(TS_REQ_to_TS_VERIFY_CTX(req.get(), nullptr));
  TS_VERIFY_CTX_set_flags(ctx.get(), TS_VFY_VERSION | TS_VFY_IMPRINT | TS_VFY_NONCE);
  if (TS_RESP_verify_response(ctx.get(), resp.get()) != 1) fail("timestamp does not match the request");
  PKCS7* token = TS_RESP_get_token(resp.get());
  unsigned char* tokDer = nullptr;
  int tokLen = i2d_PKCS7(token, &tokDer);
  if (tokLen <= 0) fail("cannot encode timestamp token");
  std::string out(reinterpret_cast<char*>(tokDer), static_cast<std::size_t>(tokLen));
  OPENSSL_free(tokDer);
  return out;
}

}  // namespace chancery::signing::tsp
