// The after-action report as one self-contained HTML page for a projector: large type, high
// contrast, inline CSS and inline SVG line charts (no scripts, fonts or images to fetch).
//
// [SECTION] escaping and palette
// [SECTION] SVG line chart
// [SECTION] page
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "report/Report.hpp"
#include "report/ReportCommon.hpp"

namespace demarche::report {
namespace {

using namespace detail;

// [SECTION] escaping and palette

std::string esc(std::string_view text) { return htmlEscape(text); }

// Okabe–Ito (readable by colour-blind viewers) then darker extras for larger casts.
constexpr const char* kPalette[] = {"#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
                                    "#000000", "#8C564B", "#7F7F7F", "#BCBD22", "#17BECF", "#9467BD"};
std::string colourOf(std::size_t i) { return kPalette[i % std::size(kPalette)]; }

// [SECTION] SVG line chart

struct Series {
  std::string name;
  std::string colour;
  std::vector<double> values;  // one per x label
  bool dashed = false;
};

struct Axis {
  double min = 0, max = 100;
  std::vector<std::pair<double, std::string>> ticks;  // value, label
};

std::string lineChart(std::string_view title, const std::vector<std::string>& xLabels,
                      const std::vector<Series>& lines, const Axis& y, bool step = false) {
  // The left margin fits the longest y label (rung names are long); about 8.5 px a character.
  std::size_t longest = 3;
  for (const auto& tick : y.ticks) longest = std::max(longest, tick.second.size());
  const double left = std::min(330.0, 16 + 8.5 * static_cast<double>(longest));
  constexpr double width = 760, height = 320, right = 30, top = 20, bottom = 40;
  const double plotW = width - left - right, plotH = height - top - bottom;
  const std::size_t n = xLabels.size();
  auto xOf = [&](std::size_t i) {
    return left + (n <= 1 ? plotW / 2 : plotW * static_cast<double>(i) / static_cast<double>(n - 1));
  };
  auto yOf = [&](double v) {
    const double span = y.max - y.min;
    const double t = span <= 0 ? 0.5 : (std::clamp(v, y.min, y.max) - y.min) / span;
    return top + plotH * (1 - t);
  };
  std::string svg = fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" role=\"img\" aria-label=\"{}\" "
      "class=\"chart\">\n",
      width, height, esc(title));
  for (const auto& [value, label] : y.ticks) {
    const double py = yOf(value);
    svg += fmt::format("<line x1=\"{}\" y1=\"{:.1f}\" x2=\"{}\" y2=\"{:.1f}\" stroke=\"#ccc\"/>", left, py,
                       width - right, py);
    svg += fmt::format(
        "<text x=\"{}\" y=\"{:.1f}\" text-anchor=\"end\" dominant-baseline=\"middle\">{}</text>\n", left - 8,
        py, esc(label));
  }
  for (std::size_t i = 0; i < n; ++i) {
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>", xOf(i), height - 12,
                       esc(xLabels[i]));
  }
  svg += "\n";
  for (const Series& s : lines) {
    std::string points;
    for (std::size_t i = 0; i < s.values.size() && i < n; ++i) {
      if (step && i > 0) points += fmt::format("{:.1f},{:.1f} ", xOf(i), yOf(s.values[i - 1]));
      points += fmt::format("{:.1f},{:.1f} ", xOf(i), yOf(s.values[i]));
    }
    svg += fmt::format(
        "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"3\"{} "
        "points=\"{}\"><title>{}</title></polyline>\n",
        s.colour, s.dashed ? " stroke-dasharray=\"8 5\"" : "", points, esc(s.name));
  }
  svg += "</svg>\n";
  std::string legend = "<ul class=\"legend\">";
  for (const Series& s : lines) {
    legend += fmt::format("<li><span class=\"swatch\" style=\"background:{}\"></span>{}</li>", s.colour,
                          esc(s.name));
  }
  legend += "</ul>\n";
  return fmt::format("<figure><figcaption>{}</figcaption>\n{}{}</figure>\n", esc(title), svg,
                     lines.size() > 1 ? legend : "");
}

Axis percentAxis(double min, double max, double stepBy) {
  Axis a{min, max, {}};
  for (double v = min; v <= max + 1e-9; v += stepBy) a.ticks.emplace_back(v, fmt::format("{:.0f}", v));
  return a;
}

constexpr const char* kStyle = R"(
body { font-family: system-ui, "Segoe UI", "DejaVu Sans", sans-serif; font-size: 20px; line-height: 1.45;
       color: #111; background: #fff; margin: 0 auto; max-width: 1200px; padding: 1.5em; }
h1 { font-size: 2.2em; margin-bottom: .2em; } h2 { font-size: 1.6em; border-bottom: 3px solid #0072B2;
     margin-top: 1.8em; } h3 { font-size: 1.25em; }
table { border-collapse: collapse; margin: .8em 0; } th, td { border: 1px solid #999; padding: .3em .6em;
     text-align: left; vertical-align: top; } th { background: #eef3f8; } td.num { text-align: right; white-space: nowrap; }
.wrong { color: #b00; font-weight: bold; } .right { color: #060; font-weight: bold; }
.why { color: #444; font-style: italic; }
.ending { font-size: 1.3em; padding: .6em 1em; background: #fff4d6; border-left: 8px solid #E69F00; }
figure { margin: 1em 0; } figcaption { font-weight: bold; font-size: 1.1em; }
svg.chart { width: 100%; max-width: 900px; height: auto; font-size: 15px; }
ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .4em 1.2em; margin: .2em 0; }
.swatch { display: inline-block; width: 1.4em; height: .5em; margin-right: .4em; vertical-align: middle; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 1em; }
.meta { color: #444; } li.turn { margin-top: .3em; }
)";

}  // namespace

// [SECTION] page

std::string renderHtml(const AfterAction& aa) {
  const std::string label = aa.turnLabel.empty() ? "turn" : aa.turnLabel;
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"" + esc(aa.language.empty() ? "en" : aa.language) +
      "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, "
      "initial-scale=1\">\n";
  out += "<title>After-action report: " + esc(aa.title) + "</title>\n<style>" + kStyle +
         "</style>\n</head>\n<body>\n";
  out += "<h1>After-action report: " + esc(aa.title) + "</h1>\n";
  out += fmt::format(
      "<p class=\"meta\">Scenario <code>{}</code>, seed {}, {} of {} {}s played. Final state "
      "<code>{}</code>.</p>\n",
      esc(aa.scenarioId), aa.seed, aa.turnsPlayed, aa.turnCount, esc(label), esc(aa.finalHash));

  out += "<h2>Ending</h2>\n<p class=\"ending\">";
  if (aa.endingId.empty()) {
    out += "The facilitator ended the exercise without an ending.";
  } else {
    out += "<strong>" + esc(aa.endingTitle) + "</strong> (" + std::string(yamlName(aa.endingKind)) + ")";
    if (!aa.endingDescription.empty()) out += " — " + esc(aa.endingDescription);
  }
  out += "</p>\n";

  out +=
      "<h2>Objectives</h2>\n<table><tr><th>Actor</th><th>Objective</th><th>Achieved</th><th>Score</th></"
      "tr>\n";
  for (const auto& o : aa.objectives) {
    out +=
        fmt::format("<tr><td>{}</td><td>{}</td><td class=\"{}\">{}</td><td class=\"num\">{} / {}</td></tr>\n",
                    esc(actorName(aa, o.actor)), esc(o.description), o.achieved ? "right" : "wrong",
                    o.achieved ? "yes" : "no", o.score, o.maxScore);
  }
  out += "</table>\n<table><tr><th>Actor</th><th>Score</th></tr>\n";
  for (std::size_t a = 0; a < aa.actorIds.size() && a < aa.actorScores.size(); ++a) {
    out += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td></tr>\n", esc(aa.actorNames[a]),
                       aa.actorScores[a]);
  }
  out += "</table>\n";

  out += "<h2>The hidden truth</h2>\n";
  for (const auto& inc : aa.incidents) {
    out += fmt::format("<h3>{}</h3>\n<p>Operator: <strong>{}</strong>", esc(inc.title),
                       esc(actorName(aa, inc.operatorActor)));
    if (inc.sponsor >= 0) out += "; sponsor: <strong>" + esc(actorName(aa, inc.sponsor)) + "</strong>";
    if (inc.proxy >= 0) out += "; proxy: " + esc(actorName(aa, inc.proxy));
    std::string flags;
    for (int f : inc.falseFlags) flags += (flags.empty() ? "" : ", ") + actorName(aa, f);
    out += "; false flags pointed at: " + esc(flags.empty() ? "—" : flags);
    std::string planted;
    for (int e : inc.plantedEvidence)
      if (e >= 0 && at(e) < aa.evidence.size())
        planted += (planted.empty() ? "" : ", ") + aa.evidence[at(e)].title;
    out += "; planted evidence: " + esc(planted.empty() ? "none" : planted) + ".</p>\n";
    out +=
        "<table><tr><th>Actor</th><th>Leading suspect</th><th>Probability given to the operator</th>"
        "<th>Confidence</th><th>Decided</th><th>Disclosed</th><th>Right?</th><th>Evidence seen</th></tr>\n";
    for (const auto& v : inc.views) {
      const char* verdict = v.decided < 0 ? "" : (v.correct ? "right" : "wrong");
      out += fmt::format(
          "<tr><td>{}</td><td>{} ({})</td><td>{} ({})</td><td>{}</td><td>{}</td><td>{}</td><td "
          "class=\"{}\">{}</td>"
          "<td class=\"num\">{}</td></tr>\n",
          esc(actorName(aa, v.actor)), esc(actorName(aa, v.leading)), percent(v.leadingProbability),
          percent(v.truthProbability), esc(v.words), esc(v.confidence),
          v.decided >= 0 ? esc(actorName(aa, v.decided)) : "—", esc(v.disclosure), verdict,
          v.decided < 0 ? "—" : (v.correct ? "yes" : "no"), v.evidenceSeen);
    }
    out += "</table>\n";
    const auto items = evidenceOf(aa, inc.incident);
    if (!items.empty()) {
      out +=
          "<p>What each side saw (planted items revealed):</p>\n<table><tr><th>Evidence</th><th>Source</th>"
          "<th>Reliability</th><th>Planted?</th><th>Seen by</th></tr>\n";
      for (const AfterAction::Evidence* e : items) {
        out += fmt::format(
            "<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"{}\">{}</td><td>{}</td></tr>\n",
            esc(e->title), esc(e->source), percent(e->reliability), e->planted ? "wrong" : "",
            e->planted ? "planted" : "no", esc(seenByText(aa, *e)));
      }
      out += "</table>\n";
    }
  }

  // Charts over the turn starts and the end.
  std::vector<std::string> xs;
  for (const auto& p : aa.series) xs.push_back(p.isFinal ? "end" : std::to_string(p.turn));
  out += "<h2>Escalation</h2>\n<div class=\"charts\">\n";
  {
    Axis rungAxis{0, std::max(1.0, static_cast<double>(aa.rungNames.size()) - 1), {}};
    for (std::size_t r = 0; r < aa.rungNames.size(); ++r)
      rungAxis.ticks.emplace_back(static_cast<double>(r), aa.rungNames[r]);
    Series rung{"rung", "#D55E00", {}, false};
    Series tension{"tension", "#0072B2", {}, false};
    double maxTension = 10;
    for (const auto& p : aa.series) {
      rung.values.push_back(p.rung);
      tension.values.push_back(p.tension);
      maxTension = std::max(maxTension, p.tension);
    }
    out += lineChart("Escalation rung by " + label, xs, {rung}, rungAxis, true);
    const double top = std::ceil(maxTension / 10) * 10;
    out += lineChart("Tension by " + label, xs, {tension}, percentAxis(0, top, top / 5));
  }
  out += "</div>\n<h2>Meters</h2>\n<div class=\"charts\">\n";
  for (std::size_t m = 0; m < aa.meterNames.size(); ++m) {
    std::vector<Series> lines;
    for (std::size_t a = 0; a < aa.actorIds.size(); ++a) {
      Series s{aa.actorNames[a], colourOf(a), {}, a >= std::size(kPalette)};
      for (const auto& p : aa.series)
        s.values.push_back(meterAt(aa, p, static_cast<int>(a), static_cast<int>(m)));
      lines.push_back(std::move(s));
    }
    // Meter ids are snake_case in the YAML; a projector audience reads words.
    std::string title = aa.meterNames[m];
    std::replace(title.begin(), title.end(), '_', ' ');
    if (!title.empty()) title[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(title[0])));
    out += lineChart(title + " by " + label, xs, lines, percentAxis(0, 100, 20));
  }
  out +=
      "</div>\n<h2>Trust</h2>\n<p>How far each actor trusts the others (−100 to 100).</p>\n<div "
      "class=\"charts\">\n";
  for (std::size_t a = 0; a < aa.actorIds.size(); ++a) {
    std::vector<Series> lines;
    for (std::size_t b = 0; b < aa.actorIds.size(); ++b) {
      if (b == a) continue;
      Series s{aa.actorNames[b], colourOf(b), {}, b >= std::size(kPalette)};
      for (const auto& p : aa.series)
        s.values.push_back(trustAt(aa, p, static_cast<int>(a), static_cast<int>(b)));
      lines.push_back(std::move(s));
    }
    out += lineChart(aa.actorNames[a] + "'s trust in others", xs, lines, percentAxis(-100, 100, 50));
  }
  out += "</div>\n";

  out += "<h2>Timeline</h2>\n";
  int turn = -1;
  bool open = false;
  for (const auto& e : aa.timeline) {
    if (e.kind == EventKind::TurnStarted || e.kind == EventKind::PhaseStarted) continue;
    if (e.turn != turn) {
      if (open) out += "</ul>\n";
      turn = e.turn;
      out += fmt::format("<h3>{} {}</h3>\n<ul>\n", esc(label), turn);
      open = true;
    }
    out += "<li>" + esc(e.text);
    if (showsRationale(e)) out += "<br><span class=\"why\">why: " + esc(e.rationale) + "</span>";
    out += "</li>\n";
  }
  if (open) out += "</ul>\n";

  if (!aa.questions.empty()) {
    out += "<h2>Discussion questions</h2>\n<ol>\n";
    for (const auto& q : aa.questions) {
      out += "<li>" + (q.turn > 0 ? "(" + esc(label) + " " + std::to_string(q.turn) + ") " : std::string()) +
             esc(q.text) + "</li>\n";
    }
    out += "</ol>\n";
  }
  out += "</body>\n</html>\n";
  return out;
}

std::string htmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

}  // namespace demarche::report
