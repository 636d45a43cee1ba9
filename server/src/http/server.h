#pragma once
// The HTTP server: Poco's HTTPServer with one request handler that gives every request an id,
// routes it through the one route table (or to the web client's files), maps errors, logs one
// line, and counts it in /metrics.

#include <chrono>
#include <memory>
#include <string>

#include "http/context.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/static_files.h"

namespace Poco {
class ThreadPool;
}
namespace Poco::Net {
class HTTPServer;
class HTTPRequestHandler;
class HTTPServerRequest;
}  // namespace Poco::Net

namespace chancery::http {

struct ServerConfig {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 picks a free port (tests)
  int maxThreads = 32;
  int maxQueued = 512;
  Limits limits;
  std::string tlsCertFile;  // PEM; TLS is on when both are set
  std::string tlsKeyFile;
};

// Lets a component (e.g. the live-session WebSocket hub) take over a request before routing.
// Returns nullptr to decline.
using UpgradeHook = std::function<Poco::Net::HTTPRequestHandler*(Poco::Net::HTTPServerRequest&)>;

class HttpServer {
public:
  HttpServer(ServerConfig config, const Router& router, const StaticFiles* files, Metrics& metrics,
             Authenticator auth);
  ~HttpServer();
  void setUpgradeHook(UpgradeHook hook) { upgrade_ = std::move(hook); }
  // Binds and starts serving; throws Poco::Exception when the port is taken.
  void start();
  int port() const;
  bool tls() const { return !config_.tlsCertFile.empty(); }
  // Stops accepting, waits up to `grace` for requests in flight, then closes what is left.
  void stop(std::chrono::milliseconds grace);

  class Handler;

private:
  ServerConfig config_;
  const Router& router_;
  const StaticFiles* files_;
  Metrics& metrics_;
  Authenticator auth_;
  UpgradeHook upgrade_;
  std::unique_ptr<Poco::ThreadPool> pool_;  // outlives server_
  std::unique_ptr<Poco::Net::HTTPServer> server_;
  int boundPort_ = 0;
};

}  // namespace chancery::http
