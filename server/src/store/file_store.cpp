#include "store/file_store.h"

namespace chancery::store {
namespace {

constexpr std::string_view kInsertBlobSqlite =
    "INSERT INTO blobs (sha256, size, created_at) VALUES (?, ?, ?) ON CONFLICT(sha256) DO NOTHING";
constexpr std::string_view kInsertBlobMysql =
    "INSERT IGNORE INTO blobs (sha256, size, created_at) VALUES (?, ?, ?)";
constexpr std::string_view kSelectBlob = "SELECT sha256, size, created_at FROM blobs WHERE sha256 = ?";
constexpr std::string_view kSelectBlobs = "SELECT sha256, size, created_at FROM blobs ORDER BY sha256";
constexpr std::string_view kInsertFile =
    "INSERT INTO files (sha256, name, media_type, size, uploaded_by, created_at) "
    "VALUES (?, ?, ?, ?, ?, ?)";
constexpr std::string_view kSelectFile =
    "SELECT id, sha256, name, media_type, size, uploaded_by, created_at FROM files WHERE id = ?";
constexpr std::string_view kSelectFiles =
    "SELECT id, sha256, name, media_type, size, uploaded_by, created_at FROM files ORDER BY id";

BlobRecord toBlob(const Row& r) {
  return {r.getString("sha256"), r.getInt("size"), r.getInt("created_at")};
}

FileRecord toFile(const Row& r) {
  return {r.getInt("id"),   r.getString("sha256"),   r.getString("name"),   r.getString("media_type"),
          r.getInt("size"), r.optInt("uploaded_by"), r.getInt("created_at")};
}

}  // namespace

namespace blobs {
void ensure(Connection& c, const BlobRecord& b) {
  c.execute(c.dialect() == Dialect::Sqlite ? kInsertBlobSqlite : kInsertBlobMysql,
            {b.sha256, b.size, b.createdAt});
}
std::optional<BlobRecord> find(Connection& c, const std::string& sha256) {
  auto row = c.queryOne(kSelectBlob, {sha256});
  if (!row) return std::nullopt;
  return toBlob(*row);
}
std::vector<BlobRecord> all(Connection& c) {
  std::vector<BlobRecord> out;
  for (const Row& r : c.query(kSelectBlobs)) out.push_back(toBlob(r));
  return out;
}
}  // namespace blobs

namespace files {
std::int64_t insert(Connection& c, const FileRecord& f) {
  c.execute(kInsertFile, {f.sha256, f.name, f.mediaType, f.size, nullable(f.uploadedBy), f.createdAt});
  return c.lastInsertId();
}
std::optional<FileRecord> find(Connection& c, std::int64_t id) {
  auto row = c.queryOne(kSelectFile, {id});
  if (!row) return std::nullopt;
  return toFile(*row);
}
std::vector<FileRecord> all(Connection& c) {
  std::vector<FileRecord> out;
  for (const Row& r : c.query(kSelectFiles)) out.push_back(toFile(r));
  return out;
}
}  // namespace files

}  // namespace chancery::store
