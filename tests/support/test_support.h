#pragma once
// Shared by the server's tests: temporary directories, a fresh database on either backend
// (SQLite file, or a new schema on the throwaway MariaDB the ctest fixture starts), and the
// paths of the repository and the shared test data.

#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "store/db.h"

namespace chancery::testing {

enum class Backend { Sqlite, Mysql };
std::string backendName(Backend b);
// Names parameterised tests after their backend: Backends/DbTest.X/sqlite.
struct BackendNamer {
  std::string operator()(const ::testing::TestParamInfo<Backend>& p) const { return backendName(p.param); }
};

class TempDir {
public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

private:
  std::filesystem::path path_;
};

// A database URL for a brand-new, empty database. For MySQL it creates a schema on the test
// MariaDB (CHANCERY_TEST_MARIADB_SOCKET, or one started for this process if unset) and drops
// it when the object goes away.
class TestDatabase {
public:
  TestDatabase(Backend backend, const std::filesystem::path& dir);
  ~TestDatabase();
  const std::string& url() const { return url_; }
  Backend backend() const { return backend_; }

private:
  Backend backend_;
  std::string url_;
  std::string schema_;
};

std::string mariadbSocket();
std::filesystem::path sourceDir();
std::filesystem::path sharedDir();
std::filesystem::path binDir();
// Runs a shell command, returns its exit status; output goes to *output when given.
int run(const std::string& command, std::string* output = nullptr);

}  // namespace chancery::testing
