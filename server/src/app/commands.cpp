#include "app/commands.h"

#include <iostream>

#include "chancery/search/version.h"
#include "chancery/signing/version.h"

namespace chancery::app {
namespace {

std::vector<std::string> with(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

const char* kDataHelp =
    "  --data DIR         data directory (default ./data)\n"
    "  --db URL           database: sqlite:PATH (default DIR/chancery.db) or\n"
    "                     mysql://USER:PASS@HOST:PORT/NAME, mysql://USER:PASS@localhost/NAME?socket=PATH\n"
    "  --config FILE      configuration file (.properties, .ini or .json)\n"
    "  --log-level LEVEL  debug, info, warn or error\n";

std::vector<Command> build() {
  std::vector<Command> c;
  c.push_back({{"serve"}, "serve the API and the web client",
               std::string("usage: chancery serve [options]\n\nServes HTTP until SIGTERM or SIGINT, then "
                           "finishes requests in flight and exits.\n\n") +
                   kDataHelp +
                   "  --port N           TCP port (default 8080; 0 picks a free one)\n"
                   "  --host ADDR        address to bind (default 127.0.0.1)\n"
                   "  --web DIR          built web client (default <bin>/../web)\n"
                   "  --tls-cert PEM --tls-key PEM   serve HTTPS\n",
               with(kDataOptions, {"port", "host", "web", "tls-cert", "tls-key"}), {}, cmdServe});
  c.push_back({{"init"}, "create a data directory and database",
               std::string("usage: chancery init [options]\n\nCreates the data directory, applies the "
                           "schema, and creates the user `admin` if there is none.\n\n") +
                   kDataHelp +
                   "  --admin-password PW  password for admin (default: random, printed once)\n",
               with(kDataOptions, {"admin-password"}), {}, cmdInit});
  c.push_back({{"demo"}, "load demo data (demo users, all with password `demo`)",
               std::string("usage: chancery demo [options]\n\nLoads the demo organisation, users, "
                           "meetings and documents, and marks the instance as a demo.\n\n") + kDataHelp,
               kDataOptions, {}, cmdDemo});
  c.push_back({{"user", "add"}, "create a user",
               std::string("usage: chancery user add USERNAME --name FULLNAME [options]\n\n") + kDataHelp +
                   "  --name TEXT        full name (required)\n"
                   "  --roles LIST       comma-separated: admin, clerk, specialist, leader, delegate,\n"
                   "                     chair, secretary\n"
                   "  --password PW      password (or --password-stdin)\n"
                   "  --password-stdin   read the password from the first line of standard input\n"
                   "  --unit CODE        organisational unit code\n"
                   "  --position TEXT    position title (chức vụ)\n"
                   "  --email ADDR       e-mail address\n",
               with(kDataOptions, {"name", "roles", "password", "unit", "position", "email"}),
               {"password-stdin"}, cmdUserAdd});
  c.push_back({{"check"}, "verify every stored file against its hash and every row against its file",
               std::string("usage: chancery check [options]\n\nExits 1 when anything is missing or "
                           "corrupt.\n\n") + kDataHelp,
               kDataOptions, {"json"}, cmdCheck});
  c.push_back({{"audit", "verify"}, "verify the audit chain",
               std::string("usage: chancery audit verify [options]\n\nReports the first edited, "
                           "inserted or deleted entry and exits 1.\n\n") + kDataHelp +
                   "  --json             machine-readable output\n",
               kDataOptions, {"json"}, cmdAuditVerify});
  c.push_back({{"backup"}, "write a consistent backup archive while the server runs",
               std::string("usage: chancery backup [options] OUT.tar\n\n") + kDataHelp,
               kDataOptions, {}, cmdBackup});
  c.push_back({{"restore"}, "restore a backup into an empty data directory",
               std::string("usage: chancery restore [options] IN.tar\n\nThe data directory (and the "
                           "database, with --db) must be empty.\n\n") + kDataHelp,
               kDataOptions, {}, cmdRestore});
  return c;
}

void printOverview() {
  std::cout << "usage: chancery COMMAND [options]   (chancery COMMAND --help for details)\n\n"
               "commands:\n";
  for (const auto& cmd : commands()) {
    std::string name;
    for (const auto& w : cmd.words) name += (name.empty() ? "" : " ") + w;
    std::cout << "  " << name << std::string(name.size() < 16 ? 16 - name.size() : 1, ' ')
              << cmd.summary << "\n";
  }
}

}  // namespace

const std::vector<Command>& commands() {
  static const std::vector<Command> table = build();
  return table;
}

int runCli(const std::vector<std::string>& argv) {
  if (argv.empty() || argv[0] == "--help" || argv[0] == "-h" || argv[0] == "help") {
    printOverview();
    return argv.empty() ? 2 : 0;
  }
  if (argv[0] == "--version" || argv[0] == "version") {
    std::cout << "chancery 0.1.0 (" << signing::libraryVersions() << ", "
              << search::libraryVersions() << ")\n";
    return 0;
  }
  const Command* best = nullptr;
  for (const auto& cmd : commands()) {
    if (argv.size() < cmd.words.size()) continue;
    if (std::equal(cmd.words.begin(), cmd.words.end(), argv.begin()) &&
        (!best || cmd.words.size() > best->words.size()))
      best = &cmd;
  }
  if (!best) {
    std::cerr << "chancery: unknown command '" << argv[0] << "'\n";
    printOverview();
    return 2;
  }
  std::vector<std::string> rest(argv.begin() + static_cast<long>(best->words.size()), argv.end());
  for (const auto& a : rest)
    if (a == "--help" || a == "-h") {
      std::cout << best->help;
      return 0;
    }
  try {
    Args args(rest, best->valued, best->flags);
    return best->run(args);
  } catch (const UsageError& e) {
    std::cerr << "chancery: " << e.what() << "\n\n" << best->help;
    return 2;
  }
}

}  // namespace chancery::app
