// The join URL's QR code (libqrencode): a symbol of the size its version says, with the three
// finder patterns a phone's camera looks for, the same every time for the same URL, and larger
// for a longer one. (Decoding it back is what a phone does: see docs/browser-seats.md.)
#include <gtest/gtest.h>

#include "ui/QrCode.hpp"

namespace demarche::ui {
namespace {

// The 7x7 finder pattern at (x, y): a dark ring, a light ring, a dark 3x3 centre.
bool finderAt(const QrCode& qr, int x0, int y0) {
  for (int y = 0; y < 7; ++y)
    for (int x = 0; x < 7; ++x) {
      const bool ring = x == 0 || y == 0 || x == 6 || y == 6;
      const bool centre = x >= 2 && x <= 4 && y >= 2 && y <= 4;
      if (qr.dark(x0 + x, y0 + y) != (ring || centre)) return false;
    }
  return true;
}

TEST(QrCode, AJoinUrlBecomesAScannableSymbol) {
  const auto qr = encodeQr("http://192.168.1.20:8080/#ABCD2345");
  ASSERT_TRUE(qr);
  EXPECT_GE(qr->version, 1);
  EXPECT_EQ(qr->size, 17 + 4 * qr->version);
  ASSERT_EQ(qr->modules.size(), static_cast<std::size_t>(qr->size * qr->size));
  EXPECT_TRUE(finderAt(*qr, 0, 0));
  EXPECT_TRUE(finderAt(*qr, qr->size - 7, 0));
  EXPECT_TRUE(finderAt(*qr, 0, qr->size - 7));
  EXPECT_FALSE(finderAt(*qr, qr->size - 7, qr->size - 7)) << "the fourth corner has none";
  // Timing pattern: row 6 alternates between the top finders.
  for (int x = 8; x < qr->size - 8; ++x) EXPECT_EQ(qr->dark(x, 6), x % 2 == 0) << x;
  // 35 bytes at error correction M fit version 3 (up to 42 bytes).
  EXPECT_EQ(qr->version, 3);
}

TEST(QrCode, TheSameUrlGivesTheSameSymbolAndAnotherCodeAnotherOne) {
  const auto a = encodeQr("http://10.0.0.5:8080/#ABCD2345");
  const auto b = encodeQr("http://10.0.0.5:8080/#ABCD2345");
  const auto c = encodeQr("http://10.0.0.5:8080/#ZZZZ9999");
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(a->modules, b->modules);
  EXPECT_NE(a->modules, c->modules);
}

TEST(QrCode, ALongerUrlNeedsALargerSymbolAndNothingIsNotEncoded) {
  const auto shortUrl = encodeQr("http://10.0.0.5:80/#ABCD2345");
  const auto longUrl = encodeQr("http://[fe80::1234:5678:9abc:def0]:8080/#ABCD2345?lang=uk&and=more-text");
  ASSERT_TRUE(shortUrl && longUrl);
  EXPECT_GT(longUrl->size, shortUrl->size);
  EXPECT_FALSE(encodeQr(""));
  EXPECT_FALSE(encodeQr(std::string(4000, 'x'))) << "more than version 40 holds";
}

}  // namespace
}  // namespace demarche::ui
