// A team's measure options with reasons: every measure its kind may use, on every target actor
// and public incident the measure's target spec allows, each legal or refused with the sentence
// Engine::check gives. What a briefing and an options panel list ("costs 3 capital, 1 left").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/Engine.hpp"

namespace demarche {

struct MeasureOption {
  int measure = -1;
  int target = -1;    // actor index, -1 when the measure takes none
  int incident = -1;  // incident index, -1 when the measure takes none
  // A listing (target: entities): the entities of one suspect, `owner`, that it would list —
  // those of the kinds the measure lists and not yet listed with it for this incident.
  int owner = -1;
  std::uint64_t entities = 0;
  int cost = 0;
  bool legal = false;
  ReasonCode reason = ReasonCode::None;  // None when legal
  std::string reasonText;                // Engine::check's message, "" when legal
};

// In catalogue order, then incident, then target. Left out, because they could never be
// chosen or would tell of something not yet known: measures the actor's kind may not use,
// the actor itself as a target, targets of a kind the measure is not aimed at (target_kinds),
// and incidents that are not public yet. A listing is offered once per public incident and
// suspect with entities it may list (all of that suspect's, left to the team to narrow down).
// Everything listed is
// answered exactly as Engine::check answers it (outside deliberation every option is refused
// with the phase's reason). The reasons read in `language` ("" = the scenario's).
std::vector<MeasureOption> measureOptions(const Engine& engine, const GameState& state, int actor,
                                          std::string_view language = {});

}  // namespace demarche
