#pragma once
// Command-line arguments of one sub-command: --name VALUE, --name=VALUE, flags, and positional
// arguments. Unknown options are usage errors (exit status 2).

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace chancery::app {

class UsageError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

class Args {
public:
  // valued: options that take a value; flags: options that do not.
  Args(const std::vector<std::string>& argv, const std::vector<std::string>& valued,
       const std::vector<std::string>& flags);

  std::optional<std::string> value(const std::string& name) const;
  std::vector<std::string> values(const std::string& name) const;  // repeatable options
  bool flag(const std::string& name) const;
  const std::vector<std::string>& positionals() const { return positionals_; }
  // Throws UsageError unless there are between min and max positionals.
  void expectPositionals(std::size_t min, std::size_t max, const std::string& what) const;
  // Common options that map onto configuration keys (--data, --db, --config, --port …).
  std::map<std::string, std::string> configOverrides() const;

private:
  std::multimap<std::string, std::string> values_;
  std::vector<std::string> flags_;
  std::vector<std::string> positionals_;
};

}  // namespace chancery::app
