// chancery — the server and its command line. See `chancery --help`.
#include <csignal>
#include <string>
#include <vector>

#include "app/commands.h"

int main(int argc, char** argv) {
  std::signal(SIGPIPE, SIG_IGN);  // a client hanging up must not kill the server
  std::vector<std::string> args(argv + 1, argv + argc);
  return chancery::app::runCli(args);
}
