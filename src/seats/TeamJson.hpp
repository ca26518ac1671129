// A team's view as the browser page reads it: JSON built only from the core's team view
// (buildTeamView) and the scenario's public names, never from the state itself; and the page's
// words in the reader's language, from the same catalogues as the window.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Engine.hpp"
#include "core/GameState.hpp"
#include "core/Options.hpp"

namespace demarche::seats {

struct SeatExtras {
  std::optional<double> secondsLeft;  // the deliberation countdown, when one runs
  bool ready = false;                 // the team said it is done with this deliberation
  std::string draft;                  // the page's unsent draft (JSON text), kept for a rejoin
  std::uint64_t version = 0;
};

// What one seat's last view was written from, so the next can reuse the text of its options
// (most of a view: ~600 options in a 30-actor scenario). The text is reused only when the new
// options are exactly the old ones, for the same actor and language: it is a function of those
// alone, so a reused text is byte for byte what writing it again would give. One per seat: a
// cache never serves another actor.
struct TeamJsonCache {
  int actor = -1;
  std::string language;
  std::vector<MeasureOption> options;
  std::string optionsText;  // the JSON array written from `options`
  int reused = 0;           // how many views reused the text (tests, benchmarks)
};

// {"type":"view", ...}: briefing, news and intelligence, incidents, evidence, assessments,
// capital and meters, measure options with their command lines, costs and refusal reasons, the
// queue, proposals sent and received with their replies, the phase and countdown, the recap.
// With `cache`, the options' text of the previous call is reused when the options are the same.
std::string teamViewJson(const Engine& engine, const GameState& state, int actor, std::string_view language,
                         const SeatExtras& extras, TeamJsonCache* cache = nullptr);

// The English keys of every word the page shows (assets/web/app.js's t("...")).
const std::vector<std::string_view>& pageWords();
// Installs the catalogue of every language the page offers (Ukrainian) from `assetsDir`/lang,
// so views and refusals can be given in a seat's own language. False, with why, when it fails.
bool installPageLanguages(const std::string& assetsDir, std::string& warning);

// {"type":"hello", "lang":..., "words":{english: translation}}, for `language` ("" = English).
std::string helloJson(std::string_view language, std::string_view actorId);

}  // namespace demarche::seats
