#include "dates.h"

#include "chancery/search/error.h"

#include <array>
#include <charconv>
#include <vector>

namespace chancery::search::detail {
namespace {

bool isLeap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int daysInMonth(int y, int m) {
  static constexpr std::array<int, 12> kDays{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && isLeap(y) ? 29 : kDays.at(static_cast<std::size_t>(m - 1));
}

std::string key(int y, int m, int d) {
  std::array<char, 16> buf{};
  auto put = [&](std::size_t at, int value, int width) {
    for (int i = width - 1; i >= 0; --i, value /= 10)
      buf.at(at + static_cast<std::size_t>(i)) = static_cast<char>('0' + value % 10);
  };
  put(0, y, 4);
  put(4, m, 2);
  put(6, d, 2);
  return std::string(buf.data(), 8);
}

// Splits on one separator kind ("/", "-" or "."); digits only, at most 3 parts.
bool splitNumbers(std::string_view text, std::vector<std::string_view> &parts) {
  char sep = 0;
  for (const char c : text) {
    if (c >= '0' && c <= '9') continue;
    if (c != '/' && c != '-' && c != '.') return false;
    if (sep != 0 && c != sep) return false;
    sep = c;
  }
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == sep) {
      if (i == start) return false;
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return !parts.empty() && parts.size() <= 3;
}

int toInt(std::string_view digits) {
  int value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  return value;
}

} // namespace

DateParse parseDateSpan(std::string_view text, DateSpan &span) {
  std::vector<std::string_view> parts;
  if (text.empty() || text.size() > 10 || !splitNumbers(text, parts)) return DateParse::NotADate;
  int y = 0, m = 0, d = 0;
  const bool isoOrder = parts.front().size() == 4;
  if (parts.size() == 1) {
    if (parts[0].size() != 4) return DateParse::NotADate;
    y = toInt(parts[0]);
  } else if (isoOrder) { // yyyy-mm[-dd]
    if (parts[1].size() > 2 || (parts.size() == 3 && parts[2].size() > 2))
      return DateParse::NotADate;
    y = toInt(parts[0]), m = toInt(parts[1]);
    d = parts.size() == 3 ? toInt(parts[2]) : 0;
  } else { // [dd/]mm/yyyy
    if (parts.back().size() != 4 || parts[0].size() > 2 ||
        (parts.size() == 3 && parts[1].size() > 2))
      return DateParse::NotADate;
    y = toInt(parts.back());
    m = toInt(parts[parts.size() - 2]);
    d = parts.size() == 3 ? toInt(parts[0]) : 0;
  }
  if (y < 1 || (parts.size() > 1 && (m < 1 || m > 12))) return DateParse::Impossible;
  if (parts.size() == 3 && (d < 1 || d > daysInMonth(y, m))) return DateParse::Impossible;
  if (parts.size() == 1) {
    span = {key(y, 1, 1), key(y, 12, 31)};
  } else if (parts.size() == 2) {
    span = {key(y, m, 1), key(y, m, daysInMonth(y, m))};
  } else {
    span = {key(y, m, d), key(y, m, d)};
  }
  return DateParse::Ok;
}

std::string documentDateKey(std::string_view text) {
  if (text.empty()) return {};
  DateSpan span;
  if (parseDateSpan(text, span) != DateParse::Ok || span.first != span.last)
    throw SearchError(SearchError::Code::BadDocument,
                      "document date is not a day: '" + std::string(text.substr(0, 40)) + "'");
  return span.first;
}

std::string isoFromKey(std::string_view key) {
  if (key.size() != 8) return std::string(key);
  std::string out;
  out.append(key.substr(0, 4)).append("-").append(key.substr(4, 2)).append("-");
  out.append(key.substr(6, 2));
  return out;
}

std::optional<DateSpan> parseDateRange(std::string_view text) {
  const std::size_t dots = text.find("..");
  if (dots == std::string_view::npos) return std::nullopt;
  const std::string_view from = text.substr(0, dots);
  const std::string_view to = text.substr(dots + 2);
  DateSpan range{"", ""};
  DateSpan span;
  for (const auto &[side, isFrom] : {std::pair{from, true}, std::pair{to, false}}) {
    if (side.empty()) continue;
    if (parseDateSpan(side, span) != DateParse::Ok)
      throw SearchError(SearchError::Code::BadQuery,
                        "not a valid date in range: '" + std::string(side.substr(0, 40)) + "'");
    (isFrom ? range.first : range.last) = isFrom ? span.first : span.last;
  }
  if (from.empty() && to.empty())
    throw SearchError(SearchError::Code::BadQuery, "empty date range '..'");
  if (!range.first.empty() && !range.last.empty() && range.first > range.last)
    throw SearchError(SearchError::Code::BadQuery, "date range ends before it starts");
  return range;
}

} // namespace chancery::search::detail
