#include <cstdio>
#include <ctime>

#include "appearance.h"

namespace chancery::signing::appearance {
namespace {
std::tm shifted(std::chrono::system_clock::time_point t, int utcOffsetMinutes) {
  std::time_t secs = std::chrono::system_clock::to_time_t(t) + static_cast<std::time_t>(utcOffsetMinutes) * 60;
  std::tm tm{};
  gmtime_r(&secs, &tm);
  return tm;
}
}  // namespace

std::string iso8601(std::chrono::system_clock::time_point t, int utcOffsetMinutes) {
  std::tm tm = shifted(t, utcOffsetMinutes);
  int off = utcOffsetMinutes < 0 ? -utcOffsetMinutes : utcOffsetMinutes;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                utcOffsetMinutes < 0 ? '-' : '+', off / 60, off % 60);
  return buf;
}

std::string pdfDate(std::chrono::system_clock::time_point t, int utcOffsetMinutes) {
  std::tm tm = shifted(t, utcOffsetMinutes);
  int off = utcOffsetMinutes < 0 ? -utcOffsetMinutes : utcOffsetMinutes;
  char buf[64];
  std::snprintf(buf, sizeof buf, "D:%04d%02d%02d%02d%02d%02d%c%02d'%02d'", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                utcOffsetMinutes < 0 ? '-' : '+', off / 60, off % 60);
  return buf;
}

}  // namespace chancery::signing::appearance
