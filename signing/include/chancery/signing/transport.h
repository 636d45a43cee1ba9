#pragma once
// How the library reaches a TSA, an OCSP responder or a CRL distribution point: the caller
// implements this (the server with Poco's HTTP client). The library itself opens no sockets.
#include <string>

namespace chancery::signing {

class Transport {
 public:
  virtual ~Transport() = default;
  // Returns the response body of an HTTP POST. Throws anything on failure; the library turns it
  // into SigningError(Transport).
  virtual std::string post(const std::string& url, const std::string& contentType,
                           const std::string& body) = 0;
  // Returns the response body of an HTTP GET (CRLs, AIA certificates).
  virtual std::string get(const std::string& url) = 0;
};

}  // namespace chancery::signing
