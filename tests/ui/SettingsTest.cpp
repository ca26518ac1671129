// The window's remembered settings (scale, high contrast, language).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "ui/Settings.hpp"

namespace demarche::ui {
namespace {
namespace fs = std::filesystem;

TEST(Settings, AreWrittenAndReadBackAndLiveInTheXdgConfigDirectory) {
  const fs::path dir = fs::temp_directory_path() / ("demarche-settings-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  const char* old = std::getenv("XDG_CONFIG_HOME");
  const std::string saved = old ? old : "";
  setenv("XDG_CONFIG_HOME", dir.c_str(), 1);
  const auto path = settingsPath();
  ASSERT_TRUE(path);
  EXPECT_EQ(*path, dir / "demarche" / "settings.txt");
  const Settings chosen{1.75f, true, "uk"};
  ASSERT_FALSE(writeSettings(*path, chosen));
  EXPECT_EQ(readSettings(*path), chosen);
  if (old)
    setenv("XDG_CONFIG_HOME", saved.c_str(), 1);
  else
    unsetenv("XDG_CONFIG_HOME");
  fs::remove_all(dir);
}

TEST(Settings, AHandEditedFileWithBadValuesNeverStopsTheWindow) {
  const fs::path file =
      fs::temp_directory_path() / ("demarche-settings-bad-" + std::to_string(::getpid()) + ".txt");
  std::ofstream(file)
      << "# mine\nscale = 9\nhigh_contrast = yes\nlanguage = fr\ncolour = red\nno equals sign\n"
         "  scale=2.5  \n";
  const Settings s = readSettings(file);
  EXPECT_FLOAT_EQ(s.scale, 2.5f) << "the last good value wins; 9 is out of range";
  EXPECT_FALSE(s.highContrast);
  EXPECT_EQ(s.language, "");
  EXPECT_EQ(readSettings(file.string() + ".missing"), Settings{});
  fs::remove(file);
}

}  // namespace
}  // namespace demarche::ui
