#pragma once
// DocumentSigner over chancery::signing: PAdES signatures with keys the server holds (PKCS#12
// files or PKCS#11 tokens, see SigningConfig), two-phase signing for USB tokens in the browser,
// and verification against the configured trust anchors. Keys and images are read when they
// are used, so a key put into the keys directory (e.g. by `chancery demo`) works at once.

#include "service/document_config.h"
#include "service/document_signer.h"

#include <memory>

namespace chancery::service {

// Throws nothing; a missing key is reported when it is needed.
std::unique_ptr<DocumentSigner> makeLibrarySigner(SigningConfig config);

// The field names the signer gives: the leader's, and the organisation's.
std::string leaderFieldName(const std::string& username);
inline constexpr const char* kOrganisationFieldName = "ChuKy_CoQuan";

}  // namespace chancery::service
