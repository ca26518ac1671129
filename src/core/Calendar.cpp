#include "core/Calendar.hpp"

#include <array>
#include <cstdio>

namespace demarche {

namespace {

bool digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return !s.empty();
}

int number(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

constexpr std::array<std::string_view, 12> kMonthsEn = {"January",   "February", "March",    "April",
                                                        "May",       "June",     "July",     "August",
                                                        "September", "October",  "November", "December"};
// The genitive, as a date is written in Ukrainian: "15 лютого 2018".
constexpr std::array<std::string_view, 12> kMonthsUk = {"січня",   "лютого", "березня",   "квітня",
                                                        "травня",  "червня", "липня",     "серпня",
                                                        "вересня", "жовтня", "листопада", "грудня"};

}  // namespace

std::optional<int> parseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const std::string_view y = text.substr(0, 4), m = text.substr(5, 2), d = text.substr(8, 2);
  if (!digits(y) || !digits(m) || !digits(d)) return std::nullopt;
  const CivilDate date{number(y), number(m), number(d)};
  if (date.year < 1900 || date.year > 2200 || date.month < 1 || date.month > 12 || date.day < 1)
    return std::nullopt;
  const int days = daysFromCivil(date);
  const CivilDate back = civilFromDays(days);  // 2018-02-30 comes back as March
  if (back.month != date.month || back.day != date.day) return std::nullopt;
  return days;
}

std::string isoDate(int days) {
  const CivilDate d = civilFromDays(days);
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::string longDate(int days, std::string_view language) {
  const CivilDate d = civilFromDays(days);
  const auto& months = language == "uk" ? kMonthsUk : kMonthsEn;
  return std::to_string(d.day) + " " + std::string(months[static_cast<std::size_t>(d.month - 1)]) + " " +
         std::to_string(d.year);
}

}  // namespace demarche
