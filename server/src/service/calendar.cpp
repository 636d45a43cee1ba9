#include "service/calendar.h"

#include "store/db.h"
#include "util/text.h"

#include <cstdio>

namespace chancery::service::calendar {
namespace {

bool leap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysIn(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

std::optional<int> digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return std::nullopt;
  auto n = util::parseInt(s);
  if (!n) return std::nullopt;
  return static_cast<int>(*n);
}

std::string pad2(int n) {
  return (n < 10 ? "0" : "") + std::to_string(n);
}

}  // namespace

std::string Date::str() const {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

std::optional<Date> parse(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
  auto y = digits(s.substr(0, 4)), m = digits(s.substr(5, 2)), d = digits(s.substr(8, 2));
  if (!y || !m || !d || *y < 1900 || *y > 2999 || *m < 1 || *m > 12) return std::nullopt;
  if (*d < 1 || *d > daysIn(*y, *m)) return std::nullopt;
  return Date{*y, *m, *d};
}

// Howard Hinnant's days-from-civil algorithm, restricted to the proleptic Gregorian calendar.
std::int64_t dayNumber(const Date& d) {
  std::int64_t y = d.year - (d.month <= 2 ? 1 : 0);
  std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  std::int64_t yoe = y - era * 400;
  std::int64_t mp = d.month > 2 ? d.month - 3 : d.month + 9;
  std::int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

Date fromDayNumber(std::int64_t z) {
  z += 719468;
  std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  std::int64_t doe = z - era * 146097;
  std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  std::int64_t y = yoe + era * 400;
  std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  std::int64_t mp = (5 * doy + 2) / 153;
  std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
  std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
  return Date{static_cast<int>(y + (m <= 2 ? 1 : 0)), static_cast<int>(m), static_cast<int>(d)};
}

Date dateOf(std::int64_t millis) {
  std::int64_t local = millis + kVietnamOffsetMillis;
  std::int64_t days = local / 86400000;
  if (local < 0 && local % 86400000 != 0) --days;
  return fromDayNumber(days);
}

Date today() {
  return dateOf(store::nowMillis());
}

Date addDays(const Date& d, std::int64_t days) {
  return fromDayNumber(dayNumber(d) + days);
}

std::int64_t startMillis(const Date& d) {
  return dayNumber(d) * 86400000 - kVietnamOffsetMillis;
}

std::optional<Date> parseMonth(std::string_view s) {
  if (s.size() != 7 || s[4] != '-') return std::nullopt;
  return parse(std::string(s) + "-01");
}

std::string monthKey(const Date& d) {
  return d.str().substr(0, 7);
}

Date nextMonth(const Date& d) {
  return d.month == 12 ? Date{d.year + 1, 1, 1} : Date{d.year, d.month + 1, 1};
}

std::string vietnameseLong(const Date& d) {
  // Decree 30 appendix I: days and months below 10 (day) and 3 (month) take a leading zero.
  std::string day = pad2(d.day);
  std::string month = d.month < 3 ? pad2(d.month) : std::to_string(d.month);
  return "ngày " + day + " tháng " + month + " năm " + std::to_string(d.year);
}

std::string vietnameseShort(const Date& d) {
  return pad2(d.day) + "/" + pad2(d.month) + "/" + std::to_string(d.year);
}

}  // namespace chancery::service::calendar
