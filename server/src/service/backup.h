#pragma once
// `chancery backup` and `chancery restore`: one tar archive holding a logical dump of every
// table, read inside one snapshot transaction while the server keeps running, and every blob
// the dump names (blobs are immutable, so copying them after the snapshot is consistent).
// Being logical, a backup taken on SQLite restores onto MariaDB and back.

#include <cstdint>
#include <istream>
#include <ostream>

#include "service/blob_store.h"
#include "store/db.h"

namespace chancery::service {

struct BackupSummary {
  int schemaVersion = 0;
  std::int64_t tables = 0;
  std::int64_t rows = 0;
  std::int64_t blobs = 0;
  std::int64_t blobBytes = 0;
};

// Throws std::runtime_error or store::DbError; the output is then incomplete and must be
// discarded (the CLI writes to a temporary name and renames on success).
BackupSummary writeBackup(store::Db& db, const BlobStore& blobs, std::ostream& out);

// The database must be empty (no migrations applied). Applies migrations up to the archive's
// schema version, loads every row in one transaction, stores and verifies every blob, then
// applies newer migrations. Throws std::runtime_error naming what is wrong with the archive.
BackupSummary restoreBackup(store::Db& db, BlobStore& blobs, std::istream& in);

}  // namespace chancery::service
