#include "ui/MapGeometry.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <sstream>

namespace demarche::ui {

// [SECTION] Frame and outlines

sf::Vector2f MapFrame::project(double lon, double lat) const {
  return {static_cast<float>((lon - lon0) / (lon1 - lon0)), static_cast<float>((lat1 - lat) / (lat1 - lat0))};
}

float MapFrame::aspect() const {
  const double mid = (lat0 + lat1) / 2 * std::numbers::pi / 180;
  return static_cast<float>((lon1 - lon0) * std::cos(mid) / (lat1 - lat0));
}

namespace {

bool readPoints(std::istringstream& line, const MapFrame& frame, std::vector<sf::Vector2f>& pts) {
  std::string pair;
  while (line >> pair) {
    const auto comma = pair.find(',');
    if (comma == std::string::npos) return false;
    try {
      std::size_t used = 0;
      const double lon = std::stod(pair.substr(0, comma), &used);
      if (used != comma) return false;
      const std::string latText = pair.substr(comma + 1);
      const double lat = std::stod(latText, &used);
      if (used != latText.size()) return false;
      if (!std::isfinite(lon) || !std::isfinite(lat) || std::abs(lon) > 360 || std::abs(lat) > 90)
        return false;
      pts.push_back(frame.project(lon, lat));
    } catch (const std::exception&) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool parseOutlines(std::istream& in, MapOutlines& out, std::string& error) {
  MapOutlines result;
  // Points are projected once the frame is known: keep them in degrees until the end.
  struct Raw {
    bool polygon;
    std::string points;
    int line;
  };
  std::vector<Raw> raw;
  std::string text;
  int lineNo = 0;
  bool haveFrame = false;
  while (std::getline(in, text)) {
    ++lineNo;
    if (!text.empty() && text.back() == '\r') text.pop_back();
    if (text.empty() || text[0] == '#') continue;
    std::istringstream line(text);
    std::string key;
    line >> key;
    if (key == "frame") {
      MapFrame f;
      if (!(line >> f.lon0 >> f.lon1 >> f.lat0 >> f.lat1) || !(f.lon1 > f.lon0) || !(f.lat1 > f.lat0)) {
        error = "line " + std::to_string(lineNo) +
                ": expected 'frame LON0 LON1 LAT0 LAT1' with LON0 < LON1, LAT0 < LAT1";
        return false;
      }
      result.frame = f;
      haveFrame = true;
    } else if (key == "clip") {
      continue;  // informative: the box the data was clipped to
    } else if (key == "p" || key == "b") {
      std::string rest;
      std::getline(line, rest);
      raw.push_back({key == "p", rest, lineNo});
    } else {
      error =
          "line " + std::to_string(lineNo) + ": unknown record '" + key + "' (expected frame, clip, p or b)";
      return false;
    }
  }
  if (!haveFrame) {
    error = "no 'frame' line";
    return false;
  }
  for (const Raw& r : raw) {
    std::istringstream line(r.points);
    std::vector<sf::Vector2f> pts;
    if (!readPoints(line, result.frame, pts) || pts.size() < (r.polygon ? 3u : 2u)) {
      error = "line " + std::to_string(r.line) + ": expected " + (r.polygon ? "3" : "2") +
              " or more 'lon,lat' pairs in degrees";
      return false;
    }
    if (r.polygon) {
      std::vector<sf::Vector2f> tris = triangulate(pts);
      result.fill.insert(result.fill.end(), tris.begin(), tris.end());
      result.polygons.push_back(std::move(pts));
    } else {
      result.borders.push_back(std::move(pts));
    }
  }
  if (result.polygons.empty()) {
    error = "no land polygons ('p' lines)";
    return false;
  }
  out = std::move(result);
  return true;
}

// [SECTION] Triangulation

namespace {

double cross(sf::Vector2f a, sf::Vector2f b, sf::Vector2f c) {
  return (static_cast<double>(b.x) - a.x) * (static_cast<double>(c.y) - a.y) -
         (static_cast<double>(b.y) - a.y) * (static_cast<double>(c.x) - a.x);
}

bool inTriangle(sf::Vector2f p, sf::Vector2f a, sf::Vector2f b, sf::Vector2f c) {
  // For a counter-clockwise (positive) triangle; points on an edge count as inside.
  return cross(a, b, p) >= 0 && cross(b, c, p) >= 0 && cross(c, a, p) >= 0;
}

}  // namespace

std::vector<sf::Vector2f> triangulate(const std::vector<sf::Vector2f>& polygon) {
  std::vector<sf::Vector2f> tris;
  std::vector<sf::Vector2f> pts = polygon;
  if (pts.size() > 1 && pts.front() == pts.back()) pts.pop_back();
  if (pts.size() < 3) return tris;
  double area = 0;
  for (std::size_t i = 0; i < pts.size(); ++i) {
    const sf::Vector2f a = pts[i], b = pts[(i + 1) % pts.size()];
    area += static_cast<double>(a.x) * b.y - static_cast<double>(b.x) * a.y;
  }
  if (area < 0) std::reverse(pts.begin(), pts.end());
  std::vector<std::size_t> idx(pts.size());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::size_t guard = 0;
  std::size_t i = 0;
  while (idx.size() > 3) {
    const std::size_t n = idx.size();
    const std::size_t ip = idx[(i + n - 1) % n], ic = idx[i % n], in = idx[(i + 1) % n];
    const sf::Vector2f a = pts[ip], b = pts[ic], c = pts[in];
    bool ear = cross(a, b, c) > 0;
    if (ear) {
      for (std::size_t k = 0; k < n && ear; ++k) {
        const std::size_t v = idx[k];
        if (v == ip || v == ic || v == in) continue;
        if (pts[v] == a || pts[v] == b || pts[v] == c) continue;
        if (inTriangle(pts[v], a, b, c)) ear = false;
      }
    }
    // A full round with no ear (a degenerate or self-touching ring): cut the vertex anyway
    // so the loop ends; a sliver at worst.
    if (ear || guard > n) {
      if (cross(a, b, c) > 0) tris.insert(tris.end(), {a, b, c});
      idx.erase(idx.begin() + static_cast<std::ptrdiff_t>(i % n));
      guard = 0;
      if (i >= idx.size()) i = 0;
    } else {
      ++guard;
      i = (i + 1) % n;
    }
  }
  if (cross(pts[idx[0]], pts[idx[1]], pts[idx[2]]) > 0)
    tris.insert(tris.end(), {pts[idx[0]], pts[idx[1]], pts[idx[2]]});
  return tris;
}

// [SECTION] Layout

namespace {
float mapMargin(const sf::FloatRect& map, float scale) {
  return std::min(24.0f * scale, std::min(map.width, map.height) * 0.1f);
}
}  // namespace

bool insetsFit(const sf::FloatRect& map, float scale, float topInset, float bottomInset) {
  return map.height - 2 * mapMargin(map, scale) - topInset - bottomInset > map.height * 0.5f;
}

MapLayout layoutMap(const sf::FloatRect& area, float scale, float aspect, const sf::FloatRect& focus,
                    float topInset, float bottomInset) {
  MapLayout l;
  const float ladderWidth = std::min(std::max(220.0f * scale, 180.0f), area.width * 0.4f);
  l.ladder = {area.left + area.width - ladderWidth, area.top, ladderWidth, area.height};
  l.map = {area.left, area.top, area.width - ladderWidth, area.height};
  // A margin so markers and their labels at the focus's edge stay inside the map; the insets
  // (header, legend) are kept free when the map is tall enough.
  const float margin = mapMargin(l.map, scale);
  float top = l.map.top + margin, bottom = l.map.top + l.map.height - margin;
  if (insetsFit(l.map, scale, topInset, bottomInset)) {
    top += topInset;
    bottom -= bottomInset;
  }
  const float w = std::max(l.map.width - 2 * margin, 1.0f), h = std::max(bottom - top, 1.0f);
  const float a = aspect > 0 ? aspect : 1.0f;
  // The whole frame as it would fit (contain); the focus may zoom in up to twice that.
  const float containW = std::min(w, h * a);
  const float fx = std::max(focus.width, 0.05f), fy = std::max(focus.height, 0.05f);
  const float fw = std::clamp(std::min(w / fx, h * a / fy), containW, containW * 2), fh = fw / a;
  const float cx = l.map.left + l.map.width / 2, cy = (top + bottom) / 2;
  l.frame = {cx - (focus.left + fx / 2) * fw, cy - (focus.top + fy / 2) * fh, fw, fh};
  return l;
}

int currentRung(const LadderDef& ladder, const std::string& rungName, double tension,
                const std::string& language) {
  if (ladder.rungs.empty()) return -1;
  for (std::size_t r = 0; r < ladder.rungs.size(); ++r) {
    const RungDef& rung = ladder.rungs[r];
    if (!rungName.empty() && (rung.id == rungName || rung.name.get(language) == rungName))
      return static_cast<int>(r);
  }
  int rung = 0;
  for (std::size_t r = 0; r < ladder.rungs.size(); ++r)
    if (tension >= ladder.rungs[r].threshold) rung = static_cast<int>(r);
  return rung;
}

double ladderTop(const LadderDef& ladder, double tension) {
  double top = 100;
  if (!ladder.rungs.empty()) top = std::max(top, ladder.rungs.back().threshold + 10);
  return std::max(top, tension);
}

std::vector<float> ladderRungY(const LadderDef& ladder, double topTension, float top, float bottom,
                               float minGap) {
  const std::size_t n = ladder.rungs.size();
  std::vector<float> y(n);
  if (n == 0) return y;
  const float span = bottom - top;
  // Room for the top rung's band above it too: the last rung stands at most one gap below top.
  const float usable = span - minGap;
  if (usable <= 0 || static_cast<float>(n - 1) * minGap > usable) {
    const float step = span / static_cast<float>(n);
    for (std::size_t i = 0; i < n; ++i) y[i] = bottom - step * static_cast<float>(i);
    return y;
  }
  for (std::size_t i = 0; i < n; ++i) {
    const double t = std::clamp(ladder.rungs[i].threshold / topTension, 0.0, 1.0);
    y[i] = bottom - static_cast<float>(t) * span;
  }
  for (std::size_t i = 1; i < n; ++i) y[i] = std::min(y[i], y[i - 1] - minGap);
  y[n - 1] = std::max(y[n - 1], top + minGap);
  for (std::size_t i = n - 1; i-- > 0;) y[i] = std::max(y[i], y[i + 1] + minGap);
  return y;
}

float ladderTensionY(const LadderDef& ladder, const std::vector<float>& rungY, double topTension, float top,
                     double tension) {
  const std::size_t n = std::min(ladder.rungs.size(), rungY.size());
  if (n == 0) return top;
  if (tension <= ladder.rungs[0].threshold) return rungY[0];
  for (std::size_t i = 0; i < n; ++i) {
    const double t0 = ladder.rungs[i].threshold;
    const double t1 = i + 1 < n ? ladder.rungs[i + 1].threshold : topTension;
    const float y0 = rungY[i], y1 = i + 1 < n ? rungY[i + 1] : top;
    if (tension < t1 || i + 1 == n) {
      const double f = t1 > t0 ? std::clamp((tension - t0) / (t1 - t0), 0.0, 1.0) : 0.0;
      return y0 + static_cast<float>(f) * (y1 - y0);
    }
  }
  return top;
}

std::vector<std::string> offRampNames(const ScenarioDef& def, int rung, std::string_view language) {
  std::vector<std::string> names;
  if (rung < 0 || static_cast<std::size_t>(rung) >= def.ladder.rungs.size()) return names;
  for (int m : def.ladder.rungs[static_cast<std::size_t>(rung)].offRamps) {
    if (m < 0 || static_cast<std::size_t>(m) >= def.measures.size()) continue;
    const MeasureDef& measure = def.measures[static_cast<std::size_t>(m)];
    const std::string& name =
        measure.name.get(language.empty() ? std::string_view(def.language) : language, def.language);
    names.push_back(name.empty() ? measure.id : name);
  }
  return names;
}

int deescalatoryCount(const ScenarioDef& def) {
  return static_cast<int>(std::count_if(def.measures.begin(), def.measures.end(), [](const MeasureDef& m) {
    return m.escalation == EscalationTag::Deescalatory;
  }));
}

namespace {

float overlap(const sf::FloatRect& a, const sf::FloatRect& b) {
  sf::FloatRect i;
  return a.intersects(b, i) ? i.width * i.height : 0.0f;
}

// A marker, the header or the legend hidden by a label counts this many times its area: a
// label's corner over another label's plate is still read, a marker under a label is lost.
constexpr float kObstacleWeight = 8;

}  // namespace

std::vector<sf::Vector2f> placeLabels(const std::vector<sf::Vector2f>& anchors,
                                      const std::vector<sf::Vector2f>& sizes, float radius,
                                      const sf::FloatRect& bounds,
                                      const std::vector<sf::FloatRect>& obstacles) {
  std::vector<sf::Vector2f> corners;
  std::vector<sf::FloatRect> placed;
  const std::size_t n = std::min(anchors.size(), sizes.size());
  for (std::size_t i = 0; i < n; ++i) {
    const sf::Vector2f a = anchors[i], s = sizes[i];
    std::vector<sf::Vector2f> candidates;
    // Close to the marker first, then further out (a crowded map: drawn with a leader line).
    for (const float far : {1.0f, 2.2f, 3.6f, 5.2f}) {
      const float gap = radius * far + 3, d = gap * 0.75f;
      candidates.insert(candidates.end(), {{a.x - s.x / 2, a.y + gap},
                                           {a.x - s.x / 2, a.y - gap - s.y},
                                           {a.x + gap, a.y - s.y / 2},
                                           {a.x - gap - s.x, a.y - s.y / 2},
                                           {a.x + d, a.y + d},
                                           {a.x - d - s.x, a.y + d},
                                           {a.x + d, a.y - d - s.y},
                                           {a.x - d - s.x, a.y - d - s.y}});
    }
    sf::Vector2f chosen = candidates[0];
    float best = -1;
    for (const sf::Vector2f& c : candidates) {
      const sf::FloatRect box(c, s);
      // What it would hide: labels placed before and obstacles count by area; what falls
      // outside the bounds counts double (it would not be read at all).
      float score = 2 * (box.width * box.height - overlap(box, bounds));
      for (const sf::FloatRect& p : placed) score += overlap(box, p);
      for (const sf::FloatRect& o : obstacles) score += kObstacleWeight * overlap(box, o);
      if (best < 0 || score < best) {
        best = score;
        chosen = c;
      }
      if (score <= 0) break;
    }
    corners.push_back(chosen);
    placed.emplace_back(chosen, s);
  }
  return corners;
}

sf::Vector2f nearestPoint(const sf::FloatRect& box, sf::Vector2f p) {
  return {std::clamp(p.x, box.left, box.left + box.width), std::clamp(p.y, box.top, box.top + box.height)};
}

float labelsHidden(const std::vector<sf::Vector2f>& corners, const std::vector<sf::Vector2f>& sizes,
                   const sf::FloatRect& bounds, const std::vector<sf::FloatRect>& obstacles) {
  float hidden = 0;
  const std::size_t n = std::min(corners.size(), sizes.size());
  for (std::size_t i = 0; i < n; ++i) {
    const sf::FloatRect box(corners[i], sizes[i]);
    hidden += 2 * (box.width * box.height - overlap(box, bounds));
    for (std::size_t j = i + 1; j < n; ++j) hidden += overlap(box, sf::FloatRect(corners[j], sizes[j]));
    for (const sf::FloatRect& o : obstacles) hidden += kObstacleWeight * overlap(box, o);
  }
  return hidden;
}

std::vector<std::string> wrapWords(const std::string& text, float maxWidth,
                                   const std::function<float(const std::string&)>& width) {
  std::vector<std::string> lines;
  std::istringstream words(text);
  std::string word, line;
  while (words >> word) {
    const std::string candidate = line.empty() ? word : line + " " + word;
    if (line.empty() || width(candidate) <= maxWidth) {
      line = candidate;
    } else {
      lines.push_back(line);
      line = word;
    }
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

// [SECTION] Animation

float PulseTiming::length(std::size_t pulses) const {
  if (pulses == 0) return 0;
  return stagger * static_cast<float>(pulses - 1) + travel + ring;
}

float PulseTiming::travelAt(std::size_t i, float t) const {
  const float local = t - stagger * static_cast<float>(i);
  if (local < 0) return -1;
  if (local >= travel) return 1;
  return local / travel;
}

float PulseTiming::ringAt(std::size_t i, float t) const {
  const float local = t - stagger * static_cast<float>(i) - travel;
  if (local < 0) return -1;
  if (local >= ring) return 2;
  return local / ring;
}

PulseTiming pulseTiming(std::size_t pulses) {
  PulseTiming timing;
  // Many measures at once: squeeze the stagger so the whole animation stays short.
  if (pulses > 1) timing.stagger = std::min(0.2f, 1.2f / static_cast<float>(pulses - 1));
  return timing;
}

}  // namespace demarche::ui
