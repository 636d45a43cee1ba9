#include "app/http_transport.h"

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/URI.h>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace chancery::app {
namespace {

constexpr std::size_t kMaxAnswer = 16u << 20;  // CRLs can be large; nothing legitimate is bigger

// A client context that verifies servers against the system's CA certificates.
Poco::Net::Context::Ptr clientContext() {
  static std::once_flag once;
  static Poco::Net::Context::Ptr context;
  std::call_once(once, [] {
    Poco::Net::initializeSSL();
    context = new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "/etc/ssl/certs",
                                     Poco::Net::Context::VERIFY_RELAXED);
  });
  return context;
}

std::string exchange(const std::string& method, const std::string& url,
                     const std::string& contentType, const std::string& body) {
  Poco::URI uri(url);
  std::unique_ptr<Poco::Net::HTTPClientSession> session;
  if (uri.getScheme() == "https")
    session = std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(),
                                                              clientContext());
  else if (uri.getScheme() == "http")
    session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
  else
    throw std::runtime_error("unsupported URL scheme in " + url);
  session->setTimeout(Poco::Timespan(20, 0));
  Poco::Net::HTTPRequest req(method, uri.getPathAndQuery().empty() ? "/" : uri.getPathAndQuery(),
                             Poco::Net::HTTPMessage::HTTP_1_1);
  if (!contentType.empty()) req.setContentType(contentType);
  req.setContentLength64(static_cast<Poco::UInt64>(body.size()));
  session->sendRequest(req) << body;
  Poco::Net::HTTPResponse res;
  std::istream& in = session->receiveResponse(res);
  if (res.getStatus() != Poco::Net::HTTPResponse::HTTP_OK)
    throw std::runtime_error(url + " answered " + std::to_string(res.getStatus()));
  std::string out;
  char buf[16384];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    out.append(buf, static_cast<std::size_t>(in.gcount()));
    if (out.size() > kMaxAnswer) throw std::runtime_error(url + " answered more than 16 MiB");
  }
  return out;
}

}  // namespace

std::string HttpTransport::post(const std::string& url, const std::string& contentType,
                                const std::string& body) {
  return exchange("POST", url, contentType, body);
}

std::string HttpTransport::get(const std::string& url) {
  return exchange("GET", url, "", "");
}

}  // namespace chancery::app
