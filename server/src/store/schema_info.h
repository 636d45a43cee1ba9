#pragma once
// What tables and columns the connected database has, for backup and restore.

#include <string>
#include <vector>

#include "store/db.h"

namespace chancery::store {

struct ColumnInfo {
  std::string name;
  bool primaryKey = false;
};

std::vector<std::string> listTables(Connection& c);
std::vector<ColumnInfo> tableColumns(Connection& c, const std::string& table);
// Lets restore insert rows in any order (SQLite: PRAGMA foreign_keys; MySQL: FOREIGN_KEY_CHECKS).
// SQLite ignores the pragma inside a transaction, so call this before begin().
void setForeignKeyChecks(Connection& c, bool on);
// Quotes an identifier already checked against listTables/tableColumns.
std::string quoteIdentifier(Connection& c, const std::string& name);

}  // namespace chancery::store
