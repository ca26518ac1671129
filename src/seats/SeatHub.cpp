#include "seats/SeatHub.hpp"

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>
#include <random>
#include <thread>

#include "core/Catalogue.hpp"
#include "core/CommandText.hpp"
#include "seats/TeamJson.hpp"

namespace demarche::seats {
namespace {

using nlohmann::json;

// Codes people type from a projector: no 0/O, 1/I/L. 8 of 31 symbols: about 40 bits.
constexpr std::string_view kCodeSymbols = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
constexpr std::size_t kCodeLength = 8;
constexpr std::size_t kMaxNotes = 200;
constexpr std::size_t kMaxDraftBytes = 8 * 1024;

std::string normaliseCode(std::string code) {
  std::string out;
  for (char ch : code) {
    if (ch == '-' || ch == ' ') continue;
    out += (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch;
  }
  return out;
}

std::string message(std::string_view type, std::string_view reason) {
  json j;
  j["type"] = type;
  j["reason"] = reason;
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace

// The table as a view is built from it: on the view thread, a copy made on the table's thread.
struct SeatHub::TableCopy {
  std::shared_ptr<const ScenarioDef>
      scenario;  // keeps `engine`'s scenario alive (null: the host's outlives us)
  Engine engine;
  GameState state;
};

// One message for a connection: a text or a close, or a view to build and send if it changed.
struct SeatHub::Delivery {
  enum class Kind : std::uint8_t { Text, Close, View } kind = Kind::Text;
  ConnectionId id = 0;
  std::string text;  // Text
  // View: what it is built from (the host's own, or `copy`'s), for whom, and what was sent before.
  const Engine* engine = nullptr;
  const GameState* state = nullptr;
  std::shared_ptr<const TableCopy> copy;
  std::shared_ptr<Outbox> outbox;
  int actor = -1;
  std::string language;
  SeatExtras extras;
  double now = 0;
  bool force = false;  // send it even if the browser has this view already
};

// The hub's messages, in order, off the table's thread.
class SeatHub::ViewThread {
 public:
  explicit ViewThread(SeatOutput& output) : m_output(&output), m_thread([this] { run(); }) {}
  ~ViewThread() {
    {
      std::lock_guard lock(m_mutex);
      m_stop = true;
    }
    m_wake.notify_one();
    m_thread.join();  // after what was queued has left
  }
  ViewThread(const ViewThread&) = delete;
  ViewThread& operator=(const ViewThread&) = delete;

  void push(Delivery d) {
    {
      std::lock_guard lock(m_mutex);
      m_queue.push_back(std::move(d));
    }
    m_wake.notify_one();
  }
  void flush() {
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [this] { return m_queue.empty() && !m_busy; });
  }

 private:
  void run() {
    std::unique_lock lock(m_mutex);
    for (;;) {
      m_wake.wait(lock, [this] { return m_stop || !m_queue.empty(); });
      if (m_queue.empty()) return;  // stopping, and nothing left to send
      Delivery d = std::move(m_queue.front());
      m_queue.pop_front();
      m_busy = true;
      lock.unlock();
      carry(*m_output, d);
      d = Delivery{};  // lets go of its copy of the table here, not under the lock
      lock.lock();
      m_busy = false;
      if (m_queue.empty()) m_idle.notify_all();
    }
  }

 public:
  static void carry(SeatOutput& output, const Delivery& d) {
    switch (d.kind) {
      case Delivery::Kind::Text:
        output.send(d.id, d.text);
        break;
      case Delivery::Kind::Close:
        output.close(d.id);
        break;
      case Delivery::Kind::View:
        sendIfChanged(output, d, *d.outbox);
        break;
    }
  }
  // Builds `d`'s view and sends it, unless the browser has it already.
  static void sendIfChanged(SeatOutput& output, const Delivery& d, Outbox& sent);

 private:
  SeatOutput* m_output;
  std::mutex m_mutex;
  std::condition_variable m_wake, m_idle;
  std::deque<Delivery> m_queue;
  bool m_busy = false;
  bool m_stop = false;
  std::thread m_thread;  // last: started once everything above exists
};

SeatHub::SeatHub(SeatHost& host, SeatOutput& output, SeatLimits limits, ViewBuilding building)
    : m_host(&host), m_output(&output), m_limits(limits) {
  if (building == ViewBuilding::ViewThread) m_viewThread = std::make_unique<ViewThread>(output);
  syncSeats();
}

SeatHub::~SeatHub() = default;

void SeatHub::flush() {
  if (m_viewThread) m_viewThread->flush();
}

void SeatHub::deliver(Delivery delivery) {
  if (m_viewThread)
    m_viewThread->push(std::move(delivery));
  else
    ViewThread::carry(*m_output, delivery);
}

void SeatHub::post(ConnectionId id, std::string text) {
  Delivery d;
  d.kind = Delivery::Kind::Text;
  d.id = id;
  d.text = std::move(text);
  deliver(std::move(d));
}

void SeatHub::postClose(ConnectionId id) {
  Delivery d;
  d.kind = Delivery::Kind::Close;
  d.id = id;
  deliver(std::move(d));
}

std::string SeatHub::freshCode() const {
  // Not the exercise's generator: a code must not follow from the seed, and is never logged.
  std::random_device device;
  for (;;) {
    std::string code;
    for (std::size_t k = 0; k < kCodeLength; ++k) code += kCodeSymbols[device() % kCodeSymbols.size()];
    bool used = std::find(m_retiredCodes.begin(), m_retiredCodes.end(), code) != m_retiredCodes.end();
    for (const auto& [actor, seat] : m_seats) used = used || seat.code == code;
    if (!used) return code;
  }
}

std::string SeatHub::seatName(int actor) const {
  const ScenarioDef& def = m_host->engine().def();
  if (actor < 0 || static_cast<std::size_t>(actor) >= def.actors.size()) return "?";
  return def.actors[static_cast<std::size_t>(actor)].id;
}

void SeatHub::note(const std::string& text) {
  m_notes.push_back(text);
  if (m_notes.size() > kMaxNotes) m_notes.erase(m_notes.begin());
  m_host->seatNotice(text);
}

void SeatHub::syncSeats() {
  const std::vector<Seat>& seats = m_host->session().seats();
  for (std::size_t a = 0; a < seats.size(); ++a) {
    const int actor = static_cast<int>(a);
    const bool browser = seats[a].kind == SeatKind::Team && seats[a].browser;
    auto it = m_seats.find(actor);
    if (it == m_seats.end()) {
      if (browser) m_seats[actor].code = freshCode();
    } else if (it->second.inBrowser != browser) {
      if (browser)
        giveBack(actor, it->second);
      else
        takeBack(actor, it->second, seats[a]);
    }
  }
  // A new deliberation (or phase): every team starts again, not ready.
  const GameState& s = m_host->session().state();
  const std::string phase(phaseName(s.phase));
  if (s.turn != m_readyTurn || phase != m_readyPhase) {
    m_readyTurn = s.turn;
    m_readyPhase = phase;
    for (auto& [actor, seat] : m_seats) seat.ready = false;
  }
}

namespace {

// What a browser is told when the facilitator takes its seat (in the browser's language).
std::string takenReason(const Phrases& say, const Seat& now) {
  if (now.kind == SeatKind::Team)
    return say(
        "The facilitator moved this seat to the laptop (the hot seat). This page joins it again when the "
        "seat is given back to a browser.");
  if (now.kind == SeatKind::Ai)
    return say(
        "The facilitator gave this seat to the AI. This page joins it again when the seat is given back "
        "to a browser.");
  return say(
      "The facilitator gave this seat to another player. This page joins it again when the seat is "
      "given back to a browser.");
}

// Who plays a seat now, for the facilitator's notes.
std::string playedBy(const Phrases& say, const Seat& now) {
  switch (now.kind) {
    case SeatKind::Team:
      return say("the hot seat");
    case SeatKind::Ai:
      return say("the AI");
    case SeatKind::Scripted:
      return say("a script");
    case SeatKind::Random:
      return say("the random policy");
  }
  return "?";
}

}  // namespace

void SeatHub::takeBack(int actor, SeatState& seat, const Seat& now) {
  // The code is kept: the same team rejoins with it when the seat comes back to a browser.
  seat.inBrowser = false;
  seat.ready = false;
  if (seat.holder) {
    auto c = m_connections.find(seat.holder);
    if (c != m_connections.end()) {
      // The page stays open, told why, and is sent nothing more of the team's view.
      post(c->first, message("taken", takenReason(Phrases(c->second.language), now)));
      c->second.actor = -1;
      c->second.waitingFor = actor;
    }
    seat.holder = 0;
  }
  note(Phrases(m_host->language())(phrase("seat {0}: taken back from the browsers; now played by {1}"),
                                   {seatName(actor), playedBy(Phrases(m_host->language()), now)}));
}

void SeatHub::giveBack(int actor, SeatState& seat) {
  seat.inBrowser = true;
  note(Phrases(m_host->language())(phrase("seat {0}: given back to a browser"), {seatName(actor)}));
  // The browser that waits for it (the first, usually the one it was taken from) gets it again.
  for (auto& [id, c] : m_connections) {
    if (c.waitingFor != actor || c.closing) continue;
    if (seat.holder == 0) {
      bind(id, c, actor);
    } else {
      c.waitingFor = -1;
      post(id, message("join-refused",
                       Phrases(c.language)(phrase("another browser holds this seat; close it first, "
                                                  "or ask the facilitator for a new code"))));
    }
  }
}

std::string SeatHub::newCode(int actor) {
  auto it = m_seats.find(actor);
  if (it == m_seats.end()) return {};
  m_retiredCodes.push_back(it->second.code);
  it->second.code = freshCode();
  for (auto& [id, c] : m_connections) {
    if (id != it->second.holder && c.waitingFor != actor) continue;
    post(id, message("closed", Phrases(c.language)(phrase("The facilitator took this seat back"))));
    closeConnection(id, c);
  }
  note(Phrases(m_host->language())(phrase("seat {0}: a new join code; the old one no longer works"),
                                   {seatName(actor)}));
  return it->second.code;
}

std::string SeatHub::codeOf(int actor) const {
  auto it = m_seats.find(actor);
  return it == m_seats.end() ? std::string() : it->second.code;
}

std::vector<SeatStatus> SeatHub::status() const {
  std::vector<SeatStatus> out;
  for (const auto& [actor, seat] : m_seats) {
    SeatStatus st;
    st.actor = actor;
    st.actorId = seatName(actor);
    st.code = seat.code;
    st.inBrowser = seat.inBrowser;
    st.connected = seat.holder != 0;
    st.ready = seat.ready;
    st.refused = seat.refused;
    for (const auto& [id, c] : m_connections)
      st.waiting = st.waiting || (c.waitingFor == actor && !c.closing);
    out.push_back(std::move(st));
  }
  return out;
}

void SeatHub::closeConnection(ConnectionId id, Connection& c) {
  if (c.actor >= 0) {
    auto it = m_seats.find(c.actor);
    if (it != m_seats.end() && it->second.holder == id) it->second.holder = 0;
  }
  c.actor = -1;
  c.waitingFor = -1;
  c.closing = true;
  postClose(id);
}

void SeatHub::opened(ConnectionId connection) {
  Connection c;
  c.heardAt = m_host->seconds();
  m_connections[connection] = std::move(c);
}

void SeatHub::heard(ConnectionId connection) {
  auto it = m_connections.find(connection);
  if (it != m_connections.end()) it->second.heardAt = m_host->seconds();
}

void SeatHub::closed(ConnectionId connection) {
  auto it = m_connections.find(connection);
  if (it == m_connections.end()) return;
  if (it->second.actor >= 0) {
    auto seat = m_seats.find(it->second.actor);
    if (seat != m_seats.end() && seat->second.holder == connection) {
      seat->second.holder = 0;
      note(Phrases(m_host->language())(phrase("seat {0}: the browser left (its code still works)"),
                                       {seatName(it->second.actor)}));
    }
  }
  m_connections.erase(it);
}

void SeatHub::refuse(ConnectionId id, Connection* c, const std::string& why, const std::string& noteText) {
  if (c && c->actor >= 0) {
    auto seat = m_seats.find(c->actor);
    if (seat != m_seats.end()) ++seat->second.refused;
  }
  if (!noteText.empty()) note(noteText);
  if (c && ++c->refusalsThisDrain > m_limits.maxRefusalsPerDrain) return;  // a flood: counted only
  post(id, message("refused", why));
}

void SeatHub::oversized(ConnectionId connection, std::size_t bytes) {
  auto it = m_connections.find(connection);
  Connection* c = it == m_connections.end() ? nullptr : &it->second;
  const std::string who = c && c->actor >= 0 ? seatName(c->actor) : std::string("?");
  const Phrases say(m_host->language());
  note(say("seat {0}: a message of {1} bytes refused (the limit is {2}); connection closed",
           {who, std::to_string(bytes), std::to_string(m_limits.maxMessageBytes)}));
  if (c) {
    post(connection, message("closed", Phrases(c->language)(phrase("message too large"))));
    closeConnection(connection, *c);
  } else {
    postClose(connection);
  }
}

void SeatHub::dropped(ConnectionId connection, int count) {
  auto it = m_connections.find(connection);
  const std::string who =
      it != m_connections.end() && it->second.actor >= 0 ? seatName(it->second.actor) : "?";
  if (it != m_connections.end() && it->second.actor >= 0) {
    auto seat = m_seats.find(it->second.actor);
    if (seat != m_seats.end()) seat->second.refused += count;
  }
  note(Phrases(m_host->language())(phrase("seat {0}: {1} messages dropped (too many at once)"),
                                   {who, std::to_string(count)}));
}

void SeatHub::received(ConnectionId connection, std::string_view text) {
  auto it = m_connections.find(connection);
  if (it == m_connections.end() || it->second.closing) return;
  Connection& c = it->second;
  c.heardAt = m_host->seconds();
  const Phrases say(c.language.empty() ? m_host->language() : c.language);
  const std::string who = c.actor >= 0 ? seatName(c.actor) : std::string("?");
  if (text.size() > m_limits.maxMessageBytes) {
    oversized(connection, text.size());
    return;
  }
  if (!withinRate(connection, c)) return;
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("type") || !j["type"].is_string()) {
    refuse(connection, &c, say("not a message this page sends"),
           Phrases(m_host->language())(phrase("seat {0}: a malformed message refused"), {who}));
    return;
  }
  const std::string type = j["type"].get<std::string>();
  const auto field = [&j](const char* key) {
    auto f = j.find(key);
    return f != j.end() && f->is_string() ? f->get<std::string>() : std::string();
  };
  if (type == "beat") return;  // the page's heartbeat: heard, nothing else
  if (type == "join") {
    join(connection, c, field("code"), field("lang"));
    return;
  }
  if (type == "words") {
    // The page's words in another language (the join screen's choice, or a change later).
    const std::string lang = field("lang");
    if (lang == "en" || lang == "uk") c.language = lang;
    post(connection, helloJson(c.language, c.actor >= 0 ? seatName(c.actor) : std::string()));
    c.sentVersion = 0;
    sendView(connection, c);
    return;
  }
  if (c.actor < 0) {
    refuse(connection, &c, say("join with your team's code first"),
           Phrases(m_host->language())(phrase("a browser sent '{0}' before joining; refused"), {type}));
    return;
  }
  if (type == "command") {
    command(connection, c, field("line"));
  } else if (type == "ready") {
    auto f = j.find("ready");
    m_seats[c.actor].ready = f != j.end() && f->is_boolean() && f->get<bool>();
    c.sentVersion = 0;  // show the change
    sendView(connection, c);
  } else if (type == "draft") {
    auto f = j.find("draft");
    std::string draft = f != j.end() ? f->dump(-1, ' ', false, json::error_handler_t::replace) : "";
    if (draft.size() > kMaxDraftBytes) {
      refuse(connection, &c, say("message too large"), {});
      return;
    }
    m_drafts[c.actor] = std::move(draft);
  } else {
    refuse(connection, &c, say("not a message this page sends"),
           Phrases(m_host->language())(phrase("seat {0}: an unknown message '{1}' refused"),
                                       {who, type.substr(0, 40)}));
  }
}

void SeatHub::join(ConnectionId id, Connection& c, const std::string& given, const std::string& language) {
  c.language = language == "uk" || language == "en" ? language : m_host->language();
  const Phrases say(c.language);
  const Phrases sayHere(m_host->language());
  const std::string code = normaliseCode(given);
  if (c.actor >= 0) {
    refuse(id, &c, say("this page already holds a seat"), {});
    return;
  }
  auto seat = std::find_if(m_seats.begin(), m_seats.end(),
                           [&](const auto& entry) { return !code.empty() && entry.second.code == code; });
  if (seat == m_seats.end()) {
    const bool retired =
        std::find(m_retiredCodes.begin(), m_retiredCodes.end(), code) != m_retiredCodes.end();
    ++c.wrongCodes;
    note(retired ? sayHere(phrase("a browser tried a join code that no longer works"))
                 : sayHere(phrase("a browser tried a wrong join code")));
    post(id, message("join-refused", retired ? say("this code no longer works: ask the facilitator")
                                             : say("no seat has this code: check it with the facilitator")));
    if (c.wrongCodes >= m_limits.maxWrongCodes) {
      note(sayHere(phrase("a browser tried {0} wrong codes and was disconnected"),
                   {std::to_string(c.wrongCodes)}));
      closeConnection(id, c);
    }
    return;
  }
  const int actor = seat->first;
  if (!seat->second.inBrowser) {
    // Taken back by the facilitator: this page waits, and gets the seat when it is given back.
    c.waitingFor = actor;
    note(sayHere(phrase("seat {0}: a browser came back while the seat is taken back; it waits"),
                 {seatName(actor)}));
    post(id, message("taken", takenReason(say, m_host->session().seat(actor))));
    return;
  }
  if (seat->second.holder != 0 && seat->second.holder != id) {
    note(sayHere(phrase("seat {0}: a second browser tried its code while the first is connected; refused"),
                 {seatName(actor)}));
    post(id, message("join-refused", say("another browser holds this seat; close it first, or ask the "
                                         "facilitator for a new code")));
    return;
  }
  bind(id, c, actor);
}

void SeatHub::bind(ConnectionId id, Connection& c, int actor) {
  m_seats[actor].holder = id;
  c.actor = actor;
  c.waitingFor = -1;
  c.sentVersion = 0;
  note(Phrases(m_host->language())(phrase("seat {0}: a browser joined"), {seatName(actor)}));
  post(id, helloJson(c.language, seatName(actor)));
  sendView(id, c);
}

bool SeatHub::withinRate(ConnectionId id, Connection& c) {
  if (c.actor < 0) return true;  // before joining: the drain's cap and the wrong-code limit
  SeatState& seat = m_seats[c.actor];
  const double now = m_host->seconds();
  if (seat.tokens < 0) {
    seat.tokens = m_limits.seatBurst;
    seat.tokensAt = now;
  }
  seat.tokens = std::min(m_limits.seatBurst,
                         seat.tokens + std::max(0.0, now - seat.tokensAt) * m_limits.seatMessagesPerSecond);
  seat.tokensAt = now;
  if (seat.tokens >= 1) {
    seat.tokens -= 1;
    return true;
  }
  ++seat.refused;
  // Answered once per note, and within the drain's cap on refusals like every other refusal.
  if (seat.limited++ == 0 && ++c.refusalsThisDrain <= m_limits.maxRefusalsPerDrain)
    post(id, message("refused", Phrases(c.language)(phrase("too many messages: wait a moment"))));
  return false;
}

void SeatHub::checkHeartbeats() {
  const double now = m_host->seconds();
  const Phrases sayHere(m_host->language());
  for (auto& [id, c] : m_connections) {
    if (c.closing || now - c.heardAt <= m_limits.heartbeatSeconds) continue;
    // Its network died without a word: free the seat for a rejoin; the page, if it ever comes
    // back, reconnects by itself. The queue and the draft stay on the table.
    if (c.actor >= 0)
      note(sayHere(phrase("seat {0}: nothing heard from its browser for {1} s; the seat is free again (its "
                          "queue and draft are kept)"),
                   {seatName(c.actor), std::to_string(static_cast<int>(m_limits.heartbeatSeconds))}));
    closeConnection(id, c);
  }
  for (auto& [actor, seat] : m_seats) {
    if (seat.limited == 0 || now - seat.limitedNotedAt < 1.0) continue;
    note(sayHere(phrase("seat {0}: {1} messages refused (more than {2} a second)"),
                 {seatName(actor), std::to_string(seat.limited),
                  std::to_string(static_cast<int>(m_limits.seatMessagesPerSecond))}));
    seat.limited = 0;
    seat.limitedNotedAt = now;
  }
}

void SeatHub::command(ConnectionId id, Connection& c, const std::string& line) {
  const Phrases say(c.language);
  const Phrases sayHere(m_host->language());
  const std::string who = seatName(c.actor);
  const ScenarioDef& def = m_host->engine().def();
  const CommandParse parsed = parseCommand(def, line);
  if (!parsed.command) {
    refuse(id, &c, say("not a command: {0}", {parsed.error}),
           sayHere(phrase("seat {0}: a line that is not a command refused"), {who}));
    return;
  }
  const Command& cmd = *parsed.command;
  if (commandAuthority(cmd) != Authority::Player) {
    refuse(id, &c, say("only the facilitator may do that"),
           sayHere(phrase("seat {0}: a facilitator command ({1}) refused"),
                   {who, std::string(commandWord(cmd))}));
    return;
  }
  if (commandActor(cmd) != c.actor) {
    refuse(id, &c, say("your seat plays {0}: you cannot act for another actor", {who}),
           sayHere(phrase("seat {0}: a command for {1} refused"), {who, seatName(commandActor(cmd))}));
    return;
  }
  if (auto refusal = m_host->submitFromSeat(cmd, c.actor, c.language)) {
    refuse(id, &c, *refusal, {});
    return;
  }
  sendView(id, c);  // at once; the others see the change at the next publish
}

void SeatHub::sendView(ConnectionId id, Connection& c) {
  if (c.actor < 0 || c.closing) return;
  const std::uint64_t version = m_host->version();
  if (c.sentVersion == version) return;
  Delivery d;
  d.kind = Delivery::Kind::View;
  d.id = id;
  if (m_viewThread) {
    // One copy of the table per version, shared by every view built from it.
    if (!m_copy || m_copyVersion != version) {
      m_copy = std::make_shared<const TableCopy>(
          TableCopy{m_host->sharedScenario(), m_host->engine(), m_host->session().state()});
      m_copyVersion = version;
    }
    d.copy = m_copy;
    d.engine = &m_copy->engine;
    d.state = &m_copy->state;
  } else {
    d.engine = &m_host->engine();
    d.state = &m_host->session().state();
  }
  d.outbox = c.outbox;
  d.actor = c.actor;
  d.language = c.language;
  d.extras.secondsLeft = m_host->remainingSeconds();
  auto seat = m_seats.find(c.actor);
  d.extras.ready = seat != m_seats.end() && seat->second.ready;
  auto draft = m_drafts.find(c.actor);
  if (draft != m_drafts.end()) d.extras.draft = draft->second;
  d.extras.version = version;
  d.now = m_host->seconds();
  d.force = c.sentVersion == 0;
  c.sentVersion = version;
  deliver(std::move(d));
}

void SeatHub::ViewThread::sendIfChanged(SeatOutput& output, const Delivery& d, Outbox& sent) {
  std::string text = teamViewJson(*d.engine, *d.state, d.actor, d.language, d.extras, &sent.cache);
  // The table changed, but perhaps not what this team sees (another team's decision): then the
  // browser has this view already, and its countdown runs on by itself unless the facilitator
  // moved the clock (pause, +5 min). Compared as text (memcmp), not through a hash of it.
  const auto stable = [](std::string_view view) { return view.substr(0, view.rfind(",\"secondsLeft\":")); };
  bool sameClock = sent.sentLeft.has_value() == d.extras.secondsLeft.has_value();
  if (sameClock && d.extras.secondsLeft) {
    const double expected = std::max(0.0, *sent.sentLeft - (d.now - sent.sentAt));
    sameClock = std::abs(expected - *d.extras.secondsLeft) < 1.0;
  }
  const bool unchanged = !d.force && sameClock && stable(text) == stable(sent.sentView);
  if (unchanged) return;
  output.send(d.id, text);
  sent.sentView = std::move(text);
  sent.sentLeft = d.extras.secondsLeft;
  sent.sentAt = d.now;
}

void SeatHub::publish() {
  syncSeats();
  checkHeartbeats();
  for (auto& [id, c] : m_connections) {
    c.refusalsThisDrain = 0;
    sendView(id, c);
  }
}

}  // namespace demarche::seats
