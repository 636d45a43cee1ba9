#include "http/errors.h"

#include <Poco/Exception.h>

#include "store/db.h"
#include "util/json_writer.h"
#include "util/log.h"

namespace chancery::http {

using service::ErrorKind;

int statusFor(ErrorKind kind) {
  switch (kind) {
  case ErrorKind::BadRequest: return 400;
  case ErrorKind::Unauthenticated: return 401;
  case ErrorKind::Forbidden: return 403;
  case ErrorKind::NotFound: return 404;
  case ErrorKind::MethodNotAllowed: return 405;
  case ErrorKind::Conflict: return 409;
  case ErrorKind::PayloadTooLarge: return 413;
  case ErrorKind::UnsupportedMediaType: return 415;
  case ErrorKind::Unprocessable: return 422;
  case ErrorKind::TooManyRequests: return 429;
  case ErrorKind::Unavailable: return 503;
  }
  return 500;
}

void sendError(Context& ctx, int status, const std::string& code, const std::string& message,
               const std::string& field) {
  if (ctx.responded()) return;  // too late: the status line is out
  util::JsonWriter w;
  w.beginObject().key("error").beginObject().field("code", code).field("message", message);
  if (!field.empty()) w.field("field", field);
  if (status >= 500) w.field("requestId", ctx.requestId());
  w.endObject().endObject();
  ctx.sendJson(status, w);
}

void sendException(Context& ctx, std::exception_ptr ep) {
  try {
    std::rethrow_exception(ep);
  } catch (const service::Error& e) {
    if (e.retryAfterSeconds) ctx.setHeader("Retry-After", std::to_string(*e.retryAfterSeconds));
    sendError(ctx, statusFor(e.kind()), e.code(), e.what(), e.field());
  } catch (const store::DbError& e) {
    switch (e.kind()) {
    case store::DbError::Kind::Constraint:
      util::logWarn(std::string("constraint: ") + e.what());
      sendError(ctx, 409, "conflict", "the change conflicts with existing data");
      break;
    case store::DbError::Kind::Retryable:
    case store::DbError::Kind::Connection:
      util::logError(std::string("database unavailable: ") + e.what());
      ctx.setHeader("Retry-After", "1");
      sendError(ctx, 503, "unavailable", "the database is busy or unavailable; try again");
      break;
    default:
      util::logError(std::string("database error: ") + e.what());
      sendError(ctx, 500, "internal", "internal error");
    }
  } catch (const Poco::Exception& e) {
    util::logError("unhandled: " + e.displayText());
    sendError(ctx, 500, "internal", "internal error");
  } catch (const std::exception& e) {
    util::logError(std::string("unhandled: ") + e.what());
    sendError(ctx, 500, "internal", "internal error");
  } catch (...) {
    util::logError("unhandled non-standard exception");
    sendError(ctx, 500, "internal", "internal error");
  }
}

}  // namespace chancery::http
