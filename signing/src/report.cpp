#include <cstdio>

#include "chancery/signing/verifier.h"

namespace chancery::signing {
namespace {

std::string quote(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

std::string list(const std::vector<std::string>& items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + quote(items[i]);
  return out + "]";
}

const char* yes(bool b) { return b ? "true" : "false"; }

std::string statuses(const std::vector<CertificateStatus>& chain) {
  std::string out = "[";
  for (std::size_t i = 0; i < chain.size(); ++i) {
    const CertificateStatus& c = chain[i];
    out += std::string(i ? "," : "") + "{\"subject\":" + quote(c.subject) + ",\"revocation\":" +
           quote(revocationStatusName(c.status)) + ",\"source\":" + quote(c.source) +
           ",\"detail\":" + quote(c.detail) + "}";
  }
  return out + "]";
}

std::string signatureJson(const SignatureReport& s) {
  std::string out = "{";
  out += "\"field\":" + quote(s.fieldName) + ",\"subFilter\":" + quote(s.subFilter);
  out += ",\"signer\":" + quote(s.signer) + ",\"signerSubject\":" + quote(s.signerSubject);
  out += ",\"claimedTime\":" + quote(s.claimedTime) + ",\"timestampTime\":" + quote(s.timestampTime);
  out += ",\"level\":" + quote(s.level);
  out += ",\"revision\":" + std::to_string(s.revision) + ",\"revisions\":" + std::to_string(s.revisions);
  out += ",\"coversWholeFile\":" + std::string(yes(s.coversWholeFile));
  out += ",\"digestMatches\":" + std::string(yes(s.digestMatches));
  out += ",\"signatureValid\":" + std::string(yes(s.signatureValid));
  out += ",\"oneSignerInfo\":" + std::string(yes(s.oneSignerInfo));
  out += ",\"signingCertificateBound\":" + std::string(yes(s.signingCertificateBound));
  out += ",\"chainTrusted\":" + std::string(yes(s.chainTrusted));
  out += ",\"validAtSigningTime\":" + std::string(yes(s.validAtSigningTime));
  out += ",\"keyUsageOk\":" + std::string(yes(s.keyUsageOk));
  out += ",\"timestampPresent\":" + std::string(yes(s.timestampPresent));
  out += ",\"timestampValid\":" + std::string(yes(s.timestampValid));
  out += ",\"revocation\":" + quote(revocationStatusName(s.revocation));
  out += ",\"chain\":" + statuses(s.chain) + ",\"timestampChain\":" + statuses(s.timestampChain);
  out += ",\"changesAfter\":" + quote(changeKindName(s.changesAfter));
  out += ",\"modified\":" + std::string(yes(s.modified()));
  out += ",\"changeDetails\":" + list(s.changeDetails);
  out += ",\"valid\":" + std::string(yes(s.valid()));
  out += ",\"problems\":" + list(s.problems) + ",\"warnings\":" + list(s.warnings) + "}";
  return out;
}
}  // namespace

const char* changeKindName(ChangeKind kind) noexcept {
  switch (kind) {
    case ChangeKind::None: return "none";
    case ChangeKind::SignaturesOrDss: return "signatures-or-dss";
    case ChangeKind::FormFilling: return "form-filling";
    case ChangeKind::Annotations: return "annotations";
    case ChangeKind::Other: return "other";
  }
  return "?";
}

const char* revocationStatusName(RevocationStatus s) noexcept {
  switch (s) {
    case RevocationStatus::Good: return "good";
    case RevocationStatus::Revoked: return "revoked";
    case RevocationStatus::Unknown: return "unknown";
    case RevocationStatus::NotChecked: return "not-checked";
  }
  return "?";
}

std::string toJson(const VerificationReport& r) {
  std::string out = "{\"valid\":" + std::string(yes(r.allValid())) + ",\"exitCode\":" +
                    std::to_string(r.exitCode()) + ",\"revisions\":" + std::to_string(r.revisions);
  if (!r.error.empty()) out += ",\"error\":" + quote(r.error);
  out += ",\"signatures\":[";
  for (std::size_t i = 0; i < r.signatures.size(); ++i) out += (i ? "," : "") + signatureJson(r.signatures[i]);
  return out + "]}";
}

std::string toText(const VerificationReport& r) {
  if (!r.error.empty()) return "Cannot read the document: " + r.error + "\n";
  std::string out;
  if (r.signatures.empty()) out += "The document has no signatures.\n";
  for (std::size_t i = 0; i < r.signatures.size(); ++i) {
    const SignatureReport& s = r.signatures[i];
    out += "Signature " + std::to_string(i + 1) + " (" + s.fieldName + "): " +
           (s.valid() ? "VALID" : "NOT VALID") + "\n";
    out += "  Signer:        " + s.signer + "\n";
    out += "  Claimed time:  " + (s.claimedTime.empty() ? "-" : s.claimedTime) + "\n";
    out += "  Timestamp:     " + (s.timestampTime.empty() ? "-" : s.timestampTime) + "\n";
    out += "  Level:         " + s.level + " (" + s.subFilter + ")\n";
    out += "  Covers:        revision " + std::to_string(s.revision) + " of " + std::to_string(s.revisions) + "\n";
    out += "  Integrity:     " + std::string(s.digestMatches && s.signatureValid ? "intact" : "BROKEN") + "\n";
    out += "  Certificate:   " + std::string(s.chainTrusted ? "trusted" : "NOT trusted") +
           (s.validAtSigningTime ? ", valid at signing time" : ", NOT valid at signing time") +
           ", revocation " + revocationStatusName(s.revocation) + "\n";
    out += "  Changed after: " + std::string(changeKindName(s.changesAfter)) + (s.modified() ? " (MODIFIED)" : "") + "\n";
    for (const std::string& p : s.problems) out += "  ! " + p + "\n";
    for (const std::string& w : s.warnings) out += "  ~ " + w + "\n";
  }
  out += r.allValid() ? "All signatures are valid.\n" : "Verification FAILED.\n";
  return out;
}

}  // namespace chancery::signing
