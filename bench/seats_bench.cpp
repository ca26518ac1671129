// The browser seats with 30 connected seats on loopback (issue 13; figures in
// docs/performance.md, "Browser seats"). Not a test: figures depend on the machine and its load.
//
// The server process: a generated 30-actor scenario, every seat a team, HeadlessTable +
// SeatServer + SeatHub, and one "table thread" pumping the server as the window's loop does
// (every 5 ms unless told otherwise). The clients run in a second process (this program again,
// `--clients`), 30 civetweb WebSocket clients that join with their codes, so the server's memory
// is not mixed with theirs. Measured:
// 1. Round trip: a seat sends a command (`decide`, alternating its candidate, so every command
//    changes the table) and the clock stops when every one of the 30 browsers has received a view
//    of the new version: p50, p99, max over the rounds (target p99 <= 20 ms).
// 2. Server memory: resident set (/proc/self/statm) with the server running and no seat, then
//    with 30 seats joined and the rounds played: growth per seat (target <= 1 MB).
// 3. The table thread's cost of a pump (the window's per-frame drain) with 30 seats, CPU time of
//    that thread: p50, p99, max over pumps that had work.
//
//   build/bench/seats_bench [--rounds N] [--pump-ms MS] [--seats N] [--views-on-caller]
// (--views-on-caller: the views built by the table's thread inside its pump, as before the
// hub's view thread; by default they are built on the hub's own thread, as the window does.)
//   build/bench/seats_bench --clients-only PORT CODES_FILE SECONDS RATE   (bench/ui_bench.sh)
//   build/bench/seats_bench --write-scenario FILE [SEATS]   (the generated scenario, for the window)
#include <civetweb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "core/Lookup.hpp"
#include "scenario/Loader.hpp"
#include "seats/HeadlessTable.hpp"
#include "seats/SeatServer.hpp"

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

std::string n(int i) { return std::to_string(i); }

// A small but complete scenario with `actors` states: two public incidents (so every seat can
// decide and change its mind), evidence, measures and news, like a shipped scenario's size.
std::string generateScenario(int actors) {
  std::string s;
  s += "format: 1\nid: seats-bench\ntitle: Seats benchmark\nsummary: Generated for seats_bench.\n";
  s += "turns: 6\nseed: 3\nmeters: [credibility, economy, resilience]\ncapabilities: [cyber_offence]\n";
  s += "actors:\n";
  for (int i = 0; i < actors; ++i) {
    s += "  - id: a" + n(i) + "\n    name: State " + n(i) + "\n    kind: state\n";
    s += "    meters: {credibility: 50, economy: 50, resilience: 50}\n";
    s += "    briefing: You represent State " + n(i) +
         ". A long paragraph of briefing text for the team, about what it wants and fears.\n";
    s += "    map: {x: 0." + n(10 + (i * 7) % 80) + ", y: 0." + n(10 + (i * 13) % 80) + "}\n";
  }
  s += "escalation:\n  initial_tension: 10\n  rungs:\n";
  s += "    - {id: r0, name: Competition, threshold: 0}\n    - {id: r1, name: Crisis, threshold: 30}\n";
  s += "    - {id: r2, name: War, threshold: 90, armed_conflict: true}\n";
  s += "incidents:\n";
  for (int i = 0; i < 2; ++i) {
    s += "  - id: inc" + n(i) + "\n    title: Incident " + n(i) + "\n";
    s += "    description: What happened to the victim's networks, and why it matters to everyone.\n";
    s += "    victim: a" + n(i) + "\n    sector: energy\n";
    s += "    severity: {scope: 3, scale: 4, duration: 2, intensity: 4, complexity: 4, sophistication: 5, "
         "impact: 4}\n";
    s += "    norms_broken: [f]\n    candidates: [a" + n(actors - 1) + ", a" + n(actors - 2) + "]\n";
    s += "    truth: {operator: a" + n(actors - 1) + "}\n";
  }
  s += "evidence:\n";
  for (int i = 0; i < 12; ++i)
    s += "  - id: ev" + n(i) + "\n    incident: inc" + n(i % 2) + "\n    title: Evidence item " + n(i) +
         "\n    source: forensics\n    reliability: 0.7\n    points_to: {a" + n(actors - 1) + ": 2, a" +
         n(actors - 2) + ": -1}\n";
  s += "measures:\n";
  for (int i = 0; i < 20; ++i) {
    s += "  - id: m" + n(i) + "\n    name: Measure " + n(i) +
         "\n    category: " + (i % 2 ? "restrictive" : "cooperative") + "\n    cost: " + n(1 + i % 3) +
         "\n    target: actor\n";
    s += "    effects: [\"trust(self, target) -= 2\", \"tension += 1\"]\n";
    s += "    escalation: " + std::string(i % 2 ? "escalatory" : "deescalatory") + "\n";
  }
  s += "injects:\n";
  for (int i = 0; i < 10; ++i)
    s += "  - id: inj" + n(i) + "\n    kind: news\n    turn: " + n(1 + i % 3) + "\n    title: News " + n(i) +
         "\n    text: Something happened somewhere today, and the papers say so.\n";
  s += "endings:\n  - {id: end, title: End, kind: stalemate, at_last_turn: true}\n";
  return s;
}

long residentKiB() {
  std::ifstream statm("/proc/self/statm");
  long size = 0, resident = 0;
  statm >> size >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

double threadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) * 1e-6;
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const auto k = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
  return v[std::min(k, v.size() - 1)];
}

double loadAverage() {
  double one = 0;
  std::ifstream("/proc/loadavg") >> one;
  return one;
}

// ---- the clients' process ------------------------------------------------------------------

// One browser: the latest view's version and when it arrived, nothing else kept.
class Client {
 public:
  Client(int port, const std::string& code) {
    char error[256] = {};
    m_conn = mg_connect_websocket_client("127.0.0.1", port, 0, error, sizeof error, "/seat", nullptr, onData,
                                         nullptr, this);
    if (!m_conn) {
      std::fprintf(stderr, "seats_bench: cannot connect: %s\n", error);
      std::exit(2);
    }
    send("{\"type\":\"join\",\"code\":\"" + code + "\",\"lang\":\"en\"}");
  }
  ~Client() { mg_close_connection(m_conn); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;
  void send(const std::string& text) {
    mg_websocket_client_write(m_conn, MG_WEBSOCKET_OPCODE_TEXT, text.data(), text.size());
  }
  std::uint64_t version() const { return m_version.load(); }
  Clock::time_point at() {
    std::lock_guard lock(m_mutex);
    return m_at;
  }
  int refused() const { return m_refused.load(); }
  std::size_t viewBytes() const { return m_bytes.load(); }

 private:
  static int onData(mg_connection*, int bits, char* data, std::size_t length, void* user) {
    auto* self = static_cast<Client*>(user);
    if ((bits & 0xF) != MG_WEBSOCKET_OPCODE_TEXT) return 1;
    const std::string_view text(data, length);
    const auto now = Clock::now();
    if (text.find("\"type\":\"refused\"") != std::string_view::npos) ++self->m_refused;
    if (text.find("\"type\":\"view\"") == std::string_view::npos) return 1;
    const auto at = text.rfind("\"version\":");
    if (at == std::string_view::npos) return 1;
    const std::uint64_t v = std::strtoull(std::string(text.substr(at + 10, 24)).c_str(), nullptr, 10);
    {
      std::lock_guard lock(self->m_mutex);
      self->m_at = now;
    }
    self->m_bytes = length;
    self->m_version = v;
    return 1;
  }
  mg_connection* m_conn = nullptr;
  std::atomic<std::uint64_t> m_version{0};
  std::atomic<int> m_refused{0};
  std::atomic<std::size_t> m_bytes{0};
  std::mutex m_mutex;
  Clock::time_point m_at;
};

template <class F>
bool waitFor(F done, int seconds = 30) {
  const auto until = Clock::now() + std::chrono::seconds(seconds);
  while (Clock::now() < until) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::microseconds(100));
  }
  return false;
}

// Browsers send without Nagle's delay (Chromium and Firefox set TCP_NODELAY on their sockets);
// civetweb's client does not, and gives no access to its socket: every TCP socket of this
// process connected to `port` gets it. Without it, a command's small frame, written in two
// parts, waits for the server's delayed ACK (about 40 ms on Linux).
void noDelayTo(int port) {
  for (int fd = 0; fd < 4096; ++fd) {
    sockaddr_in peer{};
    socklen_t size = sizeof peer;
    if (getpeername(fd, reinterpret_cast<sockaddr*>(&peer), &size) != 0 || peer.sin_family != AF_INET ||
        ntohs(peer.sin_port) != port)
      continue;
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
}

std::vector<std::unique_ptr<Client>> joinAll(int port, const std::vector<std::string>& codes) {
  mg_init_library(0);
  std::vector<std::unique_ptr<Client>> clients;
  for (const std::string& code : codes) clients.push_back(std::make_unique<Client>(port, code));
  if (std::getenv("SEATS_BENCH_NAGLE") == nullptr) noDelayTo(port);
  if (!waitFor([&] {
        return std::all_of(clients.begin(), clients.end(), [](const auto& c) { return c->version() > 0; });
      })) {
    std::fprintf(stderr, "seats_bench: not every seat got its view\n");
    std::exit(2);
  }
  return clients;
}

// `decide aK incI CANDIDATE` alternating between the incident's two candidates.
std::string decideLine(int actor, int actors, int round) {
  const int incident = round % 2;
  const int candidate = actors - 1 - (round / 2) % 2;
  return "{\"type\":\"command\",\"line\":\"decide a" + n(actor) + " inc" + n(incident) + " a" + n(candidate) +
         "\"}";
}

// One round: `who` sends `line`; returns the milliseconds until every client of `watched` has a
// view newer than it had (negative when that never happens).
double roundTrip(std::vector<std::unique_ptr<Client>>& clients, std::size_t who, const std::string& line,
                 const std::vector<std::size_t>& watched) {
  std::vector<std::uint64_t> before;
  for (std::size_t k : watched) before.push_back(clients[k]->version());
  const auto start = Clock::now();
  clients[who]->send(line);
  const bool all = waitFor([&] {
    for (std::size_t i = 0; i < watched.size(); ++i)
      if (clients[watched[i]]->version() <= before[i]) return false;
    return true;
  });
  if (!all) {
    std::fprintf(stderr, "seats_bench: %s: not every view arrived (refused: %d)\n", line.c_str(),
                 clients[who]->refused());
    return -1;
  }
  Clock::time_point last = start;
  for (std::size_t k : watched) last = std::max(last, clients[k]->at());
  std::this_thread::sleep_for(std::chrono::milliseconds(3));  // not in lock-step with the pump
  return std::chrono::duration<double, std::milli>(last - start).count();
}

std::string commandMessage(const std::string& line) {
  return "{\"type\":\"command\",\"line\":\"" + line + "\"}";
}

// The rounds: prints "private MS" and "public MS" per round on stdout, then "joined", and waits
// for stdin to close.
// - private: `decide` (only the deciding team sees it): until that team's new view arrives;
// - public: `disclose ... public` and `withdraw` in turn (the whole room hears both): until every
//   one of the views has arrived.
int clientsProcess(int port, int rounds, const std::vector<std::string>& codes) {
  auto clients = joinAll(port, codes);
  const int actors = static_cast<int>(codes.size());
  std::vector<std::size_t> everyone;
  for (std::size_t k = 0; k < clients.size(); ++k) everyone.push_back(k);
  std::printf("view-bytes %zu\n", clients[0]->viewBytes());
  for (int r = 0; r < std::max(rounds, 2 * actors); ++r) {
    const auto who = static_cast<std::size_t>(r % actors);
    const double ms = roundTrip(clients, who, decideLine(r % actors, actors, r / actors), {who});
    if (ms < 0) return 2;
    std::printf("private %.4f\n", ms);
  }
  for (int r = 0; r < rounds; ++r) {
    const int who = r % actors;
    const std::string line =
        (r / actors) % 2 == 0 ? "disclose a" + n(who) + " inc1 public" : "withdraw a" + n(who) + " inc1";
    const double ms = roundTrip(clients, static_cast<std::size_t>(who), commandMessage(line), everyone);
    if (ms < 0) return 2;
    std::printf("public %.4f\n", ms);
  }
  std::printf("joined\n");
  std::fflush(stdout);
  char ch;
  while (std::fread(&ch, 1, 1, stdin) == 1) {
  }
  return 0;
}

// For bench/ui_bench.sh: join every code of CODES_FILE ("seat ID code CODE ..." lines, as
// `demarche play --serve` prints them) and send RATE commands a second for SECONDS.
int clientsOnly(int port, const std::string& codesFile, int seconds, int rate) {
  std::vector<std::string> codes;
  std::vector<int> actors;
  std::ifstream in(codesFile);
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::string seat, id, codeWord, code;
    if (words >> seat >> id >> codeWord >> code && seat == "seat" && codeWord == "code") {
      codes.push_back(code);
      actors.push_back(std::atoi(id.c_str() + 1));
    }
  }
  if (codes.empty()) {
    std::fprintf(stderr, "seats_bench: no codes in %s\n", codesFile.c_str());
    return 2;
  }
  auto clients = joinAll(port, codes);
  const auto end = Clock::now() + std::chrono::seconds(seconds);
  const int count = static_cast<int>(codes.size());
  for (int r = 0; Clock::now() < end; ++r) {
    const int who = r % count;
    clients[static_cast<std::size_t>(who)]->send(
        decideLine(actors[static_cast<std::size_t>(who)], count, r / count));
    std::this_thread::sleep_for(std::chrono::microseconds(1'000'000 / std::max(rate, 1)));
  }
  std::printf("seats_bench: %zu seats joined, commands sent for %d s\n", codes.size(), seconds);
  return 0;
}

// ---- the server's process --------------------------------------------------------------------

int serverProcess(const char* self, int seats, int rounds, int pumpMs, bool viewsOnCaller) {
  const fs::path file = fs::temp_directory_path() / ("demarche-seats-bench-" + n(getpid()) + ".yaml");
  std::ofstream(file, std::ios::binary) << generateScenario(seats);
  demarche::scenario::LoadResult loaded = demarche::scenario::loadScenario(file);
  fs::remove(file);
  if (!loaded.ok()) {
    std::fputs(demarche::scenario::formatDiagnostics(loaded).c_str(), stderr);
    std::fputs("seats_bench: the generated scenario is not valid\n", stderr);
    return 1;
  }
  const demarche::ScenarioDef& def = *loaded.scenario;
  std::vector<int> teams;
  for (int a = 0; a < seats; ++a) teams.push_back(a);
  demarche::seats::HeadlessTable table(def, 1, teams);
  if (const std::string e = table.facilitator("end_phase"); !e.empty()) {
    std::fprintf(stderr, "seats_bench: end_phase: %s\n", e.c_str());
    return 1;
  }
  demarche::seats::ServerOptions options;
  std::string error;
  auto server = demarche::seats::SeatServer::start(options, error);
  if (!server) {
    std::fprintf(stderr, "seats_bench: %s\n", error.c_str());
    return 1;
  }
  demarche::seats::SeatHub hub(
      table, *server, {},
      viewsOnCaller ? demarche::seats::ViewBuilding::Caller : demarche::seats::ViewBuilding::ViewThread);
  std::vector<std::string> codes;
  for (int a = 0; a < seats; ++a) codes.push_back(hub.codeOf(a));

  // The table's thread, as the window's loop: pump, then wait.
  std::atomic<bool> stop{false};
  std::vector<double> pumpCosts;  // only the table's thread writes it, read after join()
  std::thread tableThread([&] {
    std::uint64_t lastVersion = table.version();
    while (!stop) {
      const double t0 = threadCpuMs();
      server->pump(hub);
      const double t1 = threadCpuMs();
      if (table.version() != lastVersion) {  // a pump that applied a command and sent the views
        lastVersion = table.version();
        pumpCosts.push_back(t1 - t0);
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(pumpMs));
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const long rssIdle = residentKiB();

  // The browsers: this program again, in its own process.
  int toChild[2], fromChild[2];
  if (pipe(toChild) != 0 || pipe(fromChild) != 0) return 1;
  std::vector<std::string> args{self, "--clients", n(server->port()), n(rounds)};
  for (const std::string& c : codes) args.push_back(c);
  const pid_t child = fork();
  if (child == 0) {
    dup2(toChild[0], 0);
    dup2(fromChild[1], 1);
    close(toChild[1]);
    close(fromChild[0]);
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    execv("/proc/self/exe", argv.data());
    _exit(127);
  }
  close(toChild[0]);
  close(fromChild[1]);
  const double loadBefore = loadAverage();
  std::vector<double> privateMs, publicMs;
  std::size_t viewBytes = 0;
  bool joined = false;
  {
    FILE* out = fdopen(fromChild[0], "r");
    char line[256];
    while (!joined && std::fgets(line, sizeof line, out)) {
      double ms = 0;
      if (std::sscanf(line, "private %lf", &ms) == 1) privateMs.push_back(ms);
      if (std::sscanf(line, "public %lf", &ms) == 1) publicMs.push_back(ms);
      std::sscanf(line, "view-bytes %zu", &viewBytes);
      if (std::string(line) == "joined\n") joined = true;
    }
    const long rssSeats = residentKiB();
    const double loadAfter = loadAverage();
    close(toChild[1]);  // the clients leave
    int status = 0;
    waitpid(child, &status, 0);
    std::fclose(out);
    stop = true;
    tableThread.join();
    if (!joined || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
      std::fprintf(stderr, "seats_bench: the clients failed\n");
      return 1;
    }
    std::printf("seats_bench: %d seats on loopback, %zu + %zu rounds, table thread pumping every %d ms\n",
                seats, privateMs.size(), publicMs.size(), pumpMs);
    std::printf("  load average (1 min) %.2f before, %.2f after\n", loadBefore, loadAfter);
    std::printf("  one team view: %zu bytes of JSON\n", viewBytes);
    std::printf(
        "  round trip, a private command (decide -> that team's new view): p50 %.2f ms  p99 %.2f ms  "
        "max %.2f ms\n",
        percentile(privateMs, 0.5), percentile(privateMs, 0.99), percentile(privateMs, 1.0));
    std::printf(
        "  round trip, a public command (disclose/withdraw -> all %d new views): p50 %.2f ms  p99 %.2f ms  "
        "max %.2f ms  (target p99 <= 20 ms)\n",
        seats, percentile(publicMs, 0.5), percentile(publicMs, 0.99), percentile(publicMs, 1.0));
    std::printf(
        "  server RSS: %ld KiB with no seat, %ld KiB with %d seats: %.1f KiB per seat (target <= 1024)\n",
        rssIdle, rssSeats, seats, static_cast<double>(rssSeats - rssIdle) / seats);
    std::printf(
        "  a pump with work (the window's per-frame drain), table thread CPU: p50 %.3f ms  p99 %.3f ms  "
        "max %.3f ms over %zu pumps\n",
        percentile(pumpCosts, 0.5), percentile(pumpCosts, 0.99), percentile(pumpCosts, 1.0),
        pumpCosts.size());
  }
  // Stopping the server (the window's exit, `demarche serve`'s quit): the hub, then civetweb.
  const auto stopStart = std::chrono::steady_clock::now();
  hub.flush();
  server.reset();
  std::printf(
      "  stopping the server (civetweb's mg_stop): %.1f ms\n",
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - stopStart).count());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.size() >= 3 && args[0] == "--clients") {
    std::vector<std::string> codes(args.begin() + 3, args.end());
    return clientsProcess(std::atoi(args[1].c_str()), std::atoi(args[2].c_str()), codes);
  }
  if (args.size() >= 2 && args[0] == "--write-scenario") {
    std::ofstream(args[1], std::ios::binary)
        << generateScenario(args.size() > 2 ? std::atoi(args[2].c_str()) : 30);
    return 0;
  }
  if (args.size() == 5 && args[0] == "--clients-only")
    return clientsOnly(std::atoi(args[1].c_str()), args[2], std::atoi(args[3].c_str()),
                       std::atoi(args[4].c_str()));
  int rounds = 600, pumpMs = 5, seats = 30;
  bool viewsOnCaller = false;
  for (std::size_t k = 0; k < args.size(); ++k) {
    const bool value = k + 1 < args.size();
    if (args[k] == "--rounds" && value)
      rounds = std::atoi(args[++k].c_str());
    else if (args[k] == "--pump-ms" && value)
      pumpMs = std::atoi(args[++k].c_str());
    else if (args[k] == "--seats" && value)
      seats = std::atoi(args[++k].c_str());
    else if (args[k] == "--views-on-caller")
      viewsOnCaller = true;
    // --benchmark_* (scripts/run-benchmarks passes them to every benchmark): ignored.
  }
  return serverProcess(argv[0], std::max(seats, 3), rounds, pumpMs, viewsOnCaller);
}
