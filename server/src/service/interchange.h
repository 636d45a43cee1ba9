#pragma once
// Interchange (liên thông) with other agencies in edXML (QCVN 102:2016/BTTTT): exporting a
// document as an envelope, importing an envelope into the incoming register, and the status
// messages that follow a document between agencies (01 received … 16 revocation refused).
// Secret documents are never exported.

#include "service/document_config.h"
#include "service/documents.h"
#include "service/edxml.h"
#include "service/flows.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace chancery::service {

struct ExportedXml {
  std::string xml;
  std::string fileName;
};

struct StatusApplied {
  std::int64_t documentId = 0;
  std::string statusCode;
  bool revoked = false;
};

class InterchangeService {
public:
  InterchangeService(store::Db& db, DocumentService& documents, DocumentsConfig config)
      : db_(db), documents_(documents), config_(std::move(config)) {}

  edxml::Limits limits() const;
  // Throws Error: NotFound, Conflict ("invalid_transition"), Forbidden (not the unit's clerk or
  // a secret document), BadRequest (no recipient).
  ExportedXml exportDocument(const Principal& actor, std::int64_t id,
                             const std::vector<edxml::Organ>& to);
  // Registers the envelope's document as incoming in the caller's unit. Throws what
  // edxml::parseEnvelope throws, plus Conflict ("already_imported", "duplicate_document").
  DocumentDetail importEnvelope(const Principal& actor, std::string_view xml, bool allowDuplicate);
  // Applies a status message to the document it answers; 13 (revocation) revokes an
  // incoming document.
  StatusApplied importStatus(const Principal& actor, std::string_view xml);
  // A status message about a document (incoming: 01–06, 15, 16; outgoing: 13).
  ExportedXml exportStatus(const Principal& actor, std::int64_t id, const std::string& code,
                           const std::string& description);

private:
  edxml::Organ us(store::Connection& c, const store::DocumentRecord& d) const;

  store::Db& db_;
  DocumentService& documents_;
  DocumentsConfig config_;
};

// edXML Priority (0 thường … 3 hỏa tốc, 4 hỏa tốc hẹn giờ) and our urgency names.
int priorityOf(const std::string& urgency);
std::string urgencyOfPriority(int priority);

}  // namespace chancery::service
