#include "app/args.h"

#include <algorithm>

namespace chancery::app {

Args::Args(const std::vector<std::string>& argv, const std::vector<std::string>& valued,
           const std::vector<std::string>& flags) {
  auto isIn = [](const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  };
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& a = argv[i];
    if (a == "--") {
      positionals_.insert(positionals_.end(), argv.begin() + static_cast<long>(i) + 1, argv.end());
      break;
    }
    if (a.size() > 2 && a.compare(0, 2, "--") == 0) {
      std::string name = a.substr(2);
      std::optional<std::string> inlineValue;
      if (auto eq = name.find('='); eq != std::string::npos) {
        inlineValue = name.substr(eq + 1);
        name = name.substr(0, eq);
      }
      if (isIn(valued, name)) {
        if (inlineValue) values_.emplace(name, *inlineValue);
        else if (i + 1 < argv.size()) values_.emplace(name, argv[++i]);
        else throw UsageError("--" + name + " needs a value");
      } else if (isIn(flags, name) && !inlineValue) {
        flags_.push_back(name);
      } else {
        throw UsageError("unknown option --" + name);
      }
    } else {
      positionals_.push_back(a);
    }
  }
}

std::optional<std::string> Args::value(const std::string& name) const {
  auto range = values_.equal_range(name);
  if (range.first == range.second) return std::nullopt;
  return std::prev(range.second)->second;  // the last one wins
}

std::vector<std::string> Args::values(const std::string& name) const {
  std::vector<std::string> out;
  auto range = values_.equal_range(name);
  for (auto it = range.first; it != range.second; ++it) out.push_back(it->second);
  return out;
}

bool Args::flag(const std::string& name) const {
  return std::find(flags_.begin(), flags_.end(), name) != flags_.end();
}

void Args::expectPositionals(std::size_t min, std::size_t max, const std::string& what) const {
  if (positionals_.size() < min) throw UsageError("missing " + what);
  if (positionals_.size() > max) throw UsageError("unexpected argument: " + positionals_[max]);
}

std::map<std::string, std::string> Args::configOverrides() const {
  std::map<std::string, std::string> o;
  static const std::pair<const char*, const char*> kMap[] = {
      {"data", "data"}, {"db", "db"}, {"port", "http.port"}, {"host", "http.host"},
      {"web", "web.root"}, {"tls-cert", "tls.cert"}, {"tls-key", "tls.key"},
      {"log-level", "log.level"}};
  for (const auto& [opt, key] : kMap)
    if (auto v = value(opt)) o[key] = *v;
  return o;
}

}  // namespace chancery::app
