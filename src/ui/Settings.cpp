#include "ui/Settings.hpp"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <fstream>

#include "core/AtomicFile.hpp"

namespace demarche::ui {
namespace {

std::string trim(std::string s) {
  const auto notSpace = [](char c) { return c != ' ' && c != '\t' && c != '\r'; };
  s.erase(s.begin(), std::find_if(s.begin(), s.end(), notSpace));
  s.erase(std::find_if(s.rbegin(), s.rend(), notSpace).base(), s.end());
  return s;
}

}  // namespace

std::optional<std::filesystem::path> settingsPath() {
  if (const char* xdg = std::getenv("XDG_CONFIG_HOME"); xdg && *xdg)
    return std::filesystem::path(xdg) / "demarche" / "settings.txt";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::filesystem::path(home) / ".config" / "demarche" / "settings.txt";
  return std::nullopt;
}

Settings readSettings(const std::filesystem::path& file) {
  Settings s;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    const auto eq = line.find('=');
    if (line.empty() || line[0] == '#' || eq == std::string::npos) continue;
    const std::string key = trim(line.substr(0, eq)), value = trim(line.substr(eq + 1));
    if (key == "scale") {
      float v = 0;
      if (std::from_chars(value.data(), value.data() + value.size(), v).ec == std::errc() && v >= 1.0f &&
          v <= 2.5f)
        s.scale = v;
    } else if (key == "high_contrast") {
      if (value == "true" || value == "false") s.highContrast = value == "true";
    } else if (key == "language") {
      if (value == "en" || value == "uk") s.language = value == "en" ? "" : value;
    }
  }
  return s;
}

std::string formatSettings(const Settings& s) {
  char scale[16];
  const auto [end, ec] = std::to_chars(scale, scale + sizeof scale, s.scale);
  (void)ec;
  return "# Démarche's window settings (written by the window; safe to edit)\nscale = " +
         std::string(scale, end) + "\nhigh_contrast = " + (s.highContrast ? "true" : "false") +
         "\nlanguage = " + (s.language.empty() ? "en" : s.language) + "\n";
}

std::optional<std::string> writeSettings(const std::filesystem::path& file, const Settings& settings) {
  std::error_code ec;
  std::filesystem::create_directories(file.parent_path(), ec);
  return writeFileAtomically(file, formatSettings(settings));
}

}  // namespace demarche::ui
