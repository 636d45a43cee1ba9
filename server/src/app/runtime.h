#pragma once
// A running instance: the database (migrated), the services, and on demand the HTTP server.
// `chancery serve` and the integration tests build one the same way.

#include <memory>

#include "app/config.h"
#include "http/metrics.h"
#include "http/routes.h"
#include "http/server.h"
#include "http/static_files.h"
#include "service/services.h"
#include "store/db.h"

namespace chancery::app {

class Runtime {
public:
  // Opens the database and, unless migrate is false (read-only commands such as check),
  // applies migrations. Throws store::DbError or std::runtime_error.
  explicit Runtime(const Config& config, bool migrate = true);
  ~Runtime();

  store::Db& db() { return *db_; }
  service::Services& services() { return *services_; }
  const Config& config() const { return config_; }
  http::Metrics& metrics() { return metrics_; }
  http::Api& api() { return *api_; }

  // Binds and serves; with config.port 0 a free port is chosen.
  void startHttp();
  int port() const;
  void stopHttp();

private:
  Config config_;
  std::unique_ptr<store::Db> db_;
  std::unique_ptr<service::Services> services_;
  http::Metrics metrics_;
  std::unique_ptr<http::Api> api_;
  std::unique_ptr<http::StaticFiles> files_;
  std::unique_ptr<http::HttpServer> http_;
};

// <directory of the running executable>/../web, where the build puts the web client.
std::filesystem::path defaultWebRoot();

}  // namespace chancery::app
