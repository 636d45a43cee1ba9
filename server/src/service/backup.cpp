#include "service/backup.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "store/file_store.h"
#include "store/migrations.h"
#include "store/schema_info.h"
#include "util/crypto.h"
#include "util/json_writer.h"
#include "util/log.h"
#include "util/tar.h"
#include "util/text.h"

namespace chancery::service {
namespace {

constexpr std::string_view kFormat = "chancery-backup-1";
constexpr std::int64_t kPage = 1000;
// Transient state that a restored instance should not inherit.
const std::set<std::string> kSkipped = {"schema_version", "sessions", "login_throttle"};

void writeValue(util::JsonWriter& w, const store::Value& v) {
  if (std::holds_alternative<std::nullptr_t>(v)) w.null();
  else if (auto* i = std::get_if<std::int64_t>(&v)) w.value(*i);
  else if (auto* d = std::get_if<double>(&v)) w.value(*d);
  else {
    const auto& s = std::get<std::string>(v);
    if (util::isValidUtf8(s)) {
      w.value(s);
    } else {
      std::ostringstream b64;
      Poco::Base64Encoder enc(b64);
      enc.rdbuf()->setLineLength(0);
      enc << s;
      enc.close();
      w.beginObject().field("b64", b64.str()).endObject();
    }
  }
}

store::Value readValue(const Poco::Dynamic::Var& v) {
  if (v.isEmpty()) return nullptr;
  if (v.isString()) return v.convert<std::string>();
  if (v.isBoolean()) return std::int64_t{v.convert<bool>() ? 1 : 0};
  if (v.isInteger()) return static_cast<std::int64_t>(v.convert<Poco::Int64>());
  if (v.isNumeric()) return v.convert<double>();
  if (v.type() == typeid(Poco::JSON::Object::Ptr)) {
    auto obj = v.extract<Poco::JSON::Object::Ptr>();
    std::istringstream in(obj->getValue<std::string>("b64"));
    Poco::Base64Decoder dec(in);
    std::string bytes((std::istreambuf_iterator<char>(dec)), std::istreambuf_iterator<char>());
    return bytes;
  }
  throw std::runtime_error("backup: unexpected value type in a row");
}

std::string orderBy(store::Connection& c, const std::vector<store::ColumnInfo>& cols) {
  std::string pk, all;
  for (const auto& col : cols) {
    std::string q = store::quoteIdentifier(c, col.name);
    all += (all.empty() ? "" : ", ") + q;
    if (col.primaryKey) pk += (pk.empty() ? "" : ", ") + q;
  }
  return " ORDER BY " + (pk.empty() ? all : pk);
}

}  // namespace

BackupSummary writeBackup(store::Db& db, const BlobStore& blobs, std::ostream& out) {
  BackupSummary sum;
  util::TarWriter tar(out);
  auto lease = db.acquire();
  store::Connection& c = *lease;
  std::vector<std::string> blobNames;
  util::JsonWriter manifest;
  manifest.beginObject().key("tables").beginObject();
  // Each table is dumped to a scratch file first: a tar header needs the size up front.
  auto scratch = std::filesystem::temp_directory_path() / ("chancery-backup-" + util::randomToken(8));
  struct Cleanup {
    std::filesystem::path p;
    ~Cleanup() { std::filesystem::remove(p); }
  } cleanup{scratch};
  c.beginRead();
  try {
    sum.schemaVersion = store::schemaVersion(c);
    util::JsonWriter header;
    header.beginObject().field("format", kFormat).field("schemaVersion", sum.schemaVersion)
        .field("createdAt", util::isoUtc(store::nowMillis())).endObject();
    tar.add("header.json", header.str());
    for (const auto& table : store::listTables(c)) {
      if (kSkipped.count(table)) continue;
      auto cols = store::tableColumns(c, table);
      std::string select = "SELECT ";
      util::JsonWriter head;
      head.beginObject().key("columns").beginArray();
      for (std::size_t i = 0; i < cols.size(); ++i) {
        select += (i ? ", " : "") + store::quoteIdentifier(c, cols[i].name);
        head.value(cols[i].name);
      }
      head.endArray().endObject();
      select += " FROM " + store::quoteIdentifier(c, table) + orderBy(c, cols) + " LIMIT ? OFFSET ?";
      std::int64_t rows = 0;
      {
        std::ofstream body(scratch, std::ios::binary | std::ios::trunc);
        body << head.str() << '\n';
        for (std::int64_t offset = 0;; offset += kPage) {
          auto page = c.query(select, {kPage, offset});
          for (const auto& row : page) {
            util::JsonWriter w;
            w.beginArray();
            for (std::size_t i = 0; i < row.size(); ++i) writeValue(w, row[i]);
            w.endArray();
            body << w.str() << '\n';
          }
          rows += static_cast<std::int64_t>(page.size());
          if (static_cast<std::int64_t>(page.size()) < kPage) break;
        }
        if (!body.flush()) throw std::runtime_error("cannot write scratch file " + scratch.string());
      }
      std::ifstream body(scratch, std::ios::binary);
      tar.add("db/" + table + ".jsonl", body, std::filesystem::file_size(scratch));
      if (table == "blobs")
        for (const auto& b : store::blobs::all(c)) blobNames.push_back(b.sha256);
      manifest.field(table, rows);
      ++sum.tables;
      sum.rows += rows;
    }
    c.commit();
  } catch (...) {
    try {
      c.rollback();
    } catch (...) {
    }
    throw;
  }
  for (const auto& sha : blobNames) {
    std::ifstream in(blobs.pathOf(sha), std::ios::binary);
    if (!in) throw std::runtime_error("blob " + sha + " is missing; run `chancery check`");
    auto size = std::filesystem::file_size(blobs.pathOf(sha));
    tar.add("blobs/" + sha, in, size);
    ++sum.blobs;
    sum.blobBytes += static_cast<std::int64_t>(size);
  }
  manifest.endObject().field("blobs", sum.blobs).endObject();
  tar.add("manifest.json", manifest.str());
  tar.finish();
  return sum;
}

BackupSummary restoreBackup(store::Db& db, BlobStore& blobs, std::istream& in) {
  BackupSummary sum;
  if (store::schemaVersion(db) != 0)
    throw std::runtime_error("the target database is not empty; restore needs an empty one");
  auto lease = db.acquire();
  store::Connection& c = *lease;
  std::map<std::string, std::int64_t> expected, counted;
  bool haveManifest = false;
  std::int64_t expectedBlobs = 0;
  bool began = false;
  std::set<std::string> targetTables;
  std::set<std::string> seenBlobs;
  auto fail = [](const std::string& m) { return std::runtime_error("backup archive: " + m); };
  try {
    util::TarReader(in).forEach([&](const std::string& name, std::uint64_t size, std::istream& entry) {
      auto readSmall = [&] {
        if (size > (1 << 20)) throw fail(name + " is too large");
        std::string text(static_cast<std::size_t>(size), '\0');
        entry.read(text.data(), static_cast<std::streamsize>(size));
        return Poco::JSON::Parser().parse(text).extract<Poco::JSON::Object::Ptr>();
      };
      if (name == "manifest.json") {
        if (!began || haveManifest) throw fail("manifest.json is out of place");
        auto m = readSmall();
        for (const auto& [t, n] : *m->getObject("tables")) expected[t] = n.convert<Poco::Int64>();
        expectedBlobs = m->getValue<Poco::Int64>("blobs");
        haveManifest = true;
        return;
      }
      if (name == "header.json") {
        if (began) throw fail("header.json appears twice");
        auto m = readSmall();
        if (m->optValue<std::string>("format", "") != kFormat) throw fail("not a Chancery backup");
        sum.schemaVersion = m->getValue<int>("schemaVersion");
        store::migrate(db, sum.schemaVersion);
        if (store::schemaVersion(db) != sum.schemaVersion)
          throw fail("it needs schema version " + std::to_string(sum.schemaVersion) +
                     ", which this build does not have");
        for (const auto& t : store::listTables(c)) targetTables.insert(t);
        store::setForeignKeyChecks(c, false);
        c.begin();
        began = true;
        return;
      }
      if (!began || haveManifest) throw fail("header.json must come first, manifest.json last");
      if (util::startsWith(name, "db/")) {
        std::string table = name.substr(3, name.size() - 3 - 6);
        if (!targetTables.count(table) || kSkipped.count(table))
          throw fail("unknown table " + table);
        std::set<std::string> known;
        for (const auto& col : store::tableColumns(c, table)) known.insert(col.name);
        std::string line;
        std::getline(entry, line);
        auto header = Poco::JSON::Parser().parse(line).extract<Poco::JSON::Object::Ptr>();
        auto cols = header->getArray("columns");
        std::string insert = "INSERT INTO " + store::quoteIdentifier(c, table) + " (";
        std::string marks;
        for (std::size_t i = 0; i < cols->size(); ++i) {
          std::string col = cols->getElement<std::string>(static_cast<unsigned>(i));
          if (!known.count(col)) throw fail("unknown column " + table + "." + col);
          insert += (i ? ", " : "") + store::quoteIdentifier(c, col);
          marks += i ? ", ?" : "?";
        }
        insert += ") VALUES (" + marks + ")";
        c.execute("DELETE FROM " + store::quoteIdentifier(c, table));  // rows seeded by migrations
        std::int64_t rows = 0;
        while (std::getline(entry, line)) {
          if (line.empty()) continue;
          auto arr = Poco::JSON::Parser().parse(line).extract<Poco::JSON::Array::Ptr>();
          if (arr->size() != cols->size()) throw fail("a row of " + table + " has the wrong width");
          store::Params params;
          for (std::size_t i = 0; i < arr->size(); ++i) params.push_back(readValue(arr->get(static_cast<unsigned>(i))));
          c.execute(insert, params);
          ++rows;
        }
        counted[table] = rows;
        ++sum.tables;
        sum.rows += rows;
      } else if (util::startsWith(name, "blobs/")) {
        std::string sha = name.substr(6);
        if (!isSha256Hex(sha)) throw fail("bad blob name " + sha);
        auto staged = blobs.stage(entry, static_cast<std::int64_t>(size));
        if (staged.sha256() != sha) throw fail("blob " + sha + " is corrupt");
        blobs.commit(staged);
        seenBlobs.insert(sha);
        ++sum.blobs;
        sum.blobBytes += staged.size();
      } else {
        throw fail("unexpected entry " + name);
      }
    });
    if (!began || !haveManifest) throw fail("header.json or manifest.json is missing");
    if (counted != expected) throw fail("table contents do not match the manifest (truncated?)");
    if (static_cast<std::int64_t>(seenBlobs.size()) != expectedBlobs) throw fail("blobs are missing");
    for (const auto& b : store::blobs::all(c))
      if (!seenBlobs.count(b.sha256)) throw fail("blob " + b.sha256 + " is missing");
    c.commit();
    store::setForeignKeyChecks(c, true);
  } catch (const Poco::Exception& e) {
    if (began) c.rollback();
    store::setForeignKeyChecks(c, true);
    throw fail(e.displayText());
  } catch (...) {
    if (began) c.rollback();
    store::setForeignKeyChecks(c, true);
    throw;
  }
  store::migrate(db);
  return sum;
}

}  // namespace chancery::service
