#include "ui/BrowserSeats.hpp"

namespace demarche::ui {

// The table as the seats see it.
class BrowserSeats::Host final : public seats::SeatHost {
 public:
  explicit Host(Table& table) : m_table(&table) {}
  const Engine& engine() const override { return m_table->engine(); }
  const Session& session() const override { return m_table->session(); }
  std::uint64_t version() const override { return m_table->version(); }
  std::optional<std::string> submitFromSeat(const Command& command, int actor,
                                            std::string_view language) override {
    return m_table->submitFromBrowser(command, actor, language);
  }
  std::optional<double> remainingSeconds() const override { return m_table->remainingSeconds(); }
  void seatNotice(const std::string&) override {}  // kept by the hub; the facilitator's panel lists them
  std::string language() const override { return m_table->language(); }
  double seconds() const override { return m_table->now(); }
  std::shared_ptr<const ScenarioDef> sharedScenario() const override { return m_table->sharedDef(); }

 private:
  Table* m_table;
};

std::unique_ptr<BrowserSeats> BrowserSeats::start(Table& table, const seats::ServerOptions& options,
                                                  std::string& error) {
  if (!table.running()) {
    error = "start the exercise before serving its seats";
    return nullptr;
  }
  std::unique_ptr<BrowserSeats> seats(new BrowserSeats());
  seats->m_host = std::make_unique<Host>(table);
  seats->m_server = seats::SeatServer::start(options, error);
  if (!seats->m_server) return nullptr;
  // The views are built on the hub's own thread, so that the frame after a command is not held
  // up by 30 of them.
  seats->m_hub = std::make_unique<seats::SeatHub>(*seats->m_host, *seats->m_server, options.limits,
                                                  seats::ViewBuilding::ViewThread);
  return seats;
}

BrowserSeats::~BrowserSeats() {
  m_hub.reset();
  m_server.reset();  // closes every browser
}

void BrowserSeats::pump() {
  m_server->pump(*m_hub);
  if (shownOnProjector >= 0)
    for (const seats::SeatStatus& s : m_hub->status())
      if (s.actor == shownOnProjector && (s.connected || !s.inBrowser)) shownOnProjector = -1;
}

}  // namespace demarche::ui

namespace demarche::ui {

const QrCode* BrowserSeats::joinQr(int actor) {
  const std::string text = joinUrl(actor);
  if (text != m_qrText) {
    m_qrText = text;
    m_qr = encodeQr(text);
  }
  return m_qr ? &*m_qr : nullptr;
}

}  // namespace demarche::ui
