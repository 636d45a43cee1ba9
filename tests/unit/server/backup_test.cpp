// A backup taken while writes go on restores into an empty data directory with identical
// content, on the same backend and across backends; a damaged archive restores nothing.
#include <gtest/gtest.h>

#include <atomic>
#include <sstream>
#include <thread>

#include "app/demo.h"
#include "app/runtime.h"
#include "service/audit.h"
#include "service/backup.h"
#include "service/check.h"
#include "store/schema_info.h"
#include "test_server.h"

using namespace chancery;
using chancery::testing::Backend;

namespace {

// Every row of every table a backup covers, as text, for comparison.
std::map<std::string, std::vector<std::string>> dumpAll(store::Db& db) {
  std::map<std::string, std::vector<std::string>> out;
  auto lease = db.acquire();
  for (const auto& t : store::listTables(*lease)) {
    if (t == "sessions" || t == "login_throttle" || t == "schema_version") continue;
    for (const auto& row : lease->query("SELECT * FROM " + store::quoteIdentifier(*lease, t))) {
      std::string line;
      for (std::size_t i = 0; i < row.size(); ++i) {
        const auto& v = row[i];
        if (std::holds_alternative<std::nullptr_t>(v)) line += "NULL|";
        else if (auto* n = std::get_if<std::int64_t>(&v)) line += std::to_string(*n) + "|";
        else if (auto* d = std::get_if<double>(&v)) line += std::to_string(*d) + "|";
        else line += std::get<std::string>(v) + "|";
      }
      out[t].push_back(line);
    }
    std::sort(out[t].begin(), out[t].end());
  }
  return out;
}

struct Instance {
  explicit Instance(Backend b) : db(b, dir.path()), rt(chancery::testing::testConfig(dir.path(), db.url())) {}
  chancery::testing::TempDir dir;
  chancery::testing::TestDatabase db;
  app::Runtime rt;
};

service::Principal system() {
  service::Principal p;
  p.userId = 1;
  p.username = "admin";
  return p;
}

}  // namespace

class BackupTest : public ::testing::TestWithParam<std::pair<Backend, Backend>> {};

TEST_P(BackupTest, RestoreGivesIdenticalContent) {
  Instance src(GetParam().first);
  app::loadDemo(src.rt);
  std::istringstream pdf("%PDF-1.7 tờ trình");
  src.rt.services().files.upload(system(), "tờ trình.pdf", "application/pdf", pdf, 1 << 20);

  // Keep writing while the backup runs: the archive must still be one consistent snapshot.
  std::atomic<bool> stop{false};
  std::thread writer([&] {
    for (int i = 0; !stop; ++i) {
      std::istringstream in("%PDF-1.7 concurrent " + std::to_string(i));
      src.rt.services().files.upload(system(), "c.pdf", "application/pdf", in, 1 << 20);
    }
  });
  std::stringstream archive;
  auto summary = service::writeBackup(src.rt.db(), src.rt.services().blobs, archive);
  stop = true;
  writer.join();
  EXPECT_GT(summary.rows, 0);
  EXPECT_GE(summary.blobs, 1);

  chancery::testing::TempDir dstDir;
  chancery::testing::TestDatabase dstDb(GetParam().second, dstDir.path());
  {
    auto db = store::Db::open(dstDb.url(), 4);
    service::BlobStore blobs(dstDir.path() / "blobs");
    service::restoreBackup(*db, blobs, archive);
    EXPECT_TRUE(service::AuditLog::verify(*db).ok);
    EXPECT_TRUE(service::checkStorage(*db, blobs).ok());
    // Compare with a fresh backup-time view: the restored rows equal the snapshot, which
    // is a prefix of the source's audit log (writes continued after it).
    auto restored = dumpAll(*db);
    auto now = dumpAll(src.rt.db());
    EXPECT_EQ(restored["users"], now["users"]);
    EXPECT_EQ(restored["org_units"], now["org_units"]);
    EXPECT_EQ(restored.at("audit_log").size(), static_cast<std::size_t>(service::AuditLog::verify(*db).headSeq));
    EXPECT_LE(restored["files"].size(), now["files"].size());
    for (const auto& row : restored["audit_log"])
      EXPECT_NE(std::find(now["audit_log"].begin(), now["audit_log"].end(), row), now["audit_log"].end());
  }
}

TEST_P(BackupTest, QuiescentRestoreIsExactAndServesTheSameLogins) {
  Instance src(GetParam().first);
  app::loadDemo(src.rt);
  std::stringstream archive;
  service::writeBackup(src.rt.db(), src.rt.services().blobs, archive);

  chancery::testing::TempDir dstDir;
  chancery::testing::TestDatabase dstDb(GetParam().second, dstDir.path());
  auto db = store::Db::open(dstDb.url(), 4);
  service::BlobStore blobs(dstDir.path() / "blobs");
  service::restoreBackup(*db, blobs, archive);
  EXPECT_EQ(dumpAll(*db), dumpAll(src.rt.db()));
}

TEST(Backup, DamagedArchiveRestoresNothing) {
  Instance src(Backend::Sqlite);
  app::loadDemo(src.rt);
  std::istringstream pdf("%PDF-1.7 nội dung");
  auto f = src.rt.services().files.upload(system(), "x.pdf", "application/pdf", pdf, 1 << 20);
  std::stringstream archive;
  service::writeBackup(src.rt.db(), src.rt.services().blobs, archive);
  std::string bytes = archive.str();
  auto pos = bytes.find("%PDF-1.7 nội dung");
  ASSERT_NE(pos, std::string::npos);
  bytes[pos + 3] = 'X';  // a flipped byte inside the blob

  chancery::testing::TempDir dstDir;
  chancery::testing::TestDatabase dstDb(Backend::Sqlite, dstDir.path());
  auto db = store::Db::open(dstDb.url(), 4);
  service::BlobStore blobs(dstDir.path() / "blobs");
  std::istringstream in(bytes);
  EXPECT_THROW(service::restoreBackup(*db, blobs, in), std::runtime_error);
  auto lease = db->acquire();
  EXPECT_EQ(lease->queryOne("SELECT COUNT(*) AS n FROM users")->getInt("n"), 0);
  EXPECT_FALSE(blobs.has(f.sha256));

  std::istringstream cut(archive.str().substr(0, archive.str().size() / 2));
  EXPECT_THROW(service::restoreBackup(*db, blobs, cut), std::runtime_error);
}

INSTANTIATE_TEST_SUITE_P(
    Backends, BackupTest,
    ::testing::Values(std::pair{Backend::Sqlite, Backend::Sqlite}, std::pair{Backend::Mysql, Backend::Mysql},
                      std::pair{Backend::Sqlite, Backend::Mysql}, std::pair{Backend::Mysql, Backend::Sqlite}),
    [](const auto& p) {
      return chancery::testing::backendName(p.param.first) + "_to_" +
             chancery::testing::backendName(p.param.second);
    });
