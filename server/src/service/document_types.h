#pragma once
// The vocabularies of Decree 30/2020/NĐ-CP in one place: the 29 kinds of administrative
// documents (art. 7) with their abbreviations (appendix III), the kinds of legal documents an
// office receives, urgency (độ khẩn) and secrecy (độ mật) levels, and the document states.

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace chancery::service {

struct DocumentType {
  std::string_view code;          // stable API code, e.g. "quyet_dinh"
  std::string_view name;          // as written on the document and stored, e.g. "Quyết định"
  std::string_view abbreviation;  // in the ký hiệu, e.g. "QĐ"; empty for công văn and thư công
  bool administrative;            // one of the 29 of art. 7 (may be drafted and issued here)
};

// Every type, the 29 administrative ones first in the order of art. 7.
std::span<const DocumentType> documentTypes();
// By code or by name (exact, NFC); nullptr when unknown.
const DocumentType* findDocumentType(std::string_view codeOrName);

// Ký hiệu as Decree 30 appendix II composes it: "QĐ-VP" (type abbreviation, then the issuing
// organisation's abbreviation); for công văn, which has no type abbreviation, "VP".
std::string defaultNotation(const DocumentType& type, std::string_view organisationCode);

enum class Urgency { Normal, Urgent, VeryUrgent, Flash };  // thường, khẩn, thượng khẩn, hỏa tốc
enum class Secrecy { None, Confidential, Secret, TopSecret };  // —, mật, tối mật, tuyệt mật

std::string_view urgencyName(Urgency u);  // "normal", "urgent", "very_urgent", "flash"
std::optional<Urgency> parseUrgency(std::string_view s);
std::string_view urgencyLabel(Urgency u);  // "Thường", "Khẩn", "Thượng khẩn", "Hỏa tốc"
std::string_view secrecyName(Secrecy s);  // "none", "confidential", "secret", "top_secret"
std::optional<Secrecy> parseSecrecy(std::string_view s);
std::string_view secrecyLabel(Secrecy s);  // "", "Mật", "Tối mật", "Tuyệt mật"

enum class Direction { Incoming, Outgoing };
std::string_view directionName(Direction d);  // "incoming", "outgoing"
std::optional<Direction> parseDirection(std::string_view s);

// States of a document; which transitions exist and who may take them is in document_flow.h.
enum class DocStatus {
  Draft,       // outgoing: being written
  InReview,    // outgoing: submitted for review and approval
  Approved,    // outgoing: approved by the leader, awaiting signature (or paper issue)
  Signed,      // outgoing: signed by the leader, awaiting number and seal
  Issued,      // outgoing: numbered, sealed and sent
  Registered,  // incoming: in the register
  Presented,   // incoming: presented to a leader for direction
  Assigned,    // incoming: handlers and a deadline set
  InProgress,  // incoming: a handler reported progress
  Done,        // incoming: handling finished
  Revoked,     // thu hồi: frozen
};
std::string_view statusName(DocStatus s);
std::optional<DocStatus> parseStatus(std::string_view s);

}  // namespace chancery::service
