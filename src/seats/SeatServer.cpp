#include "seats/SeatServer.hpp"

#include <arpa/inet.h>
#include <civetweb.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <deque>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace demarche::seats {
namespace fs = std::filesystem;

namespace {

constexpr int kOpcodeText = 0x1;
constexpr int kOpcodeClose = 0x8;
constexpr int kOpcodePing = 0x9;
constexpr int kOpcodePong = 0xA;
constexpr int kFinalFrame = 0x80;
constexpr std::size_t kMaxConnections = 256;  // browsers, guessers and all: more are turned away

// One WebSocket connection as civetweb's threads and the table's thread share it. The pointer
// to civetweb's connection is used only under `mutex` while `alive`: the close handler clears
// it before civetweb frees the connection.
struct Connection {
  ConnectionId id = 0;
  std::mutex mutex;
  mg_connection* conn = nullptr;
  bool alive = true;
  // Guarded by Impl::mutex:
  bool closing = false;  // refused or closed by us: what else it sends is ignored
  int pending = 0;       // messages queued since the last pump
  int dropped = 0;       // messages not queued since the last pump (a flood)
  bool heard = false;    // a pong (or any frame) arrived since the last pump
};

struct Event {
  enum class Kind : std::uint8_t { Opened, Text, Oversized, Closed } kind = Kind::Text;
  ConnectionId id = 0;
  std::string text;
  std::size_t bytes = 0;
};

}  // namespace

struct SeatServer::Impl {
  mg_context* context = nullptr;
  SeatLimits limits;
  std::mutex mutex;  // guards everything below
  std::map<ConnectionId, std::shared_ptr<Connection>> connections;
  std::deque<Event> events;
  ConnectionId nextId = 1;
  std::atomic<std::uint64_t> received{0};
  std::atomic<std::uint64_t> controlFrames{0};  // pings and pongs from browsers
  std::chrono::steady_clock::time_point lastPing = std::chrono::steady_clock::now();
  std::chrono::duration<double> pingEvery{10.0};

  std::shared_ptr<Connection> find(ConnectionId id) {
    std::lock_guard lock(mutex);
    auto it = connections.find(id);
    return it == connections.end() ? nullptr : it->second;
  }
};

namespace {

SeatServer::Impl& implOf(void* data) { return *static_cast<SeatServer::Impl*>(data); }

int onConnect(const mg_connection*, void* data) {
  SeatServer::Impl& impl = implOf(data);
  std::lock_guard lock(impl.mutex);
  return impl.connections.size() >= kMaxConnections ? 1 : 0;  // 1: refuse the handshake
}

void onReady(mg_connection* conn, void* data) {
  SeatServer::Impl& impl = implOf(data);
  auto c = std::make_shared<Connection>();
  c->conn = conn;
  {
    std::lock_guard lock(impl.mutex);
    c->id = impl.nextId++;
    impl.connections[c->id] = c;
    impl.events.push_back({Event::Kind::Opened, c->id, {}, 0});
  }
  mg_set_user_connection_data(conn, c.get());
}

int onData(mg_connection* conn, int bits, char* bytes, std::size_t length, void* data) {
  SeatServer::Impl& impl = implOf(data);
  auto* c = static_cast<Connection*>(mg_get_user_connection_data(conn));
  if (!c) return 0;
  const int opcode = bits & 0xF;
  if (opcode == kOpcodeClose) return 0;
  if (opcode == kOpcodePing || opcode == kOpcodePong) {
    std::lock_guard lock(impl.mutex);
    c->heard = true;  // alive: the heartbeat (SeatLimits::heartbeatSeconds)
    impl.controlFrames.fetch_add(1, std::memory_order_relaxed);
    return 1;
  }
  impl.received.fetch_add(1, std::memory_order_relaxed);
  std::lock_guard lock(impl.mutex);
  if (c->closing) return 0;
  if (length > impl.limits.maxMessageBytes) {
    c->closing = true;  // the hub says why, then closes it
    impl.events.push_back({Event::Kind::Oversized, c->id, {}, length});
    return 1;
  }
  if (c->pending >= impl.limits.maxPendingMessages) {
    ++c->dropped;
    return 1;
  }
  ++c->pending;
  // A binary or fragmented frame is not what the page sends: the hub refuses it as malformed.
  const bool text = opcode == kOpcodeText && (bits & kFinalFrame);
  impl.events.push_back(
      {Event::Kind::Text, c->id, text ? std::string(bytes, length) : std::string(), length});
  return 1;
}

void onClose(const mg_connection* conn, void* data) {
  SeatServer::Impl& impl = implOf(data);
  auto* c = static_cast<Connection*>(mg_get_user_connection_data(conn));
  if (!c) return;
  std::shared_ptr<Connection> keep;
  {
    std::lock_guard lock(impl.mutex);
    auto it = impl.connections.find(c->id);
    if (it != impl.connections.end()) {
      keep = it->second;
      impl.connections.erase(it);
    }
    impl.events.push_back({Event::Kind::Closed, c->id, {}, 0});
  }
  std::lock_guard lock(c->mutex);  // waits for a write in progress on the table's thread
  c->alive = false;
  c->conn = nullptr;
}

int onLog(const mg_connection*, const char*) { return 1; }  // civetweb's own messages: not on stderr

}  // namespace

std::optional<std::pair<std::string, int>> parseListenAddress(const std::string& text, std::string& error) {
  std::string address = "127.0.0.1";
  std::string port = text;
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find("]:");
    if (close == std::string::npos) {
      error = "expected [IPv6]:PORT, e.g. [::1]:8080";
      return std::nullopt;
    }
    address = text.substr(0, close + 1);
    port = text.substr(close + 2);
  } else if (const auto colon = text.rfind(':'); colon != std::string::npos) {
    address = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  if (address.empty()) address = "127.0.0.1";
  if (!std::all_of(address.begin(), address.end(), [](char ch) {
        return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
               ch == '.' || ch == ':' || ch == '[' || ch == ']' || ch == '-';
      })) {
    error = "'" + address + "' is not an address (e.g. 127.0.0.1, 0.0.0.0 or [::1])";
    return std::nullopt;
  }
  if (port.empty() || port.size() > 5 ||
      !std::all_of(port.begin(), port.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
    error = "'" + text + "' is not [ADDRESS:]PORT (e.g. 8080 or 0.0.0.0:8080)";
    return std::nullopt;
  }
  const int number = std::stoi(port);
  if (number > 65535) {
    error = "port " + port + " is out of range (0..65535)";
    return std::nullopt;
  }
  return std::make_pair(address, number);
}

std::unique_ptr<SeatServer> SeatServer::start(const ServerOptions& options, std::string& error) {
  std::error_code ec;
  if (!fs::is_regular_file(options.webRoot / "index.html", ec)) {
    error = "the browser seat's page is missing: no " + (options.webRoot / "index.html").string();
    return nullptr;
  }
  static std::once_flag initialised;
  std::call_once(initialised, [] { mg_init_library(0); });

  std::unique_ptr<SeatServer> server(new SeatServer());
  server->m_impl = std::make_unique<Impl>();
  Impl& impl = *server->m_impl;
  impl.limits = options.limits;
  impl.pingEvery = std::chrono::duration<double>(options.pingSeconds);
  const std::string listen = options.address + ":" + std::to_string(options.port);
  const std::string root = fs::absolute(options.webRoot, ec).string();
  const std::string threads = std::to_string(options.threads > 0 ? options.threads : 48);
  // Our own pings (pump) and the pongs they bring are the heartbeat: with civetweb's ping-pong
  // on, pongs never reach onData. Its read timeout stays longer than SeatLimits::heartbeatSeconds.
  // tcp_nodelay: civetweb writes a frame's header and its payload apart, and with Nagle's
  // algorithm a view's last segment can wait for the browser's delayed ACK (docs/performance.md,
  // "Browser seats, second round").
  const char* config[] = {"listening_ports",
                          listen.c_str(),
                          "document_root",
                          root.c_str(),
                          "num_threads",
                          threads.c_str(),
                          "enable_directory_listing",
                          "no",
                          "enable_websocket_ping_pong",
                          "no",
                          "websocket_timeout_ms",
                          "120000",
                          "request_timeout_ms",
                          "10000",
                          "static_file_max_age",
                          "0",
                          "tcp_nodelay",
                          "1",
                          nullptr};
  mg_callbacks callbacks{};
  callbacks.log_message = onLog;
  impl.context = mg_start(&callbacks, nullptr, config);
  if (!impl.context) {
    error = "cannot listen on " + listen + " (is the port taken, or the address not this machine's?)";
    return nullptr;
  }
  mg_set_websocket_handler(impl.context, "/seat", onConnect, onReady, onData, onClose, &impl);
  mg_server_port ports[4]{};
  const int count = mg_get_server_ports(impl.context, 4, ports);
  server->m_port = count > 0 ? ports[0].port : options.port;
  server->m_address = options.address;
  return server;
}

namespace {

// Opens and at once closes a TCP connection to `address`:`port` (the wildcard addresses by their
// loopback), which wakes a thread of civetweb's waiting in poll() on that listening socket.
void knock(const std::string& address, int port) {
  const std::string host = address == "0.0.0.0" ? "127.0.0.1" : address == "::" ? "::1" : address;
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found) != 0) return;
  for (addrinfo* a = found; a; a = a->ai_next) {
    const int s = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (s < 0) continue;
    const bool connected = ::connect(s, a->ai_addr, a->ai_addrlen) == 0;
    ::close(s);
    if (connected) break;
  }
  freeaddrinfo(found);
}

}  // namespace

SeatServer::~SeatServer() {
  if (!m_impl || !m_impl->context) return;
  // civetweb 1.15 stops by setting a flag that its master thread reads between polls of the
  // listening socket, each up to 2 s (SOCKET_TIMEOUT_QUANTUM, fixed in civetweb after 1.15):
  // mg_stop() returned 1.5-2 s later. A connection to our own port ends that poll at once, so
  // one is made every 5 ms until mg_stop() returns (about 10 ms; docs/performance.md).
  std::atomic<bool> stopped{false};
  std::thread knocker([this, &stopped] {
    while (!stopped.load()) {
      knock(m_address, m_port);
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  });
  mg_stop(m_impl->context);
  stopped = true;
  knocker.join();
}

namespace {

// This machine's first IPv4 address on a network (not loopback), for a join URL another machine
// can open when the server listens on every interface; 127.0.0.1 when it has none.
std::string networkAddress() {
  ifaddrs* list = nullptr;
  if (getifaddrs(&list) != 0) return "127.0.0.1";
  std::string found;
  for (ifaddrs* i = list; i && found.empty(); i = i->ifa_next) {
    if (!i->ifa_addr || i->ifa_addr->sa_family != AF_INET || (i->ifa_flags & IFF_LOOPBACK) ||
        !(i->ifa_flags & IFF_UP))
      continue;
    char text[INET_ADDRSTRLEN] = {};
    const auto* in = reinterpret_cast<const sockaddr_in*>(i->ifa_addr);
    if (inet_ntop(AF_INET, &in->sin_addr, text, sizeof text)) found = text;
  }
  freeifaddrs(list);
  return found.empty() ? "127.0.0.1" : found;
}

}  // namespace

std::string SeatServer::url() const {
  const std::string host = m_address == "0.0.0.0" ? networkAddress() : m_address;
  return "http://" + host + ":" + std::to_string(m_port) + "/";
}

std::uint64_t SeatServer::receivedCount() const { return m_impl->received.load(std::memory_order_relaxed); }
std::uint64_t SeatServer::controlFrameCount() const {
  return m_impl->controlFrames.load(std::memory_order_relaxed);
}

void SeatServer::pump(SeatHub& hub) {
  std::deque<Event> events;
  std::vector<std::pair<ConnectionId, int>> drops;
  std::vector<ConnectionId> heard;
  std::vector<std::shared_ptr<Connection>> toPing;
  const auto now = std::chrono::steady_clock::now();
  const bool ping = now - m_impl->lastPing >= m_impl->pingEvery;
  if (ping) m_impl->lastPing = now;
  {
    std::lock_guard lock(m_impl->mutex);
    events.swap(m_impl->events);
    for (auto& [id, c] : m_impl->connections) {
      if (c->dropped > 0) drops.emplace_back(id, c->dropped);
      if (c->heard) heard.push_back(id);
      c->pending = 0;
      c->dropped = 0;
      c->heard = false;
      if (ping && !c->closing) toPing.push_back(c);
    }
  }
  for (const auto& c : toPing) {
    std::lock_guard lock(c->mutex);
    if (c->alive && c->conn) mg_websocket_write(c->conn, kOpcodePing, "", 0);
  }
  for (const Event& e : events) {
    switch (e.kind) {
      case Event::Kind::Opened:
        hub.opened(e.id);
        break;
      case Event::Kind::Text:
        hub.received(e.id, e.text);
        break;
      case Event::Kind::Oversized:
        hub.oversized(e.id, e.bytes);
        break;
      case Event::Kind::Closed:
        hub.closed(e.id);
        break;
    }
  }
  for (const auto& [id, count] : drops) hub.dropped(id, count);
  for (ConnectionId id : heard) hub.heard(id);
  hub.publish();
}

void SeatServer::send(ConnectionId connection, const std::string& text) {
  std::shared_ptr<Connection> c = m_impl->find(connection);
  if (!c) return;
  std::lock_guard lock(c->mutex);
  if (c->alive && c->conn) mg_websocket_write(c->conn, kOpcodeText, text.data(), text.size());
}

void SeatServer::close(ConnectionId connection) {
  std::shared_ptr<Connection> c = m_impl->find(connection);
  if (!c) return;
  {
    std::lock_guard lock(m_impl->mutex);
    c->closing = true;
  }
  std::lock_guard lock(c->mutex);
  const char status[2] = {0x03, static_cast<char>(0xE8)};  // 1000: normal closure
  if (c->alive && c->conn) mg_websocket_write(c->conn, kOpcodeClose, status, sizeof status);
}

}  // namespace demarche::seats
