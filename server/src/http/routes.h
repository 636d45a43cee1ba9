#pragma once
// Builds the one route table from the handlers. Every endpoint of the API is listed here, in
// docs/openapi.yaml, and in the authorization tests.

#include <memory>
#include <vector>

#include "http/metrics.h"
#include "http/router.h"
#include "service/services.h"

namespace chancery::http {

class AuthHandler;

struct Handlers;

// Owns the handler objects the routes call into.
class Api {
public:
  Api(service::Services& services, Metrics& metrics);
  ~Api();
  const Router& router() const { return router_; }
  Router& router() { return router_; }
  Authenticator authenticator();

private:
  std::unique_ptr<Handlers> handlers_;
  Router router_;
};

}  // namespace chancery::http
