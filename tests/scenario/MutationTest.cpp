// Seeded random mutations of the shipped scenarios and valid fixtures: whatever the bytes,
// the loader returns a scenario or diagnostics — it never throws or crashes, and its work
// stays within its budgets (counted, not timed: a hang is caught by the ctest timeout).
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenario/Loader.hpp"

namespace fs = std::filesystem;
using namespace demarche::scenario;

namespace {

// splitmix64: our own generator, so the sequence is the same on every platform.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : m_state(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }

 private:
  std::uint64_t m_state;
};

std::vector<fs::path> seedFiles() {
  std::vector<fs::path> files;
  const fs::path source = DEMARCHE_SOURCE_DIR;
  for (const fs::path& dir : {source / "scenarios", source / "tests/fixtures/valid"}) {
    if (!fs::exists(dir)) continue;
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.path().extension() == ".yaml") files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<std::string> splitLines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string joinLines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

std::string mutate(const std::string& original, Rng& rng) {
  static const char* kGarbage[] = {"{",    "}",      "[",      "]",  ":",
                                   ",",    "&a ",    "*a",     "- ", "? ",
                                   "\"",   "'",      "|",      ">",  "---",
                                   "\t",   "#",      "!!str ", "~",  "\xC3",
                                   "\xFF", "1e999",  ".nan",   "-1", "99999999999999999999",
                                   "&&",   "trust(", ")",      "\\", "\n  ",
                                   "null"};
  std::string text = original;
  const int edits = 1 + static_cast<int>(rng.below(4));
  for (int e = 0; e < edits; ++e) {
    auto lines = splitLines(text);
    if (lines.empty()) lines.push_back("");
    const std::size_t i = rng.below(lines.size()), j = rng.below(lines.size());
    switch (rng.below(8)) {
      case 0:
        lines.erase(lines.begin() + static_cast<std::ptrdiff_t>(i));
        break;
      case 1:
        lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(i), lines[j]);
        break;
      case 2:
        std::swap(lines[i], lines[j]);
        break;
      case 3: {  // insert garbage inside a line
        std::string& l = lines[i];
        l.insert(rng.below(l.size() + 1), kGarbage[rng.below(std::size(kGarbage))]);
        break;
      }
      case 4: {  // change a number
        std::string& l = lines[i];
        const auto p = l.find_first_of("0123456789");
        if (p != std::string::npos)
          l.replace(p, 1, std::to_string(rng.below(2000)) + (rng.below(2) ? ".5" : ""));
        break;
      }
      case 5: {  // delete a byte range
        std::string& l = lines[i];
        if (!l.empty()) l.erase(rng.below(l.size()), 1 + rng.below(8));
        break;
      }
      case 6: {  // swap two tokens of a line
        std::string& l = lines[i];
        const std::size_t a = rng.below(l.size() + 1), b = rng.below(l.size() + 1);
        if (a < b)
          std::reverse(l.begin() + static_cast<std::ptrdiff_t>(a),
                       l.begin() + static_cast<std::ptrdiff_t>(b));
        break;
      }
      default: {  // change indentation
        std::string& l = lines[i];
        if (rng.below(2) && !l.empty() && l[0] == ' ')
          l.erase(0, 1 + rng.below(2));
        else
          l.insert(0, 1 + rng.below(3), ' ');
        break;
      }
    }
    text = joinLines(lines);
  }
  return text;
}

TEST(Mutation, LoaderOnlyEverReturnsAScenarioOrDiagnostics) {
  const auto files = seedFiles();
  ASSERT_FALSE(files.empty());
  Rng rng(20240601);
  constexpr int kMutations = 3000;
  int withErrors = 0;
  for (int n = 0; n < kMutations; ++n) {
    const fs::path& file = files[static_cast<std::size_t>(n) % files.size()];
    std::ifstream in(file, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    const std::string text = mutate(buffer.str(), rng);
    LoadResult result;
    // Loaded under the original path, so relative includes still resolve.
    ASSERT_NO_THROW(result = loadScenarioFromString(text, file))
        << "mutation " << n << " of " << file << ":\n"
        << text;
    ASSERT_LE(result.work.visitBudget, 2 * result.work.yamlNodes + 10000 * result.work.files)
        << "mutation " << n << " of " << file;
    ASSERT_LE(result.work.nodesVisited, result.work.visitBudget) << "mutation " << n << " of " << file;
    ASSERT_EQ(result.ok(), result.errorCount() == 0 && result.suppressed == 0);
    if (!result.ok()) {
      ++withErrors;
      ASSERT_FALSE(result.diagnostics.empty());
    }
    ASSERT_NO_THROW((void)formatDiagnostics(result));
  }
  // The mutations must actually exercise the error paths.
  EXPECT_GT(withErrors, kMutations / 4);
}

}  // namespace
