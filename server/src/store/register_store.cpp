#include "store/register_store.h"

namespace chancery::store {
namespace {

constexpr std::string_view kColumns = "id, unit_id, kind, series, name, created_at";
constexpr std::string_view kInsertSqlite =
    "INSERT INTO registers (unit_id, kind, series, name, created_at) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT(unit_id, kind, series) DO NOTHING";
constexpr std::string_view kInsertMysql =
    "INSERT IGNORE INTO registers (unit_id, kind, series, name, created_at) VALUES (?, ?, ?, ?, ?)";
constexpr std::string_view kSelectByKey =
    "SELECT id, unit_id, kind, series, name, created_at FROM registers "
    "WHERE unit_id = ? AND kind = ? AND series = ?";
constexpr std::string_view kSelectById =
    "SELECT id, unit_id, kind, series, name, created_at FROM registers WHERE id = ?";
constexpr std::string_view kSelectAll = "SELECT id, unit_id, kind, series, name, created_at FROM "
                                        "registers ORDER BY unit_id, kind, series";
constexpr std::string_view kLockRegister = "SELECT id FROM registers WHERE id = ?";
constexpr std::string_view kSelectCounter =
    "SELECT last_number FROM register_counters WHERE register_id = ? AND year = ?";
constexpr std::string_view kInsertCounter =
    "INSERT INTO register_counters (register_id, year, last_number) VALUES (?, ?, ?)";
constexpr std::string_view kUpdateCounter =
    "UPDATE register_counters SET last_number = ? WHERE register_id = ? AND year = ?";
constexpr std::string_view kNumberTaken =
    "SELECT 1 AS ok FROM register_entries WHERE register_id = ? AND year = ? AND number = ?";
constexpr std::string_view kInsertEntry =
    "INSERT INTO register_entries (register_id, year, number, document_id, entry_date, "
    "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
constexpr std::string_view kEntryColumns =
    "SELECT id, register_id, year, number, document_id, entry_date, created_by, created_at "
    "FROM register_entries";
constexpr std::string_view kEntryCount = "SELECT COUNT(*) AS n FROM register_entries";

RegisterRecord toRegister(const Row& r) {
  return {r.getInt("id"),        r.getInt("unit_id"), r.getString("kind"),
          r.getString("series"), r.getString("name"), r.getInt("created_at")};
}

RegisterEntry toEntry(const Row& r) {
  return {r.getInt("id"),         r.getInt("register_id"), r.getInt("year"),
          r.getInt("number"),     r.getInt("document_id"), r.getString("entry_date"),
          r.optInt("created_by"), r.getInt("created_at")};
}

// Locks the register row (MySQL) and returns the counter for the year, creating it at 0.
// Holding the register lock makes the counter insert race-free as well.
std::int64_t lockedCounter(Connection& c, std::int64_t registerId, std::int64_t year) {
  if (!c.queryOne(std::string(kLockRegister) + std::string(c.forUpdate()), {registerId}))
    throw DbError(DbError::Kind::Other, "no register " + std::to_string(registerId));
  auto row =
      c.queryOne(std::string(kSelectCounter) + std::string(c.forUpdate()), {registerId, year});
  if (row) return row->getInt("last_number");
  c.execute(kInsertCounter, {registerId, year, std::int64_t{0}});
  return 0;
}

}  // namespace

namespace registers {

RegisterRecord ensure(Connection& c, std::int64_t unitId, const std::string& kind,
                      const std::string& series, const std::string& name) {
  if (auto row = c.queryOne(kSelectByKey, {unitId, kind, series})) return toRegister(*row);
  c.execute(c.dialect() == Dialect::Sqlite ? kInsertSqlite : kInsertMysql,
            {unitId, kind, series, name, nowMillis()});
  auto row = c.queryOne(kSelectByKey, {unitId, kind, series});
  if (!row) throw DbError(DbError::Kind::Retryable, "register created concurrently; retry");
  return toRegister(*row);
}

std::optional<RegisterRecord> find(Connection& c, std::int64_t id) {
  auto row = c.queryOne(kSelectById, {id});
  if (!row) return std::nullopt;
  return toRegister(*row);
}

std::vector<RegisterRecord> list(Connection& c) {
  std::vector<RegisterRecord> out;
  for (const Row& r : c.query(kSelectAll))
    out.push_back(toRegister(r));
  return out;
}

std::int64_t nextNumber(Connection& c, std::int64_t registerId, std::int64_t year) {
  std::int64_t next = lockedCounter(c, registerId, year) + 1;
  c.execute(kUpdateCounter, {next, registerId, year});
  return next;
}

void reserveNumber(Connection& c, std::int64_t registerId, std::int64_t year, std::int64_t number) {
  if (number > lockedCounter(c, registerId, year))
    c.execute(kUpdateCounter, {number, registerId, year});
}

std::optional<std::int64_t> lastNumber(Connection& c, std::int64_t registerId, std::int64_t year) {
  auto row = c.queryOne(kSelectCounter, {registerId, year});
  if (!row) return std::nullopt;
  return row->getInt("last_number");
}

bool numberTaken(Connection& c, std::int64_t registerId, std::int64_t year, std::int64_t number) {
  return c.queryOne(kNumberTaken, {registerId, year, number}).has_value();
}

std::int64_t insertEntry(Connection& c, const RegisterEntry& e) {
  c.execute(kInsertEntry, {e.registerId, e.year, e.number, e.documentId, e.entryDate,
                           nullable(e.createdBy), e.createdAt});
  return c.lastInsertId();
}

std::vector<RegisterEntry> entries(Connection& c, std::int64_t registerId, const std::string& from,
                                   const std::string& to) {
  std::vector<RegisterEntry> out;
  for (const Row& r : c.query(std::string(kEntryColumns) +
                                  " WHERE register_id = ? AND entry_date >= ? AND entry_date <= ? "
                                  "ORDER BY year, number",
                              {registerId, from, to}))
    out.push_back(toEntry(r));
  return out;
}

std::optional<RegisterEntry> entryForDocument(Connection& c, std::int64_t documentId) {
  auto row = c.queryOne(
      std::string(kEntryColumns) + " WHERE document_id = ? ORDER BY id DESC LIMIT 1", {documentId});
  if (!row) return std::nullopt;
  return toEntry(*row);
}

std::int64_t entryCount(Connection& c) {
  return c.queryOne(kEntryCount)->getInt("n");
}

}  // namespace registers

}  // namespace chancery::store
