// --ui-script FILE: a list of UI actions played through the same table actions as the
// buttons (docs/ui-script.md lists them). One action per line, words separated by spaces,
// "quoted text" for messages and reasons, '#' starts a comment:
//
//   teams ukr,eu            start             call eu       take        panel measures
//   measure forensic_investigation incident=grid_attack     done        phase
//   propose to=eu terms=joint_attribution incident=grid_attack naming=rus "Attribute together?"
//   reply last accept "We share your evidence"              facilitator pin 1234
//   pause  resume  inject ID  adjust ACTOR METER DELTA "reason"  reveal  undo  end
//   takeover ACTOR  handback ACTOR [novice|standard|expert]  timer +5  debrief
//   frames N   idle SECONDS   screenshot FILE   expect screen team|room|handover|end|start
//   expect refused   expect accepted   expect phase deliberation   expect turn 3
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ui/Panels.hpp"
#include "ui/Table.hpp"

namespace demarche::ui {

struct ScriptStep {
  int line = 0;
  std::vector<std::string> words;                          // the action and its plain arguments
  std::vector<std::pair<std::string, std::string>> named;  // key=value arguments
  std::vector<std::string> quoted;                         // "quoted" arguments
};

struct ScriptParse {
  std::vector<ScriptStep> steps;
  std::string error;  // "FILE:LINE:COL: ..." when the file is malformed
};
ScriptParse parseScript(std::string_view text, const std::string& file);
ScriptParse readScript(const std::filesystem::path& file);

// What the window must do after a step.
struct StepResult {
  enum class Kind : std::uint8_t { Done, Frames, Screenshot, Idle, Failed } kind = Kind::Done;
  int frames = 0;
  double seconds = 0;  // Idle: how long the window sits without input (benchmarks)
  std::string path;    // Screenshot
  std::string error;   // Failed: "FILE:LINE: ..." (a step that could not be done, or an expect that failed)
};

// Plays one step on the table and the panels' state.
StepResult performStep(const ScriptStep& step, const std::string& file, Table& table, UiState& ui);

}  // namespace demarche::ui
