// `demarche serve SCENARIO --seats ukr,pol --port N`: the browser team seats without a window.
// The facilitator types commands on standard input (`end_phase`, `pause`, `seat rus ai`...,
// `status`, `code ukr` for a new join code, `quit`); the log is saved after every command.
// What `play --serve` does inside the window, for a terminal, a script or a test.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <deque>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include "cli/Commands.hpp"
#include "cli/PlaySupport.hpp"
#include "core/Catalogue.hpp"
#include "core/CommandText.hpp"
#include "core/Lookup.hpp"
#include "core/Save.hpp"
#include "seats/HeadlessTable.hpp"
#include "seats/SeatServer.hpp"
#include "seats/TeamJson.hpp"

namespace demarche::cli {
namespace {

std::atomic<bool> g_stop{false};
extern "C" void onStopSignal(int) { g_stop.store(true); }

struct ServeOptions {
  std::string scenario;
  std::string seats;
  std::string listen = "127.0.0.1:8080";
  std::string log;
  std::string language;
  std::uint64_t seed = 0;
};

// Standard input, read on its own thread so the table's thread never blocks on it.
struct StdinLines {
  std::mutex mutex;
  std::deque<std::string> lines;
  std::atomic<bool> ended{false};
  void run() {
    std::string line;
    while (std::getline(std::cin, line)) {
      std::lock_guard lock(mutex);
      lines.push_back(line);
    }
    ended.store(true);
  }
  std::deque<std::string> take() {
    std::lock_guard lock(mutex);
    std::deque<std::string> out;
    out.swap(lines);
    return out;
  }
};

// One line a seat that is or was in a browser; a seat taken back says who plays it now
// (`taken-back team` = held for the team, `taken-back ai` ...) and whether its browser waits.
void printStatus(const seats::SeatHub& hub, const seats::SeatServer& server, const Session& session) {
  for (const seats::SeatStatus& s : hub.status()) {
    std::cout << "seat " << s.actorId << " code " << s.code << " " << server.url() << "#" << s.code << " ";
    if (s.inBrowser)
      std::cout << (s.connected ? "connected" : "not-connected") << (s.ready ? " ready" : "");
    else
      std::cout << "taken-back " << seatKindName(session.seat(s.actor).kind) << (s.waiting ? " waiting" : "");
    std::cout << " refused " << s.refused << "\n";
  }
  std::cout << std::flush;
}

int serve(const ServeOptions& options) {
  int exitCode = 0;
  std::optional<ScenarioDef> def = loadScenarioOrReport(options.scenario, exitCode);
  if (!def) return exitCode;
  std::vector<int> teams;
  if (const std::string unknown = indicesOfIdList(def->actors, options.seats, teams); !unknown.empty()) {
    std::cerr << "serve: --seats: no actor '" << unknown << "' in " << def->id
              << " (actors: " << idsOf(def->actors) << ")\n";
    return kExitUsage;
  }
  if (teams.empty()) {
    std::cerr << "serve: --seats names no actor: give the teams' actors, e.g. --seats ukr,pol\n";
    return kExitUsage;
  }
  std::string error;
  const auto listen = seats::parseListenAddress(options.listen, error);
  if (!listen) {
    std::cerr << "serve: --listen " << error << "\n";
    return kExitUsage;
  }
  std::string warning;
  if (!seats::installPageLanguages(DEMARCHE_SEATS_ASSETS_DIR, warning))
    std::cerr << "serve: " << warning << " (the page stays in English)\n";

  const std::string scenarioForSave =
      options.log.empty() ? options.scenario : pathForSave(options.scenario, options.log);
  seats::HeadlessTable table(*def, options.seed, teams, options.log, scenarioForSave,
                             options.language == "en" ? std::string() : options.language);
  seats::ServerOptions serverOptions;
  serverOptions.address = listen->first;
  serverOptions.port = listen->second;
  std::unique_ptr<seats::SeatServer> server = seats::SeatServer::start(serverOptions, error);
  if (!server) {
    std::cerr << "serve: " << error << "\n";
    return kExitUsage;
  }
  seats::SeatHub hub(table, *server, serverOptions.limits, seats::ViewBuilding::ViewThread);
  std::cout << "serving " << def->id << " on " << server->url() << " (port " << server->port() << ")\n";
  printStatus(hub, *server, table.session());
  std::cout << "facilitator: type a command (end_phase, pause, resume; seat ACTOR team takes a seat "
               "back from its browser, seat ACTOR ai gives it to the AI, seat ACTOR browser gives it back), "
               "status, code ACTOR (a new join code) or quit\n"
            << std::flush;

  std::signal(SIGINT, onStopSignal);
  std::signal(SIGTERM, onStopSignal);
  StdinLines input;
  std::thread reader([&input] { input.run(); });
  reader.detach();  // blocked in getline until the process ends

  while (!g_stop.load()) {
    server->pump(hub);
    for (const std::string& line : input.take()) {
      if (line.empty()) continue;
      if (line == "quit") {
        g_stop.store(true);
        break;
      }
      if (line == "status") {
        printStatus(hub, *server, table.session());
        continue;
      }
      if (line.rfind("code ", 0) == 0) {
        const std::string actor = line.substr(5);
        const int index = indexOfId(def->actors, actor);
        const std::string code = index >= 0 ? hub.newCode(index) : "";
        std::cout << (code.empty() ? "not a team seat: " + actor : "seat " + actor + " code " + code) << "\n";
        continue;
      }
      const std::string refused = table.facilitator(line);
      std::cout << (refused.empty() ? "ok: " + line : "refused: " + line + ": " + refused) << "\n";
      server->pump(hub);
    }
    for (const std::string& notice : table.takeNotices()) std::cout << "note: " << notice << "\n";
    std::cout << std::flush;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  server.reset();  // closes every browser first
  if (!options.log.empty()) {
    if (auto failed = writeSave(options.log, table.session(), scenarioForSave)) {
      std::cerr << "serve: cannot write the log: " << *failed << "\n";
      return kExitUsage;
    }
    std::cout << "log written: " << options.log << "\n";
  }
  return kExitOk;
}

}  // namespace

void addServeCommand(CLI::App& app, int& exitCode) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* command = app.add_subcommand(
      "serve",
      "Serve browser team seats without a window: each actor of --seats gets a join code (printed)\n"
      "and plays in a browser at the printed address; the AI plays the others. The facilitator types\n"
      "commands on standard input. Exit codes: 0 stopped, 1 invalid scenario, 2 usage error or the\n"
      "address cannot be listened on.");
  command->add_option("scenario", options->scenario, "Scenario file (YAML)")->required();
  command->add_option("--seats", options->seats, "Actors played by teams in browsers, e.g. ukr,pol")
      ->required();
  command->add_option("--listen", options->listen,
                      "[ADDRESS:]PORT to listen on (default 127.0.0.1:8080; port 0 = any free port; "
                      "0.0.0.0:PORT = every network)");
  command->add_option("--seed", options->seed, "Random seed, 0..2^53 (default: the scenario's)")
      ->check(seedValidator());
  command->add_option("--log", options->log, "Write the session log (a save) here after every command");
  command
      ->add_option("--lang", options->language,
                   "Language of the notices: en or uk (each page chooses its own)")
      ->check(CLI::IsMember({"en", "uk"}));
  command->callback([options, &exitCode] { exitCode = serve(*options); });
}

}  // namespace demarche::cli
