#include "report/Compare.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

namespace demarche::report {
namespace {

std::string markdown(const Comparison& c) {
  std::string out = "# What if: " + c.title + "\n\n";
  out += fmt::format("| | {} | {} |\n|---|---|---|\n", c.a.label, c.b.label);
  out += fmt::format("| Ending | {} | {} |\n", c.a.ending, c.b.ending);
  out += fmt::format("| {}s played | {} | {} |\n", c.turnLabel, c.a.turnsPlayed, c.b.turnsPlayed);
  out += fmt::format("| Peak tension | {:.0f} | {:.0f} |\n", c.a.peakTension, c.b.peakTension);
  out += fmt::format("| Final rung | {} | {} |\n", c.a.finalRung, c.b.finalRung);
  for (std::size_t a = 0; a < c.actorNames.size(); ++a) {
    if (!c.scored[a]) continue;
    out += fmt::format("| {} (score of maximum) | {} / {} | {} / {} |\n", c.actorNames[a], c.a.scores[a],
                       c.a.maxima[a], c.b.scores[a], c.b.maxima[a]);
  }
  out += "\n## Tension at the start of each " + c.turnLabel + " (last: the end)\n\n";
  const std::size_t n = std::max(c.a.tension.size(), c.b.tension.size());
  out += "| | ";
  for (std::size_t i = 0; i < n; ++i)
    out += (i + 1 == n ? std::string("end") : std::to_string(i + 1)) + " | ";
  out += "\n|---|";
  for (std::size_t i = 0; i < n; ++i) out += "---|";
  out += "\n";
  for (const Comparison::Side* s : {&c.a, &c.b}) {
    out += "| " + s->label + " | ";
    for (std::size_t i = 0; i < n; ++i)
      out += (i < s->tension.size() ? fmt::format("{:.0f}", s->tension[i]) : "") + " | ";
    out += "\n";
  }
  for (const Comparison::Side* s : {&c.a, &c.b}) {
    out += "\n## Who attributed what, and when: " + s->label + "\n\n";
    if (s->attributions.empty()) out += "Nobody attributed anything.\n";
    for (const auto& at : s->attributions) out += fmt::format("- {} {}: {}\n", c.turnLabel, at.turn, at.text);
  }
  if (c.firstDifferentTurn > 0)
    out += fmt::format("\nThe two first differ at the start of {} {}.\n", c.turnLabel, c.firstDifferentTurn);
  return out;
}

std::string esc(const std::string& s) { return htmlEscape(s); }

std::string tensionSvg(const Comparison& c) {
  const double w = 640, h = 220, left = 40, right = 120, top = 14, bottom = 30;
  const std::size_t n = std::max(c.a.tension.size(), c.b.tension.size());
  const auto x = [&](std::size_t i) {
    return n <= 1 ? left : left + (w - left - right) * static_cast<double>(i) / static_cast<double>(n - 1);
  };
  const auto y = [&](double v) { return top + (h - top - bottom) * (1 - std::clamp(v, 0.0, 100.0) / 100); };
  std::string svg =
      fmt::format("<svg viewBox=\"0 0 {} {}\" width=\"100%\" role=\"img\" aria-label=\"tension\">", w, h);
  for (int k = 0; k <= 4; ++k)
    svg += fmt::format(
        "<line x1=\"{}\" x2=\"{}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#ccc\"/><text x=\"4\" y=\"{:.1f}\" "
        "font-size=\"11\">{}</text>",
        left, w - right, y(k * 25.0), y(k * 25.0), y(k * 25.0) + 4, k * 25);
  for (std::size_t i = 0; i < n; ++i)
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" font-size=\"11\" text-anchor=\"middle\">{}</text>", x(i),
                       h - 12, i + 1 == n ? std::string("end") : std::to_string(i + 1));
  svg += fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>", (w - right) / 2, h - 1,
                     esc(c.turnLabel));
  const char* colours[] = {"#0072B2", "#D55E00"};
  int k = 0;
  for (const Comparison::Side* s : {&c.a, &c.b}) {
    std::string pts;
    for (std::size_t i = 0; i < s->tension.size(); ++i)
      pts += fmt::format("{:.1f},{:.1f} ", x(i), y(s->tension[i]));
    svg += fmt::format("<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\" points=\"{}\"/>",
                       colours[k], pts);
    if (!s->tension.empty())
      svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"12\" fill=\"{}\">{}</text>",
                         x(s->tension.size() - 1) + 6, y(s->tension.back()) + 4 + 12 * k, colours[k],
                         esc(s->label.substr(0, 18)));
    ++k;
  }
  return svg + "</svg>";
}

std::string html(const Comparison& c) {
  std::string out =
      "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
      "content=\"width=device-width, initial-scale=1\">\n<title>What if: " +
      esc(c.title) +
      "</title>\n<style>body{font-family:sans-serif;max-width:60rem;margin:auto;padding:1rem}"
      "table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.3rem;"
      "text-align:left;vertical-align:top}.cols{display:flex;flex-wrap:wrap;gap:1rem}.cols>div{flex:1 "
      "1 20rem}</style>\n</head>\n<body>\n<h1>What if: " +
      esc(c.title) + "</h1>\n<table>\n";
  out += "<tr><th></th><th>" + esc(c.a.label) + "</th><th>" + esc(c.b.label) + "</th></tr>\n";
  out += "<tr><th>Ending</th><td>" + esc(c.a.ending) + "</td><td>" + esc(c.b.ending) + "</td></tr>\n";
  out += fmt::format("<tr><th>Peak tension</th><td>{:.0f}</td><td>{:.0f}</td></tr>\n", c.a.peakTension,
                     c.b.peakTension);
  out +=
      "<tr><th>Final rung</th><td>" + esc(c.a.finalRung) + "</td><td>" + esc(c.b.finalRung) + "</td></tr>\n";
  for (std::size_t a = 0; a < c.actorNames.size(); ++a)
    if (c.scored[a])
      out += fmt::format("<tr><th>{} (score of maximum)</th><td>{} / {}</td><td>{} / {}</td></tr>\n",
                         esc(c.actorNames[a]), c.a.scores[a], c.a.maxima[a], c.b.scores[a], c.b.maxima[a]);
  out += "</table>\n<h2>Tension</h2>\n" + tensionSvg(c) + "\n<div class=\"cols\">\n";
  for (const Comparison::Side* s : {&c.a, &c.b}) {
    out += "<div><h2>Who attributed what, and when: " + esc(s->label) + "</h2>\n<ul>\n";
    if (s->attributions.empty()) out += "<li>Nobody attributed anything.</li>\n";
    for (const auto& at : s->attributions)
      out += fmt::format("<li>{} {}: {}</li>\n", esc(c.turnLabel), at.turn, esc(at.text));
    out += "</ul></div>\n";
  }
  out += "</div>\n";
  if (c.firstDifferentTurn > 0)
    out += fmt::format("<p>The two first differ at the start of {} {}.</p>\n", esc(c.turnLabel),
                       c.firstDifferentTurn);
  return out + "</body>\n</html>\n";
}

std::string json(const Comparison& c) {
  using Json = nlohmann::ordered_json;
  Json j;
  j["title"] = c.title;
  j["first_different_turn"] = c.firstDifferentTurn;
  const auto side = [&](const Comparison::Side& s) {
    Json o;
    o["label"] = s.label;
    o["ending"] = s.ending;
    o["turns_played"] = s.turnsPlayed;
    o["peak_tension"] = s.peakTension;
    o["final_rung"] = s.finalRung;
    o["tension"] = s.tension;
    Json scores = Json::array();
    for (std::size_t a = 0; a < c.actorNames.size(); ++a)
      if (c.scored[a])
        scores.push_back({{"actor", c.actorNames[a]}, {"score", s.scores[a]}, {"max", s.maxima[a]}});
    o["scores"] = scores;
    Json atts = Json::array();
    for (const auto& at : s.attributions) atts.push_back({{"turn", at.turn}, {"text", at.text}});
    o["attributions"] = atts;
    return o;
  };
  j["a"] = side(c.a);
  j["b"] = side(c.b);
  return j.dump(2) + "\n";
}

}  // namespace

std::string renderComparison(const Comparison& c, Format format) {
  switch (format) {
    case Format::Markdown:
      return markdown(c);
    case Format::Html:
      return html(c);
    case Format::Json:
      return json(c);
  }
  return {};
}

}  // namespace demarche::report
