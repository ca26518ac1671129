// The window's words. The English text is the key (what the code says); a catalogue in
// assets/lang/LANG.txt gives the translation, one "English<TAB>translation" pair per line
// ('#' starts a comment). A word with no translation shows in English.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>

namespace demarche::ui {

class Strings {
 public:
  // Loads assets/lang/<language>.txt; "en" (or a missing file) leaves every word in English.
  // Returns false when the file exists but has malformed lines (they are skipped), with the
  // first problem in `warning`.
  bool load(const std::filesystem::path& assetsDir, const std::string& language, std::string& warning);
  const char* operator()(const char* english) const;
  std::string language = "en";
  std::size_t size() const { return m_words.size(); }

 private:
  std::unordered_map<std::string_view, std::string> m_words;
  std::unordered_map<std::string, std::string> m_storage;
};

}  // namespace demarche::ui
