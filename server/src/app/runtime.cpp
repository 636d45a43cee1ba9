#include "app/runtime.h"

#include <Poco/Net/SSLManager.h>

#include <unistd.h>

#include "app/http_transport.h"
#include "app/smtp_mailer.h"
#include "store/migrations.h"
#include "util/log.h"

namespace chancery::app {

std::filesystem::path defaultWebRoot() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return "web";
  return exe.parent_path().parent_path() / "web";
}

Runtime::Runtime(const Config& config, bool migrate) : config_(config) {
  // Read-only commands must not create an empty instance where none was.
  if (!migrate && !std::filesystem::is_directory(config_.dataDir))
    throw std::runtime_error("no data directory " + config_.dataDir.string());
  if (!migrate && config_.dbUrl.empty() &&
      !std::filesystem::exists(config_.dataDir / "chancery.db"))
    throw std::runtime_error("no database in " + config_.dataDir.string() + "; run `chancery init`");
  std::filesystem::create_directories(config_.dataDir);
  db_ = store::Db::open(config_.effectiveDbUrl(), config_.dbPool);
  if (migrate) {
    int applied = store::migrate(*db_);
    if (applied > 0) util::logInfo("applied " + std::to_string(applied) + " migration(s)");
  } else if (store::schemaVersion(*db_) == 0) {
    throw std::runtime_error("no Chancery database at " + db_->displayUrl() + "; run `chancery init`");
  }
  auto serviceConfig = config_.serviceConfig();
  serviceConfig.documents.signing.transport = std::make_shared<HttpTransport>();
  services_ = std::make_unique<service::Services>(*db_, serviceConfig);
  api_ = std::make_unique<http::Api>(*services_, metrics_);
}

Runtime::~Runtime() { stopHttp(); }

void Runtime::startHttp() {
  auto root = config_.webRoot.empty() ? defaultWebRoot() : config_.webRoot;
  if (!std::filesystem::is_regular_file(root / "index.html"))
    util::logWarn("no web client at " + root.string() + "; serving the API only");
  files_ = std::make_unique<http::StaticFiles>(root);
  http::ServerConfig sc;
  sc.host = config_.host;
  sc.port = config_.port;
  sc.maxThreads = config_.httpThreads;
  sc.limits = config_.limits;
  sc.tlsCertFile = config_.tlsCert;
  sc.tlsKeyFile = config_.tlsKey;
  if (!sc.tlsCertFile.empty()) Poco::Net::initializeSSL();
  http_ = std::make_unique<http::HttpServer>(sc, api_->router(), files_.get(), metrics_, api_->authenticator());
  http_->start();
  // Reminder mails run while the server serves; without an SMTP host there are none.
  if (!config_.mail.host.empty()) {
    services_->reminders.setMailer(std::make_shared<SmtpMailer>(config_.mail));
    services_->reminders.start();
  } else if (config_.documents.reminders.enabled) {
    util::logInfo("reminders: no mail.smtp.host configured; deadline reminders are not mailed");
  }
}

int Runtime::port() const { return http_ ? http_->port() : 0; }

void Runtime::stopHttp() {
  if (services_) services_->reminders.stop();
  if (http_) {
    http_->stop(std::chrono::seconds(10));
    http_.reset();
  }
}

}  // namespace chancery::app
