// The audit chain detects an edited, a deleted, an inserted entry and an edited head, and
// names the first bad entry.
#include <gtest/gtest.h>

#include "service/audit.h"
#include "store/audit_store.h"
#include "store/migrations.h"
#include "test_support.h"

using namespace chancery;
using chancery::testing::Backend;

class AuditTest : public ::testing::TestWithParam<Backend> {
protected:
  void SetUp() override {
    tdb_ = std::make_unique<chancery::testing::TestDatabase>(GetParam(), dir_.path());
    db_ = store::Db::open(tdb_->url(), 4);
    store::migrate(*db_);
    for (int i = 1; i <= 5; ++i)
      db_->transact([&](store::Connection& c) {
        service::AuditLog::appendAs(c, i, "user" + std::to_string(i), "10.0.0.1",
                                    {"test.event", "thing", std::to_string(i), "{\"n\":" + std::to_string(i) + "}"});
      });
  }
  void exec(const std::string& sql) { db_->acquire()->execute(sql); }
  chancery::testing::TempDir dir_;
  std::unique_ptr<chancery::testing::TestDatabase> tdb_;
  std::unique_ptr<store::Db> db_;
};

TEST_P(AuditTest, IntactChainVerifies) {
  auto r = service::AuditLog::verify(*db_);
  EXPECT_TRUE(r.ok) << r.problem;
  EXPECT_EQ(r.checked, 5);
  EXPECT_EQ(r.headSeq, 5);
}

TEST_P(AuditTest, EditedEntryIsFound) {
  exec("UPDATE audit_log SET details = '{\"n\":999}' WHERE seq = 3");
  auto r = service::AuditLog::verify(*db_);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.firstBadSeq, 3);
  EXPECT_NE(r.problem.find("edited"), std::string::npos) << r.problem;
}

TEST_P(AuditTest, DeletedEntryIsFound) {
  exec("DELETE FROM audit_log WHERE seq = 2");
  auto r = service::AuditLog::verify(*db_);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.firstBadSeq, 2);
  EXPECT_NE(r.problem.find("missing"), std::string::npos) << r.problem;
}

TEST_P(AuditTest, DeletedTailIsFound) {
  exec("DELETE FROM audit_log WHERE seq = 5");
  auto r = service::AuditLog::verify(*db_);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.firstBadSeq, 5);
}

TEST_P(AuditTest, InsertedEntryIsFound) {
  // Shift entries 4..5 up and put a forged entry at 4 with a self-consistent hash.
  exec("UPDATE audit_log SET seq = seq + 100 WHERE seq >= 4");
  exec("UPDATE audit_log SET seq = seq - 99 WHERE seq >= 104");
  store::AuditRecord forged;
  {
    auto lease = db_->acquire();
    auto prev = store::audit::scan(*lease, 2, 1).at(0);
    forged.seq = 4;
    forged.ts = prev.ts;
    forged.actor = "intruder";
    forged.action = "test.event";
    forged.objectType = "thing";
    forged.objectId = "x";
    forged.details = "{}";
    forged.prevHash = prev.hash;
    forged.hash = service::AuditLog::hashOf(forged);
    store::audit::insert(*lease, forged);
  }
  exec("UPDATE audit_head SET seq = 6 WHERE id = 1");
  auto r = service::AuditLog::verify(*db_);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.firstBadSeq, 5);  // the genuine entry after the forgery no longer follows
}

TEST_P(AuditTest, EditedHeadIsFound) {
  exec("UPDATE audit_head SET hash = '0000000000000000000000000000000000000000000000000000000000000001'");
  auto r = service::AuditLog::verify(*db_);
  EXPECT_FALSE(r.ok);
}

INSTANTIATE_TEST_SUITE_P(Backends, AuditTest, ::testing::Values(Backend::Sqlite, Backend::Mysql),
                         chancery::testing::BackendNamer());
