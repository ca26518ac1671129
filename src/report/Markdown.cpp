// The after-action report as markdown: readable as plain text, renders on any forge, and is
// what the golden transcripts compare.
#include <fmt/format.h>

#include "report/Report.hpp"
#include "report/ReportCommon.hpp"

namespace demarche::report {
namespace {

using namespace detail;

// Table cells: a '|' or a line break would break the table.
std::string cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

std::string actorList(const AfterAction& aa, const std::vector<int>& actors) {
  std::string out;
  for (int a : actors) out += (out.empty() ? "" : ", ") + actorName(aa, a);
  return out.empty() ? "—" : out;
}

}  // namespace

std::string renderMarkdown(const AfterAction& aa) {
  std::string out;
  const std::string label = aa.turnLabel.empty() ? "turn" : aa.turnLabel;
  out += fmt::format("# After-action report: {}\n\n", aa.title);
  out += fmt::format("Scenario `{}`, seed {}, {} of {} {}s played. Final state `{}`.\n\n", aa.scenarioId,
                     aa.seed, aa.turnsPlayed, aa.turnCount, label, aa.finalHash);

  out += "## Ending\n\n";
  if (aa.endingId.empty()) {
    out += "The facilitator ended the exercise without an ending.\n\n";
  } else {
    out += fmt::format("**{}** ({})", aa.endingTitle, yamlName(aa.endingKind));
    if (!aa.endingDescription.empty()) out += " — " + aa.endingDescription;
    out += "\n\n";
  }

  out += "## Scores\n\n| Actor | Score (of maximum) | Objectives achieved |\n|---|---:|---:|\n";
  for (std::size_t a = 0; a < aa.actorIds.size(); ++a) {
    const ObjectiveTally t = objectivesOf(aa, static_cast<int>(a));
    if (t.total == 0) continue;
    out += fmt::format("| {} | {} of {} | {} of {} |\n", cell(aa.actorNames[a]),
                       a < aa.actorScores.size() ? aa.actorScores[a] : 0, t.maxScore, t.achieved, t.total);
  }
  out += "\n## Objectives\n\n| Actor | Objective | Achieved | Score |\n|---|---|---|---:|\n";
  for (const auto& o : aa.objectives) {
    out += fmt::format("| {} | {} | {} | {} / {} |\n", cell(actorName(aa, o.actor)), cell(o.description),
                       o.achieved ? "yes" : "no", o.score, o.maxScore);
  }

  out += "\n## The hidden truth\n\n";
  out += fmt::format("{}\n\n", kTruthAssessmentsNote);
  for (const auto& inc : aa.incidents) {
    out += fmt::format("### {} (`{}`)\n\n", inc.title, inc.id);
    out += fmt::format("Operator: **{}**", actorName(aa, inc.operatorActor));
    if (inc.sponsor >= 0) out += fmt::format("; sponsor: **{}**", actorName(aa, inc.sponsor));
    if (inc.proxy >= 0) out += fmt::format("; proxy: {}", actorName(aa, inc.proxy));
    out += fmt::format("; false flags pointed at: {}", actorList(aa, inc.falseFlags));
    if (!inc.harbouredBy.empty())
      out += fmt::format("; knowingly harboured by: **{}**", actorList(aa, inc.harbouredBy));
    std::string planted;
    for (int e : inc.plantedEvidence)
      if (e >= 0 && at(e) < aa.evidence.size())
        planted += (planted.empty() ? "" : ", ") + aa.evidence[at(e)].title;
    out += fmt::format("; planted evidence: {}.\n\n", planted.empty() ? "none" : planted);
    out +=
        "| Actor | Leading suspect | Probability given to the operator | Confidence | Decided | Disclosed | "
        "Right? | Evidence seen |\n|---|---|---|---|---|---|---|---:|\n";
    for (const auto& v : inc.views) {
      out += fmt::format(
          "| {} | {} ({}) | {} ({}) | {} | {} | {} | {} | {} |\n", cell(actorName(aa, v.actor)),
          cell(actorName(aa, v.leading)), percent(v.leadingProbability), percent(v.truthProbability), v.words,
          v.confidence,
          v.decided >= 0 ? cell(actorName(aa, v.decided)) + (v.harbouring ? " (harbouring)" : "") : "—",
          v.disclosure, v.decided < 0 ? "—" : (v.correct ? "yes" : "**no**"), v.evidenceSeen);
    }
    out += "\n";
    const auto items = evidenceOf(aa, inc.incident);
    if (!items.empty()) {
      out +=
          "What each side saw (planted items revealed):\n\n| Evidence | Source | Reliability | Planted? | "
          "Seen by "
          "|\n|---|---|---:|---|---|\n";
      for (const AfterAction::Evidence* e : items) {
        out +=
            fmt::format("| {} (`{}`) | {} | {} | {} | {} |\n", cell(e->title), e->id, e->sourceWord,
                        percent(e->reliability), e->planted ? "**planted**" : "no", cell(seenByText(aa, *e)));
      }
      out += "\n";
    }
  }

  if (!aa.listings.empty()) {
    out +=
        "## Listings\n\nPersons, units and companies listed, and whether each took part (the truth). A "
        "listing "
        "attributes nothing to the actor they belong to.\n\n| Turn | Listed by | Measure | Incident | "
        "Entities | "
        "Named wrongly |\n|---:|---|---|---|---|---:|\n";
    for (const auto& l : aa.listings) {
      std::string names;
      for (const auto& e : l.entities)
        names += (names.empty() ? "" : ", ") + e.name + " (" + actorName(aa, e.owner) + ")" +
                 (e.involved ? "" : " — **took no part**");
      out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", l.turn, cell(actorName(aa, l.actor)),
                         cell(l.measure), cell(l.incident), cell(names), l.wrong);
    }
    out += "\n";
  }

  out += "## Escalation\n\n| | Tension | Rung |\n|---|---:|---|\n";
  for (const auto& p : aa.series) {
    out +=
        fmt::format("| {} | {} | {} |\n", pointLabel(aa, p), number(p.tension), cell(rungName(aa, p.rung)));
  }

  if (!aa.series.empty() && !aa.meterNames.empty()) {
    const auto& first = aa.series.front();
    const auto& last = aa.series.back();
    out += "\n## Meters (start → end)\n\n| Actor |";
    for (const auto& m : aa.meterTitles) out += " " + cell(m) + " |";
    out += "\n|---|";
    for (std::size_t m = 0; m < aa.meterNames.size(); ++m) out += "---:|";
    out += "\n";
    for (std::size_t a = 0; a < aa.actorIds.size(); ++a) {
      out += "| " + cell(aa.actorNames[a]) + " |";
      for (std::size_t m = 0; m < aa.meterNames.size(); ++m) {
        const int ai = static_cast<int>(a), mi = static_cast<int>(m);
        out +=
            fmt::format(" {} → {} |", number(meterAt(aa, first, ai, mi)), number(meterAt(aa, last, ai, mi)));
      }
      out += "\n";
    }
  }

  out += "\n## Timeline\n";
  int turn = -1;
  for (std::size_t i = 0; i < aa.timeline.size(); ++i) {
    const auto& e = aa.timeline[i];
    if (e.kind == EventKind::TurnStarted || e.kind == EventKind::PhaseStarted || isNoNews(aa, i)) continue;
    if (e.turn != turn) {
      turn = e.turn;
      out += "\n### " + turnHeading(aa, turn) + "\n\n";
    }
    out += "- " + e.text + "\n";
    if (showsRationale(e)) out += "  - why: " + e.rationale + "\n";
  }

  if (!aa.questions.empty()) {
    out += "\n## Discussion questions\n\n";
    for (const auto& q : aa.questions) {
      out +=
          q.turn > 0 ? fmt::format("- ({} {}) {}\n", label, q.turn, q.text) : fmt::format("- {}\n", q.text);
    }
  }
  return out;
}

}  // namespace demarche::report
