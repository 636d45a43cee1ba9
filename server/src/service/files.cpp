#include "service/files.h"

#include "service/audit.h"
#include "service/errors.h"
#include "util/json_writer.h"
#include "util/text.h"

namespace chancery::service {
namespace {

constexpr std::string_view kAccepted[] = {
    "application/pdf", "image/png", "image/jpeg", "image/tiff", "application/xml", "text/xml",
    "text/plain", "text/csv",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.oasis.opendocument.text", "application/zip"};

std::string auditDetails(const store::FileRecord& f) {
  util::JsonWriter d;
  d.beginObject()
      .field("name", f.name)
      .field("mediaType", f.mediaType)
      .field("size", f.size)
      .field("sha256", f.sha256)
      .endObject();
  return d.take();
}

}  // namespace

std::string FileService::sanitizeName(const std::string& name) {
  if (!util::isValidUtf8(name)) throw invalidField("name", "file name is not valid UTF-8");
  std::string base = name;
  auto slash = base.find_last_of("/\\");
  if (slash != std::string::npos) base = base.substr(slash + 1);
  std::string clean;
  for (unsigned char c : base)
    if (c >= 0x20 && c != 0x7f) clean += static_cast<char>(c);
  clean = std::string(util::trim(clean));
  while (!clean.empty() && clean.front() == '.') clean.erase(0, 1);
  if (clean.empty()) clean = "file";
  return util::truncateUtf8(clean, 200);
}

bool FileService::acceptedMediaType(const std::string& mt) {
  for (auto a : kAccepted)
    if (a == mt) return true;
  return false;
}

bool FileService::contentMatches(const std::string& mt, std::string_view head) {
  if (mt == "application/pdf") return head.substr(0, 1024).find("%PDF-") != std::string_view::npos;
  if (mt == "image/png") return head.substr(0, 8) == "\x89PNG\r\n\x1a\n";
  if (mt == "image/jpeg") return head.substr(0, 3) == "\xff\xd8\xff";
  if (mt == "image/tiff") return head.substr(0, 4) == "II*\0" || head.substr(0, 4) == std::string_view("MM\0*", 4);
  if (mt == "application/zip" || mt.find("openxmlformats") != std::string::npos ||
      mt.find("opendocument") != std::string::npos)
    return head.substr(0, 4) == "PK\x03\x04";
  if (mt == "application/xml" || mt == "text/xml" || mt == "text/plain" || mt == "text/csv") {
    // The head may end inside a multi-byte character; allow up to three bytes of it. (Always
    // dropping four bytes refused short Vietnamese files whose cut fell inside a character.)
    for (std::size_t cut = 0; cut < 4 && cut <= head.size(); ++cut)
      if (util::isValidUtf8(head.substr(0, head.size() - cut))) return true;
    return false;
  }
  return false;
}

store::FileRecord FileService::upload(const Principal& actor, const std::string& nameIn,
                                      const std::string& mediaType, std::istream& in,
                                      std::int64_t maxBytes) {
  if (!acceptedMediaType(mediaType))
    throw Error(ErrorKind::UnsupportedMediaType, "unsupported_media_type",
                "files of type '" + util::truncateUtf8(mediaType, 80) + "' are not accepted");
  std::string name = sanitizeName(nameIn);
  BlobStore::Staged staged = blobs_.stage(in, maxBytes);
  if (staged.size() == 0) throw invalidField("body", "the file is empty");
  if (!contentMatches(mediaType, staged.head()))
    throw Error(ErrorKind::Unprocessable, "content_mismatch",
                "the content is not " + mediaType + (mediaType == "application/pdf" ? " (no %PDF- header)" : ""));
  blobs_.commit(staged);
  store::FileRecord f;
  f.sha256 = staged.sha256();
  f.name = name;
  f.mediaType = mediaType;
  f.size = staged.size();
  f.uploadedBy = actor.userId;
  f.createdAt = store::nowMillis();
  f.id = db_.transact([&](store::Connection& c) {
    std::int64_t id = insertRow(c, f);
    AuditLog::append(c, &actor, {"file.upload", "file", std::to_string(id), auditDetails(f)});
    return id;
  });
  return f;
}

BlobStore::Staged FileService::stageAndCommit(std::string_view bytes) {
  BlobStore::Staged staged = blobs_.stage(bytes);
  blobs_.commit(staged);
  return staged;
}

std::int64_t FileService::insertRow(store::Connection& c, const store::FileRecord& f) {
  store::blobs::ensure(c, {f.sha256, f.size, f.createdAt});
  return store::files::insert(c, f);
}

store::FileRecord FileService::storeGenerated(const Principal* actor, const std::string& name,
                                              const std::string& mediaType, std::string_view bytes) {
  BlobStore::Staged staged = stageAndCommit(bytes);
  store::FileRecord f;
  f.sha256 = staged.sha256();
  f.name = sanitizeName(name);
  f.mediaType = mediaType;
  f.size = staged.size();
  if (actor) f.uploadedBy = actor->userId;
  f.createdAt = store::nowMillis();
  f.id = db_.transact([&](store::Connection& c) {
    std::int64_t id = insertRow(c, f);
    AuditLog::append(c, actor, {"file.generate", "file", std::to_string(id), auditDetails(f)});
    return id;
  });
  return f;
}

store::FileRecord FileService::get(const Principal& actor, std::int64_t id) {
  store::FileRecord f = getUnchecked(id);
  if (!actor.has(Role::Admin) && f.uploadedBy != actor.userId) throw notFound("file");
  return f;
}

store::FileRecord FileService::getUnchecked(std::int64_t id) {
  auto lease = db_.acquire();
  auto f = store::files::find(*lease, id);
  if (!f) throw notFound("file");
  return *f;
}

}  // namespace chancery::service
