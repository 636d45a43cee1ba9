#include "service/interchange.h"

#include "service/audit.h"
#include "service/calendar.h"
#include "service/document_common.h"
#include "service/document_types.h"
#include "service/errors.h"
#include "service/pdf_tools.h"
#include "store/flow_store.h"
#include "store/user_store.h"
#include "util/json_writer.h"
#include "util/log.h"
#include "util/text.h"

namespace chancery::service {
namespace {

const std::string kHeader = "/edXML/edXMLEnvelope/edXMLHeader/MessageHeader";

std::string timestampNow() {
  // "YYYY/MM/DD HH:MM:SS" in Vietnam time, as TraceHeader timestamps are written.
  std::int64_t local = store::nowMillis() + calendar::kVietnamOffsetMillis;
  calendar::Date d = calendar::dateOf(store::nowMillis());
  std::int64_t secs = (local / 1000) % 86400;
  char buf[16];
  std::snprintf(buf, sizeof buf, " %02d:%02d:%02d", static_cast<int>(secs / 3600),
                static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
  return edxml::toEdxmlDate(d.str()) + buf;
}

int typeDetailOf(const std::string& name) {
  auto types = documentTypes();
  for (std::size_t i = 0; i < types.size(); ++i)
    if (types[i].name == name) return static_cast<int>(i + 1);
  return 0;
}

void record(store::Connection& c, const Principal& actor, std::optional<std::int64_t> docId,
            const std::string& direction, const std::string& kind, const std::string& code,
            const std::string& peer, const std::string& edxmlId, const std::string& description) {
  store::interchange::insert(c, {0, docId, direction, kind, code, peer, edxmlId, description,
                                 actor.userId, store::nowMillis()});
}

}  // namespace

int priorityOf(const std::string& urgency) {
  if (urgency == "urgent") return 1;
  if (urgency == "very_urgent") return 2;
  if (urgency == "flash") return 3;
  return 0;
}

std::string urgencyOfPriority(int p) {
  switch (p) {
  case 1:
    return "urgent";
  case 2:
    return "very_urgent";
  case 3:
  case 4:
    return "flash";
  default:
    return "normal";
  }
}

edxml::Limits InterchangeService::limits() const {
  edxml::Limits l;
  l.maxBytes = static_cast<std::size_t>(config_.maxEdxmlBytes);
  l.maxAttachmentBytes = static_cast<std::size_t>(config_.maxEdxmlAttachmentBytes);
  return l;
}

edxml::Organ InterchangeService::us(store::Connection& c, const store::DocumentRecord& d) const {
  edxml::Organ o;
  o.organId = config_.organId;
  o.organName = config_.organisationName;
  if (o.organName.empty() && d.unitId)
    if (auto u = store::units::findById(c, *d.unitId)) o.organName = u->name;
  return o;
}

ExportedXml InterchangeService::exportDocument(const Principal& actor, std::int64_t id,
                                               const std::vector<edxml::Organ>& to) {
  if (to.empty()) throw invalidField("to", "name at least one recipient organisation (OrganId)");
  for (const auto& o : to) {
    docs::requireText("to.organId", o.organId, 191, true);
    docs::requireText("to.organName", o.organName, 255, false);
  }
  return db_.transact([&](store::Connection& c) {
    auto d = docs::loadVisible(c, actor, id);
    if (docs::isSecret(d)) throw forbidden("secret documents are not sent by interchange");
    require(Action::Interchange, d, actor, docs::relationOf(c, actor, d));
    edxml::Envelope e;
    e.from = us(c, d);
    e.to = to;
    e.codeNumber = d.number;
    e.codeNotation = d.notation;
    e.place = d.place;
    e.promulgationDate = d.issuedDate.value_or(calendar::today().str());
    e.typeName = d.docType;
    e.typeDetail = typeDetailOf(d.docType);
    e.subject = d.subject;
    e.signerPosition = d.signerPosition;
    e.signerFullName = d.signerName;
    e.dueDate = d.dueDate.value_or("");
    for (const auto& line : util::split(d.recipients, '\n'))
      if (!util::trim(line).empty()) e.toPlaces.emplace_back(util::trim(line));
    e.priority = priorityOf(d.urgency);
    e.promulgationAmount = d.copies;
    e.pageAmount = d.pageCount;
    e.documentId =
        d.externalId.value_or(e.from.organId + "," + edxml::toEdxmlDate(e.promulgationDate) + "," +
                              docs::numberAndNotation(d));
    e.traces.push_back({e.from.organId, timestampNow()});
    e.businessDocReason = "Văn bản điện tử mới";
    auto& files = documents_.files();
    if (auto v = store::versions::current(c, id)) {
      auto f = files.getUnchecked(v->fileId);
      e.attachments.push_back({"doc" + std::to_string(id) + "-v" + std::to_string(v->versionNo),
                               f.name, f.mediaType, "Văn bản", files.read(f)});
    }
    for (const auto& a : store::attachments::list(c, id)) {
      auto f = files.getUnchecked(a.fileId);
      e.attachments.push_back(
          {"att" + std::to_string(a.id), f.name, f.mediaType, a.title, files.read(f)});
    }
    for (const auto& o : to)
      record(c, actor, id, "out", "document", "", o.organId, e.documentId, "");
    util::JsonWriter w;
    w.beginObject().field("edxmlDocumentId", e.documentId).key("to").beginArray();
    for (const auto& o : to)
      w.value(o.organId);
    w.endArray().endObject();
    AuditLog::append(c, &actor,
                     {"document.edxml_export", "document", std::to_string(id), w.take()});
    return ExportedXml{edxml::writeEnvelope(e), "edxml-" + std::to_string(id) + ".xml"};
  });
}

DocumentDetail InterchangeService::importEnvelope(const Principal& actor, std::string_view xml,
                                                  bool allowDuplicate) {
  if (!actor.unitId || !actor.has(Role::Clerk))
    throw forbidden("only a clerk (văn thư) registers incoming documents");
  edxml::Envelope e = edxml::parseEnvelope(xml, limits());
  if (!config_.organId.empty()) {
    bool ours = false;
    for (const auto& t : e.to)
      ours = ours || t.organId == config_.organId;
    if (!ours)
      throw Error(ErrorKind::Unprocessable, "not_addressed_here",
                  "the envelope is not addressed to this office (" + config_.organId + ")",
                  kHeader + "/To/OrganId");
  }
  const DocumentType* type = findDocumentType(e.typeName);
  if (!type)
    throw Error(ErrorKind::Unprocessable, "invalid_edxml",
                "unknown document type '" + e.typeName + "'", kHeader + "/DocumentType/TypeName");
  for (std::size_t i = 0; i < e.attachments.size(); ++i) {
    const auto& a = e.attachments[i];
    std::string path = "/edXML/AttachmentEncoded/Attachment[" + std::to_string(i + 1) + "]";
    if (!FileService::acceptedMediaType(a.contentType))
      throw Error(ErrorKind::UnsupportedMediaType, "unsupported_media_type",
                  "attachments of type '" + util::truncateUtf8(a.contentType, 80) +
                      "' are not accepted",
                  path + "/ContentType");
    if (!FileService::contentMatches(a.contentType, std::string_view(a.bytes).substr(0, 4096)))
      throw Error(ErrorKind::Unprocessable, "content_mismatch",
                  "the attachment is not " + a.contentType, path + "/ContentTransferEncoded");
  }
  // The main file is the first PDF; the others become attachments.
  std::size_t mainIndex = e.attachments.size();
  for (std::size_t i = 0; i < e.attachments.size() && mainIndex == e.attachments.size(); ++i)
    if (e.attachments[i].contentType == "application/pdf") mainIndex = i;
  if (mainIndex == e.attachments.size())
    throw Error(ErrorKind::Unprocessable, "invalid_edxml", "the envelope carries no PDF attachment",
                "/edXML/AttachmentEncoded");
  pdf::PdfInfo info = pdf::inspect(e.attachments[mainIndex].bytes);
  {
    auto lease = db_.acquire();
    if (store::documents::findByExternalId(*lease, e.documentId))
      throw conflict("already_imported",
                     "this envelope (DocumentId " + e.documentId + ") was imported before",
                     kHeader + "/DocumentId");
    // Checked again under the register's lock; checking here first writes no blobs for a
    // duplicate.
    if (!allowDuplicate)
      DocumentService::checkDuplicate(*lease, actor, *actor.unitId, e.codeNumber, e.codeNotation,
                                      e.from.organName);
  }
  // Blobs first, durably; the rows that name them are written in one transaction below.
  auto& files = documents_.files();
  std::vector<store::FileRecord> stored;
  for (const auto& a : e.attachments) {
    BlobStore::Staged s = files.stageAndCommit(a.bytes);
    store::FileRecord f;
    f.sha256 = s.sha256();
    f.name = FileService::sanitizeName(a.name);
    f.mediaType = a.contentType;
    f.size = s.size();
    f.uploadedBy = actor.userId;
    f.createdAt = store::nowMillis();
    stored.push_back(f);
  }
  NewIncoming in;
  in.fields.docType = std::string(type->name);
  in.fields.number = e.codeNumber;
  in.fields.notation = e.codeNotation;
  in.fields.subject = e.subject;
  in.fields.issuer = e.from.organName;
  in.fields.sender = e.from.organName;
  in.fields.issuedDate = e.promulgationDate;
  in.fields.signerName = e.signerFullName;
  in.fields.signerPosition = e.signerPosition;
  in.fields.urgency = urgencyOfPriority(e.priority);
  in.fields.place = e.place;
  if (!e.dueDate.empty()) in.fields.dueDate = e.dueDate;
  std::string places;
  for (const auto& p : e.toPlaces)
    places += (places.empty() ? "" : "\n") + p;
  in.fields.recipients = places;
  if (e.pageAmount)
    in.fields.pageCount = e.pageAmount;
  else
    in.fields.pageCount = info.pages;
  if (e.promulgationAmount) in.fields.copies = e.promulgationAmount;
  in.allowDuplicate = allowDuplicate;
  in.externalId = e.documentId;
  in.versionKind = "imported";
  return db_.transact([&](store::Connection& c) {
    std::vector<store::FileRecord> rows = stored;
    for (auto& f : rows)
      f.id = FileService::insertRow(c, f);
    DocumentService::CheckedFile main{rows[mainIndex], info.pages, !info.hasText};
    in.fileId = main.file.id;
    std::vector<store::FileRecord> others;
    for (std::size_t i = 0; i < rows.size(); ++i)
      if (i != mainIndex) others.push_back(rows[i]);
    std::int64_t id = documents_.registerIncomingIn(c, actor, in, main, others);
    record(c, actor, id, "in", "document", "", e.from.organId, e.documentId, e.businessDocReason);
    auto d = *store::documents::find(c, id);
    d.interchangeStatus = "01";
    store::documents::update(c, d);
    return documents_.detail(c, actor, d);
  });
}

StatusApplied InterchangeService::importStatus(const Principal& actor, std::string_view xml) {
  if (!actor.unitId || !actor.has(Role::Clerk))
    throw forbidden("only a clerk (văn thư) handles interchange");
  edxml::StatusMessage s = edxml::parseStatus(xml, limits());
  return db_.transact([&](store::Connection& c) {
    // 13 (revocation) comes from the sender of a document we received; every other status
    // comes from a recipient of a document we sent.
    auto docId = store::interchange::documentFor(c, s.responseForDocumentId, s.statusCode == "13");
    if (!docId || !store::documents::visible(c, docs::viewerOf(actor), *docId))
      throw Error(ErrorKind::NotFound, "not_found",
                  "no document for DocumentId " + s.responseForDocumentId,
                  "/edXML/edXMLEnvelope/edXMLHeader/Status/ResponseFor/DocumentId");
    auto d = *store::documents::findForUpdate(c, *docId);
    StatusApplied out{d.id, s.statusCode, false};
    bool incoming = d.direction == "incoming";
    if (incoming != (s.statusCode == "13"))
      throw Error(ErrorKind::Unprocessable, "invalid_edxml",
                  "status " + s.statusCode + " does not apply to an " + d.direction + " document",
                  "/edXML/edXMLEnvelope/edXMLHeader/Status/StatusCode");
    if (incoming && d.status != "revoked") {
      std::string reason = "Thu hồi theo yêu cầu của " +
                           (s.from.organName.empty() ? s.from.organId : s.from.organName) +
                           (s.description.empty() ? "" : ": " + s.description);
      d.status = "revoked";
      d.revokedAt = store::nowMillis();
      d.revokedBy = actor.userId;
      d.revokeReason = util::truncateUtf8(reason, 4000);
      store::assignments::closeAll(c, d.id, "cancelled");
      store::notes::insert(c, {0, d.id, "revocation", std::nullopt, actor.userId, d.revokeReason,
                               store::nowMillis()});
      out.revoked = true;
    }
    d.interchangeStatus = s.statusCode;
    store::documents::update(c, d);
    record(c, actor, d.id, "in", "status", s.statusCode, s.from.organId, s.responseForDocumentId,
           s.description);
    util::JsonWriter w;
    w.beginObject()
        .field("statusCode", s.statusCode)
        .field("from", s.from.organId)
        .field("revoked", out.revoked)
        .endObject();
    docs::changed(c, &actor, out.revoked ? "document.revoke" : "document.edxml_status", d.id,
                  w.take());
    return out;
  });
}

ExportedXml InterchangeService::exportStatus(const Principal& actor, std::int64_t id,
                                             const std::string& code,
                                             const std::string& descriptionIn) {
  std::string description = docs::requireText("description", descriptionIn, 4000, false);
  if (!edxml::findStatus(code)) throw invalidField("statusCode", "unknown status code");
  return db_.transact([&](store::Connection& c) {
    auto d = docs::loadVisible(c, actor, id);
    if (!clerkOf(actor, d)) throw forbidden("only the unit's clerk handles interchange");
    bool incoming = d.direction == "incoming";
    if (incoming == (code == "13"))
      throw invalidField("statusCode",
                         "status " + code + " is not sent about an " + d.direction + " document");
    edxml::StatusMessage s;
    s.from = us(c, d);
    std::string edxmlId;
    std::string peer;
    for (const auto& m : store::interchange::forDocument(c, id))
      if (m.kind == "document") {
        edxmlId = m.edxmlDocumentId;
        if (incoming && m.direction == "in") peer = m.peerOrganId;
      }
    if (edxmlId.empty())
      throw conflict("not_interchanged", "this document did not come or go by interchange");
    s.responseForOrganId = incoming ? peer : s.from.organId;
    s.responseForCodeNumber = d.number;
    s.responseForCodeNotation = d.notation;
    s.responseForDate = d.issuedDate.value_or("");
    s.responseForDocumentId = edxmlId;
    s.statusCode = code;
    s.description =
        description.empty() ? std::string(edxml::findStatus(code)->meaning) : description;
    s.timestamp = timestampNow();
    s.staffName = actor.fullName;
    if (auto u = store::users::findById(c, actor.userId)) s.staffEmail = u->email.value_or("");
    record(c, actor, id, "out", "status", code, s.responseForOrganId, edxmlId, s.description);
    util::JsonWriter w;
    w.beginObject().field("statusCode", code).endObject();
    AuditLog::append(c, &actor,
                     {"document.edxml_status_export", "document", std::to_string(id), w.take()});
    return ExportedXml{edxml::writeStatus(s),
                       "edxml-status-" + std::to_string(id) + "-" + code + ".xml"};
  });
}

}  // namespace chancery::service
