#include "service/document_common.h"

#include "service/audit.h"
#include "service/calendar.h"
#include "service/errors.h"
#include "store/flow_store.h"
#include "store/user_store.h"
#include "util/json_writer.h"
#include "util/text.h"

namespace chancery::service::docs {

store::Viewer viewerOf(const Principal& p) {
  return {p.userId, p.unitId};
}

store::DocumentRecord loadVisible(store::Connection& c, const Principal& p, std::int64_t id,
                                  bool forUpdate) {
  if (!store::documents::visible(c, viewerOf(p), id)) throw notFound("document");
  auto d = forUpdate ? store::documents::findForUpdate(c, id) : store::documents::find(c, id);
  if (!d) throw notFound("document");
  return *d;
}

Relation relationOf(store::Connection& c, const Principal& p, const store::DocumentRecord& d) {
  Relation r;
  r.creator = d.createdBy && *d.createdBy == p.userId;
  r.presentedTo = d.presentedTo && *d.presentedTo == p.userId;
  r.approver = d.approverId && *d.approverId == p.userId;
  for (const auto& a : store::assignments::forDocument(c, d.id)) {
    if (a.userId != p.userId || a.status == "cancelled") continue;
    r.handler = true;
    if (a.role == "lead") r.leadHandler = true;
  }
  return r;
}

bool isSecret(const store::DocumentRecord& d) {
  return d.secrecy != "none";
}

void name(store::Connection& c, std::int64_t documentId, std::int64_t userId,
          const std::string& reason, std::optional<std::int64_t> by) {
  if (store::access::userNamed(c, documentId, userId)) return;
  store::access::insert(c, {documentId, userId, std::nullopt, reason, by, store::nowMillis()});
}

void changed(store::Connection& c, const Principal* actor, const std::string& action,
             std::int64_t documentId, const std::string& detailsJson) {
  AuditLog::append(c, actor, {action, "document", std::to_string(documentId), detailsJson});
  store::queues::enqueueSearch(c, documentId, "upsert");
}

void auditSecretRead(store::Connection& c, const Principal& actor, const store::DocumentRecord& d,
                     const std::string& what) {
  util::JsonWriter w;
  w.beginObject().field("read", what).field("secrecy", d.secrecy).endObject();
  AuditLog::append(c, &actor, {"document.read", "document", std::to_string(d.id), w.take()});
}

std::string requireText(const std::string& field, const std::string& v, std::size_t maxBytes,
                        bool required) {
  std::string t(util::trim(v));
  if (required && t.empty()) throw invalidField(field, field + " is required");
  if (t.size() > maxBytes)
    throw invalidField(field, field + " is longer than " + std::to_string(maxBytes) + " bytes");
  if (!util::isValidUtf8(t)) throw invalidField(field, field + " is not valid UTF-8");
  for (unsigned char ch : t)
    if (ch < 0x20 && ch != '\n' && ch != '\t' && ch != '\r')
      throw invalidField(field, field + " contains control characters");
  return t;
}

std::string requireDate(const std::string& field, const std::string& v) {
  if (!calendar::parse(v)) throw invalidField(field, field + " must be a date YYYY-MM-DD");
  return v;
}

void requireUser(store::Connection& c, const std::string& field, std::int64_t userId,
                 std::optional<std::int64_t> unitId) {
  auto u = store::users::findById(c, userId);
  if (!u || !u->active) throw invalidField(field, "no such active user");
  if (!unitId) return;
  // The unit or any unit below it.
  auto unit = u->unitId;
  for (int depth = 0; unit && depth < 32; ++depth) {
    if (*unit == *unitId) return;
    auto rec = store::units::findById(c, *unit);
    unit = rec ? rec->parentId : std::nullopt;
  }
  throw invalidField(field, "the user is not in the document's unit");
}

std::string numberAndNotation(const store::DocumentRecord& d) {
  if (d.number.empty()) return d.notation;
  if (d.notation.empty()) return d.number;
  return d.number + "/" + d.notation;
}

}  // namespace chancery::service::docs
