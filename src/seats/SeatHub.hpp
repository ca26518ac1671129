// The browser seats' logic on the table's own thread, without any network: join codes, which
// connection holds which team seat, what a browser may send, and the team view each bound
// browser is sent whenever the table changes. The server (SeatServer) only moves messages
// between civetweb's threads and this hub; tests drive the hub directly or through a server.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/Command.hpp"
#include "core/Engine.hpp"
#include "core/Session.hpp"
#include "seats/TeamJson.hpp"

namespace demarche::seats {

using ConnectionId = std::uint64_t;

// What the seats need of the live table: the window's ui::Table or, for `demarche serve`, a
// HeadlessTable. Called on the table's thread only.
class SeatHost {
 public:
  virtual ~SeatHost() = default;
  virtual const Engine& engine() const = 0;
  virtual const Session& session() const = 0;
  // Grows with every change a view may show (a command, a phase, the countdown's minute).
  virtual std::uint64_t version() const = 0;
  // `command` from the browser holding `actor`'s seat, through the same path as the window's
  // buttons (Sender::team(actor)). The refusal's reason in `language` ("" = the table's).
  virtual std::optional<std::string> submitFromSeat(const Command& command, int actor,
                                                    std::string_view language) = 0;
  // Seconds left in this deliberation, when a countdown runs.
  virtual std::optional<double> remainingSeconds() const = 0;
  // A line for the facilitator (refused codes, floods...), shown in their panel.
  virtual void seatNotice(const std::string& text) = 0;
  // The table's language ("" = the scenario's).
  virtual std::string language() const = 0;
  // The table's clock, in seconds (rate limits, heartbeats, the countdown between two views):
  // the window's frame clock, or one a test drives. Never logged, never in the state.
  virtual double seconds() const = 0;
  // The scenario, shared, when the host may replace it while the seats run (the window reloads
  // a changed scenario file): views built on the view thread keep it alive. Null when the
  // scenario outlives the hub.
  virtual std::shared_ptr<const ScenarioDef> sharedScenario() const { return nullptr; }
};

// Where a hub builds the views it sends. `Caller`: on the table's thread, inside publish() and
// received() (the tests that count messages right after a call). `ViewThread`: on a thread of
// the hub's own, from a copy of the table made when its version changes, so that building 30
// team views (milliseconds) never holds up the window's frame; every message of the hub, views
// or not, then leaves from that thread, in the order the hub made them.
enum class ViewBuilding : std::uint8_t { Caller, ViewThread };

// Where the hub's messages go (the server, or a test's recorder).
class SeatOutput {
 public:
  virtual ~SeatOutput() = default;
  virtual void send(ConnectionId connection, const std::string& text) = 0;
  virtual void close(ConnectionId connection) = 0;  // the server closes it after what was sent
};

struct SeatLimits {
  std::size_t maxMessageBytes = 16 * 1024;  // a larger frame is refused and its connection closed
  int maxPendingMessages = 64;              // per connection between two drains; more are dropped
  int maxWrongCodes = 5;                    // a connection that guesses more is closed
  int maxRefusalsPerDrain = 8;              // refusals answered per drain; the rest only counted
  // Per seat, whichever connection holds it (a reconnect does not reset it): a token bucket of
  // `seatBurst` messages refilled at `seatMessagesPerSecond`; beyond it messages are refused.
  double seatMessagesPerSecond = 10;
  double seatBurst = 40;
  // A browser neither heard from (a message, or the pong answering the server's ping) for this
  // long has lost its network: its seat is freed for a rejoin (queue and draft kept).
  double heartbeatSeconds = 45;
};

// One team seat as the facilitator's panel lists it: every seat that is or was in a browser.
struct SeatStatus {
  int actor = -1;
  std::string actorId;
  std::string code;
  bool inBrowser = true;  // the seat table gives it to a browser now (else the facilitator took it back)
  bool waiting = false;   // taken back, and a browser waits to get it again
  bool connected = false;
  bool ready = false;  // the team said it is done with this deliberation
  int refused = 0;     // messages refused from it so far
};

class SeatHub {
 public:
  SeatHub(SeatHost& host, SeatOutput& output, SeatLimits limits = {},
          ViewBuilding building = ViewBuilding::Caller);
  ~SeatHub();
  SeatHub(const SeatHub&) = delete;
  SeatHub& operator=(const SeatHub&) = delete;

  // Events from the server, on the table's thread, in the order they happened.
  void opened(ConnectionId connection);
  void received(ConnectionId connection, std::string_view text);
  void oversized(ConnectionId connection, std::size_t bytes);
  void dropped(ConnectionId connection, int count);  // a flood: messages not queued
  void heard(ConnectionId connection);               // a frame arrived (a pong counts)
  void closed(ConnectionId connection);

  // Join codes follow the seat table: a seat given to a browser (`seat ACTOR browser`) gets a
  // code; a seat the facilitator takes back (to the hot seat, the AI...) keeps its code but its
  // browser is told and sees no more of the team's view, and waits: when the seat is given back
  // to a browser, that browser gets it again. Browsers silent for too long free their seat.
  // Then every bound browser whose view changed is sent it.
  void publish();

  // The facilitator: a new code for `actor`'s seat; the old one no longer works and the
  // browser holding it is closed. Returns the new code ("" when the seat is not a team's).
  std::string newCode(int actor);
  // The code of a team seat ("" when it has none).
  std::string codeOf(int actor) const;
  std::vector<SeatStatus> status() const;
  // The facilitator's record of what the seats refused and why, oldest first (the last 200).
  const std::vector<std::string>& notes() const { return m_notes; }
  std::size_t connections() const { return m_connections.size(); }
  // Returns once every message made so far has been handed to the output (at once when views
  // are built by the caller).
  void flush();

 private:
  // What was last sent to one connection: written by whoever builds the views (the view thread,
  // when there is one), never read by the table's thread.
  struct Outbox {
    std::string sentView;            // the last view sent (compared without its countdown and version)
    TeamJsonCache cache;             // what its last view was written from (this seat's only)
    std::optional<double> sentLeft;  // its countdown, and when (seconds()) it was sent
    double sentAt = 0;
  };
  struct Connection {
    int actor = -1;       // -1 until it joined
    int waitingFor = -1;  // the seat the facilitator took from it, to rejoin when given back
    double heardAt = 0;   // seconds() of its last frame
    std::string language;
    int wrongCodes = 0;
    int refusalsThisDrain = 0;
    std::uint64_t sentVersion =
        0;  // the table's version of its last view (0 = send the next whatever it holds)
    std::shared_ptr<Outbox> outbox = std::make_shared<Outbox>();
    bool closing = false;
  };
  struct TableCopy;
  struct Delivery;
  class ViewThread;
  struct SeatState {
    std::string code;
    bool inBrowser = true;    // false: taken back by the facilitator (the code is kept)
    ConnectionId holder = 0;  // 0 = no browser
    bool ready = false;
    int refused = 0;
    double tokens = -1;  // the rate limit's bucket (-1 = full), and when it was last filled
    double tokensAt = 0;
    int limited = 0;  // messages refused by the rate limit since the last note
    double limitedNotedAt = -1e9;
  };

  void join(ConnectionId id, Connection& c, const std::string& code, const std::string& language);
  void bind(ConnectionId id, Connection& c, int actor);
  bool withinRate(ConnectionId id, Connection& c);
  void takeBack(int actor, SeatState& seat, const Seat& now);
  void giveBack(int actor, SeatState& seat);
  void checkHeartbeats();
  void command(ConnectionId id, Connection& c, const std::string& line);
  void refuse(ConnectionId id, Connection* c, const std::string& why, const std::string& note);
  void note(const std::string& text);
  void sendView(ConnectionId id, Connection& c);
  void syncSeats();
  std::string freshCode() const;
  std::string seatName(int actor) const;
  void closeConnection(ConnectionId id, Connection& c);
  void post(ConnectionId id, std::string text);
  void postClose(ConnectionId id);
  void deliver(Delivery delivery);

  SeatHost* m_host;
  SeatOutput* m_output;
  SeatLimits m_limits;
  std::map<ConnectionId, Connection> m_connections;
  std::map<int, SeatState> m_seats;         // team seats by actor
  std::map<int, std::string> m_drafts;      // [actor]: the page's unsent draft, for a rejoin
  std::vector<std::string> m_retiredCodes;  // codes that worked once (refused as "no longer valid")
  std::vector<std::string> m_notes;
  std::unique_ptr<ViewThread> m_viewThread;  // null: views are built by the caller
  std::shared_ptr<const TableCopy> m_copy;   // the table as the view thread builds from it
  std::uint64_t m_copyVersion = 0;
  int m_readyTurn = -1;
  std::string m_readyPhase;
};

}  // namespace demarche::seats
