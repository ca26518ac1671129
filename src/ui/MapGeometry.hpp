// The situation map's geometry, as pure functions that need no window, no font and no GL
// context (tests/ui/SituationMapTest.cpp runs them with no display): the outline file's
// format and projection, the triangulation of land polygons, the split of the map's area
// into the map and the escalation ladder, the ladder's rung positions, the placement of
// labels so they do not overlap, word wrapping and the animation's timing.
#pragma once

#include <SFML/Graphics/Rect.hpp>
#include <SFML/System/Vector2.hpp>
#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "core/Definitions.hpp"

namespace demarche::ui {

// The longitude/latitude box that scenario positions x, y 0..1 span (x east, y south),
// projected equirectangularly; its width is scaled by cos(middle latitude) so the land keeps
// its shape when the box is drawn at `aspect()`.
struct MapFrame {
  double lon0 = -16, lon1 = 55, lat0 = 32, lat1 = 66.5;
  sf::Vector2f project(double lon, double lat) const;  // 0..1 inside the box
  float aspect() const;                                // width / height on screen
};

// The outlines as loaded (assets/map/europe-110m.txt), projected into the frame's 0..1 space
// (points of the clip box outside the frame fall outside 0..1).
struct MapOutlines {
  MapFrame frame;
  std::vector<std::vector<sf::Vector2f>> polygons;  // land, one country part each
  std::vector<std::vector<sf::Vector2f>> borders;   // land borders (polylines)
  std::vector<sf::Vector2f> fill;                   // the polygons as triangles (3 points each)
};

// Reads the outline format (see scripts/make-map-outlines.py): `frame`, `clip`, `p` and `b`
// lines. Returns false with `error` ("line 12: ...") on a malformed file or one with no land.
bool parseOutlines(std::istream& in, MapOutlines& out, std::string& error);

// Ear-clipping triangulation of a simple polygon (either winding); 3 points per triangle.
std::vector<sf::Vector2f> triangulate(const std::vector<sf::Vector2f>& polygon);

// Where the parts go inside the map's area: the ladder column at the right, the map to its
// left, and the frame (the 0..1 box of actor positions, at the outlines' aspect) placed so the
// `focus` (the part of the frame the actors occupy, in frame units) fills the map between
// `topInset` and `bottomInset` (the header and the legend) as far as the aspect allows,
// never smaller than the whole frame would fit and never zoomed more than twice that.
struct MapLayout {
  sf::FloatRect map, ladder, frame;
};
// Whether the map `map` (MapLayout::map) is tall enough to keep insets of these heights free
// of markers (half of it or more left between them); else layoutMap lets markers run under them.
bool insetsFit(const sf::FloatRect& map, float scale, float topInset, float bottomInset);
MapLayout layoutMap(const sf::FloatRect& area, float scale, float aspect,
                    const sf::FloatRect& focus = {0, 0, 1, 1}, float topInset = 0, float bottomInset = 0);

// The rung in force: the one whose name or id is `rungName` (PublicSituation::rung), else the
// highest whose threshold is <= tension (Engine::rungFor). -1 when the ladder has no rungs.
int currentRung(const LadderDef& ladder, const std::string& rungName, double tension,
                const std::string& language);

// The top of the ladder's scale: 100, or more when a threshold or the tension goes higher.
double ladderTop(const LadderDef& ladder, double tension);

// The y of each rung's threshold on a vertical bar from `bottom` (tension 0) to `top`
// (ladderTop): proportional to the threshold, pushed apart to at least `minGap` (and spread
// evenly when the bar is too short for that).
std::vector<float> ladderRungY(const LadderDef& ladder, double topTension, float top, float bottom,
                               float minGap);
// The y of `tension` on that bar, between the rungs' positions so it lies in its rung's band.
float ladderTensionY(const LadderDef& ladder, const std::vector<float>& rungY, double topTension, float top,
                     double tension);

// The names of the off-ramps of `rung` (RungDef::offRamps), in the scenario's language.
std::vector<std::string> offRampNames(const ScenarioDef& def, int rung, std::string_view language = {});
// How many of the scenario's measures are de-escalatory.
int deescalatoryCount(const ScenarioDef& def);

// The area that label boxes placed at `corners` hide: of each other, of the obstacles (counted
// 8 times: a marker under a label is lost), and (counted double) outside `bounds`. 0: every
// label is read whole and hides nothing.
// The point of `box` nearest to `p` (`p` itself when inside): where a leader line from a marker
// to its label ends.
sf::Vector2f nearestPoint(const sf::FloatRect& box, sf::Vector2f p);

float labelsHidden(const std::vector<sf::Vector2f>& corners, const std::vector<sf::Vector2f>& sizes,
                   const sf::FloatRect& bounds, const std::vector<sf::FloatRect>& obstacles = {});

// Places one label box (size `sizes[i]`) by each anchor (a marker of radius `radius`): below,
// above, right, left or diagonally, at one of four distances from the marker, the first place
// that hides nothing (no label placed before, no obstacle, nothing outside `bounds`), else the
// one that hides least (an obstacle weighs 8 times a label, as in labelsHidden). Returns each box's top-left corner.
std::vector<sf::Vector2f> placeLabels(const std::vector<sf::Vector2f>& anchors,
                                      const std::vector<sf::Vector2f>& sizes, float radius,
                                      const sf::FloatRect& bounds,
                                      const std::vector<sf::FloatRect>& obstacles = {});

// Splits `text` at spaces into lines no wider than `maxWidth` as `width` measures them (a
// word wider than that gets a line of its own).
std::vector<std::string> wrapWords(const std::string& text, float maxWidth,
                                   const std::function<float(const std::string&)>& width);

// The animation: each pulse starts `stagger` after the previous one, travels for `travel`
// seconds and rings for `ring` seconds at its end.
struct PulseTiming {
  float stagger = 0.2f, travel = 0.9f, ring = 0.6f;
  float length(std::size_t pulses) const;  // seconds until the last pulse has rung
  // For pulse `i` at time `t`: progress along the line 0..1 and of the ring 0..1 (-1 = not
  // started, 2 = finished).
  float travelAt(std::size_t i, float t) const;
  float ringAt(std::size_t i, float t) const;
};
PulseTiming pulseTiming(std::size_t pulses);

}  // namespace demarche::ui
