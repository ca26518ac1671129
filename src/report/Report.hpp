// After-action report renderers: the debrief (core/AfterAction.hpp) as a markdown page, a
// self-contained HTML page with inline SVG charts (for a projector; no external assets), or
// JSON with everything the GUI's debrief needs. `demarche run --report FILE` picks the format
// by FILE's extension.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "core/AfterAction.hpp"

namespace demarche::report {

enum class Format { Markdown, Html, Json };

// .md / .markdown -> Markdown, .html / .htm -> Html, .json -> Json; nullopt otherwise.
std::optional<Format> formatForPath(const std::filesystem::path& path);

std::string renderMarkdown(const AfterAction& aa);
std::string renderHtml(const AfterAction& aa);
std::string renderJson(const AfterAction& aa);
std::string render(const AfterAction& aa, Format format);

// Stable lower-case names used in the JSON and the pages (an ending's kind is spelled as in
// the YAML: core/Names.hpp).
std::string_view eventKindName(EventKind kind);
// Text made safe for HTML element content and double-quoted attributes (& < > ").
std::string htmlEscape(std::string_view text);  // "measure_resolved", ...

}  // namespace demarche::report
