#include "util/log.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace chancery::util {
namespace {
std::atomic<LogLevel> gLevel{LogLevel::Info};
std::mutex gMutex;
thread_local std::string tRequestId;
}  // namespace

void setLogLevel(LogLevel level) { gLevel = level; }

std::string isoUtc(std::int64_t millis) {
  std::time_t secs = static_cast<std::time_t>(millis / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[80];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<int>(millis % 1000));
  return buf;
}

void log(LogLevel level, std::string_view message) {
  if (level < gLevel.load()) return;
  static constexpr const char* kNames[] = {"DEBUG", "INFO", "WARN", "ERROR"};
  auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count();
  std::string line = isoUtc(now);
  line += ' ';
  line += kNames[static_cast<int>(level)];
  line += " [";
  line += tRequestId.empty() ? "-" : tRequestId;
  line += "] ";
  line += message;
  line += '\n';
  std::lock_guard lock(gMutex);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

RequestIdScope::RequestIdScope(std::string id) : previous_(std::move(tRequestId)) {
  tRequestId = std::move(id);
}

RequestIdScope::~RequestIdScope() { tRequestId = std::move(previous_); }

const std::string& currentRequestId() { return tRequestId; }

}  // namespace chancery::util
