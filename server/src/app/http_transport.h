#pragma once
// How chancery::signing reaches a TSA, an OCSP responder or a CRL: plain Poco HTTP(S) clients
// with timeouts and a size cap on answers.

#include "chancery/signing/transport.h"

namespace chancery::app {

class HttpTransport : public signing::Transport {
public:
  // Each throws Poco::Exception or std::runtime_error; the library turns that into
  // SigningError(Transport).
  std::string post(const std::string& url, const std::string& contentType,
                   const std::string& body) override;
  std::string get(const std::string& url) override;
};

}  // namespace chancery::app
