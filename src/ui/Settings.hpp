// The window's settings remembered between runs: the projector scale, the high-contrast theme
// and the language, in $XDG_CONFIG_HOME/demarche/settings.txt (else ~/.config/demarche/),
// one "key = value" per line. Command-line options win over them for the run; a change made
// in the window (Ctrl+/Ctrl-, F9, the start screen) is written back.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace demarche::ui {

struct Settings {
  float scale = 1.0f;
  bool highContrast = false;
  std::string language;  // "" = English
  bool operator==(const Settings&) const = default;
};

// Where the settings live; nullopt when neither XDG_CONFIG_HOME nor HOME is set.
std::optional<std::filesystem::path> settingsPath();
// Unknown keys and bad values are ignored (a hand-edited file never stops the window).
Settings readSettings(const std::filesystem::path& file);
std::string formatSettings(const Settings& settings);
// nullopt on success, else why not.
std::optional<std::string> writeSettings(const std::filesystem::path& file, const Settings& settings);

}  // namespace demarche::ui
