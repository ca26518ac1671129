// Deterministic random numbers for the engine: xoshiro256** seeded by splitmix64, with our
// own uniform int/double so every compiler and standard library draws the same numbers.
#pragma once

#include <array>
#include <cstdint>

namespace demarche {

// splitmix64's finaliser: a bijection of 64-bit words that spreads every input bit over the
// output (the seeding below, seed derivation, hashing and the agents' per-candidate noise).
constexpr std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

class Rng {
 public:
  Rng() { seed(1); }
  explicit Rng(std::uint64_t s) { seed(s); }

  // splitmix64 spreads one 64-bit seed over the 256-bit state (as the xoshiro authors advise).
  void seed(std::uint64_t s) {
    for (auto& word : m_s) {
      s += 0x9e3779b97f4a7c15ULL;
      word = mix64(s);
    }
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
    const std::uint64_t t = m_s[1] << 17;
    m_s[2] ^= m_s[0];
    m_s[3] ^= m_s[1];
    m_s[1] ^= m_s[2];
    m_s[0] ^= m_s[3];
    m_s[2] ^= t;
    m_s[3] = rotl(m_s[3], 45);
    return result;
  }

  // Uniform in [0, 1): the top 53 bits as a double (exact on every IEEE-754 platform).
  double uniform01() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

  // Uniform integer in [0, n) for n >= 1: multiply-shift of the top 32 bits (bias below
  // n / 2^32, irrelevant here; one draw per call keeps replays simple).
  int uniformInt(int n) {
    if (n <= 1) return 0;
    return static_cast<int>(((next() >> 32) * static_cast<std::uint64_t>(n)) >> 32);
  }

  // True with probability p.
  bool chance(double p) { return uniform01() < p; }

  const std::array<std::uint64_t, 4>& words() const { return m_s; }
  void setWords(const std::array<std::uint64_t, 4>& w) { m_s = w; }
  bool operator==(const Rng&) const = default;

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::array<std::uint64_t, 4> m_s{};
};

}  // namespace demarche
