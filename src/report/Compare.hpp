// Two outcomes side by side (core/Compare.hpp) as Markdown, a self-contained HTML page, or
// JSON: `demarche compare SAVE_A SAVE_B --report FILE`.
#pragma once

#include <string>

#include "core/Compare.hpp"
#include "report/Report.hpp"

namespace demarche::report {

std::string renderComparison(const Comparison& c, Format format);

}  // namespace demarche::report
