// Diagnostics of the scenario loader: what went wrong, where (file:line:col), and how to
// format it for a terminal the way compilers do (source line and caret).
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace demarche::scenario {

enum class Severity { Error, Warning };

// One problem in a scenario file. Codes are stable and catalogued in
// docs/scenario-format.md: E1xx file, E2xx structure, E3xx expressions, E4xx meaning,
// W5xx warnings.
struct Diagnostic {
  std::string file;  // the path as shown to the user (as given, or relative to LoadOptions::displayBase)
  int line = 0;      // 1-based; 0 when the problem concerns the whole file
  int column = 0;    // 1-based, in bytes of the line
  Severity severity = Severity::Error;
  std::string code;        // "E201"
  std::string message;     // what is wrong and what was expected
  std::string suggestion;  // "did you mean 'name'?" or empty
};

std::string_view severityName(Severity severity);  // "error" | "warning"

// The text of every file a load read, for printing source lines. Lines are indexed
// lazily, the first time a diagnostic of that file is formatted.
class SourceCache {
 public:
  void add(std::string file, std::string text);
  // The line (without its newline), or empty when unknown.
  std::string_view line(const std::string& file, int line) const;

 private:
  struct Source {
    std::string text;
    mutable std::vector<std::size_t> lineStarts;  // built on first use
  };
  std::map<std::string, Source> m_sources;
};

// `file:line:col: error[CODE]: message`, the source line, a caret under the column, and
// a `help:` line when there is a suggestion. Ends with a newline. `colour` adds ANSI codes.
std::string formatDiagnostic(const Diagnostic& diagnostic, const SourceCache& sources, bool colour = false);

// The closest of `candidates` to `word` by edit distance, if close enough to be a likely
// typo; else empty. Ties go to the earliest candidate, so results are deterministic.
std::string closestMatch(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace demarche::scenario
