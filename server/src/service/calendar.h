#pragma once
// Dates as offices count them: calendar days in Vietnam (UTC+7, no daylight saving), written
// YYYY-MM-DD. Registers restart on 1 January and deadlines fall due at the end of their day.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace chancery::service::calendar {

inline constexpr std::int64_t kVietnamOffsetMillis = 7LL * 3600 * 1000;

struct Date {
  int year = 1970, month = 1, day = 1;
  std::string str() const;  // YYYY-MM-DD
  auto operator<=>(const Date&) const = default;
};

// Strict YYYY-MM-DD with a real day of a real month (years 1900–2999); nullopt otherwise.
std::optional<Date> parse(std::string_view s);
// The Vietnamese calendar day of a timestamp (milliseconds since the epoch).
Date dateOf(std::int64_t millis);
// Today in Vietnam, from store::nowMillis().
Date today();
// Days since 1970-01-01 and back.
std::int64_t dayNumber(const Date& d);
Date fromDayNumber(std::int64_t days);
Date addDays(const Date& d, std::int64_t days);
// The first millisecond of the day in Vietnam.
std::int64_t startMillis(const Date& d);
// "YYYY-MM" → first day of that month; nullopt when malformed.
std::optional<Date> parseMonth(std::string_view s);
std::string monthKey(const Date& d);  // "YYYY-MM"
Date nextMonth(const Date& d);        // first day of the following month
// "ngày 05 tháng 3 năm 2026", as written under the document's number.
std::string vietnameseLong(const Date& d);
// "05/03/2026", as registers print dates.
std::string vietnameseShort(const Date& d);

}  // namespace chancery::service::calendar
