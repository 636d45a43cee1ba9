#include "store/migrations.h"

#include <algorithm>
#include <string_view>

#include "util/text.h"

namespace chancery::embedded {
std::string_view migrationsAt(std::size_t index, std::string_view* path);
}

namespace chancery::store {
namespace {

constexpr std::string_view kCreateVersionTable = R"~(
CREATE TABLE IF NOT EXISTS schema_version (
  version INTEGER PRIMARY KEY,
  name VARCHAR(191) NOT NULL,
  applied_at BIGINT NOT NULL
))~";
constexpr std::string_view kSelectVersion = "SELECT MAX(version) AS v FROM schema_version";
constexpr std::string_view kSelectApplied = "SELECT 1 AS ok FROM schema_version WHERE version = ?";
constexpr std::string_view kInsertVersion =
    "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)";

// RAII holder for MySQL's named lock so two servers never migrate at once.
class MigrationLock {
public:
  explicit MigrationLock(Connection& c) : c_(c) {
    if (c_.dialect() == Dialect::Mysql) {
      auto row = c_.queryOne("SELECT GET_LOCK('chancery_migrate', 120) AS ok");
      if (!row || row->getInt("ok") != 1)
        throw DbError(DbError::Kind::Other, "could not take the migration lock");
    }
  }
  ~MigrationLock() {
    try {
      if (c_.dialect() == Dialect::Mysql) c_.query("SELECT RELEASE_LOCK('chancery_migrate')");
    } catch (...) {
    }
  }

private:
  Connection& c_;
};

int currentVersion(Connection& c) {
  auto row = c.queryOne(kSelectVersion);
  return row && !row->isNull("v") ? static_cast<int>(row->getInt("v")) : 0;
}

bool isApplied(Connection& c, int version) {
  return c.queryOne(kSelectApplied, {std::int64_t{version}}).has_value();
}

}  // namespace

std::vector<Migration> migrationsFor(Dialect dialect) {
  std::string_view prefix = dialect == Dialect::Sqlite ? "sqlite/" : "mysql/";
  std::vector<Migration> out;
  std::string_view path;
  for (std::size_t i = 0;; ++i) {
    std::string_view data = embedded::migrationsAt(i, &path);
    if (data.data() == nullptr) break;
    if (!util::startsWith(path, prefix)) continue;
    std::string_view file = path.substr(prefix.size());
    auto underscore = file.find('_');
    auto version = util::parseInt(file.substr(0, underscore));
    if (!version || underscore == std::string_view::npos) continue;
    std::string name(file.substr(underscore + 1));
    if (name.size() > 4) name.resize(name.size() - 4);  // ".sql"
    out.push_back({static_cast<int>(*version), std::move(name), std::string(data)});
  }
  std::sort(out.begin(), out.end(),
            [](const Migration& a, const Migration& b) { return a.version < b.version; });
  return out;
}

int migrate(Db& db, int upTo) {
  auto lease = db.acquire();
  Connection& c = *lease;
  MigrationLock lock(c);
  c.executeScript(kCreateVersionTable);
  int applied = 0;
  for (const Migration& m : migrationsFor(db.dialect())) {
    // Each missing version is applied, not only those above the highest: branches merge
    // their numbered migrations in any order (0003 may arrive after 0004 has run).
    if (m.version > upTo || isApplied(c, m.version)) continue;
    try {
      c.begin();
      c.executeScript(m.sql);
      c.execute(kInsertVersion, {std::int64_t{m.version}, m.name, nowMillis()});
      c.commit();
    } catch (const DbError& e) {
      try {
        c.rollback();
      } catch (...) {
      }
      throw DbError(e.kind(), "migration " + std::to_string(m.version) + " (" + m.name +
                                  ") failed: " + e.what());
    }
    ++applied;
  }
  return applied;
}

int schemaVersion(Db& db) {
  auto lease = db.acquire();
  lease->executeScript(kCreateVersionTable);
  return currentVersion(*lease);
}

int schemaVersion(Connection& c) { return currentVersion(c); }

}  // namespace chancery::store
