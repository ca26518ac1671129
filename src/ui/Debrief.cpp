#include "ui/Debrief.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iterator>
#include <numeric>
#include <string_view>

#include "core/CommandText.hpp"
#include "core/Compare.hpp"
#include "core/Lookup.hpp"
#include "report/Report.hpp"
#include "ui/Theme.hpp"

namespace demarche::ui {
namespace {

// A table cell's text in `colour`, wrapped at the column's width: a long name never runs under
// the next column.
void cellText(const ImVec4& colour, const std::string& text) {
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::TextWrapped("%s", text.c_str());
  ImGui::PopStyleColor();
}

// The width of the longest word of `text` (words end at spaces): the narrowest a wrapped cell of
// it can be without breaking a word.
float widestWord(std::string_view text) {
  float widest = 0;
  while (!text.empty()) {
    const std::size_t end = std::min(text.find(' '), text.size());
    const std::string_view word = text.substr(0, end);
    widest = std::max(widest, ImGui::CalcTextSize(word.data(), word.data() + word.size()).x);
    text.remove_prefix(std::min(end + 1, text.size()));
  }
  return widest;
}

ImGuiTabItemFlags tabFlags(const UiState& ui, int tab) {
  return ui.selectDebriefTab && ui.debriefTab == tab ? ImGuiTabItemFlags_SetSelected : 0;
}

struct Series {
  std::string label;
  std::vector<double> values;  // one per point
  ImU32 colour = 0;
  bool bold = false;
};

struct Threshold {
  double value = 0;
  std::string label;
};

// A line chart drawn with ImGui's draw list: axes with labels, ticks, horizontal threshold
// lines, and each line labelled at its end (no legend to decode).
void lineChart(const char* id, const std::vector<std::string>& xLabels, const std::vector<Series>& series,
               double yMin, double yMax, const char* yAxis, const char* xAxis,
               const std::vector<Threshold>& thresholds, float height) {
  ImGui::PushID(id);
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  ImGui::InvisibleButton("chart", ImVec2(width, height));
  ImDrawList* dl = ImGui::GetWindowDrawList();
  const float fontSize = ImGui::GetFontSize();
  const float left = origin.x + fontSize * 3.2f, right = origin.x + width - fontSize * 9.0f;
  const float top = origin.y + fontSize * 1.8f, bottom = origin.y + height - fontSize * 2.4f;
  const ImU32 axis = IM_COL32(150, 166, 192, 255), grid = IM_COL32(44, 58, 86, 255),
              text = IM_COL32(220, 228, 240, 255);
  dl->AddRectFilled(ImVec2(left, top), ImVec2(right, bottom), IM_COL32(12, 20, 36, 255));
  const auto yOf = [&](double v) {
    const double t = yMax > yMin ? (v - yMin) / (yMax - yMin) : 0.5;
    return bottom - static_cast<float>(std::clamp(t, 0.0, 1.0)) * (bottom - top);
  };
  const std::size_t n = xLabels.size();
  const auto xOf = [&](std::size_t i) {
    return n <= 1 ? (left + right) / 2
                  : left + (right - left) * static_cast<float>(i) / static_cast<float>(n - 1);
  };
  // y ticks
  for (int k = 0; k <= 4; ++k) {
    const double v = yMin + (yMax - yMin) * k / 4.0;
    const float y = yOf(v);
    dl->AddLine(ImVec2(left, y), ImVec2(right, y), grid);
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "%.0f", v);
    const ImVec2 size = ImGui::CalcTextSize(buffer);
    dl->AddText(ImVec2(left - size.x - 6, y - size.y / 2), axis, buffer);
  }
  for (const Threshold& t : thresholds) {
    const float y = yOf(t.value);
    dl->AddLine(ImVec2(left, y), ImVec2(right, y), IM_COL32(200, 120, 70, 160), 1.5f);
    dl->AddText(ImVec2(left + 4, y - fontSize - 1), IM_COL32(230, 160, 110, 230), t.label.c_str());
  }
  // x ticks
  for (std::size_t i = 0; i < n; ++i) {
    const float x = xOf(i);
    dl->AddLine(ImVec2(x, bottom), ImVec2(x, bottom + 4), axis);
    const ImVec2 size = ImGui::CalcTextSize(xLabels[i].c_str());
    dl->AddText(ImVec2(x - size.x / 2, bottom + 5), axis, xLabels[i].c_str());
  }
  dl->AddLine(ImVec2(left, top), ImVec2(left, bottom), axis);
  dl->AddLine(ImVec2(left, bottom), ImVec2(right, bottom), axis);
  // axis titles
  const ImVec2 xs = ImGui::CalcTextSize(xAxis);
  dl->AddText(ImVec2((left + right - xs.x) / 2, bottom + fontSize * 1.2f), axis, xAxis);
  dl->AddText(ImVec2(origin.x, origin.y), axis, yAxis);
  // lines, labelled at their last point (labels pushed apart so they do not overlap)
  std::vector<std::pair<float, const Series*>> ends;
  for (const Series& s : series) {
    if (s.values.empty()) continue;
    std::vector<ImVec2> pts;
    for (std::size_t i = 0; i < s.values.size() && i < n; ++i) pts.emplace_back(xOf(i), yOf(s.values[i]));
    dl->AddPolyline(pts.data(), static_cast<int>(pts.size()), s.colour, 0, s.bold ? 3.0f : 2.0f);
    for (const ImVec2& p : pts) dl->AddCircleFilled(p, s.bold ? 3.5f : 2.5f, s.colour);
    ends.emplace_back(pts.back().y, &s);
  }
  std::sort(ends.begin(), ends.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  float last = -1e9f;
  for (auto& [y, s] : ends) {
    const float ly = std::max(y - fontSize / 2, last + fontSize);
    last = ly;
    dl->AddText(ImVec2(right + 6, ly), s->colour, s->label.c_str());
  }
  (void)text;
  ImGui::PopID();
}

std::vector<std::string> pointLabels(const AfterAction& aa, const Strings& tr) {
  std::vector<std::string> out;
  for (const AfterAction::Point& p : aa.series)
    out.push_back(p.isFinal ? std::string(tr("end")) : std::to_string(p.turn));
  return out;
}

void outcomeTab(Table& table, const AfterAction& aa, const Fonts& fonts, const Strings& tr) {
  ImGui::PushFont(fonts.big);
  ImGui::TextWrapped("%s", aa.endingId.empty() ? tr("Ended by the facilitator") : aa.endingTitle.c_str());
  ImGui::PopFont();
  if (!aa.endingDescription.empty()) ImGui::TextWrapped("%s", aa.endingDescription.c_str());
  ImGui::Spacing();
  if (ImGui::BeginTable("objectives", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH)) {
    ImGui::TableSetupColumn(tr("Actor"), ImGuiTableColumnFlags_WidthFixed, 260);
    ImGui::TableSetupColumn(tr("Objective"));
    ImGui::TableSetupColumn(tr("Score of maximum"), ImGuiTableColumnFlags_WidthFixed, 170);
    ImGui::TableHeadersRow();
    for (std::size_t a = 0; a < aa.actorIds.size(); ++a) {
      int earned = 0, maximum = 0;
      bool any = false;
      for (const AfterAction::Objective& o : aa.objectives) {
        if (o.actor != static_cast<int>(a)) continue;
        any = true;
        earned += o.score;
        maximum += o.maxScore;
      }
      if (!any) continue;
      const bool team = table.session().seats()[a].kind == SeatKind::Team;
      ImGui::TableNextRow();
      ImGui::TableNextColumn();
      ImGui::PushFont(fonts.heading);
      ImGui::TextColored(team ? kAmber : ImVec4(1, 1, 1, 1), "%s%s", aa.actorNames[a].c_str(),
                         team ? tr(" (team)") : "");
      ImGui::PopFont();
      ImGui::TableNextColumn();
      ImGui::TableNextColumn();
      ImGui::PushFont(fonts.heading);
      ImGui::Text("%d / %d", earned, maximum);
      ImGui::PopFont();
      for (const AfterAction::Objective& o : aa.objectives) {
        if (o.actor != static_cast<int>(a)) continue;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TableNextColumn();
        ImGui::TextColored(o.achieved ? kGreen : kRed, "%s", o.achieved ? "✓" : "✗");
        ImGui::SameLine();
        ImGui::TextWrapped("%s", o.description.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%d / %d", o.score, o.maxScore);
      }
    }
    ImGui::EndTable();
  }
}

void chartsTab(Table& table, UiState& ui, const AfterAction& aa, const Strings& tr) {
  const ScenarioDef& def = table.def();
  const std::vector<std::string> xs = pointLabels(aa, tr);
  const float h = ImGui::GetFontSize() * 14;
  // Tension, with the rungs' thresholds.
  Series tension{tr("tension"), {}, IM_COL32(240, 240, 245, 255), true};
  for (const AfterAction::Point& p : aa.series) tension.values.push_back(p.tension);
  std::vector<Threshold> rungs;
  for (std::size_t r = 1; r < def.ladder.rungs.size(); ++r)
    rungs.push_back(
        {def.ladder.rungs[r].threshold, r < aa.rungNames.size() ? aa.rungNames[r] : def.ladder.rungs[r].id});
  ImGui::TextUnformatted(tr("Tension over the turns, with the escalation ladder's rungs"));
  lineChart("tension", xs, {tension}, 0, 100, tr("tension"), tr("turn"), rungs, h);
  const std::size_t actors = aa.actorIds.size(), meters = aa.meterNames.size();
  const auto isTeam = [&](std::size_t a) { return table.session().seats()[a].kind == SeatKind::Team; };
  if (meters > 0) {
    ui.chartMeter = std::clamp(ui.chartMeter, 0, static_cast<int>(meters) - 1);
    ImGui::SetNextItemWidth(260);
    if (ImGui::BeginCombo(tr("Meter"), aa.meterTitles[static_cast<std::size_t>(ui.chartMeter)].c_str())) {
      for (std::size_t m = 0; m < meters; ++m)
        if (ImGui::Selectable(aa.meterTitles[m].c_str(), ui.chartMeter == static_cast<int>(m)))
          ui.chartMeter = static_cast<int>(m);
      ImGui::EndCombo();
    }
    std::vector<Series> lines;
    for (std::size_t a = 0; a < actors; ++a) {
      Series s{aa.actorNames[a], {}, seriesColour(a), isTeam(a)};
      for (const AfterAction::Point& p : aa.series)
        s.values.push_back(p.meters[a * meters + static_cast<std::size_t>(ui.chartMeter)]);
      lines.push_back(std::move(s));
    }
    lineChart("meters", xs, lines, 0, 100, aa.meterTitles[static_cast<std::size_t>(ui.chartMeter)].c_str(),
              tr("turn"), {}, h);
  }
  ui.chartTrustActor = std::clamp(ui.chartTrustActor, 0, std::max(0, static_cast<int>(actors) - 1));
  ImGui::SetNextItemWidth(260);
  if (actors > 0 && ImGui::BeginCombo(tr("Trust of"),
                                      aa.actorNames[static_cast<std::size_t>(ui.chartTrustActor)].c_str())) {
    for (std::size_t a = 0; a < actors; ++a)
      if (ImGui::Selectable(aa.actorNames[a].c_str(), ui.chartTrustActor == static_cast<int>(a)))
        ui.chartTrustActor = static_cast<int>(a);
    ImGui::EndCombo();
  }
  std::vector<Series> trust;
  const auto from = static_cast<std::size_t>(ui.chartTrustActor);
  for (std::size_t b = 0; b < actors; ++b) {
    if (b == from) continue;
    Series s{aa.actorNames[b], {}, seriesColour(b), isTeam(b)};
    for (const AfterAction::Point& p : aa.series) s.values.push_back(p.trust[from * actors + b]);
    trust.push_back(std::move(s));
  }
  lineChart("trust", xs, trust, -100, 100, tr("trust in each other actor"), tr("turn"), {{0, ""}}, h);
}

void truthTab(Table& table, const AfterAction& aa, const Fonts& fonts, const Strings& tr) {
  const auto actorName = [&](int a) {
    return a >= 0 && static_cast<std::size_t>(a) < aa.actorNames.size()
               ? aa.actorNames[static_cast<std::size_t>(a)]
               : std::string("—");
  };
  cellText(kMuted, tr("Each actor's assessment is the one it ended with, the last week's evidence included; "
                      "what it decided and disclosed may date from an earlier week, when it knew less."));
  for (const AfterAction::IncidentTruth& inc : aa.incidents) {
    ImGui::PushID(inc.incident);
    ImGui::PushFont(fonts.heading);
    ImGui::TextWrapped("%s", inc.title.c_str());
    ImGui::PopFont();
    ImGui::Text("%s %s", tr("Operator:"), actorName(inc.operatorActor).c_str());
    if (inc.sponsor >= 0) ImGui::Text("%s %s", tr("Sponsor:"), actorName(inc.sponsor).c_str());
    if (inc.proxy >= 0) ImGui::Text("%s %s", tr("Proxy:"), actorName(inc.proxy).c_str());
    std::string flags;
    for (int f : inc.falseFlags) flags += (flags.empty() ? "" : ", ") + actorName(f);
    if (!flags.empty()) ImGui::TextColored(kAmber, "%s %s", tr("False flag pointing at:"), flags.c_str());
    std::string hosts;
    for (int h : inc.harbouredBy) hosts += (hosts.empty() ? "" : ", ") + actorName(h);
    if (!hosts.empty()) ImGui::Text("%s %s", tr("Knowingly harboured by:"), hosts.c_str());
    for (int e : inc.plantedEvidence)
      if (e >= 0 && static_cast<std::size_t>(e) < aa.evidence.size())
        ImGui::TextColored(kRed, "%s %s", tr("PLANTED:"),
                           aa.evidence[static_cast<std::size_t>(e)].title.c_str());
    if (ImGui::BeginTable(
            "views", 6,
            ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp)) {
      // Widths by what the columns hold: names and suspects are long, a disclosure one word. A
      // column is never narrower than the longest word of its header (or of the disclosure words),
      // so a word is not broken in two ("Оприлюднено" at scale 2): it takes that width fixed.
      const char* const headers[6] = {
          tr("Actor"),   tr("Leading suspect"), tr("The truth, as they judged it"),
          tr("Decided"), tr("Disclosed"),       tr("Evidence seen")};
      const float weights[6] = {1.4f, 1.6f, 1.5f, 1.55f, 0.9f, 1.05f};
      float minimum[6];
      for (int c = 0; c < 6; ++c) minimum[c] = widestWord(headers[c]);
      for (const Disclosure d :
           {Disclosure::None, Disclosure::Private, Disclosure::Public, Disclosure::Joint})
        minimum[4] = std::max(minimum[4], widestWord(tr(std::string(disclosureName(d)).c_str())));
      const float cells = ImGui::GetContentRegionAvail().x - 12 * ImGui::GetStyle().CellPadding.x;
      const float total = std::accumulate(std::begin(weights), std::end(weights), 0.0f);
      for (int c = 0; c < 6; ++c) {
        if (cells * weights[c] / total < minimum[c])
          ImGui::TableSetupColumn(headers[c], ImGuiTableColumnFlags_WidthFixed, minimum[c]);
        else
          ImGui::TableSetupColumn(headers[c], ImGuiTableColumnFlags_WidthStretch, weights[c]);
      }
      // The headers wrap too (TableHeadersRow cuts a long one short, as Ukrainian's are).
      const ImVec4 plain = ImGui::GetStyleColorVec4(ImGuiCol_Text);
      ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
      for (int c = 0; c < 6; ++c) {
        ImGui::TableSetColumnIndex(c);
        cellText(plain, ImGui::TableGetColumnName(c));
      }
      for (const AfterAction::ActorView& v : inc.views) {
        if (v.evidenceSeen == 0 && v.decided < 0) continue;  // never looked at it
        const bool team = table.session().seats()[static_cast<std::size_t>(v.actor)].kind == SeatKind::Team;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        cellText(team ? kAmber : plain, actorName(v.actor));
        ImGui::TableNextColumn();
        char percent[16];
        std::snprintf(percent, sizeof percent, " (%.0f%%)", 100 * v.leadingProbability);
        cellText(plain, actorName(v.leading) + percent);
        ImGui::TableNextColumn();
        cellText(plain, std::string(tr(v.words.c_str())) + ", " + tr(v.confidence.c_str()));
        ImGui::TableNextColumn();
        if (v.decided >= 0)
          cellText(v.correct ? kGreen : kRed,
                   std::string(v.correct ? "✓ " : "✗ ") + actorName(v.decided) +
                       (v.harbouring ? std::string(" (") + tr("harbouring those behind it") + ")" : ""));
        else
          ImGui::TextColored(kMuted, "—");
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(tr(v.disclosure.c_str()));
        ImGui::TableNextColumn();
        std::string planted;
        for (int e : v.evidence)
          if (std::find(inc.plantedEvidence.begin(), inc.plantedEvidence.end(), e) !=
              inc.plantedEvidence.end())
            planted = tr(" incl. planted");
        cellText(plain, std::to_string(v.evidenceSeen) + planted);
      }
      ImGui::EndTable();
    }
    ImGui::Spacing();
    ImGui::PopID();
  }
}

void timelineTab(Table& table, UiState& ui, const Strings& tr) {
  const ScenarioDef& def = table.def();
  const FacilitatorView& v = table.facilitatorView();
  ImGui::Checkbox(tr("Quiet (hide phase changes and empty investigations)"), &ui.debriefQuiet);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(200);
  const std::string actorLabel =
      ui.debriefActor < 0 ? std::string(tr("every actor")) : table.actorName(ui.debriefActor);
  if (ImGui::BeginCombo("##actor", actorLabel.c_str())) {
    if (ImGui::Selectable(tr("every actor"), ui.debriefActor < 0)) ui.debriefActor = -1;
    for (std::size_t a = 0; a < def.actors.size(); ++a)
      if (ImGui::Selectable(table.actorName(static_cast<int>(a)).c_str(),
                            ui.debriefActor == static_cast<int>(a)))
        ui.debriefActor = static_cast<int>(a);
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(120);
  const std::string turnLabel =
      ui.debriefTurn <= 0 ? std::string(tr("every turn")) : std::to_string(ui.debriefTurn);
  if (ImGui::BeginCombo("##turn", turnLabel.c_str())) {
    if (ImGui::Selectable(tr("every turn"), ui.debriefTurn <= 0)) ui.debriefTurn = 0;
    for (int t = 1; t <= v.situation.turn; ++t)
      if (ImGui::Selectable(std::to_string(t).c_str(), ui.debriefTurn == t)) ui.debriefTurn = t;
    ImGui::EndCombo();
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(220);
  const std::string kindLabel =
      ui.debriefKind < 0 ? std::string(tr("every kind"))
                         : std::string(report::eventKindName(static_cast<EventKind>(ui.debriefKind)));
  if (ImGui::BeginCombo("##kind", kindLabel.c_str())) {
    if (ImGui::Selectable(tr("every kind"), ui.debriefKind < 0)) ui.debriefKind = -1;
    for (int k = 0; k <= static_cast<int>(EventKind::CovertExposed); ++k)
      if (ImGui::Selectable(std::string(report::eventKindName(static_cast<EventKind>(k))).c_str(),
                            ui.debriefKind == k))
        ui.debriefKind = k;
    ImGui::EndCombo();
  }
  ImGui::BeginChild("events");
  int lastTurn = 0;
  const std::string actorId =
      ui.debriefActor >= 0 ? def.actors[static_cast<std::size_t>(ui.debriefActor)].id : std::string();
  for (const TimelineEntry& e : v.timeline) {
    if (ui.debriefQuiet && e.quiet) continue;
    if (!actorId.empty() && e.actor != actorId) continue;
    if (ui.debriefTurn > 0 && e.turn != ui.debriefTurn) continue;
    if (ui.debriefKind >= 0 && static_cast<int>(e.kind) != ui.debriefKind) continue;
    if (e.turn != lastTurn) {
      lastTurn = e.turn;
      ImGui::Separator();
      ImGui::TextColored(
          kAmber, "%s",
          (def.turnLabel.get(table.language(), def.language) + " " + std::to_string(e.turn)).c_str());
    }
    ImGui::Bullet();
    ImGui::TextWrapped("%s", e.text.c_str());
  }
  ImGui::EndChild();
}

// "We change its choices": the draft of one actor's choices in one turn, each with what the
// engine would say of it then, and what it could add (the options of that deliberation, after
// the draft so far).
void whatIfDraft(Table& table, UiState& ui, const Strings& tr) {
  const ScenarioDef& def = table.def();
  if (ui.whatIfDraftTurn != ui.whatIfTurn || ui.whatIfDraftActor != ui.whatIfActor) {
    ui.whatIfDraft = table.choicesMade(ui.whatIfTurn, ui.whatIfActor);
    ui.whatIfDraftTurn = ui.whatIfTurn;
    ui.whatIfDraftActor = ui.whatIfActor;
  }
  std::vector<std::string> refusals;
  const TeamView* v = table.whatIfDraftView(ui.whatIfTurn, ui.whatIfActor, ui.whatIfDraft, refusals);
  if (!v) return;
  ImGui::TextColored(kAmber, "%s %s", tr("Its choices in"), table.turnLabelOf(ui.whatIfTurn).c_str());
  if (ui.whatIfDraft.empty()) ImGui::TextColored(kMuted, "%s", tr("None: it did nothing that turn."));
  for (std::size_t i = 0; i < ui.whatIfDraft.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    if (ImGui::SmallButton(tr("remove"))) {
      ui.whatIfDraft.erase(ui.whatIfDraft.begin() + static_cast<std::ptrdiff_t>(i));
      ImGui::PopID();
      break;
    }
    ImGui::SameLine();
    ImGui::TextWrapped("%s", table.commandText(ui.whatIfDraft[i]).c_str());
    if (i < refusals.size() && !refusals[i].empty()) {
      ImGui::Indent();
      ImGui::TextColored(kRed, "%s %s", tr("refused then:"), refusals[i].c_str());
      ImGui::Unindent();
    }
    ImGui::PopID();
  }
  // What it could add: a measure it could take then, a decision, a disclosure.
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##addMeasure", tr("add a measure…"))) {
    for (const MeasureOption& o : v->options) {
      if (!o.legal) continue;
      const Command c{TakeMeasure{ui.whatIfActor, o.measure, o.target, o.incident}};
      if (ImGui::Selectable((table.commandText(c) + "  (" + std::to_string(o.cost) + ")").c_str()))
        ui.whatIfDraft.push_back(c);
    }
    ImGui::EndCombo();
  }
  ImGui::SetNextItemWidth(-1);
  if (ImGui::BeginCombo("##addDecision", tr("add a decision or a disclosure…"))) {
    for (const AssessmentView& a : v->assessments) {
      const int inc = indexOfId(def.incidents, a.incident);
      for (const CandidateView& cand : a.candidates) {
        const int who = indexOfId(def.actors, cand.actor);
        if (a.decided == cand.actor) continue;
        const Command c{DecideAttribution{ui.whatIfActor, inc, who}};
        if (ImGui::Selectable((table.commandText(c) + "  (" + cand.words + ")").c_str()))
          ui.whatIfDraft.push_back(c);
      }
      if (a.decided.empty()) continue;
      for (Disclosure kind : {Disclosure::Private, Disclosure::Public}) {
        const Command c{Disclose{ui.whatIfActor, inc, kind, {}}};
        if (ImGui::Selectable(table.commandText(c).c_str())) ui.whatIfDraft.push_back(c);
      }
    }
    ImGui::EndCombo();
  }
  if (ImGui::Button(tr("Play the branch")))
    table.playWhatIfChoices(ui.whatIfTurn, ui.whatIfActor, ui.whatIfDraft);
}

void whatIfTab(Table& table, UiState& ui, const Fonts& fonts, const Strings& tr) {
  const ScenarioDef& def = table.def();
  const int reached = table.session().turnStarts().empty() ? 1 : table.session().turnStarts().back().turn;
  ImGui::TextWrapped(
      "%s", tr("Go back to the start of a turn and change one actor: let the AI play it from there, or "
               "change the choices it made that turn (then it makes its own choices again). The other "
               "teams make the choices they made; play it out, and compare."));
  ui.whatIfTurn = std::clamp(ui.whatIfTurn, 1, reached);
  ui.whatIfActor = std::clamp(ui.whatIfActor, 0, static_cast<int>(def.actors.size()) - 1);
  ImGui::SetNextItemWidth(140);
  ImGui::SliderInt(tr("from turn"), &ui.whatIfTurn, 1, reached);
  ImGui::SameLine();
  ImGui::SetNextItemWidth(260);
  if (ImGui::BeginCombo(tr("actor"), table.actorName(ui.whatIfActor).c_str())) {
    for (std::size_t a = 0; a < def.actors.size(); ++a)
      if (ImGui::Selectable(table.actorName(static_cast<int>(a)).c_str(),
                            ui.whatIfActor == static_cast<int>(a)))
        ui.whatIfActor = static_cast<int>(a);
    ImGui::EndCombo();
  }
  ImGui::RadioButton(tr("the AI plays it"), &ui.whatIfMode, 0);
  ImGui::SameLine();
  ImGui::RadioButton(tr("we change its choices"), &ui.whatIfMode, 1);
  if (ui.whatIfMode == 1) {
    whatIfDraft(table, ui, tr);
  } else {
    const char* levels[] = {tr("novice"), tr("standard"), tr("expert")};
    ImGui::SetNextItemWidth(140);
    ImGui::Combo("##level", &ui.handBackDifficulty, levels, 3);
    ImGui::SameLine();
    if (ImGui::Button(tr("Play the branch")))
      table.playWhatIf(ui.whatIfTurn, ui.whatIfActor, static_cast<std::uint8_t>(ui.handBackDifficulty));
  }
  const AfterAction* b = table.whatIfAfterAction();
  const Comparison* comparison = table.whatIfComparison();
  if (!b || !comparison) return;
  const Comparison& c = *comparison;
  ImGui::SameLine();
  if (ImGui::SmallButton(tr("Export the comparison"))) {
    table.writeComparison(".html");
    table.writeComparison(".md");
  }
  // Tension of both, in one chart.
  std::vector<std::string> xs = pointLabels(table.afterAction(), tr);
  if (b->series.size() > xs.size()) xs = pointLabels(*b, tr);
  lineChart("whatif", xs,
            {Series{tr("as played"), c.a.tension, seriesColour(4), true},
             Series{tr("what if"), c.b.tension, seriesColour(5), true}},
            0, 100, tr("tension"), tr("turn"), {}, ImGui::GetFontSize() * 11);
  if (ImGui::BeginTable("sides", 2, ImGuiTableFlags_BordersInnerV)) {
    for (const Comparison::Side* s : {&c.a, &c.b}) {
      ImGui::TableNextColumn();
      ImGui::PushFont(fonts.heading);
      ImGui::TextWrapped("%s", s == &c.a ? tr("as played") : s->label.c_str());
      ImGui::PopFont();
      ImGui::TextWrapped("%s %s", tr("Ending:"), s->ending.c_str());
      // The peak and where it ended are two facts: side by side they read as the peak's rung.
      ImGui::Text("%s %.0f", tr("Peak tension"), s->peakTension);
      ImGui::TextWrapped("%s %s", tr("Final rung:"), s->finalRung.c_str());
      for (std::size_t a = 0; a < c.actorNames.size(); ++a) {
        if (!c.scored[a]) continue;
        const bool better = s == &c.b && c.b.scores[a] != c.a.scores[a];
        ImGui::TextColored(better ? (c.b.scores[a] > c.a.scores[a] ? kGreen : kRed) : ImVec4(1, 1, 1, 1),
                           "%s %d / %d", c.actorNames[a].c_str(), s->scores[a], s->maxima[a]);
      }
      ImGui::TextColored(kAmber, "%s", tr("Who attributed what, and when"));
      if (s->attributions.empty()) ImGui::TextColored(kMuted, "%s", tr("Nobody attributed anything."));
      for (const auto& at : s->attributions) {
        ImGui::Bullet();
        ImGui::TextWrapped("%d · %s", at.turn, at.text.c_str());
      }
    }
    ImGui::EndTable();
  }
}

void questionsTab(const AfterAction& aa, const Strings& tr) {
  if (aa.questions.empty()) ImGui::TextColored(kMuted, "%s", tr("The scenario has no discussion questions."));
  for (const AfterAction::Question& q : aa.questions) {
    ImGui::Bullet();
    ImGui::TextWrapped("%s", q.text.c_str());
  }
}

}  // namespace

unsigned seriesColour(std::size_t index) {
  static const ImU32 palette[] = {
      IM_COL32(230, 159, 0, 255),   IM_COL32(86, 180, 233, 255),  IM_COL32(0, 158, 115, 255),
      IM_COL32(240, 228, 66, 255),  IM_COL32(0, 114, 178, 255),   IM_COL32(213, 94, 0, 255),
      IM_COL32(204, 121, 167, 255), IM_COL32(221, 221, 221, 255), IM_COL32(136, 34, 85, 255),
      IM_COL32(153, 153, 51, 255),
  };
  return palette[index % (sizeof palette / sizeof palette[0])];
}

void debriefWindow(Table& table, UiState& ui, const Fonts& fonts, const Strings& tr, const Layout& layout) {
  const AfterAction& aa = table.afterAction();
  ImGui::SetNextWindowPos(ImVec2(layout.width * 0.03f, layout.top + 8));
  ImGui::SetNextWindowSize(ImVec2(layout.width * 0.94f, layout.height - layout.top - 16));
  ImGui::Begin(tr("Debrief"), &ui.debriefOpen, kFixed);
  ImGui::BringWindowToDisplayFront(ImGui::GetCurrentWindow());
  if (table.screen() != Screen::End)
    ImGui::TextColored(
        kRed, "%s", tr("The exercise is still running: this holds the hidden truth. Not for the projector."));
  ImGui::TextUnformatted(tr("Export:"));
  ImGui::SameLine();
  if (ImGui::SmallButton("HTML")) table.writeReport(".html");
  ImGui::SameLine();
  if (ImGui::SmallButton("Markdown")) table.writeReport(".md");
  ImGui::SameLine();
  if (ImGui::SmallButton("JSON")) table.writeReport(".json");
  // The latest notice (an export written, a what-if played, a refusal) on the export line:
  // floating at the bottom right, notices would cover the what-if's second column.
  if (const std::vector<const Notice*> live = table.liveNotices(); !live.empty()) {
    const Notice latest = *live.back();  // a copy: Dismiss clears the notices
    ImGui::SameLine(0, 24 * layout.scale);
    if (ImGui::SmallButton(tr("Dismiss"))) table.clearNotices();
    ImGui::SameLine();
    ImGui::TextColored(latest.refusal ? kRed : kGreen, "%s", latest.text.c_str());
  }
  if (ImGui::BeginTabBar("debrief")) {
    if (ImGui::BeginTabItem(tr("Outcome"), nullptr, tabFlags(ui, 0))) {
      ImGui::BeginChild("outcome");
      outcomeTab(table, aa, fonts, tr);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(tr("Charts"), nullptr, tabFlags(ui, 1))) {
      ImGui::BeginChild("charts");
      chartsTab(table, ui, aa, tr);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(tr("What really happened"), nullptr, tabFlags(ui, 2))) {
      ImGui::BeginChild("truth");
      truthTab(table, aa, fonts, tr);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(tr("Timeline"), nullptr, tabFlags(ui, 3))) {
      timelineTab(table, ui, tr);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(tr("What if"), nullptr, tabFlags(ui, 5))) {
      ImGui::BeginChild("whatif");
      whatIfTab(table, ui, fonts, tr);
      ImGui::EndChild();
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem(tr("Questions"), nullptr, tabFlags(ui, 4))) {
      questionsTab(aa, tr);
      ImGui::EndTabItem();
    }
    ui.selectDebriefTab = false;
    ImGui::EndTabBar();
  }
  ImGui::End();
}

}  // namespace demarche::ui
