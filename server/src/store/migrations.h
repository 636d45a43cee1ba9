#pragma once
// Applies the numbered migrations embedded from sql/<dialect>/ (see sql/README.md).

#include <string>
#include <vector>

#include "store/db.h"

namespace chancery::store {

struct Migration {
  int version;
  std::string name;
  std::string sql;
};

// The embedded migrations for a dialect, in version order.
std::vector<Migration> migrationsFor(Dialect dialect);

// Applies every migration not yet recorded in schema_version (also one numbered below the
// highest applied, when branches merged out of order), each in a transaction, in order.
// Returns how many were applied. Throws DbError naming the migration that failed.
// upTo limits the versions applied (restore replays a backup at its own version first).
int migrate(Db& db, int upTo = 1 << 30);

// The highest applied version, or 0 for an empty database.
int schemaVersion(Db& db);
// The same on a connection the caller holds (e.g. inside a snapshot transaction).
int schemaVersion(Connection& c);

}  // namespace chancery::store
