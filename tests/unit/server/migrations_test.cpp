// Migration order across branches, on both backends.
#include "store/migrations.h"
#include "test_support.h"

#include <gtest/gtest.h>

using namespace chancery;

// Branches reserve migration numbers and may merge in any order: a database that already ran a
// higher migration still gets a lower one that arrives later.
class MigrationOrder : public ::testing::TestWithParam<chancery::testing::Backend> {};

TEST_P(MigrationOrder, AMissingLowerMigrationIsAppliedAfterAHigherOne) {
  chancery::testing::TempDir dir;
  chancery::testing::TestDatabase database(GetParam(), dir.path());
  auto db = store::Db::open(database.url(), 2);
  EXPECT_EQ(store::migrate(*db, 1), 1);
  {
    // Pretend the highest migration ran before number 2 existed on this branch.
    auto lease = db->acquire();
    auto all = store::migrationsFor(db->dialect());
    lease->execute("INSERT INTO schema_version (version, name, applied_at) VALUES (?, 'later', 0)",
                   {std::int64_t{all.back().version + 1}});
  }
  EXPECT_EQ(store::migrate(*db), static_cast<int>(store::migrationsFor(db->dialect()).size()) - 1);
  auto lease = db->acquire();
  for (const auto& m : store::migrationsFor(db->dialect()))
    EXPECT_TRUE(lease->queryOne("SELECT 1 AS ok FROM schema_version WHERE version = ?",
                                {std::int64_t{m.version}}))
        << m.version << " " << m.name << " was not applied";
  EXPECT_EQ(store::migrate(*db), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, MigrationOrder,
                         ::testing::Values(chancery::testing::Backend::Sqlite,
                                           chancery::testing::Backend::Mysql),
                         chancery::testing::BackendNamer());
