// MySQL/MariaDB backend over MySQL Connector/C++ 1.1 (Debian's libmysqlcppconn): prepared
// statements cached per connection, utf8mb4, strict SQL mode, READ COMMITTED.
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>
#include <mysql_connection.h>
#include <mysql_driver.h>

#include <Poco/URI.h>

#include <unordered_map>

#include "store/db.h"

namespace chancery::store {
namespace {

struct MysqlTarget {
  std::string host;  // "tcp://host:port" or "unix://path"
  std::string user;
  std::string password;
  std::string schema;
  std::string display;
};

// mysql://USER:PASS@HOST[:PORT]/NAME, mysql://USER:PASS@localhost/NAME?socket=/path,
// or mysql://USER:PASS@unix(/path/to/socket)/NAME.
MysqlTarget parseUrl(const std::string& url) {
  MysqlTarget t;
  std::string rest = url.substr(url.find(':') + 1);
  if (rest.rfind("//", 0) != 0)
    throw DbError(DbError::Kind::Connection, "MySQL URL must start with mysql://");
  rest = rest.substr(2);
  std::string socket;
  auto q = rest.find('?');
  std::string query;
  if (q != std::string::npos) {
    query = rest.substr(q + 1);
    rest = rest.substr(0, q);
  }
  // Reserved characters in the user name or password must be percent-encoded.
  auto at = rest.find('@');
  if (at != std::string::npos) {
    std::string userinfo = rest.substr(0, at);
    rest = rest.substr(at + 1);
    auto colon = userinfo.find(':');
    Poco::URI::decode(userinfo.substr(0, colon), t.user);
    if (colon != std::string::npos) Poco::URI::decode(userinfo.substr(colon + 1), t.password);
  }
  std::string hostport;
  if (rest.rfind("unix(", 0) == 0) {
    auto close = rest.find(')');
    if (close == std::string::npos)
      throw DbError(DbError::Kind::Connection, "MySQL URL: unix( without )");
    socket = rest.substr(5, close - 5);
    rest = rest.substr(close + 1);
  } else {
    auto slash = rest.find('/');
    hostport = rest.substr(0, slash);
    rest = slash == std::string::npos ? "" : rest.substr(slash);
  }
  if (rest.size() < 2 || rest[0] != '/')
    throw DbError(DbError::Kind::Connection, "MySQL URL needs a database name: .../NAME");
  t.schema = rest.substr(1);
  for (std::size_t pos = 0; pos < query.size();) {
    auto amp = query.find('&', pos);
    std::string kv = query.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
    if (kv.rfind("socket=", 0) == 0 || kv.rfind("unix_socket=", 0) == 0)
      Poco::URI::decode(kv.substr(kv.find('=') + 1), socket);
    if (amp == std::string::npos) break;
    pos = amp + 1;
  }
  if (t.user.empty()) t.user = "root";
  if (!socket.empty()) {
    t.host = "unix://" + socket;
    t.display = "mysql://" + t.user + "@unix(" + socket + ")/" + t.schema;
  } else {
    if (hostport.empty()) hostport = "127.0.0.1";
    if (hostport.find(':') == std::string::npos) hostport += ":3306";
    t.host = "tcp://" + hostport;
    t.display = "mysql://" + t.user + "@" + hostport + "/" + t.schema;
  }
  return t;
}

DbError translate(const sql::SQLException& e) {
  switch (e.getErrorCode()) {
  case 1213:  // deadlock
  case 1205:  // lock wait timeout
    return DbError(DbError::Kind::Retryable, e.what());
  case 1062:  // duplicate key
  case 1451:
  case 1452:  // foreign key
  case 1048:  // column cannot be null
    return DbError(DbError::Kind::Constraint, e.what());
  case 2002:
  case 2003:
  case 2006:
  case 2013:
  case 1045:
  case 1049:
    return DbError(DbError::Kind::Connection, e.what());
  default:
    return DbError(DbError::Kind::Other, e.what());
  }
}

// Splits a migration script on ';' outside quotes, dropping `--` comment lines.
std::vector<std::string> splitStatements(std::string_view script) {
  std::vector<std::string> out;
  std::string current;
  char quote = 0;
  for (std::size_t i = 0; i < script.size(); ++i) {
    char c = script[i];
    if (!quote && c == '-' && i + 1 < script.size() && script[i + 1] == '-') {
      while (i < script.size() && script[i] != '\n') ++i;
      current += '\n';
      continue;
    }
    if (quote) {
      if (c == quote) quote = 0;
    } else if (c == '\'' || c == '"' || c == '`') {
      quote = c;
    } else if (c == ';') {
      if (current.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(current);
      current.clear();
      continue;
    }
    current += c;
  }
  if (current.find_first_not_of(" \t\r\n") != std::string::npos) out.push_back(current);
  return out;
}

class MysqlConnection final : public Connection {
public:
  explicit MysqlConnection(const MysqlTarget& t) {
    threadInit();
    try {
      sql::ConnectOptionsMap options;
      options["hostName"] = sql::SQLString(t.host);
      options["userName"] = sql::SQLString(t.user);
      options["password"] = sql::SQLString(t.password);
      options["schema"] = sql::SQLString(t.schema);
      options["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
      options["OPT_RECONNECT"] = false;
      conn_.reset(sql::mysql::get_mysql_driver_instance()->connect(options));
      std::unique_ptr<sql::Statement> st(conn_->createStatement());
      st->execute("SET SESSION sql_mode='STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION'");
      st->execute("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED");
      st->execute("SET NAMES utf8mb4 COLLATE utf8mb4_bin");
    } catch (const sql::SQLException& e) {
      throw DbError(DbError::Kind::Connection,
                    "cannot connect to " + t.display + ": " + std::string(e.what()));
    }
  }

  Dialect dialect() const override { return Dialect::Mysql; }

  Rows query(std::string_view sql, const Params& params) override {
    return guarded([&] {
      sql::PreparedStatement& ps = prepare(sql, params);
      std::unique_ptr<sql::ResultSet> rs(ps.executeQuery());
      sql::ResultSetMetaData* meta = rs->getMetaData();
      unsigned n = meta->getColumnCount();
      auto columns = std::make_shared<std::vector<std::string>>();
      std::vector<int> types;
      for (unsigned i = 1; i <= n; ++i) {
        columns->emplace_back(meta->getColumnLabel(i).asStdString());
        types.push_back(meta->getColumnType(i));
      }
      Rows rows;
      while (rs->next()) {
        std::vector<Value> values;
        values.reserve(n);
        for (unsigned i = 1; i <= n; ++i) values.push_back(column(*rs, i, types[i - 1]));
        rows.emplace_back(columns, std::move(values));
      }
      return rows;
    });
  }

  std::int64_t execute(std::string_view sql, const Params& params) override {
    return guarded([&] {
      sql::PreparedStatement& ps = prepare(sql, params);
      return static_cast<std::int64_t>(ps.executeUpdate());
    });
  }

  std::int64_t lastInsertId() override {
    auto row = queryOne("SELECT LAST_INSERT_ID() AS id");
    return row ? row->getInt("id") : 0;
  }

  void executeScript(std::string_view script) override {
    guarded([&] {
      std::unique_ptr<sql::Statement> st(conn_->createStatement());
      for (const auto& s : splitStatements(script)) st->execute(s);
      return 0;
    });
  }

  void begin() override { plain("START TRANSACTION"); }
  void beginRead() override {
    plain("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
    plain("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
  }
  void commit() override { plain("COMMIT"); }
  void rollback() override { plain("ROLLBACK"); }
  bool broken() const override { return broken_; }

private:
  static void threadInit() {
    thread_local bool done = false;
    if (!done) {
      sql::mysql::get_mysql_driver_instance()->threadInit();
      done = true;
    }
  }

  template <class F> auto guarded(F&& f) -> decltype(f()) {
    try {
      return f();
    } catch (const sql::SQLException& e) {
      DbError err = translate(e);
      if (err.kind() == DbError::Kind::Connection) broken_ = true;
      throw err;
    }
  }

  void plain(const char* sql) {
    guarded([&] {
      std::unique_ptr<sql::Statement> st(conn_->createStatement());
      st->execute(sql);
      return 0;
    });
  }

  sql::PreparedStatement& prepare(std::string_view text, const Params& params) {
    std::string key(text);
    auto it = cache_.find(key);
    if (it == cache_.end()) {
      std::unique_ptr<sql::PreparedStatement> ps(conn_->prepareStatement(key));
      it = cache_.emplace(std::move(key), std::move(ps)).first;
    }
    sql::PreparedStatement& ps = *it->second;
    ps.clearParameters();
    for (unsigned i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (std::holds_alternative<std::nullptr_t>(v)) ps.setNull(i + 1, sql::DataType::VARCHAR);
      else if (auto* n = std::get_if<std::int64_t>(&v)) ps.setInt64(i + 1, *n);
      else if (auto* d = std::get_if<double>(&v)) ps.setDouble(i + 1, *d);
      else ps.setString(i + 1, sql::SQLString(std::get<std::string>(v)));
    }
    return ps;
  }

  static Value column(sql::ResultSet& rs, unsigned i, int type) {
    switch (type) {
    case sql::DataType::BIT:
    case sql::DataType::TINYINT:
    case sql::DataType::SMALLINT:
    case sql::DataType::MEDIUMINT:
    case sql::DataType::INTEGER:
    case sql::DataType::BIGINT:
    case sql::DataType::YEAR: {
      std::int64_t n = rs.getInt64(i);
      if (rs.wasNull()) return nullptr;
      return n;
    }
    case sql::DataType::REAL:
    case sql::DataType::DOUBLE: {
      double d = static_cast<double>(rs.getDouble(i));
      if (rs.wasNull()) return nullptr;
      return d;
    }
    case sql::DataType::SQLNULL:
      return nullptr;
    default: {
      if (rs.isNull(i)) return nullptr;
      return rs.getString(i).asStdString();
    }
    }
  }

  std::unique_ptr<sql::Connection> conn_;
  std::unordered_map<std::string, std::unique_ptr<sql::PreparedStatement>> cache_;
  bool broken_ = false;
};

class MysqlDb final : public Db {
public:
  MysqlDb(MysqlTarget target, std::size_t poolSize)
      : Db(Dialect::Mysql, target.display, poolSize), target_(std::move(target)) {}

protected:
  std::unique_ptr<Connection> connect() override {
    return std::make_unique<MysqlConnection>(target_);
  }

private:
  MysqlTarget target_;
};

}  // namespace

std::unique_ptr<Db> openMysql(const std::string& url, std::size_t poolSize) {
  auto db = std::make_unique<MysqlDb>(parseUrl(url), poolSize);
  db->acquire();  // fail early with a clear message
  return db;
}

}  // namespace chancery::store
