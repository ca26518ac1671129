#include "ui/Strings.hpp"

#include <fstream>

namespace demarche::ui {

bool Strings::load(const std::filesystem::path& assetsDir, const std::string& lang, std::string& warning) {
  language = lang;
  m_words.clear();
  m_storage.clear();
  if (lang.empty() || lang == "en") return true;
  const std::filesystem::path file = assetsDir / "lang" / (lang + ".txt");
  std::ifstream in(file);
  if (!in) {
    warning = file.string() + ": no catalogue for language '" + lang + "'; the window stays in English";
    return false;
  }
  std::string line;
  int number = 0;
  bool ok = true;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    if (tab == std::string::npos || tab == 0 || tab + 1 == line.size()) {
      if (ok) warning = file.string() + ":" + std::to_string(number) + ": expected English<TAB>translation";
      ok = false;
      continue;
    }
    m_storage[line.substr(0, tab)] = line.substr(tab + 1);
  }
  for (const auto& [english, translated] : m_storage) m_words[english] = translated;
  return ok;
}

const char* Strings::operator()(const char* english) const {
  if (m_words.empty()) return english;
  auto it = m_words.find(english);
  return it == m_words.end() ? english : it->second.c_str();
}

}  // namespace demarche::ui
