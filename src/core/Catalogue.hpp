// Words for people in one language, shared by the window and the core's sentences. The
// English text is the key (what the code says); assets/lang/LANG.txt gives the translation,
// one "English<TAB>translation" pair a line ('#' starts a comment). A key with no translation
// shows in English. Sentences are templates with numbered placeholders ("{0} takes {1}{2}"),
// so a translation may order them as its language needs.
//
// The core renders sentences on demand (Engine::describe, refusal reasons) and finds the
// catalogue of a language in a registry the program fills at start (installCatalogue):
// nothing is installed for English, so the CLI and the reports stay English unless a
// language is asked for, and nothing logged or hashed depends on it.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_map>

namespace demarche {

// Marks an English word in a table (a phase name, a probability word) as a catalogue key, so
// scripts/extract-ui-strings and the catalogue test find it; changes nothing.
constexpr std::string_view phrase(std::string_view english) { return english; }

class Catalogue {
 public:
  // Loads <assetsDir>/lang/<language>.txt; "en" (or a missing file) leaves every word in
  // English. Returns false when the file is missing or has malformed lines (they are skipped),
  // with the first problem in `warning`.
  bool load(const std::filesystem::path& assetsDir, const std::string& language, std::string& warning);
  void add(std::string english, std::string translation);

  // The translation of `english`, or `english` itself (the very pointer) when there is none.
  const char* operator()(const char* english) const;
  std::string_view word(std::string_view english) const;

  std::string language = "en";
  std::size_t size() const { return m_words.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::string, Hash, std::equal_to<>> m_words;
};

// `pattern` with "{0}".."{9}" replaced by the arguments; a placeholder with no argument is kept.
std::string formatPhrase(std::string_view pattern, std::initializer_list<std::string_view> args);

// The registry of the catalogues the core's sentences use. Install before the sentences are
// wanted (at program start); a catalogue installed for a language replaces the earlier one
// for later lookups, and earlier ones stay alive, so a pointer once returned stays valid.
void installCatalogue(Catalogue catalogue);
// The catalogue installed for `language`, or null (English, or none installed).
const Catalogue* installedCatalogue(std::string_view language);

// Sentences in one language: say("{0} takes {1}", {actor, measure}). The scripts and the
// catalogue test collect the literal templates given to say(...) and phrase(...).
class Phrases {
 public:
  explicit Phrases(std::string_view language) : m_words(installedCatalogue(language)) {}
  explicit Phrases(const Catalogue* words) : m_words(words) {}
  std::string operator()(std::string_view english, std::initializer_list<std::string_view> args = {}) const {
    return formatPhrase(word(english), args);
  }
  std::string_view word(std::string_view english) const { return m_words ? m_words->word(english) : english; }

 private:
  const Catalogue* m_words = nullptr;
};

}  // namespace demarche
