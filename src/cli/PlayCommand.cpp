// `demarche play [SCENARIO]`: the window (src/ui). With no display it says so in one line and
// plays the headless demo instead.
#include <iostream>
#include <memory>

#include "cli/Commands.hpp"
#include "cli/PlaySupport.hpp"
#include "ui/App.hpp"

namespace demarche::cli {
namespace {

constexpr const char* kDefaultScenario = DEMARCHE_SOURCE_DIR "/scenarios/winter-grid.yaml";

int play(const ui::AppOptions& options) {
  if (!ui::displayAvailable() && !options.serve.empty()) {
    std::cerr << "play: --serve needs a display for the window; without one, serve the seats with "
                 "demarche serve SCENARIO --seats ... --listen [ADDRESS:]PORT\n";
    return kExitUsage;
  }
  if (!ui::displayAvailable() && options.frames == 0 && options.uiScript.empty()) {
    std::cout << "demarche: no display (DISPLAY is not set), so no window: playing the headless demo "
                 "instead (AI on every seat)\n";
    return runHeadlessDemo(options.scenario.empty() ? kDefaultScenario : options.scenario);
  }
  if (!ui::displayAvailable()) {
    std::cerr << "play: --frames and --ui-script need a display; run under xvfb-run -a\n";
    return kExitUsage;
  }
  return ui::runApp(options);
}

}  // namespace

int playDefault() { return play(ui::AppOptions{}); }

void addPlayCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<ui::AppOptions>();
  auto seed = std::make_shared<std::uint64_t>(0);
  CLI::App* command = app.add_subcommand(
      "play",
      "Open the window: the start screen, or SCENARIO with --seats (the actors played by teams; AI plays\n"
      "the others) started at once. F10 opens the facilitator's panel. With no display, plays the\n"
      "headless demo. Exit codes: 0 closed, 1 a --ui-script step failed, 2 usage error or unreadable file.");
  command->add_option("scenario", options->scenario, "Scenario file (YAML) to select or start");
  CLI::Option* seedOption =
      command->add_option("--seed", *seed, "Random seed, 0..2^53 (default: the scenario's)")
          ->check(seedValidator());
  command->add_option("--seats", options->seats, "Actors played by teams, e.g. ukr,eu,usa (the others: AI)");
  command->add_option("--resume", options->resume, "Continue from this save (replayed and checked first)");
  command
      ->add_option("--lang", options->language,
                   "Language of the window: en or uk (default: the last one, en at first)")
      ->check(CLI::IsMember({"en", "uk"}));
  command->add_flag("--watch", options->watch,
                    "Reload SCENARIO when it or an include changes on disk; offer to replay the log onto it");
  command->add_flag("--high-contrast", options->highContrast,
                    "Black, white and yellow (F9 switches; remembered)");
  command
      ->add_option("--scale", options->scale,
                   "Projector scale, 1.0 .. 2.5 (default: the last one, 1.0 at first)")
      ->check(CLI::Range(1.0f, 2.5f));
  command->add_option("--pin", options->pin, "The facilitator panel's PIN (default: none)");
  command->add_option("--frames", options->frames, "Render this many frames, then exit")
      ->check(CLI::Range(1, 1000000));
  command->add_option("--screenshot", options->screenshot,
                      "Write a PNG of the last frame (with --frames) or when the --ui-script ends");
  command->add_option("--ui-script", options->uiScript, "Play this list of UI actions (docs/ui-script.md)");
  command->add_option("--log", options->log, "Write the session log (a save) here at exit");
  command->add_option("--scenarios", options->scenariosDir,
                      "Folder the start screen lists (default: scenarios/)");
  command->add_option("--save-dir", options->saveDir,
                      "Folder of the autosave and the debrief (default: out)");
  command->add_option("--width", options->width, "Window width in pixels (default 1280)")
      ->check(CLI::Range(640, 7680));
  command->add_option("--height", options->height, "Window height in pixels (default 800)")
      ->check(CLI::Range(480, 4320));
  command->add_flag("--all-panels", options->allPanels, "Every team panel open at once (benchmarks)");
  command->add_option("--serve", options->serve,
                      "Serve the team seats to browsers on [ADDRESS:]PORT (127.0.0.1 unless an address is "
                      "given; needs SCENARIO and --seats): the facilitator panel lists the join codes");
  command->add_option("--frame-times", options->frameTimes, "Write each frame's UI build time (ms CPU) here");
  command->callback([options, seed, seedOption, &exitCode] {
    if (seedOption->count() > 0) options->seed = *seed;
    if (!options->resume.empty() && options->scenario.empty()) {
      std::cerr << "play: --resume needs the SCENARIO it was played with\n";
      exitCode = kExitUsage;
      return;
    }
    if (!options->serve.empty() &&
        (options->scenario.empty() || (options->seats.empty() && options->resume.empty()))) {
      std::cerr << "play: --serve needs SCENARIO and --seats (the actors the teams play), e.g. "
                   "demarche play scenarios/winter-grid.yaml --seats ukr,pol --serve 8080\n";
      exitCode = kExitUsage;
      return;
    }
    exitCode = play(*options);
  });
}

}  // namespace demarche::cli
