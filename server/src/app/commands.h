#pragma once
// The `chancery` command line: one table of sub-commands, each with its help text and options.

#include <functional>
#include <string>
#include <vector>

#include "app/args.h"

namespace chancery::app {

struct Command {
  std::vector<std::string> words;  // e.g. {"audit", "verify"}
  std::string summary;
  std::string help;  // usage and options, printed by --help
  std::vector<std::string> valued;
  std::vector<std::string> flags;
  std::function<int(const Args&)> run;  // exit status: 0 ok, 1 failed check, 2 usage/input
};

const std::vector<Command>& commands();
int runCli(const std::vector<std::string>& argv);

// Implemented per command group.
int cmdServe(const Args& a);
int cmdInit(const Args& a);
int cmdDemo(const Args& a);
int cmdUserAdd(const Args& a);
int cmdCheck(const Args& a);
int cmdAuditVerify(const Args& a);
int cmdBackup(const Args& a);
int cmdRestore(const Args& a);

// Options every data-directory command accepts.
inline const std::vector<std::string> kDataOptions = {"data", "db", "config", "log-level"};

}  // namespace chancery::app
