#include "ui/QrCode.hpp"

#include <qrencode.h>

#include <string>

namespace demarche::ui {

std::optional<QrCode> encodeQr(std::string_view text) {
  if (text.empty()) return std::nullopt;
  const std::string data(text);
  // 8-bit mode keeps the URL byte for byte (a URL's '#', ':' and lower case are not in the
  // alphanumeric mode's alphabet); version 0 = the smallest that holds it.
  QRcode* code = QRcode_encodeData(static_cast<int>(data.size()),
                                   reinterpret_cast<const unsigned char*>(data.data()), 0, QR_ECLEVEL_M);
  if (!code) return std::nullopt;
  QrCode out;
  out.version = code->version;
  out.size = code->width;
  out.modules.resize(static_cast<std::size_t>(code->width) * static_cast<std::size_t>(code->width));
  for (std::size_t k = 0; k < out.modules.size(); ++k) out.modules[k] = code->data[k] & 1;  // bit 0: dark
  QRcode_free(code);
  return out;
}

}  // namespace demarche::ui
