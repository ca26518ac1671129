#include "core/Utf8.hpp"

namespace demarche {

TextCheck checkUtf8Text(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  const auto at = [&](std::size_t i, TextProblem p) { return TextCheck{p, i, bytes[i]}; };
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = bytes[i];
    if (c < 0x80) {
      if (c == 0) return at(i, TextProblem::NulByte);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
        return at(i, TextProblem::ControlByte);
      ++i;
      continue;
    }
    std::size_t length = 0;
    std::uint32_t min = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      length = 2, min = 0x80, cp = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3, min = 0x800, cp = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4, min = 0x10000, cp = c & 0x07u;
    } else {
      return at(i, TextProblem::InvalidByte);
    }
    if (i + length > n) return at(i, TextProblem::Truncated);
    for (std::size_t k = 1; k < length; ++k) {
      if ((bytes[i + k] & 0xC0) != 0x80) return at(i, TextProblem::InvalidSequence);
      cp = (cp << 6) | (bytes[i + k] & 0x3Fu);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      return at(i, TextProblem::InvalidSequence);
    i += length;
  }
  return {};
}

}  // namespace demarche
