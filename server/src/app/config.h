#pragma once
// Configuration, from lowest to highest precedence: built-in defaults, DATA/chancery.properties
// (written by `chancery init`), the file given with --config (.properties, .ini or .json), and
// command-line options. Keys are documented in docs/operations.md.

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "http/context.h"
#include "service/services.h"

namespace chancery::app {

// Outgoing mail (reminders). An empty host turns mail off.
struct MailConfig {
  std::string host;
  int port = 25;
  std::string username, password;
  bool starttls = false;
  std::string from = "chancery@localhost";
};

struct Config {
  std::filesystem::path dataDir = "data";
  std::string dbUrl;  // empty: sqlite:<dataDir>/chancery.db
  std::string host = "127.0.0.1";
  int port = 8080;
  int httpThreads = 32;
  std::filesystem::path webRoot;  // empty: <executable dir>/../web
  std::string tlsCert;
  std::string tlsKey;
  std::string logLevel = "info";
  std::size_t dbPool = 16;
  http::Limits limits;
  service::AuthConfig auth;
  service::PasswordPolicy passwords;
  service::DocumentsConfig documents;
  MailConfig mail;

  std::string effectiveDbUrl() const;
  service::ServiceConfig serviceConfig() const;
};

// Throws std::runtime_error naming the key or file that is wrong.
Config loadConfig(const std::optional<std::string>& configFile,
                  const std::map<std::string, std::string>& overrides);

// Writes DATA/chancery.properties with the database URL so later commands need only --data.
void writeDataConfig(const std::filesystem::path& dataDir, const std::string& dbUrl);

}  // namespace chancery::app
