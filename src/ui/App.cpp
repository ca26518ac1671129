#include "ui/App.hpp"

#include <backends/imgui_impl_opengl2.h>
#include <imgui.h>

#include <SFML/Graphics.hpp>
#include <SFML/Window/Clipboard.hpp>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "core/Save.hpp"
#include "seats/TeamJson.hpp"
#include "ui/BrowserSeats.hpp"
#include "ui/Fonts.hpp"
#include "ui/Panels.hpp"
#include "ui/Platform.hpp"
#include "ui/Script.hpp"
#include "ui/Settings.hpp"
#include "ui/SituationMap.hpp"
#include "ui/Strings.hpp"
#include "ui/Table.hpp"

namespace demarche::ui {
namespace fs = std::filesystem;

namespace {

// Taken when the program is loaded (static initialisation, before main): "process start" for
// the start-to-first-frame figure.
const auto kProcessStart = std::chrono::steady_clock::now();

std::string g_clipboard;
const char* getClipboard(void*) {
  const auto utf8 = sf::Clipboard::getString().toUtf8();
  g_clipboard.assign(utf8.begin(), utf8.end());
  return g_clipboard.c_str();
}
void setClipboard(void*, const char* text) {
  sf::Clipboard::setString(sf::String::fromUtf8(text, text + std::strlen(text)));
}

double cpuSeconds(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

fs::path findDir(const std::string& given, const char* built) {
  if (!given.empty()) return given;
  return built;
}

void applyTheme(float scale, bool highContrast) {
  ImGuiStyle style;
  ImGui::StyleColorsDark(&style);
  if (highContrast) {
    // For bright rooms and weak projectors: black, white and yellow, thick edges.
    style.WindowBorderSize = style.FrameBorderSize = 2;
    ImVec4* c = style.Colors;
    c[ImGuiCol_Text] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_TextDisabled] = ImVec4(0.8f, 0.8f, 0.8f, 1);
    c[ImGuiCol_WindowBg] = c[ImGuiCol_PopupBg] = ImVec4(0, 0, 0, 1);
    c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
    c[ImGuiCol_Border] = ImVec4(1, 0.9f, 0.2f, 1);  // yellow edges on every window, field and button
    c[ImGuiCol_TitleBg] = c[ImGuiCol_TitleBgActive] = ImVec4(0.2f, 0.2f, 0.2f, 1);
    c[ImGuiCol_FrameBg] = ImVec4(0.12f, 0.12f, 0.12f, 1);
    c[ImGuiCol_Button] = ImVec4(0.12f, 0.12f, 0.12f, 1);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.4f, 0.35f, 0, 1);
    c[ImGuiCol_ButtonActive] = ImVec4(0.55f, 0.5f, 0, 1);
    c[ImGuiCol_Header] = c[ImGuiCol_Tab] = ImVec4(0.3f, 0.3f, 0.3f, 1);
    c[ImGuiCol_HeaderHovered] = c[ImGuiCol_TabHovered] = ImVec4(0.5f, 0.5f, 0.5f, 1);
    c[ImGuiCol_TabActive] = ImVec4(0.45f, 0.4f, 0, 1);
    c[ImGuiCol_PlotHistogram] = ImVec4(1, 0.85f, 0.1f, 1);
    c[ImGuiCol_CheckMark] = ImVec4(1, 0.9f, 0.2f, 1);
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
    return;
  }
  style.WindowRounding = 6;
  style.FrameRounding = 4;
  style.GrabRounding = 4;
  style.TabRounding = 4;
  style.WindowPadding = ImVec2(12, 10);
  style.ItemSpacing = ImVec2(8, 6);
  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = ImVec4(0.07f, 0.09f, 0.14f, 1.0f);
  c[ImGuiCol_ChildBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_TitleBg] = c[ImGuiCol_TitleBgActive] = ImVec4(0.10f, 0.16f, 0.28f, 1);
  c[ImGuiCol_Button] = ImVec4(0.18f, 0.34f, 0.60f, 1);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.25f, 0.45f, 0.78f, 1);
  c[ImGuiCol_ButtonActive] = ImVec4(0.30f, 0.52f, 0.88f, 1);
  c[ImGuiCol_Header] = ImVec4(0.16f, 0.26f, 0.44f, 1);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.22f, 0.36f, 0.60f, 1);
  c[ImGuiCol_Tab] = ImVec4(0.12f, 0.20f, 0.34f, 1);
  c[ImGuiCol_TabActive] = ImVec4(0.22f, 0.40f, 0.70f, 1);
  c[ImGuiCol_TabHovered] = ImVec4(0.28f, 0.48f, 0.80f, 1);
  c[ImGuiCol_FrameBg] = ImVec4(0.13f, 0.17f, 0.26f, 1);
  c[ImGuiCol_PlotHistogram] = ImVec4(0.36f, 0.62f, 0.95f, 1);
  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
}

// The measures that resolved after timeline position `after`, as the room may see them (a
// failed measure is its actor's business: the projector's map does not show it).
std::vector<MapPulse> pulsesOf(const RoomView& room, int after) {
  std::vector<MapPulse> out;
  for (const TimelineEntry& e : room.timeline)
    if (e.index > after && e.kind == EventKind::MeasureResolved && !e.actor.empty())
      out.push_back({e.actor, e.target, true});
  return out;
}

}  // namespace

bool displayAvailable() {
  const char* display = std::getenv("DISPLAY");
  return display && *display;
}

int runApp(const AppOptions& given) {
  const fs::path assets = findDir(given.assetsDir, DEMARCHE_ASSETS_DIR);
  const fs::path scenarios = findDir(given.scenariosDir, DEMARCHE_SCENARIOS_DIR);

  // The remembered settings; the command line wins for this run. Scripted and --frames runs
  // (tests, screenshots) neither read nor write them, so they look the same on every machine.
  const bool persist = given.uiScript.empty() && given.frames == 0;
  const std::optional<fs::path> settingsFile = persist ? settingsPath() : std::nullopt;
  Settings settings = settingsFile ? readSettings(*settingsFile) : Settings{};
  const Settings remembered = settings;
  AppOptions options = given;
  if (options.scale <= 0) options.scale = settings.scale;
  if (options.language.empty()) options.language = settings.language;
  if (options.highContrast) settings.highContrast = true;
  if (given.scale > 0) settings.scale = given.scale;
  if (!given.language.empty()) settings.language = given.language == "en" ? "" : given.language;

  Strings tr;
  std::string langWarning;
  if (!tr.load(assets, options.language, langWarning)) std::cerr << "demarche: " << langWarning << "\n";
  installCatalogue(tr);  // the core's sentences (timeline, refusal reasons) speak the window's language

  TableOptions tableOptions;
  tableOptions.scenariosDir = scenarios;
  tableOptions.saveDir = options.saveDir;
  tableOptions.language = options.language == "en" ? std::string() : options.language;
  tableOptions.openReportFolder = options.uiScript.empty() && options.frames == 0;
  Table table(tableOptions);
  if (!langWarning.empty()) table.notify(langWarning, true);
  table.pin = options.pin;
  table.watch = options.watch;
  if (!options.scenario.empty()) {
    std::error_code ec;
    if (!fs::is_regular_file(options.scenario, ec)) {
      std::cerr << "play: cannot read '" << options.scenario << "': no such file\n";
      return 2;
    }
    table.addScenario(options.scenario);
  }
  if (options.seed) table.seed = *options.seed;
  table.teamsInBrowsers = !options.serve.empty();
  if (!options.seats.empty() && !table.setTeams(options.seats, !options.serve.empty())) {
    std::cerr << "play: --seats " << options.seats << ": " << table.notices().back().text << "\n";
    return 2;
  }
  if (!options.resume.empty()) {
    if (!table.resume(options.resume)) {
      std::cerr << "play: " << table.notices().back().text << "\n";
      return 2;
    }
  } else if (!options.scenario.empty() && (!options.seats.empty() || options.seed)) {
    table.start();
  }

  // Team seats in browsers: the server runs beside the window; its queue is drained below, in
  // this loop, so the table is only ever touched from this thread.
  std::unique_ptr<BrowserSeats> browserSeats;
  if (!options.serve.empty()) {
    std::string error;
    const auto listen = seats::parseListenAddress(options.serve, error);
    if (!listen) {
      std::cerr << "play: --serve " << error << "\n";
      return 2;
    }
    std::string warning;
    if (!seats::installPageLanguages(assets.string(), warning)) std::cerr << "demarche: " << warning << "\n";
    seats::ServerOptions serverOptions;
    serverOptions.address = listen->first;
    serverOptions.port = listen->second;
    serverOptions.webRoot = assets / "web";
    browserSeats = BrowserSeats::start(table, serverOptions, error);
    if (!browserSeats) {
      std::cerr << "play: --serve: " << error << "\n";
      return 2;
    }
    std::cout << "team seats in browsers: " << browserSeats->url() << "\n";
    for (const seats::SeatStatus& s : browserSeats->status())
      std::cout << "seat " << s.actorId << " code " << s.code << " " << browserSeats->joinUrl(s.actor)
                << "\n";
    std::cout << std::flush;
  }

  ScriptParse script;
  if (!options.uiScript.empty()) {
    script = readScript(options.uiScript);
    if (!script.error.empty()) {
      std::cerr << script.error << "\n";
      return 2;
    }
  }

  sf::RenderWindow window(
      sf::VideoMode(static_cast<unsigned>(options.width), static_cast<unsigned>(options.height)), "Démarche",
      sf::Style::Default);
  window.setPosition({0, 0});
  window.setFramerateLimit(60);
  window.setKeyRepeatEnabled(true);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  io.GetClipboardTextFn = getClipboard;
  io.SetClipboardTextFn = setClipboard;
  InputQueue::setUpKeyMap(io);
  ImGui_ImplOpenGL2_Init();
  float scale = std::clamp(options.scale, 1.0f, 2.5f);
  Fonts fonts;
  buildFonts(*io.Fonts, scale, fonts);
  ImGui_ImplOpenGL2_CreateFontsTexture();
  applyTheme(scale, settings.highContrast);
  if (!fonts.warning.empty()) std::cerr << "demarche: " << fonts.warning << "\n";

  SituationMap map;
  std::string mapWarning;
  if (!map.loadOutlines(assets.string(), mapWarning)) std::cerr << "demarche: " << mapWarning << "\n";

  UiState ui;
  ui.allPanels = options.allPanels;
  ui.browserSeats = browserSeats.get();
  InputQueue input;
  std::ofstream frameTimes;
  double pumpSeconds = 0;  // this thread's CPU in BrowserSeats::pump since the last frame drawn
  if (!options.frameTimes.empty()) frameTimes.open(options.frameTimes);

  int exitCode = 0;
  std::size_t nextStep = 0;
  int waitFrames = 0;
  int framesDrawn = 0;
  int redraw = 3;  // frames still to draw after a change (ImGui settles in two)
  std::string pendingShot;
  std::uint64_t seenVersion = 0;
  int seenEvent = -1;     // the last timeline position the map has animated
  int lastProgress = -1;  // a background simulation's progress last drawn (in fives)
  int lastSecond = -1;
  sf::Clock clock;
  double now = 0;
  bool firstFrameReported = false;
  double idleUntil = 0;  // a script's "idle": no scripted redraws until then

  while (window.isOpen()) {
    sf::Event event;
    while (window.pollEvent(event)) {
      if (event.type == sf::Event::Closed) window.close();
      if (event.type == sf::Event::KeyPressed && event.key.control &&
          (event.key.code == sf::Keyboard::Add || event.key.code == sf::Keyboard::Equal ||
           event.key.code == sf::Keyboard::Subtract || event.key.code == sf::Keyboard::Hyphen)) {
        // Ctrl+ / Ctrl-: the projector scale, fonts rebuilt at the new size (crisp, not stretched).
        const bool larger = event.key.code == sf::Keyboard::Add || event.key.code == sf::Keyboard::Equal;
        const float next = std::clamp(scale + (larger ? 0.25f : -0.25f), 1.0f, 2.5f);
        if (next != scale) {
          scale = next;
          ImGui_ImplOpenGL2_DestroyFontsTexture();
          buildFonts(*io.Fonts, scale, fonts);
          ImGui_ImplOpenGL2_CreateFontsTexture();
          applyTheme(scale, settings.highContrast);
          settings.scale = scale;
          table.notify("Scale " + std::to_string(static_cast<int>(scale * 100)) + " %");
        }
        redraw = 3;
        continue;
      }
      if (event.type == sf::Event::KeyPressed && event.key.code == sf::Keyboard::F9) {
        settings.highContrast = !settings.highContrast;  // F9: the high-contrast theme
        applyTheme(scale, settings.highContrast);
        redraw = 3;
        continue;
      }
      if (event.type == sf::Event::KeyPressed && event.key.code == sf::Keyboard::F10) {
        if (table.running()) ui.facilitatorOpen = !ui.facilitatorOpen;
        redraw = 3;
        continue;
      }
      if (event.type == sf::Event::Resized)
        window.setView(sf::View(sf::FloatRect(0, 0, static_cast<float>(event.size.width),
                                              static_cast<float>(event.size.height))));
      if (input.push(event)) redraw = 3;
    }
    if (!window.isOpen()) break;
    const float dt = clock.restart().asSeconds();
    now += dt;
    table.tick(now);
    table.pollFiles(now);
    if (browserSeats) {
      // The browsers' drain runs on this thread between frames: --frame-times gives its cost too.
      const double pumpStart = cpuSeconds(CLOCK_THREAD_CPUTIME_ID);
      browserSeats->pump();
      pumpSeconds += cpuSeconds(CLOCK_THREAD_CPUTIME_ID) - pumpStart;
    }

    // The script: one step per frame once the previous one has been drawn.
    if (!script.steps.empty() && waitFrames == 0 && pendingShot.empty() && now >= idleUntil) {
      if (nextStep < script.steps.size()) {
        const StepResult r = performStep(script.steps[nextStep++], options.uiScript, table, ui);
        redraw = 3;
        waitFrames = 2;  // let the action show (frame 1 of a new layout is not final)
        if (r.kind == StepResult::Kind::Failed) {
          std::cerr << r.error << "\n";
          exitCode = 1;
          window.close();
          break;
        }
        if (r.kind == StepResult::Kind::Frames) waitFrames = r.frames;
        if (r.kind == StepResult::Kind::Screenshot) pendingShot = r.path;
        if (r.kind == StepResult::Kind::Idle) {
          idleUntil = now + r.seconds;
          waitFrames = 0;
        }
      } else {
        if (!options.screenshot.empty()) pendingShot = options.screenshot;
        script.steps.clear();
        if (pendingShot.empty()) {
          window.close();
          break;
        }
      }
    }
    if (options.frames > 0 && options.uiScript.empty() && framesDrawn + 1 == options.frames &&
        !options.screenshot.empty())
      pendingShot = options.screenshot;

    if (table.version() != seenVersion && table.running()) {
      const RoomView& room = table.roomView();
      const int last = room.timeline.empty() ? -1 : room.timeline.back().index;
      if (last < seenEvent) seenEvent = -1;  // undone
      std::vector<MapPulse> pulses = pulsesOf(room, seenEvent);
      if (!pulses.empty()) map.animate(std::move(pulses));
      seenEvent = last;
    }
    if (table.version() != seenVersion) {
      seenVersion = table.version();
      redraw = std::max(redraw, 2);  // the change, and ImGui's second layout pass
    }
    const bool moving = map.update(dt);
    bool ticking = false;
    if (const auto left = table.remainingSeconds(); left && table.countdownRunning()) {
      const int second = static_cast<int>(*left);
      ticking = second != lastSecond;
      lastSecond = second;
    }
    // A simulation in the background: its progress bar moves (about ten frames a second).
    if (table.simulating() && table.simulationFinished() / 5 != lastProgress) {
      lastProgress = table.simulationFinished() / 5;
      ticking = true;
    }
    if (!table.simulating() && lastProgress >= 0) {
      lastProgress = -1;
      redraw = 2;  // the result
    }
    const bool scripted =
        (!script.steps.empty() && now >= idleUntil) || !pendingShot.empty() || options.frames > 0;
    if (!(redraw > 0 || moving || ticking || input.pending() || scripted)) {
      // Serving browsers: drain their messages often (a command's round trip waits for it).
      std::this_thread::sleep_for(std::chrono::milliseconds(
          browserSeats ? 5 : (table.countdownRunning() || table.simulating() ? 20 : 50)));
      continue;
    }
    if (redraw > 0) --redraw;

    const sf::Vector2u size = window.getSize();
    io.DisplaySize = ImVec2(static_cast<float>(size.x), static_cast<float>(size.y));
    io.DeltaTime = dt > 0 ? dt : 1.0f / 60.0f;
    if (input.apply(io)) redraw = std::max(redraw, 1);

    // This thread's CPU: the process also runs civetweb's threads and the seats' view thread.
    const double cpuStart = cpuSeconds(CLOCK_THREAD_CPUTIME_ID);
    ImGui_ImplOpenGL2_NewFrame();
    ImGui::NewFrame();
    const Layout layout = layoutFor(table.screen(), io.DisplaySize.x, io.DisplaySize.y, scale);
    drawUi(table, ui, fonts, tr, layout);
    ImGui::Render();
    const double cpuBuilt = cpuSeconds(CLOCK_THREAD_CPUTIME_ID);
    if (frameTimes) {
      // Serving browsers, a second column: the table thread's CPU in the drains since the last frame.
      frameTimes << (cpuBuilt - cpuStart) * 1e3;
      if (browserSeats) frameTimes << " " << pumpSeconds * 1e3;
      frameTimes << "\n";
    }
    pumpSeconds = 0;
    if (ui.quitRequested) window.close();

    window.clear(sf::Color(12, 18, 32));
    if (table.running() && layout.map.width > 0) {
      MapInput in;
      in.def = &table.def();
      in.situation = &table.roomView().situation;
      in.ownActor = table.screen() == Screen::Team
                        ? table.def().actors[static_cast<std::size_t>(table.activeTeam())].id
                        : "";
      in.scale = scale;
      in.words = &tr;
      in.language = table.language();
      map.draw(window, layout.map, in, fonts.map);
    }
    window.pushGLStates();
    ImGui_ImplOpenGL2_RenderDrawData(ImGui::GetDrawData());
    window.popGLStates();
    // SFML's cache of the GL state is stale after the GL2 backend ran: without this the map
    // stays blank when the first frames held only panels (the start screen).
    window.resetGLStates();
    ++framesDrawn;
    if (!pendingShot.empty() && framesDrawn >= 2) {
      sf::Texture texture;
      texture.create(size.x, size.y);
      texture.update(window);
      std::error_code ec;
      if (const fs::path parent = fs::path(pendingShot).parent_path(); !parent.empty())
        fs::create_directories(parent, ec);
      if (!texture.copyToImage().saveToFile(pendingShot)) {
        std::cerr << "demarche: cannot write the screenshot " << pendingShot << "\n";
        exitCode = 2;
      }
      pendingShot.clear();
      if (script.steps.empty() && !options.uiScript.empty()) window.close();
    }
    if (window.isOpen()) window.display();
    if (!firstFrameReported) {
      firstFrameReported = true;
      if (std::getenv("DEMARCHE_REPORT_FIRST_FRAME"))
        std::cerr << "first frame after "
                  << std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                               kProcessStart)
                         .count()
                  << " ms\n";
    }
    if (waitFrames > 0) --waitFrames;
    if (options.frames > 0 && options.uiScript.empty() && framesDrawn >= options.frames &&
        pendingShot.empty())
      window.close();
  }

  if (!options.log.empty() && table.running()) {
    if (auto error = writeSave(options.log, table.session(), table.scenarioForSave())) {
      std::cerr << "demarche: cannot write the log: " << *error << "\n";
      exitCode = 2;
    }
  }
  if (settingsFile && !(settings == remembered)) {
    if (auto error = writeSettings(*settingsFile, settings))
      std::cerr << "demarche: cannot remember the settings: " << *error << "\n";
  }
  ImGui_ImplOpenGL2_Shutdown();
  ImGui::DestroyContext();
  return exitCode;
}

}  // namespace demarche::ui
