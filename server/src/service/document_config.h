#pragma once
// Settings of the document flows (keys in docs/operations.md, "Documents").

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace chancery::signing {
class Transport;
}

namespace chancery::service {

// One signing key the server holds: a PKCS#12 file with its password, or a PKCS#11 key.
struct KeySpec {
  std::string pkcs12Path, password;
  std::string pkcs11Uri, pkcs11Module, pin;
  std::string chainPemPath;  // PKCS#11: the certificate chain, signer first
  std::string imagePath;     // the handwritten signature (a user) or the seal (organisation), PNG
};

// Keys are "organisation" (the seal) and usernames (leaders). Besides `keys`, the keys
// directory may hold NAME.p12 with its password in NAME.password, and NAME.png (for the
// organisation: organisation-seal.png); trust anchors for verification are the PEM files of
// KEYSDIR/trust and `trustAnchors`.
struct SigningConfig {
  std::filesystem::path keysDir;  // default DATA/keys
  std::map<std::string, KeySpec> keys;
  std::vector<std::string> trustAnchors;   // PEM files or directories
  std::string level = "B-B";               // B-B, B-T, B-LT
  std::string tsaUrl;                      // for B-T and B-LT
  std::string numberField = "so_ky_hieu";  // form fields filled at issue, when the PDF has them
  std::string dateField = "ngay_ban_hanh";
  std::shared_ptr<signing::Transport> transport;  // TSA/OCSP/CRL requests (set by the app)
};

struct ReminderConfig {
  bool enabled = true;
  std::int64_t intervalSeconds = 3600;  // how often the scheduler looks for due items
  std::int64_t daysBefore = 2;          // "nearing the deadline": due within this many days
  std::string baseUrl;                  // links in reminder mails, e.g. https://vanban.example.vn
};

struct DocumentsConfig {
  std::string organisationName;  // on the organisation signature and as edXML From/OrganName
  std::string organId;  // this office's edXML OrganId (mã định danh), e.g. 000.00.12.H53
  std::int64_t maxEdxmlBytes = 96LL << 20;            // an envelope, base64 included
  std::int64_t maxEdxmlAttachmentBytes = 64LL << 20;  // one decoded attachment
  ReminderConfig reminders;
  SigningConfig signing;
};

}  // namespace chancery::service
