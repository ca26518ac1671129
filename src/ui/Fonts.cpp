#include "ui/Fonts.hpp"

#include <imgui.h>

#include <filesystem>

namespace demarche::ui {
namespace {
constexpr const char* kRegular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr const char* kBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";
}  // namespace

const unsigned short* glyphRanges() {
  static const ImWchar ranges[] = {
      0x0020, 0x00FF,  // Basic Latin, Latin-1 Supplement
      0x0100, 0x017F,  // Latin Extended-A
      0x0400, 0x052F,  // Cyrillic, Cyrillic Supplement
      0x2000, 0x206F,  // General Punctuation (— – “ ” …)
      0x20AC, 0x20AC,  // €
      0x2190, 0x21FF,  // arrows
      0x2200, 0x22FF,  // mathematical operators (− minus)
      0x25A0, 0x25FF,  // geometric shapes (● ▲ ▼)
      0x2700, 0x27BF,  // dingbats (✓ ✗)
      0,
  };
  return ranges;
}

void buildFonts(ImFontAtlas& atlas, float scale, Fonts& fonts) {
  atlas.Clear();
  const float size = 17.0f * scale;
  std::error_code ec;
  fonts.fromSystem = std::filesystem::is_regular_file(kRegular, ec);
  if (fonts.fromSystem) {
    fonts.body = atlas.AddFontFromFileTTF(kRegular, size, nullptr, glyphRanges());
    const char* boldFile = std::filesystem::is_regular_file(kBold, ec) ? kBold : kRegular;
    fonts.heading = atlas.AddFontFromFileTTF(boldFile, size * 1.18f, nullptr, glyphRanges());
    fonts.big = atlas.AddFontFromFileTTF(boldFile, size * 1.9f, nullptr, glyphRanges());
    fonts.fromSystem = fonts.body && fonts.heading && fonts.big;
  }
  if (!fonts.fromSystem) {
    atlas.Clear();
    ImFontConfig config;
    config.SizePixels = 13.0f * scale;
    fonts.body = fonts.heading = fonts.big = atlas.AddFontDefault(&config);
    fonts.warning = std::string("DejaVu Sans not found at ") + kRegular +
                    ": using ImGui's built-in font (no Cyrillic, no dashes); install fonts-dejavu-core";
  } else {
    fonts.warning.clear();
  }
  if (!fonts.map.loadFromFile(fonts.fromSystem ? kRegular : kRegular)) {
    if (fonts.warning.empty()) fonts.warning = "the map's font could not be loaded: map labels are missing";
  }
}

}  // namespace demarche::ui
