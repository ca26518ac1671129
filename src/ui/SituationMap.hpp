// The situation map, drawn with SFML behind the panels: actors at their scenario positions
// (ActorDef::mapX/mapY, 0..1) over public-domain Natural Earth outlines from assets/map,
// relations as lines coloured by trust, incident markers on victims, a short animation as
// measures resolve, and the escalation ladder with the current rung and the off-ramps. It
// draws only public information (PublicSituation, the scenario's definitions) and never
// changes the state.
#pragma once

#include <SFML/Graphics/Color.hpp>
#include <SFML/Graphics/Font.hpp>
#include <SFML/Graphics/Rect.hpp>
#include <SFML/Graphics/RenderTarget.hpp>
#include <string>
#include <vector>

#include "core/Definitions.hpp"
#include "core/View.hpp"
#include "ui/MapGeometry.hpp"
#include "ui/Strings.hpp"

namespace demarche::ui {

// One measure that resolved this turn, as the animation shows it (from the actor to its
// target, or a pulse on the actor when it has no target).
struct MapPulse {
  std::string from;
  std::string to;  // "" = no target
  bool succeeded = true;
};

struct MapInput {
  const ScenarioDef* def = nullptr;
  const PublicSituation* situation = nullptr;
  std::string ownActor;            // the team looking (drawn highlighted); "" for the room
  float scale = 1.0f;              // projector scale (text and line widths)
  const Strings* words = nullptr;  // the window's language (null: English)
  std::string language;            // of scenario texts ("" = the scenario's)
};

// Colour of a relation line for a trust of -100..100 (red .. grey .. green).
sf::Color trustColor(double trust);

// An actor's colour ("#rrggbb", else a colour of a fixed palette picked by `index`), lifted
// so it stays visible on the navy background.
sf::Color actorColor(const std::string& hex, std::size_t index);

class SituationMap {
 public:
  // Loads the outlines from `assetsDir`/map; returns false (and sets `warning`) when they are
  // missing or unreadable: the map then draws actors on a plain background.
  bool loadOutlines(const std::string& assetsDir, std::string& warning);
  bool hasOutlines() const { return !m_outlines.polygons.empty(); }
  const MapOutlines& outlines() const { return m_outlines; }
  // Where the last draw put the map, the ladder and the frame of actor positions.
  const MapLayout& lastLayout() const { return m_lastLayout; }

  // Starts the animation of this turn's resolved measures.
  void animate(std::vector<MapPulse> pulses);
  // Moves the animation on; returns true while it still runs (the loop keeps drawing).
  bool update(float dtSeconds);
  bool animating() const { return m_animT < m_animLength && !m_pulses.empty(); }
  float animationTime() const { return m_animT; }
  float animationLength() const { return m_animLength; }

  // Draws the map, the relations, the markers and the ladder inside `area` of `target`.
  void draw(sf::RenderTarget& target, const sf::FloatRect& area, const MapInput& input,
            const sf::Font& font) const;

 private:
  void drawLadder(sf::RenderTarget& target, const sf::FloatRect& column, const ScenarioDef& def,
                  const PublicSituation* situation, const sf::Font& font, float scale) const;

  mutable MapLayout m_lastLayout;  // of the last draw (tests, hit-testing)
  MapOutlines m_outlines;          // projected to the frame's 0..1
  std::vector<MapPulse> m_pulses;
  PulseTiming m_timing;
  float m_animT = 0, m_animLength = 1.6f;
};

}  // namespace demarche::ui
