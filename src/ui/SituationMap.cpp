#include "ui/SituationMap.hpp"

#include <SFML/Graphics/CircleShape.hpp>
#include <SFML/Graphics/ConvexShape.hpp>
#include <SFML/Graphics/RectangleShape.hpp>
#include <SFML/Graphics/Text.hpp>
#include <SFML/Graphics/VertexArray.hpp>
#include <SFML/Graphics/View.hpp>
#include <algorithm>
#include <cmath>
#include <fstream>
#include <map>
#include <numbers>

#include "core/Names.hpp"

namespace demarche::ui {

namespace {

// [SECTION] Palette (dark navy, for a projector)

const sf::Color kBackground(9, 17, 34);
const sf::Color kGraticule(22, 35, 60);
const sf::Color kLand(27, 42, 68);
const sf::Color kCoast(74, 100, 138);
const sf::Color kBorder(50, 70, 102);
const sf::Color kPanel(13, 23, 44);
const sf::Color kPanelEdge(44, 64, 100);
const sf::Color kText(232, 238, 248);
const sf::Color kMuted(150, 166, 192);
const sf::Color kShadow(6, 11, 24);
const sf::Color kOwn(255, 204, 64);
const sf::Color kIncident(255, 122, 48);
const sf::Color kOffRamp(104, 222, 142);
const sf::Color kPulseOk(150, 228, 255);  // not the own actor's gold
const sf::Color kPulseFailed(236, 96, 88);

// The words of the map in the window's language, set by draw() for the frame being drawn.
const Strings* g_words = nullptr;
std::string g_language;  // of scenario texts, set by draw() too
const char* tr(const char* english) { return g_words ? (*g_words)(english) : english; }
std::string sectorWord(const std::string& yaml) {
  const std::string_view english = displayNameFor(kSectorNames, yaml);
  return std::string(g_words ? g_words->word(english) : english);
}

sf::Uint8 u8(double v) { return static_cast<sf::Uint8>(std::clamp(std::lround(v), 0L, 255L)); }

sf::Color mix(sf::Color a, sf::Color b, double t) {
  return {u8(a.r + (b.r - a.r) * t), u8(a.g + (b.g - a.g) * t), u8(a.b + (b.b - a.b) * t),
          u8(a.a + (b.a - a.a) * t)};
}

sf::Color withAlpha(sf::Color c, double alpha) {
  c.a = u8(alpha);
  return c;
}

unsigned px(float base, float scale) {
  return static_cast<unsigned>(std::max(1L, std::lround(base * scale)));
}

// [SECTION] Drawing helpers

// A segment of width `w` as two triangles.
void addLine(sf::VertexArray& tris, sf::Vector2f a, sf::Vector2f b, float w, sf::Color c) {
  const sf::Vector2f d = b - a;
  const float len = std::sqrt(d.x * d.x + d.y * d.y);
  if (len <= 0) return;
  const sf::Vector2f n(-d.y / len * w / 2, d.x / len * w / 2);
  const sf::Vertex v[] = {{a + n, c}, {b + n, c}, {b - n, c}, {a - n, c}};
  for (int i : {0, 1, 2, 0, 2, 3}) tris.append(v[i]);
}

sf::Text makeText(const sf::Font& font, const std::string& utf8, unsigned size, sf::Color color,
                  float outline = 0, sf::Uint32 style = sf::Text::Regular) {
  sf::Text t(sf::String::fromUtf8(utf8.begin(), utf8.end()), font, size);
  t.setFillColor(color);
  t.setStyle(style);
  if (outline > 0) {
    t.setOutlineColor(kShadow);
    t.setOutlineThickness(outline);
  }
  return t;
}

float textWidth(const sf::Font& font, const std::string& utf8, unsigned size,
                sf::Uint32 style = sf::Text::Regular) {
  sf::Text t = makeText(font, utf8, size, kText, 0, style);
  return t.getLocalBounds().width;
}

// Draws `text` with its top-left at `pos` (whole pixels: crisp glyphs).
void drawText(sf::RenderTarget& target, sf::Text text, sf::Vector2f pos) {
  text.setPosition(std::round(pos.x), std::round(pos.y));
  target.draw(text);
}

sf::ConvexShape polygon(std::initializer_list<sf::Vector2f> pts, sf::Color fill) {
  sf::ConvexShape s(pts.size());
  std::size_t i = 0;
  for (const sf::Vector2f& p : pts) s.setPoint(i++, p);
  s.setFillColor(fill);
  return s;
}

// The marker of an actor by its kind: a circle for a state, a diamond for a bloc or an
// organisation, a triangle for a non-state group, a square for a company.
sf::ConvexShape actorMarker(const std::string& kind, sf::Vector2f c, float r, sf::Color fill) {
  if (kind == "bloc" || kind == "organisation")
    return polygon(
        {{c.x, c.y - r * 1.25f}, {c.x + r * 1.25f, c.y}, {c.x, c.y + r * 1.25f}, {c.x - r * 1.25f, c.y}},
        fill);
  if (kind == "non_state")
    return polygon(
        {{c.x, c.y - r * 1.3f}, {c.x + r * 1.2f, c.y + r * 0.85f}, {c.x - r * 1.2f, c.y + r * 0.85f}}, fill);
  if (kind == "company")
    return polygon({{c.x - r * 0.9f, c.y - r * 0.9f},
                    {c.x + r * 0.9f, c.y - r * 0.9f},
                    {c.x + r * 0.9f, c.y + r * 0.9f},
                    {c.x - r * 0.9f, c.y + r * 0.9f}},
                   fill);
  sf::ConvexShape s(24);
  for (std::size_t i = 0; i < 24; ++i) {
    const double a = 2 * std::numbers::pi * static_cast<double>(i) / 24;
    s.setPoint(i, {c.x + r * static_cast<float>(std::cos(a)), c.y + r * static_cast<float>(std::sin(a))});
  }
  s.setFillColor(fill);
  return s;
}

void drawRing(sf::RenderTarget& target, sf::Vector2f c, float r, float thickness, sf::Color color) {
  sf::CircleShape ring(r, 48);
  ring.setOrigin(r, r);
  ring.setPosition(c);
  ring.setFillColor(sf::Color::Transparent);
  ring.setOutlineThickness(thickness);
  ring.setOutlineColor(color);
  target.draw(ring);
}

void drawDot(sf::RenderTarget& target, sf::Vector2f c, float r, sf::Color color) {
  sf::CircleShape dot(r, 32);
  dot.setOrigin(r, r);
  dot.setPosition(c);
  dot.setFillColor(color);
  target.draw(dot);
}

// A warning triangle with an exclamation mark, centred on `c`.
void drawIncidentMarker(sf::RenderTarget& target, sf::Vector2f c, float s, float scale) {
  sf::ConvexShape tri = polygon(
      {{c.x, c.y - s}, {c.x + s * 1.1f, c.y + s * 0.8f}, {c.x - s * 1.1f, c.y + s * 0.8f}}, kIncident);
  tri.setOutlineColor(kShadow);
  tri.setOutlineThickness(1.5f * scale);
  target.draw(tri);
  sf::RectangleShape bar({std::max(2.0f, 0.22f * s), 0.75f * s});
  bar.setOrigin(bar.getSize().x / 2, 0);
  bar.setPosition(c.x, c.y - 0.5f * s);
  bar.setFillColor(kShadow);
  target.draw(bar);
  drawDot(target, {c.x, c.y + 0.5f * s}, std::max(1.2f, 0.13f * s), kShadow);
}

void panel(sf::RenderTarget& target, const sf::FloatRect& r, float scale,
           sf::Color fill = withAlpha(kPanel, 225)) {
  sf::RectangleShape box({r.width, r.height});
  box.setPosition(r.left, r.top);
  box.setFillColor(fill);
  box.setOutlineColor(kPanelEdge);
  box.setOutlineThickness(std::max(1.0f, scale));
  target.draw(box);
}

sf::Color rungColor(std::size_t i, std::size_t n, bool armed) {
  if (armed) return {178, 32, 44};
  const double t = n > 1 ? static_cast<double>(i) / static_cast<double>(n - 1) : 0;
  const sf::Color calm(38, 146, 128), warm(226, 168, 46), hot(214, 64, 52);
  return t < 0.5 ? mix(calm, warm, t * 2) : mix(warm, hot, (t - 0.5) * 2);
}

struct Placed {
  const ActorSummary* summary = nullptr;
  const ActorDef* def = nullptr;
  sf::Vector2f pos;
  sf::Color color;
};

}  // namespace

// [SECTION] Public functions

sf::Color trustColor(double trust) {
  const double t = std::clamp(trust, -100.0, 100.0) / 100.0;
  const sf::Color hostile(232, 72, 62), neutral(150, 158, 172), friendly(72, 204, 112);
  return t < 0 ? mix(neutral, hostile, -t) : mix(neutral, friendly, t);
}

sf::Color actorColor(const std::string& hex, std::size_t index) {
  static const sf::Color palette[] = {{31, 119, 180}, {214, 39, 40},  {44, 160, 44},  {148, 103, 189},
                                      {255, 127, 14}, {23, 190, 207}, {188, 189, 34}, {227, 119, 194}};
  sf::Color c = palette[index % std::size(palette)];
  if (hex.size() == 7 && hex[0] == '#' && std::all_of(hex.begin() + 1, hex.end(), [](char ch) {
        return std::isxdigit(static_cast<unsigned char>(ch)) != 0;
      })) {
    const unsigned long v = std::stoul(hex.substr(1), nullptr, 16);
    c = sf::Color(static_cast<sf::Uint8>((v >> 16) & 0xff), static_cast<sf::Uint8>((v >> 8) & 0xff),
                  static_cast<sf::Uint8>(v & 0xff));
  }
  // Relative luminance; dark colours (#003399, #444444) are lifted towards white.
  // A colour that is dim overall (a low maximum) or dark to the eye (luminance) is lifted.
  const double lum = (0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b) / 255.0;
  const double peak = std::max({c.r, c.g, c.b}) / 255.0;
  if (lum < 0.22 || peak < 0.66)
    c = mix(c, sf::Color(235, 240, 250), std::max(0.3 - lum, 0.66 - peak) + 0.25);
  return c;
}

bool SituationMap::loadOutlines(const std::string& assetsDir, std::string& warning) {
  const std::string path = assetsDir + "/map/europe-110m.txt";
  std::ifstream in(path);
  if (!in) {
    warning = "map outlines not found (" + path + "): the map is drawn without them";
    m_outlines = {};
    return false;
  }
  MapOutlines loaded;
  std::string error;
  if (!parseOutlines(in, loaded, error)) {
    warning = "map outlines unreadable (" + path + ", " + error + "): the map is drawn without them";
    m_outlines = {};
    return false;
  }
  m_outlines = std::move(loaded);
  warning.clear();
  return true;
}

void SituationMap::animate(std::vector<MapPulse> pulses) {
  m_pulses = std::move(pulses);
  m_timing = pulseTiming(m_pulses.size());
  m_animLength = m_timing.length(m_pulses.size());
  m_animT = 0;
}

bool SituationMap::update(float dtSeconds) {
  if (dtSeconds > 0 && !m_pulses.empty()) m_animT = std::min(m_animT + dtSeconds, m_animLength);
  return animating();
}

// [SECTION] Drawing

void SituationMap::draw(sf::RenderTarget& target, const sf::FloatRect& area, const MapInput& input,
                        const sf::Font& font) const {
  g_words = input.words;
  g_language = input.language;
  if (area.width < 50 || area.height < 50) return;
  const float s = std::clamp(input.scale, 0.5f, 4.0f);
  const MapFrame frame = m_outlines.frame;
  const PublicSituation* sit = input.situation;
  const ScenarioDef* def = input.def;
  const float pad = 14 * s;
  bool ownSet = false;
  if (def && !input.ownActor.empty())
    for (const ActorDef& a : def->actors) ownSet = ownSet || a.id == input.ownActor;

  // Legend: a strip at the bottom left, its items flowed into rows (text a little smaller
  // than the labels': it is read once, not from the back of the room).
  const auto legendBlock = [&](const sf::FloatRect& mapRect, bool paint) {
    sf::FloatRect legend;
    const float ls = 1 + (s - 1) * 0.6f;
    const unsigned sz = px(13, ls);
    const float lh = font.getLineSpacing(sz) + 4 * ls, sym = 22 * ls, gapX = 18 * ls, lp = 10 * ls;
    struct Item {
      int symbol;  // 0..3 actor kinds, 4 incident, 5 own, 6 trust gradient
      std::string label;
    };
    std::vector<Item> items = {{6, ""},
                               {0, tr("state")},
                               {1, tr("bloc / organisation")},
                               {2, tr("non-state group")},
                               {3, tr("company")},
                               {4, tr("incident (on its victim)")}};
    if (ownSet) items.push_back({5, tr("your team")});
    const float gradW = 70 * ls;
    const auto itemWidth = [&](const Item& it) {
      if (it.symbol == 6)
        return textWidth(font, tr("trust: hostile"), sz) + gradW + textWidth(font, tr("friendly"), sz) +
               16 * ls;
      return sym + textWidth(font, it.label, sz);
    };
    const float maxW = std::max(mapRect.width - 2 * pad - 2 * lp, 100.0f);
    std::vector<std::vector<std::size_t>> rows(1);
    std::vector<float> rowW(1, 0);
    for (std::size_t i = 0; i < items.size(); ++i) {
      const float w = itemWidth(items[i]);
      if (!rows.back().empty() && rowW.back() + gapX + w > maxW) {
        rows.emplace_back();
        rowW.push_back(0);
      }
      rowW.back() += (rows.back().empty() ? 0 : gapX) + w;
      rows.back().push_back(i);
    }
    const float w = *std::max_element(rowW.begin(), rowW.end()) + 2 * lp;
    const float h = lh * static_cast<float>(rows.size()) + 2 * lp - 4 * ls;
    legend = {mapRect.left + pad, mapRect.top + mapRect.height - pad - h, w, h};
    if (!paint) return legend;
    panel(target, legend, ls);
    static const char* kinds[] = {"state", "bloc", "non_state", "company"};
    float ly = legend.top + lp;
    for (const auto& row : rows) {
      float lx = legend.left + lp;
      for (std::size_t i : row) {
        const Item& it = items[i];
        const sf::Vector2f c(lx + 8 * ls, ly + lh * 0.42f);
        if (it.symbol == 6) {
          drawText(target, makeText(font, tr("trust: hostile"), sz, kText), {lx, ly});
          const float gx = lx + textWidth(font, tr("trust: hostile"), sz) + 8 * ls;
          sf::VertexArray grad(sf::Triangles);
          for (int k = 0; k < 20; ++k) {
            const float x0 = gx + gradW * static_cast<float>(k) / 20,
                        x1 = gx + gradW * static_cast<float>(k + 1) / 20;
            addLine(grad, {x0, c.y}, {x1 + 0.5f, c.y}, 6 * ls, trustColor(-100 + 200.0 * (k + 0.5) / 20));
          }
          target.draw(grad);
          drawText(target, makeText(font, tr("friendly"), sz, kText), {gx + gradW + 8 * ls, ly});
        } else {
          if (it.symbol < 4) {
            sf::ConvexShape m = actorMarker(kinds[it.symbol], c, 6 * ls, kMuted);
            m.setOutlineColor(kText);
            m.setOutlineThickness(1.2f * ls);
            target.draw(m);
          } else if (it.symbol == 4) {
            drawIncidentMarker(target, c, 7 * ls, ls);
          } else {
            drawRing(target, c, 6.5f * ls, 2.5f * ls, kOwn);
          }
          drawText(target, makeText(font, it.label, sz, it.symbol == 5 ? kOwn : kText), {lx + sym, ly});
        }
        lx += itemWidth(it) + gapX;
      }
      ly += lh;
    }
    return legend;
  };

  // The frame is placed so the actors fill the map between the header and the legend.
  const sf::FloatRect mapRect = layoutMap(area, s, frame.aspect()).map;  // the map beside the ladder
  const sf::FloatRect legendRect = legendBlock(mapRect, false);
  // Each public incident's line ("Blackout in western Ukraine — Ukraine, energy"), wrapped to the
  // map's width: a long title in another language would run under the ladder.
  std::vector<std::vector<std::string>> incidentLines;
  if (sit) {
    const unsigned sz = px(14, s);
    const float room = std::max(mapRect.width - 2 * pad - 22 * s, 80 * s);
    for (const IncidentSummary& inc : sit->incidents) {
      std::string victim = inc.victim;
      for (const ActorSummary& a : sit->actors)
        if (a.id == inc.victim) victim = a.name;
      const std::string text =
          inc.title + "  \xE2\x80\x94 " + victim + (inc.sector.empty() ? "" : ", " + sectorWord(inc.sector));
      incidentLines.push_back(
          wrapWords(text, room, [&](const std::string& line) { return textWidth(font, line, sz); }));
    }
  }
  float headerH = pad;
  if (sit) {
    headerH += font.getLineSpacing(px(22, s)) + font.getLineSpacing(px(15, s)) + 10 * s;
    for (const auto& lines : incidentLines)
      headerH += static_cast<float>(lines.size()) * font.getLineSpacing(px(14, s)) + 2 * s;
  }
  sf::FloatRect focus(0, 0, 1, 1);
  if (def && !def->actors.empty()) {
    float x0 = 1, x1 = 0, y0 = 1, y1 = 0;
    for (const ActorDef& a : def->actors) {
      x0 = std::min(x0, static_cast<float>(a.mapX)), x1 = std::max(x1, static_cast<float>(a.mapX));
      y0 = std::min(y0, static_cast<float>(a.mapY)), y1 = std::max(y1, static_cast<float>(a.mapY));
    }
    // Room around the outermost markers for their labels.
    focus = {x0 - 0.07f, y0 - 0.08f, x1 - x0 + 0.14f, y1 - y0 + 0.16f};
  }
  // A map too short for both the header and the legend (a large scale on a small screen) drops
  // the legend, a key read once, so that the markers stay clear of both.
  const bool showLegend =
      insetsFit(mapRect, s, headerH, legendRect.height + pad) || !insetsFit(mapRect, s, headerH, 0);
  const MapLayout layout =
      layoutMap(area, s, frame.aspect(), focus, headerH, showLegend ? legendRect.height + pad : 0);
  m_lastLayout = layout;
  const sf::FloatRect& fr = layout.frame;
  const auto toPx = [&](sf::Vector2f p) {
    return sf::Vector2f(fr.left + p.x * fr.width, fr.top + p.y * fr.height);
  };
  const std::string language = !input.language.empty() ? input.language
                               : input.def             ? input.def->language
                                                       : std::string("en");

  // Everything of the map is clipped to its rectangle.
  const sf::View previous = target.getView();
  const sf::Vector2u size = target.getSize();
  sf::View clip(layout.map);
  clip.setViewport({layout.map.left / static_cast<float>(size.x), layout.map.top / static_cast<float>(size.y),
                    layout.map.width / static_cast<float>(size.x),
                    layout.map.height / static_cast<float>(size.y)});
  target.setView(clip);

  sf::RectangleShape bg({layout.map.width, layout.map.height});
  bg.setPosition(layout.map.left, layout.map.top);
  bg.setFillColor(kBackground);
  target.draw(bg);

  // Graticule every 10 degrees, then the land, the coasts and the borders.
  {
    sf::VertexArray lines(sf::Triangles);
    const float w = std::max(1.0f, s);
    for (int lon = -60; lon <= 100; lon += 10)
      addLine(lines, toPx(frame.project(lon, 10)), toPx(frame.project(lon, 85)), w, kGraticule);
    for (int lat = 10; lat <= 80; lat += 10)
      addLine(lines, toPx(frame.project(-60, lat)), toPx(frame.project(100, lat)), w, kGraticule);
    target.draw(lines);
  }
  if (hasOutlines()) {
    sf::VertexArray land(sf::Triangles, m_outlines.fill.size());
    for (std::size_t i = 0; i < m_outlines.fill.size(); ++i)
      land[i] = sf::Vertex(toPx(m_outlines.fill[i]), kLand);
    target.draw(land);
    sf::VertexArray edges(sf::Triangles);
    const float coastWidth = 1.3f * s;
    for (const auto& poly : m_outlines.polygons)
      for (std::size_t i = 0; i < poly.size(); ++i)
        addLine(edges, toPx(poly[i]), toPx(poly[(i + 1) % poly.size()]), coastWidth, kCoast);
    for (const auto& line : m_outlines.borders)
      for (std::size_t i = 0; i + 1 < line.size(); ++i)
        addLine(edges, toPx(line[i]), toPx(line[i + 1]), coastWidth * 1.1f, kBorder);
    target.draw(edges);
  }

  // Actors: the public list, placed by their definitions.
  std::vector<Placed> actors;
  std::map<std::string, std::size_t> byId;
  if (def) {
    for (std::size_t i = 0; i < def->actors.size(); ++i) {
      const ActorDef& ad = def->actors[i];
      const ActorSummary* summary = nullptr;
      if (sit)
        for (const ActorSummary& a : sit->actors)
          if (a.id == ad.id) summary = &a;
      if (sit && !summary) continue;
      byId[ad.id] = actors.size();
      actors.push_back({summary, &ad,
                        toPx({static_cast<float>(std::clamp(ad.mapX, 0.0, 1.0)),
                              static_cast<float>(std::clamp(ad.mapY, 0.0, 1.0))}),
                        actorColor(ad.color, i)});
    }
  }
  ownSet = ownSet && byId.count(input.ownActor) > 0;

  // Relations: one line per pair, coloured by the mean of the two directions' trust; weak
  // ties (|trust| < 15) are left out so the strong ones read.
  if (sit) {
    std::map<std::pair<std::size_t, std::size_t>, std::pair<double, int>> pairs;
    for (const TrustLine& t : sit->trust) {
      auto a = byId.find(t.from), b = byId.find(t.to);
      if (a == byId.end() || b == byId.end()) continue;
      auto key = std::minmax(a->second, b->second);
      auto& acc = pairs[{key.first, key.second}];
      acc.first += t.trust;
      acc.second += 1;
    }
    sf::VertexArray back(sf::Triangles), front(sf::Triangles);
    for (const auto& [key, acc] : pairs) {
      const double trust = acc.first / acc.second;
      if (std::abs(trust) < 15) continue;
      const bool mine = ownSet && (actors[key.first].def->id == input.ownActor ||
                                   actors[key.second].def->id == input.ownActor);
      const double strength = std::abs(trust) / 100;
      const float width = static_cast<float>(1.5 + 3.5 * strength) * s;
      double alpha = 120 + 110 * strength;
      if (ownSet && !mine) alpha *= 0.45;
      addLine(mine ? front : back, actors[key.first].pos, actors[key.second].pos, width,
              withAlpha(trustColor(trust), alpha));
    }
    target.draw(back);
    target.draw(front);
  }

  // The animation of this turn's measures.
  if (!m_pulses.empty() && m_animT < m_animLength) {
    for (std::size_t i = 0; i < m_pulses.size(); ++i) {
      const MapPulse& p = m_pulses[i];
      auto from = byId.find(p.from);
      if (from == byId.end()) continue;
      auto to = byId.find(p.to);
      const sf::Color c = p.succeeded ? kPulseOk : kPulseFailed;
      const sf::Vector2f a = actors[from->second].pos;
      const float travel = m_timing.travelAt(i, m_animT), ring = m_timing.ringAt(i, m_animT);
      if (travel < 0) continue;
      if (to != byId.end() && to->second != from->second) {
        const sf::Vector2f b = actors[to->second].pos;
        if (travel < 1) {
          const float e = 1 - (1 - travel) * (1 - travel);  // ease out
          const sf::Vector2f head = a + (b - a) * e;
          const sf::Vector2f tail = a + (b - a) * std::max(0.0f, e - 0.35f);
          sf::VertexArray trail(sf::Triangles);
          addLine(trail, tail, head, 3 * s, withAlpha(c, 150));
          target.draw(trail);
          drawDot(target, head, 11 * s, withAlpha(c, 70));
          drawDot(target, head, 5.5f * s, c);
        }
        if (ring >= 0 && ring <= 1)
          drawRing(target, b, (14 + 30 * ring) * s, 3 * s, withAlpha(c, 255 * (1 - ring)));
      } else {
        const float r = travel < 1 ? travel * 0.6f : 0.6f + 0.4f * std::clamp(ring, 0.0f, 1.0f);
        if (ring <= 1) drawRing(target, a, (14 + 34 * r) * s, 3 * s, withAlpha(c, 255 * (1 - r)));
      }
    }
  }

  // Markers, the own actor's halo, incident markers, then the labels on top.
  const float radius = 9 * s;
  std::map<std::size_t, int> incidentsOn;
  if (sit)
    for (const IncidentSummary& inc : sit->incidents)
      if (auto v = byId.find(inc.victim); v != byId.end()) ++incidentsOn[v->second];
  for (std::size_t i = 0; i < actors.size(); ++i) {
    const Placed& a = actors[i];
    const std::string kind = a.summary ? a.summary->kind : std::string();
    const bool own = ownSet && a.def->id == input.ownActor;
    if (own) {
      drawDot(target, a.pos, radius * 2.6f, withAlpha(kOwn, 50));
      drawRing(target, a.pos, radius * 1.9f, 3 * s, kOwn);
    }
    sf::ConvexShape marker = actorMarker(kind, a.pos, radius, a.color);
    marker.setOutlineColor(own ? kOwn : kText);
    marker.setOutlineThickness(2 * s);
    target.draw(marker);
    if (auto n = incidentsOn.find(i); n != incidentsOn.end()) {
      for (int k = 0; k < n->second; ++k)
        drawIncidentMarker(
            target, a.pos + sf::Vector2f((1.7f + 1.9f * static_cast<float>(k)) * radius, -1.5f * radius),
            radius * 0.95f, s);
    }
  }
  // Header: the scenario, the turn; the incidents in a list below. Its box is kept free of
  // actor labels.
  float y = layout.map.top + pad;
  float headerW = 0;
  if (sit) {
    sf::Text title = makeText(font, sit->title, px(22, s), kText, 2 * s, sf::Text::Bold);
    headerW = title.getLocalBounds().width;
    drawText(target, title, {layout.map.left + pad, y});
    y += font.getLineSpacing(px(22, s)) + 2 * s;
    std::string line =
        std::string(tr("Turn ")) + std::to_string(sit->turn) + tr(" of ") + std::to_string(sit->turns);
    if (!sit->phase.empty()) line += " \xC2\xB7 " + std::string(tr(sit->phase.c_str()));
    if (sit->paused) line += " \xC2\xB7 paused";
    headerW = std::max(headerW, textWidth(font, line, px(15, s)));
    drawText(target, makeText(font, line, px(15, s), kMuted, 2 * s), {layout.map.left + pad, y});
    y += font.getLineSpacing(px(15, s)) + 8 * s;
    for (const auto& lines : incidentLines) {
      const unsigned sz = px(14, s);
      const float lh = font.getLineSpacing(sz);
      drawIncidentMarker(target, {layout.map.left + pad + 8 * s, y + lh * 0.55f}, 7.5f * s, s);
      for (const std::string& text : lines) {
        headerW = std::max(headerW, 22 * s + textWidth(font, text, sz));
        drawText(target, makeText(font, text, sz, kIncident, 2 * s), {layout.map.left + pad + 22 * s, y});
        y += lh;
      }
      y += 2 * s;
    }
  }
  if (!def) {
    drawText(target, makeText(font, tr("No scenario loaded"), px(20, s), kMuted, 2 * s),
             {layout.map.left + pad, y});
  }
  const sf::FloatRect header(layout.map.left, layout.map.top, headerW + 2 * pad, y - layout.map.top);

  const sf::FloatRect legend = showLegend ? legendBlock(layout.map, true) : sf::FloatRect();

  // Actor labels, placed so they hide neither each other, nor the markers, the header or the
  // legend; long names on two lines. On a crowded map (many actors, a large UI scale) the labels
  // shrink, down to 60 % but never below 13 px, until they hide (almost) nothing; else the size
  // that hides least.
  {
    std::vector<sf::Vector2f> anchors;
    std::vector<sf::FloatRect> obstacles = {header, legend};
    for (const Placed& a : actors) {
      const bool own = ownSet && a.def->id == input.ownActor;
      anchors.push_back(a.pos);
      const float r = radius * (own ? 2.2f : 1.3f);
      obstacles.emplace_back(a.pos - sf::Vector2f(r, r), sf::Vector2f(2 * r, 2 * r));
    }
    unsigned nameSize = 0, tagSize = 0;
    std::vector<sf::Vector2f> sizes, corners;
    std::vector<std::vector<std::string>> names;
    float leastHidden = -1;
    for (const float f : {1.0f, 0.9f, 0.8f, 0.7f, 0.6f}) {
      if (f < 1 && 16 * f * s < 12.5f) break;  // never below 13 px: read from the back of a room
      const unsigned nSize = px(16 * f, s), tSize = px(11.5f * f, s);
      const float maxLabelW = 210 * s * f;
      std::vector<sf::Vector2f> trySizes;
      std::vector<std::vector<std::string>> tryNames;
      for (const Placed& a : actors) {
        std::string name = a.summary ? a.summary->name : a.def->name.get(language, input.def->language);
        if (name.empty()) name = a.def->id;
        const bool own = ownSet && a.def->id == input.ownActor;
        const sf::Uint32 style = own ? sf::Text::Bold : sf::Text::Regular;
        tryNames.push_back(wrapWords(name, maxLabelW,
                                     [&](const std::string& t) { return textWidth(font, t, nSize, style); }));
        float w = 0;
        for (const std::string& line : tryNames.back()) w = std::max(w, textWidth(font, line, nSize, style));
        float h = font.getLineSpacing(nSize) * static_cast<float>(tryNames.back().size());
        if (own) {
          w = std::max(w, textWidth(font, tr("YOUR TEAM"), tSize, sf::Text::Bold));
          h += font.getLineSpacing(tSize);
        }
        trySizes.push_back({w + 4 * s, h});
      }
      std::vector<sf::Vector2f> tryCorners =
          placeLabels(anchors, trySizes, radius * 1.6f, layout.map, obstacles);
      const float hidden = labelsHidden(tryCorners, trySizes, layout.map, obstacles);
      float labelArea = 0;
      for (const sf::Vector2f& z : trySizes) labelArea += z.x * z.y;
      if (leastHidden < 0 || hidden < leastHidden) {
        leastHidden = hidden;
        nameSize = nSize;
        tagSize = tSize;
        sizes = std::move(trySizes);
        names = std::move(tryNames);
        corners = std::move(tryCorners);
      }
      // Good enough: the labels hide less than 3 % of their own area (a corner of a plate).
      if (hidden <= 0.03f * labelArea) break;
    }
    // A label set further out than its marker's ring is joined to it by a leader line (all the
    // lines first, so that none runs over a label).
    for (std::size_t i = 0; i < actors.size(); ++i) {
      const sf::Vector2f end = nearestPoint(sf::FloatRect(corners[i], sizes[i]), actors[i].pos);
      const sf::Vector2f d = end - actors[i].pos;
      if (const float len = std::sqrt(d.x * d.x + d.y * d.y); len > radius * 3) {
        const sf::Vector2f from = actors[i].pos + d * (radius * 1.2f / len);
        const sf::Vertex line[] = {sf::Vertex(from, withAlpha(kText, 140)),
                                   sf::Vertex(end, withAlpha(kText, 140))};
        target.draw(line, 2, sf::Lines);
      }
    }
    for (std::size_t i = 0; i < actors.size(); ++i) {
      const bool own = ownSet && actors[i].def->id == input.ownActor;
      sf::Vector2f c = corners[i] + sf::Vector2f(2 * s, 0);
      // A translucent plate: a label stays readable over lines and over another label.
      sf::RectangleShape plate(sizes[i] + sf::Vector2f(4 * s, 2 * s));
      plate.setPosition(corners[i]);
      plate.setFillColor(withAlpha(kBackground, 150));
      target.draw(plate);
      for (const std::string& line : names[i]) {
        sf::Text t = makeText(font, line, nameSize, own ? kOwn : kText, 2.5f * s,
                              own ? sf::Text::Bold : sf::Text::Regular);
        // Centre each line in the label's box.
        const float lw = t.getLocalBounds().width;
        drawText(target, t, c + sf::Vector2f((sizes[i].x - 4 * s - lw) / 2, 0));
        c.y += font.getLineSpacing(nameSize);
      }
      if (own) {
        sf::Text t = makeText(font, tr("YOUR TEAM"), tagSize, kOwn, 2 * s, sf::Text::Bold);
        drawText(target, t, c + sf::Vector2f((sizes[i].x - 4 * s - t.getLocalBounds().width) / 2, 0));
      }
    }
  }

  if (sit && !sit->ending.empty()) {
    // The banner fits the map: its text shrinks (to half) and then wraps, never runs off it.
    const std::string text = std::string(tr("Ending: ")) + sit->ending;
    const float room = layout.map.width - 36 * s - 16 * s;
    unsigned sz = px(24, s);
    for (float f = 1.0f; f >= 0.5f; f -= 0.1f) {
      sz = px(24 * f, s);
      if (textWidth(font, text, sz, sf::Text::Bold) <= room) break;
    }
    const std::vector<std::string> lines = wrapWords(
        text, room, [&](const std::string& line) { return textWidth(font, line, sz, sf::Text::Bold); });
    float textW = 0;
    for (const std::string& line : lines) textW = std::max(textW, textWidth(font, line, sz, sf::Text::Bold));
    const float lh = font.getLineSpacing(sz);
    const float w = textW + 36 * s, h = lh * static_cast<float>(lines.size()) + 20 * s;
    const sf::FloatRect box(layout.map.left + (layout.map.width - w) / 2,
                            layout.map.top + layout.map.height * 0.42f, w, h);
    panel(target, box, s, withAlpha(sf::Color(60, 20, 28), 235));
    float ty = box.top + 8 * s;
    for (const std::string& line : lines) {
      drawText(target, makeText(font, line, sz, kText, 0, sf::Text::Bold), {box.left + 18 * s, ty});
      ty += lh;
    }
  }

  target.setView(previous);
  if (def) drawLadder(target, layout.ladder, *def, sit, font, s);
}

void SituationMap::drawLadder(sf::RenderTarget& target, const sf::FloatRect& col, const ScenarioDef& def,
                              const PublicSituation* sit, const sf::Font& font, float s) const {
  const LadderDef& ladder = def.ladder;
  const std::string& lang = g_language.empty() ? def.language : g_language;
  sf::RectangleShape bg({col.width, col.height});
  bg.setPosition(col.left, col.top);
  bg.setFillColor(kPanel);
  target.draw(bg);
  sf::RectangleShape edge({std::max(1.0f, 1.5f * s), col.height});
  edge.setPosition(col.left, col.top);
  edge.setFillColor(kPanelEdge);
  target.draw(edge);

  const float pad = 14 * s;
  const double tension = sit ? sit->tension : ladder.initialTension;
  const int current = currentRung(ladder, sit ? sit->rung : std::string(), tension, lang);
  const std::size_t n = ladder.rungs.size();
  float y = col.top + pad;
  const float innerW = col.width - 2 * pad;

  drawText(target, makeText(font, tr("ESCALATION LADDER"), px(14, s), kMuted, 0, sf::Text::Bold),
           {col.left + pad, y});
  y += font.getLineSpacing(px(14, s)) + 2 * s;
  {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f", tension);
    const sf::Color c = current >= 0
                            ? rungColor(static_cast<std::size_t>(current), n,
                                        ladder.rungs[static_cast<std::size_t>(current)].armedConflict)
                            : kText;
    sf::Text label = makeText(font, tr("Tension "), px(18, s), kText);
    drawText(target, label, {col.left + pad, y + 6 * s});
    drawText(target, makeText(font, buf, px(26, s), mix(c, kText, 0.35), 0, sf::Text::Bold),
             {col.left + pad + label.getLocalBounds().width + 6 * s, y});
    y += font.getLineSpacing(px(26, s)) + 8 * s;
  }

  // The off-ramps of the current rung, at the bottom.
  const unsigned rampSize = px(14, s), noteSize = px(12, s), headSize = px(13, s);
  const auto measure = [&](unsigned size) {
    return [&font, size](const std::string& t) { return textWidth(font, t, size); };
  };
  std::vector<std::vector<std::string>> ramps;
  for (const std::string& name : offRampNames(def, current, lang))
    ramps.push_back(wrapWords(name, innerW - 18 * s, measure(rampSize)));
  const int deesc = deescalatoryCount(def);
  std::vector<std::string> note =
      wrapWords(ramps.empty() ? std::string(tr("No off-ramp named for this rung; ")) + std::to_string(deesc) +
                                    tr(" de-escalatory measures in the catalogue")
                              : std::to_string(deesc) + tr(" de-escalatory measures in the catalogue"),
                innerW, measure(noteSize));
  const auto rampHeight = [&] {
    float h = font.getLineSpacing(headSize) + 6 * s;
    for (const auto& lines : ramps)
      h += font.getLineSpacing(rampSize) * static_cast<float>(lines.size()) + 3 * s;
    return h + 4 * s + font.getLineSpacing(noteSize) * static_cast<float>(note.size());
  };
  // The off-ramps take at most half of the column under the header, so the ladder keeps room
  // for its rungs (a large scale in a small window): the catalogue's count goes first, then the
  // last off-ramps, counted in a "+N more" line.
  const float rampRoom = 0.5f * (col.top + col.height - pad - y);
  std::size_t dropped = 0;
  if (rampHeight() > rampRoom && !ramps.empty()) note.clear();
  while (rampHeight() > rampRoom && ramps.size() > 1) {
    ramps.pop_back();
    ++dropped;
    std::string more("+");  // appended: GCC 12 misreads "+" + string as an overlapping copy
    more += std::to_string(dropped);
    more += tr(" more off-ramps");
    note = {more};
  }
  const float rampH = rampHeight();
  float ry = col.top + col.height - pad - rampH;
  sf::RectangleShape sep({innerW, std::max(1.0f, s)});
  sep.setPosition(col.left + pad, ry - 10 * s);
  sep.setFillColor(kPanelEdge);
  target.draw(sep);
  drawText(target, makeText(font, tr("OFF-RAMPS FROM HERE"), headSize, kOffRamp, 0, sf::Text::Bold),
           {col.left + pad, ry});
  ry += font.getLineSpacing(headSize) + 6 * s;
  for (const auto& lines : ramps) {
    const float lh = font.getLineSpacing(rampSize);
    // A down chevron as the bullet: a step down the ladder.
    const sf::Vector2f c(col.left + pad + 6 * s, ry + lh * 0.5f);
    sf::VertexArray chev(sf::Triangles);
    addLine(chev, {c.x - 5 * s, c.y - 3 * s}, {c.x, c.y + 2.5f * s}, 2.2f * s, kOffRamp);
    addLine(chev, {c.x, c.y + 2.5f * s}, {c.x + 5 * s, c.y - 3 * s}, 2.2f * s, kOffRamp);
    target.draw(chev);
    for (const std::string& line : lines) {
      drawText(target, makeText(font, line, rampSize, kText), {col.left + pad + 18 * s, ry});
      ry += lh;
    }
    ry += 3 * s;
  }
  ry += 4 * s;
  for (const std::string& line : note) {
    drawText(target, makeText(font, line, noteSize, kMuted), {col.left + pad, ry});
    ry += font.getLineSpacing(noteSize);
  }
  if (n == 0) return;

  // The bar: one band per rung from its threshold up to the next one.
  const float barTop = y + 6 * s, barBottom = col.top + col.height - pad - rampH - 26 * s;
  const float markerW = 16 * s, barX = col.left + pad + markerW + 4 * s, barW = 12 * s;
  const float labelX = barX + barW + 10 * s, labelW = col.left + col.width - pad - labelX;
  // The labels shrink (down to 60 %) until every rung's label fits in its band.
  unsigned nameSize = 0, curSize = 0, smallSize = 0;
  std::vector<std::vector<std::string>> names(n);
  float minGap = 0;
  for (float fit = 1.0f; fit > 0.55f; fit -= 0.1f) {
    nameSize = px(15 * fit, s), curSize = px(16 * fit, s), smallSize = px(11.5f * fit, s);
    minGap = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const RungDef& r = ladder.rungs[i];
      const std::string& nm = r.name.get(lang, def.language);
      const bool cur = static_cast<int>(i) == current;
      const unsigned sz = cur ? curSize : nameSize;
      names[i] = wrapWords(nm.empty() ? r.id : nm, labelW, [&](const std::string& t) {
        return textWidth(font, t, sz, cur ? sf::Text::Bold : sf::Text::Regular);
      });
      const float h = font.getLineSpacing(sz) * static_cast<float>(names[i].size()) +
                      font.getLineSpacing(smallSize) + 6 * s * fit;
      minGap = std::max(minGap, h);
    }
    if (minGap * static_cast<float>(n) <= barBottom - barTop) break;
  }
  // Still too tall (a large scale on a small window): step by step, the other rungs' names on
  // one line, then without their detail line (threshold, off-ramps), then the current rung's too.
  std::vector<char> detailShown(n, 1);
  const auto labelHeight = [&](std::size_t i) {
    const bool cur = static_cast<int>(i) == current;
    return font.getLineSpacing(cur ? curSize : nameSize) * static_cast<float>(names[i].size()) +
           (detailShown[i] ? font.getLineSpacing(smallSize) : 0.0f) + 4 * s;
  };
  for (int stage = 0; stage < 3 && minGap * static_cast<float>(n) > barBottom - barTop; ++stage) {
    minGap = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const bool cur = static_cast<int>(i) == current;
      if ((!cur || stage == 2) && names[i].size() > 1) names[i] = {names[i][0] + "\xE2\x80\xA6"};
      if ((!cur && stage >= 1) || stage == 2) detailShown[i] = 0;
      minGap = std::max(minGap, labelHeight(i));
    }
  }
  const double top = ladderTop(ladder, tension);
  const std::vector<float> ry2 = ladderRungY(ladder, top, barTop, barBottom, minGap);
  for (std::size_t i = 0; i < n; ++i) {
    const RungDef& r = ladder.rungs[i];
    const bool cur = static_cast<int>(i) == current;
    const float y0 = ry2[i], y1 = i + 1 < n ? ry2[i + 1] : barTop;
    const sf::Color c = rungColor(i, n, r.armedConflict);
    sf::RectangleShape band({barW, y0 - y1});
    band.setPosition(barX, y1);
    band.setFillColor(cur ? c : withAlpha(c, 120));
    target.draw(band);
    if (cur) {
      sf::RectangleShape hl({col.left + col.width - pad / 2 - (barX - 4 * s), y0 - y1});
      hl.setPosition(barX - 4 * s, y1);
      hl.setFillColor(withAlpha(c, 40));
      hl.setOutlineColor(withAlpha(c, 220));
      hl.setOutlineThickness(1.5f * s);
      target.draw(hl);
    }
    sf::RectangleShape tick({labelX + labelW - barX, std::max(1.0f, s)});
    tick.setPosition(barX, y0);
    tick.setFillColor(withAlpha(kPanelEdge, 200));
    target.draw(tick);
    // The label sits in its band, just above its threshold's tick.
    const unsigned sz = cur ? curSize : nameSize;
    const float lh = font.getLineSpacing(sz);
    float ty = y0 - 4 * s - (detailShown[i] ? font.getLineSpacing(smallSize) : 0.0f) -
               lh * static_cast<float>(names[i].size());
    for (const std::string& line : names[i]) {
      drawText(target,
               makeText(font, line, sz, cur ? kText : kMuted, 0, cur ? sf::Text::Bold : sf::Text::Regular),
               {labelX, ty});
      ty += lh;
    }
    if (!detailShown[i]) continue;
    std::string detail = "\xE2\x89\xA5 " + std::to_string(static_cast<int>(std::lround(r.threshold)));
    if (r.armedConflict) detail += std::string(" \xC2\xB7 ") + tr("armed conflict");
    const sf::Color dc = cur ? mix(c, kText, 0.4) : withAlpha(kMuted, 200);
    drawText(target, makeText(font, detail, smallSize, dc), {labelX, ty});
    if (!r.offRamps.empty()) {
      const std::string ramps2 =
          std::to_string(r.offRamps.size()) + (r.offRamps.size() == 1 ? tr(" off-ramp") : tr(" off-ramps"));
      const float dw = textWidth(font, detail, smallSize) + 10 * s;
      drawText(target, makeText(font, ramps2, smallSize, cur ? kOffRamp : withAlpha(kOffRamp, 170)),
               {labelX + dw, ty});
    }
  }
  // The tension marker: a pointer at the bar and a line across it.
  const float ty = ladderTensionY(ladder, ry2, top, barTop, tension);
  sf::ConvexShape pointer = polygon(
      {{barX - 3 * s, ty}, {barX - 3 * s - markerW, ty - 8 * s}, {barX - 3 * s - markerW, ty + 8 * s}},
      kText);
  pointer.setOutlineColor(kShadow);
  pointer.setOutlineThickness(1.5f * s);
  target.draw(pointer);
  sf::RectangleShape across({barW + 8 * s, 3 * s});
  across.setPosition(barX - 4 * s, ty - 1.5f * s);
  across.setFillColor(kText);
  target.draw(across);
}

}  // namespace demarche::ui
