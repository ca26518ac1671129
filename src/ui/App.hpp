// The window: SFML 2.5 for the window and the situation map, Dear ImGui 1.86 (OpenGL2
// backend, our platform layer) for the panels. The loop draws at most 60 frames a second
// while something moves or a countdown runs, and otherwise only after input (pollEvent, a
// short sleep, a dirty flag). Rendering reads views and never changes the state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace demarche::ui {

struct AppOptions {
  std::string scenario;  // a scenario file to select (and start, with seats or a seed given)
  std::optional<std::uint64_t> seed;
  std::string seats;     // "ukr,eu,usa": the team seats
  std::string resume;    // a save to resume
  std::string language;  // "en", "uk"; "" = the remembered one (English at first)
  float scale = 0;       // 1.0 .. 2.5; 0 = the remembered one (1.0 at first)
  bool highContrast = false;
  bool watch = false;      // reload the scenario when it changes on disk (authors)
  int frames = 0;          // render this many frames, then exit (0 = run until closed)
  std::string screenshot;  // with frames or a script: written when they are done
  std::string uiScript;
  std::string log;  // the session log written at exit
  std::string saveDir = "out";
  std::string pin;
  int width = 1280, height = 800;
  std::string assetsDir;     // "" = the installed/source assets
  std::string scenariosDir;  // "" = the installed/source scenarios
  bool allPanels = false;    // every panel open at once (benchmarks)
  std::string frameTimes;    // write the CPU time of building each frame's UI here (benchmarks)
  std::string serve;         // "[ADDRESS:]PORT": serve the team seats to browsers (src/seats)
};

// True when a window can be opened (an X display is set).
bool displayAvailable();

// Runs the window; returns the exit code (0, 1 a failed script step, 2 usage/file errors).
int runApp(const AppOptions& options);

}  // namespace demarche::ui
