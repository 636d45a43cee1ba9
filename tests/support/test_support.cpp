#include "test_support.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <stdexcept>

#include "util/crypto.h"
#include "util/text.h"

namespace chancery::testing {
namespace fs = std::filesystem;

std::string backendName(Backend b) { return b == Backend::Sqlite ? "sqlite" : "mysql"; }

TempDir::TempDir() {
  path_ = fs::temp_directory_path() / ("chancery-test-" + util::randomToken(9));
  fs::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

fs::path sourceDir() {
  const char* s = std::getenv("CHANCERY_SOURCE_DIR");
  return s ? fs::path(s) : fs::path(CHANCERY_TEST_SOURCE_DIR);
}

fs::path sharedDir() {
  const char* s = std::getenv("CHANCERY_SHARED_DIR");
  fs::path configured = s ? fs::path(s) : sourceDir() / ".." / "shared";
  if (fs::is_directory(configured / "pdfs-vi")) return configured;
  // A git worktree sits deeper than the main checkout (e.g. /work/wt/NAME): look further up.
  for (fs::path dir = sourceDir(); dir.has_parent_path() && dir != dir.parent_path(); dir = dir.parent_path())
    if (fs::is_directory(dir / "shared" / "pdfs-vi")) return dir / "shared";
  return configured;
}

fs::path binDir() {
  const char* s = std::getenv("CHANCERY_BIN");
  return s ? fs::path(s) : fs::path(CHANCERY_TEST_BIN_DIR);
}

int run(const std::string& command, std::string* output) {
  FILE* p = popen((command + " 2>&1").c_str(), "r");
  if (!p) throw std::runtime_error("cannot run " + command);
  std::array<char, 4096> buf{};
  std::string out;
  std::size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  int status = pclose(p);
  if (output) *output = out;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

namespace {
// A MariaDB started for this process when the ctest fixture did not provide one.
struct OwnMariaDb {
  fs::path dir;
  std::string socket;
  OwnMariaDb() {
    dir = fs::temp_directory_path() / ("chancery-mariadb-" + util::randomToken(6));
    std::string out;
    if (run((sourceDir() / "tests/support/mariadb").string() + " start " + dir.string(), &out) != 0)
      throw std::runtime_error("cannot start MariaDB: " + out);
    socket = (dir / "mysqld.sock").string();
  }
  ~OwnMariaDb() { run((sourceDir() / "tests/support/mariadb").string() + " stop " + dir.string()); }
};
}  // namespace

std::string mariadbSocket() {
  if (const char* s = std::getenv("CHANCERY_TEST_MARIADB_SOCKET"); s && fs::exists(s)) return s;
  static std::unique_ptr<OwnMariaDb> own;
  static std::mutex m;
  std::lock_guard lock(m);
  if (!own) own = std::make_unique<OwnMariaDb>();
  return own->socket;
}

TestDatabase::TestDatabase(Backend backend, const fs::path& dir) : backend_(backend) {
  if (backend == Backend::Sqlite) {
    url_ = "sqlite:" + (dir / "test.db").string();
    return;
  }
  std::string socket = mariadbSocket();
  schema_ = "t_" + util::toHex(util::randomToken(6));
  auto admin = store::Db::open("mysql://root@localhost/mysql?socket=" + socket, 1);
  admin->acquire()->executeScript("CREATE DATABASE " + schema_ +
                                  " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
  url_ = "mysql://root@localhost/" + schema_ + "?socket=" + socket;
}

TestDatabase::~TestDatabase() {
  if (schema_.empty()) return;
  try {
    auto admin = store::Db::open("mysql://root@localhost/mysql?socket=" + mariadbSocket(), 1);
    admin->acquire()->executeScript("DROP DATABASE IF EXISTS " + schema_);
  } catch (...) {
  }
}

}  // namespace chancery::testing
