// The panels (Dear ImGui): the start screen, the top bar, a team's panels, the room's view,
// the hand-over screen, the facilitator's panel and the end. They read the table's views and
// call its actions; what they remember between frames (the open tab, drafts being typed)
// lives in UiState, which the --ui-script also sets.
#pragma once

#include <SFML/Graphics/Rect.hpp>
#include <map>
#include <string>
#include <vector>

#include "ui/Fonts.hpp"
#include "ui/Strings.hpp"
#include "ui/Table.hpp"

namespace demarche::ui {

class BrowserSeats;

enum class Tab : std::uint8_t { Briefing, Intelligence, Measures, Negotiation, Dossiers, Recap };
inline constexpr int kTabCount = 6;
std::string_view tabName(Tab tab);  // "briefing", "intelligence", ...

struct UiState {
  Tab tab = Tab::Briefing;
  bool selectTab = false;  // the tab was chosen from outside (a script): select it once
  float scrollTo = -1;     // a script scrolls the open tab to this fraction of its length, once
  bool facilitatorOpen = false;
  std::string pinTyped;
  bool allPanels = false;  // every panel at once, each in its own window (the benchmark)

  // negotiation draft of the team at the laptop
  std::vector<char> proposeTo, proposeTerms;
  int proposeIncident = -1;
  int proposeNaming = -1;  // a joint attribution's suspect picked by the team; -1: its decided one
  std::string proposeText;
  std::map<int, std::string> replyReason;         // [proposal]
  std::map<int, std::vector<char>> counterTerms;  // [proposal]
  // attribution drafts
  std::map<std::pair<int, int>, std::uint64_t> listingPick;  // [measure, option] -> entities ticked
  std::map<int, int> decideChoice;   // [incident] -> candidate, then hosts (harbouring)
  std::map<int, int> measureChoice;  // [measure] -> which of its options (target, incident)
  // facilitator drafts
  int adjustActor = 0, adjustMeter = 0;
  float adjustDelta = -5;
  std::string adjustReason;
  int injectChoice = 0;
  int handBackDifficulty = 1;
  bool quitRequested = false;
  BrowserSeats* browserSeats = nullptr;  // team seats in browsers (--serve), or none
  // the debrief
  bool debriefOpen = false;
  int debriefTab = 0;  // outcome, charts, truth, timeline, questions, what if
  bool selectDebriefTab = false;
  int debriefActor = -1;  // timeline filter: -1 = every actor
  int debriefTurn = 0;    // 0 = every turn
  int debriefKind = -1;   // an EventKind, -1 = every kind
  bool debriefQuiet = true;
  int chartMeter = 0;
  int whatIfTurn = 1, whatIfActor = 0;
  int whatIfMode = 0;  // 0: the AI plays the changed seat; 1: we change its choices in that turn
  std::vector<Command> whatIfDraft;                // the changed choices (mode 1)
  int whatIfDraftTurn = 0, whatIfDraftActor = -1;  // what whatIfDraft was started from
  int chartTrustActor = 0;
  void clearDrafts();  // when the laptop changes hands
};

struct Layout {
  float width = 1280, height = 800, scale = 1;
  float top = 48;          // height of the top bar
  sf::FloatRect map;       // where the situation map is drawn (empty: no map)
  sf::FloatRect side;      // the panels' column
  sf::FloatRect belowMap;  // briefing and news
};
Layout layoutFor(Screen screen, float width, float height, float scale);

// Builds this frame's windows (between ImGui::NewFrame and ImGui::Render).
void drawUi(Table& table, UiState& ui, const Fonts& fonts, const Strings& tr, const Layout& layout);

}  // namespace demarche::ui
