#pragma once
// Dates as clerks write them ("15/03/2020", "2020-03-15", "3/2020", "2020") and as the index
// stores them (slot 0: "YYYYMMDD", so string order is date order).

#include <optional>
#include <string>
#include <string_view>

namespace chancery::search::detail {

struct DateSpan {
  std::string first; // "YYYYMMDD", inclusive
  std::string last;  // "YYYYMMDD", inclusive
};

enum class DateParse { NotADate, Impossible, Ok };

// Reads a year ("2020"), a month ("03/2020", "2020-03") or a day ("15/03/2020", "15-03-2020",
// "15.03.2020", "2020-03-15") as the span of days it covers. Impossible reports text shaped
// like a date that names no real day (31/02/2020, 2020-13-01).
DateParse parseDateSpan(std::string_view text, DateSpan &span);

// A document's date: a single day, or empty. Throws SearchError(BadDocument) otherwise.
std::string documentDateKey(std::string_view text);

// "YYYYMMDD" → "YYYY-MM-DD" (display); anything else unchanged.
std::string isoFromKey(std::string_view key);

// Parses "a..b" where a and b are date spans or empty (open). nullopt when `text` has no
// "..". Throws SearchError(BadQuery) when either side is not a possible date.
std::optional<DateSpan> parseDateRange(std::string_view text);

} // namespace chancery::search::detail
