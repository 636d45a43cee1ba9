#include "store/db.h"

#include <random>
#include <thread>

namespace chancery::store {

namespace {
[[noreturn]] void typeError(std::string_view column, const char* wanted) {
  throw DbError(DbError::Kind::Other,
                "column " + std::string(column) + " is not " + wanted);
}
}  // namespace

const Value& Row::at(std::string_view column) const {
  for (std::size_t i = 0; i < columns_->size(); ++i)
    if ((*columns_)[i] == column) return values_.at(i);
  throw DbError(DbError::Kind::Other, "no column " + std::string(column));
}

bool Row::isNull(std::string_view column) const {
  return std::holds_alternative<std::nullptr_t>(at(column));
}

std::int64_t Row::getInt(std::string_view column) const {
  const Value& v = at(column);
  if (auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(*d);
  if (auto* s = std::get_if<std::string>(&v)) {
    // MySQL returns DECIMAL and some aggregate results as text.
    try {
      std::size_t used = 0;
      long long n = std::stoll(*s, &used);
      if (used == s->size()) return n;
    } catch (const std::exception&) {
    }
  }
  typeError(column, "an integer");
}

double Row::getDouble(std::string_view column) const {
  const Value& v = at(column);
  if (auto* d = std::get_if<double>(&v)) return *d;
  if (auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  if (auto* s = std::get_if<std::string>(&v)) {
    try {
      return std::stod(*s);
    } catch (const std::exception&) {
    }
  }
  typeError(column, "a number");
}

std::string Row::getString(std::string_view column) const {
  const Value& v = at(column);
  if (auto* s = std::get_if<std::string>(&v)) return *s;
  if (auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (std::holds_alternative<std::nullptr_t>(v)) return {};
  typeError(column, "text");
}

std::optional<std::int64_t> Row::optInt(std::string_view column) const {
  if (isNull(column)) return std::nullopt;
  return getInt(column);
}

std::optional<std::string> Row::optString(std::string_view column) const {
  if (isNull(column)) return std::nullopt;
  return getString(column);
}

std::optional<Row> Connection::queryOne(std::string_view sql, const Params& params) {
  Rows rows = query(sql, params);
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

Db::Lease::~Lease() {
  if (db_ && conn_) db_->release(std::move(conn_));
}

std::unique_ptr<Db> Db::open(const std::string& url, std::size_t poolSize) {
  if (url.rfind("sqlite:", 0) == 0) return openSqlite(url.substr(7), poolSize);
  if (url.rfind("mysql:", 0) == 0 || url.rfind("mysql+unix:", 0) == 0 ||
      url.rfind("mariadb:", 0) == 0)
    return openMysql(url, poolSize);
  throw DbError(DbError::Kind::Connection,
                "unsupported database URL (use sqlite:PATH or mysql://USER:PASS@HOST:PORT/NAME)");
}

Db::Lease Db::acquire() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (!idle_.empty()) {
      auto c = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(c));
    }
    if (open_ < poolSize_) {
      ++open_;
      lock.unlock();
      try {
        return Lease(*this, connect());
      } catch (...) {
        lock.lock();
        --open_;
        available_.notify_one();
        throw;
      }
    }
    if (!available_.wait_for(lock, std::chrono::seconds(30), [&] { return !idle_.empty() || open_ < poolSize_; }))
      throw DbError(DbError::Kind::Retryable, "no database connection free for 30 s");
  }
}

bool Db::ping() noexcept {
  try {
    auto lease = acquire();
    return lease->queryOne("SELECT 1 AS ok").has_value();
  } catch (...) {
    return false;
  }
}

void Db::release(std::unique_ptr<Connection> c) {
  std::lock_guard lock(mutex_);
  if (c->broken()) {
    --open_;
  } else {
    idle_.push_back(std::move(c));
  }
  available_.notify_one();
}

void Db::safeRollback(Connection& c) noexcept {
  try {
    c.rollback();
  } catch (...) {
  }
}

void Db::backoff(int attempt) {
  thread_local std::minstd_rand rng(std::random_device{}());
  int base = 2 << std::min(attempt, 6);
  std::this_thread::sleep_for(std::chrono::milliseconds(base + static_cast<int>(rng() % 7)));
}

std::int64_t nowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace chancery::store
