// The browser seats' web server: civetweb (Debian's libcivetweb-dev) serves the page of
// assets/web/ and one WebSocket endpoint, /seat. Civetweb calls us on its own threads; they
// only queue what arrived (and refuse oversized frames and floods at the door). The table's
// thread calls pump(), which hands the queue to the SeatHub and then lets it publish the views,
// so the table is touched from that one thread only. No civetweb type leaves this module.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "seats/SeatHub.hpp"

namespace demarche::seats {

struct ServerOptions {
  std::string address = "127.0.0.1";  // the address to listen on; 0.0.0.0 = every interface
  int port = 0;                       // 0 = a free port, chosen by the system
  std::filesystem::path webRoot = DEMARCHE_WEB_DIR;
  int threads = 0;  // civetweb's workers: one per open connection is held; 0 = enough for 40 seats
  // pump() pings every browser this often; its browser answers with a pong even when the
  // page's timers sleep in a background tab, and a pong counts as heard (the heartbeat).
  double pingSeconds = 10;
  SeatLimits limits;
};

// "127.0.0.1:8080", "8080", "[::1]:8080" → address and port; nullopt with `error` otherwise.
std::optional<std::pair<std::string, int>> parseListenAddress(const std::string& text, std::string& error);

class SeatServer final : public SeatOutput {
 public:
  // Starts listening; null with a sentence in `error` when it cannot (port taken, no web root).
  static std::unique_ptr<SeatServer> start(const ServerOptions& options, std::string& error);
  ~SeatServer() override;  // stops civetweb (closes every connection)
  SeatServer(const SeatServer&) = delete;
  SeatServer& operator=(const SeatServer&) = delete;

  int port() const { return m_port; }
  const std::string& address() const { return m_address; }
  // http://ADDRESS:PORT/ (the page; a join URL adds #CODE, which never reaches a server log).
  // Listening on 0.0.0.0, ADDRESS is this machine's first network IPv4 address (what a team's
  // phone can open), or 127.0.0.1 when it has none.
  std::string url() const;

  // On the table's thread: every queued event to `hub`, then hub.publish().
  void pump(SeatHub& hub);
  // Messages received by civetweb's threads since the start (tests wait on it).
  std::uint64_t receivedCount() const;
  // Pings and pongs received from browsers so far (what the heartbeat hears).
  std::uint64_t controlFrameCount() const;

  // SeatOutput, on the table's thread.
  void send(ConnectionId connection, const std::string& text) override;
  void close(ConnectionId connection) override;

  struct Impl;

 private:
  SeatServer() = default;
  std::unique_ptr<Impl> m_impl;
  int m_port = 0;
  std::string m_address;
};

}  // namespace demarche::seats
