#pragma once
// Rows for content-addressed blobs and the file records that name them. The bytes live on disk
// (service/blob_store); a blob row is committed only after its file is durable.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/db.h"

namespace chancery::store {

struct BlobRecord {
  std::string sha256;
  std::int64_t size = 0;
  std::int64_t createdAt = 0;
};

struct FileRecord {
  std::int64_t id = 0;
  std::string sha256;
  std::string name;
  std::string mediaType;
  std::int64_t size = 0;
  std::optional<std::int64_t> uploadedBy;
  std::int64_t createdAt = 0;
};

namespace blobs {
// Inserts the row unless it exists (identical content is stored once).
void ensure(Connection& c, const BlobRecord& b);
std::optional<BlobRecord> find(Connection& c, const std::string& sha256);
std::vector<BlobRecord> all(Connection& c);
}  // namespace blobs

namespace files {
std::int64_t insert(Connection& c, const FileRecord& f);
std::optional<FileRecord> find(Connection& c, std::int64_t id);
std::vector<FileRecord> all(Connection& c);
}  // namespace files

}  // namespace chancery::store
