#include "service/records.h"

#include "service/audit.h"
#include "service/calendar.h"
#include "service/document_common.h"
#include "service/errors.h"
#include "service/pdf_table.h"
#include "service/pdf_tools.h"
#include "service/xml_out.h"
#include "store/user_store.h"
#include "util/json_writer.h"
#include "util/log.h"

#include <fstream>
#include <sstream>

namespace chancery::service {
namespace {

void validateCode(const std::string& code) {
  if (code.empty() || code.size() > 64)
    throw invalidField("code", "code must be 1 to 64 characters");
  for (char ch : code)
    if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
          ch == '.' || ch == '/' || ch == '-' || ch == '_'))
      throw invalidField("code", "code may hold letters A–Z, digits and . / - _ (e.g. 01.VP/2026)");
}

void auditRecord(store::Connection& c, const Principal& actor, const std::string& action,
                 std::int64_t id, const std::string& details = "{}") {
  AuditLog::append(c, &actor, {action, "record", std::to_string(id), details});
}

std::string readWhole(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

std::string retentionLabel(std::int64_t years) {
  return years == 0 ? "Vĩnh viễn" : std::to_string(years) + " năm";
}

store::RecordRecord RecordService::loadVisible(store::Connection& c, const Principal& actor,
                                               std::int64_t id) {
  auto r = store::records::find(c, id);
  if (!r) throw notFound("record");
  bool mine = (r->unitId && actor.unitId && *r->unitId == *actor.unitId) ||
              (r->createdBy && *r->createdBy == actor.userId);
  if (!mine) throw notFound("record");
  return *r;
}

RecordDetail RecordService::detail(store::Connection& c, const Principal& actor,
                                   const store::RecordRecord& r) {
  RecordDetail d;
  d.record = r;
  if (r.unitId)
    if (auto u = store::units::findById(c, *r.unitId)) d.unitName = u->name;
  auto viewer = docs::viewerOf(actor);
  for (auto docId : store::records::documentIds(c, r.id))
    if (store::documents::visible(c, viewer, docId))
      if (auto doc = store::documents::find(c, docId)) d.documents.push_back(*doc);
  return d;
}

RecordDetail RecordService::create(const Principal& actor, const RecordFields& f) {
  if (!actor.unitId || !actor.hasAny({Role::Clerk, Role::Specialist, Role::Leader}))
    throw forbidden("records are kept by staff of a unit");
  std::string code = f.code.value_or("");
  validateCode(code);
  store::RecordRecord r;
  r.code = code;
  r.title = docs::requireText("title", f.title.value_or(""), 1000, true);
  r.description = docs::requireText("description", f.description.value_or(""), 4000, false);
  r.retentionYears = f.retentionYears.value_or(10);
  if (r.retentionYears < 0 || r.retentionYears > 100)
    throw invalidField("retentionYears", "retentionYears is 0 (permanent) to 100");
  r.status = "open";
  r.unitId = actor.unitId;
  r.createdBy = actor.userId;
  r.createdAt = r.updatedAt = store::nowMillis();
  return db_.transact([&](store::Connection& c) {
    if (store::records::findByCode(c, code))
      throw conflict("record_code_taken", "the record code is taken", "code");
    r.id = store::records::insert(c, r);
    util::JsonWriter w;
    w.beginObject().field("code", code).endObject();
    auditRecord(c, actor, "record.create", r.id, w.take());
    return detail(c, actor, r);
  });
}

std::vector<store::RecordRecord> RecordService::list(const Principal& actor) {
  auto lease = db_.acquire();
  return store::records::list(*lease, actor.unitId, actor.userId);
}

RecordDetail RecordService::get(const Principal& actor, std::int64_t id) {
  auto lease = db_.acquire();
  return detail(*lease, actor, loadVisible(*lease, actor, id));
}

RecordDetail RecordService::update(const Principal& actor, std::int64_t id, const RecordFields& f) {
  if (f.code) throw invalidField("code", "a record keeps its code");
  return db_.transact([&](store::Connection& c) {
    auto r = loadVisible(c, actor, id);
    if (f.title) r.title = docs::requireText("title", *f.title, 1000, true);
    if (f.description)
      r.description = docs::requireText("description", *f.description, 4000, false);
    if (f.retentionYears) {
      if (*f.retentionYears < 0 || *f.retentionYears > 100)
        throw invalidField("retentionYears", "retentionYears is 0 (permanent) to 100");
      r.retentionYears = *f.retentionYears;
    }
    if (f.status) {
      if (*f.status != "open" && *f.status != "closed")
        throw invalidField("status", "status is open or closed");
      r.status = *f.status;
    }
    store::records::update(c, r);
    auditRecord(c, actor, "record.update", id);
    return detail(c, actor, r);
  });
}

RecordDetail RecordService::addDocument(const Principal& actor, std::int64_t id,
                                        std::int64_t documentId) {
  return db_.transact([&](store::Connection& c) {
    auto r = loadVisible(c, actor, id);
    if (!store::documents::visible(c, docs::viewerOf(actor), documentId))
      throw invalidField("documentId", "no such document");
    if (r.status != "open") throw conflict("record_closed", "the record is closed");
    if (store::records::addDocument(c, id, documentId, actor.userId)) {
      util::JsonWriter w;
      w.beginObject().field("documentId", documentId).endObject();
      auditRecord(c, actor, "record.add", id, w.take());
    }
    return detail(c, actor, r);
  });
}

RecordDetail RecordService::removeDocument(const Principal& actor, std::int64_t id,
                                           std::int64_t documentId) {
  return db_.transact([&](store::Connection& c) {
    auto r = loadVisible(c, actor, id);
    if (!store::documents::visible(c, docs::viewerOf(actor), documentId))
      throw notFound("document");
    if (r.status != "open") throw conflict("record_closed", "the record is closed");
    if (!store::records::removeDocument(c, id, documentId)) throw notFound("document");
    util::JsonWriter w;
    w.beginObject().field("documentId", documentId).endObject();
    auditRecord(c, actor, "record.remove", id, w.take());
    return detail(c, actor, r);
  });
}

std::string RecordService::bundlePdf(const Principal& actor, std::int64_t id) {
  RecordDetail d = get(actor, id);
  pdf::TableDocument cover;
  cover.landscape = false;
  cover.heading = {d.unitName};
  cover.title = "HỒ SƠ " + d.record.code;
  cover.subtitle =
      d.record.title + " — Thời hạn bảo quản: " + retentionLabel(d.record.retentionYears);
  cover.metadataTitle = d.record.code + " " + d.record.title;
  cover.columns = {{"STT", 10},
                   {"Số, ký hiệu", 32},
                   {"Ngày", 22},
                   {"Tên loại và trích yếu", 90},
                   {"Ghi chú", 26}};
  std::vector<std::string> parts;
  int n = 0;
  for (const auto& doc : d.documents) {
    std::string note;
    try {
      Download dl = documents_.file(actor, doc.id, std::nullopt);
      std::string bytes = dl.generated ? std::move(dl.bytes) : readWhole(dl.path);
      if (dl.mediaType != "application/pdf") bytes = pdf::imageToPdf(bytes, dl.mediaType);
      parts.push_back(std::move(bytes));
      if (doc.secrecy != "none") note = "Bản đọc có đóng dấu tên người đọc";
    } catch (const Error& e) {
      note = "Không ghép được: " + std::string(e.what());
    }
    std::string date = doc.issuedDate.value_or(doc.receivedDate.value_or(""));
    auto parsed = calendar::parse(date);
    cover.rows.push_back({std::to_string(++n), docs::numberAndNotation(doc),
                          parsed ? calendar::vietnameseShort(*parsed) : date,
                          doc.docType + ": " + doc.subject, note});
  }
  parts.insert(parts.begin(), pdf::renderTable(cover));
  return pdf::merge(parts);
}

std::string RecordService::exportXml(const Principal& actor, std::int64_t id) {
  RecordDetail d = get(actor, id);
  auto lease = db_.acquire();
  XmlOut x;
  x.open("record", {{"xmlns", "urn:chancery:record:1"}, {"code", d.record.code}});
  x.leaf("title", d.record.title)
      .leaf("unit", d.unitName)
      .leaf("description", d.record.description);
  x.leaf("retentionYears", std::to_string(d.record.retentionYears))
      .leaf("retention", retentionLabel(d.record.retentionYears))
      .leaf("status", d.record.status)
      .leaf("created", util::isoUtc(d.record.createdAt));
  x.open("documents");
  for (const auto& doc : d.documents) {
    x.open("document",
           {{"id", std::to_string(doc.id)}, {"direction", doc.direction}, {"status", doc.status}});
    x.leaf("type", doc.docType).leaf("number", doc.number).leaf("notation", doc.notation);
    x.leaf("subject", doc.subject)
        .leaf("issuer", doc.issuer)
        .leaf("issuedDate", doc.issuedDate.value_or(""));
    x.leaf("signer", doc.signerName).leaf("signerPosition", doc.signerPosition);
    x.leaf("urgency", doc.urgency).leaf("secrecy", doc.secrecy);
    if (doc.receivedNumber) x.leaf("receivedNumber", std::to_string(*doc.receivedNumber));
    if (doc.receivedDate) x.leaf("receivedDate", *doc.receivedDate);
    if (doc.pageCount) x.leaf("pages", std::to_string(*doc.pageCount));
    if (auto v = store::versions::current(*lease, doc.id))
      x.open("file", {{"name", v->fileName},
                      {"mediaType", v->mediaType},
                      {"sha256", v->sha256},
                      {"size", std::to_string(v->size)},
                      {"version", std::to_string(v->versionNo)}})
          .close();
    x.close();
  }
  x.close().close();
  return x.take();
}

}  // namespace chancery::service
