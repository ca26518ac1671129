// The words people read, in Ukrainian: assets/lang/uk.txt loads cleanly, translates every
// tr("...") literal in src/ui/*.cpp and every say("...") / phrase("...") in src/ui and
// src/core (the core's sentence templates and table words; found here by scanning the sources,
// so a new untranslated word fails with its text), keeps the English's digits, symbols and
// placeholders, and the catalogue falls back to English.
// scripts/extract-ui-strings --check assets/lang/uk.txt lists the same missing words.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "../tools/Ukrainian.hpp"
#include "ui/Strings.hpp"

namespace demarche::ui {
namespace {
namespace fs = std::filesystem;

const fs::path kSource = fs::path(DEMARCHE_SOURCE_DIR);
const fs::path kAssets = kSource / "assets";
const fs::path kUk = kAssets / "lang" / "uk.txt";

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// ---------------------------------------------------------------- the sources' tr() literals

struct Found {
  std::string text;
  std::string where;  // file:line of its first use
};

bool isIdent(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}
bool isHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
unsigned hexValue(char c) {
  if (c >= '0' && c <= '9') return static_cast<unsigned>(c - '0');
  if (c >= 'a' && c <= 'f') return static_cast<unsigned>(c - 'a' + 10);
  return static_cast<unsigned>(c - 'A' + 10);
}

void appendUtf8(std::string& out, unsigned long cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// An ordinary string literal at text[i] == '"', unescaped into `out` (the run-time string);
// `i` ends past the closing quote. False when it does not end on its line.
bool readLiteral(const std::string& text, std::size_t& i, std::string& out) {
  ++i;
  while (i < text.size() && text[i] != '"') {
    const char c = text[i];
    if (c == '\n') return false;
    if (c != '\\') {
      out += c;
      ++i;
      continue;
    }
    if (++i >= text.size()) return false;
    const char e = text[i++];
    switch (e) {
      case 'n':
        out += '\n';
        break;
      case 't':
        out += '\t';
        break;
      case 'r':
        out += '\r';
        break;
      case 'a':
        out += '\a';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'v':
        out += '\v';
        break;
      case 'x': {
        unsigned value = 0;
        while (i < text.size() && isHex(text[i])) value = (value << 4) | hexValue(text[i++]);
        out += static_cast<char>(value & 0xFF);
        break;
      }
      case 'u':
      case 'U': {
        unsigned long cp = 0;
        for (int k = e == 'u' ? 4 : 8; k > 0 && i < text.size() && isHex(text[i]); --k)
          cp = (cp << 4) | hexValue(text[i++]);
        appendUtf8(out, cp);
        break;
      }
      default:
        if (e >= '0' && e <= '7') {
          unsigned value = static_cast<unsigned>(e - '0');
          for (int k = 0; k < 2 && i < text.size() && text[i] >= '0' && text[i] <= '7'; ++k)
            value = value * 8 + static_cast<unsigned>(text[i++] - '0');
          out += static_cast<char>(value & 0xFF);
        } else {
          out += e;  // \" \\ \' \?
        }
    }
  }
  if (i >= text.size()) return false;
  ++i;
  return true;
}

std::size_t skipSpace(const std::string& text, std::size_t i) {
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r')) ++i;
  return i;
}

// Every tr("..."), say("...") and phrase("...") in one file (adjacent literals joined; comments,
// char and raw literals skipped; x.tr( and x->tr( are not ours). Appends problems (an unterminated literal)
// to `errors`.
void scanFile(const fs::path& path, std::vector<Found>& found, std::vector<std::string>& errors) {
  const std::string text = readFile(path);
  const std::string name = fs::relative(path, kSource).generic_string();
  const auto where = [&](std::size_t at) {
    return name + ":" +
           std::to_string(1 + std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
  };
  std::size_t i = 0;
  // The last two characters that are not spaces, outside comments and literals.
  char previous = ' ', beforePrevious = ' ';
  const auto saw = [&](char ch) {
    beforePrevious = previous;
    previous = ch;
  };
  while (i < text.size()) {
    const char c = text[i];
    if (text.compare(i, 2, "//") == 0) {
      i = text.find('\n', i);
      if (i == std::string::npos) i = text.size();
    } else if (text.compare(i, 2, "/*") == 0) {
      i = text.find("*/", i + 2);
      i = i == std::string::npos ? text.size() : i + 2;
    } else if (c == '"') {
      std::string ignored;
      const std::size_t start = i;
      if (!readLiteral(text, i, ignored)) {
        errors.push_back(where(start) + ": unterminated string literal");
        return;
      }
      saw('"');
    } else if (c == '\'') {
      for (++i; i < text.size() && text[i] != '\'';) i += text[i] == '\\' ? 2 : 1;
      ++i;
      saw('\'');
    } else if (c >= '0' && c <= '9') {
      while (i < text.size() && (isIdent(text[i]) || text[i] == '.' || text[i] == '\'')) ++i;
      saw('0');
    } else if (isIdent(c)) {
      const std::size_t start = i;
      while (i < text.size() && isIdent(text[i])) ++i;
      const std::string word = text.substr(start, i - start);
      if (i < text.size() && text[i] == '"' && !word.empty() && word.back() == 'R') {
        const std::size_t open = text.find('(', i);
        const std::string delimiter = ")" + text.substr(i + 1, open - i - 1) + "\"";
        const std::size_t end = open == std::string::npos ? open : text.find(delimiter, open);
        if (end == std::string::npos) {
          errors.push_back(where(start) + ": unterminated raw string literal");
          return;
        }
        i = end + delimiter.size();
        saw('"');
        continue;
      }
      if ((word == "tr" || word == "say" || word == "phrase") && previous != '.' &&
          !(beforePrevious == '-' && previous == '>') && !(beforePrevious == ':' && previous == ':')) {
        std::size_t j = skipSpace(text, i);
        if (j < text.size() && text[j] == '(') {
          j = skipSpace(text, j + 1);
          std::string literal;
          bool any = false;
          while (j < text.size() && text[j] == '"') {
            if (!readLiteral(text, j, literal)) {
              errors.push_back(where(start) + ": unterminated string literal");
              return;
            }
            any = true;
            j = skipSpace(text, j);
          }
          if (any) {
            found.push_back({literal, where(start)});
            i = j;
            saw('"');
            continue;
          }
        }
      }
      saw('a');
    } else {
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') saw(c);
      ++i;
    }
  }
}

std::vector<Found> sourceStrings(std::vector<std::string>& errors) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(kSource / "src" / "ui"))
    if (entry.path().extension() == ".cpp") files.push_back(entry.path());
  for (const auto& entry : fs::directory_iterator(kSource / "src" / "core"))
    if (entry.path().extension() == ".cpp" || entry.path().extension() == ".hpp")
      files.push_back(entry.path());
  // The browser page's words and refusals, and the AI's reasons and messages.
  for (const auto& entry : fs::directory_iterator(kSource / "src" / "seats"))
    if (entry.path().extension() == ".cpp") files.push_back(entry.path());
  for (const auto& entry : fs::directory_iterator(kSource / "src" / "agents"))
    if (entry.path().extension() == ".cpp" || entry.path().extension() == ".hpp")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  std::vector<Found> found;
  for (const fs::path& f : files) scanFile(f, found, errors);
  return found;
}

// ---------------------------------------------------------------- the catalogue, read by hand

struct Pair {
  std::string english, translation;
  int line = 0;
};

// The catalogue's pairs; every line that is not a comment, blank or "English<TAB>translation"
// (exactly one tab, both sides non-empty, no CR) is a problem with its file:line.
std::vector<Pair> readCatalogue(const fs::path& path, std::vector<std::string>& problems) {
  std::vector<Pair> pairs;
  std::ifstream in(path);
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const std::string at = path.filename().string() + ":" + std::to_string(number) + ": ";
    if (line.empty() || line[0] == '#') continue;
    if (line.find('\r') != std::string::npos)
      problems.push_back(at + "carriage return (save with LF endings)");
    const std::size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0 || tab + 1 == line.size() ||
        line.find('\t', tab + 1) != std::string::npos) {
      problems.push_back(at + "expected English<TAB>translation: " + line);
      continue;
    }
    pairs.push_back({line.substr(0, tab), line.substr(tab + 1), number});
  }
  return pairs;
}

bool hasAsciiLetter(const std::string& s) {
  return std::any_of(s.begin(), s.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); });
}
using test::hasCyrillic;
std::string leadingSpace(const std::string& s) { return s.substr(0, s.find_first_not_of(' ')); }
std::string trailingSpace(const std::string& s) {
  const std::size_t last = s.find_last_not_of(' ');
  return last == std::string::npos ? s : s.substr(last + 1);
}

// ---------------------------------------------------------------- (a) the catalogue loads

TEST(Catalogue, UkrainianLoadsWithoutWarningsOrMalformedLines) {
  ASSERT_TRUE(fs::exists(kUk)) << kUk;
  Strings strings;
  std::string warning;
  EXPECT_TRUE(strings.load(kAssets, "uk", warning)) << warning;
  EXPECT_EQ(warning, "");
  EXPECT_EQ(strings.language, "uk");

  std::vector<std::string> problems;
  const std::vector<Pair> pairs = readCatalogue(kUk, problems);
  for (const std::string& p : problems) ADD_FAILURE() << p;
  std::map<std::string, int> seen;
  for (const Pair& p : pairs) {
    const auto [it, fresh] = seen.emplace(p.english, p.line);
    EXPECT_TRUE(fresh) << "uk.txt:" << p.line << ": \"" << p.english << "\" is already translated on line "
                       << it->second;
  }
  EXPECT_EQ(strings.size(), seen.size());
  EXPECT_GE(pairs.size(), 100u);
}

// ---------------------------------------------------------------- (b) every word is translated

TEST(Catalogue, EveryTrStringInTheUiSourcesHasAUkrainianTranslation) {
  std::vector<std::string> errors;
  const std::vector<Found> found = sourceStrings(errors);
  for (const std::string& e : errors) ADD_FAILURE() << e;
  // The scanner itself: it must see the window's words (a broken scan must not pass quietly).
  ASSERT_GE(found.size(), 100u);
  EXPECT_TRUE(
      std::any_of(found.begin(), found.end(), [](const Found& f) { return f.text == "Pass the laptop to"; }));
  // ... and the core's: a sentence template, a refusal reason, a table word, a notice.
  for (const char* core : {"{0} takes {1}{2}", "costs {0} capital, {1} left", "remote chance", "deliberation",
                           "Debrief written: {0}"}) {
    EXPECT_TRUE(std::any_of(found.begin(), found.end(), [&](const Found& f) { return f.text == core; }))
        << "the scanner no longer finds \"" << core << "\"";
  }

  Strings uk;
  std::string warning;
  uk.load(kAssets, "uk", warning);
  for (const Found& f : found) {
    EXPECT_NE(uk(f.text.c_str()), f.text.c_str())
        << "no Ukrainian for \"" << f.text << "\" (" << f.where << "): add \"" << f.text
        << "<TAB>translation\" to assets/lang/uk.txt (scripts/extract-ui-strings --check assets/lang/uk.txt)";
  }
}

TEST(Catalogue, TheSourceScannerUnescapesAndSkipsComments) {
  const fs::path dir = fs::temp_directory_path() / ("demarche-catalogue-scan-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path file = dir / "Sample.cpp";
  std::ofstream(file)
      << "// tr(\"in a comment\")\n"
         "/* tr(\"in a block\") */\n"
         "auto a = tr(\"say \\\"hi\\\"\"); auto b = x.tr(\"member\"); auto c = str(\"no\");\n"
         "char q = '\"'; auto d = tr( \"caf\\u00e9 \" \"joined\"\n"
         "  \" \\x41\\101\" );\n"
         "auto e = tr(R\"(raw)\"); auto f = tr(\"last\");\n"
         "auto g = ok ? tr(\"yes\") : tr(\"no\"); auto h = p->tr(\"ptr\") + ns::tr(\"ns\");\n"
         "return say(\"{0} takes {1}\", {a, b}) + say.word(x) + phrase(\"word\"); const Phrases say(lang);\n";
  std::vector<Found> found;
  std::vector<std::string> errors;
  scanFile(file, found, errors);
  fs::remove_all(dir);
  EXPECT_TRUE(errors.empty());
  std::vector<std::string> texts;
  for (const Found& f : found) texts.push_back(f.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"say \"hi\"", "caf\xC3\xA9 joined AA", "last", "yes", "no",
                                             "{0} takes {1}", "word"}));
}

// ---------------------------------------------------------------- (c) symbols are kept

TEST(Catalogue, TranslationsKeepTheEnglishDigitsSymbolsAndSpaces) {
  std::vector<std::string> problems;
  const std::vector<Pair> pairs = readCatalogue(kUk, problems);
  // Characters that mean something on screen: numbers, keys, arrows, ticks, the punctuation
  // the code glues to a value ("Team:" + name, "(F10)"), printf markers.
  const std::vector<std::string> kept = {
      "0",      "1",      "2",      "3",      "4",      "5",      "6",      "7",     "8", "9",
      "\u2014", "\u2192", "\u2713", "\u2717", "\u25B2", "\u25BC", "\u25A0", ":",     "(", ")",
      "%",      "=",      ";",      "!",      "*",      "#",      "+",      "\u2212"};
  for (const Pair& p : pairs) {
    for (const std::string& symbol : kept) {
      if (p.english.find(symbol) == std::string::npos) continue;
      EXPECT_NE(p.translation.find(symbol), std::string::npos)
          << "uk.txt:" << p.line << ": \"" << p.translation << "\" lacks \"" << symbol << "\" of \""
          << p.english << "\"";
    }
    // A template's placeholders: each one the English has, whatever the order.
    for (char k = '0'; k <= '9'; ++k) {
      const std::string placeholder = std::string("{") + k + "}";
      if (p.english.find(placeholder) == std::string::npos) continue;
      EXPECT_NE(p.translation.find(placeholder), std::string::npos)
          << "uk.txt:" << p.line << ": \"" << p.translation << "\" lacks " << placeholder << " of \""
          << p.english << "\"";
    }
    EXPECT_EQ(leadingSpace(p.translation), leadingSpace(p.english))
        << "uk.txt:" << p.line << ": leading spaces differ from \"" << p.english << "\"";
    EXPECT_EQ(trailingSpace(p.translation), trailingSpace(p.english))
        << "uk.txt:" << p.line << ": trailing spaces differ from \"" << p.english
        << "\" (the code appends to it)";
    if (hasAsciiLetter(p.english)) {
      EXPECT_TRUE(hasCyrillic(p.translation)) << "uk.txt:" << p.line << ": \"" << p.translation
                                              << "\" has no Ukrainian letter (left in English?)";
    }
  }
}

// A name (an actor, a measure, an incident) arrives in the nominative and cannot be declined:
// no template puts a placeholder straight after a word that governs another case, where
// "проти {0}" would read "проти Росія" (the rule at the head of uk.txt's core section).
TEST(Catalogue, UkrainianTemplatesPutNamesWhereTheNominativeReadsRight) {
  std::vector<std::string> problems;
  const std::vector<Pair> pairs = readCatalogue(kUk, problems);
  const std::vector<std::string> governing = {"проти",     "для",       "щодо",     "між",      "перед",
                                              "членом",    "від імені", "разом із", "пропонує", "повідомляє",
                                              "довіряють", "від",       "у",        "в"};
  int checked = 0;
  for (const Pair& p : pairs) {
    for (const std::string& word : governing) {
      for (std::size_t at = p.translation.find(word + " {"); at != std::string::npos;
           at = p.translation.find(word + " {", at + 1)) {
        // A whole word: at the start or after a space or an opening bracket.
        if (at > 0 && p.translation[at - 1] != ' ' && p.translation[at - 1] != '(') continue;
        ADD_FAILURE() << "uk.txt:" << p.line << ": \"" << p.translation << "\" puts a name after \"" << word
                      << "\", where it would have to be declined";
      }
    }
    ++checked;
  }
  EXPECT_GT(checked, 500);
}

// ---------------------------------------------------------------- (d) English as the fallback

class CatalogueFallback : public ::testing::Test {
 protected:
  void SetUp() override {
    dir = fs::temp_directory_path() / ("demarche-catalogue-" + std::to_string(::getpid()) + "-" +
                                       ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir);
    fs::create_directories(dir / "lang");
    std::ofstream(dir / "lang" / "uk.txt") << "# a test catalogue\nQuit\tВийти\n";
  }
  void TearDown() override { fs::remove_all(dir); }
  fs::path dir;
};

TEST_F(CatalogueFallback, UnknownKeyShowsEnglish) {
  Strings uk;
  std::string warning;
  ASSERT_TRUE(uk.load(dir, "uk", warning)) << warning;
  EXPECT_STREQ(uk("Quit"), "Вийти");
  const char* unknown = "A word nobody translated";
  EXPECT_EQ(uk(unknown), unknown);  // the very pointer: English, untouched
}

TEST_F(CatalogueFallback, EnglishLoadsNothingAndShowsEnglish) {
  Strings en;
  std::string warning;
  EXPECT_TRUE(en.load(dir, "en", warning));
  EXPECT_EQ(warning, "");
  EXPECT_EQ(en.size(), 0u);
  const char* quit = "Quit";
  EXPECT_EQ(en(quit), quit);

  // Switching back to English after Ukrainian forgets the Ukrainian.
  Strings strings;
  ASSERT_TRUE(strings.load(dir, "uk", warning)) << warning;
  ASSERT_STREQ(strings(quit), "Вийти");
  EXPECT_TRUE(strings.load(dir, "en", warning));
  EXPECT_EQ(strings.language, "en");
  EXPECT_EQ(strings(quit), quit);
}

TEST_F(CatalogueFallback, MissingCatalogueWarnsAndShowsEnglish) {
  Strings strings;
  std::string warning;
  EXPECT_FALSE(strings.load(dir, "zz", warning));
  EXPECT_NE(warning.find("zz.txt"), std::string::npos) << warning;
  const char* quit = "Quit";
  EXPECT_EQ(strings(quit), quit);
}

TEST_F(CatalogueFallback, MalformedLineWarnsWithFileAndLineAndTheRestLoads) {
  std::ofstream(dir / "lang" / "xx.txt") << "# a test catalogue\n"
                                            "Quit\tВийти\n"
                                            "\n"
                                            "no tab on this line\n"
                                            "Pause\tПауза\n"
                                            "\tno English\n";
  Strings strings;
  std::string warning;
  EXPECT_FALSE(strings.load(dir, "xx", warning));
  EXPECT_NE(warning.find((dir / "lang" / "xx.txt").string() + ":4:"), std::string::npos) << warning;
  EXPECT_EQ(strings.size(), 2u);
  EXPECT_STREQ(strings("Quit"), "Вийти");
  EXPECT_STREQ(strings("Pause"), "Пауза");
  const char* unknown = "no tab on this line";
  EXPECT_EQ(strings(unknown), unknown);

  std::vector<std::string> problems;
  readCatalogue(dir / "lang" / "xx.txt", problems);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].rfind("xx.txt:4: ", 0), 0u) << problems[0];
  EXPECT_EQ(problems[1].rfind("xx.txt:6: ", 0), 0u) << problems[1];
}

}  // namespace
}  // namespace demarche::ui
