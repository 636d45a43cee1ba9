#include "http/document_views.h"

#include "http/views.h"
#include "service/calendar.h"
#include "service/document_common.h"
#include "service/document_types.h"

namespace chancery::http::views {
namespace {

bool isOpen(const std::string& s) {
  return s == "registered" || s == "presented" || s == "assigned" || s == "in_progress";
}

void typeFields(util::JsonWriter& w, const std::string& name) {
  const service::DocumentType* t = service::findDocumentType(name);
  w.field("type", name);
  w.key("typeCode");
  if (t)
    w.value(t->code);
  else
    w.null();
}

void person(util::JsonWriter& w, std::string_view key, const std::optional<std::int64_t>& id,
            const std::map<std::int64_t, store::UserRecord>& people) {
  w.key(key);
  if (!id) {
    w.null();
    return;
  }
  auto it = people.find(*id);
  w.beginObject().field("id", *id);
  if (it != people.end())
    w.field("fullName", it->second.fullName)
        .field("position", it->second.position)
        .field("unitId", it->second.unitId);
  w.endObject();
}

void fileFields(util::JsonWriter& w, std::int64_t fileId, const std::string& name,
                const std::string& mediaType, const std::string& sha256, std::int64_t size) {
  w.field("fileId", fileId)
      .field("fileName", name)
      .field("mediaType", mediaType)
      .field("sha256", sha256)
      .field("size", size);
}

void monthFigures(util::JsonWriter& w, const service::MonthFigures& m) {
  w.beginObject()
      .field("month", m.month)
      .field("received", m.received)
      .field("completed", m.completed)
      .field("onTime", m.onTime)
      .field("late", m.late)
      .field("noDeadline", m.noDeadline);
  w.key("onTimeRate");
  if (auto r = m.onTimeRate())
    w.value(*r);
  else
    w.null();
  w.endObject();
}

void docArray(util::JsonWriter& w, std::string_view key,
              const std::vector<store::DocumentRecord>& docs) {
  w.key(key).beginArray();
  for (const auto& d : docs)
    documentSummary(w, d);
  w.endArray();
}

}  // namespace

void documentSummary(util::JsonWriter& w, const store::DocumentRecord& d) {
  w.beginObject().field("id", d.id).field("direction", d.direction).field("status", d.status);
  typeFields(w, d.docType);
  w.field("number", d.number)
      .field("notation", d.notation)
      .field("numberAndNotation", service::docs::numberAndNotation(d))
      .field("subject", d.subject)
      .field("issuer", d.issuer)
      .field("issuedDate", d.issuedDate)
      .field("signerName", d.signerName)
      .field("signerPosition", d.signerPosition)
      .field("recipients", d.recipients)
      .field("urgency", d.urgency)
      .field("secrecy", d.secrecy)
      .field("pageCount", d.pageCount)
      .field("copies", d.copies)
      .field("dueDate", d.dueDate)
      .field("overdue",
             isOpen(d.status) && d.dueDate && *d.dueDate < service::calendar::today().str())
      .field("receivedNumber", d.receivedNumber)
      .field("receivedDate", d.receivedDate)
      .field("sender", d.sender)
      .field("place", d.place)
      .field("unitId", d.unitId)
      .field("registerId", d.registerId)
      .field("issueForm", d.issueForm.empty() ? std::optional<std::string>() : d.issueForm)
      .field("interchangeStatus",
             d.interchangeStatus.empty() ? std::optional<std::string>() : d.interchangeStatus);
  time(w, "completedAt", d.completedAt.value_or(0));
  time(w, "createdAt", d.createdAt);
  time(w, "updatedAt", d.updatedAt);
  w.endObject();
}

void documentDetail(util::JsonWriter& w, const service::DocumentDetail& dd) {
  const auto& d = dd.doc;
  const auto& people = dd.people;
  w.beginObject();
  w.key("document");
  documentSummary(w, d);
  w.field("directive", d.directive)
      .field("result", d.result)
      .field("replyDocumentId", d.replyDocumentId);
  person(w, "createdBy", d.createdBy, people);
  person(w, "presentedTo", d.presentedTo, people);
  person(w, "approver", d.approverId, people);
  w.key("revocation");
  if (d.revokedAt) {
    w.beginObject();
    time(w, "at", *d.revokedAt);
    person(w, "by", d.revokedBy, people);
    w.field("reason", d.revokeReason).endObject();
  } else {
    w.null();
  }
  w.key("register");
  if (dd.registerEntry && dd.reg)
    w.beginObject()
        .field("id", dd.reg->id)
        .field("name", dd.reg->name)
        .field("kind", dd.reg->kind)
        .field("series", dd.reg->series)
        .field("year", dd.registerEntry->year)
        .field("number", dd.registerEntry->number)
        .field("date", dd.registerEntry->entryDate)
        .endObject();
  else
    w.null();
  std::string base = "/api/v1/documents/" + std::to_string(d.id);
  w.field("fileUrl", base + "/file");
  w.key("versions").beginArray();
  for (const auto& v : dd.versions) {
    w.beginObject()
        .field("versionNo", v.versionNo)
        .field("kind", v.kind)
        .field("immutable", v.immutable)
        .field("note", v.note);
    fileFields(w, v.fileId, v.fileName, v.mediaType, v.sha256, v.size);
    person(w, "createdBy", v.createdBy, people);
    time(w, "createdAt", v.createdAt);
    w.field("url", base + "/versions/" + std::to_string(v.versionNo) + "/file").endObject();
  }
  w.endArray().key("attachments").beginArray();
  for (const auto& a : dd.attachments) {
    w.beginObject().field("id", a.id).field("title", a.title);
    fileFields(w, a.fileId, a.fileName, a.mediaType, a.sha256, a.size);
    time(w, "createdAt", a.createdAt);
    w.field("url", base + "/attachments/" + std::to_string(a.id) + "/file").endObject();
  }
  w.endArray().key("assignments").beginArray();
  for (const auto& a : dd.assignments) {
    w.beginObject().field("id", a.id);
    person(w, "user", a.userId, people);
    w.field("role", a.role).field("deadline", a.deadline).field("status", a.status);
    person(w, "assignedBy", a.assignedBy, people);
    time(w, "assignedAt", a.assignedAt);
    time(w, "completedAt", a.completedAt.value_or(0));
    w.endObject();
  }
  w.endArray().key("notes").beginArray();
  for (const auto& n : dd.notes) {
    w.beginObject().field("id", n.id).field("kind", n.kind).field("text", n.text);
    person(w, "author", n.authorId, people);
    time(w, "createdAt", n.createdAt);
    w.endObject();
  }
  w.endArray().key("signatures").beginArray();
  for (const auto& s : dd.signatures) {
    w.beginObject()
        .field("id", s.id)
        .field("role", s.role)
        .field("signerName", s.signerName)
        .field("method", s.method);
    person(w, "signer", s.signerId, people);
    time(w, "signedAt", s.signedAt);
    w.endObject();
  }
  w.endArray().field("signaturesUrl", base + "/signatures");
  w.key("deliveries").beginArray();
  for (const auto& del : dd.deliveries) {
    w.beginObject().field("id", del.id).field("unitId", del.unitId).field("userId", del.userId);
    time(w, "deliveredAt", del.deliveredAt);
    time(w, "readAt", del.readAt.value_or(0));
    w.endObject();
  }
  w.endArray().key("readers").beginArray();
  for (const auto& r : dd.readers) {
    w.beginObject().field("reason", r.reason).field("unitId", r.unitId);
    person(w, "user", r.userId, people);
    person(w, "grantedBy", r.grantedBy, people);
    time(w, "since", r.createdAt);
    w.endObject();
  }
  w.endArray().key("interchange").beginArray();
  for (const auto& m : dd.interchange) {
    w.beginObject()
        .field("direction", m.direction)
        .field("kind", m.kind)
        .field("statusCode", m.statusCode)
        .field("organId", m.peerOrganId)
        .field("edxmlDocumentId", m.edxmlDocumentId)
        .field("description", m.description);
    time(w, "at", m.createdAt);
    w.endObject();
  }
  w.endArray().key("recordIds").beginArray();
  for (auto id : dd.recordIds)
    w.value(id);
  w.endArray().key("actions").beginArray();
  for (auto a : dd.actions)
    w.value(service::actionName(a));
  w.endArray().endObject();
}

void documentList(util::JsonWriter& w, const service::DocumentList& l, std::int64_t limit,
                  std::int64_t offset) {
  w.beginObject().key("items").beginArray();
  for (const auto& d : l.items)
    documentSummary(w, d);
  w.endArray().field("total", l.total).field("limit", limit).field("offset", offset).endObject();
}

void documentTypes(util::JsonWriter& w) {
  w.beginObject().key("types").beginArray();
  for (const auto& t : service::documentTypes())
    w.beginObject()
        .field("code", t.code)
        .field("name", t.name)
        .field("abbreviation", t.abbreviation)
        .field("administrative", t.administrative)
        .endObject();
  w.endArray().key("urgency").beginArray();
  for (auto u : {service::Urgency::Normal, service::Urgency::Urgent, service::Urgency::VeryUrgent,
                 service::Urgency::Flash})
    w.beginObject()
        .field("code", service::urgencyName(u))
        .field("label", service::urgencyLabel(u))
        .endObject();
  w.endArray().key("secrecy").beginArray();
  for (auto s : {service::Secrecy::None, service::Secrecy::Confidential, service::Secrecy::Secret,
                 service::Secrecy::TopSecret})
    w.beginObject()
        .field("code", service::secrecyName(s))
        .field("label", service::secrecyLabel(s))
        .endObject();
  w.endArray().key("statuses").beginArray();
  for (int i = 0; i <= static_cast<int>(service::DocStatus::Revoked); ++i)
    w.value(service::statusName(static_cast<service::DocStatus>(i)));
  w.endArray().endObject();
}

void registerRecord(util::JsonWriter& w, const store::RegisterRecord& r) {
  w.beginObject()
      .field("id", r.id)
      .field("unitId", r.unitId)
      .field("kind", r.kind)
      .field("series", r.series)
      .field("name", r.name)
      .endObject();
}

void registerPeriod(util::JsonWriter& w, const service::RegisterPeriod& p) {
  w.beginObject().key("register");
  registerRecord(w, p.reg);
  w.field("from", p.from).field("to", p.to).key("entries").beginArray();
  for (const auto& r : p.rows) {
    w.beginObject()
        .field("year", r.entry.year)
        .field("number", r.entry.number)
        .field("date", r.entry.entryDate);
    w.field("handler", r.handler).key("document");
    documentSummary(w, r.doc);
    w.endObject();
  }
  w.endArray().endObject();
}

void recordSummary(util::JsonWriter& w, const store::RecordRecord& r) {
  w.beginObject()
      .field("id", r.id)
      .field("code", r.code)
      .field("title", r.title)
      .field("unitId", r.unitId)
      .field("retentionYears", r.retentionYears)
      .field("retention", service::retentionLabel(r.retentionYears))
      .field("description", r.description)
      .field("status", r.status);
  time(w, "createdAt", r.createdAt);
  time(w, "updatedAt", r.updatedAt);
  w.endObject();
}

void recordDetail(util::JsonWriter& w, const service::RecordDetail& r) {
  w.beginObject().key("record");
  recordSummary(w, r.record);
  w.field("unitName", r.unitName);
  docArray(w, "documents", r.documents);
  w.endObject();
}

void tasks(util::JsonWriter& w, const service::MyTasks& t) {
  std::string today = service::calendar::today().str();
  w.beginObject().key("handling").beginArray();
  for (const auto& h : t.handling) {
    w.beginObject()
        .field("assignmentId", h.assignment.id)
        .field("documentId", h.assignment.documentId)
        .field("role", h.assignment.role)
        .field("deadline", h.assignment.deadline)
        .field("overdue", h.assignment.deadline && *h.assignment.deadline < today)
        .field("status", h.status)
        .field("subject", h.subject)
        .field("number", h.number)
        .field("notation", h.notation)
        .field("receivedNumber", h.receivedNumber)
        .field("urgency", h.urgency)
        .field("secrecy", h.secrecy)
        .endObject();
  }
  w.endArray();
  docArray(w, "toDirect", t.toDirect);
  docArray(w, "toApprove", t.toApprove);
  docArray(w, "toSign", t.toSign);
  docArray(w, "toPresent", t.toPresent);
  docArray(w, "toIssue", t.toIssue);
  docArray(w, "myDrafts", t.myDrafts);
  w.endObject();
}

void onTime(util::JsonWriter& w, const service::OnTimeReport& r, bool) {
  w.beginObject().field("from", r.from).field("to", r.to).key("units").beginArray();
  for (const auto& u : r.units) {
    w.beginObject().field("unitId", u.unitId).field("code", u.code).field("name", u.name);
    w.field("open", u.open).field("openOverdue", u.openOverdue).key("months").beginArray();
    for (const auto& m : u.months)
      monthFigures(w, m);
    w.endArray().key("total");
    monthFigures(w, u.total);
    w.endObject();
  }
  w.endArray().key("total");
  monthFigures(w, r.total);
  w.field("open", r.open).field("openOverdue", r.openOverdue).endObject();
}

void signingPreview(util::JsonWriter& w, const service::SigningPreview& p) {
  w.beginObject()
      .field("available", p.available)
      .field("unavailableReason", p.unavailableReason)
      .field("serverKey", p.serverKey)
      .field("versionNo", p.versionNo)
      .field("pages", p.pages);
  w.key("appearance")
      .beginObject()
      .field("page", p.box.page)
      .field("x", p.box.x)
      .field("y", p.box.y)
      .field("width", p.box.width)
      .field("height", p.box.height)
      .key("lines")
      .beginArray()
      .value(p.position)
      .value(p.name)
      .endArray()
      .endObject();
  w.field("organisationName", p.organisationName)
      .field("numberPreview", p.numberPreview)
      .endObject();
}

void signatureCheck(util::JsonWriter& w, const service::SignatureCheck& c) {
  w.beginObject()
      .field("available", c.available)
      .field("reason", c.reason)
      .field("versionNo", c.versionNo);
  w.key("signatures").beginArray();
  for (const auto& s : c.results)
    w.beginObject()
        .field("fieldName", s.fieldName)
        .field("signer", s.signer)
        .field("signingTime", s.signingTime)
        .field("level", s.level)
        .field("valid", s.valid)
        .field("intact", s.intact)
        .field("trusted", s.trusted)
        .field("changesAfter", s.changesAfter)
        .field("problem", s.problem)
        .endObject();
  w.endArray().endObject();
}

void history(util::JsonWriter& w, const std::vector<store::AuditRecord>& entries) {
  w.beginObject().key("items").beginArray();
  for (const auto& e : entries)
    auditEntry(w, e);
  w.endArray().endObject();
}

}  // namespace chancery::http::views
