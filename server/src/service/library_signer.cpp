#include "service/library_signer.h"

#include "chancery/signing/error.h"
#include "chancery/signing/signer.h"
#include "chancery/signing/verifier.h"
#include "service/errors.h"
#include "service/pdf_tools.h"

#include <algorithm>
#include <fstream>
#include <optional>
#include <sstream>

namespace chancery::service {
namespace {

namespace fs = std::filesystem;
constexpr double kSealSize = 36.0 * 72.0 / 25.4;  // a 36 mm seal, in points

std::string readFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string firstLine(const fs::path& p) {
  std::ifstream in(p);
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n' || line.back() == ' '))
    line.pop_back();
  return line;
}

Error translate(const signing::SigningError& e) {
  using signing::ErrorCode;
  std::string what = e.message();
  switch (e.code()) {
  case ErrorCode::NotPdf:
  case ErrorCode::Encrypted:
  case ErrorCode::Malformed:
  case ErrorCode::Unsupported:
    return Error(ErrorKind::Unprocessable, "unsignable_pdf", "the PDF cannot be signed: " + what);
  case ErrorCode::Key:
    return Error(ErrorKind::Conflict, "signing_key", "the signing key cannot be used: " + what);
  case ErrorCode::FieldNotFound:
  case ErrorCode::Font:
  case ErrorCode::Image:
    return Error(ErrorKind::Unprocessable, "signing_appearance",
                 "the signature appearance failed: " + what);
  case ErrorCode::Transport:
  case ErrorCode::Timestamp:
  case ErrorCode::Revocation:
    return Error(ErrorKind::Unavailable, "signing_service",
                 "a timestamp or revocation service failed: " + what);
  case ErrorCode::ExternalMismatch:
    return Error(ErrorKind::BadRequest, "signature_mismatch",
                 "the token's signature does not match what was prepared: " + what, "signature");
  case ErrorCode::InvalidArgument:
    return Error(ErrorKind::BadRequest, "signing_refused", "signing refused: " + what);
  default:
    return Error(ErrorKind::Unprocessable, "signing_failed", "signing failed: " + what);
  }
}

class LibrarySigner final : public DocumentSigner {
public:
  explicit LibrarySigner(SigningConfig c) : c_(std::move(c)) {}

  bool available(std::string* reason) const override {
    if (reason) reason->clear();
    return true;
  }
  bool hasServerKey(const std::string& username) const override {
    return keyFor(username).has_value();
  }
  bool hasOrganisationKey() const override { return keyFor("organisation").has_value(); }

  std::string signAsLeader(std::string_view pdf, const LeaderSignature& s) override {
    auto key = keyFor(s.username);
    if (!key) throw conflict("no_server_key", "the server holds no signing key for " + s.username);
    try {
      return signing::signPdf(pdf, *key, leaderOptions(s), c_.transport.get());
    } catch (const signing::SigningError& e) {
      throw translate(e);
    }
  }

  PreparedSigning prepareExternal(std::string_view pdf, const LeaderSignature& s,
                                  std::string_view chain) override {
    try {
      auto p = signing::prepareSignature(pdf, leaderOptions(s), chain);
      return {p.serialize(), p.toBeSigned};
    } catch (const signing::SigningError& e) {
      throw translate(e);
    }
  }

  std::string completeExternal(const std::string& state, std::string_view signature) override {
    try {
      return signing::completeSignature(signing::PreparedSignature::parse(state), signature,
                                        c_.transport.get());
    } catch (const signing::SigningError& e) {
      throw translate(e);
    }
  }

  std::string issueWithSeal(std::string_view pdf, const OrganisationSeal& s) override {
    auto key = keyFor("organisation");
    if (!key)
      throw conflict("no_organisation_key",
                     "the server holds no key for the organisation's signature");
    signing::SignOptions o = base();
    o.fieldName = kOrganisationFieldName;
    o.reason = "Phát hành văn bản " + s.numberAndNotation;
    o.location = s.location;
    auto names = pdf::formFieldNames(pdf);
    auto has = [&](const std::string& n) {
      return std::find(names.begin(), names.end(), n) != names.end();
    };
    if (has(c_.numberField)) o.fillFields.push_back({c_.numberField, s.numberAndNotation});
    if (has(c_.dateField)) o.fillFields.push_back({c_.dateField, s.dateText});
    std::string seal = imageFor("organisation");
    if (!seal.empty() && !o.fillFields.empty()) {
      // The seal over the left third of the leader's signature (Decree 30 appendix I).
      o.appearance.kind = signing::AppearanceKind::Seal;
      o.appearance.page = s.leaderBox.page;
      double cx = s.leaderBox.x + s.leaderBox.width / 3,
             cy = s.leaderBox.y + s.leaderBox.height / 2;
      o.appearance.rect =
          signing::Rect{cx - kSealSize / 2, cy - kSealSize / 2, kSealSize, kSealSize};
      o.appearance.imagePng = seal;
    } else {
      // No seal image, or nowhere to write the number: the text block at the top right carries
      // the organisation, "Số: …" and the signing time.
      o.appearance.kind = signing::AppearanceKind::OrganisationText;
      o.appearance.page = 1;
      o.appearance.name = s.organisationName;
      o.appearance.documentNumber = "Số: " + s.numberAndNotation;
    }
    try {
      return signing::signPdf(pdf, *key, o, c_.transport.get());
    } catch (const signing::SigningError& e) {
      throw translate(e);
    }
  }

  std::vector<VerifiedSignature> verify(std::string_view pdf) override {
    signing::VerifyOptions vo;
    if (fs::is_directory(c_.keysDir / "trust"))
      vo.trustAnchorDirs.push_back((c_.keysDir / "trust").string());
    for (const auto& a : c_.trustAnchors)
      (fs::is_directory(a) ? vo.trustAnchorDirs : vo.trustAnchorFiles).push_back(a);
    vo.transport = c_.transport.get();
    vo.onlineRevocation = c_.transport != nullptr && c_.level != "B-B";
    auto report = signing::verifyPdf(pdf, vo);
    if (!report.error.empty())
      throw Error(ErrorKind::Unprocessable, "unverifiable_pdf",
                  "the PDF cannot be verified: " + report.error);
    std::vector<VerifiedSignature> out;
    for (const auto& r : report.signatures) {
      VerifiedSignature v;
      v.fieldName = r.fieldName;
      v.signer = r.signer;
      v.signingTime = r.timestampTime.empty() ? r.claimedTime : r.timestampTime;
      v.level = r.level;
      v.valid = r.valid();
      v.intact = r.digestMatches && r.signatureValid;
      v.trusted = r.chainTrusted && r.validAtSigningTime;
      v.changesAfter = signing::changeKindName(r.changesAfter);
      for (const auto& p : r.problems)
        v.problem += (v.problem.empty() ? "" : "; ") + p;
      out.push_back(std::move(v));
    }
    return out;
  }

private:
  signing::SignOptions base() const {
    signing::SignOptions o;
    try {
      o.level = signing::parseLevel(c_.level);
    } catch (const signing::SigningError& e) {
      throw Error(ErrorKind::Unavailable, "signing_config", "signing.level: " + e.message());
    }
    o.tsaUrl = c_.tsaUrl;
    return o;
  }

  signing::SignOptions leaderOptions(const LeaderSignature& s) const {
    signing::SignOptions o = base();
    o.fieldName = leaderFieldName(s.username);
    o.reason = s.reason;
    o.location = s.location;
    o.appearance.kind = signing::AppearanceKind::SignerImage;
    o.appearance.page = s.box.page;
    o.appearance.rect = signing::Rect{s.box.x, s.box.y, s.box.width, s.box.height};
    o.appearance.imagePng = imageFor(s.username);
    o.appearance.position = s.position;
    o.appearance.name = s.fullName;
    return o;
  }

  std::optional<signing::KeySource> keyFor(const std::string& name) const {
    KeySpec spec;
    if (auto it = c_.keys.find(name); it != c_.keys.end()) spec = it->second;
    signing::KeySource k;
    if (!spec.pkcs11Uri.empty()) {
      k.pkcs11Uri = spec.pkcs11Uri;
      if (!spec.pkcs11Module.empty()) k.pkcs11Module = spec.pkcs11Module;
      k.pin = spec.pin;
      if (!spec.chainPemPath.empty()) k.certificateChainPem = readFile(spec.chainPemPath);
      return k;
    }
    fs::path p12 =
        spec.pkcs12Path.empty() ? c_.keysDir / (name + ".p12") : fs::path(spec.pkcs12Path);
    if (!fs::is_regular_file(p12)) return std::nullopt;
    k.pkcs12 = readFile(p12);
    k.password =
        !spec.password.empty() ? spec.password : firstLine(c_.keysDir / (name + ".password"));
    return k;
  }

  std::string imageFor(const std::string& name) const {
    std::string configured;
    if (auto it = c_.keys.find(name); it != c_.keys.end()) configured = it->second.imagePath;
    fs::path p = !configured.empty()      ? fs::path(configured)
                 : name == "organisation" ? c_.keysDir / "organisation-seal.png"
                                          : c_.keysDir / (name + ".png");
    return fs::is_regular_file(p) ? readFile(p) : std::string();
  }

  SigningConfig c_;
};

}  // namespace

std::string leaderFieldName(const std::string& username) {
  // A '.' separates the parts of a PDF field name; logins may contain one.
  std::string name = "ChuKy_" + username;
  std::replace(name.begin(), name.end(), '.', '_');
  return name;
}

std::unique_ptr<DocumentSigner> makeLibrarySigner(SigningConfig config) {
  return std::make_unique<LibrarySigner>(std::move(config));
}

}  // namespace chancery::service
