// serve, init, demo, user add, check, audit verify, backup, restore.
#include <csignal>
#include <fstream>
#include <iostream>

#include "app/commands.h"
#include "app/demo.h"
#include "app/runtime.h"
#include "service/audit.h"
#include "service/backup.h"
#include "service/check.h"
#include "store/settings_store.h"
#include "store/user_store.h"
#include "util/crypto.h"
#include "util/json_writer.h"
#include "util/log.h"
#include "util/text.h"

namespace chancery::app {
namespace {

Config configFrom(const Args& a) {
  Config c = loadConfig(a.value("config"), a.configOverrides());
  if (c.logLevel == "debug") util::setLogLevel(util::LogLevel::Debug);
  else if (c.logLevel == "warn") util::setLogLevel(util::LogLevel::Warn);
  else if (c.logLevel == "error") util::setLogLevel(util::LogLevel::Error);
  return c;
}

// Runs fn and turns failures into a message and exit status 1.
template <class F> int guarded(F&& fn) {
  try {
    return fn();
  } catch (const UsageError&) {
    throw;
  } catch (const std::exception& e) {
    std::cerr << "chancery: " << e.what() << "\n";
    return 1;
  }
}

}  // namespace

int cmdServe(const Args& a) {
  a.expectPositionals(0, 0, "");
  // Block the stop signals before any thread starts so only sigwait below receives them.
  sigset_t stopSignals;
  sigemptyset(&stopSignals);
  sigaddset(&stopSignals, SIGINT);
  sigaddset(&stopSignals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
  return guarded([&] {
    Runtime rt(configFrom(a));
    rt.startHttp();
    std::string scheme = rt.config().tlsCert.empty() ? "http" : "https";
    util::logInfo("Chancery serving " + scheme + "://" + rt.config().host + ":" +
                  std::to_string(rt.port()) + "/ with " + rt.db().displayUrl());
    int sig = 0;
    sigwait(&stopSignals, &sig);
    util::logInfo(std::string("received ") + (sig == SIGTERM ? "SIGTERM" : "SIGINT") +
                  "; finishing requests in flight");
    rt.stopHttp();
    util::logInfo("stopped");
    return 0;
  });
}

int cmdInit(const Args& a) {
  a.expectPositionals(0, 0, "");
  return guarded([&] {
    Config cfg = configFrom(a);
    std::filesystem::create_directories(cfg.dataDir);
    if (a.value("db")) writeDataConfig(cfg.dataDir, *a.value("db"));
    Runtime rt(cfg);
    auto lease = rt.db().acquire();
    if (store::users::count(*lease) > 0) {
      std::cout << "data directory " << cfg.dataDir.string() << " is ready (" << rt.db().displayUrl() << ")\n";
      return 0;
    }
    std::string password = a.value("admin-password").value_or(util::randomToken(12));
    service::NewUser admin{"admin", "Quản trị hệ thống", password, {"admin"}, "Quản trị viên", std::nullopt, std::nullopt};
    rt.services().users.create(nullptr, admin);
    std::cout << "created " << cfg.dataDir.string() << " (" << rt.db().displayUrl() << ")\n";
    if (!a.value("admin-password")) std::cout << "admin password: " << password << "\n";
    return 0;
  });
}

int cmdDemo(const Args& a) {
  a.expectPositionals(0, 0, "");
  return guarded([&] {
    Runtime rt(configFrom(a));
    auto summary = loadDemo(rt);
    std::cout << summary << "\n";
    return 0;
  });
}

int cmdUserAdd(const Args& a) {
  a.expectPositionals(1, 1, "USERNAME");
  auto name = a.value("name");
  if (!name) throw UsageError("--name is required");
  std::string password;
  if (a.flag("password-stdin")) std::getline(std::cin, password);
  else if (auto p = a.value("password")) password = *p;
  else throw UsageError("give --password or --password-stdin");
  return guarded([&] {
    Runtime rt(configFrom(a));
    service::NewUser u;
    u.username = a.positionals()[0];
    u.fullName = *name;
    u.password = password;
    if (auto roles = a.value("roles"))
      for (auto& r : util::split(*roles, ',')) if (!r.empty()) u.roles.push_back(r);
    u.position = a.value("position").value_or("");
    u.email = a.value("email");
    if (auto code = a.value("unit")) {
      auto lease = rt.db().acquire();
      auto unit = store::units::findByCode(*lease, *code);
      if (!unit) throw std::runtime_error("no unit with code " + *code);
      u.unitId = unit->id;
    }
    auto created = rt.services().users.create(nullptr, u);
    std::cout << "created user " << created.username << " (id " << created.id << ")\n";
    return 0;
  });
}

int cmdCheck(const Args& a) {
  a.expectPositionals(0, 0, "");
  return guarded([&] {
    Runtime rt(configFrom(a), false);
    auto r = service::checkStorage(rt.db(), rt.services().blobs);
    for (const auto& w : r.warnings) std::cout << "warning: " << w << "\n";
    for (const auto& e : r.errors) std::cout << "ERROR: " << e << "\n";
    std::cout << (r.ok() ? "check passed: " : "check FAILED: ") << r.blobsChecked << " blobs, "
              << r.filesChecked << " files, " << r.errors.size() << " errors, "
              << r.warnings.size() << " warnings\n";
    return r.ok() ? 0 : 1;
  });
}

int cmdAuditVerify(const Args& a) {
  a.expectPositionals(0, 0, "");
  return guarded([&] {
    Runtime rt(configFrom(a), false);
    auto r = service::AuditLog::verify(rt.db());
    if (a.flag("json")) {
      util::JsonWriter w;
      w.beginObject().field("ok", r.ok).field("checked", r.checked).field("headSeq", r.headSeq)
          .field("headHash", r.headHash).field("firstBadSeq", r.firstBadSeq)
          .field("problem", r.problem).endObject();
      std::cout << w.str() << "\n";
    } else if (r.ok) {
      std::cout << "audit chain OK: " << r.checked << " entries, head #" << r.headSeq << " "
                << r.headHash << "\n";
    } else {
      std::cout << "audit chain BROKEN at entry " << r.firstBadSeq.value_or(0) << ": " << r.problem << "\n";
    }
    return r.ok ? 0 : 1;
  });
}

int cmdBackup(const Args& a) {
  a.expectPositionals(1, 1, "OUT.tar");
  return guarded([&] {
    Runtime rt(configFrom(a), false);
    std::filesystem::path out = a.positionals()[0];
    auto tmp = out;
    tmp += ".partial";
    service::BackupSummary s;
    try {
      std::ofstream f(tmp, std::ios::binary | std::ios::trunc);
      if (!f) throw std::runtime_error("cannot write " + tmp.string());
      s = service::writeBackup(rt.db(), rt.services().blobs, f);
      f.close();
      if (!f) throw std::runtime_error("cannot write " + tmp.string());
      std::filesystem::rename(tmp, out);
    } catch (...) {
      std::filesystem::remove(tmp);
      throw;
    }
    std::cout << "backup written to " << out.string() << ": schema " << s.schemaVersion << ", "
              << s.tables << " tables, " << s.rows << " rows, " << s.blobs << " blobs ("
              << s.blobBytes << " bytes)\n";
    return 0;
  });
}

int cmdRestore(const Args& a) {
  a.expectPositionals(1, 1, "IN.tar");
  return guarded([&] {
    Config cfg = configFrom(a);
    std::ifstream in(a.positionals()[0], std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + a.positionals()[0]);
    bool created = !std::filesystem::exists(cfg.dataDir);
    if (!created && !std::filesystem::is_empty(cfg.dataDir))
      throw std::runtime_error("data directory " + cfg.dataDir.string() + " is not empty");
    try {
      std::filesystem::create_directories(cfg.dataDir);
      if (a.value("db")) writeDataConfig(cfg.dataDir, *a.value("db"));
      auto db = store::Db::open(cfg.effectiveDbUrl(), 4);
      service::BlobStore blobs(cfg.dataDir / "blobs");
      auto s = service::restoreBackup(*db, blobs, in);
      std::cout << "restored into " << cfg.dataDir.string() << ": schema " << s.schemaVersion
                << ", " << s.rows << " rows, " << s.blobs << " blobs\n";
    } catch (...) {
      // Leave nothing half-written behind.
      if (created) std::filesystem::remove_all(cfg.dataDir);
      else for (const auto& e : std::filesystem::directory_iterator(cfg.dataDir)) std::filesystem::remove_all(e);
      throw;
    }
    return 0;
  });
}

}  // namespace chancery::app
