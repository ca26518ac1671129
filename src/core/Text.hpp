// Translatable text: a scenario text field is a plain string or a map of language code
// to string. Lookup falls back to the scenario language, then to any translation.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace demarche {

struct Text {
  // language code -> text; a plain YAML string is stored under the scenario language.
  std::map<std::string, std::string> byLanguage;

  bool empty() const { return byLanguage.empty(); }

  // The text in `language`, else in `fallback`, else the first translation, else "".
  const std::string& get(std::string_view language, std::string_view fallback = {}) const {
    static const std::string none;
    if (auto it = byLanguage.find(std::string(language)); it != byLanguage.end()) return it->second;
    if (auto it = byLanguage.find(std::string(fallback)); it != byLanguage.end()) return it->second;
    return byLanguage.empty() ? none : byLanguage.begin()->second;
  }

  static Text plain(std::string language, std::string text) {
    Text t;
    t.byLanguage.emplace(std::move(language), std::move(text));
    return t;
  }
};

// An id as words for readers, where a scenario gives no name: "domestic_pressure" ->
// "Domestic pressure".
inline std::string idInWords(std::string_view id) {
  std::string out(id);
  for (char& c : out)
    if (c == '_') c = ' ';
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

}  // namespace demarche
