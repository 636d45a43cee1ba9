#include "http/server.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>

#include <thread>

#include "http/errors.h"
#include "util/crypto.h"
#include "util/log.h"
#include "util/text.h"

namespace chancery::http {
namespace {

bool acceptableRequestId(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  return true;
}

constexpr std::uint64_t kDrainLimit = 32ULL << 20;

bool drainBody(Poco::Net::HTTPServerRequest& req, std::uint64_t limit) {
  if (!req.hasContentLength() && !req.getChunkedTransferEncoding()) return true;
  try {
    std::istream& in = req.stream();
    char buf[65536];
    std::uint64_t total = 0;
    while (in.read(buf, sizeof buf) || in.gcount() > 0) {
      total += static_cast<std::uint64_t>(in.gcount());
      if (total > limit) return false;
    }
    return !in.bad();
  } catch (const std::exception&) {
    return false;
  }
}

bool routedPath(const std::string& path) {
  return util::startsWith(path, "/api/") || util::startsWith(path, "/oparl/") ||
         path == "/healthz" || path == "/metrics" || path == "/api" || path == "/oparl";
}

}  // namespace

class HttpServer::Handler final : public Poco::Net::HTTPRequestHandler {
public:
  explicit Handler(HttpServer& server) : server_(server) {}

  void handleRequest(Poco::Net::HTTPServerRequest& req, Poco::Net::HTTPServerResponse& res) override {
    auto started = std::chrono::steady_clock::now();
    std::string id = req.get("X-Request-Id", "");
    if (!acceptableRequestId(id)) id = util::randomToken(12);
    util::RequestIdScope scope(id);
    res.set("X-Request-Id", id);
    Context ctx(req, res, server_.config_.limits, id, server_.auth_, server_.tls());
    try {
      if (ctx.badUri()) {
        throw service::Error(service::ErrorKind::BadRequest, "bad_uri",
                             "the request path is not valid percent-encoded UTF-8");
      }
      const std::string& path = ctx.path();
      if (routedPath(path) || server_.router_.matchesPath(path)) {
        res.set("X-Content-Type-Options", "nosniff");
        res.set("Cache-Control", "no-store");
        server_.router_.dispatch(ctx);
      } else if (!server_.files_ || !server_.files_->serve(ctx)) {
        throw service::Error(service::ErrorKind::NotFound, "not_found", "no such page: " + path);
      }
      if (!ctx.responded()) throw std::logic_error("handler sent no response");
    } catch (...) {
      // Read what is left of the body so the client, still sending, sees our answer; past a
      // bound, close the connection instead (unread bytes would be taken for a request).
      if (!drainBody(req, kDrainLimit)) res.setKeepAlive(false);
      sendException(ctx, std::current_exception());
    }
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    server_.metrics_.observeRequest(req.getMethod(), ctx.status(), secs);
    char ms[32];
    std::snprintf(ms, sizeof ms, "%.1fms", secs * 1000);
    const service::Principal* who = ctx.resolvedPrincipal();
    util::logInfo(req.getMethod() + " " + util::truncateUtf8(ctx.path(), 200) + " " +
                  std::to_string(ctx.status()) + " " + ms + " " + ctx.clientAddr() +
                  (who ? " " + who->username : std::string()));
  }

private:
  HttpServer& server_;
};

namespace {
class Factory final : public Poco::Net::HTTPRequestHandlerFactory {
public:
  explicit Factory(HttpServer& server, const UpgradeHook& hook) : server_(server), hook_(hook) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& req) override {
    if (hook_) {
      if (auto* h = hook_(const_cast<Poco::Net::HTTPServerRequest&>(req))) return h;
    }
    return new HttpServer::Handler(server_);
  }

private:
  HttpServer& server_;
  const UpgradeHook& hook_;
};
}  // namespace

HttpServer::HttpServer(ServerConfig config, const Router& router, const StaticFiles* files,
                       Metrics& metrics, Authenticator auth)
    : config_(std::move(config)), router_(router), files_(files), metrics_(metrics),
      auth_(std::move(auth)) {}

HttpServer::~HttpServer() {
  if (server_) server_->stopAll(true);
}

void HttpServer::start() {
  Poco::Net::SocketAddress addr(config_.host, static_cast<Poco::UInt16>(config_.port));
  std::unique_ptr<Poco::Net::ServerSocket> socket;
  if (tls()) {
    Poco::Net::Context::Ptr tlsContext = new Poco::Net::Context(
        Poco::Net::Context::TLS_SERVER_USE, config_.tlsKeyFile, config_.tlsCertFile, "",
        Poco::Net::Context::VERIFY_NONE);
    tlsContext->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
                                 Poco::Net::Context::PROTO_TLSV1 | Poco::Net::Context::PROTO_TLSV1_1);
    socket = std::make_unique<Poco::Net::SecureServerSocket>(addr, 128, tlsContext);
  } else {
    socket = std::make_unique<Poco::Net::ServerSocket>(addr, 128);
  }
  boundPort_ = socket->address().port();
  auto* params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(config_.maxThreads);
  params->setMaxQueued(config_.maxQueued);
  params->setKeepAlive(true);
  params->setMaxKeepAliveRequests(1000);
  // Short: an idle keep-alive connection holds a pool thread while it waits.
  params->setKeepAliveTimeout(Poco::Timespan(5, 0));
  params->setTimeout(Poco::Timespan(60, 0));
  params->setServerName("Chancery");
  auto* pool = new Poco::ThreadPool(2, config_.maxThreads + 4, 60, 256 * 1024);
  pool_.reset(pool);
  server_ = std::make_unique<Poco::Net::HTTPServer>(new Factory(*this, upgrade_), *pool, *socket, params);
  server_->start();
}

int HttpServer::port() const { return boundPort_; }

void HttpServer::stop(std::chrono::milliseconds grace) {
  if (!server_) return;
  server_->stop();
  auto deadline = std::chrono::steady_clock::now() + grace;
  while (server_->currentConnections() > 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  server_->stopAll(true);
  server_.reset();
}

}  // namespace chancery::http
