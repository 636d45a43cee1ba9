// SQLite backend: WAL journal, synchronous=FULL, foreign keys on, and a cache of prepared
// statements per connection.
#include <sqlite3.h>

#include <filesystem>
#include <unordered_map>

#include "store/db.h"

namespace chancery::store {
namespace {

DbError::Kind kindOf(int code) {
  switch (code & 0xff) {
  case SQLITE_BUSY:
  case SQLITE_LOCKED:
    return DbError::Kind::Retryable;
  case SQLITE_CONSTRAINT:
    return DbError::Kind::Constraint;
  case SQLITE_CANTOPEN:
  case SQLITE_NOTADB:
    return DbError::Kind::Connection;
  default:
    return DbError::Kind::Other;
  }
}

class SqliteConnection final : public Connection {
public:
  explicit SqliteConnection(const std::string& path) {
    int rc = sqlite3_open_v2(path.c_str(), &db_,
                             SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                             nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      db_ = nullptr;
      throw DbError(DbError::Kind::Connection, "cannot open SQLite database " + path + ": " + msg);
    }
    sqlite3_busy_timeout(db_, 15000);
    sqlite3_extended_result_codes(db_, 1);
    executeScript("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
  }

  ~SqliteConnection() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  Dialect dialect() const override { return Dialect::Sqlite; }

  Rows query(std::string_view sql, const Params& params) override {
    sqlite3_stmt* stmt = prepare(sql, params);
    StatementReset reset{stmt};
    Rows rows;
    std::shared_ptr<std::vector<std::string>> columns;
    for (;;) {
      int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) fail(rc);
      int n = sqlite3_column_count(stmt);
      if (!columns) {
        columns = std::make_shared<std::vector<std::string>>();
        for (int i = 0; i < n; ++i) columns->emplace_back(sqlite3_column_name(stmt, i));
      }
      std::vector<Value> values;
      values.reserve(static_cast<std::size_t>(n));
      for (int i = 0; i < n; ++i) values.push_back(column(stmt, i));
      rows.emplace_back(columns, std::move(values));
    }
    return rows;
  }

  std::int64_t execute(std::string_view sql, const Params& params) override {
    sqlite3_stmt* stmt = prepare(sql, params);
    StatementReset reset{stmt};
    int rc;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
    }
    if (rc != SQLITE_DONE) fail(rc);
    return sqlite3_changes64(db_);
  }

  std::int64_t lastInsertId() override { return sqlite3_last_insert_rowid(db_); }

  void executeScript(std::string_view sql) override {
    char* err = nullptr;
    std::string text(sql);
    int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      throw DbError(kindOf(rc), msg);
    }
  }

  void begin() override { execute("BEGIN IMMEDIATE", {}); }
  void beginRead() override { execute("BEGIN DEFERRED", {}); }
  void commit() override { execute("COMMIT", {}); }
  void rollback() override {
    if (!sqlite3_get_autocommit(db_)) execute("ROLLBACK", {});
  }

private:
  struct StatementReset {
    sqlite3_stmt* stmt;
    ~StatementReset() {
      sqlite3_reset(stmt);
      sqlite3_clear_bindings(stmt);
    }
  };

  [[noreturn]] void fail(int rc) const { throw DbError(kindOf(rc), sqlite3_errmsg(db_)); }

  sqlite3_stmt* prepare(std::string_view sql, const Params& params) {
    std::string key(sql);
    auto it = cache_.find(key);
    sqlite3_stmt* stmt = nullptr;
    if (it != cache_.end()) {
      stmt = it->second;
    } else {
      int rc = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()),
                                  SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
      if (rc != SQLITE_OK) fail(rc);
      cache_.emplace(std::move(key), stmt);
    }
    int expected = sqlite3_bind_parameter_count(stmt);
    if (expected != static_cast<int>(params.size()))
      throw DbError(DbError::Kind::Other, "statement wants " + std::to_string(expected) +
                                              " parameters, got " + std::to_string(params.size()));
    for (int i = 0; i < expected; ++i) bind(stmt, i + 1, params[static_cast<std::size_t>(i)]);
    return stmt;
  }

  void bind(sqlite3_stmt* stmt, int index, const Value& v) {
    int rc = std::visit(
        [&](const auto& x) -> int {
          using T = std::decay_t<decltype(x)>;
          if constexpr (std::is_same_v<T, std::nullptr_t>) return sqlite3_bind_null(stmt, index);
          else if constexpr (std::is_same_v<T, std::int64_t>) return sqlite3_bind_int64(stmt, index, x);
          else if constexpr (std::is_same_v<T, double>) return sqlite3_bind_double(stmt, index, x);
          else
            return sqlite3_bind_text64(stmt, index, x.data(), x.size(), SQLITE_TRANSIENT,
                                       SQLITE_UTF8);
        },
        v);
    if (rc != SQLITE_OK) fail(rc);
  }

  static Value column(sqlite3_stmt* stmt, int i) {
    switch (sqlite3_column_type(stmt, i)) {
    case SQLITE_NULL:
      return nullptr;
    case SQLITE_INTEGER:
      return static_cast<std::int64_t>(sqlite3_column_int64(stmt, i));
    case SQLITE_FLOAT:
      return sqlite3_column_double(stmt, i);
    default: {
      const void* p = sqlite3_column_blob(stmt, i);
      int n = sqlite3_column_bytes(stmt, i);
      return std::string(static_cast<const char*>(p), static_cast<std::size_t>(n));
    }
    }
  }

  sqlite3* db_ = nullptr;
  std::unordered_map<std::string, sqlite3_stmt*> cache_;
};

class SqliteDb final : public Db {
public:
  SqliteDb(std::string path, std::size_t poolSize)
      : Db(Dialect::Sqlite, "sqlite:" + path, poolSize), path_(std::move(path)) {}

protected:
  std::unique_ptr<Connection> connect() override {
    return std::make_unique<SqliteConnection>(path_);
  }

private:
  std::string path_;
};

}  // namespace

std::unique_ptr<Db> openSqlite(const std::string& path, std::size_t poolSize) {
  if (path.empty()) throw DbError(DbError::Kind::Connection, "sqlite: URL needs a file path");
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty() && !std::filesystem::is_directory(parent))
    throw DbError(DbError::Kind::Connection, "directory does not exist: " + parent.string());
  auto db = std::make_unique<SqliteDb>(path, poolSize);
  db->acquire();  // fail early on an unreadable file
  return db;
}

}  // namespace chancery::store
