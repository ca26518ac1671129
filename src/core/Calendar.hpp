// Dates of the proleptic Gregorian calendar as whole days since 1970-01-01, for scenarios
// whose turns carry dates (`calendar:` in the format). Standard library only; the day
// arithmetic follows the days-from-civil method of H. Hinnant's "chrono-Compatible
// Low-Level Date Algorithms".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace demarche {

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
};

constexpr int daysFromCivil(CivilDate d) {
  const int y = d.year - (d.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int mp = (d.month + 9) % 12;  // March = 0
  const int doy = (153 * mp + 2) / 5 + d.day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

constexpr CivilDate civilFromDays(int z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int day = doy - (153 * mp + 2) / 5 + 1;
  const int month = mp < 10 ? mp + 3 : mp - 9;
  return {yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

// The date of a turn (1-based; clamped to the calendar), nullopt when there is no calendar.
inline std::optional<int> dayOfTurn(const std::vector<int>& turnDates, int turn) {
  if (turnDates.empty()) return std::nullopt;
  const int last = static_cast<int>(turnDates.size());
  return turnDates[static_cast<std::size_t>((turn < 1 ? 1 : turn > last ? last : turn) - 1)];
}

// "2018-02-15" (exactly YYYY-MM-DD, a real day of a year 1900..2200); nullopt otherwise.
std::optional<int> parseIsoDate(std::string_view text);
// "2018-02-15".
std::string isoDate(int days);
// "15 February 2018", or in Ukrainian "15 лютого 2018"; other languages fall back to English.
std::string longDate(int days, std::string_view language);

}  // namespace demarche
