// The Db interface behaves the same on SQLite and MariaDB: migrations, typed values, Unicode,
// constraint errors, rollback, and transactions that do not lose concurrent updates.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "store/db.h"
#include "store/migrations.h"
#include "store/settings_store.h"
#include "store/user_store.h"
#include "test_support.h"

using namespace chancery;
using chancery::testing::Backend;

class DbTest : public ::testing::TestWithParam<Backend> {
protected:
  void SetUp() override {
    tdb_ = std::make_unique<chancery::testing::TestDatabase>(GetParam(), dir_.path());
    db_ = store::Db::open(tdb_->url(), 8);
    store::migrate(*db_);
  }
  chancery::testing::TempDir dir_;
  std::unique_ptr<chancery::testing::TestDatabase> tdb_;
  std::unique_ptr<store::Db> db_;
};

TEST_P(DbTest, MigrationsAreRecordedAndIdempotent) {
  int v = store::schemaVersion(*db_);
  EXPECT_GE(v, 1);
  EXPECT_EQ(store::migrate(*db_), 0);
  EXPECT_EQ(store::schemaVersion(*db_), v);
}

TEST_P(DbTest, RoundTripsUnicodeAndSqlMetacharacters) {
  const std::string nasty = "Quyết định ' OR 1=1; -- \"DROP TABLE users\" \\ %_ 😀 đĐ";
  db_->transact([&](store::Connection& c) { store::settings::set(c, "k", nasty); });
  auto lease = db_->acquire();
  EXPECT_EQ(store::settings::get(*lease, "k").value(), nasty);
  EXPECT_EQ(store::users::count(*lease), 0);  // the users table is still there and empty
}

TEST_P(DbTest, TypedValuesComeBackTyped) {
  auto lease = db_->acquire();
  auto row = lease->queryOne("SELECT 42 AS i, 2.5 AS d, 'x' AS s, NULL AS n");
  ASSERT_TRUE(row);
  EXPECT_EQ(row->getInt("i"), 42);
  EXPECT_DOUBLE_EQ(row->getDouble("d"), 2.5);
  EXPECT_EQ(row->getString("s"), "x");
  EXPECT_TRUE(row->isNull("n"));
  EXPECT_THROW(row->at("missing"), store::DbError);
}

TEST_P(DbTest, UniqueViolationIsAConstraintError) {
  store::UnitRecord u{0, "VP", "Văn phòng", std::nullopt};
  db_->transact([&](store::Connection& c) { store::units::insert(c, u); });
  try {
    db_->transact([&](store::Connection& c) { store::units::insert(c, u); });
    FAIL() << "duplicate code accepted";
  } catch (const store::DbError& e) {
    EXPECT_EQ(e.kind(), store::DbError::Kind::Constraint);
  }
}

TEST_P(DbTest, ThrowingTransactionLeavesNothingBehind) {
  EXPECT_THROW(db_->transact([&](store::Connection& c) {
    store::units::insert(c, {0, "A", "a", std::nullopt});
    throw std::runtime_error("boom");
  }),
               std::runtime_error);
  auto lease = db_->acquire();
  EXPECT_FALSE(store::units::findByCode(*lease, "A"));
}

TEST_P(DbTest, ConcurrentIncrementsAreNotLost) {
  db_->transact([&](store::Connection& c) { store::settings::set(c, "counter", "0"); });
  constexpr int kThreads = 6, kEach = 25;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i)
        db_->transact([&](store::Connection& c) {
          auto row = c.queryOne(std::string("SELECT value FROM settings WHERE name = 'counter'") +
                                std::string(c.forUpdate()));
          int n = std::stoi(row->getString("value"));
          store::settings::set(c, "counter", std::to_string(n + 1));
        });
    });
  for (auto& t : threads) t.join();
  auto lease = db_->acquire();
  EXPECT_EQ(store::settings::get(*lease, "counter").value(), std::to_string(kThreads * kEach));
}

TEST_P(DbTest, BadUrlsAreClearErrors) {
  EXPECT_THROW(store::Db::open("postgres://x/y"), store::DbError);
  EXPECT_THROW(store::Db::open("sqlite:/nonexistent-dir/x.db"), store::DbError);
  EXPECT_THROW(store::Db::open("mysql://root@localhost/"), store::DbError);
}

INSTANTIATE_TEST_SUITE_P(Backends, DbTest, ::testing::Values(Backend::Sqlite, Backend::Mysql),
                         chancery::testing::BackendNamer());
