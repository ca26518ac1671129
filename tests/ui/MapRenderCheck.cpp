// The situation map drawn for real into an off-screen texture (needs a display: run under
// `xvfb-run -a -s "-screen 0 1280x800x24"`; skipped without one). It checks pixels where the
// drawing must be (the navy sea, the land, an actor's colour at its position, the current
// rung's band in the ladder) and, when DEMARCHE_MAP_PNG_DIR is set, saves the pictures there
// so a person can look at them.
#include <gtest/gtest.h>

#include <SFML/Graphics/Font.hpp>
#include <SFML/Graphics/RenderTexture.hpp>
#include <cstdlib>
#include <filesystem>

#include "core/Engine.hpp"
#include "core/View.hpp"
#include "scenario/Loader.hpp"
#include "ui/SituationMap.hpp"

namespace demarche::ui {
namespace {

const char* kFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

class MapRender : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::getenv("DISPLAY")) GTEST_SKIP() << "no display (run under xvfb-run)";
    if (!std::filesystem::exists(kFont)) GTEST_SKIP() << "no DejaVu Sans (fonts-dejavu-core)";
    auto result = scenario::loadScenario(std::string(DEMARCHE_SOURCE_DIR) + "/scenarios/winter-grid.yaml");
    ASSERT_TRUE(result.scenario);
    def = std::make_unique<ScenarioDef>(std::move(*result.scenario));
    engine = std::make_unique<Engine>(*def);
    state = engine->initialState();
    situation = buildRoomView(*engine, state).situation;
    ASSERT_TRUE(font.loadFromFile(kFont));
    std::string warning;
    ASSERT_TRUE(map.loadOutlines(std::string(DEMARCHE_SOURCE_DIR) + "/assets", warning)) << warning;
  }

  sf::Image render(const PublicSituation& sit, const std::string& own, float scale, const std::string& name,
                   unsigned width = 1280, unsigned height = 800) {
    sf::RenderTexture texture;
    EXPECT_TRUE(texture.create(width, height));
    texture.clear(sf::Color::Black);
    MapInput input;
    input.def = def.get();
    input.situation = &sit;
    input.ownActor = own;
    input.scale = scale;
    map.draw(texture, sf::FloatRect(0, 0, static_cast<float>(width), static_cast<float>(height)), input,
             font);
    texture.display();
    sf::Image image = texture.getTexture().copyToImage();
    if (const char* dir = std::getenv("DEMARCHE_MAP_PNG_DIR"))
      image.saveToFile(std::string(dir) + "/" + name + ".png");
    return image;
  }

  // Where the last render put an actor's marker.
  sf::Vector2u actorPixel(const std::string& id) const {
    const MapLayout& l = map.lastLayout();
    for (const ActorDef& a : def->actors)
      if (a.id == id)
        return {static_cast<unsigned>(l.frame.left + static_cast<float>(a.mapX) * l.frame.width),
                static_cast<unsigned>(l.frame.top + static_cast<float>(a.mapY) * l.frame.height)};
    ADD_FAILURE() << "no actor " << id;
    return {0, 0};
  }

  std::unique_ptr<ScenarioDef> def;
  std::unique_ptr<Engine> engine;
  GameState state;
  PublicSituation situation;
  sf::Font font;
  SituationMap map;
};

int distance(sf::Color a, sf::Color b) {
  return std::abs(int(a.r) - int(b.r)) + std::abs(int(a.g) - int(b.g)) + std::abs(int(a.b) - int(b.b));
}

TEST_F(MapRender, RoomViewAtTurnOne) {
  const sf::Image image = render(situation, "", 1.0f, "map-room-1x");
  // The Atlantic west of Portugal is navy sea; central Russia is land (lighter).
  const MapLayout l = map.lastLayout();
  const auto at = [&](double lon, double lat) {
    const sf::Vector2f p = map.outlines().frame.project(lon, lat);
    return image.getPixel(static_cast<unsigned>(l.frame.left + p.x * l.frame.width),
                          static_cast<unsigned>(l.frame.top + p.y * l.frame.height));
  };
  const sf::Color sea = at(-14, 44), land = at(45, 58);
  EXPECT_LT(sea.r + sea.g, 80) << "sea";
  EXPECT_GT(sea.b, sea.r);
  EXPECT_GT(land.r + land.g + land.b, sea.r + sea.g + sea.b + 30) << "land is lighter than the sea";
  // Russia's marker is in its colour at its position.
  const sf::Vector2u rus = actorPixel("rus");
  EXPECT_LT(distance(image.getPixel(rus.x, rus.y), actorColor("#d62728", 1)), 40);
  // The ladder's column is at the right, with the current rung's band lit.
  EXPECT_NE(image.getPixel(1270, 400), sea);
}

TEST_F(MapRender, TeamViewAtScaleTwoWithAnimationAndHigherTension) {
  PublicSituation sit = situation;
  sit.tension = 55;
  sit.rung = def->ladder.rungs[3].name.get("en");
  render(sit, "ukr", 2.0f, "map-ukr-2x");
  // Mid-animation: pulses from Russia and the EU.
  map.animate({{"rus", "ukr", true}, {"eu", "rus", false}, {"pol", "", true}, {"usa", "pol", true}});
  map.update(0.6f);
  EXPECT_TRUE(map.animating());
  render(sit, "ukr", 1.0f, "map-ukr-1x-animating");
  const sf::Vector2u ukr = actorPixel("ukr");
  const sf::Image image = render(sit, "ukr", 1.0f, "map-ukr-1x-animating");
  // The own actor's halo (gold) surrounds the marker.
  bool gold = false;
  for (unsigned dx = 10; dx < 24; ++dx) {
    const sf::Color c = image.getPixel(ukr.x + dx, ukr.y);
    if (c.r > 200 && c.g > 150 && c.b < 120) gold = true;
  }
  EXPECT_TRUE(gold);
  while (map.update(0.1f)) {
  }
  sit.ending = "Negotiated settlement";
  render(sit, "", 1.0f, "map-ending");
  render(sit, "", 2.5f, "map-room-2.5x-small", 1024, 700);
}

}  // namespace
}  // namespace demarche::ui
