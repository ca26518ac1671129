// The QR code of a browser seat's join URL, for the projector: libqrencode (Debian's
// libqrencode-dev) gives the module matrix, the panel draws it as rectangles. Only the window
// uses it; the core and the seats module do not.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace demarche::ui {

struct QrCode {
  int version = 0;                    // 1..40: the symbol is 17 + 4 * version modules a side
  int size = 0;                       // modules a side
  std::vector<std::uint8_t> modules;  // size * size, row by row: 1 = dark
  bool dark(int x, int y) const { return modules[static_cast<std::size_t>(y * size + x)] != 0; }
};

// `text` as a QR code (byte mode, error correction M: a projector photographed at an angle
// still scans), or nothing when it cannot be encoded (empty, or too long for version 40).
std::optional<QrCode> encodeQr(std::string_view text);

}  // namespace demarche::ui
