#include "ui/SituationMap.hpp"

#include <SFML/Graphics/CircleShape.hpp>

#include <algorithm>

namespace demarche::ui {

sf::Color trustColor(double trust) {
  const double t = std::clamp(trust, -100.0, 100.0) / 100.0;
  if (t < 0) return sf::Color(200, static_cast<sf::Uint8>(160 + 40 * t), static_cast<sf::Uint8>(160 + 40 * t));
  return sf::Color(static_cast<sf::Uint8>(160 - 100 * t), static_cast<sf::Uint8>(160 + 40 * t), 160);
}

bool SituationMap::loadOutlines(const std::string&, std::string& warning) {
  warning = "map outlines not loaded";
  return false;
}

void SituationMap::animate(std::vector<MapPulse> pulses) {
  m_pulses = std::move(pulses);
  m_animT = 0;
}

bool SituationMap::update(float dtSeconds) {
  m_animT += dtSeconds;
  return animating();
}

void SituationMap::draw(sf::RenderTarget& target, const sf::FloatRect& area, const MapInput& input,
                        const sf::Font&) const {
  if (!input.def) return;
  for (const ActorDef& actor : input.def->actors) {
    sf::CircleShape dot(10 * input.scale);
    dot.setOrigin(dot.getRadius(), dot.getRadius());
    dot.setPosition(area.left + static_cast<float>(actor.mapX) * area.width,
                    area.top + static_cast<float>(actor.mapY) * area.height);
    dot.setFillColor(sf::Color(120, 160, 220));
    target.draw(dot);
  }
}

}  // namespace demarche::ui
