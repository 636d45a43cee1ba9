#include "store/schema_info.h"

namespace chancery::store {
namespace {
constexpr std::string_view kSqliteTables =
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
constexpr std::string_view kMysqlTables =
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = DATABASE() "
    "AND table_type = 'BASE TABLE' ORDER BY table_name";
constexpr std::string_view kSqliteColumns =
    "SELECT name, pk FROM pragma_table_info(?) ORDER BY cid";
constexpr std::string_view kMysqlColumns =
    "SELECT c.column_name AS name, CASE WHEN k.column_name IS NULL THEN 0 ELSE 1 END AS pk "
    "FROM information_schema.columns c LEFT JOIN information_schema.key_column_usage k "
    "ON k.table_schema = c.table_schema AND k.table_name = c.table_name "
    "AND k.column_name = c.column_name AND k.constraint_name = 'PRIMARY' "
    "WHERE c.table_schema = DATABASE() AND c.table_name = ? ORDER BY c.ordinal_position";
}  // namespace

std::vector<std::string> listTables(Connection& c) {
  std::vector<std::string> out;
  for (const Row& r : c.query(c.dialect() == Dialect::Sqlite ? kSqliteTables : kMysqlTables))
    out.push_back(r.getString("name"));
  return out;
}

std::vector<ColumnInfo> tableColumns(Connection& c, const std::string& table) {
  std::vector<ColumnInfo> out;
  for (const Row& r : c.query(c.dialect() == Dialect::Sqlite ? kSqliteColumns : kMysqlColumns, {table}))
    out.push_back({r.getString("name"), r.getInt("pk") != 0});
  return out;
}

void setForeignKeyChecks(Connection& c, bool on) {
  if (c.dialect() == Dialect::Sqlite) c.executeScript(on ? "PRAGMA foreign_keys=ON" : "PRAGMA foreign_keys=OFF");
  else c.executeScript(on ? "SET FOREIGN_KEY_CHECKS=1" : "SET FOREIGN_KEY_CHECKS=0");
}

std::string quoteIdentifier(Connection& c, const std::string& name) {
  return c.dialect() == Dialect::Sqlite ? "\"" + name + "\"" : "`" + name + "`";
}

}  // namespace chancery::store
