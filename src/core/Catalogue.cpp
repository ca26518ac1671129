#include "core/Catalogue.hpp"

#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

namespace demarche {

bool Catalogue::load(const std::filesystem::path& assetsDir, const std::string& lang, std::string& warning) {
  language = lang;
  m_words.clear();
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
    m_words[line.substr(0, tab)] = line.substr(tab + 1);
  }
  return ok;
}

void Catalogue::add(std::string english, std::string translation) {
  m_words[std::move(english)] = std::move(translation);
}

const char* Catalogue::operator()(const char* english) const {
  if (m_words.empty()) return english;
  auto it = m_words.find(std::string_view(english));
  return it == m_words.end() ? english : it->second.c_str();
}

std::string_view Catalogue::word(std::string_view english) const {
  if (m_words.empty()) return english;
  auto it = m_words.find(english);
  return it == m_words.end() ? english : std::string_view(it->second);
}

std::string formatPhrase(std::string_view pattern, std::initializer_list<std::string_view> args) {
  std::string out;
  out.reserve(pattern.size() + 16 * args.size());
  // The text between placeholders goes in whole pieces: a phrase is mostly text.
  std::size_t from = 0;
  for (std::size_t i = pattern.find('{'); i != std::string_view::npos; i = pattern.find('{', i + 1)) {
    if (i + 2 >= pattern.size() || pattern[i + 1] < '0' || pattern[i + 1] > '9' || pattern[i + 2] != '}')
      continue;
    const auto k = static_cast<std::size_t>(pattern[i + 1] - '0');
    if (k >= args.size()) continue;  // no such argument: the placeholder stays as written
    out.append(pattern, from, i - from);
    out += *(args.begin() + k);
    from = i + 3;
    i += 2;
  }
  out.append(pattern, from, std::string_view::npos);
  return out;
}

namespace {

struct Registry {
  std::mutex mutex;
  std::vector<std::unique_ptr<Catalogue>> all;  // never shrinks: pointers stay valid
  std::map<std::string, const Catalogue*, std::less<>> byLanguage;
};

Registry& registry() {
  static Registry r;
  return r;
}

}  // namespace

void installCatalogue(Catalogue catalogue) {
  Registry& r = registry();
  const std::lock_guard lock(r.mutex);
  r.all.push_back(std::make_unique<Catalogue>(std::move(catalogue)));
  r.byLanguage[r.all.back()->language] = r.all.back().get();
}

const Catalogue* installedCatalogue(std::string_view language) {
  if (language.empty() || language == "en") return nullptr;
  Registry& r = registry();
  const std::lock_guard lock(r.mutex);
  auto it = r.byLanguage.find(language);
  return it == r.byLanguage.end() ? nullptr : it->second;
}

}  // namespace demarche
