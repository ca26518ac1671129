// libFuzzer target: what browsers send to the table. A Winter Grid table (Ukraine and Poland in
// browsers, the AI on every other seat) starts each input in deliberation with both pages
// joined; every line of the input is then one message from one of the two pages, as the
// server hands it to the hub (SeatHub::received), and the hub publishes the views after each.
// A line may start with a shorthand, so that mutations reach the commands as well as the JSON:
//   ">LINE"   a command from Ukraine's page: {"type":"command","line":"LINE"}
//   "<LINE"   the same from Poland's page
//   "@LINE"   the facilitator's command (`end_phase`, `seat pol ai`, ...), as `demarche serve`
//   "+"       the table's clock moves a minute (heartbeats, rate limits, the countdown)
// any other line is sent as it is, from Ukraine's page.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>

#include "scenario/Loader.hpp"
#include "seats/HeadlessTable.hpp"
#include "seats/SeatHub.hpp"

namespace {

using namespace demarche;

const ScenarioDef& winterGrid() {
  static const ScenarioDef def = [] {
    auto loaded = scenario::loadScenario(DEMARCHE_SOURCE_DIR "/scenarios/winter-grid.yaml");
    if (!loaded.scenario) {
      std::cerr << scenario::formatDiagnostics(loaded);
      std::abort();
    }
    return std::move(*loaded.scenario);
  }();
  return def;
}

int actorIndex(const ScenarioDef& def, std::string_view id) {
  for (std::size_t a = 0; a < def.actors.size(); ++a)
    if (def.actors[a].id == id) return static_cast<int>(a);
  std::abort();
}

class Discard final : public seats::SeatOutput {
 public:
  void send(seats::ConnectionId, const std::string& text) override { bytes += text.size(); }
  void close(seats::ConnectionId) override {}
  std::size_t bytes = 0;
};

// A JSON string's content: quotes, backslashes and control characters escaped.
std::string jsonString(std::string_view s) {
  std::string out = "\"";
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c < 0x20) {
      static const char* hex = "0123456789abcdef";
      out += "\\u00";
      out += hex[c >> 4];
      out += hex[c & 15];
    } else {
      out += ch;
    }
  }
  return out + "\"";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const ScenarioDef& def = winterGrid();
  const int ukr = actorIndex(def, "ukr"), pol = actorIndex(def, "pol");
  seats::HeadlessTable table(def, 1, {ukr, pol});
  double now = 0;
  table.setClock([&now] { return now; });
  Discard out;
  seats::SeatHub hub(table, out);
  const seats::ConnectionId ukrPage = 1, polPage = 2;
  hub.opened(ukrPage);
  hub.opened(polPage);
  hub.publish();
  hub.received(ukrPage, "{\"type\":\"join\",\"code\":" + jsonString(hub.codeOf(ukr)) + "}");
  hub.received(polPage, "{\"type\":\"join\",\"code\":" + jsonString(hub.codeOf(pol)) + ",\"lang\":\"uk\"}");
  (void)table.facilitator("end_phase");  // the briefing's end: deliberation
  hub.publish();

  const std::string_view input(reinterpret_cast<const char*>(data), size);
  int lines = 0;
  for (std::size_t pos = 0; pos < input.size() && lines < 200; ++lines) {
    const std::size_t end = std::min(input.find('\n', pos), input.size());
    const std::string_view line = input.substr(pos, end - pos);
    pos = end + 1;
    if (line == "+") {
      now += 60;
    } else if (!line.empty() && line.front() == '@') {
      (void)table.facilitator(std::string(line.substr(1)));
    } else if (!line.empty() && (line.front() == '>' || line.front() == '<')) {
      hub.received(line.front() == '>' ? ukrPage : polPage,
                   "{\"type\":\"command\",\"line\":" + jsonString(line.substr(1)) + "}");
    } else {
      hub.received(ukrPage, line);
    }
    now += 0.5;  // two messages a second: within the seats' rate limit
    hub.publish();
  }
  hub.closed(ukrPage);
  hub.closed(polPage);
  hub.publish();
  hub.flush();
  (void)table.takeNotices();
  return 0;
}
