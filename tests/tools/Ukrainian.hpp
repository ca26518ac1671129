// The shipped Ukrainian catalogue (assets/lang/uk.txt) for tests of text in Ukrainian: installed
// once per test binary, and a test for Cyrillic letters.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "core/Catalogue.hpp"

namespace demarche::test {

// Installs assets/lang/uk.txt once for this test binary (Phrases("uk") then read it).
inline void installUkrainian() {
  static const bool installed = [] {
    Catalogue uk;
    std::string warning;
    EXPECT_TRUE(uk.load(std::filesystem::path(DEMARCHE_SOURCE_DIR) / "assets", "uk", warning)) << warning;
    installCatalogue(std::move(uk));
    return true;
  }();
  (void)installed;
}

// A Cyrillic letter (U+0400..U+04FF) is encoded as a lead byte 0xD0..0xD3.
inline bool hasCyrillic(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b >= 0xD0 && b <= 0xD3;
  });
}

}  // namespace demarche::test
