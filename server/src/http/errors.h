#pragma once
// The one place that maps errors to HTTP status codes and writes the error body
// {"error":{"code":"...","message":"...","field":"..."}}.

#include <exception>
#include <string>

#include "http/context.h"
#include "service/errors.h"

namespace chancery::http {

int statusFor(service::ErrorKind kind);
void sendError(Context& ctx, int status, const std::string& code, const std::string& message,
               const std::string& field = {});
// Answers for whatever exception escaped a handler: service::Error with its status,
// DbError constraint → 409, busy → 503, anything else → 500 without internals.
void sendException(Context& ctx, std::exception_ptr e);

}  // namespace chancery::http
