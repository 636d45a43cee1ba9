#include "app/config.h"

#include <Poco/AutoPtr.h>
#include <Poco/Exception.h>
#include <Poco/Util/IniFileConfiguration.h>
#include <Poco/Util/JSONConfiguration.h>
#include <Poco/Util/LayeredConfiguration.h>
#include <Poco/Util/MapConfiguration.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include <fstream>
#include <stdexcept>

#include "util/text.h"

namespace chancery::app {
namespace {

using Poco::AutoPtr;
using Poco::Util::AbstractConfiguration;

AutoPtr<AbstractConfiguration> openFile(const std::string& path) {
  if (!std::filesystem::is_regular_file(path)) throw std::runtime_error("no such config file: " + path);
  try {
    std::string ext = std::filesystem::path(path).extension().string();
    if (ext == ".ini") return new Poco::Util::IniFileConfiguration(path);
    if (ext == ".json") return new Poco::Util::JSONConfiguration(path);
    return new Poco::Util::PropertyFileConfiguration(path);
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("cannot read config file " + path + ": " + e.displayText());
  }
}

template <class T> T number(AbstractConfiguration& c, const std::string& key, T fallback, T min, T max) {
  if (!c.has(key)) return fallback;
  try {
    auto v = c.getInt64(key);
    if (v < static_cast<Poco::Int64>(min) || v > static_cast<Poco::Int64>(max)) throw Poco::RangeException();
    return static_cast<T>(v);
  } catch (const Poco::Exception&) {
    throw std::runtime_error("config key " + key + " must be a number from " + std::to_string(min) +
                             " to " + std::to_string(max));
  }
}

}  // namespace

std::string Config::effectiveDbUrl() const {
  return dbUrl.empty() ? "sqlite:" + (dataDir / "chancery.db").string() : dbUrl;
}

service::ServiceConfig Config::serviceConfig() const {
  return {dataDir, auth, passwords, documents};
}

Config loadConfig(const std::optional<std::string>& configFile,
                  const std::map<std::string, std::string>& overrides) {
  AutoPtr<Poco::Util::LayeredConfiguration> layers = new Poco::Util::LayeredConfiguration;
  AutoPtr<Poco::Util::MapConfiguration> cli = new Poco::Util::MapConfiguration;
  for (const auto& [k, v] : overrides) cli->setString(k, v);
  layers->add(cli, -100);
  if (configFile) layers->add(openFile(*configFile), 0);
  std::filesystem::path data = layers->getString("data", "data");
  auto dataProps = data / "chancery.properties";
  if (std::filesystem::is_regular_file(dataProps)) layers->add(openFile(dataProps.string()), 100);

  Config c;
  auto& l = *layers;
  c.dataDir = data;
  c.dbUrl = l.getString("db", "");
  c.host = l.getString("http.host", c.host);
  c.port = number<int>(l, "http.port", c.port, 0, 65535);
  c.httpThreads = number<int>(l, "http.threads", c.httpThreads, 2, 1024);
  c.webRoot = l.getString("web.root", "");
  c.tlsCert = l.getString("tls.cert", "");
  c.tlsKey = l.getString("tls.key", "");
  if (c.tlsCert.empty() != c.tlsKey.empty())
    throw std::runtime_error("set both tls.cert and tls.key, or neither");
  c.logLevel = l.getString("log.level", c.logLevel);
  c.dbPool = number<std::size_t>(l, "db.pool", c.dbPool, 1, 512);
  c.limits.maxJsonBytes = number<std::size_t>(l, "http.maxJsonBytes", c.limits.maxJsonBytes, 1024, 64 << 20);
  c.limits.maxUploadBytes = number<std::int64_t>(l, "http.maxUploadBytes", c.limits.maxUploadBytes, 1024, 8LL << 30);
  c.auth.sessionIdleMs = number<std::int64_t>(l, "auth.sessionIdleMinutes", c.auth.sessionIdleMs / 60000, 1, 10080) * 60000;
  c.auth.accountFreeFailures = number<int>(l, "auth.accountFreeFailures", c.auth.accountFreeFailures, 1, 1000);
  c.auth.addressFreeFailures = number<int>(l, "auth.addressFreeFailures", c.auth.addressFreeFailures, 1, 100000);
  for (const auto& net : util::split(l.getString("auth.trustedNetworks", ""), ',')) {
    if (util::trim(net).empty()) continue;
    auto cidr = util::Cidr::parse(net);
    if (!cidr) throw std::runtime_error("auth.trustedNetworks: not a network: " + net);
    c.auth.trustedNetworks.push_back(*cidr);
  }
  c.passwords.memoryKiB = number<unsigned>(l, "auth.argon2MemoryKiB", c.passwords.memoryKiB, 8, 4u << 20);
  c.passwords.timeCost = number<unsigned>(l, "auth.argon2Iterations", c.passwords.timeCost, 1, 100);
  auto& d = c.documents;
  d.organisationName = l.getString("documents.organisationName", "");
  d.organId = l.getString("documents.organId", "");
  d.maxEdxmlBytes = number<std::int64_t>(l, "documents.maxEdxmlBytes", d.maxEdxmlBytes, 1024, 4LL << 30);
  d.maxEdxmlAttachmentBytes =
      number<std::int64_t>(l, "documents.maxEdxmlAttachmentBytes", d.maxEdxmlAttachmentBytes, 1024, 4LL << 30);
  d.reminders.enabled = l.getBool("reminders.enabled", d.reminders.enabled);
  d.reminders.intervalSeconds =
      number<std::int64_t>(l, "reminders.intervalSeconds", d.reminders.intervalSeconds, 1, 86400);
  d.reminders.daysBefore = number<std::int64_t>(l, "reminders.daysBefore", d.reminders.daysBefore, 0, 60);
  d.reminders.baseUrl = l.getString("public.baseUrl", "");
  auto& sg = d.signing;
  sg.keysDir = l.getString("signing.keysDir", "");
  sg.level = l.getString("signing.level", sg.level);
  sg.tsaUrl = l.getString("signing.tsaUrl", "");
  sg.numberField = l.getString("signing.numberField", sg.numberField);
  sg.dateField = l.getString("signing.dateField", sg.dateField);
  for (const auto& anchor : util::split(l.getString("signing.trust", ""), ','))
    if (!util::trim(anchor).empty()) sg.trustAnchors.emplace_back(util::trim(anchor));
  if (sg.level != "B-B" && sg.level != "B-T" && sg.level != "B-LT")
    throw std::runtime_error("signing.level must be B-B, B-T or B-LT");
  if (sg.level != "B-B" && sg.tsaUrl.empty())
    throw std::runtime_error("signing.level " + sg.level + " needs signing.tsaUrl");
  Poco::Util::AbstractConfiguration::Keys names;
  l.keys("signing.key", names);
  for (const auto& name : names) {
    std::string k = "signing.key." + name + ".";
    service::KeySpec spec;
    spec.pkcs12Path = l.getString(k + "pkcs12", "");
    spec.password = l.getString(k + "password", "");
    spec.pkcs11Uri = l.getString(k + "pkcs11Uri", "");
    spec.pkcs11Module = l.getString(k + "pkcs11Module", "");
    spec.pin = l.getString(k + "pin", "");
    spec.chainPemPath = l.getString(k + "chain", "");
    spec.imagePath = l.getString(k + "image", "");
    sg.keys[name] = spec;
  }
  c.mail.host = l.getString("mail.smtp.host", "");
  c.mail.port = number<int>(l, "mail.smtp.port", c.mail.port, 1, 65535);
  c.mail.username = l.getString("mail.smtp.username", "");
  c.mail.password = l.getString("mail.smtp.password", "");
  c.mail.starttls = l.getBool("mail.smtp.starttls", false);
  c.mail.from = l.getString("mail.from", c.mail.from);
  return c;
}

void writeDataConfig(const std::filesystem::path& dataDir, const std::string& dbUrl) {
  auto path = dataDir / "chancery.properties";
  auto tmp = dataDir / "chancery.properties.tmp";
  {
    std::ofstream out(tmp);
    out << "# Written by `chancery init`. Settings for this data directory; see docs/operations.md.\n";
    if (!dbUrl.empty()) out << "db = " << dbUrl << "\n";
    if (!out) throw std::runtime_error("cannot write " + tmp.string());
  }
  std::filesystem::rename(tmp, path);
}

}  // namespace chancery::app
