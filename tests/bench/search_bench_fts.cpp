// The SQLite FTS5 side of search_bench: same documents, same queries, snippets and the four
// facet counts (type, issuer, year, signer) computed from one MATCH evaluation per query.
#include "search_bench.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <sqlite3.h>
#include <stdexcept>
#include <string>

namespace chancery::search::bench {
namespace {

using Clock = std::chrono::steady_clock;

void check(int rc, sqlite3 *db, const char *what) {
  if (rc != SQLITE_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
    throw std::runtime_error(std::string(what) + ": " + sqlite3_errmsg(db));
}

void exec(sqlite3 *db, const char *sql) {
  check(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), db, sql);
}

struct Statement {
  Statement(sqlite3 *db, const char *sql) {
    check(sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr), db, sql);
  }
  ~Statement() { sqlite3_finalize(stmt); }
  sqlite3_stmt *stmt = nullptr;
};

void bindText(sqlite3_stmt *stmt, int index, const std::string &text) {
  sqlite3_bind_text(stmt, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
}

// "hồ sơ" → "\"hồ\" \"sơ\"": every word quoted, implicit AND, like the Xapian side.
std::string matchExpression(const std::string &query) {
  std::string out;
  std::size_t start = 0;
  while (start < query.size()) {
    const std::size_t end = std::min(query.find(' ', start), query.size());
    if (end > start) {
      if (!out.empty()) out += ' ';
      out += '"' + query.substr(start, end - start) + '"';
    }
    start = end + 1;
  }
  return out;
}

std::string column(sqlite3_stmt *stmt, int i) {
  const auto *text = reinterpret_cast<const char *>(sqlite3_column_text(stmt, i));
  return text ? text : "";
}

std::uint64_t runQuery(Statement &hits, Statement &facets, const std::string &expr) {
  sqlite3_reset(hits.stmt);
  bindText(hits.stmt, 1, expr);
  std::size_t shown = 0;
  while (sqlite3_step(hits.stmt) == SQLITE_ROW)
    shown += column(hits.stmt, 2).size() > 0 ? 1 : 0;
  sqlite3_reset(facets.stmt);
  bindText(facets.stmt, 1, expr);
  std::map<std::string, std::uint64_t> counts[4];
  std::uint64_t total = 0;
  while (sqlite3_step(facets.stmt) == SQLITE_ROW) {
    ++total;
    for (int f = 0; f < 4; ++f)
      ++counts[f][column(facets.stmt, f)];
  }
  for (auto &c : counts) { // top 20 values, as the Xapian side returns
    std::vector<std::pair<std::uint64_t, std::string>> top;
    for (auto &[value, n] : c)
      top.emplace_back(n, value);
    std::partial_sort(top.begin(), top.begin() + std::min<std::size_t>(20, top.size()), top.end(),
                      std::greater<>());
  }
  return total + (shown > 10 ? 1 : 0);
}

} // namespace

FtsFigures runFts5(const std::vector<Document> &docs, const std::vector<std::string> &queries,
                   const std::filesystem::path &file, std::size_t batch, int rounds) {
  sqlite3 *db = nullptr;
  check(sqlite3_open(file.c_str(), &db), db, "open");
  FtsFigures out;
  exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
  exec(db, "CREATE TABLE docs(rowid INTEGER PRIMARY KEY, ext_id TEXT UNIQUE, title TEXT, "
           "type TEXT, issuer TEXT, signer TEXT, year TEXT, body TEXT);"
           "CREATE VIRTUAL TABLE fts USING fts5(title, body, content='docs', "
           "content_rowid='rowid', tokenize='unicode61 remove_diacritics 2');");
  const auto start = Clock::now();
  {
    Statement doc(db, "INSERT INTO docs(ext_id,title,type,issuer,signer,year,body) "
                      "VALUES(?,?,?,?,?,?,?)");
    Statement fts(db, "INSERT INTO fts(rowid,title,body) VALUES(?,?,?)");
    exec(db, "BEGIN");
    for (std::size_t i = 0; i < docs.size(); ++i) {
      const Document &d = docs[i];
      sqlite3_reset(doc.stmt);
      const std::string fields[] = {d.id,  d.title, d.type, d.issuer, d.signer, d.date.substr(0, 4),
                                    d.text};
      for (int f = 0; f < 7; ++f)
        bindText(doc.stmt, f + 1, fields[f]);
      check(sqlite3_step(doc.stmt), db, "insert doc");
      sqlite3_reset(fts.stmt);
      sqlite3_bind_int64(fts.stmt, 1, sqlite3_last_insert_rowid(db));
      bindText(fts.stmt, 2, d.title);
      bindText(fts.stmt, 3, d.text);
      check(sqlite3_step(fts.stmt), db, "insert fts");
      if ((i + 1) % batch == 0) exec(db, "COMMIT; BEGIN");
    }
    exec(db, "COMMIT");
  }
  out.docsPerSecond = static_cast<double>(docs.size()) /
                      std::chrono::duration<double>(Clock::now() - start).count();
  exec(db, "PRAGMA wal_checkpoint(TRUNCATE)");
  out.bytes = std::filesystem::file_size(file);

  Statement hits(db, "SELECT d.ext_id, d.title, snippet(fts, 1, '<mark>', '</mark>', '…', 40) "
                     "FROM fts JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH ?1 "
                     "ORDER BY bm25(fts, 3.0, 1.0) LIMIT 10");
  Statement facets(db, "SELECT d.type, d.issuer, d.year, d.signer FROM fts "
                       "JOIN docs d ON d.rowid = fts.rowid WHERE fts MATCH ?1");
  double matched = 0;
  for (int round = -1; round < rounds; ++round) {
    for (const std::string &q : queries) {
      const std::string expr = matchExpression(q);
      const auto t = Clock::now();
      const double cpu = threadCpuMs();
      const std::uint64_t total = runQuery(hits, facets, expr);
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t).count();
      if (round < 0) continue;
      out.latency.ms.push_back(ms);
      out.latency.cpuMs.push_back(threadCpuMs() - cpu);
      matched += static_cast<double>(total);
    }
  }
  out.meanHits = matched / static_cast<double>(out.latency.ms.size());
  sqlite3_close(db);
  return out;
}

double threadCpuMs() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

double Latencies::percentileOf(const std::vector<double> &values, double p) {
  if (values.empty()) return 0;
  std::vector<double> sorted = values;
  std::sort(sorted.begin(), sorted.end());
  const auto rank =
      static_cast<std::size_t>(p / 100.0 * static_cast<double>(sorted.size() - 1) + 0.5);
  return sorted[std::min(rank, sorted.size() - 1)];
}

double Latencies::mean() const {
  double sum = 0;
  for (const double v : ms)
    sum += v;
  return ms.empty() ? 0 : sum / static_cast<double>(ms.size());
}

} // namespace chancery::search::bench
