// The browser seats as browsers reach them: a real civetweb server on 127.0.0.1 (a free port),
// driven by civetweb's own WebSocket client, the table played by the test's thread (which pumps
// the server, as the window's loop does). Waits are a watchdog against hangs, not time targets.
#include <civetweb.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "core/CommandText.hpp"
#include "core/Lookup.hpp"
#include "scenario/Loader.hpp"
#include "seats/HeadlessTable.hpp"
#include "seats/SeatServer.hpp"
#include "seats/TeamJson.hpp"

namespace demarche::seats {
namespace {

using nlohmann::json;

// Waits, polling, until `done` holds. No time is asserted and no clock is read: the network
// answers when it does on a busy machine. The bound (12,000 polls 5 ms apart, a minute at the
// least, longer when the machine is busy) only turns a hang into a failure instead of a stuck
// suite.
template <class F>
bool waitFor(F done) {
  for (int poll = 0; poll < 12000; ++poll) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return done();
}

class Client {
 public:
  explicit Client(int port) {
    char error[256] = {};
    m_conn = mg_connect_websocket_client("127.0.0.1", port, 0, error, sizeof error, "/seat", nullptr, onData,
                                         onClose, this);
    EXPECT_NE(m_conn, nullptr) << error;
  }
  ~Client() {
    if (!m_conn) return;
    // A browser leaving: its close frame, then civetweb's client stops. Its reading thread looks
    // at its stop flag only between waits of up to 2 s, unless the server's close of the socket
    // ends the wait first, so wait for that close (civetweb answers it without the hub; nothing
    // is asserted, and the watchdog keeps a hung server from hanging the suite).
    if (!closed()) {
      const char status[2] = {0x03, static_cast<char>(0xE8)};  // 1000: normal closure
      mg_websocket_client_write(m_conn, MG_WEBSOCKET_OPCODE_CONNECTION_CLOSE, status, sizeof status);
      waitFor([this] { return closed(); });
    }
    mg_close_connection(m_conn);
  }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  bool connected() const { return m_conn != nullptr; }
  void send(const std::string& text, int opcode = MG_WEBSOCKET_OPCODE_TEXT) {
    if (m_conn) mg_websocket_client_write(m_conn, opcode, text.data(), text.size());
  }
  void send(const json& j) { send(j.dump()); }
  void join(const std::string& code, const std::string& lang = "en") {
    send(json{{"type", "join"}, {"code", code}, {"lang", lang}});
  }
  std::vector<json> messages() {
    std::lock_guard lock(m_mutex);
    return m_messages;
  }
  bool closed() {
    std::lock_guard lock(m_mutex);
    return m_closed;
  }
  // The latest message of `type` (null json when none).
  json last(const std::string& type) {
    std::lock_guard lock(m_mutex);
    for (auto it = m_messages.rbegin(); it != m_messages.rend(); ++it)
      if (it->value("type", "") == type) return *it;
    return nullptr;
  }
  int count(const std::string& type) {
    std::lock_guard lock(m_mutex);
    int n = 0;
    for (const json& m : m_messages) n += m.value("type", "") == type;
    return n;
  }

  // false: the network "died" silently: pings from the server go unanswered.
  std::atomic<bool> answerPings{true};

 private:
  static int onData(mg_connection* conn, int bits, char* data, std::size_t length, void* user) {
    auto* self = static_cast<Client*>(user);
    if ((bits & 0xF) == MG_WEBSOCKET_OPCODE_PING && self->answerPings)
      mg_websocket_client_write(conn, MG_WEBSOCKET_OPCODE_PONG, data, length);
    if ((bits & 0xF) != MG_WEBSOCKET_OPCODE_TEXT) return 1;
    json j = json::parse(std::string(data, length), nullptr, false);
    std::lock_guard lock(self->m_mutex);
    self->m_messages.push_back(j.is_discarded() ? json{{"type", "not-json"}} : j);
    return 1;
  }
  static void onClose(const mg_connection*, void* user) {
    auto* self = static_cast<Client*>(user);
    std::lock_guard lock(self->m_mutex);
    self->m_closed = true;
  }
  mg_connection* m_conn = nullptr;
  std::mutex m_mutex;
  std::vector<json> m_messages;
  bool m_closed = false;
};

const ScenarioDef& winterGrid() {
  static const ScenarioDef def = [] {
    scenario::LoadResult loaded = scenario::loadScenario(DEMARCHE_SOURCE_DIR "/scenarios/winter-grid.yaml");
    EXPECT_TRUE(loaded.ok());
    return std::move(*loaded.scenario);
  }();
  return def;
}

class SeatServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const ScenarioDef& def = winterGrid();
    ukr = indexOfId(def.actors, "ukr");
    pol = indexOfId(def.actors, "pol");
    deu = indexOfId(def.actors, "deu");
    table = std::make_unique<HeadlessTable>(def, 0, std::vector<int>{ukr, pol, deu});
    ServerOptions options;
    options.port = 0;
    options.pingSeconds = pingSeconds;
    std::string error;
    server = SeatServer::start(options, error);
    ASSERT_TRUE(server) << error;
    hub = std::make_unique<SeatHub>(*table, *server, options.limits,
                                    ViewBuilding::ViewThread);  // as the window
  }
  void TearDown() override {
    hub.reset();
    server.reset();
  }

  // Pumps the server (the table's thread) until `done` holds (see waitFor).
  template <class F>
  bool until(F done) {
    return waitFor([&] {
      server->pump(*hub);
      return done();
    });
  }
  bool viewed(Client& c, int atLeast = 1) {
    return until([&] { return c.count("view") >= atLeast; });
  }
  std::unique_ptr<Client> joined(int actor) {
    auto c = std::make_unique<Client>(server->port());
    c->join(hub->codeOf(actor));
    EXPECT_TRUE(viewed(*c));
    return c;
  }
  SeatStatus statusOf(int actor) const {
    for (const SeatStatus& s : hub->status())
      if (s.actor == actor) return s;
    return {};
  }
  bool noted(const std::string& part) {
    for (const std::string& n : hub->notes())
      if (n.find(part) != std::string::npos) return true;
    return false;
  }
  void openDeliberation() {
    ASSERT_EQ(table->facilitator("end_phase"), "");
    ASSERT_EQ(table->session().state().phase, Phase::Deliberation);
  }
  // The first legal option's command line in `view`.
  static std::string legalLine(const json& view) {
    for (const json& o : view["options"])
      if (o["legal"].get<bool>()) return o["line"].get<std::string>();
    return {};
  }

  // The table's clock for rate limits and heartbeats, when a test moves it (useTestClock()).
  void useTestClock() {
    table->setClock([this] { return clock; });
  }
  double clock = 0;
  double pingSeconds = 3600;  // no ping unless a test asks for them
  int ukr = -1, pol = -1, deu = -1;
  std::unique_ptr<HeadlessTable> table;
  std::unique_ptr<SeatServer> server;
  std::unique_ptr<SeatHub> hub;
};

TEST_F(SeatServerTest, EachTeamSeatHasItsOwnRandomCode) {
  std::set<std::string> codes;
  for (int a : {ukr, pol, deu}) {
    const std::string code = hub->codeOf(a);
    EXPECT_EQ(code.size(), 8u);
    codes.insert(code);
  }
  EXPECT_EQ(codes.size(), 3u);
  EXPECT_EQ(hub->codeOf(indexOfId(winterGrid().actors, "rus")), "") << "an AI seat has no code";
  // Not derived from the seed: another table of the same scenario and seed has other codes.
  HeadlessTable again(winterGrid(), 0, {ukr, pol, deu});
  SeatHub other(again, *server);
  EXPECT_NE(other.codeOf(ukr), hub->codeOf(ukr));
}

TEST_F(SeatServerTest, ServesThePage) {
  // The page itself over HTTP, from assets/web, through civetweb.
  char error[256] = {};
  mg_connection* conn = mg_download("127.0.0.1", server->port(), 0, error, sizeof error,
                                    "GET /index.html HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
  ASSERT_NE(conn, nullptr) << error;
  const mg_response_info* info = mg_get_response_info(conn);
  ASSERT_NE(info, nullptr);
  EXPECT_EQ(info->status_code, 200);
  std::string body;
  char buffer[4096];
  for (int n; (n = mg_read(conn, buffer, sizeof buffer)) > 0;)
    body.append(buffer, static_cast<std::size_t>(n));
  mg_close_connection(conn);
  EXPECT_NE(body.find("app.js"), std::string::npos);
}

TEST_F(SeatServerTest, AJoinedBrowserGetsItsTeamsViewOnly) {
  auto ukrPage = joined(ukr);
  auto polPage = joined(pol);
  const json hello = ukrPage->last("hello");
  ASSERT_FALSE(hello.is_null());
  EXPECT_TRUE(hello["words"].contains("Negotiation"));
  const json view = ukrPage->last("view");
  EXPECT_EQ(view["actor"], "ukr");
  EXPECT_EQ(polPage->last("view")["actor"], "pol");
  // Exactly the JSON of the core's team view, nothing from the state besides.
  const std::string expected =
      teamViewJson(table->engine(), table->session().state(), ukr, "en",
                   SeatExtras{table->remainingSeconds(), false, {}, table->version()});
  json expectedJson = json::parse(expected);
  json got = view;
  got.erase("secondsLeft");
  expectedJson.erase("secondsLeft");
  EXPECT_EQ(got, expectedJson);
  // Nothing anywhere says whether evidence is planted.
  EXPECT_EQ(view.dump().find("planted"), std::string::npos);
  for (const json& m : polPage->messages()) EXPECT_NE(m.value("actor", ""), "ukr");
}

TEST_F(SeatServerTest, AWrongCodeIsRefusedNotedAndGuessingIsCutOff) {
  Client guesser(server->port());
  guesser.join("NOTACODE");
  ASSERT_TRUE(until([&] { return guesser.count("join-refused") == 1; }));
  EXPECT_TRUE(noted("wrong join code"));
  EXPECT_EQ(guesser.count("view"), 0);
  for (int k = 0; k < 5; ++k) guesser.join("WRONG" + std::to_string(k));
  EXPECT_TRUE(until([&] { return guesser.closed(); })) << "a browser guessing codes is disconnected";
  EXPECT_TRUE(noted("wrong codes and was disconnected"));
  // Meanwhile a real seat joins as if nothing happened.
  auto ukrPage = joined(ukr);
  EXPECT_EQ(ukrPage->last("view")["actor"], "ukr");
}

TEST_F(SeatServerTest, ACodeForASeatHeldByAnotherLiveBrowserIsRefused) {
  auto first = joined(ukr);
  Client second(server->port());
  second.join(hub->codeOf(ukr));
  ASSERT_TRUE(until([&] { return second.count("join-refused") == 1; }));
  EXPECT_EQ(second.count("view"), 0);
  EXPECT_TRUE(noted("a second browser tried its code"));
  // The first keeps its seat and its views.
  openDeliberation();
  EXPECT_TRUE(until([&] { return first->last("view")["situation"]["phase"] == "deliberation"; }));
  EXPECT_FALSE(first->closed());
}

TEST_F(SeatServerTest, ANewCodeRetiresTheOldOneAndClosesItsBrowser) {
  auto page = joined(ukr);
  const std::string old = hub->codeOf(ukr);
  const std::string fresh = hub->newCode(ukr);
  EXPECT_NE(fresh, old);
  ASSERT_TRUE(until([&] { return page->count("closed") == 1; }));
  Client again(server->port());
  again.join(old);
  ASSERT_TRUE(until([&] { return again.count("join-refused") == 1; }));
  EXPECT_NE(again.last("join-refused")["reason"].get<std::string>().find("no longer works"),
            std::string::npos);
  Client rightful(server->port());
  rightful.join(fresh);
  EXPECT_TRUE(viewed(rightful));
}

TEST_F(SeatServerTest, MalformedMessagesAreRefusedAndChangeNothing) {
  auto page = joined(ukr);
  auto other = joined(pol);
  openDeliberation();
  const std::size_t logged = table->session().commands().size();
  for (const std::string& bad : std::vector<std::string>{
           "{", "[1,2,3]", "\"text\"", "{\"type\":7}", "{\"type\":\"command\",\"line\":42}",
           "{\"type\":\"nonsense\"}", std::string("\xff\xfe\x00zz", 5)})
    page->send(bad);
  page->send("binary", MG_WEBSOCKET_OPCODE_BINARY);
  ASSERT_TRUE(until([&] { return page->count("refused") >= 8; }));
  EXPECT_EQ(table->session().commands().size(), logged);
  EXPECT_TRUE(noted("malformed message"));
  EXPECT_FALSE(page->closed());
  EXPECT_EQ(other->count("refused"), 0) << "other seats never notice";
}

TEST_F(SeatServerTest, AnOversizedFrameIsRefusedAndOnlyItsConnectionClosed) {
  auto page = joined(ukr);
  auto other = joined(pol);
  page->send(std::string(SeatLimits{}.maxMessageBytes + 1, 'x'));
  ASSERT_TRUE(until([&] { return page->closed(); }));
  EXPECT_TRUE(noted("bytes refused"));
  openDeliberation();
  EXPECT_TRUE(until([&] { return other->last("view")["situation"]["phase"] == "deliberation"; }));
  EXPECT_FALSE(other->closed());
  // The seat's code still works for a rejoin.
  auto back = joined(ukr);
  EXPECT_EQ(back->last("view")["actor"], "ukr");
}

TEST_F(SeatServerTest, ACommandForAnotherActorOrTheFacilitatorIsRefused) {
  auto page = joined(ukr);
  openDeliberation();
  ASSERT_TRUE(until([&] { return page->last("view")["situation"]["phase"] == "deliberation"; }));
  auto polPage = joined(pol);
  const std::string polLine = legalLine(polPage->last("view"));
  ASSERT_FALSE(polLine.empty());
  const std::size_t logged = table->session().commands().size();
  page->send(json{{"type", "command"}, {"line", polLine}});
  page->send(json{{"type", "command"}, {"line", "end_phase"}});
  page->send(json{{"type", "command"}, {"line", "seat ukr ai"}});
  ASSERT_TRUE(until([&] { return page->count("refused") == 3; }));
  EXPECT_EQ(table->session().commands().size(), logged);
  EXPECT_TRUE(noted("a command for pol refused"));
  EXPECT_TRUE(noted("a facilitator command (end_phase) refused"));
  EXPECT_EQ(table->session().state().phase, Phase::Deliberation);
}

TEST_F(SeatServerTest, ACommandFromTheBrowserIsLoggedWithItsTeamSeatAsSender) {
  auto page = joined(ukr);
  auto polPage = joined(pol);
  openDeliberation();
  ASSERT_TRUE(until([&] { return page->last("view")["situation"]["phase"] == "deliberation"; }));
  // Both pages have the deliberation's view before pol's are counted.
  ASSERT_TRUE(until([&] { return polPage->last("view")["situation"]["phase"] == "deliberation"; }));
  const std::string line = legalLine(page->last("view"));
  ASSERT_FALSE(line.empty());
  const int polViews = polPage->count("view");
  page->send(json{{"type", "command"}, {"line", line}});
  ASSERT_TRUE(until([&] { return !page->last("view")["queue"].empty(); }));
  EXPECT_EQ(table->session().senders().back(), Sender::team(ukr));
  EXPECT_EQ(formatCommand(winterGrid(), table->session().commands().back()), line);
  // A queued measure is ukr's alone: pol's page is not sent anything for it...
  server->pump(*hub);
  EXPECT_EQ(polPage->count("view"), polViews);
  // ...but follows every change it may see, still without ukr's queue.
  ASSERT_EQ(table->facilitator("pause"), "");
  EXPECT_TRUE(until([&] { return polPage->last("view")["situation"]["paused"] == true; }));
  EXPECT_TRUE(polPage->last("view")["queue"].empty());
}

TEST_F(SeatServerTest, AViewIsSentAgainOnlyWhenWhatTheTeamSeesChanged) {
  auto ukrPage = joined(ukr);
  auto polPage = joined(pol);
  openDeliberation();
  ASSERT_TRUE(until([&] { return polPage->last("view")["situation"]["phase"] == "deliberation"; }));
  const int polViews = polPage->count("view");
  // ukr decides who is behind the incident: private to ukr (rules §10).
  const json view = ukrPage->last("view");
  ASSERT_FALSE(view["incidents"].empty());
  const std::string incident = view["incidents"][0]["id"];
  const std::string candidate = view["incidents"][0]["candidates"][0];
  ukrPage->send(json{{"type", "command"}, {"line", "decide ukr " + incident + " " + candidate}});
  ASSERT_TRUE(until([&] { return ukrPage->last("view")["assessments"][0]["decided"] == candidate; }));
  for (int k = 0; k < 5; ++k) server->pump(*hub);
  hub->flush();
  EXPECT_EQ(polPage->count("view"), polViews) << "pol's page was sent a view with nothing new for pol";
  // The facilitator adds five minutes: every page's countdown moves, so every page is told.
  ASSERT_EQ(table->facilitator("timer +300"), "");
  EXPECT_TRUE(until([&] { return polPage->count("view") > polViews; }));
}

TEST_F(SeatServerTest, AFloodIsDroppedAtTheDoorAndNoted) {
  auto page = joined(ukr);
  auto other = joined(pol);
  const std::uint64_t before = server->receivedCount();
  const int flood = 1000;
  for (int k = 0; k < flood; ++k) page->send(json{{"type", "nonsense"}, {"k", k}});
  // Not pumped meanwhile: everything beyond the per-connection limit is dropped, not queued.
  ASSERT_TRUE(waitFor([&] { return server->receivedCount() >= before + flood; }));
  server->pump(*hub);
  EXPECT_TRUE(noted("messages dropped (too many at once)"));
  // The answers have arrived before they are counted (the seat's rate limit answers too, within
  // the same cap).
  ASSERT_TRUE(until([&] { return page->count("refused") >= SeatLimits{}.maxRefusalsPerDrain; }));
  for (int k = 0; k < 20; ++k) {
    server->pump(*hub);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_LE(page->count("refused"), SeatLimits{}.maxRefusalsPerDrain);
  const SeatStatus s = statusOf(ukr);
  EXPECT_GE(s.refused, flood - SeatLimits{}.maxPendingMessages);
  // The other seat goes on as before.
  openDeliberation();
  EXPECT_TRUE(until([&] { return other->last("view")["situation"]["phase"] == "deliberation"; }));
}

TEST_F(SeatServerTest, ABrowserThatComesBackFindsItsSeatAsItWas) {
  std::string line;
  {
    auto page = joined(ukr);
    openDeliberation();
    ASSERT_TRUE(until([&] { return page->last("view")["situation"]["phase"] == "deliberation"; }));
    line = legalLine(page->last("view"));
    page->send(json{{"type", "command"}, {"line", line}});
    page->send(json{{"type", "draft"},
                    {"draft", {{"to", {"pol"}}, {"terms", json::array()}, {"text", "Half-written"}}}});
    page->send(json{{"type", "ready"}, {"ready", true}});
    ASSERT_TRUE(until([&] { return page->last("view")["ready"] == true; }));
  }  // the tab closes
  ASSERT_TRUE(until([&] { return !statusOf(ukr).connected; }));
  EXPECT_TRUE(noted("the browser left"));
  auto back = joined(ukr);
  const json view = back->last("view");
  ASSERT_EQ(view["queue"].size(), 1u);
  EXPECT_EQ(view["draft"]["text"], "Half-written");
  EXPECT_EQ(view["ready"], true);
}

TEST_F(SeatServerTest, TheUkrainianPageGetsUkrainianWordsAndReasons) {
  std::string warning;
  ASSERT_TRUE(installPageLanguages(DEMARCHE_SOURCE_DIR "/assets", warning)) << warning;
  Client page(server->port());
  page.join(hub->codeOf(ukr), "uk");
  ASSERT_TRUE(viewed(page));
  EXPECT_EQ(page.last("hello")["words"]["Negotiation"], "Переговори");
  EXPECT_EQ(page.last("view")["lang"], "uk");
  page.send(json{{"type", "command"}, {"line", "end_phase"}});
  ASSERT_TRUE(until([&] { return page.count("refused") == 1; }));
  EXPECT_EQ(page.last("refused")["reason"], "це може зробити лише модератор");
}

TEST_F(SeatServerTest, TheFacilitatorTakesASeatBackAndGivesItBackToTheSameBrowser) {
  auto page = joined(ukr);
  openDeliberation();
  ASSERT_TRUE(until([&] { return page->last("view")["situation"]["phase"] == "deliberation"; }));
  const std::string line = legalLine(page->last("view"));
  page->send(json{{"type", "command"}, {"line", line}});
  ASSERT_TRUE(until([&] { return !page->last("view")["queue"].empty(); }));

  // To the hot seat: a logged facilitator command through the seat table.
  ASSERT_EQ(table->facilitator("seat ukr team"), "");
  EXPECT_EQ(formatCommand(winterGrid(), table->session().commands().back()), "seat ukr team");
  EXPECT_EQ(table->session().senders().back(), Sender::facilitator());
  EXPECT_EQ(table->engine().describe(table->session().state(), table->session().state().timeline.back()),
            "The facilitator gives the seat of Ukraine to a team at the table");
  ASSERT_TRUE(until([&] { return page->count("taken") == 1; }));
  EXPECT_NE(page->last("taken")["reason"].get<std::string>().find("hot seat"), std::string::npos);
  EXPECT_FALSE(page->closed()) << "the page stays open, waiting";
  const SeatStatus taken = statusOf(ukr);
  EXPECT_FALSE(taken.inBrowser);
  EXPECT_FALSE(taken.connected);
  EXPECT_TRUE(taken.waiting);
  EXPECT_TRUE(noted("taken back from the browsers"));
  // No more of the team's view, and nothing it sends is the team's any more.
  const int views = page->count("view");
  ASSERT_EQ(table->facilitator("pause"), "");
  ASSERT_EQ(table->facilitator("resume"), "");
  for (int k = 0; k < 5; ++k) server->pump(*hub);
  EXPECT_EQ(page->count("view"), views);
  const std::size_t logged = table->session().commands().size();
  page->send(json{{"type", "command"}, {"line", line}});
  ASSERT_TRUE(until([&] { return page->count("refused") == 1; }));
  EXPECT_EQ(table->session().commands().size(), logged);
  // Another page with the code (the team reloaded) waits too, and is not a wrong code.
  Client reloaded(server->port());
  reloaded.join(hub->codeOf(ukr));
  ASSERT_TRUE(until([&] { return reloaded.count("taken") == 1; }));
  EXPECT_EQ(reloaded.count("view"), 0);

  // Back to a browser: the page it was taken from gets it, with its queue as it was.
  ASSERT_EQ(table->facilitator("seat ukr browser"), "");
  EXPECT_EQ(table->engine().describe(table->session().state(), table->session().state().timeline.back()),
            "The facilitator gives the seat of Ukraine to a team in a browser");
  ASSERT_TRUE(until([&] { return page->count("view") > views; }));
  EXPECT_EQ(page->last("view")["actor"], "ukr");
  EXPECT_EQ(page->last("view")["queue"].size(), 1u);
  EXPECT_TRUE(statusOf(ukr).connected);
  EXPECT_TRUE(until([&] { return reloaded.count("join-refused") == 1; })) << "one browser per seat";

  // To the AI and back: the AI plays it meanwhile; the code still works afterwards.
  const std::string code = hub->codeOf(ukr);
  ASSERT_EQ(table->facilitator("seat ukr ai"), "");
  ASSERT_TRUE(until([&] { return page->count("taken") == 2; }));
  EXPECT_NE(page->last("taken")["reason"].get<std::string>().find("AI"), std::string::npos);
  EXPECT_EQ(hub->codeOf(ukr), code);
  ASSERT_EQ(table->facilitator("seat ukr browser"), "");
  EXPECT_TRUE(until([&] { return statusOf(ukr).connected && statusOf(ukr).inBrowser; }));
}

TEST_F(SeatServerTest, ASeatsRateIsLimitedWhicheverConnectionHoldsIt) {
  useTestClock();  // frozen: the bucket does not refill until the test moves the clock
  {
    auto page = joined(ukr);
    const std::uint64_t before = server->receivedCount();
    const int sent = 100;
    for (int k = 0; k < sent; ++k) {
      page->send(json{{"type", "draft"}, {"draft", {{"text", std::to_string(k)}}}});
      if (k % 10 == 9) {  // pumped in between: the per-connection cap between drains never bites
        ASSERT_TRUE(
            waitFor([&] { return server->receivedCount() >= before + static_cast<unsigned>(k + 1); }));
        server->pump(*hub);
      }
    }
    EXPECT_GE(statusOf(ukr).refused, sent - static_cast<int>(SeatLimits{}.seatBurst));
    EXPECT_TRUE(noted("messages refused (more than 10 a second)"));
    // The page hears of it over its socket, when the network delivers (on a busy machine, later).
    EXPECT_TRUE(until([&] { return page->count("refused") >= 1; }));
  }
  ASSERT_TRUE(until([&] { return !statusOf(ukr).connected; }));
  // A new connection for the same seat does not start a new budget.
  auto again = joined(ukr);
  const int refused = statusOf(ukr).refused;
  again->send(json{{"type", "ready"}, {"ready", true}});
  ASSERT_TRUE(until([&] { return statusOf(ukr).refused > refused; }));
  EXPECT_FALSE(statusOf(ukr).ready);
  // Time refills it.
  clock += 10;
  again->send(json{{"type", "ready"}, {"ready", true}});
  EXPECT_TRUE(until([&] { return statusOf(ukr).ready; }));
  // Other seats never noticed.
  auto polPage = joined(pol);
  EXPECT_EQ(polPage->count("refused"), 0);
}

TEST_F(SeatServerTest, ABrowserWhoseNetworkDiedSilentlyFreesItsSeatAndItsQueueIsKept) {
  useTestClock();
  auto page = joined(ukr);
  auto polPage = joined(pol);
  openDeliberation();
  ASSERT_TRUE(until([&] { return page->last("view")["situation"]["phase"] == "deliberation"; }));
  page->send(json{{"type", "command"}, {"line", legalLine(page->last("view"))}});
  page->send(json{{"type", "draft"}, {"draft", {{"to", {"pol"}}, {"text", "Half-written"}}}});
  ASSERT_TRUE(until([&] { return !page->last("view")["queue"].empty(); }));
  // ukr's network dies without a word; pol's page keeps talking.
  page->answerPings = false;
  clock += SeatLimits{}.heartbeatSeconds + 1;
  const std::uint64_t before = server->receivedCount();
  polPage->send(json{{"type", "beat"}});
  ASSERT_TRUE(waitFor([&] { return server->receivedCount() > before; }));
  server->pump(*hub);
  EXPECT_FALSE(statusOf(ukr).connected);
  EXPECT_TRUE(noted("nothing heard from its browser"));
  EXPECT_TRUE(statusOf(pol).connected) << "a page that spoke is alive";
  // The team comes back (another laptop, or the same one once its network is back).
  auto back = joined(ukr);
  EXPECT_EQ(back->last("view")["queue"].size(), 1u);
  EXPECT_EQ(back->last("view")["draft"]["text"], "Half-written");
}

TEST(SeatServerPing, APongAnsweringTheServersPingKeepsASilentPageAlive) {
  const ScenarioDef& def = winterGrid();
  const int ukr = indexOfId(def.actors, "ukr");
  HeadlessTable table(def, 0, {ukr});
  double clock = 0;
  table.setClock([&clock] { return clock; });
  ServerOptions options;
  options.pingSeconds = 0.02;
  std::string error;
  auto server = SeatServer::start(options, error);
  ASSERT_TRUE(server) << error;
  SeatHub hub(table, *server);
  Client page(server->port());
  page.join(hub.codeOf(ukr));
  const auto connected = [&] { return !hub.status().empty() && hub.status().front().connected; };
  ASSERT_TRUE(waitFor([&] {
    server->pump(hub);
    return page.count("view") > 0;
  }));
  // The page says nothing itself; only its pongs are heard. Each step moves the table's clock by
  // less than the timeout and waits for one more pong (however long the network takes), so four
  // steps span more than the timeout while the page stays alive.
  for (int step = 0; step < 4; ++step) {
    clock += SeatLimits{}.heartbeatSeconds * 0.6;
    const std::uint64_t before = server->controlFrameCount();
    ASSERT_TRUE(waitFor([&] {
      server->pump(hub);
      return server->controlFrameCount() > before;
    }));
    server->pump(hub);  // the pong is heard
    ASSERT_TRUE(connected()) << "step " << step;
  }
  page.answerPings = false;
  clock += SeatLimits{}.heartbeatSeconds * 0.6;
  EXPECT_TRUE(waitFor([&] {
    server->pump(hub);
    clock += 1;
    return !connected();
  }));
}

TEST(SeatPage, EveryWordThePageShowsIsInTheCatalogueList) {
  std::set<std::string> page;
  for (const char* file : {"/assets/web/app.js", "/assets/web/index.html"}) {
    std::ifstream in(std::string(DEMARCHE_SOURCE_DIR) + file);
    std::stringstream text;
    text << in.rdbuf();
    const std::string s = text.str();
    const std::regex call(R"((?:\bt\(|data-t=)\"([^\"]+)\")");
    for (auto it = std::sregex_iterator(s.begin(), s.end(), call); it != std::sregex_iterator(); ++it)
      page.insert((*it)[1].str());
  }
  ASSERT_GT(page.size(), 30u);
  const std::set<std::string_view> listed(pageWords().begin(), pageWords().end());
  for (const std::string& w : page)
    EXPECT_TRUE(listed.count(w)) << "add phrase(\"" << w << "\") to PageWords.cpp";
}

TEST(ListenAddress, PortAloneOrWithAnAddress) {
  std::string error;
  EXPECT_EQ(parseListenAddress("8080", error), std::make_pair(std::string("127.0.0.1"), 8080));
  EXPECT_EQ(parseListenAddress("0.0.0.0:9000", error), std::make_pair(std::string("0.0.0.0"), 9000));
  EXPECT_EQ(parseListenAddress("[::1]:81", error), std::make_pair(std::string("[::1]"), 81));
  EXPECT_FALSE(parseListenAddress("http://x:80", error));
  EXPECT_FALSE(parseListenAddress("70000", error));
  EXPECT_NE(error.find("out of range"), std::string::npos);
}

}  // namespace
}  // namespace demarche::seats
