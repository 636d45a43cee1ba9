#pragma once
// edXML (QCVN 102:2016/BTTTT), the envelope Vietnamese agencies exchange documents in, and
// its status messages. This file only converts between XML and plain structs; which documents
// an envelope creates or changes is service/interchange.
//
// Layout written (and expected on import):
//   <edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">
//     <edXML:edXMLEnvelope xmlns:edXML="…same…">
//       <edXML:edXMLHeader>
//         <edXML:MessageHeader> From, To*, Code, PromulgationInfo, DocumentType, Subject,
//           Content, SignerInfo, DueDate, ToPlaces, OtherInfo, SteeringType, DocumentId
//         <edXML:TraceHeaderList> TraceHeader* (OrganId, Timestamp), Bussiness
//         (status messages carry <edXML:Status> instead of MessageHeader)
//       <edXML:edXMLBody><edXML:edXMLManifest> Reference* (ContentId, AttachmentName, …)
//     <AttachmentEncoded><Attachment> ContentId, AttachmentName, ContentType,
//       ContentTransferEncoded (base64)
// Elements are matched by local name; the namespace is written but not required on import.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chancery::service::edxml {

inline constexpr std::string_view kNamespace = "http://www.mic.gov.vn/TBT/QCVN_102_2016";

struct Organ {
  std::string organId, organName, organAdd, email, telephone;
};

struct Attachment {
  std::string contentId, name, contentType, description;
  std::string bytes;  // decoded
};

struct Trace {
  std::string organId, timestamp;  // "YYYY/MM/DD HH:MM:SS"
};

struct Envelope {
  Organ from;
  std::vector<Organ> to;
  std::string documentId;  // "{OrganId},{YYYY/MM/DD},{số}/{ký hiệu}"
  std::string codeNumber, codeNotation;
  std::string place, promulgationDate;  // date as YYYY-MM-DD
  int type = 1;                         // 1: administrative document
  int typeDetail = 0;                   // index in document_types (1-based), 0 unknown
  std::string typeName;
  std::string subject, content;
  std::string signerCompetence, signerPosition, signerFullName;
  std::string dueDate;  // YYYY-MM-DD or empty
  std::vector<std::string> toPlaces;
  int priority = 0;  // 0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc, 4 hỏa tốc hẹn giờ
  std::string sphereOfPromulgation;
  std::optional<std::int64_t> promulgationAmount, pageAmount;
  int steeringType = 0;
  std::vector<Trace> traces;
  int businessDocType = 0;  // 0 new, 1 revocation, 2 update, 3 replacement
  std::string businessDocReason;
  std::vector<Attachment> attachments;
};

// Status codes of QCVN 102:2016 that this system sends and understands.
struct StatusCode {
  std::string_view code;
  std::string_view meaning;  // Vietnamese
};
const std::vector<StatusCode>& statusCodes();
const StatusCode* findStatus(std::string_view code);

struct StatusMessage {
  Organ from;
  std::string responseForOrganId;
  std::string responseForCodeNumber, responseForCodeNotation;
  std::string responseForDate;        // YYYY-MM-DD
  std::string responseForDocumentId;  // the DocumentId of the envelope the status is about
  std::string statusCode;             // "01" … "16"
  std::string description;
  std::string timestamp;  // "YYYY/MM/DD HH:MM:SS"
  std::string staffDepartment, staffName, staffEmail, staffMobile;
};

struct Limits {
  std::size_t maxBytes = 96u << 20;
  std::size_t maxAttachmentBytes = 64u << 20;  // decoded
  std::size_t maxAttachments = 50;
  std::size_t maxElements = 20000;
  std::size_t maxDepth = 32;
  std::size_t maxTextBytes = 1u << 20;  // any element other than ContentTransferEncoded
};

std::string writeEnvelope(const Envelope& e);
std::string writeStatus(const StatusMessage& s);

// Each throws Error with the element path in `field`:
//   415 unsupported_encoding — not UTF-8 (declaration, BOM)
//   400 invalid_utf8 / invalid_xml — broken bytes or XML (line and column), DOCTYPE refused
//   413 envelope_too_large / attachment_too_large
//   422 invalid_edxml — a required element missing or a value out of range
Envelope parseEnvelope(std::string_view xml, const Limits& limits);
StatusMessage parseStatus(std::string_view xml, const Limits& limits);

// "YYYY/MM/DD" from "YYYY-MM-DD" and back (also accepts an ISO time after the date).
std::string toEdxmlDate(const std::string& isoDate);
std::optional<std::string> fromEdxmlDate(std::string_view s);

}  // namespace chancery::service::edxml
