#include "service/documents.h"

#include "service/calendar.h"
#include "service/document_common.h"
#include "service/document_types.h"
#include "service/errors.h"
#include "service/registers.h"
#include "store/record_store.h"
#include "util/json_writer.h"

#include <set>

namespace chancery::service {
namespace {

using docs::requireDate;
using docs::requireText;

void requireUnit(const Principal& actor) {
  if (!actor.unitId) throw forbidden("you belong to no unit; ask an administrator to set one");
}

template <class T> void collect(std::set<std::int64_t>& ids, const std::optional<T>& v) {
  if (v) ids.insert(*v);
}

}  // namespace

void applyFields(store::DocumentRecord& d, const DocumentFields& f, bool outgoing) {
  if (f.docType) {
    const DocumentType* t = findDocumentType(*f.docType);
    if (!t) throw invalidField("type", "unknown document type; see GET /api/v1/document-types");
    if (outgoing && !t->administrative)
      throw invalidField("type",
                         "only the 29 administrative types of Decree 30 art. 7 are issued here");
    d.docType = std::string(t->name);
  }
  if (f.number) d.number = requireText("number", *f.number, 64, false);
  if (f.notation) d.notation = requireText("notation", *f.notation, 128, false);
  if (f.subject) d.subject = requireText("subject", *f.subject, 4000, true);
  if (f.issuer) d.issuer = requireText("issuer", *f.issuer, 255, false);
  if (f.issuedDate) d.issuedDate = requireDate("issuedDate", *f.issuedDate);
  if (f.signerName) d.signerName = requireText("signerName", *f.signerName, 255, false);
  if (f.signerPosition)
    d.signerPosition = requireText("signerPosition", *f.signerPosition, 255, false);
  if (f.recipients) d.recipients = requireText("recipients", *f.recipients, 4000, false);
  if (f.urgency) {
    if (!parseUrgency(*f.urgency))
      throw invalidField("urgency", "urgency is one of normal, urgent, very_urgent, flash");
    d.urgency = *f.urgency;
  }
  if (f.secrecy) {
    if (!parseSecrecy(*f.secrecy))
      throw invalidField("secrecy", "secrecy is one of none, confidential, secret, top_secret");
    d.secrecy = *f.secrecy;
  }
  if (f.dueDate)
    d.dueDate =
        f.dueDate->empty() ? std::nullopt : std::optional(requireDate("dueDate", *f.dueDate));
  if (f.sender) d.sender = requireText("sender", *f.sender, 255, false);
  if (f.receivedDate) d.receivedDate = requireDate("receivedDate", *f.receivedDate);
  if (f.place) d.place = requireText("place", *f.place, 255, false);
  if (f.pageCount) {
    if (*f.pageCount < 1 || *f.pageCount > 100000)
      throw invalidField("pageCount", "pageCount must be 1 to 100000");
    d.pageCount = *f.pageCount;
  }
  if (f.copies) {
    if (*f.copies < 1 || *f.copies > 100000)
      throw invalidField("copies", "copies must be 1 to 100000");
    d.copies = *f.copies;
  }
  if (d.subject.empty()) throw invalidField("subject", "subject is required");
  if (d.docType.empty()) throw invalidField("type", "docType is required");
}

DocumentDetail DocumentService::registerIncoming(const Principal& actor, const NewIncoming& in) {
  requireUnit(actor);
  if (!actor.has(Role::Clerk))
    throw forbidden("only a clerk (văn thư) registers incoming documents");
  CheckedFile main = checkDocumentFile(actor, in.fileId, "fileId", true);
  std::vector<store::FileRecord> attachments;
  for (auto fid : in.attachmentFileIds) {
    auto f = files_.getUnchecked(fid);
    if (f.uploadedBy != actor.userId) throw invalidField("attachmentFileIds", "no such file");
    attachments.push_back(f);
  }
  return db_.transact([&](store::Connection& c) {
    std::int64_t id = registerIncomingIn(c, actor, in, main, attachments);
    return detail(c, actor, *store::documents::find(c, id));
  });
}

std::int64_t
DocumentService::registerIncomingIn(store::Connection& c, const Principal& actor,
                                    const NewIncoming& in, const CheckedFile& main,
                                    const std::vector<store::FileRecord>& attachmentFiles) {
  std::int64_t now = store::nowMillis();
  store::DocumentRecord d;
  d.direction = "incoming";
  d.status = "registered";
  d.createdAt = d.updatedAt = now;
  applyFields(d, in.fields, false);
  if (d.issuer.empty()) throw invalidField("issuer", "issuer (cơ quan ban hành) is required");
  calendar::Date today = calendar::today();
  calendar::Date received = d.receivedDate ? *calendar::parse(*d.receivedDate) : today;
  if (received > today) throw invalidField("receivedDate", "receivedDate is in the future");
  d.receivedDate = received.str();
  d.unitId = actor.unitId;
  d.createdBy = actor.userId;
  d.externalId = in.externalId;
  if (!d.pageCount && main.pages > 0) d.pageCount = main.pages;
  bool secret = d.secrecy != "none";

  // The register lock is taken before the duplicate check, so two clerks registering the same
  // document at once see each other's entry.
  auto reg = RegisterService::registerFor(c, *d.unitId, Direction::Incoming, secret);
  store::registers::reserveNumber(c, reg.id, received.year, 0);
  if (!in.allowDuplicate) checkDuplicate(c, actor, *d.unitId, d.number, d.notation, d.issuer);
  std::int64_t id = store::documents::insert(c, d);
  d.id = id;
  Numbered n = RegisterService::enter(c, actor, *d.unitId, Direction::Incoming, secret, id,
                                      received, in.receivedNumber);
  d.receivedNumber = n.number;
  d.registerId = n.reg.id;
  store::documents::update(c, d);

  store::VersionRecord v;
  v.documentId = id;
  v.fileId = main.file.id;
  v.kind = !in.versionKind.empty() ? in.versionKind : (main.scan ? "scan" : "received");
  v.immutable = true;  // what was received is kept as received
  v.createdBy = actor.userId;
  v.createdAt = now;
  store::versions::append(c, v);
  for (const auto& f : attachmentFiles)
    store::attachments::insert(c, {0, id, f.id, f.name, actor.userId, now, {}, {}, {}, 0});
  docs::name(c, id, actor.userId, "registrar", actor.userId);
  if (main.scan) store::queues::enqueueOcr(c, id, main.file.id);

  util::JsonWriter w;
  w.beginObject()
      .field("registerId", n.reg.id)
      .field("year", n.year)
      .field("receivedNumber", n.number)
      .field("secret", secret)
      .field("duplicateAllowed", in.allowDuplicate)
      .field("ocrQueued", main.scan)
      .endObject();
  docs::changed(c, &actor, "document.register", id, w.take());
  return id;
}

void DocumentService::checkDuplicate(store::Connection& c, const Principal& actor,
                                     std::int64_t unitId, const std::string& number,
                                     const std::string& notation, const std::string& issuer) {
  if (number.empty() && notation.empty()) return;
  auto dups = store::documents::duplicates(c, unitId, number, notation, issuer);
  if (dups.empty()) return;
  // The existing document is named only to those who may see it.
  std::string where;
  if (store::documents::visible(c, docs::viewerOf(actor), dups.front().id))
    where = " (document " + std::to_string(dups.front().id) + ", số đến " +
            std::to_string(dups.front().receivedNumber.value_or(0)) + ")";
  throw conflict("duplicate_document",
                 "a document with this số, ký hiệu and cơ quan ban hành is already registered" +
                     where + "; send allowDuplicate=true to register it again",
                 "allowDuplicate");
}

DocumentDetail DocumentService::createDraft(const Principal& actor, const NewOutgoing& in) {
  requireUnit(actor);
  if (!actor.hasAny({Role::Specialist, Role::Clerk, Role::Leader}))
    throw forbidden("only staff of a unit draft documents");
  CheckedFile main = checkDocumentFile(actor, in.fileId, "fileId", false);
  return db_.transact([&](store::Connection& c) {
    std::int64_t now = store::nowMillis();
    auto unit = store::units::findById(c, *actor.unitId);
    store::DocumentRecord d;
    d.direction = "outgoing";
    d.status = "draft";
    d.createdAt = d.updatedAt = now;
    applyFields(d, in.fields, true);
    if (d.receivedDate) throw invalidField("receivedDate", "outgoing documents have no ngày đến");
    if (d.issuer.empty()) d.issuer = unit ? unit->name : "";
    if (d.notation.empty() && unit)
      d.notation = defaultNotation(*findDocumentType(d.docType), unit->code);
    // Number and date are given when the document is issued (Decree 30 art. 15).
    if (!d.number.empty())
      throw invalidField("number", "the number is given when the document is issued");
    d.issuedDate.reset();
    d.unitId = actor.unitId;
    d.createdBy = actor.userId;
    if (in.approverId) {
      docs::requireUser(c, "approverId", *in.approverId, d.unitId);
      auto u = store::users::findById(c, *in.approverId);
      if (std::find(u->roles.begin(), u->roles.end(), "leader") == u->roles.end())
        throw invalidField("approverId", "the approver must be a leader");
      d.approverId = in.approverId;
    }
    if (!d.pageCount && main.pages > 0) d.pageCount = main.pages;
    std::int64_t id = store::documents::insert(c, d);
    store::VersionRecord v;
    v.documentId = id;
    v.fileId = main.file.id;
    v.kind = "draft";
    v.createdBy = actor.userId;
    v.createdAt = now;
    store::versions::append(c, v);
    docs::name(c, id, actor.userId, "creator", actor.userId);
    if (d.approverId) docs::name(c, id, *d.approverId, "leader", actor.userId);
    docs::changed(c, &actor, "document.create", id);
    return detail(c, actor, *store::documents::find(c, id));
  });
}

DocumentDetail DocumentService::get(const Principal& actor, std::int64_t id) {
  store::DocumentRecord d;
  bool unread = false;
  {
    auto lease = db_.acquire();
    d = docs::loadVisible(*lease, actor, id);
    for (const auto& del : store::deliveries::forDocument(*lease, id))
      if (!del.readAt && ((del.userId && *del.userId == actor.userId) ||
                          (del.unitId && actor.unitId && *del.unitId == *actor.unitId)))
        unread = true;
  }
  if (docs::isSecret(d) || unread) {
    return db_.transact([&](store::Connection& c) {
      auto doc = docs::loadVisible(c, actor, id);
      if (docs::isSecret(doc)) docs::auditSecretRead(c, actor, doc, "detail");
      if (unread) store::deliveries::markRead(c, id, actor.userId, actor.unitId);
      return detail(c, actor, doc);
    });
  }
  auto lease = db_.acquire();
  return detail(*lease, actor, d);
}

DocumentList DocumentService::list(const Principal& actor, store::DocumentFilter filter) {
  if (filter.limit < 1 || filter.limit > 500) throw invalidField("limit", "limit must be 1 to 500");
  if (filter.offset < 0) throw invalidField("offset", "offset must not be negative");
  if (filter.from) requireDate("from", *filter.from);
  if (filter.to) requireDate("to", *filter.to);
  if (filter.docType) {
    const DocumentType* t = findDocumentType(*filter.docType);
    if (!t) throw invalidField("type", "unknown document type");
    filter.docType = std::string(t->name);
  }
  if (filter.status && !parseStatus(*filter.status)) throw invalidField("status", "unknown status");
  if (filter.urgency && !parseUrgency(*filter.urgency))
    throw invalidField("urgency", "unknown urgency");
  if (filter.secrecy && !parseSecrecy(*filter.secrecy))
    throw invalidField("secrecy", "unknown secrecy");
  if (filter.direction && !parseDirection(*filter.direction))
    throw invalidField("direction", "direction is incoming or outgoing");
  filter.overdueBefore = calendar::today().str();
  auto lease = db_.acquire();
  DocumentList out;
  out.items = store::documents::list(*lease, docs::viewerOf(actor), filter, &out.total);
  return out;
}

DocumentDetail DocumentService::update(const Principal& actor, std::int64_t id,
                                       const DocumentFields& f) {
  return db_.transact([&](store::Connection& c) {
    auto d = docs::loadVisible(c, actor, id, true);
    require(Action::Edit, d, actor, docs::relationOf(c, actor, d));
    bool outgoing = d.direction == "outgoing";
    if (!outgoing && f.secrecy && *f.secrecy != d.secrecy)
      throw invalidField("secrecy",
                         "secrecy cannot change after registration (it chose the register)");
    if (!outgoing && f.receivedDate && *f.receivedDate != d.receivedDate)
      throw invalidField("receivedDate", "ngày đến is fixed by the register entry");
    if (outgoing && (f.number || f.issuedDate || f.receivedDate))
      throw invalidField(f.number       ? "number"
                         : f.issuedDate ? "issuedDate"
                                        : "receivedDate",
                         "number and dates are given when the document is issued");
    applyFields(d, f, outgoing);
    store::documents::update(c, d);
    docs::changed(c, &actor, "document.update", id);
    return detail(c, actor, d);
  });
}

DocumentDetail DocumentService::detail(store::Connection& c, const Principal& actor,
                                       const store::DocumentRecord& d) {
  DocumentDetail out;
  out.doc = d;
  out.versions = store::versions::list(c, d.id);
  out.attachments = store::attachments::list(c, d.id);
  out.assignments = store::assignments::forDocument(c, d.id);
  out.notes = store::notes::forDocument(c, d.id);
  out.signatures = store::signatures::forDocument(c, d.id);
  out.deliveries = store::deliveries::forDocument(c, d.id);
  out.interchange = store::interchange::forDocument(c, d.id);
  out.registerEntry = store::registers::entryForDocument(c, d.id);
  if (d.registerId) out.reg = store::registers::find(c, *d.registerId);
  out.recordIds = store::records::recordsOf(c, d.id);
  Relation rel = docs::relationOf(c, actor, d);
  out.actions = allowedActions(d, actor, rel);
  if (allowed(Action::Grant, d, actor, rel)) out.readers = store::access::list(c, d.id);

  std::set<std::int64_t> ids;
  collect(ids, d.createdBy);
  collect(ids, d.presentedTo);
  collect(ids, d.approverId);
  collect(ids, d.revokedBy);
  for (const auto& a : out.assignments) {
    ids.insert(a.userId);
    collect(ids, a.assignedBy);
  }
  for (const auto& n : out.notes)
    collect(ids, n.authorId);
  for (const auto& s : out.signatures)
    collect(ids, s.signerId);
  for (const auto& v : out.versions)
    collect(ids, v.createdBy);
  for (const auto& r : out.readers) {
    collect(ids, r.userId);
    collect(ids, r.grantedBy);
  }
  for (auto uid : ids)
    if (auto u = store::users::findById(c, uid)) out.people.emplace(uid, std::move(*u));
  return out;
}

}  // namespace chancery::service
