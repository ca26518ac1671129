// The after-action report as one self-contained HTML page for a projector: large type, high
// contrast, inline CSS and inline SVG line charts (no scripts, fonts or images to fetch).
//
// [SECTION] escaping and palette
// [SECTION] SVG line chart
// [SECTION] page
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/Report.hpp"
#include "report/ReportCommon.hpp"

namespace demarche::report {
namespace {

using namespace detail;

// [SECTION] escaping and palette

std::string esc(std::string_view text) { return htmlEscape(text); }

// Paul Tol's "muted" qualitative scheme (designed to stay distinct for colour-blind readers)
// plus black: ten colours with no two of the same hue family, so Ukraine and the US, Russia
// and Poland no longer share a blue or an orange. Every line also has its own marker shape
// and is labelled at its end, so no reader has to match colours alone.
constexpr const char* kPalette[] = {"#332288", "#CC6677", "#44AA99", "#882255", "#DDCC77",
                                    "#117733", "#88CCEE", "#AA4499", "#999933", "#000000"};
constexpr std::size_t kShapes = 10;
// The legend's character for each marker shape (same order as marker()).
constexpr const char* kShapeGlyph[kShapes] = {"●", "■", "▲", "◆", "▼", "✚", "✖", "○", "□", "◇"};
std::string colourOf(std::size_t i) { return kPalette[i % std::size(kPalette)]; }

// Marker shape `shape` centred on (x, y), in `colour`.
std::string marker(std::size_t shape, double x, double y, const std::string& colour) {
  switch (shape % kShapes) {
    case 0:
      return fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4.5\" fill=\"{}\"/>", x, y, colour);
    case 1:
      return fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"8\" height=\"8\" fill=\"{}\"/>", x - 4,
                         y - 4, colour);
    case 2:
      return fmt::format("<path d=\"M{:.1f} {:.1f}l5.5 9.5h-11z\" fill=\"{}\"/>", x, y - 6, colour);
    case 3:
      return fmt::format("<path d=\"M{:.1f} {:.1f}l6 6l-6 6l-6-6z\" fill=\"{}\"/>", x, y - 6, colour);
    case 4:
      return fmt::format("<path d=\"M{:.1f} {:.1f}l5.5-9.5h-11z\" fill=\"{}\"/>", x, y + 6, colour);
    case 5:
      return fmt::format(
          "<path d=\"M{:.1f} {:.1f}h12M{:.1f} {:.1f}v12\" stroke=\"{}\" stroke-width=\"3.5\"/>", x - 6, y, x,
          y - 6, colour);
    case 6:
      return fmt::format(
          "<path d=\"M{:.1f} {:.1f}l10 10M{:.1f} {:.1f}l-10 10\" stroke=\"{}\" stroke-width=\"3.5\"/>", x - 5,
          y - 5, x + 5, y - 5, colour);
    case 7:
      return fmt::format(
          "<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4.5\" fill=\"#fff\" stroke=\"{}\" stroke-width=\"2.5\"/>",
          x, y, colour);
    case 8:
      return fmt::format(
          "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"8\" height=\"8\" fill=\"#fff\" stroke=\"{}\" "
          "stroke-width=\"2.5\"/>",
          x - 4, y - 4, colour);
    default:
      return fmt::format(
          "<path d=\"M{:.1f} {:.1f}l6 6l-6 6l-6-6z\" fill=\"#fff\" stroke=\"{}\" "
          "stroke-width=\"2.5\"/>",
          x, y - 6, colour);
  }
}

// A name short enough to label a line's end ("Western Oblenergo…"); the legend has it whole.
std::string shortName(const std::string& name) {
  constexpr std::size_t kMax = 18;
  if (name.size() <= kMax) return name;
  std::size_t cut = name.rfind(' ', kMax);
  if (cut == std::string::npos || cut < 6) {
    cut = kMax;
    while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
  }
  return name.substr(0, cut) + "…";
}

// [SECTION] SVG line chart

struct Series {
  std::string name;
  std::string colour;
  std::vector<double> values;  // one per x label
  bool dashed = false;
  std::size_t shape = 0;  // marker shape (see marker())
};

struct Axis {
  double min = 0, max = 100;
  std::vector<std::pair<double, std::string>> ticks;  // value, label
  std::string title;                                  // the y axis's name, written up its side
};

// A line chart with both axes named, a marker on every point and, when there are several
// lines, each labelled at its end (labels pushed apart so they never overlap) and a legend.
std::string lineChart(std::string_view title, std::string_view xTitle,
                      const std::vector<std::string>& xLabels, const std::vector<Series>& lines,
                      const Axis& y, bool step = false) {
  // The left margin fits the longest y label (rung names are long); about 8.5 px a character,
  // plus room for the axis title.
  std::size_t longest = 3;
  for (const auto& tick : y.ticks) longest = std::max(longest, tick.second.size());
  const bool labelled = lines.size() > 1;
  const double left = 30 + std::min(330.0, 16 + 8.5 * static_cast<double>(longest));
  constexpr double width = 760, height = 340, top = 20, bottom = 62;
  const double right = labelled ? 200 : 30;  // room for the end labels
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
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>", xOf(i), height - 36,
                       esc(xLabels[i]));
  }
  // Axis lines and titles.
  svg += fmt::format("<path d=\"M{} {}V{}H{}\" fill=\"none\" stroke=\"#555\"/>", left, top, top + plotH,
                     width - right);
  svg += fmt::format("<text class=\"axis\" x=\"{:.1f}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                     left + plotW / 2, height - 8, esc(xTitle));
  if (!y.title.empty()) {
    svg += fmt::format(
        "<text class=\"axis\" transform=\"translate(16 {:.1f}) rotate(-90)\" text-anchor=\"middle\" "
        "dominant-baseline=\"middle\">{}</text>",
        top + plotH / 2, esc(y.title));
  }
  svg += "\n";
  for (const Series& s : lines) {
    std::string points;
    for (std::size_t i = 0; i < s.values.size() && i < n; ++i) {
      if (step && i > 0) points += fmt::format("{:.1f},{:.1f} ", xOf(i), yOf(s.values[i - 1]));
      points += fmt::format("{:.1f},{:.1f} ", xOf(i), yOf(s.values[i]));
    }
    svg += fmt::format(
        "<g><title>{}</title><polyline fill=\"none\" stroke=\"{}\" stroke-width=\"3\"{} "
        "points=\"{}\"/>",
        esc(s.name), s.colour, s.dashed ? " stroke-dasharray=\"8 5\"" : "", points);
    for (std::size_t i = 0; i < s.values.size() && i < n; ++i)
      svg += marker(s.shape, xOf(i), yOf(s.values[i]), s.colour);
    svg += "</g>\n";
  }
  // Direct labels at the lines' ends, in end-value order, at least `gap` apart and inside the plot.
  if (labelled && n > 0) {
    struct Label {
      double at, y;
      const Series* s;
    };
    std::vector<Label> labels;
    for (const Series& s : lines) {
      if (s.values.empty()) continue;
      const double endY = yOf(s.values[std::min(s.values.size(), n) - 1]);
      labels.push_back({endY, endY, &s});
    }
    std::stable_sort(labels.begin(), labels.end(),
                     [](const Label& a, const Label& b) { return a.at < b.at; });
    const double gap = 16, lo = top + 4, hi = top + plotH;
    for (std::size_t i = 0; i < labels.size(); ++i)
      labels[i].y = std::max(labels[i].y, i == 0 ? lo : labels[i - 1].y + gap);
    for (std::size_t i = labels.size(); i-- > 0;)
      labels[i].y = std::min(labels[i].y, i + 1 == labels.size() ? hi : labels[i + 1].y - gap);
    const double xEnd = xOf(n - 1);
    for (const Label& l : labels) {
      svg += fmt::format("<path d=\"M{:.1f} {:.1f}L{:.1f} {:.1f}\" stroke=\"#888\" stroke-width=\"1\"/>",
                         xEnd + 7, l.at, xEnd + 20, l.y);
      svg += marker(l.s->shape, xEnd + 28, l.y, l.s->colour);
      svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" dominant-baseline=\"middle\">{}</text>\n",
                         xEnd + 38, l.y, esc(shortName(l.s->name)));
    }
  }
  svg += "</svg>\n";
  std::string legend = "<ul class=\"legend\">";
  for (const Series& s : lines) {
    legend += fmt::format("<li><span class=\"swatch\" style=\"color:{}\">{}</span>{}</li>", s.colour,
                          kShapeGlyph[s.shape % kShapes], esc(s.name));
  }
  legend += "</ul>\n";
  return fmt::format("<figure><figcaption>{}</figcaption>\n{}{}</figure>\n", esc(title), svg,
                     labelled ? legend : "");
}

Axis percentAxis(double min, double max, double stepBy, std::string title) {
  Axis a{min, max, {}, std::move(title)};
  for (double v = min; v <= max + 1e-9; v += stepBy) a.ticks.emplace_back(v, fmt::format("{:.0f}", v));
  return a;
}

// [SECTION] tables

// A table that reads as a grid on a wide screen and, on a narrow one (CSS below), as one card
// per row with each cell under its column's name (data-label), so no column is cut off.
struct Cell {
  std::string html;  // already escaped
  std::string cls;
};

std::string table(std::string_view cls, const std::vector<std::string>& headers,
                  const std::vector<std::vector<Cell>>& rows) {
  std::string out = fmt::format("<table class=\"{}\"><thead><tr>", cls);
  for (const auto& h : headers) out += "<th>" + esc(h) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : rows) {
    out += "<tr>";
    for (std::size_t c = 0; c < row.size(); ++c) {
      out += "<td";
      if (!row[c].cls.empty()) out += " class=\"" + row[c].cls + "\"";
      if (c < headers.size()) {
        // The card's "Right: yes", not "Right?: yes".
        std::string_view name = headers[c];
        if (name.ends_with('?')) name.remove_suffix(1);
        out += " data-label=\"" + esc(name) + "\"";
      }
      out += ">" + row[c].html + "</td>";
    }
    out += "</tr>\n";
  }
  return out + "</tbody></table>\n";
}

std::string capitalised(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

constexpr const char* kStyle = R"(
body { font-family: system-ui, "Segoe UI", "DejaVu Sans", sans-serif; font-size: 20px; line-height: 1.45;
       color: #111; background: #fff; margin: 0 auto; max-width: 1200px; padding: 1.5em; }
h1 { font-size: 2.2em; margin-bottom: .2em; } h2 { font-size: 1.6em; border-bottom: 3px solid #332288;
     margin-top: 1.8em; } h3 { font-size: 1.25em; }
code { overflow-wrap: anywhere; }
table { border-collapse: collapse; margin: .8em 0; } th, td { border: 1px solid #999; padding: .3em .6em;
     text-align: left; vertical-align: top; } th { background: #eef3f8; } td.num { text-align: right; white-space: nowrap; }
.wrong { color: #b00; font-weight: bold; } .right { color: #060; font-weight: bold; }
.why { color: #444; font-style: italic; }
.ending { font-size: 1.3em; padding: .6em 1em; background: #fff4d6; border-left: 8px solid #DDCC77; }
figure { margin: 1em 0; } figcaption { font-weight: bold; font-size: 1.1em; }
svg.chart { width: 100%; max-width: 900px; height: auto; font-size: 15px; }
svg.chart text.axis { font-weight: bold; fill: #333; }
ul.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .2em 1.2em; margin: .2em 0;
     font-size: .85em; }
.swatch { display: inline-block; margin-right: .3em; font-size: 1.1em; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(min(520px, 100%), 1fr)); gap: 1em; }
.meta { color: #444; }
details.turn { border: 1px solid #bbb; border-radius: 6px; margin: .5em 0; padding: .2em .8em; }
details.turn > summary { cursor: pointer; font-weight: bold; font-size: 1.15em; padding: .2em 0; }
details.turn > summary .count { font-weight: normal; color: #444; font-size: .85em; }
@media (max-width: 900px) {
  body { font-size: 17px; padding: .8em; }
  table.stack, table.stack tbody { display: block; width: auto; }
  table.stack thead { display: none; }
  table.stack tr { display: flex; flex-wrap: wrap; gap: 0 1.2em; border: 1px solid #999; margin: .6em 0;
       padding: 0 0 .2em 0; }
  table.stack td { display: block; border: none; padding: .15em .6em; text-align: left; white-space: normal; }
  table.stack td:first-child, table.stack td.wide { flex-basis: 100%; box-sizing: border-box; }
  table.stack td::before { content: attr(data-label) ": "; font-weight: bold; color: #333; }
  table.stack td:first-child { background: #eef3f8; font-weight: bold; }
  table.stack td:first-child::before { content: ""; }
}
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

  out += "<h2>Scores</h2>\n";
  {
    std::vector<std::vector<Cell>> rows;
    for (std::size_t a = 0; a < aa.actorIds.size() && a < aa.actorScores.size(); ++a) {
      const ObjectiveTally t = objectivesOf(aa, static_cast<int>(a));
      if (t.total == 0) continue;
      rows.push_back({{esc(aa.actorNames[a]), ""},
                      {fmt::format("{} of {}", aa.actorScores[a], t.maxScore), "num"},
                      {fmt::format("{} of {}", t.achieved, t.total), "num"}});
    }
    out += table("scores", {"Actor", "Score (of maximum)", "Objectives achieved"}, rows);
  }

  out += "<h2>Objectives</h2>\n";
  {
    std::vector<std::vector<Cell>> rows;
    for (const auto& o : aa.objectives) {
      rows.push_back({{esc(actorName(aa, o.actor)), ""},
                      {esc(o.description), "wide"},
                      {o.achieved ? "yes" : "no", o.achieved ? "right" : "wrong"},
                      {fmt::format("{} / {}", o.score, o.maxScore), "num"}});
    }
    out += table("stack objectives", {"Actor", "Objective", "Achieved", "Score"}, rows);
  }

  out += "<h2>The hidden truth</h2>\n";
  out += fmt::format("<p>{}</p>\n", esc(kTruthAssessmentsNote));
  for (const auto& inc : aa.incidents) {
    out += fmt::format("<h3>{}</h3>\n<p>Operator: <strong>{}</strong>", esc(inc.title),
                       esc(actorName(aa, inc.operatorActor)));
    if (inc.sponsor >= 0) out += "; sponsor: <strong>" + esc(actorName(aa, inc.sponsor)) + "</strong>";
    if (inc.proxy >= 0) out += "; proxy: " + esc(actorName(aa, inc.proxy));
    std::string flags;
    for (int f : inc.falseFlags) flags += (flags.empty() ? "" : ", ") + actorName(aa, f);
    out += "; false flags pointed at: " + esc(flags.empty() ? "—" : flags);
    std::string hosts;
    for (int h : inc.harbouredBy) hosts += (hosts.empty() ? "" : ", ") + actorName(aa, h);
    if (!hosts.empty()) out += "; knowingly harboured by: <strong>" + esc(hosts) + "</strong>";
    std::string planted;
    for (int e : inc.plantedEvidence)
      if (e >= 0 && at(e) < aa.evidence.size())
        planted += (planted.empty() ? "" : ", ") + aa.evidence[at(e)].title;
    out += "; planted evidence: " + esc(planted.empty() ? "none" : planted) + ".</p>\n";
    std::vector<std::vector<Cell>> rows;
    for (const auto& v : inc.views) {
      rows.push_back(
          {{esc(actorName(aa, v.actor)), ""},
           {fmt::format("{} ({})", esc(actorName(aa, v.leading)), percent(v.leadingProbability)), ""},
           {fmt::format("{} ({})", percent(v.truthProbability), esc(v.words)), ""},
           {esc(v.confidence), ""},
           {v.decided >= 0 ? esc(actorName(aa, v.decided)) + (v.harbouring ? " (harbouring)" : "") : "—", ""},
           {esc(v.disclosure), ""},
           {v.decided < 0 ? "—" : (v.correct ? "yes" : "no"),
            v.decided < 0 ? "" : (v.correct ? "right" : "wrong")},
           {std::to_string(v.evidenceSeen), "num"}});
    }
    out += table("stack truth",
                 {"Actor", "Leading suspect", "Probability given to the operator", "Confidence", "Decided",
                  "Disclosed", "Right?", "Evidence seen"},
                 rows);
    const auto items = evidenceOf(aa, inc.incident);
    if (!items.empty()) {
      out += "<p>What each side saw (planted items revealed):</p>\n";
      std::vector<std::vector<Cell>> seen;
      for (const AfterAction::Evidence* e : items) {
        seen.push_back({{esc(e->title), ""},
                        {esc(e->sourceWord), ""},
                        {percent(e->reliability), "num"},
                        {e->planted ? "planted" : "no", e->planted ? "wrong" : ""},
                        {esc(seenByText(aa, *e)), "wide"}});
      }
      out += table("stack evidence", {"Evidence", "Source", "Reliability", "Planted?", "Seen by"}, seen);
    }
  }
  if (!aa.listings.empty()) {
    out +=
        "<h2>Listings</h2>\n<p>Persons, units and companies listed, and whether each took part (the truth). "
        "A "
        "listing attributes nothing to the actor they belong to.</p>\n";
    std::vector<std::vector<Cell>> rows;
    for (const auto& l : aa.listings) {
      std::string names;
      for (const auto& e : l.entities)
        names += (names.empty() ? "" : ", ") + e.name + " (" + actorName(aa, e.owner) + ")" +
                 (e.involved ? "" : " — took no part");
      rows.push_back({{std::to_string(l.turn), "num"},
                      {esc(actorName(aa, l.actor)), ""},
                      {esc(l.measure), ""},
                      {esc(l.incident), ""},
                      {esc(names), "wide"},
                      {std::to_string(l.wrong), l.wrong > 0 ? "wrong num" : "num"}});
    }
    out += table("stack listings", {"Turn", "Listed by", "Measure", "Incident", "Entities", "Named wrongly"},
                 rows);
  }

  // Charts over the turn starts and the end.
  std::vector<std::string> xs;
  for (const auto& p : aa.series) xs.push_back(p.isFinal ? "end" : std::to_string(p.turn));
  const std::string xTitle = "Start of each " + label + ", then the end";
  out += "<h2>Escalation</h2>\n<div class=\"charts\">\n";
  {
    Axis rungAxis{0, std::max(1.0, static_cast<double>(aa.rungNames.size()) - 1), {}, "Rung"};
    for (std::size_t r = 0; r < aa.rungNames.size(); ++r)
      rungAxis.ticks.emplace_back(static_cast<double>(r), aa.rungNames[r]);
    Series rung{"rung", colourOf(1), {}, false, 1};
    Series tension{"tension", colourOf(0), {}, false, 0};
    double maxTension = 10;
    for (const auto& p : aa.series) {
      rung.values.push_back(p.rung);
      tension.values.push_back(p.tension);
      maxTension = std::max(maxTension, p.tension);
    }
    out += lineChart("Escalation rung by " + label, xTitle, xs, {rung}, rungAxis, true);
    const double top = std::ceil(maxTension / 10) * 10;
    out += lineChart("Tension by " + label, xTitle, xs, {tension},
                     percentAxis(0, top, top / 5, "Tension (points)"));
  }
  out += "</div>\n<h2>Meters</h2>\n<div class=\"charts\">\n";
  for (std::size_t m = 0; m < aa.meterNames.size(); ++m) {
    std::vector<Series> lines;
    for (std::size_t a = 0; a < aa.actorIds.size(); ++a) {
      Series s{aa.actorNames[a], colourOf(a), {}, a >= std::size(kPalette), a};
      for (const auto& p : aa.series)
        s.values.push_back(meterAt(aa, p, static_cast<int>(a), static_cast<int>(m)));
      lines.push_back(std::move(s));
    }
    // Meter ids are snake_case in the YAML; a projector audience reads words.
    const std::string title = aa.meterTitles[m];
    out += lineChart(title + " by " + label, xTitle, xs, lines, percentAxis(0, 100, 20, title + " (0–100)"));
  }
  out +=
      "</div>\n<h2>Trust</h2>\n<p>How far each actor trusts the others (−100 to 100).</p>\n<div "
      "class=\"charts\">\n";
  for (std::size_t a = 0; a < aa.actorIds.size(); ++a) {
    std::vector<Series> lines;
    for (std::size_t b = 0; b < aa.actorIds.size(); ++b) {
      if (b == a) continue;
      Series s{aa.actorNames[b], colourOf(b), {}, b >= std::size(kPalette), b};
      for (const auto& p : aa.series)
        s.values.push_back(trustAt(aa, p, static_cast<int>(a), static_cast<int>(b)));
      lines.push_back(std::move(s));
    }
    out += lineChart(aa.actorNames[a] + "'s trust in others", xTitle, xs, lines,
                     percentAxis(-100, 100, 50, "Trust in them"));
  }
  out += "</div>\n";

  // The timeline, one folded block per turn (a whole exercise is hundreds of lines); lines
  // that report nothing new are left out (isNoNews).
  out += fmt::format(
      "<h2>Timeline</h2>\n<p class=\"meta\">One block per {}; open one to read what happened.</p>\n",
      esc(label));
  std::vector<std::pair<int, std::string>> turns;  // turn, its list items
  std::vector<int> counts;
  for (std::size_t i = 0; i < aa.timeline.size(); ++i) {
    const auto& e = aa.timeline[i];
    if (e.kind == EventKind::TurnStarted || e.kind == EventKind::PhaseStarted || isNoNews(aa, i)) continue;
    if (turns.empty() || turns.back().first != e.turn) {
      turns.emplace_back(e.turn, std::string());
      counts.push_back(0);
    }
    std::string& items = turns.back().second;
    items += "<li>" + esc(e.text);
    if (showsRationale(e)) items += "<br><span class=\"why\">why: " + esc(e.rationale) + "</span>";
    items += "</li>\n";
    ++counts.back();
  }
  for (std::size_t t = 0; t < turns.size(); ++t) {
    std::string tension;
    for (const auto& p : aa.series)
      if (!p.isFinal && p.turn == turns[t].first)
        tension = fmt::format(" · after the briefing: tension {}, {}", number(p.tension),
                              esc(rungName(aa, p.rung)));
    out += fmt::format(
        "<details class=\"turn\"><summary>{} <span class=\"count\">{} "
        "entr{}{}</span></summary>\n<ul>\n{}</ul>\n"
        "</details>\n",
        esc(capitalised(turnHeading(aa, turns[t].first))), counts[t], counts[t] == 1 ? "y" : "ies", tension,
        turns[t].second);
  }

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
