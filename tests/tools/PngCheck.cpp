// demarche_png_check FILE... : fails unless every PNG shows something. A screen counts as
// blank when nearly all of it is one colour or it has hardly any colours (a black window, an
// empty clear colour, panels that did not render). Prints what it measured.
#include <SFML/Graphics/Image.hpp>

#include <cstdio>
#include <map>

int main(int argc, char** argv) {
  int failures = 0;
  for (int i = 1; i < argc; ++i) {
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
    const bool blank = size.x < 320 || size.y < 200 || background > 0.95 || colours.size() < 40;
    std::printf("%s: %ux%u, %zu colours, %.1f%% background%s\n", argv[i], size.x, size.y, colours.size(),
                100 * background, blank ? "  BLANK" : "");
    failures += blank ? 1 : 0;
  }
  return failures == 0 ? 0 : 1;
}
