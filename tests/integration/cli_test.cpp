// The `chancery` executable: init, demo, check, audit verify, user add, backup while the server
// runs and restore into an empty directory (compared through the API), graceful SIGTERM, and
// exit statuses for usage errors.
#include <gtest/gtest.h>

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <csignal>
#include <fstream>
#include <sstream>
#include <thread>

#include "service/blob_store.h"
#include "store/db.h"
#include "test_server.h"

using namespace chancery;
using chancery::testing::Backend;
using chancery::testing::TempDir;

namespace {

std::string bin() { return (chancery::testing::binDir() / "chancery").string(); }

int cli(const std::string& args, std::string* out = nullptr) {
  return chancery::testing::run(bin() + " " + args, out);
}

// `chancery serve` as a child process on a free port.
class ServerProcess {
public:
  explicit ServerProcess(const std::string& dataDir) {
    Poco::Process::Args args{"serve", "--data", dataDir, "--port", "0", "--web", dataDir + "/no-web"};
    handle_ = std::make_unique<Poco::ProcessHandle>(Poco::Process::launch(bin(), args, nullptr, nullptr, &err_));
    stream_ = std::make_unique<Poco::PipeInputStream>(err_);
    std::string line;
    while (std::getline(*stream_, line)) {
      log_ += line + "\n";
      auto pos = line.find("serving http://127.0.0.1:");
      if (pos != std::string::npos) {
        port_ = std::stoi(line.substr(pos + 25));
        break;
      }
    }
    // Keep draining the log so the child never blocks on a full pipe.
    drainer_ = std::thread([this] {
      std::string l;
      while (std::getline(*stream_, l)) {
        std::lock_guard lock(m_);
        log_ += l + "\n";
      }
    });
  }
  ~ServerProcess() {
    if (handle_ && running_) {
      ::kill(handle_->id(), SIGKILL);
      handle_->wait();
    }
    if (drainer_.joinable()) drainer_.join();
  }
  int port() const { return port_; }
  chancery::testing::HttpClient client() const { return {"127.0.0.1", port_}; }
  int terminate() {
    ::kill(handle_->id(), SIGTERM);
    int rc = handle_->wait();
    running_ = false;
    return rc;
  }
  std::string log() {
    std::lock_guard lock(m_);
    return log_;
  }

private:
  Poco::Pipe err_;
  std::unique_ptr<Poco::ProcessHandle> handle_;
  std::unique_ptr<Poco::PipeInputStream> stream_;
  std::thread drainer_;
  std::mutex m_;
  std::string log_;
  int port_ = 0;
  bool running_ = true;
};

std::string readFile(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

class Cli : public ::testing::TestWithParam<Backend> {
protected:
  void SetUp() override {
    db_ = std::make_unique<chancery::testing::TestDatabase>(GetParam(), dir_.path());
    data_ = (dir_.path() / "data").string();
    std::string out;
    std::string dbArg = GetParam() == Backend::Mysql ? " --db '" + db_->url() + "'" : "";
    ASSERT_EQ(cli("init --data " + data_ + dbArg, &out), 0) << out;
    ASSERT_EQ(cli("demo --data " + data_, &out), 0) << out;
  }
  TempDir dir_;
  std::unique_ptr<chancery::testing::TestDatabase> db_;
  std::string data_;
};

TEST_P(Cli, DemoDataPassesCheckAndAuditVerify) {
  std::string out;
  EXPECT_EQ(cli("check --data " + data_, &out), 0) << out;
  EXPECT_NE(out.find("check passed"), std::string::npos);
  EXPECT_EQ(cli("audit verify --data " + data_, &out), 0) << out;
  EXPECT_NE(out.find("audit chain OK"), std::string::npos);
  EXPECT_EQ(cli("demo --data " + data_, &out), 0);  // a second load changes nothing
  EXPECT_NE(out.find("already loaded"), std::string::npos);
}

TEST_P(Cli, AuditVerifyNamesTheTamperedEntry) {
  {
    auto db = store::Db::open(GetParam() == Backend::Mysql ? db_->url() : "sqlite:" + data_ + "/chancery.db", 1);
    db->acquire()->execute("UPDATE audit_log SET actor = 'someone else' WHERE seq = 7");
  }
  std::string out;
  EXPECT_EQ(cli("audit verify --data " + data_, &out), 1);
  EXPECT_NE(out.find("entry 7"), std::string::npos) << out;
  EXPECT_EQ(cli("audit verify --json --data " + data_, &out), 1);
  EXPECT_NE(out.find("\"firstBadSeq\":7"), std::string::npos) << out;
}

TEST_P(Cli, CheckFailsOnACorruptBlob) {
  ServerProcess server(data_);
  auto c = server.client();
  ASSERT_EQ(c.login("vanthu").status, 200);
  auto up = c.request("POST", "/api/v1/files?name=a.pdf", "%PDF-1.4 nội dung", "application/pdf");
  ASSERT_EQ(up.status, 201);
  std::string sha = up.json()->getValue<std::string>("sha256");
  EXPECT_EQ(server.terminate(), 0);
  service::BlobStore blobs(data_ + "/blobs");
  std::ofstream(blobs.pathOf(sha), std::ios::trunc) << "%PDF-1.4 altered";
  std::string out;
  EXPECT_EQ(cli("check --data " + data_, &out), 1);
  EXPECT_NE(out.find("corrupt"), std::string::npos) << out;
}

TEST_P(Cli, BackupWhileServingAndRestoreGiveTheSameContent) {
  ServerProcess server(data_);
  auto c = server.client();
  ASSERT_EQ(c.login("vanthu").status, 200);
  std::string pdf = readFile(chancery::testing::sharedDir() / "pdfs-vi/02-nghi-quyet-HDTP-6-trang.pdf");
  auto up = c.request("POST", "/api/v1/files?name=ngh%E1%BB%8B%20quy%E1%BA%BFt.pdf", pdf, "application/pdf");
  ASSERT_EQ(up.status, 201) << up.body;
  std::string fileId = std::to_string(up.json()->getValue<int>("id"));

  // Uploads keep coming while the backup runs.
  std::atomic<bool> stop{false};
  std::thread traffic([&] {
    auto t = server.client();
    t.login("chuyenvien");
    for (int i = 0; !stop; ++i) t.request("POST", "/api/v1/files?name=t.pdf", "%PDF-1.4 " + std::to_string(i), "application/pdf");
  });
  std::string archive = (dir_.path() / "backup.tar").string(), out;
  int rc = cli("backup --data " + data_ + " " + archive, &out);
  stop = true;
  traffic.join();
  ASSERT_EQ(rc, 0) << out;
  EXPECT_FALSE(std::filesystem::exists(archive + ".partial"));

  std::string restored = (dir_.path() / "restored").string();
  ASSERT_EQ(cli("restore --data " + restored + " " + archive, &out), 0) << out;  // onto SQLite
  EXPECT_EQ(cli("check --data " + restored, &out), 0) << out;
  EXPECT_EQ(cli("audit verify --data " + restored, &out), 0) << out;

  ServerProcess copy(restored);
  auto r = copy.client();
  ASSERT_EQ(r.login("vanthu").status, 200);
  auto a = c.get("/api/v1/files/" + fileId + "/content");
  auto b = r.get("/api/v1/files/" + fileId + "/content");
  EXPECT_EQ(b.status, 200);
  EXPECT_EQ(a.body, b.body);
  ASSERT_EQ(c.login("admin").status, 200);
  ASSERT_EQ(r.login("admin").status, 200);
  EXPECT_EQ(c.get("/api/v1/users").body, r.get("/api/v1/users").body);
  EXPECT_EQ(c.get("/api/v1/units").body, r.get("/api/v1/units").body);
  EXPECT_EQ(copy.terminate(), 0);
  EXPECT_EQ(server.terminate(), 0);
}

TEST_P(Cli, RestoreRefusesANonEmptyDirectoryAndADamagedArchive) {
  std::string archive = (dir_.path() / "b.tar").string(), out;
  ASSERT_EQ(cli("backup --data " + data_ + " " + archive, &out), 0) << out;
  EXPECT_EQ(cli("restore --data " + data_ + " " + archive, &out), 1);
  EXPECT_NE(out.find("not empty"), std::string::npos) << out;
  std::string bytes = readFile(archive);
  std::ofstream(archive, std::ios::binary | std::ios::trunc) << bytes.substr(0, bytes.size() / 2);
  std::string target = (dir_.path() / "t").string();
  EXPECT_EQ(cli("restore --data " + target + " " + archive, &out), 1);
  EXPECT_FALSE(std::filesystem::exists(target)) << "a failed restore left files behind";
}

TEST_P(Cli, UserAddCreatesAUserWhoCanLogIn) {
  std::string out;
  EXPECT_EQ(cli("user add phovanthu --name 'Đỗ Thị Hà' --roles clerk --unit VP --password 'mật khẩu 123' --data " + data_, &out), 0) << out;
  EXPECT_EQ(cli("user add phovanthu --name X --password 'another-pass' --data " + data_, &out), 1);
  EXPECT_NE(out.find("taken"), std::string::npos) << out;
  EXPECT_EQ(cli("user add y --name X --password 'another-pass' --unit NOPE --data " + data_, &out), 1);
  ServerProcess server(data_);
  auto c = server.client();
  auto login = c.login("phovanthu", "mật khẩu 123");
  ASSERT_EQ(login.status, 200) << login.body;
  EXPECT_EQ(login.json()->getObject("user")->getObject("unit")->getValue<std::string>("code"), "VP");
  EXPECT_EQ(server.terminate(), 0);
  EXPECT_NE(server.log().find("stopped"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, Cli, ::testing::Values(Backend::Sqlite, Backend::Mysql),
                         chancery::testing::BackendNamer());

TEST(CliUsage, ExitStatuses) {
  std::string out;
  EXPECT_EQ(cli("", &out), 2);
  EXPECT_EQ(cli("frobnicate", &out), 2);
  EXPECT_NE(out.find("unknown command"), std::string::npos);
  EXPECT_EQ(cli("check --no-such-option", &out), 2);
  EXPECT_NE(out.find("unknown option --no-such-option"), std::string::npos);
  EXPECT_EQ(cli("serve --port", &out), 2);
  for (const char* c : {"serve", "init", "demo", "user add", "check", "audit verify", "backup", "restore"}) {
    EXPECT_EQ(cli(std::string(c) + " --help", &out), 0) << c;
    EXPECT_NE(out.find("usage: chancery"), std::string::npos) << c;
  }
  EXPECT_EQ(cli("check --data /nonexistent/dir", &out), 1);
  EXPECT_EQ(cli("serve --port 99999 --data /tmp", &out), 1);
  EXPECT_NE(out.find("http.port"), std::string::npos) << out;
}

TEST(CliUsage, ReadOnlyCommandsCreateNothing) {
  TempDir dir;
  std::string missing = (dir.path() / "none").string(), out;
  EXPECT_EQ(cli("check --data " + missing, &out), 1);
  EXPECT_EQ(cli("audit verify --data " + missing, &out), 1);
  EXPECT_EQ(cli("backup --data " + missing + " " + missing + ".tar", &out), 1);
  EXPECT_FALSE(std::filesystem::exists(missing));
  EXPECT_FALSE(std::filesystem::exists(missing + ".tar"));
}
