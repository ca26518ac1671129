// libFuzzer target: a scenario file from memory through the loader and the validator (both
// passes, includes resolved against scenarios/), then, when it loads, a short bounded play:
// two turns of random legal moves, so a scenario that loads cannot crash the engine either.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "core/Engine.hpp"
#include "core/RandomPolicy.hpp"
#include "core/Session.hpp"
#include "scenario/Loader.hpp"

namespace {

constexpr int kTurnsPlayed = 2;
constexpr std::size_t kMaxCommandsPerRound = 64;

void playBriefly(const demarche::ScenarioDef& def) {
  using namespace demarche;
  const Engine engine(def);
  Session session(engine, 1,
                  std::vector<Seat>(def.actors.size(), Seat{SeatKind::Random, kDifficultyStandard}));
  RandomPolicy policy(7);
  std::vector<Command> commands;
  for (int step = 0; step < 4 * kTurnsPlayed && session.state().phase != Phase::Ended; ++step) {
    if (session.state().phase == Phase::Deliberation) {
      for (int actor = 0; actor < static_cast<int>(def.actors.size()); ++actor) {
        commands.clear();
        policy.act(engine, session.state(), actor, 0, commands);
        for (std::size_t i = 0; i < commands.size() && i < kMaxCommandsPerRound; ++i)
          session.submit(commands[i], Sender::ai(actor));
      }
    }
    session.submit(EndPhase{}, Sender::facilitator());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  demarche::scenario::LoadOptions options;
  options.maxDiagnostics = 20;
  const auto result =
      demarche::scenario::loadScenarioFromString(text, DEMARCHE_SOURCE_DIR "/scenarios/fuzz.yaml", options);
  (void)demarche::scenario::formatDiagnostics(result);  // the caret and source-line code too
  // A scenario without any evidence is played too: the first finding (docs/reliability.md,
  // &seen[0] of an empty vector in Engine::Impl::recomputeBelief) is fixed.
  if (result.scenario) playBriefly(*result.scenario);
  return 0;
}
