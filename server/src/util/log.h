#pragma once
// Logging: one line per event on stderr, "TIME LEVEL [request-id] message". The request id is
// thread-local and set by the HTTP layer for the duration of a request, so every line written
// while serving a request carries it.

#include <cstdint>
#include <string>
#include <string_view>

namespace chancery::util {

enum class LogLevel { Debug, Info, Warn, Error };

void setLogLevel(LogLevel level);
void log(LogLevel level, std::string_view message);
inline void logInfo(std::string_view m) { log(LogLevel::Info, m); }
inline void logWarn(std::string_view m) { log(LogLevel::Warn, m); }
inline void logError(std::string_view m) { log(LogLevel::Error, m); }
inline void logDebug(std::string_view m) { log(LogLevel::Debug, m); }

// Sets the calling thread's request id until the guard is destroyed.
class RequestIdScope {
public:
  explicit RequestIdScope(std::string id);
  ~RequestIdScope();
  RequestIdScope(const RequestIdScope&) = delete;
  RequestIdScope& operator=(const RequestIdScope&) = delete;

private:
  std::string previous_;
};
const std::string& currentRequestId();

// ISO 8601 UTC with milliseconds, e.g. 2026-11-22T03:04:05.123Z.
std::string isoUtc(std::int64_t millis);

}  // namespace chancery::util
