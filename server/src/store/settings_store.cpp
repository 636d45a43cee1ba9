#include "store/settings_store.h"

namespace chancery::store::settings {
namespace {
constexpr std::string_view kSelect = "SELECT value FROM settings WHERE name = ?";
constexpr std::string_view kUpsertSqlite =
    "INSERT INTO settings (name, value) VALUES (?, ?) "
    "ON CONFLICT(name) DO UPDATE SET value = excluded.value";
constexpr std::string_view kUpsertMysql =
    "INSERT INTO settings (name, value) VALUES (?, ?) ON DUPLICATE KEY UPDATE value = VALUES(value)";
}  // namespace

std::optional<std::string> get(Connection& c, const std::string& name) {
  auto row = c.queryOne(kSelect, {name});
  if (!row) return std::nullopt;
  return row->getString("value");
}

void set(Connection& c, const std::string& name, const std::string& value) {
  c.execute(c.dialect() == Dialect::Sqlite ? kUpsertSqlite : kUpsertMysql, {name, value});
}

}  // namespace chancery::store::settings
