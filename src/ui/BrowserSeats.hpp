// Team seats in browsers for the window (`demarche play ... --serve [ADDRESS:]PORT`): the seats
// module's server and hub over the live table. The window's loop calls pump() every frame, on
// its own thread, so the table is touched from that thread only; the facilitator's panel lists
// the join codes and who is connected, and can show one seat's code on the projector.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "seats/SeatHub.hpp"
#include "seats/SeatServer.hpp"
#include "ui/QrCode.hpp"
#include "ui/Table.hpp"

namespace demarche::ui {

class BrowserSeats {
 public:
  // Null, with why in `error`, when the server cannot listen. The table must be running.
  static std::unique_ptr<BrowserSeats> start(Table& table, const seats::ServerOptions& options,
                                             std::string& error);
  ~BrowserSeats();

  void pump();  // queued messages in, changed views out
  std::string url() const { return m_server->url(); }
  std::string joinUrl(int actor) const { return url() + "#" + m_hub->codeOf(actor); }
  std::vector<seats::SeatStatus> status() const { return m_hub->status(); }
  std::string newCode(int actor) { return m_hub->newCode(actor); }
  const std::vector<std::string>& notes() const { return m_hub->notes(); }
  seats::SeatHub& hub() { return *m_hub; }
  int port() const { return m_server->port(); }

  // The QR code of `actor`'s join URL (null when it cannot be made), encoded once per URL.
  const QrCode* joinQr(int actor);

  // The seat whose join code the projector shows (-1 = none); hidden once a browser holds it
  // or the facilitator takes the seat back.
  int shownOnProjector = -1;

 private:
  class Host;
  BrowserSeats() = default;
  std::unique_ptr<Host> m_host;
  std::unique_ptr<seats::SeatServer> m_server;
  std::unique_ptr<seats::SeatHub> m_hub;
  std::string m_qrText;  // the URL m_qr encodes
  std::optional<QrCode> m_qr;
};

}  // namespace demarche::ui
