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

namespace chancery::signing::appearance {

std::optional<std::time_t> parsePdfDate(const std::string& text) {
  std::string s = text.rfind("D:", 0) == 0 ? text.substr(2) : text;
  auto num = [&s](std::size_t pos, std::size_t len, int dflt) {
    if (pos + len > s.size()) return dflt;
    int v = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  std::tm tm{};
  tm.tm_year = num(0, 4, -1) - 1900;
  tm.tm_mon = num(4, 2, 1) - 1;
  tm.tm_mday = num(6, 2, 1);
  tm.tm_hour = num(8, 2, 0);
  tm.tm_min = num(10, 2, 0);
  tm.tm_sec = num(12, 2, 0);
  if (tm.tm_year < 0 || tm.tm_mon < 0 || tm.tm_mday < 1 || tm.tm_hour < 0 || tm.tm_min < 0 || tm.tm_sec < 0)
    return std::nullopt;
  std::time_t t = timegm(&tm);
  if (s.size() > 14 && (s[14] == '+' || s[14] == '-')) {
    int h = num(15, 2, 0), m = num(18, 2, 0);
    if (h >= 0 && m >= 0) t -= (s[14] == '+' ? 1 : -1) * static_cast<std::time_t>(h * 3600 + m * 60);
  }
  return t;
}

std::string isoUtc(std::time_t t) {
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace chancery::signing::appearance
