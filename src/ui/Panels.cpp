#include "ui/Panels.hpp"

#include <imgui.h>
#include <imgui_internal.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "agents/Simulation.hpp"
#include "core/AfterAction.hpp"
#include "core/CommandText.hpp"
#include "core/Lookup.hpp"
#include "core/Names.hpp"
#include "ui/BrowserSeats.hpp"
#include "ui/Debrief.hpp"
#include "ui/Theme.hpp"

namespace demarche::ui {
namespace {

void place(const sf::FloatRect& r) {
  ImGui::SetNextWindowPos(ImVec2(r.left, r.top));
  ImGui::SetNextWindowSize(ImVec2(r.width, r.height));
}

void heading(const Fonts& fonts, const char* text) {
  ImGui::PushFont(fonts.heading);
  ImGui::TextUnformatted(text);
  ImGui::PopFont();
}

// Text that wraps at the panel's edge instead of running off it (a narrow projector window
// cuts a long line, and a sentence's end is often its point: a refusal's reason, an AI's reply).
void wrapped(const std::string& text) { ImGui::TextWrapped("%s", text.c_str()); }

void wrapped(const ImVec4& colour, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  wrapped(text);
  ImGui::PopStyleColor();
}

void muted(const std::string& text) { wrapped(kMuted, text); }

// A bullet whose text wraps beside it, its lines aligned after the bullet.
void bullet(const std::string& text) {
  ImGui::Bullet();
  ImGui::SameLine();
  wrapped(text);
}

// Stays on the line for a checkbox labelled `label` when it fits, else starts a new line (a row
// of checkboxes wraps at 2x instead of running off the panel).
void flowCheckbox(const char* label, bool first) {
  const ImGuiStyle& style = ImGui::GetStyle();
  const float width = ImGui::GetFrameHeight() + style.ItemInnerSpacing.x + ImGui::CalcTextSize(label).x;
  if (first) return;
  ImGui::SameLine();
  if (ImGui::GetContentRegionAvail().x < width) ImGui::NewLine();
}

std::string fmt1(const char* format, double v) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, v);
  return buffer;
}

// The language of scenario texts this frame (the table's), set by drawUi.
std::string g_language;
std::string name(const ScenarioDef& def, const Text& text) {
  return text.get(g_language.empty() ? def.language : g_language, def.language);
}

std::string actorNameOf(const ScenarioDef& def, const std::string& id) {
  const int a = indexOfId(def.actors, id);
  return a < 0 ? id : name(def, def.actors[static_cast<std::size_t>(a)].name);
}

std::string termNameOf(const ScenarioDef& def, const std::string& id) {
  for (const TermDef& t : def.terms)
    if (t.id == id) return name(def, t.name);
  return id;
}

std::string incidentTitleOf(const ScenarioDef& def, const std::string& id) {
  const int i = indexOfId(def.incidents, id);
  return i < 0 ? id : name(def, def.incidents[static_cast<std::size_t>(i)].title);
}

// A bar 0..1 with a label inside, e.g. an assessment's probability.
void bar(double fraction, const std::string& label, const ImVec4& colour) {
  ImGui::PushStyleColor(ImGuiCol_PlotHistogram, colour);
  ImGui::ProgressBar(static_cast<float>(std::clamp(fraction, 0.0, 1.0)), ImVec2(-1, 0), label.c_str());
  ImGui::PopStyleColor();
}

const char* seatLabel(SeatKind kind, const Strings& tr) {
  switch (kind) {
    case SeatKind::Team:
      return tr("Team");
    case SeatKind::Ai:
      return tr("AI");
    case SeatKind::Scripted:
      return tr("script");
    case SeatKind::Random:
      return tr("random policy");
  }
  return "?";
}

const char* phaseLabel(Phase phase, const Strings& tr) {
  switch (phase) {
    case Phase::Briefing:
      return tr("briefing");
    case Phase::Deliberation:
      return tr("deliberation");
    case Phase::Resolution:
      return tr("resolution");
    case Phase::Consequences:
      return tr("consequences");
    case Phase::Ended:
      return tr("ended");
  }
  return "";
}

// ---------------------------------------------------------------- top bar and notices

void topBar(Table& table, UiState& ui, const Fonts& fonts, const Strings& tr, const Layout& layout) {
  place({0, 0, layout.width, layout.top});
  ImGui::Begin("##top", nullptr, kFixed | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoScrollbar);
  const bool compact = table.running() && (layout.scale > 1.6f || layout.width < 1100);
  if (!compact) {  // at projector scales the name gives way to the buttons
    ImGui::PushFont(fonts.heading);
    ImGui::TextUnformatted("Démarche");
    ImGui::PopFont();
  }
  if (table.running()) {
    // Public facts only: the top bar is on screen whoever looks.
    const PublicSituation& s = table.roomView().situation;
    const ScenarioDef& def = table.def();
    if (!compact) ImGui::SameLine(0, 24 * layout.scale);
    // At projector scales the title gives way (the map's header shows it) so the buttons fit.
    const std::string date = table.dateOf(s.turn);
    const std::string when = date.empty() ? std::string() : " · " + date;
    if (compact)
      ImGui::Text("%s / %d%s", table.turnLabel().c_str(), def.turns, when.c_str());
    else
      ImGui::Text("%s — %s / %d%s", name(def, def.title).c_str(), table.turnLabel().c_str(), def.turns,
                  when.c_str());
    ImGui::SameLine(0, 18 * layout.scale);
    ImGui::TextColored(kAccent, "%s", phaseLabel(s.phaseKind, tr));
    if (s.paused) {
      ImGui::SameLine();
      ImGui::TextColored(kAmber, "%s", tr("PAUSED"));
    }
    if (const auto left = table.remainingSeconds()) {
      const int secs = static_cast<int>(std::ceil(*left));
      ImGui::SameLine(0, 18 * layout.scale);
      ImGui::PushFont(fonts.heading);
      ImGui::TextColored(secs <= 60 ? kRed : kGreen, "%02d:%02d", secs / 60, secs % 60);
      ImGui::PopFont();
    }
    ImGui::SameLine(0, 18 * layout.scale);
    if (table.screen() == Screen::Team) {
      ImGui::TextColored(kAmber, "%s %s", tr("Team:"), table.actorName(table.activeTeam()).c_str());
      ImGui::SameLine(0, 18 * layout.scale);
      if (ImGui::Button(tr("Done — pass the laptop"))) {
        table.done();
        ui.clearDrafts();
      }
    } else if (table.screen() == Screen::Room || table.screen() == Screen::Handover) {
      // Phase control belongs to the facilitator: only when no team's view is on screen.
      const char* label = s.phaseKind == Phase::Briefing       ? tr("Open deliberation")
                          : s.phaseKind == Phase::Deliberation ? tr("Close deliberation")
                          : s.phaseKind == Phase::Resolution   ? tr("Show consequences")
                          : s.phaseKind == Phase::Consequences ? tr("Next turn")
                                                               : nullptr;
      if (label && ImGui::Button(label)) {
        if (table.facilitatorUnlocked())
          table.nextPhase();
        else
          ui.facilitatorOpen = true;  // the PIN first
      }
    }
    ImGui::SameLine(0, 18 * layout.scale);
    if (ImGui::SmallButton(tr("Facilitator (F10)"))) ui.facilitatorOpen = !ui.facilitatorOpen;
  }
  ImGui::End();
}

// The facilitator's panel: the right-hand side of the window, this wide.
float facilitatorPanelWidth(const Layout& layout) {
  return std::min(620 * layout.scale, layout.width * 0.6f);
}

// Notices stand at the bottom right of the briefing and news under the map (read, never clicked)
// where the screen has them, else at the window's bottom right; and left of the facilitator's
// panel while it is open, so they never hide a team's measures or the panel's buttons. While
// the debrief is open it shows the latest on its export line instead (debriefWindow).
void notices(Table& table, const Strings& tr, const Layout& layout, bool facilitatorOpen) {
  const std::vector<const Notice*> shown = table.liveNotices();
  if (shown.empty()) return;
  float right = layout.belowMap.width > 0 ? layout.belowMap.left + layout.belowMap.width : layout.width;
  if (facilitatorOpen) right = std::min(right, layout.width - facilitatorPanelWidth(layout) - 10);
  const float w = std::min({layout.width * 0.5f, 640 * layout.scale, right - 16});
  ImGui::SetNextWindowPos(ImVec2(right - w - 8, layout.height - 8), ImGuiCond_Always, ImVec2(0, 1));
  ImGui::SetNextWindowSize(ImVec2(w, 0));
  ImGui::SetNextWindowBgAlpha(0.92f);
  ImGui::Begin("##notices", nullptr,
               kFixed | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_AlwaysAutoResize);
  const std::size_t first = shown.size() > 3 ? shown.size() - 3 : 0;
  for (std::size_t i = first; i < shown.size(); ++i) {
    ImGui::PushStyleColor(ImGuiCol_Text, shown[i]->refusal ? kRed : ImVec4(0.9f, 0.92f, 0.96f, 1));
    ImGui::TextWrapped("%s", shown[i]->text.c_str());
    ImGui::PopStyleColor();
  }
  if (ImGui::SmallButton(tr("Dismiss"))) table.clearNotices();
  ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());  // never hidden behind a panel
  ImGui::End();
}

// ---------------------------------------------------------------- start screen

// For authors: many exercises with the AI on every seat, in the background.
void simulationPanel(Table& table, const Fonts& fonts, const Strings& tr) {
  // Open by itself while a simulation runs and when a new result arrives.
  static const void* shownResult = nullptr;
  if (table.simulating() || table.simulation() != shownResult) {
    ImGui::SetNextItemOpen(true);
    if (!table.simulating()) shownResult = table.simulation();
  }
  if (!ImGui::CollapsingHeader(tr("Simulate (for authors)"))) return;
  if (table.simulating()) {
    const float done = static_cast<float>(table.simulationFinished()) /
                       static_cast<float>(std::max(1, table.simulationRuns()));
    ImGui::ProgressBar(
        done, ImVec2(-1, 0),
        (std::to_string(table.simulationFinished()) + " / " + std::to_string(table.simulationRuns()))
            .c_str());
    return;
  }
  if (ImGui::Button(tr("Simulate 200 exercises with the AI on every seat"))) table.startSimulation(200);
  const agents::SimulationSummary* sum = table.simulation();
  const ScenarioDef* def = table.simulationScenario();
  if (!sum || !def || sum->runs == 0) return;
  const auto pct = [&](long long n) { return fmt1("%.0f%%", 100.0 * static_cast<double>(n) / sum->runs); };
  heading(fonts, tr("Endings"));
  for (std::size_t k = 0; k < sum->endings.size(); ++k) {
    if (sum->endings[k] == 0) continue;
    const std::string label = k == 0 ? std::string(tr("no ending")) : name(*def, def->endings[k - 1].title);
    bar(static_cast<double>(sum->endings[k]) / sum->runs, label + ": " + pct(sum->endings[k]), kAccent);
  }
  heading(fonts, tr("Highest rung reached"));
  for (std::size_t r = 0; r < sum->peakRung.size() && r < def->ladder.rungs.size(); ++r)
    if (sum->peakRung[r] > 0)
      bar(static_cast<double>(sum->peakRung[r]) / sum->runs,
          name(*def, def->ladder.rungs[r].name) + ": " + pct(sum->peakRung[r]),
          r + 1 == def->ladder.rungs.size() ? kRed : kAmber);
  heading(fonts, tr("Objectives achieved"));
  for (std::size_t o = 0; o < sum->objectives.size() && o < def->objectives.size(); ++o)
    bullet(pct(sum->objectives[o]) + " " + def->objectives[o].id + " — " +
           name(*def, def->objectives[o].description));
  std::string never;
  for (std::size_t i = 0; i < sum->injectFired.size() && i < def->injects.size(); ++i)
    if (sum->injectFired[i] == 0) never += (never.empty() ? "" : ", ") + def->injects[i].id;
  if (!never.empty()) muted(std::string(tr("Injects that never fired: ")) + never);
  std::string untaken;
  for (std::size_t m = 0; m < sum->measureTaken.size() && m < def->measures.size(); ++m)
    if (sum->measureTaken[m] == 0) untaken += (untaken.empty() ? "" : ", ") + def->measures[m].id;
  if (!untaken.empty()) muted(std::string(tr("Measures nobody took: ")) + untaken);
}

void startScreen(Table& table, UiState& ui, const Fonts& fonts, const Strings& tr, const Layout& layout) {
  (void)ui;
  const float s = layout.scale;
  place({0, layout.top, layout.width * 0.36f, layout.height - layout.top});
  ImGui::Begin(tr("Scenarios"), nullptr, kFixed);
  const auto& list = table.scenarios();
  if (list.empty()) muted(tr("No scenario files (*.yaml) in the scenarios folder."));
  for (std::size_t i = 0; i < list.size(); ++i) {
    const ScenarioEntry& e = list[i];
    ImGui::PushID(static_cast<int>(i));
    if (!e.def) ImGui::PushStyleColor(ImGuiCol_Text, kRed);
    const std::string label = e.def ? e.title : e.title + "  " + tr("(does not load)");
    if (ImGui::Selectable(label.c_str(), table.selected() == static_cast<int>(i)))
      table.select(static_cast<int>(i));
    if (!e.def) ImGui::PopStyleColor();
    ImGui::PopID();
  }
  ImGui::Spacing();
  if (ImGui::Button(tr("Look again (after fixing a file)"))) table.rescan();
  ImGui::Checkbox(tr("Watch the chosen file for changes (authors)"), &table.watch);
  ImGui::End();

  place({layout.width * 0.36f, layout.top, layout.width * 0.64f, layout.height - layout.top});
  ImGui::Begin(tr("New exercise"), nullptr, kFixed);
  if (table.selected() < 0) {
    muted(tr("Choose a scenario."));
    ImGui::End();
    return;
  }
  const ScenarioEntry& e = list[static_cast<std::size_t>(table.selected())];
  ImGui::PushFont(fonts.big);
  wrapped(e.title);
  ImGui::PopFont();
  if (!e.def) {
    ImGui::TextColored(kRed, "%s", tr("This file does not load:"));
    ImGui::PushStyleColor(ImGuiCol_Text, kAmber);
    wrapped(e.diagnostics);
    ImGui::PopStyleColor();
    muted(e.path.string());
    ImGui::End();
    return;
  }
  wrapped(e.summary);
  ImGui::Spacing();
  ImGui::PushFont(fonts.heading);
  if (ImGui::Button(tr("Start the exercise"), ImVec2(300 * s, 0))) table.start();
  if (const auto save = table.autosave()) {
    ImGui::SameLine();
    if (ImGui::Button(tr("Resume the interrupted exercise"))) table.resume(*save);
    ImGui::PopFont();
    muted(std::string(tr("An autosave exists: ")) + save->string());
  } else {
    ImGui::PopFont();
  }
  ImGui::Spacing();
  const int minutes = e.turns * (table.timerMinutes + 5);
  ImGui::Text("%d %s · %s %d %s", e.turns, tr("turns"), tr("about"), minutes, tr("minutes"));
  if (e.def->lengthMinutes > 0) {
    ImGui::SameLine();
    muted(std::string("(") + tr("written for") + " " + std::to_string(e.def->lengthMinutes) + " " +
          tr("minutes") + ")");
  }
  if (!e.factAndFiction.empty() && ImGui::CollapsingHeader(tr("Fact and fiction"))) wrapped(e.factAndFiction);
  if (!e.objectives.empty() &&
      ImGui::CollapsingHeader(tr("Learning objectives"), ImGuiTreeNodeFlags_DefaultOpen)) {
    for (const std::string& o : e.objectives) {
      ImGui::Bullet();
      ImGui::TextWrapped("%s", o.c_str());
    }
  }
  if (!e.diagnostics.empty() && ImGui::CollapsingHeader(tr("Warnings"))) muted(e.diagnostics);

  simulationPanel(table, fonts, tr);
  heading(fonts, tr("Seats"));
  const ScenarioDef& def = *e.def;
  std::vector<Seat>& seats = table.seats();
  if (ImGui::BeginTable("seats", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
    ImGui::TableSetupColumn(tr("Actor"));
    ImGui::TableSetupColumn(tr("Played by"));
    ImGui::TableSetupColumn(tr("AI difficulty"));
    ImGui::TableHeadersRow();
    for (std::size_t a = 0; a < def.actors.size() && a < seats.size(); ++a) {
      ImGui::PushID(static_cast<int>(a));
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(name(def, def.actors[a].name).c_str());
      ImGui::TableNextColumn();
      int who = seats[a].kind == SeatKind::Team ? 0 : 1;
      ImGui::RadioButton(tr("Team"), &who, 0);
      ImGui::SameLine();
      ImGui::RadioButton(tr("AI"), &who, 1);
      seats[a].kind = who == 0 ? SeatKind::Team : SeatKind::Ai;
      ImGui::TableNextColumn();
      if (seats[a].kind == SeatKind::Ai) {
        const char* levels[] = {tr("novice"), tr("standard"), tr("expert")};
        int level = seats[a].difficulty;
        ImGui::SetNextItemWidth(150 * s);
        if (ImGui::Combo("##d", &level, levels, 3)) seats[a].difficulty = static_cast<std::uint8_t>(level);
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();
  ImGui::SetNextItemWidth(220 * s);
  ImGui::SliderInt(tr("Deliberation (minutes; 0 = no timer)"), &table.timerMinutes, 0, 45);
  long long seedValue = static_cast<long long>(table.seed);
  ImGui::SetNextItemWidth(220 * s);
  if (ImGui::InputScalar(tr("Seed (0 = the scenario's)"), ImGuiDataType_S64, &seedValue) && seedValue >= 0)
    table.seed = static_cast<std::uint64_t>(seedValue);
  ImGui::SetNextItemWidth(220 * s);
  ImGui::InputText(tr("Facilitator PIN (optional)"), &table.pin, ImGuiInputTextFlags_Password);
  ImGui::End();
}

// ---------------------------------------------------------------- a team's panels

void briefingPanel(Table& table, const TeamView& v, const Fonts& fonts, const Strings& tr) {
  heading(fonts, (v.actorName + " — " + tr("briefing")).c_str());
  wrapped(v.briefing);
  ImGui::Separator();
  heading(fonts, tr("News"));
  for (auto it = v.situation.news.rbegin(); it != v.situation.news.rend(); ++it) {
    ImGui::TextColored(kAccent, "%s %d · %s", name(table.def(), table.def().turnLabel).c_str(), it->turn,
                       it->title.c_str());
    wrapped(it->text);
  }
  if (!v.intelligence.empty()) {
    heading(fonts, tr("For your eyes only"));
    for (auto it = v.intelligence.rbegin(); it != v.intelligence.rend(); ++it) {
      wrapped(kAmber, it->title);
      wrapped(it->text);
    }
  }
}

void intelligencePanel(Table& table, UiState& ui, const TeamView& v, const Fonts& fonts, const Strings& tr) {
  const ScenarioDef& def = table.def();
  if (v.situation.incidents.empty()) muted(tr("No incident is public yet."));
  for (const IncidentSummary& inc : v.situation.incidents) {
    ImGui::PushID(inc.id.c_str());
    heading(fonts, inc.title.c_str());
    muted(std::string(tr("Victim: ")) + actorNameOf(def, inc.victim) + " · " + tr("sector: ") +
          std::string(tr.word(displayNameFor(kSectorNames, inc.sector))));
    wrapped(inc.description);
    const AssessmentView* as = nullptr;
    for (const AssessmentView& a : v.assessments)
      if (a.incident == inc.id) as = &a;
    if (as) {
      ImGui::Text("%s %s · %s %d", tr("Our assessment, confidence:"), tr(as->confidence.c_str()),
                  tr("evidence seen:"), as->evidenceSeen);
      for (const CandidateView& c : as->candidates) {
        bar(c.probability,
            actorNameOf(def, c.actor) + ": " + tr(c.words.c_str()) + " (" +
                fmt1("%.0f%%", 100 * c.probability) + ")",
            c.actor == as->leading ? kAccent : kMuted);
      }
      const int incident = indexOfId(def.incidents, inc.id);
      if (as->disclosure == "none" || as->disclosure.empty()) {
        int& choice = ui.decideChoice[incident];
        // The candidates, then each host state (due diligence: it shelters those behind it).
        std::vector<std::string> names, ids;
        for (const std::string& c : inc.candidates) {
          names.push_back(actorNameOf(def, c));
          ids.push_back(c);
        }
        for (const CandidateView& h : as->hosts) {
          names.push_back(actorNameOf(def, h.actor) + ": " + tr("harbouring those behind it") + " (" +
                          fmt1("%.0f%%", 100 * h.probability) + ")");
          ids.push_back(h.actor);
        }
        if (choice < 0 || static_cast<std::size_t>(choice) >= names.size()) choice = 0;
        ImGui::SetNextItemWidth(200);
        if (!names.empty() &&
            ImGui::BeginCombo(tr("Attribute to"), names[static_cast<std::size_t>(choice)].c_str())) {
          for (std::size_t k = 0; k < names.size(); ++k)
            if (ImGui::Selectable(names[k].c_str(), choice == static_cast<int>(k)))
              choice = static_cast<int>(k);
          ImGui::EndCombo();
        }
        ImGui::SameLine();
        if (!names.empty() && ImGui::Button(tr("Decide")))
          table.decide(incident, indexOfId(def.actors, ids[static_cast<std::size_t>(choice)]),
                       static_cast<std::size_t>(choice) >= inc.candidates.size());
        if (!as->decided.empty()) {
          ImGui::Text(
              "%s %s%s", tr("Decided:"), actorNameOf(def, as->decided).c_str(),
              as->harbouring ? (std::string(" (") + tr("harbouring those behind it") + ")").c_str() : "");
          if (ImGui::Button(tr("Démarche (private)"))) table.disclose(incident, Disclosure::Private, {});
          ImGui::SameLine();
          if (ImGui::Button(tr("Attribute publicly"))) table.disclose(incident, Disclosure::Public, {});
        }
      } else {
        ImGui::TextColored(
            kGreen, "%s %s%s (%s)", tr("Attributed to"), actorNameOf(def, as->decided).c_str(),
            as->harbouring ? (std::string(", ") + tr("harbouring those behind it")).c_str() : "",
            as->disclosure.c_str());
        // A démarche may still become public; any disclosure may be taken back and corrected.
        if (as->disclosure == "private") {
          if (ImGui::Button(tr("Attribute publicly"))) table.disclose(incident, Disclosure::Public, {});
          ImGui::SameLine();
        }
        // Greyed out with the reason when it would be refused (a bloc's statement a member still
        // makes, rules §4.3).
        const bool refused = !as->withdrawRefused.empty();
        ImGui::BeginDisabled(refused);
        if (ImGui::Button(tr("Withdraw"))) table.withdraw(incident);
        ImGui::EndDisabled();
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
          ImGui::SetTooltip("%s", refused
                                      ? as->withdrawRefused.c_str()
                                      : tr("Take the attribution back: credibility -5 (public or joint), -2 "
                                           "(private); you may then decide again and correct it"));
      }
    }
    ImGui::Spacing();
    ImGui::PopID();
  }
  ImGui::Separator();
  heading(fonts, tr("Evidence"));
  for (const EvidenceView& e : v.evidence) {
    ImGui::PushID(e.id.c_str());
    ImGui::TextColored(kAccent, "%s", e.title.c_str());
    muted(std::string(tr("source: ")) + std::string(tr.word(displayNameFor(kEvidenceSourceNames, e.source))) +
          " · " + tr("reliability ") + fmt1("%.0f%%", 100 * e.reliability) + " · " + e.how + ", " +
          name(def, def.turnLabel) + " " + std::to_string(e.turnSeen));
    wrapped(e.text);
    ImGui::PopID();
  }
  if (v.evidence.empty()) muted(tr("No evidence yet: investigate."));
}

void measuresPanel(Table& table, UiState& ui, const TeamView& v, const Fonts& fonts, const Strings& tr) {
  const ScenarioDef& def = table.def();
  ImGui::Text("%s %d (%s %d)", tr("Political capital:"), v.capital, tr("per turn"), v.capitalPerTurn);
  if (!v.queued.empty()) {
    heading(fonts, tr("Queued this turn"));
    for (const QueuedView& q : v.queued) {
      std::string line;
      for (const MeasureDef& m : def.measures)
        if (m.id == q.measure) line = name(def, m.name);
      if (!q.target.empty()) line += " → " + actorNameOf(def, q.target);
      const int inc = indexOfId(def.incidents, q.incident);
      if (inc >= 0) line += " · " + name(def, def.incidents[static_cast<std::size_t>(inc)].title);
      bullet(line + " (" + std::to_string(q.cost) + ")");
    }
  }
  for (int c = 0; c <= static_cast<int>(MeasureCategory::Hostile); ++c) {
    const auto category = static_cast<MeasureCategory>(c);
    bool any = false;
    for (const MeasureOption& o : v.options)
      any = any || def.measures[static_cast<std::size_t>(o.measure)].category == category;
    if (!any) continue;
    ImGui::PushID(c);
    if (ImGui::CollapsingHeader(std::string(tr.word(displayName(category))).c_str(),
                                ImGuiTreeNodeFlags_DefaultOpen)) {
      for (std::size_t i = 0; i < v.options.size();) {
        // One row per measure; its targets and incidents in a list beside it.
        std::size_t end = i;
        while (end < v.options.size() && v.options[end].measure == v.options[i].measure) ++end;
        const MeasureDef& m = def.measures[static_cast<std::size_t>(v.options[i].measure)];
        if (m.category != category) {
          i = end;
          continue;
        }
        ImGui::PushID(v.options[i].measure);
        int& chosen = ui.measureChoice[v.options[i].measure];
        if (chosen < 0 || static_cast<std::size_t>(chosen) >= end - i) {
          chosen = 0;  // the first legal option, if any
          for (std::size_t k = i; k < end; ++k)
            if (v.options[k].legal) {
              chosen = static_cast<int>(k - i);
              break;
            }
        }
        const MeasureOption& o = v.options[i + static_cast<std::size_t>(chosen)];
        const auto optionLabel = [&](const MeasureOption& x) {
          std::string label;
          if (x.target >= 0) label += table.actorName(x.target);
          if (x.owner >= 0) label += table.actorName(x.owner);  // a listing: whose people and companies
          if (x.incident >= 0)
            label += (label.empty() ? "" : " · ") +
                     name(def, def.incidents[static_cast<std::size_t>(x.incident)].title);
          return label;
        };
        // A listing names the chosen suspect's entities: all ticked at first, the team narrows it down.
        std::uint64_t listed = 0;
        if (o.entities != 0) {
          std::uint64_t& pick = ui.listingPick[{o.measure, chosen}];
          if ((pick & o.entities) == 0) pick = o.entities;
          listed = pick & o.entities;
        }
        ImGui::BeginDisabled(!o.legal || (o.entities != 0 && listed == 0));
        if (ImGui::Button(tr("Queue"))) table.takeMeasure(o.measure, o.target, o.incident, listed);
        ImGui::EndDisabled();
        ImGui::SameLine();
        const char* esc = m.escalation == EscalationTag::Escalatory     ? tr("▲ escalatory")
                          : m.escalation == EscalationTag::Deescalatory ? tr("▼ de-escalatory")
                                                                        : tr("■ proportionate");
        const ImVec4 escColour = m.escalation == EscalationTag::Escalatory     ? kRed
                                 : m.escalation == EscalationTag::Deescalatory ? kGreen
                                                                               : kMuted;
        const std::string title = name(def, m.name);
        const std::string tag = std::to_string(o.cost) + " · " + esc;
        // Name and cost on the button's line when they fit; else the name wraps beside the
        // button and the cost goes under it, so neither runs off a narrow panel.
        const bool fits = ImGui::CalcTextSize(title.c_str()).x + ImGui::GetStyle().ItemSpacing.x +
                              ImGui::CalcTextSize(tag.c_str()).x <=
                          ImGui::GetContentRegionAvail().x;
        wrapped(o.legal ? ImVec4(1, 1, 1, 1) : kMuted, title);
        if (fits) {
          ImGui::SameLine();
          ImGui::TextColored(escColour, "%s", tag.c_str());
        }
        ImGui::Indent();
        if (!fits) ImGui::TextColored(escColour, "%s", tag.c_str());
        if (end - i > 1 || o.target >= 0 || o.incident >= 0) {
          ImGui::SetNextItemWidth(-1);
          if (ImGui::BeginCombo("##option", optionLabel(o).c_str())) {
            for (std::size_t k = i; k < end; ++k) {
              const std::string label = optionLabel(v.options[k]) +
                                        (v.options[k].legal ? "" : "  (" + v.options[k].reasonText + ")");
              if (ImGui::Selectable(label.c_str(), chosen == static_cast<int>(k - i)))
                chosen = static_cast<int>(k - i);
            }
            ImGui::EndCombo();
          }
        }
        if (o.entities != 0) {
          std::uint64_t& pick = ui.listingPick[{o.measure, chosen}];
          for (std::size_t e = 0; e < def.entities.size() && e < 64; ++e) {
            const std::uint64_t bit = std::uint64_t{1} << e;
            if ((o.entities & bit) == 0) continue;
            bool on = (pick & bit) != 0;
            const EntityDef& ed = def.entities[e];
            const std::string label =
                name(def, ed.name) + " (" + std::string(tr.word(displayName(ed.kind))) + ")";
            if (ImGui::Checkbox(label.c_str(), &on)) pick = on ? (pick | bit) : (pick & ~bit);
            if (ImGui::IsItemHovered() && !name(def, ed.description).empty())
              ImGui::SetTooltip("%s", name(def, ed.description).c_str());
          }
        }
        if (!o.legal) wrapped(kAmber, o.reasonText);
        const std::string& effects = table.effectsText(v.options[i].measure);
        std::string norms;
        for (char n : m.upholdsNorms) norms += std::string(norms.empty() ? "" : " ") + "+" + n;
        for (char n : m.breaksNorms) norms += std::string(norms.empty() ? "" : " ") + "−" + n;
        if (!effects.empty()) muted(std::string(tr("Expected: ")) + effects);
        if (!norms.empty()) muted(std::string(tr("UN GGE 2015 norms: ")) + norms);
        ImGui::Unindent();
        ImGui::Spacing();
        ImGui::PopID();
        i = end;
      }
    }
    ImGui::PopID();
  }
}

void negotiationPanel(Table& table, UiState& ui, const TeamView& v, const Fonts& fonts, const Strings& tr) {
  const ScenarioDef& def = table.def();
  const std::size_t actors = def.actors.size(), terms = def.terms.size();
  ui.proposeTo.resize(actors, 0);
  ui.proposeTerms.resize(terms, 0);
  heading(fonts, tr("Proposals"));
  if (v.proposals.empty()) muted(tr("None yet."));
  for (auto it = v.proposals.rbegin(); it != v.proposals.rend(); ++it) {
    const ProposalView& p = *it;
    ImGui::PushID(p.id);
    std::string termList;
    for (const std::string& t : p.terms) termList += (termList.empty() ? "" : ", ") + termNameOf(def, t);
    if (!p.naming.empty()) termList += std::string(" — ") + tr("naming:") + " " + actorNameOf(def, p.naming);
    std::string header = "#";
    header += std::to_string(p.id);
    header += ' ';
    header += tr("from");
    header += ' ';
    header += actorNameOf(def, p.from);
    header += ": ";
    header += termList;
    wrapped(p.awaitingOurReply ? kAmber : kAccent, header);
    if (!p.text.empty()) wrapped("“" + p.text + "”");
    for (const ReplyView& r : p.replies) {
      // No answer: still awaited while the proposal is open; once it closed, none came.
      const char* answer = r.kind != "none" ? tr(r.kind.c_str())
                           : p.open         ? tr("no reply yet")
                                            : tr("no reply");
      std::string line = actorNameOf(def, r.actor) + ": " + answer;
      if (!r.reason.empty()) line += " — " + r.reason;
      bullet(line);
    }
    if (p.awaitingOurReply) {
      std::string& reason = ui.replyReason[p.id];
      ImGui::SetNextItemWidth(-1);
      ImGui::InputTextWithHint("##reason", tr("Reason (required)"), &reason);
      if (ImGui::Button(tr("Accept"))) table.reply(p.id, ReplyKind::Accept, {}, reason);
      ImGui::SameLine();
      if (ImGui::Button(tr("Reject"))) table.reply(p.id, ReplyKind::Reject, {}, reason);
      ImGui::SameLine();
      if (ImGui::Button(tr("Counter"))) {
        std::vector<int> counter;
        std::vector<char>& chosen = ui.counterTerms[p.id];
        chosen.resize(terms, 0);
        for (std::size_t t = 0; t < terms; ++t)
          if (chosen[t]) counter.push_back(static_cast<int>(t));
        table.reply(p.id, ReplyKind::Counter, counter, reason);
      }
      std::vector<char>& chosen = ui.counterTerms[p.id];
      chosen.resize(terms, 0);
      ImGui::TextUnformatted(tr("Counter with:"));
      for (std::size_t t = 0; t < terms; ++t) {
        const std::string termName = name(def, def.terms[t].name);
        flowCheckbox(termName.c_str(), false);
        bool on = chosen[t] != 0;
        ImGui::PushID(static_cast<int>(t));
        if (ImGui::Checkbox(termName.c_str(), &on)) chosen[t] = on;
        ImGui::PopID();
      }
    }
    ImGui::Separator();
    ImGui::PopID();
  }
  heading(fonts, tr("Compose a proposal"));
  ImGui::TextUnformatted(tr("To:"));
  for (std::size_t a = 0; a < actors; ++a) {
    if (static_cast<int>(a) == v.actor) continue;
    // The actor's name, in the table's language (its id is for scenario files, not players).
    const std::string to = name(def, def.actors[a].name);
    flowCheckbox(to.c_str(), false);
    bool on = ui.proposeTo[a] != 0;
    ImGui::PushID(static_cast<int>(a));
    if (ImGui::Checkbox(to.c_str(), &on)) ui.proposeTo[a] = on;
    ImGui::PopID();
  }
  ImGui::TextUnformatted(tr("Terms:"));
  for (std::size_t t = 0; t < terms; ++t) {
    ImGui::PushID(1000 + static_cast<int>(t));
    bool on = ui.proposeTerms[t] != 0;
    if (ImGui::Checkbox(name(def, def.terms[t].name).c_str(), &on)) ui.proposeTerms[t] = on;
    ImGui::PopID();
  }
  const std::string incidentLabel =
      ui.proposeIncident < 0 ? std::string(tr("any incident"))
                             : name(def, def.incidents[static_cast<std::size_t>(ui.proposeIncident)].title);
  ImGui::SetNextItemWidth(280);
  if (ImGui::BeginCombo(tr("Incident"), incidentLabel.c_str())) {
    // Another incident has other suspects: the pick of whom a joint attribution names starts over.
    if (ImGui::Selectable(tr("any incident"), ui.proposeIncident < 0))
      ui.proposeIncident = -1, ui.proposeNaming = -1;
    for (const IncidentSummary& inc : v.situation.incidents) {
      const int i = indexOfId(def.incidents, inc.id);
      if (ImGui::Selectable(inc.title.c_str(), ui.proposeIncident == i))
        ui.proposeIncident = i, ui.proposeNaming = -1;
    }
    ImGui::EndCombo();
  }
  std::vector<int> chosen;
  for (std::size_t t = 0; t < terms; ++t)
    if (ui.proposeTerms[t]) chosen.push_back(static_cast<int>(t));
  // A joint attribution says whom it names (rules §4.1): the team's decided suspect unless it
  // picks another of the incident's suspects or hosts.
  const int suggested = table.suggestedNaming(chosen, ui.proposeIncident);
  const bool joint =
      ui.proposeIncident >= 0 && table.engine().hasTermOfKind(chosen, TermKind::JointAttribution);
  const int naming = !joint ? -1 : ui.proposeNaming >= 0 ? ui.proposeNaming : suggested;
  if (joint) {
    const std::string namingLabel = naming < 0
                                        ? std::string(tr("no one yet"))
                                        : actorNameOf(def, def.actors[static_cast<std::size_t>(naming)].id);
    ImGui::SetNextItemWidth(280);
    if (ImGui::BeginCombo(tr("naming:"), namingLabel.c_str())) {
      for (const IncidentSummary& inc : v.situation.incidents) {
        if (indexOfId(def.incidents, inc.id) != ui.proposeIncident) continue;
        std::vector<std::string> suspects = inc.candidates;
        suspects.insert(suspects.end(), inc.hosts.begin(), inc.hosts.end());
        for (const std::string& id : suspects) {
          const int a = indexOfId(def.actors, id);
          if (a == v.actor || a < 0) continue;
          ImGui::PushID(2000 + a);
          if (ImGui::Selectable(actorNameOf(def, id).c_str(), naming == a)) ui.proposeNaming = a;
          ImGui::PopID();
        }
      }
      ImGui::EndCombo();
    }
  }
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##message", tr("Message (optional)"), &ui.proposeText);
  if (ImGui::Button(tr("Send the proposal"))) {
    std::vector<int> to;
    for (std::size_t a = 0; a < actors; ++a)
      if (ui.proposeTo[a]) to.push_back(static_cast<int>(a));
    if (table.propose(to, chosen, ui.proposeIncident, ui.proposeText, naming)) {
      std::fill(ui.proposeTo.begin(), ui.proposeTo.end(), 0);
      std::fill(ui.proposeTerms.begin(), ui.proposeTerms.end(), 0);
      ui.proposeText.clear();
      ui.proposeNaming = -1;
    }
  }
}

void dossiersPanel(Table& table, const TeamView& v, const Fonts& fonts, const Strings& tr) {
  const ScenarioDef& def = table.def();
  heading(fonts, tr("Our position"));
  for (const NamedValue& m : v.meters) bar(m.value / 100.0, m.label + " " + fmt1("%.0f", m.value), kAccent);
  heading(fonts, tr("Actors"));
  for (const ActorSummary& a : v.situation.actors) {
    if (a.id == v.actorId) continue;
    ImGui::PushID(a.id.c_str());
    if (ImGui::CollapsingHeader(
            (a.name + " (" + std::string(tr.word(displayNameFor(kActorKindNames, a.kind))) + ")").c_str())) {
      for (const RelationView& r : v.relations) {
        if (r.other != a.id) continue;
        ImGui::Text("%s %+.0f · %s %+.0f", tr("Our trust in them:"), r.trustInOther, tr("theirs in us:"),
                    r.trustFromOther);
      }
      for (const NamedValue& m : a.meters) ImGui::BulletText("%s %.0f", m.label.c_str(), m.value);
      std::string caps;
      for (const NamedValue& c : a.capabilities)
        caps += (caps.empty() ? "" : ", ") + c.label + " " + fmt1("%.0f", c.value);
      if (!caps.empty()) muted(std::string(tr("Capabilities: ")) + caps);
    }
    ImGui::PopID();
  }
  (void)def;
}

void recapPanel(const Table& table, const TeamView& v, const Fonts& fonts, const Strings& tr) {
  heading(fonts, tr("Since last turn"));
  if (v.recap.empty()) muted(tr("Nothing yet."));
  for (const TimelineEntry& e : v.recap) bullet(e.text);
  if (!v.results.empty()) {
    heading(fonts, tr("Our measures"));
    for (const MeasureResultView& r : v.results)
      wrapped(r.succeeded ? kGreen : kRed, table.turnLabelOf(r.turn) + " · " + r.text);
  }
}

void drawTab(Tab tab, Table& table, UiState& ui, const TeamView& v, const Fonts& fonts, const Strings& tr) {
  switch (tab) {
    case Tab::Briefing:
      briefingPanel(table, v, fonts, tr);
      break;
    case Tab::Intelligence:
      intelligencePanel(table, ui, v, fonts, tr);
      break;
    case Tab::Measures:
      measuresPanel(table, ui, v, fonts, tr);
      break;
    case Tab::Negotiation:
      negotiationPanel(table, ui, v, fonts, tr);
      break;
    case Tab::Dossiers:
      dossiersPanel(table, v, fonts, tr);
      break;
    case Tab::Recap:
      recapPanel(table, v, fonts, tr);
      break;
  }
}

const char* tabLabel(Tab tab, const Strings& tr) {
  switch (tab) {
    case Tab::Briefing:
      return tr("Briefing & news");
    case Tab::Intelligence:
      return tr("Intelligence");
    case Tab::Measures:
      return tr("Measures");
    case Tab::Negotiation:
      return tr("Negotiation");
    case Tab::Dossiers:
      return tr("Dossiers");
    case Tab::Recap:
      return tr("Recap");
  }
  return "";
}

void teamScreen(Table& table, UiState& ui, const Fonts& fonts, const Strings& tr, const Layout& layout) {
  const TeamView& v = table.teamView();
  if (ui.allPanels) {
    // Every panel in its own window (the benchmark's "every panel open").
    const float w = layout.width / 3, h = (layout.height - layout.top) / 2;
    for (int t = 0; t < kTabCount; ++t) {
      place({w * static_cast<float>(t % 3), layout.top + h * static_cast<float>(t / 3), w, h});
      ImGui::Begin(tabLabel(static_cast<Tab>(t), tr), nullptr, kFixed);
      drawTab(static_cast<Tab>(t), table, ui, v, fonts, tr);
      ImGui::End();
    }
    return;
  }
  place(layout.belowMap);
  ImGui::Begin(tr("Briefing & news"), nullptr, kFixed);
  briefingPanel(table, v, fonts, tr);
  ImGui::End();
  place(layout.side);
  ImGui::Begin((v.actorName + "###side").c_str(), nullptr, kFixed);
  if (ImGui::BeginTabBar("tabs")) {
    for (int t = 1; t < kTabCount; ++t) {
      const Tab tab = static_cast<Tab>(t);
      ImGuiTabItemFlags flags = ui.selectTab && ui.tab == tab ? ImGuiTabItemFlags_SetSelected : 0;
      std::string label = tabLabel(tab, tr);
      if (tab == Tab::Negotiation) {
        int waiting = 0;
        for (const ProposalView& p : v.proposals) waiting += p.awaitingOurReply ? 1 : 0;
        if (waiting) label += " (" + std::to_string(waiting) + ")";
      }
      label += std::string("###tab") + std::to_string(t);
      if (ImGui::BeginTabItem(label.c_str(), nullptr, flags)) {
        if (!ui.selectTab) ui.tab = tab;
        ImGui::BeginChild("content");
        drawTab(tab, table, ui, v, fonts, tr);
        if (ui.scrollTo >= 0 && !ui.selectTab) {
          ImGui::SetScrollY(ui.scrollTo * ImGui::GetScrollMaxY());
          ui.scrollTo = -1;
        }
        ImGui::EndChild();
        ImGui::EndTabItem();
      }
    }
    ui.selectTab = false;
    ImGui::EndTabBar();
  }
  ImGui::End();
}

// ---------------------------------------------------------------- room, hand-over, end

void roomScreen(Table& table, UiState& ui, const Fonts& fonts, const Strings& tr, const Layout& layout) {
  (void)ui;
  const RoomView& room = table.roomView();
  const PublicSituation& s = room.situation;
  place(layout.side);
  ImGui::Begin(tr("The room (public)"), nullptr, kFixed);
  const std::vector<int> teams = table.hotSeatTeams();
  if (!teams.empty() && s.phase == "deliberation") {
    heading(fonts, tr("Pass the laptop to"));
    for (int a : teams) {
      ImGui::PushID(a);
      const std::string label = table.actorName(a) + (table.teamDone(a) ? "  ✓" : "");
      if (ImGui::Button(label.c_str())) table.callTeam(a);
      ImGui::SameLine();
      ImGui::PopID();
    }
    ImGui::NewLine();
    ImGui::Separator();
  }
  ImGui::Text("%s %.0f · %s", tr("Tension"), s.tension, s.rung.c_str());
  if (!s.incidents.empty()) heading(fonts, tr("Incidents"));
  for (const IncidentSummary& inc : s.incidents) {
    ImGui::TextColored(kRed, "%s", inc.title.c_str());
    wrapped(inc.description);
  }
  if (!s.agreements.empty()) heading(fonts, tr("Agreements in force"));
  for (const AgreementView& a : s.agreements)
    bullet(actorNameOf(table.def(), a.a) + " — " + actorNameOf(table.def(), a.b) + ": " +
           termNameOf(table.def(), a.term));
  heading(fonts, tr("What happened"));
  const std::size_t first = room.timeline.size() > 40 ? room.timeline.size() - 40 : 0;
  for (std::size_t i = room.timeline.size(); i-- > first;) {
    const TimelineEntry& e = room.timeline[i];
    ImGui::TextColored(kMuted, "%d", e.turn);
    ImGui::SameLine();
    wrapped(e.text);
  }
  ImGui::End();
  place(layout.belowMap);
  ImGui::Begin(tr("News"), nullptr, kFixed);
  for (auto it = s.news.rbegin(); it != s.news.rend(); ++it) {
    ImGui::TextColored(kAccent, "%s · %s", table.turnLabelOf(it->turn).c_str(), it->title.c_str());
    wrapped(it->text);
  }
  if (s.news.empty()) muted(tr("No news yet."));
  ImGui::End();
}

void handoverScreen(Table& table, UiState& ui, const Fonts& fonts, const Strings& tr, const Layout& layout) {
  const float w = std::min(layout.width * 0.7f, 760 * layout.scale), h = 300 * layout.scale;
  place({(layout.width - w) / 2, (layout.height - h) / 2, w, h});
  ImGui::Begin(tr("Hand-over"), nullptr, kFixed | ImGuiWindowFlags_NoTitleBar);
  ImGui::PushFont(fonts.big);
  wrapped(std::string(tr("Pass the laptop to")) + " " + table.actorName(table.handoverTeam()));
  ImGui::PopFont();
  ImGui::Spacing();
  muted(tr("Nothing of another team's intelligence or choices is on screen. When the team has the laptop:"));
  ImGui::Spacing();
  ImGui::PushFont(fonts.heading);
  if (ImGui::Button((std::string(tr("We are")) + " " + table.actorName(table.handoverTeam()) + " — " +
                     tr("show our view"))
                        .c_str(),
                    ImVec2(-1, 56 * layout.scale))) {
    table.takeLaptop();
    ui.clearDrafts();
  }
  ImGui::PopFont();
  if (ImGui::Button(tr("Back to the room's view"))) table.showRoom();
  ImGui::End();
}

void endScreen(Table& table, UiState& ui, const Fonts& fonts, const Strings& tr, const Layout& layout) {
  place({layout.width * 0.15f, layout.top + 20, layout.width * 0.7f, layout.height - layout.top - 40});
  ImGui::Begin(tr("End of the exercise"), nullptr, kFixed);
  ImGui::PushFont(fonts.big);
  const AfterAction& aa = table.afterAction();
  wrapped(aa.endingId.empty() ? std::string(tr("Ended by the facilitator")) : aa.endingTitle);
  ImGui::PopFont();
  if (!aa.endingDescription.empty()) wrapped(aa.endingDescription);
  ImGui::Separator();
  heading(fonts, tr("Scores"));
  const std::vector<AfterAction::Objective>& objectives = aa.objectives;
  if (ImGui::BeginTable("scores", 3, ImGuiTableFlags_RowBg)) {
    ImGui::TableSetupColumn(tr("Actor"));
    ImGui::TableSetupColumn(tr("Objective"));
    ImGui::TableSetupColumn(tr("Met"));
    ImGui::TableHeadersRow();
    for (const AfterAction::Objective& o : objectives) {
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::TextUnformatted(table.actorName(o.actor).c_str());
      ImGui::TableNextColumn();
      ImGui::TextWrapped("%s", o.description.c_str());
      ImGui::TableNextColumn();
      ImGui::TextColored(o.achieved ? kGreen : kRed, "%s %d / %d", o.achieved ? "✓" : "✗", o.score,
                         o.maxScore);
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();
  ImGui::PushFont(fonts.heading);
  if (ImGui::Button(tr("Open the debrief"))) ui.debriefOpen = true;
  ImGui::SameLine();
  if (ImGui::Button(tr("Write the debrief and open its folder"))) table.writeDebrief();
  ImGui::PopFont();
  ImGui::SameLine();
  if (ImGui::Button(tr("Quit"))) ui.quitRequested = true;
  ImGui::End();
}

// ---------------------------------------------------------------- the facilitator

// Team seats in browsers: the address, each seat's code, who is connected and ready, and what
// the seats refused; taking a seat back from its browser (to the hot seat or the AI) and giving
// it back, each a logged `seat` command. Behind the facilitator's PIN: the codes are not for
// the room.
void browserSeatsPanel(Table& table, BrowserSeats& seats, int difficulty, const Strings& tr) {
  if (!ImGui::CollapsingHeader(tr("Team seats in browsers"), ImGuiTreeNodeFlags_DefaultOpen)) return;
  ImGui::Text("%s %s", tr("Address:"), seats.url().c_str());
  // One seat per line (name, code, where it is), its buttons on the line below: the panel is too
  // narrow for both on one line at 1280 px.
  const std::vector<seats::SeatStatus> status = seats.status();
  // Team seats at the laptop that never had a browser (taken over from the AI, say).
  std::vector<int> atLaptop;
  for (int a : table.teams()) {
    const bool listed =
        std::any_of(status.begin(), status.end(), [a](const auto& s) { return s.actor == a; });
    if (!listed && !table.session().seat(a).browser) atLaptop.push_back(a);
  }
  float nameWidth = 0, codeWidth = ImGui::CalcTextSize("—").x;
  for (const seats::SeatStatus& s : status) {
    nameWidth = std::max(nameWidth, ImGui::CalcTextSize(table.actorName(s.actor).c_str()).x);
    codeWidth = std::max(codeWidth, ImGui::CalcTextSize(s.code.c_str()).x);
  }
  for (int a : atLaptop) nameWidth = std::max(nameWidth, ImGui::CalcTextSize(table.actorName(a).c_str()).x);
  const float gap = 3 * ImGui::GetStyle().ItemSpacing.x;
  const auto seatLine = [&](int actor, const char* code) {
    const float x0 = ImGui::GetCursorPosX();
    ImGui::TextUnformatted(table.actorName(actor).c_str());
    ImGui::SameLine(x0 + nameWidth + gap);
    ImGui::TextUnformatted(code);
    ImGui::SameLine(x0 + nameWidth + gap + codeWidth + gap);
  };
  for (const seats::SeatStatus& s : status) {
    ImGui::PushID(s.actor);
    seatLine(s.actor, s.code.c_str());
    if (s.inBrowser) {
      ImGui::TextColored(s.connected ? kGreen : kMuted, "%s%s",
                         s.connected ? tr("connected") : tr("not connected"), s.ready ? " ✓" : "");
    } else {
      const Seat& now = table.session().seat(s.actor);
      ImGui::TextColored(kAmber, "%s%s",
                         now.kind == SeatKind::Team ? tr("taken back: hot seat") : tr("taken back: AI"),
                         s.waiting ? tr(" (its browser waits)") : "");
    }
    ImGui::Indent();
    if (s.inBrowser) {
      if (!s.connected) {
        if (ImGui::SmallButton(seats.shownOnProjector == s.actor ? tr("Hide the code") : tr("Show the code")))
          seats.shownOnProjector = seats.shownOnProjector == s.actor ? -1 : s.actor;
        ImGui::SameLine();
      }
      if (ImGui::SmallButton(tr("To the hot seat"))) table.moveToHotSeat(s.actor);
      ImGui::SameLine();
      if (ImGui::SmallButton(tr("To the AI"))) table.handBack(s.actor, static_cast<std::uint8_t>(difficulty));
      ImGui::SameLine();
    } else {
      if (ImGui::SmallButton(tr("Give back to a browser"))) table.moveToBrowser(s.actor);
      ImGui::SameLine();
    }
    if (ImGui::SmallButton(tr("New code"))) seats.newCode(s.actor);
    ImGui::Unindent();
    ImGui::PopID();
  }
  for (int a : atLaptop) {
    ImGui::PushID(a);
    seatLine(a, "—");
    ImGui::TextColored(kAmber, "%s", tr("a team at the laptop"));
    ImGui::Indent();
    if (ImGui::SmallButton(tr("To a browser"))) table.moveToBrowser(a);
    ImGui::Unindent();
    ImGui::PopID();
  }
  muted(
      tr("Show the code: on the projector, until a browser holds the seat. To the hot seat / To the AI: "
         "the seat is taken back from its browser, which is told and waits; Give back to a browser: it "
         "rejoins with the same code. To a browser: a team at the laptop gets a join code. New code: the "
         "browser holding the seat is closed and its old code stops working."));
  const std::vector<std::string>& notes = seats.notes();
  if (!notes.empty() && ImGui::TreeNode(tr("What the seats refused or noticed"))) {
    const std::size_t first = notes.size() > 20 ? notes.size() - 20 : 0;
    for (std::size_t i = notes.size(); i-- > first;) muted(notes[i]);
    ImGui::TreePop();
  }
}

// A QR code as dark rectangles on white, with its quiet zone of four modules; one rectangle per
// run of dark modules in a row. `module` pixels a module; the cursor moves past it.
void drawQr(const QrCode& qr, float module) {
  const float side = static_cast<float>(qr.size + 8) * module;
  const ImVec2 at = ImGui::GetCursorScreenPos();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(at, ImVec2(at.x + side, at.y + side), IM_COL32(255, 255, 255, 255));
  for (int y = 0; y < qr.size; ++y) {
    for (int x = 0; x < qr.size;) {
      if (!qr.dark(x, y)) {
        ++x;
        continue;
      }
      int end = x;
      while (end < qr.size && qr.dark(end, y)) ++end;
      const float x0 = at.x + static_cast<float>(x + 4) * module,
                  y0 = at.y + static_cast<float>(y + 4) * module;
      draw->AddRectFilled(ImVec2(x0, y0), ImVec2(at.x + static_cast<float>(end + 4) * module, y0 + module),
                          IM_COL32(0, 0, 0, 255));
      x = end;
    }
  }
  ImGui::Dummy(ImVec2(side, side));
}

// One seat's join code, large, on the projector: the team scans the QR code of its join URL, or
// opens the address and types the code.
void joinCard(Table& table, BrowserSeats& seats, const Fonts& fonts, const Strings& tr,
              const Layout& layout) {
  if (seats.shownOnProjector < 0) return;
  const QrCode* qr = seats.joinQr(seats.shownOnProjector);
  // Large enough to scan from a table: about half the screen's height, whole pixels a module.
  const float target = std::min((layout.height - layout.top) * 0.55f, 520 * layout.scale);
  const float module = qr ? std::max(3.0f, std::floor(target / static_cast<float>(qr->size + 8))) : 0;
  const float qrSide = qr ? static_cast<float>(qr->size + 8) * module : 0;
  const float w = std::min(qrSide + 420 * layout.scale, layout.width * 0.9f);
  ImGui::SetNextWindowPos(ImVec2((layout.width - w) / 2, layout.top + 30), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(w, 0), ImGuiCond_Always);
  ImGui::Begin("##join", nullptr, kFixed | ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoTitleBar);
  ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
  heading(
      fonts,
      (std::string(tr("Team seat in a browser:")) + " " + table.actorName(seats.shownOnProjector)).c_str());
  if (qr) {
    drawQr(*qr, module);
    ImGui::SameLine();
  }
  ImGui::BeginGroup();
  ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + std::max(200.0f, w - qrSide - 40 * layout.scale));
  if (qr)
    ImGui::TextUnformatted(tr("Scan the code with a phone, or open this address and type the code:"));
  else
    ImGui::TextUnformatted(tr("Open this address and type the code:"));
  ImGui::TextColored(kAccent, "%s", seats.url().c_str());
  if (fonts.heading) ImGui::PushFont(fonts.heading);
  ImGui::TextColored(kAmber, "%s", seats.hub().codeOf(seats.shownOnProjector).c_str());
  if (fonts.heading) ImGui::PopFont();
  ImGui::PopTextWrapPos();
  if (ImGui::Button(tr("Hide"))) seats.shownOnProjector = -1;
  ImGui::EndGroup();
  ImGui::End();
}

void facilitatorPanel(Table& table, UiState& ui, const Fonts& fonts, const Strings& tr,
                      const Layout& layout) {
  const float w = facilitatorPanelWidth(layout);
  ImGui::SetNextWindowPos(ImVec2(layout.width - w - 10, layout.top + 10), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(w, layout.height - layout.top - 20), ImGuiCond_Always);
  ImGui::SetNextWindowBgAlpha(1.0f);
  ImGui::Begin(tr("Facilitator (F10)"), &ui.facilitatorOpen, kFixed);
  ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
  heading(fonts, tr("Facilitator"));
  if (!table.facilitatorUnlocked()) {
    ImGui::TextUnformatted(tr("Enter the facilitator's PIN"));
    ImGui::SetNextItemWidth(200);
    const bool enter = ImGui::InputText("##pin", &ui.pinTyped,
                                        ImGuiInputTextFlags_Password | ImGuiInputTextFlags_EnterReturnsTrue);
    if (enter || ImGui::Button(tr("Unlock"))) {
      table.unlock(ui.pinTyped);
      ui.pinTyped.clear();
    }
    ImGui::End();
    return;
  }
  const ScenarioDef& def = table.def();
  // The room's situation: the same turn, phase, tension and pause. The facilitator's view holds
  // every team's view (all their options) and is rebuilt after every change, which with 30
  // browser seats sending commands cost a few ms in the frames that followed one; it is built
  // only for the truth below, when that section is open.
  const PublicSituation& s = table.roomView().situation;
  ImGui::Text("%s · %s · %s %.1f", table.turnLabel().c_str(), phaseLabel(s.phaseKind, tr), tr("tension"),
              s.tension);
  if (s.paused ? ImGui::Button(tr("Resume")) : ImGui::Button(tr("Pause")))
    s.paused ? table.resumePlay() : table.pause();
  ImGui::SameLine();
  if (ImGui::Button(tr("Next phase"))) table.nextPhase();
  ImGui::SameLine();
  if (ImGui::Button(tr("Undo the turn"))) table.undoTurn();
  ImGui::SameLine();
  if (ImGui::Button(tr("End the exercise"))) table.endExercise();
  ImGui::TextUnformatted(tr("Timer:"));
  ImGui::SameLine();
  if (ImGui::Button(tr("+5 min"))) table.extendTimer(300);
  ImGui::SameLine();
  if (ImGui::Button(tr("+1 min"))) table.extendTimer(60);
  ImGui::SameLine();
  if (ImGui::Button(tr("−1 min"))) table.extendTimer(-60);

  if (ImGui::CollapsingHeader(tr("Inject now"))) {
    std::vector<std::string> labels;
    for (const InjectDef& inj : def.injects) labels.push_back(inj.id + " — " + name(def, inj.title));
    if (!labels.empty()) {
      ui.injectChoice = std::clamp(ui.injectChoice, 0, static_cast<int>(labels.size()) - 1);
      ImGui::SetNextItemWidth(-90);
      if (ImGui::BeginCombo("##inject", labels[static_cast<std::size_t>(ui.injectChoice)].c_str())) {
        for (std::size_t i = 0; i < labels.size(); ++i)
          if (ImGui::Selectable(labels[i].c_str(), ui.injectChoice == static_cast<int>(i)))
            ui.injectChoice = static_cast<int>(i);
        ImGui::EndCombo();
      }
      ImGui::SameLine();
      if (ImGui::Button(tr("Fire"))) table.injectNow(ui.injectChoice);
    }
  }
  if (ImGui::CollapsingHeader(tr("Adjust a meter"))) {
    ui.adjustActor = std::clamp(ui.adjustActor, 0, static_cast<int>(def.actors.size()) - 1);
    ui.adjustMeter = std::clamp(ui.adjustMeter, 0, std::max(0, static_cast<int>(def.meterNames.size()) - 1));
    ImGui::SetNextItemWidth(160);
    if (ImGui::BeginCombo("##actor", table.actorName(ui.adjustActor).c_str())) {
      for (std::size_t a = 0; a < def.actors.size(); ++a)
        if (ImGui::Selectable(table.actorName(static_cast<int>(a)).c_str(),
                              ui.adjustActor == static_cast<int>(a)))
          ui.adjustActor = static_cast<int>(a);
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(160);
    if (!def.meterNames.empty() &&
        ImGui::BeginCombo("##meter", table.engine().meterName(ui.adjustMeter, table.language()).c_str())) {
      for (std::size_t m = 0; m < def.meterNames.size(); ++m)
        if (ImGui::Selectable(table.engine().meterName(static_cast<int>(m), table.language()).c_str(),
                              ui.adjustMeter == static_cast<int>(m)))
          ui.adjustMeter = static_cast<int>(m);
      ImGui::EndCombo();
    }
    ImGui::SameLine();
    ImGui::SetNextItemWidth(120);
    ImGui::SliderFloat("##delta", &ui.adjustDelta, -30, 30, "%+.0f");
    ImGui::SetNextItemWidth(-90);
    ImGui::InputTextWithHint("##why", tr("Reason (required)"), &ui.adjustReason);
    ImGui::SameLine();
    if (ImGui::Button(tr("Apply")) &&
        table.adjustMeter(ui.adjustActor, ui.adjustMeter, std::round(ui.adjustDelta), ui.adjustReason))
      ui.adjustReason.clear();
  }
  if (ImGui::CollapsingHeader(tr("Seats"), ImGuiTreeNodeFlags_DefaultOpen)) {
    if (ImGui::BeginTable("fseats", 3, ImGuiTableFlags_RowBg)) {
      // Long names wrap in their column instead of running under the seat's state.
      ImGui::TableSetupColumn("actor", ImGuiTableColumnFlags_WidthStretch, 1.3f);
      ImGui::TableSetupColumn("seat", ImGuiTableColumnFlags_WidthStretch, 1.0f);
      ImGui::TableSetupColumn("action", ImGuiTableColumnFlags_WidthFixed);
      for (std::size_t a = 0; a < def.actors.size(); ++a) {
        ImGui::PushID(static_cast<int>(a));
        const Seat& seat = table.session().seats()[a];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", name(def, def.actors[a].name).c_str());
        ImGui::TableNextColumn();
        ImGui::TextColored(
            seat.kind == SeatKind::Team ? kAmber : kMuted, "%s%s", seatLabel(seat.kind, tr),
            seat.kind == SeatKind::Ai
                ? (std::string(" ") + tr(std::string(difficultyWord(seat.difficulty)).c_str())).c_str()
            : seat.kind == SeatKind::Team ? (seat.browser ? tr(" · in a browser") : tr(" · at the laptop"))
                                          : "");
        ImGui::TableNextColumn();
        if (seat.kind == SeatKind::Team) {
          if (ImGui::SmallButton(tr("Hand back to the AI")))
            table.handBack(static_cast<int>(a), static_cast<std::uint8_t>(ui.handBackDifficulty));
        } else if (ImGui::SmallButton(tr("Take over"))) {
          table.takeOver(static_cast<int>(a));
        }
        ImGui::PopID();
      }
      ImGui::EndTable();
    }
  }
  if (ui.browserSeats) browserSeatsPanel(table, *ui.browserSeats, ui.handBackDifficulty, tr);
  if (const std::string& notes = def.facilitatorNotes.get(table.language(), def.language);
      !notes.empty() && ImGui::CollapsingHeader(tr("Facilitator's notes")))
    wrapped(notes);
  if (ImGui::CollapsingHeader(tr("The hidden truth"))) {
    ImGui::Checkbox(tr("Show it here (not on the projector!)"), &table.showTruth);
    if (!s.truthRevealed && ImGui::Button(tr("Reveal the truth to everyone"))) table.revealTruth();
    if (table.showTruth || s.truthRevealed) {
      const FacilitatorView& v = table.facilitatorView();
      for (const TruthView& t : v.situation.truth) {
        std::string line = incidentTitleOf(def, t.incident);
        line += ": ";
        line += tr("operator");
        line += ' ';
        line += actorNameOf(def, t.operatorActor);
        if (!t.sponsor.empty()) {
          line += tr(", sponsor ");
          line += actorNameOf(def, t.sponsor);
        }
        bullet(line);
      }
      for (const std::string& q : v.questions) muted(std::string("? ") + q);
    }
  }
  if (ImGui::CollapsingHeader(tr("Log"))) {
    const auto& commands = table.session().commands();
    const std::size_t first = commands.size() > 30 ? commands.size() - 30 : 0;
    for (std::size_t i = commands.size(); i-- > first;)
      ImGui::TextColored(kMuted, "[%s] %s", formatSender(def, table.session().senders()[i]).c_str(),
                         formatCommand(def, commands[i]).c_str());
  }
  ImGui::Separator();
  if (ImGui::Button(tr("Debrief now (holds the truth)"))) ui.debriefOpen = true;
  ImGui::SameLine();
  if (ImGui::Button(tr("Lock"))) {
    table.lock();
    ui.facilitatorOpen = false;
  }
  ImGui::End();
}

}  // namespace

std::string_view tabName(Tab tab) {
  static constexpr std::string_view names[] = {"briefing",    "intelligence", "measures",
                                               "negotiation", "dossiers",     "recap"};
  return names[static_cast<int>(tab)];
}

void UiState::clearDrafts() {
  proposeTo.clear();
  proposeTerms.clear();
  proposeIncident = -1;
  proposeText.clear();
  replyReason.clear();
  counterTerms.clear();
  decideChoice.clear();
  measureChoice.clear();
}

Layout layoutFor(Screen screen, float width, float height, float scale) {
  Layout l;
  l.width = width;
  l.height = height;
  l.scale = scale;
  l.top = std::round(44 * scale);
  const float mapW = std::round(width * (scale > 1.6f ? 0.5f : 0.56f));
  const float mapH = std::round((height - l.top) * 0.58f);
  if (screen != Screen::Start && screen != Screen::End) {
    l.map = {0, l.top, mapW, mapH};
    l.belowMap = {0, l.top + mapH, mapW, height - l.top - mapH};
    l.side = {mapW, l.top, width - mapW, height - l.top};
  }
  return l;
}

// The author's panel: the scenario changed on disk while the exercise runs.
void reloadPanel(Table& table, const Fonts& fonts, const Strings& tr, const Layout& layout) {
  const Table::Reload& r = table.reload();
  const float w = std::min(layout.width * 0.6f, 760 * layout.scale);
  ImGui::SetNextWindowPos(ImVec2((layout.width - w) / 2, layout.top + 40), ImGuiCond_Always);
  ImGui::SetNextWindowSize(ImVec2(w, 0), ImGuiCond_Always);
  ImGui::Begin(tr("The scenario changed on disk"), nullptr, kFixed | ImGuiWindowFlags_AlwaysAutoResize);
  ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
  if (!r.ok) {
    ImGui::TextColored(kRed, "%s", tr("It does not load; the exercise goes on with the file as it was."));
  } else {
    heading(fonts, tr("It loads."));
    if (ImGui::Button(tr("Replay the log onto it"))) table.replayOntoReload();
    ImGui::SameLine();
    if (ImGui::Button(tr("Restart the exercise"))) table.restartWithReload();
    ImGui::SameLine();
  }
  if (ImGui::Button(tr("Keep playing as it was"))) table.dismissReload();
  if (!r.diagnostics.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, r.ok ? kMuted : kAmber);
    ImGui::TextWrapped("%s", r.diagnostics.c_str());
    ImGui::PopStyleColor();
  }
  ImGui::End();
}

void drawUi(Table& table, UiState& ui, const Fonts& fonts, const Strings& tr, const Layout& layout) {
  g_language = table.running() ? table.language() : std::string();
  topBar(table, ui, fonts, tr, layout);
  switch (table.screen()) {
    case Screen::Start:
      startScreen(table, ui, fonts, tr, layout);
      break;
    case Screen::Room:
      roomScreen(table, ui, fonts, tr, layout);
      break;
    case Screen::Handover:
      handoverScreen(table, ui, fonts, tr, layout);
      break;
    case Screen::Team:
      teamScreen(table, ui, fonts, tr, layout);
      break;
    case Screen::End:
      endScreen(table, ui, fonts, tr, layout);
      break;
  }
  if (ui.facilitatorOpen && table.running()) facilitatorPanel(table, ui, fonts, tr, layout);
  if (ui.browserSeats && !ui.facilitatorOpen && table.running() && table.screen() != Screen::Team)
    joinCard(table, *ui.browserSeats, fonts, tr, layout);
  if (table.watch && table.reload().pending && table.running() && table.screen() != Screen::Team)
    reloadPanel(table, fonts, tr, layout);
  // The debrief holds the truth: everyone's at the end, before that the facilitator's only.
  const bool debriefShown =
      ui.debriefOpen && table.running() &&
      (table.screen() == Screen::End || (table.facilitatorUnlocked() && table.screen() != Screen::Team));
  if (debriefShown) debriefWindow(table, ui, fonts, tr, layout);
  if (!fonts.warning.empty()) {
    ImGui::SetNextWindowPos(ImVec2(8, layout.height - 8), ImGuiCond_Always, ImVec2(0, 1));
    ImGui::Begin("##fontwarning", nullptr,
                 kFixed | ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::TextColored(kAmber, "%s", fonts.warning.c_str());
    ImGui::End();
  }
  if (!debriefShown) notices(table, tr, layout, ui.facilitatorOpen && table.running());
}

}  // namespace demarche::ui
