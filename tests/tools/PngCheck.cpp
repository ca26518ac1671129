// demarche_png_check FILE... : fails unless every PNG shows something. A screen counts as
// blank when nearly all of it is one colour or it has hardly any colours (a black window, an
// empty clear colour, panels that did not render). Prints what it measured.
//   --region X,Y,W,H   for the files after it, that part of the screen (the situation map) must
//                      show something too.
#include <SFML/Graphics/Image.hpp>
#include <cstdio>
#include <map>
#include <string>

int main(int argc, char** argv) {
  int failures = 0;
  unsigned rx = 0, ry = 0, rw = 0, rh = 0;
  for (int i = 1; i < argc; ++i) {
    if (std::string(argv[i]) == "--region" && i + 1 < argc) {
      if (std::sscanf(argv[++i], "%u,%u,%u,%u", &rx, &ry, &rw, &rh) != 4) return 2;
      continue;
    }
    sf::Image image;
    if (!image.loadFromFile(argv[i])) {
      std::fprintf(stderr, "%s: cannot read the PNG\n", argv[i]);
      ++failures;
      continue;
    }
    const sf::Vector2u size = image.getSize();
    std::map<sf::Uint32, unsigned> colours;
    for (unsigned y = 0; y < size.y; y += 2)
      for (unsigned x = 0; x < size.x; x += 2) ++colours[image.getPixel(x, y).toInteger()];
    unsigned most = 0, total = 0;
    for (const auto& [colour, count] : colours) {
      most = count > most ? count : most;
      total += count;
    }
    const double background = total ? static_cast<double>(most) / total : 1.0;
    bool blank = size.x < 320 || size.y < 200 || background > 0.95 || colours.size() < 40;
    std::size_t regionColours = 0;
    if (rw > 0 && rh > 0) {
      std::map<sf::Uint32, unsigned> inRegion;
      for (unsigned y = ry; y < ry + rh && y < size.y; y += 2)
        for (unsigned x = rx; x < rx + rw && x < size.x; x += 2) ++inRegion[image.getPixel(x, y).toInteger()];
      regionColours = inRegion.size();
      blank = blank || regionColours < 100;
    }
    std::printf("%s: %ux%u, %zu colours, %.1f%% background, %zu colours in the region%s\n", argv[i], size.x,
                size.y, colours.size(), 100 * background, regionColours, blank ? "  BLANK" : "");
    failures += blank ? 1 : 0;
  }
  return failures == 0 ? 0 : 1;
}
