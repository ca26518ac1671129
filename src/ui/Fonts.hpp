// The window's fonts: DejaVu Sans from the system with Latin, Latin Extended-A, General
// Punctuation, Cyrillic and the euro sign (with the Cyrillic ranges alone "—" shows as "?"),
// built at the projector scale (crisp, unlike FontGlobalScale); ImGui's own font with a
// visible warning when DejaVu is missing. The bold face is for headings.
#pragma once

#include <SFML/Graphics/Font.hpp>
#include <string>

struct ImFont;
struct ImFontAtlas;

namespace demarche::ui {

// The glyph ranges ImGui loads (static storage: they must outlive the atlas build).
const unsigned short* glyphRanges();

struct Fonts {
  ImFont* body = nullptr;
  ImFont* heading = nullptr;
  ImFont* big = nullptr;
  sf::Font map;  // for sf::Text on the situation map
  bool fromSystem = false;
  std::string warning;  // shown on screen when DejaVu was not found
};

// Fills `atlas` at `scale` (1.0 .. 2.5) and loads the map font. The caller rebuilds the
// backend's font texture afterwards.
void buildFonts(ImFontAtlas& atlas, float scale, Fonts& fonts);

}  // namespace demarche::ui
