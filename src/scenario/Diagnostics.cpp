// Formatting of loader diagnostics and "did you mean" suggestions.
#include "scenario/Diagnostics.hpp"

#include <algorithm>

#include "core/Suggest.hpp"

namespace demarche::scenario {

std::string_view severityName(Severity severity) { return severity == Severity::Error ? "error" : "warning"; }

void SourceCache::add(std::string file, std::string text) {
  m_sources.insert_or_assign(std::move(file), Source{std::move(text), {}});
}

std::string_view SourceCache::line(const std::string& file, int line) const {
  auto it = m_sources.find(file);
  if (it == m_sources.end() || line < 1) return {};
  const Source& source = it->second;
  if (source.lineStarts.empty()) {
    source.lineStarts.push_back(0);
    for (std::size_t i = 0; i < source.text.size(); ++i) {
      if (source.text[i] == '\n') source.lineStarts.push_back(i + 1);
    }
  }
  const auto index = static_cast<std::size_t>(line - 1);
  if (index >= source.lineStarts.size()) return {};
  const std::size_t start = source.lineStarts[index];
  std::size_t end =
      index + 1 < source.lineStarts.size() ? source.lineStarts[index + 1] - 1 : source.text.size();
  std::string_view text(source.text);
  text = text.substr(start, end - start);
  if (!text.empty() && text.back() == '\r') text.remove_suffix(1);
  return text;
}

namespace {

bool isContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

constexpr std::size_t kShownLineBytes = 160;

// The line as it can be shown on a terminal: control bytes and broken UTF-8 become '?'
// (one byte each, so the caret still lines up).
std::string printable(std::string_view line) {
  std::string out(line);
  const auto* b = reinterpret_cast<const unsigned char*>(line.data());
  for (std::size_t i = 0; i < line.size();) {
    const unsigned char c = b[i];
    if (c < 0x80) {
      if ((c < 0x20 && c != '\t') || c == 0x7F) out[i] = '?';
      ++i;
      continue;
    }
    const std::size_t length = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    bool ok = length > 0 && i + length <= line.size();
    for (std::size_t k = 1; ok && k < length; ++k) ok = (b[i + k] & 0xC0) == 0x80;
    if (!ok) {
      out[i] = '?';
      ++i;
      continue;
    }
    i += length;
  }
  return out;
}

}  // namespace

std::string formatDiagnostic(const Diagnostic& d, const SourceCache& sources, bool colour) {
  const char* bold = colour ? "\033[1m" : "";
  const char* reset = colour ? "\033[0m" : "";
  const char* tint = !colour ? "" : d.severity == Severity::Error ? "\033[1;31m" : "\033[1;33m";
  std::string out;
  out += bold;
  out += d.file;
  if (d.line > 0) {
    // Appended piecewise: `":" + std::to_string(...)` trips a GCC 12 -Wrestrict false positive.
    out += ':';
    out += std::to_string(d.line);
    out += ':';
    out += std::to_string(std::max(d.column, 1));
  }
  out += ":";
  out += reset;
  out += " ";
  out += tint;
  out += severityName(d.severity);
  out += '[';
  out += d.code;
  out += ']';
  out += reset;
  out += ": " + d.message + "\n";
  if (d.line > 0) {
    std::string_view text = sources.line(d.file, d.line);
    auto caretAt = static_cast<std::size_t>(std::max(d.column, 1) - 1);
    if (caretAt > text.size()) caretAt = text.size();
    // Very long lines (minified files) are shown as a window around the column.
    std::size_t start = 0;
    if (text.size() > kShownLineBytes && caretAt > kShownLineBytes / 2) start = caretAt - kShownLineBytes / 2;
    while (start > 0 && start < text.size() && isContinuation(text[start])) --start;
    std::size_t end = std::min(text.size(), start + kShownLineBytes);
    while (end < text.size() && isContinuation(text[end])) ++end;
    const std::string shown = printable(text.substr(start, end - start));
    if (!text.empty()) {
      out += "    ";
      out += shown;
      out += "\n    ";
      for (std::size_t i = start; i < caretAt && i < end; ++i) {
        const char c = shown[i - start];
        if (isContinuation(c)) continue;  // one caret column per character
        out += c == '\t' ? '\t' : ' ';
      }
      out += tint;
      out += "^";
      out += reset;
      out += "\n";
    }
  }
  if (!d.suggestion.empty()) out += "    help: " + d.suggestion + "\n";
  return out;
}

std::string closestMatch(std::string_view word, const std::vector<std::string>& candidates) {
  if (word.empty() || word.size() > 64) return {};
  return closestWord(word, candidates, std::max<std::size_t>(1, std::min<std::size_t>(3, word.size() / 3)));
}

}  // namespace demarche::scenario
