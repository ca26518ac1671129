// The situation map without a display: colours, the outlines file and its projection, the
// animation's clock, and the ladder's and labels' layout (pure functions of MapGeometry).
#include <gtest/gtest.h>

#include <cmath>
#include <sstream>

#include "scenario/Loader.hpp"
#include "ui/MapGeometry.hpp"
#include "ui/SituationMap.hpp"

namespace demarche::ui {
namespace {

const std::string kAssets = std::string(DEMARCHE_SOURCE_DIR) + "/assets";

const ScenarioDef& winterGrid() {
  static const ScenarioDef def = [] {
    auto result = scenario::loadScenario(std::string(DEMARCHE_SOURCE_DIR) + "/scenarios/winter-grid.yaml");
    if (!result.scenario) throw std::runtime_error("winter-grid did not load");
    return *result.scenario;
  }();
  return def;
}

const ActorDef& actor(const ScenarioDef& def, const std::string& id) {
  for (const ActorDef& a : def.actors)
    if (a.id == id) return a;
  throw std::runtime_error("no actor " + id);
}

LadderDef ladder(std::initializer_list<double> thresholds) {
  LadderDef l;
  int i = 0;
  for (double t : thresholds) {
    RungDef r;
    r.id = std::to_string(i++);
    r.id.insert(0, 1, 'r');
    r.threshold = t;
    l.rungs.push_back(r);
  }
  return l;
}

// [SECTION] Colours

TEST(TrustColor, HostileIsRedNeutralIsGreyFriendlyIsGreen) {
  const sf::Color hostile = trustColor(-100), neutral = trustColor(0), friendly = trustColor(100);
  EXPECT_GT(hostile.r, hostile.g + 100);
  EXPECT_GT(hostile.r, hostile.b + 100);
  EXPECT_LT(std::abs(int(neutral.r) - int(neutral.g)), 20);
  EXPECT_LT(std::abs(int(neutral.g) - int(neutral.b)), 20);
  EXPECT_GT(friendly.g, friendly.r + 80);
  EXPECT_GT(friendly.g, friendly.b + 60);
}

TEST(TrustColor, ClampsOutOfRangeAndMovesMonotonically) {
  EXPECT_EQ(trustColor(-500), trustColor(-100));
  EXPECT_EQ(trustColor(500), trustColor(100));
  // Half-way to hostile is between neutral and hostile in red.
  EXPECT_GT(trustColor(-50).r, trustColor(0).r);
  EXPECT_LT(trustColor(-50).r, trustColor(-100).r);
  EXPECT_GT(trustColor(50).g, trustColor(0).g);
  EXPECT_LT(trustColor(50).g, trustColor(100).g);
}

TEST(ActorColor, ParsesHexAndLiftsDarkColours) {
  EXPECT_EQ(actorColor("#d62728", 0), sf::Color(0xd6, 0x27, 0x28));
  const sf::Color navy = actorColor("#003399", 0);  // the EU's blue, too dark on navy as is
  EXPECT_GT(0.2126 * navy.r + 0.7152 * navy.g + 0.0722 * navy.b, 0.3 * 255);
  EXPECT_GT(navy.b, navy.r);  // still blue
  EXPECT_EQ(actorColor("", 1), actorColor("not a colour", 1));
  EXPECT_NE(actorColor("", 0), actorColor("", 1));
}

// [SECTION] Outlines

TEST(Outlines, ShippedFileLoadsAndProjectsIntoTheFrame) {
  SituationMap map;
  std::string warning = "stale";
  ASSERT_TRUE(map.loadOutlines(kAssets, warning)) << warning;
  EXPECT_TRUE(warning.empty());
  ASSERT_TRUE(map.hasOutlines());
  const MapOutlines& o = map.outlines();
  EXPECT_GT(o.polygons.size(), 30u);
  EXPECT_GT(o.borders.size(), 30u);
  EXPECT_EQ(o.fill.size() % 3, 0u);
  // The land covers the frame's 0..1 and reaches beyond it (the clip box is larger).
  float minX = 1e9f, maxX = -1e9f, minY = 1e9f, maxY = -1e9f;
  std::size_t inside = 0, total = 0;
  for (const auto& poly : o.polygons)
    for (const sf::Vector2f& p : poly) {
      minX = std::min(minX, p.x), maxX = std::max(maxX, p.x), minY = std::min(minY, p.y),
      maxY = std::max(maxY, p.y);
      ++total;
      if (p.x >= 0 && p.x <= 1 && p.y >= 0 && p.y <= 1) ++inside;
    }
  EXPECT_LT(minX, 0.0f);
  EXPECT_GT(maxX, 1.0f);
  EXPECT_LT(minY, 0.0f);
  EXPECT_GT(maxY, 1.0f);
  EXPECT_GT(inside, total / 3);
  // No stray coordinates: whole countries reach at most to Russia's far east (lon 190).
  EXPECT_GT(minX, -1.0f);
  EXPECT_LT(maxX, 3.5f);
  EXPECT_GT(minY, -1.0f);
  EXPECT_LT(maxY, 2.5f);
  // The frame keeps the land's shape at about 4:3.
  EXPECT_GT(o.frame.aspect(), 1.1f);
  EXPECT_LT(o.frame.aspect(), 1.6f);
}

TEST(Outlines, WinterGridActorsSitNearTheirCapitals) {
  SituationMap map;
  std::string warning;
  ASSERT_TRUE(map.loadOutlines(kAssets, warning)) << warning;
  const MapFrame& f = map.outlines().frame;
  const ScenarioDef& def = winterGrid();
  struct City {
    const char* actor;
    double lon, lat;
  };
  // Kyiv, Warsaw, Berlin: the map's frame is chosen so these land within about 0.1.
  for (const City& c : {City{"ukr", 30.5, 50.45}, City{"pol", 21.0, 52.23}, City{"deu", 13.4, 52.52}}) {
    const sf::Vector2f p = f.project(c.lon, c.lat);
    const ActorDef& a = actor(def, c.actor);
    EXPECT_NEAR(p.x, a.mapX, 0.1) << c.actor;
    EXPECT_NEAR(p.y, a.mapY, 0.12) << c.actor;
  }
}

TEST(Outlines, ProjectionIsEquirectangularInTheFrame) {
  MapFrame f{-10, 30, 40, 60};
  EXPECT_EQ(f.project(-10, 60), sf::Vector2f(0, 0));
  EXPECT_EQ(f.project(30, 40), sf::Vector2f(1, 1));
  EXPECT_EQ(f.project(10, 50), sf::Vector2f(0.5f, 0.5f));
  EXPECT_NEAR(f.aspect(), 40 * std::cos(50 * 3.14159265 / 180) / 20, 1e-4);
}

TEST(Outlines, MissingFileGivesAWarningAndFalse) {
  SituationMap map;
  std::string warning;
  EXPECT_FALSE(map.loadOutlines("/nonexistent/assets", warning));
  EXPECT_NE(warning.find("/nonexistent/assets/map/europe-110m.txt"), std::string::npos) << warning;
  EXPECT_FALSE(map.hasOutlines());
}

TEST(Outlines, MalformedFilesAreRefusedWithTheLine) {
  MapOutlines out;
  std::string error;
  std::istringstream noFrame("p 0,0 1,0 1,1\n");
  EXPECT_FALSE(parseOutlines(noFrame, out, error));
  EXPECT_NE(error.find("frame"), std::string::npos);

  std::istringstream badPoint("frame 0 10 0 10\np 1,1 2,x 3,3\n");
  EXPECT_FALSE(parseOutlines(badPoint, out, error));
  EXPECT_NE(error.find("line 2"), std::string::npos) << error;

  std::istringstream unknown("frame 0 10 0 10\n# fine\nzz 1,1\n");
  EXPECT_FALSE(parseOutlines(unknown, out, error));
  EXPECT_NE(error.find("line 3"), std::string::npos) << error;

  std::istringstream tooShort("frame 0 10 0 10\np 1,1 2,2\n");
  EXPECT_FALSE(parseOutlines(tooShort, out, error));

  std::istringstream noLand("frame 0 10 0 10\nb 1,1 2,2\n");
  EXPECT_FALSE(parseOutlines(noLand, out, error));

  std::istringstream ok("frame 0 10 0 10\r\np 0,10 10,10 10,0 0,0\nb 0,5 10,5\n");
  ASSERT_TRUE(parseOutlines(ok, out, error)) << error;
  ASSERT_EQ(out.polygons.size(), 1u);
  EXPECT_EQ(out.polygons[0][0], sf::Vector2f(0, 0));
  EXPECT_EQ(out.polygons[0][2], sf::Vector2f(1, 1));
  EXPECT_EQ(out.fill.size(), 6u);  // a square: two triangles
  ASSERT_EQ(out.borders.size(), 1u);
}

double triangleArea(const std::vector<sf::Vector2f>& t) {
  double a = 0;
  for (std::size_t i = 0; i + 2 < t.size(); i += 3)
    a += std::abs((t[i + 1].x - t[i].x) * (t[i + 2].y - t[i].y) -
                  (t[i + 1].y - t[i].y) * (t[i + 2].x - t[i].x)) /
         2;
  return a;
}

TEST(Triangulate, ConcavePolygonKeepsItsArea) {
  // An L shape of area 3, given in both windings.
  std::vector<sf::Vector2f> l = {{0, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 2}, {0, 2}};
  EXPECT_EQ(triangulate(l).size(), 12u);
  EXPECT_NEAR(triangleArea(triangulate(l)), 3.0, 1e-6);
  std::reverse(l.begin(), l.end());
  EXPECT_NEAR(triangleArea(triangulate(l)), 3.0, 1e-6);
  EXPECT_TRUE(triangulate({{0, 0}, {1, 0}}).empty());
}

TEST(Triangulate, ShippedLandIsCovered) {
  SituationMap map;
  std::string warning;
  ASSERT_TRUE(map.loadOutlines(kAssets, warning)) << warning;
  double polyArea = 0;
  for (std::size_t k = 0; k < map.outlines().polygons.size(); ++k) {
    const auto& p = map.outlines().polygons[k];
    double a = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
      const auto& u = p[i];
      const auto& v = p[(i + 1) % p.size()];
      a += static_cast<double>(u.x) * v.y - static_cast<double>(v.x) * u.y;
    }
    polyArea += std::abs(a) / 2;
    // Each part on its own: the triangles cover it once (no overlap, no gap).
    EXPECT_NEAR(triangleArea(triangulate(p)), std::abs(a) / 2, std::abs(a) / 2 * 0.01 + 1e-6)
        << "polygon " << k;
  }
  EXPECT_NEAR(triangleArea(map.outlines().fill), polyArea, polyArea * 0.01);
}

// [SECTION] Animation

TEST(Animation, RunsForItsLengthAndStops) {
  SituationMap map;
  EXPECT_FALSE(map.animating());
  EXPECT_FALSE(map.update(0.1f));
  map.animate({{"ukr", "rus", true}, {"eu", "", false}, {"pol", "ukr", true}});
  EXPECT_TRUE(map.animating());
  const float length = map.animationLength();
  EXPECT_GT(length, 1.0f);
  EXPECT_LT(length, 3.0f);  // short: a resolution is not a film
  int frames = 0;
  while (map.update(1.0f / 60) && frames < 10000) ++frames;
  EXPECT_FALSE(map.animating());
  EXPECT_NEAR(static_cast<float>(frames + 1) / 60, length, 2.0f / 60);
  // A new turn starts it again; nothing to show is no animation.
  map.animate({{"ukr", "", true}});
  EXPECT_TRUE(map.animating());
  map.animate({});
  EXPECT_FALSE(map.animating());
  EXPECT_FALSE(map.update(1.0f));
}

TEST(Animation, PulsesAreStaggeredAndTheWholeStaysShort) {
  const PulseTiming t = pulseTiming(3);
  EXPECT_EQ(t.travelAt(0, 0), 0.0f);
  EXPECT_EQ(t.travelAt(1, 0), -1.0f);  // not started yet
  EXPECT_GT(t.travelAt(1, t.stagger + 0.1f), 0.0f);
  EXPECT_EQ(t.ringAt(0, t.travel / 2), -1.0f);
  EXPECT_NEAR(t.ringAt(0, t.travel + t.ring / 2), 0.5f, 1e-5);
  EXPECT_EQ(t.ringAt(2, t.length(3)), 2.0f);  // done at the end
  EXPECT_LE(pulseTiming(50).length(50), 3.0f);
  EXPECT_EQ(pulseTiming(0).length(0), 0.0f);
}

// [SECTION] Layout

TEST(Layout, LadderAtTheRightMapBesideItFrameInsideTheMap) {
  const sf::FloatRect area(0, 0, 1280, 800);
  for (float scale : {1.0f, 2.0f, 2.5f}) {
    const MapLayout l = layoutMap(area, scale, 1.34f);
    EXPECT_FLOAT_EQ(l.ladder.left + l.ladder.width, 1280) << scale;
    EXPECT_FLOAT_EQ(l.map.left + l.map.width, l.ladder.left) << scale;
    EXPECT_LE(l.ladder.width, 1280 * 0.4f + 0.01f);
    EXPECT_GE(l.frame.left, l.map.left);
    EXPECT_LE(l.frame.left + l.frame.width, l.map.left + l.map.width + 0.01f);
    EXPECT_GE(l.frame.top, l.map.top);
    EXPECT_LE(l.frame.top + l.frame.height, l.map.top + l.map.height + 0.01f);
    EXPECT_NEAR(l.frame.width / l.frame.height, 1.34f, 0.01f);
  }
  EXPECT_GT(layoutMap(area, 2.0f, 1.34f).ladder.width, layoutMap(area, 1.0f, 1.34f).ladder.width);
}

TEST(Layout, FocusOnTheActorsZoomsInButKeepsThemInsideAndClearOfTheInsets) {
  const sf::FloatRect area(0, 0, 1280, 800);
  const sf::FloatRect focus(0.02f, 0.2f, 0.94f, 0.54f);  // winter-grid's actors and some room
  const MapLayout whole = layoutMap(area, 1.0f, 1.34f);
  const MapLayout l = layoutMap(area, 1.0f, 1.34f, focus, 100, 80);
  EXPECT_GE(l.frame.width, whole.frame.width);
  EXPECT_LE(l.frame.width, whole.frame.width * 2 + 0.01f);
  EXPECT_NEAR(l.frame.width / l.frame.height, 1.34f, 0.01f);
  const float left = l.frame.left + focus.left * l.frame.width, right = left + focus.width * l.frame.width;
  const float top = l.frame.top + focus.top * l.frame.height, bottom = top + focus.height * l.frame.height;
  EXPECT_GE(left, l.map.left - 0.01f);
  EXPECT_LE(right, l.map.left + l.map.width + 0.01f);
  EXPECT_GE(top, l.map.top + 100 - 0.01f);
  EXPECT_LE(bottom, l.map.top + l.map.height - 80 + 0.01f);
  // A single actor does not zoom without end.
  const MapLayout one = layoutMap(area, 1.0f, 1.34f, {0.5f, 0.5f, 0, 0});
  EXPECT_LE(one.frame.width, whole.frame.width * 2 + 0.01f);
}

TEST(Layout, InsetsAreKeptFreeOnlyWhenHalfTheMapIsLeftBetweenThem) {
  // 1280 x 800 at scale 1: a header of 90 and a legend of 70 leave more than half.
  EXPECT_TRUE(insetsFit(sf::FloatRect(0, 0, 700, 440), 1.0f, 90, 70));
  EXPECT_FALSE(insetsFit(sf::FloatRect(0, 0, 700, 440), 1.0f, 120, 100));
  // The team screen at scale 2 on 1920 x 1080: header and legend together leave too little, the
  // header alone fits (the map then drops its legend).
  const sf::FloatRect small(0, 0, 576, 600);
  EXPECT_FALSE(insetsFit(small, 2.0f, 160, 150));
  EXPECT_TRUE(insetsFit(small, 2.0f, 160, 0));
}

TEST(Ladder, CurrentRungByNameElseByTension) {
  const ScenarioDef& def = winterGrid();
  const LadderDef& l = def.ladder;
  ASSERT_GE(l.rungs.size(), 3u);
  EXPECT_EQ(currentRung(l, "", 0, "en"), 0);
  EXPECT_EQ(currentRung(l, "", l.rungs[2].threshold, "en"), 2);
  EXPECT_EQ(currentRung(l, "", l.rungs[2].threshold - 0.5, "en"), 1);
  EXPECT_EQ(currentRung(l, "", 1000, "en"), static_cast<int>(l.rungs.size()) - 1);
  EXPECT_EQ(currentRung(l, l.rungs[1].name.get("en"), 0, "en"), 1);  // the view's name wins
  EXPECT_EQ(currentRung(l, l.rungs[2].id, 0, "en"), 2);
  EXPECT_EQ(currentRung(LadderDef{}, "", 10, "en"), -1);
}

TEST(Ladder, RungsRiseWithThresholdAndKeepTheirGap) {
  const LadderDef l = ladder({0, 15, 30, 50, 70, 90});
  const std::vector<float> y = ladderRungY(l, 100, 100, 700, 40);
  ASSERT_EQ(y.size(), 6u);
  EXPECT_FLOAT_EQ(y[0], 700);  // tension 0 at the bottom
  for (std::size_t i = 1; i < y.size(); ++i) EXPECT_GE(y[i - 1] - y[i], 40 - 1e-3) << i;
  EXPECT_GE(y.back(), 100 + 40 - 1e-3);  // room for the top band
  // Proportional where there is room: 50 is about half way.
  EXPECT_NEAR(y[3], 400, 1);

  // Crowded thresholds are pushed apart, and stay in order.
  const std::vector<float> crowded = ladderRungY(ladder({0, 2, 4, 6, 90}), 100, 0, 500, 60);
  for (std::size_t i = 1; i < crowded.size(); ++i) EXPECT_GE(crowded[i - 1] - crowded[i], 60 - 1e-3);
  EXPECT_GE(crowded.back(), 60 - 1e-3);

  // A bar too short for the gap: spread evenly, still in order and inside.
  const std::vector<float> squeezed = ladderRungY(l, 100, 0, 100, 50);
  for (std::size_t i = 1; i < squeezed.size(); ++i) EXPECT_LT(squeezed[i], squeezed[i - 1]);
  EXPECT_GE(squeezed.back(), 0);
  EXPECT_LE(squeezed.front(), 100);
}

TEST(Ladder, TensionMarkerLiesInItsRungsBand) {
  const LadderDef l = ladder({0, 15, 30, 50, 70, 90});
  const std::vector<float> y = ladderRungY(l, 100, 100, 700, 40);
  for (double t : {0.0, 7.0, 15.0, 22.0, 49.9, 50.0, 71.0, 95.0}) {
    const int r = currentRung(l, "", t, "en");
    const float ty = ladderTensionY(l, y, 100, 100, t);
    const float bandBottom = y[static_cast<std::size_t>(r)];
    const float bandTop =
        static_cast<std::size_t>(r) + 1 < y.size() ? y[static_cast<std::size_t>(r) + 1] : 100;
    EXPECT_LE(ty, bandBottom + 1e-3) << t;
    EXPECT_GE(ty, bandTop - 1e-3) << t;
  }
  EXPECT_LT(ladderTensionY(l, y, 100, 100, 60),
            ladderTensionY(l, y, 100, 100, 55));  // higher tension, higher up
  EXPECT_FLOAT_EQ(ladderTensionY(l, y, 100, 100, 100), 100);
  EXPECT_EQ(ladderTop(l, 40), 100);
  EXPECT_EQ(ladderTop(l, 130), 130);
}

TEST(Ladder, OffRampsAreTheRungsMeasuresByName) {
  const ScenarioDef& def = winterGrid();
  int withRamps = -1;
  for (std::size_t r = 0; r < def.ladder.rungs.size(); ++r)
    if (!def.ladder.rungs[r].offRamps.empty()) withRamps = static_cast<int>(r);
  ASSERT_GE(withRamps, 0);
  const std::vector<std::string> names = offRampNames(def, withRamps);
  ASSERT_EQ(names.size(), def.ladder.rungs[static_cast<std::size_t>(withRamps)].offRamps.size());
  for (std::size_t i = 0; i < names.size(); ++i) {
    const MeasureDef& m = def.measures[static_cast<std::size_t>(
        def.ladder.rungs[static_cast<std::size_t>(withRamps)].offRamps[i])];
    EXPECT_EQ(names[i], m.name.get(def.language));
    EXPECT_FALSE(names[i].empty());
  }
  EXPECT_TRUE(offRampNames(def, -1).empty());
  EXPECT_TRUE(offRampNames(def, 99).empty());
  EXPECT_GT(deescalatoryCount(def), 0);
}

TEST(Labels, AvoidEachOtherAndTheEdges) {
  const sf::FloatRect bounds(0, 0, 400, 300);
  // Two markers close together: the second label moves off the first.
  const std::vector<sf::Vector2f> corners =
      placeLabels({{200, 150}, {205, 155}}, {{80, 20}, {80, 20}}, 10, bounds);
  ASSERT_EQ(corners.size(), 2u);
  EXPECT_FALSE(sf::FloatRect(corners[0], {80, 20}).intersects(sf::FloatRect(corners[1], {80, 20})));
  EXPECT_FLOAT_EQ(corners[0].y, 150 + 13);  // the first goes below its marker
  // A marker at the bottom edge: its label goes above.
  const std::vector<sf::Vector2f> edge = placeLabels({{200, 295}}, {{80, 20}}, 10, bounds);
  EXPECT_LT(edge[0].y + 20, 295);
}

TEST(Labels, HiddenAreaCountsOverlapsObstaclesAndWhatFallsOutside) {
  const sf::FloatRect bounds(0, 0, 400, 300);
  // Apart and inside: nothing hidden.
  EXPECT_FLOAT_EQ(labelsHidden({{10, 10}, {200, 10}}, {{80, 20}, {80, 20}}, bounds), 0);
  // Two labels sharing a 40 x 20 corner.
  EXPECT_FLOAT_EQ(labelsHidden({{10, 10}, {50, 10}}, {{80, 20}, {80, 20}}, bounds), 40 * 20);
  // A label over a marker counts 8 times the marker's hidden area; outside the map, twice.
  EXPECT_FLOAT_EQ(labelsHidden({{10, 10}}, {{80, 20}}, bounds, {sf::FloatRect(20, 20, 10, 10)}), 8 * 10 * 10);
  EXPECT_FLOAT_EQ(labelsHidden({{380, 10}}, {{40, 20}}, bounds), 2 * 20 * 20);
  // A crowded map: smaller labels hide less.
  const std::vector<sf::Vector2f> anchors = {{200, 150}, {215, 150}, {200, 165}, {215, 165}};
  const auto hidden = [&](float w) {
    const std::vector<sf::Vector2f> sizes(anchors.size(), {w, w / 4});
    return labelsHidden(placeLabels(anchors, sizes, 6, bounds), sizes, bounds);
  };
  EXPECT_GT(hidden(180), 0) << "four 180 px labels on 30 px cannot all stand apart in 400 x 300";
  EXPECT_LT(hidden(90), hidden(180));
}

TEST(Labels, LeaderLinesEndOnTheNearestPointOfTheLabel) {
  const sf::FloatRect box(100, 100, 50, 20);
  EXPECT_EQ(nearestPoint(box, {90, 110}), sf::Vector2f(100, 110));
  EXPECT_EQ(nearestPoint(box, {200, 50}), sf::Vector2f(150, 100));
  EXPECT_EQ(nearestPoint(box, {120, 110}), sf::Vector2f(120, 110));
}

TEST(Labels, WrapWordsAtTheWidth) {
  const auto width = [](const std::string& s) { return static_cast<float>(s.size()); };
  EXPECT_EQ(wrapWords("Brink of military escalation", 12, width),
            (std::vector<std::string>{"Brink of", "military", "escalation"}));
  EXPECT_EQ(wrapWords("Competition below the threshold", 100, width),
            (std::vector<std::string>{"Competition below the threshold"}));
  EXPECT_EQ(wrapWords("Supercalifragilistic x", 5, width),
            (std::vector<std::string>{"Supercalifragilistic", "x"}));
  EXPECT_TRUE(wrapWords("   ", 5, width).empty());
}

}  // namespace
}  // namespace demarche::ui
