#pragma once
// The small database interface every repository uses. Two backends implement it: SQLite
// (embedded default) and MySQL/MariaDB through MySQL Connector/C++. Repositories hold their
// SQL as named constants and always bind parameters; where the dialects differ they keep one
// constant per dialect and pick with Connection::dialect().

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace chancery::store {

enum class Dialect { Sqlite, Mysql };

// A column or parameter value. Byte strings travel as std::string.
using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;
using Params = std::vector<Value>;

inline Value nullable(const std::optional<std::string>& v) { return v ? Value(*v) : Value(nullptr); }
inline Value nullable(const std::optional<std::int64_t>& v) { return v ? Value(*v) : Value(nullptr); }

// Any database failure. Retryable ones (SQLite busy, MySQL deadlock or lock timeout) make
// Db::transact run the whole transaction again.
class DbError : public std::runtime_error {
public:
  enum class Kind { Other, Constraint, Retryable, Connection };
  DbError(Kind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  Kind kind() const { return kind_; }

private:
  Kind kind_;
};

class Row {
public:
  Row(std::shared_ptr<const std::vector<std::string>> columns, std::vector<Value> values)
      : columns_(std::move(columns)), values_(std::move(values)) {}

  std::size_t size() const { return values_.size(); }
  const Value& operator[](std::size_t i) const { return values_.at(i); }
  // Throws DbError when the column does not exist.
  const Value& at(std::string_view column) const;

  bool isNull(std::string_view column) const;
  std::int64_t getInt(std::string_view column) const;
  double getDouble(std::string_view column) const;
  std::string getString(std::string_view column) const;
  std::optional<std::int64_t> optInt(std::string_view column) const;
  std::optional<std::string> optString(std::string_view column) const;

private:
  std::shared_ptr<const std::vector<std::string>> columns_;
  std::vector<Value> values_;
};

using Rows = std::vector<Row>;

// One connection, used by one thread at a time. All methods throw DbError.
class Connection {
public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  virtual Rows query(std::string_view sql, const Params& params = {}) = 0;
  // Returns the number of rows changed.
  virtual std::int64_t execute(std::string_view sql, const Params& params = {}) = 0;
  virtual std::int64_t lastInsertId() = 0;
  // Runs several ';'-separated statements without parameters; for migrations only.
  virtual void executeScript(std::string_view sql) = 0;
  // Starts a write transaction: SQLite takes the write lock at once (BEGIN IMMEDIATE) so two
  // writers never deadlock on lock upgrade; MySQL starts a normal InnoDB transaction.
  virtual void begin() = 0;
  // Starts a read-only transaction that sees one consistent snapshot without blocking writers
  // (SQLite WAL read transaction; InnoDB CONSISTENT SNAPSHOT at REPEATABLE READ).
  virtual void beginRead() = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;
  // True when the server went away and the connection should not go back to the pool.
  virtual bool broken() const { return false; }

  std::optional<Row> queryOne(std::string_view sql, const Params& params = {});
  // SQL that locks the selected rows for the rest of the transaction: " FOR UPDATE" on
  // MySQL, nothing on SQLite where BEGIN IMMEDIATE already holds the database write lock.
  std::string_view forUpdate() const { return dialect() == Dialect::Mysql ? " FOR UPDATE" : ""; }
};

// A pool of connections to one database, created from a URL:
//   sqlite:PATH
//   mysql://USER:PASS@HOST:PORT/NAME
//   mysql://USER:PASS@unix(/path/to/socket)/NAME   (also mysql+unix:///path/to/socket/NAME)
class Db {
public:
  class Lease {
  public:
    Lease(Db& db, std::unique_ptr<Connection> c) : db_(&db), conn_(std::move(c)) {}
    Lease(Lease&& other) noexcept = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    Connection& operator*() const { return *conn_; }
    Connection* operator->() const { return conn_.get(); }

  private:
    Db* db_;
    std::unique_ptr<Connection> conn_;
  };

  // Throws DbError on a malformed URL or when the first connection fails.
  static std::unique_ptr<Db> open(const std::string& url, std::size_t poolSize = 16);
  virtual ~Db() = default;

  Dialect dialect() const { return dialect_; }
  const std::string& displayUrl() const { return displayUrl_; }
  Lease acquire();
  // True when a connection answers a trivial query (health checks).
  bool ping() noexcept;

  // Runs fn(conn) inside a write transaction and commits; rolls back if fn throws. Retryable
  // database errors (busy, deadlock) run fn again, a few times, so fn must be safe to repeat.
  template <class F> auto transact(F&& fn) -> decltype(fn(std::declval<Connection&>())) {
    for (int attempt = 0;; ++attempt) {
      auto lease = acquire();
      try {
        lease->begin();
        if constexpr (std::is_void_v<decltype(fn(*lease))>) {
          fn(*lease);
          lease->commit();
          return;
        } else {
          auto result = fn(*lease);
          lease->commit();
          return result;
        }
      } catch (const DbError& e) {
        safeRollback(*lease);
        if (e.kind() != DbError::Kind::Retryable || attempt >= kMaxRetries) throw;
        backoff(attempt);
      } catch (...) {
        safeRollback(*lease);
        throw;
      }
    }
  }

protected:
  Db(Dialect dialect, std::string displayUrl, std::size_t poolSize)
      : dialect_(dialect), displayUrl_(std::move(displayUrl)), poolSize_(poolSize) {}
  virtual std::unique_ptr<Connection> connect() = 0;

private:
  static constexpr int kMaxRetries = 8;
  static void safeRollback(Connection& c) noexcept;
  static void backoff(int attempt);
  void release(std::unique_ptr<Connection> c);

  Dialect dialect_;
  std::string displayUrl_;
  std::size_t poolSize_;
  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_ = 0;
};

std::unique_ptr<Db> openSqlite(const std::string& path, std::size_t poolSize);
std::unique_ptr<Db> openMysql(const std::string& url, std::size_t poolSize);

// Milliseconds since the Unix epoch; the one clock every stored timestamp uses.
std::int64_t nowMillis();

}  // namespace chancery::store
