// A live table without a window, for `demarche serve` and the tests: the session, the turn
// driver with the AI on every seat no team plays, the facilitator's commands given as text
// lines (`end_phase`, `seat rus ai expert`...), an autosave after every command, and the
// countdown. The browser seats reach it through SeatHost, like the window's table.
#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/SeatDriver.hpp"
#include "core/Session.hpp"
#include "seats/SeatHub.hpp"

namespace demarche::agents {
class SeatPlayers;
}

namespace demarche::seats {

class HeadlessTable final : public SeatHost {
 public:
  // `teams`: the actors played by people (in browsers); every other seat is the standard AI.
  // `save`: the log written after every command ("" = none); `scenarioFile` is recorded in it.
  HeadlessTable(const ScenarioDef& def, std::uint64_t seed, const std::vector<int>& teams,
                std::filesystem::path save = {}, std::string scenarioFile = {}, std::string language = {});
  ~HeadlessTable() override;

  // A facilitator's command in its text form, sent as Sender::facilitator(); "" when applied,
  // else why not.
  std::string facilitator(const std::string& line);
  // Notices for the facilitator since the last call (refusals, codes tried...).
  std::vector<std::string> takeNotices();

  // SeatHost
  const Engine& engine() const override { return *m_engine; }
  const Session& session() const override { return *m_session; }
  std::uint64_t version() const override { return m_version; }
  std::optional<std::string> submitFromSeat(const Command& command, int actor,
                                            std::string_view language) override;
  std::optional<double> remainingSeconds() const override;
  void seatNotice(const std::string& text) override { m_notices.push_back(text); }
  std::string language() const override { return m_language; }
  // steady_clock since the table was made, unless a test set its own clock.
  double seconds() const override;
  void setClock(std::function<double()> clock) { m_clockSource = std::move(clock); }

 private:
  std::optional<Refusal> submit(const Command& command, Sender sender);
  void clock();

  std::unique_ptr<Engine> m_engine;
  std::unique_ptr<Session> m_session;
  std::unique_ptr<agents::SeatPlayers> m_players;
  std::unique_ptr<SeatDriver> m_driver;
  std::filesystem::path m_save;
  std::string m_scenarioFile;
  std::string m_language;
  std::uint64_t m_version = 1;
  std::vector<std::string> m_notices;
  int m_clockTurn = -1;
  std::chrono::steady_clock::time_point m_deliberationStart;
  std::chrono::steady_clock::time_point m_made = std::chrono::steady_clock::now();
  std::function<double()> m_clockSource;
};

}  // namespace demarche::seats
