// The debrief on screen: the ending and the objectives (score of maximum), charts of tension
// (with the rungs' thresholds), meters and trust over the turns, the hidden truth beside each
// actor's final assessment (planted items marked), the timeline filtered by actor, turn and
// kind (quiet by default), the discussion questions, and export as HTML, Markdown and JSON.
// At the end it is everyone's; before the end only the facilitator opens it (it holds the truth).
#pragma once

#include <vector>

#include "ui/Fonts.hpp"
#include "ui/Panels.hpp"
#include "ui/Strings.hpp"
#include "ui/Table.hpp"

namespace demarche::ui {

// A colour-blind-safe palette (Okabe–Ito, then Tol's muted): distinct for ten actors.
unsigned seriesColour(std::size_t index);  // ImU32

void debriefWindow(Table& table, UiState& ui, const Fonts& fonts, const Strings& tr, const Layout& layout);

}  // namespace demarche::ui
