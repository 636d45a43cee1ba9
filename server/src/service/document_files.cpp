// DocumentService: files of documents (checks on upload, versions, attachments, downloads with
// the secret watermark), named readers and the history.
#include "service/audit.h"
#include "service/document_common.h"
#include "service/document_types.h"
#include "service/documents.h"
#include "service/errors.h"
#include "service/pdf_tools.h"
#include "util/json_writer.h"
#include "util/log.h"

namespace chancery::service {
namespace {

bool isImage(const std::string& mt) {
  return mt == "image/png" || mt == "image/jpeg" || mt == "image/tiff";
}

std::string watermarkText(const Principal& actor, const store::DocumentRecord& d) {
  auto label = parseSecrecy(d.secrecy);
  std::string name = actor.fullName.empty() ? actor.username : actor.fullName;
  return "Bản đọc của " + name + " (" + actor.username + ") — " +
         util::isoUtc(store::nowMillis()).substr(0, 16) + " UTC — " +
         std::string(label ? secrecyLabel(*label) : "") + ", không sao chụp";
}

std::string pdfName(const std::string& name) {
  auto dot = name.find_last_of('.');
  return (dot == std::string::npos ? name : name.substr(0, dot)) + ".pdf";
}

}  // namespace

DocumentService::CheckedFile DocumentService::checkDocumentFile(const Principal& actor,
                                                                std::int64_t fileId,
                                                                const std::string& field,
                                                                bool allowImages) {
  CheckedFile out;
  try {
    out.file = files_.getUnchecked(fileId);
  } catch (const Error&) {
    throw invalidField(field, "no such file; upload it with POST /api/v1/files first");
  }
  // Only the uploader may turn a bare file into a document: file ids are not secrets.
  if (out.file.uploadedBy != actor.userId && !actor.has(Role::Admin))
    throw invalidField(field, "no such file; upload it with POST /api/v1/files first");
  if (out.file.mediaType == "application/pdf") {
    auto info = pdf::inspect(files_.read(out.file));
    out.pages = info.pages;
    out.scan = !info.hasText;
  } else if (allowImages && isImage(out.file.mediaType)) {
    out.pages = 1;
    out.scan = true;
  } else {
    throw Error(ErrorKind::UnsupportedMediaType, "not_pdf",
                field + " must be a PDF" +
                    std::string(allowImages ? " or a scanned PNG, JPEG or TIFF" : "") + ", not " +
                    out.file.mediaType,
                field);
  }
  return out;
}

DocumentDetail DocumentService::addVersion(const Principal& actor, std::int64_t id,
                                           std::int64_t fileId, const std::string& noteIn) {
  std::string note = docs::requireText("note", noteIn, 2000, false);
  bool paper = false;
  {
    auto lease = db_.acquire();
    auto d = docs::loadVisible(*lease, actor, id);
    require(Action::AddVersion, d, actor, docs::relationOf(*lease, actor, d));
    paper = d.status == "issued";
  }
  CheckedFile main = checkDocumentFile(actor, fileId, "fileId", paper);
  return db_.transact([&](store::Connection& c) {
    auto d = docs::loadVisible(c, actor, id, true);
    require(Action::AddVersion, d, actor, docs::relationOf(c, actor, d));
    auto current = store::versions::current(c, id);
    if (d.status == "draft" && current && current->immutable)
      throw conflict("version_immutable", "the current version is signed and cannot be replaced");
    store::VersionRecord v;
    v.documentId = id;
    v.fileId = main.file.id;
    // A paper-issued document gets the scan of its signed and stamped original, kept as is.
    v.kind = d.status == "issued" ? "scan" : "draft";
    v.immutable = d.status == "issued";
    v.note = note;
    v.createdBy = actor.userId;
    v.createdAt = store::nowMillis();
    store::versions::append(c, v);
    if (v.kind == "scan" && main.scan) store::queues::enqueueOcr(c, id, main.file.id);
    util::JsonWriter w;
    w.beginObject()
        .field("versionNo", v.versionNo)
        .field("fileId", v.fileId)
        .field("kind", v.kind)
        .endObject();
    docs::changed(c, &actor, "document.version", id, w.take());
    return detail(c, actor, d);
  });
}

DocumentDetail DocumentService::addAttachment(const Principal& actor, std::int64_t id,
                                              std::int64_t fileId, const std::string& titleIn) {
  std::string title = docs::requireText("title", titleIn, 255, false);
  store::FileRecord f;
  try {
    f = files_.getUnchecked(fileId);
  } catch (const Error&) {
    throw invalidField("fileId", "no such file");
  }
  if (f.uploadedBy != actor.userId && !actor.has(Role::Admin))
    throw invalidField("fileId", "no such file");
  return db_.transact([&](store::Connection& c) {
    auto d = docs::loadVisible(c, actor, id, true);
    require(Action::AddAttachment, d, actor, docs::relationOf(c, actor, d));
    std::int64_t aid = store::attachments::insert(c, {0,
                                                      id,
                                                      f.id,
                                                      title.empty() ? f.name : title,
                                                      actor.userId,
                                                      store::nowMillis(),
                                                      {},
                                                      {},
                                                      {},
                                                      0});
    util::JsonWriter w;
    w.beginObject().field("attachmentId", aid).field("fileId", f.id).endObject();
    docs::changed(c, &actor, "document.attach", id, w.take());
    return detail(c, actor, d);
  });
}

Download DocumentService::file(const Principal& actor, std::int64_t id,
                               std::optional<std::int64_t> versionNo) {
  store::DocumentRecord d;
  std::optional<store::VersionRecord> v;
  {
    auto lease = db_.acquire();
    d = docs::loadVisible(*lease, actor, id);
    v = versionNo ? store::versions::find(*lease, id, *versionNo)
                  : store::versions::current(*lease, id);
  }
  if (!v) throw notFound("version");
  store::FileRecord f = files_.getUnchecked(v->fileId);
  Download out;
  out.name = f.name;
  out.mediaType = f.mediaType;
  out.etag = f.sha256;
  if (!docs::isSecret(d)) {
    out.path = files_.pathOf(f);
    return out;
  }
  std::string bytes = files_.read(f);
  if (isImage(f.mediaType)) bytes = pdf::imageToPdf(bytes, f.mediaType);
  out.bytes = pdf::watermark(bytes, watermarkText(actor, d));
  out.generated = true;
  out.mediaType = "application/pdf";
  out.name = pdfName(f.name);
  out.etag.clear();
  db_.transact([&](store::Connection& c) {
    docs::auditSecretRead(c, actor, d, "version " + std::to_string(v->versionNo));
  });
  return out;
}

Download DocumentService::attachment(const Principal& actor, std::int64_t id,
                                     std::int64_t attachmentId) {
  store::DocumentRecord d;
  std::optional<store::AttachmentRecord> a;
  {
    auto lease = db_.acquire();
    d = docs::loadVisible(*lease, actor, id);
    a = store::attachments::find(*lease, id, attachmentId);
  }
  if (!a) throw notFound("attachment");
  store::FileRecord f = files_.getUnchecked(a->fileId);
  Download out{files_.pathOf(f), {}, false, f.name, f.mediaType, f.sha256};
  if (docs::isSecret(d)) {
    if (f.mediaType == "application/pdf" || isImage(f.mediaType)) {
      std::string bytes = files_.read(f);
      if (isImage(f.mediaType)) bytes = pdf::imageToPdf(bytes, f.mediaType);
      out.bytes = pdf::watermark(bytes, watermarkText(actor, d));
      out.generated = true;
      out.mediaType = "application/pdf";
      out.name = pdfName(f.name);
      out.etag.clear();
    }
    db_.transact([&](store::Connection& c) {
      docs::auditSecretRead(c, actor, d, "attachment " + std::to_string(attachmentId));
    });
  }
  return out;
}

DocumentDetail DocumentService::grant(const Principal& actor, std::int64_t id,
                                      std::int64_t userId) {
  return db_.transact([&](store::Connection& c) {
    auto d = docs::loadVisible(c, actor, id, true);
    require(Action::Grant, d, actor, docs::relationOf(c, actor, d));
    docs::requireUser(c, "userId", userId, std::nullopt);
    if (store::access::userNamed(c, id, userId)) return detail(c, actor, d);
    store::access::insert(c, {id, userId, std::nullopt, "grant", actor.userId, store::nowMillis()});
    util::JsonWriter w;
    w.beginObject().field("userId", userId).endObject();
    docs::changed(c, &actor, "document.grant", id, w.take());
    return detail(c, actor, d);
  });
}

DocumentDetail DocumentService::revokeGrant(const Principal& actor, std::int64_t id,
                                            std::int64_t userId) {
  return db_.transact([&](store::Connection& c) {
    auto d = docs::loadVisible(c, actor, id, true);
    require(Action::Grant, d, actor, docs::relationOf(c, actor, d));
    if (store::access::revokeGrant(c, id, userId) == 0) throw notFound("grant");
    util::JsonWriter w;
    w.beginObject().field("userId", userId).endObject();
    docs::changed(c, &actor, "document.ungrant", id, w.take());
    return detail(c, actor, d);
  });
}

std::vector<store::AuditRecord> DocumentService::history(const Principal& actor, std::int64_t id) {
  auto lease = db_.acquire();
  docs::loadVisible(*lease, actor, id);
  return store::audit::forObject(*lease, "document", std::to_string(id), 500);
}

Inbox DocumentService::inbox(const Principal& actor, std::int64_t limit, std::int64_t offset) {
  constexpr std::int64_t kMaxInbox = 10000;
  auto lease = db_.acquire();
  Inbox out;
  auto viewer = docs::viewerOf(actor);
  std::int64_t seen = 0;
  // Filtered here rather than in SQL so that the total counts only what the caller may see.
  for (auto& d :
       store::deliveries::inbox(*lease, actor.userId, actor.unitId, kMaxInbox, 0, nullptr)) {
    if (!store::documents::visible(*lease, viewer, d.documentId)) continue;
    ++out.total;
    if (seen++ < offset || static_cast<std::int64_t>(out.items.size()) >= limit) continue;
    auto doc = store::documents::find(*lease, d.documentId);
    if (!doc) continue;
    if (!d.readAt) ++out.unread;
    out.items.push_back({std::move(d), std::move(*doc)});
  }
  return out;
}

}  // namespace chancery::service
