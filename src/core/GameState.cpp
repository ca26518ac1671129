// Canonical serialisation and hashing of GameState. One field list (visitState) drives the
// writer, the reader and the hasher, so they cannot drift apart.
#include "core/GameState.hpp"

#include <bit>
#include <cmath>
#include <cstring>
#include <type_traits>

#include "core/Catalogue.hpp"
#include "core/Random.hpp"

namespace demarche {

std::string_view phaseName(Phase phase) {
  switch (phase) {
    case Phase::Briefing:
      return phrase("briefing");
    case Phase::Deliberation:
      return phrase("deliberation");
    case Phase::Resolution:
      return phrase("resolution");
    case Phase::Consequences:
      return phrase("consequences");
    case Phase::Ended:
      return phrase("ended");
  }
  return "?";
}

std::string_view disclosureName(Disclosure d) {
  switch (d) {
    case Disclosure::None:
      return phrase("none");
    case Disclosure::Private:
      return phrase("private");
    case Disclosure::Public:
      return phrase("public");
    case Disclosure::Joint:
      return phrase("joint");
  }
  return "?";
}

std::string_view confidenceName(ConfidenceLevel c) {
  switch (c) {
    case ConfidenceLevel::Low:
      return phrase("low");
    case ConfidenceLevel::Moderate:
      return phrase("moderate");
    case ConfidenceLevel::High:
      return phrase("high");
  }
  return "?";
}

std::string_view replyKindName(ReplyKind k) {
  switch (k) {
    case ReplyKind::None:
      return phrase("none");
    case ReplyKind::Accept:
      return phrase("accept");
    case ReplyKind::Reject:
      return phrase("reject");
    case ReplyKind::Counter:
      return phrase("counter");
  }
  return "?";
}

namespace {

// Doubles are stored as round(x * 1e6): states that differ below a millionth are the same
// state, and the last bits of exp/log results never change a hash.
// Rounds half away from zero by hand: IEEE arithmetic only (identical everywhere) and no
// library call on the hashing path.
std::int64_t fixedPoint(double x) {
  const double y = x * 1e6;
  if (!(y > -9.0e18 && y < 9.0e18)) return 0;  // NaN, infinities and absurd values
  return static_cast<std::int64_t>(y >= 0 ? y + 0.5 : y - 0.5);
}

// Events are the bulk of a state: six words each instead of ten (ints are 32-bit).
std::uint64_t pack32(int lo, int hi) {
  return static_cast<std::uint64_t>(static_cast<std::uint32_t>(lo)) |
         (static_cast<std::uint64_t>(static_cast<std::uint32_t>(hi)) << 32);
}
int low32(std::uint64_t w) {
  return static_cast<int>(static_cast<std::int32_t>(static_cast<std::uint32_t>(w)));
}
int high32(std::uint64_t w) { return low32(w >> 32); }

// Opens the trailing section of joint attributions' suspects; no entity count is this large, so
// the reader tells it from the listings' section that may come before it.
constexpr std::uint64_t kNamingTag = 0x676e696d616e5f6aULL;  // "j_naming"

bool anyNaming(const GameState& s);

// The single list of fields, in canonical order. `V` provides num(x) for integers, enums,
// bools and doubles, str(s), and seq(vector, elementFunction).
template <class S, class V>
void visitState(S& s, V& v) {
  v.num(s.actorCount);
  v.num(s.meterCount);
  v.num(s.capabilityCount);
  v.num(s.incidentCount);
  v.num(s.evidenceCount);
  v.num(s.measureCount);
  v.num(s.termCount);
  v.num(s.injectCount);
  v.num(s.endingCount);
  v.num(s.candidateTotal);
  v.num(s.turn);
  v.num(s.phase);
  v.num(s.paused);
  v.num(s.truthRevealed);
  v.num(s.ending);
  v.num(s.seed);
  v.num(s.tension);
  v.num(s.rung);
  auto each = [&v](auto& x) { v.num(x); };
  v.seq(s.meters, each);
  v.seq(s.capabilities, each);
  v.seq(s.capital, each);
  v.seq(s.trust, each);
  v.seq(s.seen, each);
  v.seq(s.belief, each);
  v.seq(s.confidence, each);
  v.seq(s.decided, each);
  v.seq(s.disclosed, each);
  v.seq(s.attributionFlags, each);
  v.seq(s.incidentRevealed, each);
  v.seq(s.evidenceReleased, each);
  v.seq(s.injectFired, each);
  v.seq(s.used, each);
  v.seq(s.commitments, [&v](auto& c) {
    v.num(c.a);
    v.num(c.b);
    v.num(c.term);
    v.num(c.incident);
    v.num(c.turn);
    v.num(c.broken);
    v.num(c.breaker);
    v.num(c.armed);
    v.seq(c.usedBefore, [&v](auto& u) {
      v.num(u.actor);
      v.num(u.measure);
      v.num(u.count);
    });
  });
  v.seq(s.proposals, [&v, &each](auto& p) {
    v.num(p.turn);
    v.num(p.from);
    v.num(p.incident);
    v.seq(p.to, each);
    v.seq(p.terms, each);
    v.seq(p.replies, each);
    v.num(p.counterOf);
    v.num(p.textNote);
    v.num(p.open);
  });
  v.seq(s.queue, [&v](auto& q) {
    v.num(q.actor);
    v.num(q.measure);
    v.num(q.target);
    v.num(q.incident);
    v.num(q.seq);
    v.num(q.cost);
  });
  v.seq(s.resolved, [&v](auto& r) {
    v.num(r.actor);
    v.num(r.measure);
    v.num(r.target);
    v.num(r.incident);
  });
  v.seq(s.timeline, [&v](auto& e) { v.event(e); });
  v.seq(s.notes, [&v](auto& n) { v.str(n); });
  v.rng(s.rng);
  v.num(s.nextSeq);
  // Listings (docs/rules.md §2.2) come last and only in scenarios with entities, so the state of
  // every other scenario keeps the bytes and the hash it had before entities existed: the saves
  // written then still replay.
  if (v.more(s)) {
    v.num(s.entityCount);
    v.seq(s.listings, [&v](auto& l) {
      v.num(l.turn);
      v.num(l.actor);
      v.num(l.measure);
      v.num(l.incident);
      v.num(l.entities);
    });
    for (auto& q : s.queue) v.num(q.entities);  // parallel to the queue and the resolved list
    for (auto& r : s.resolved) v.num(r.entities);
  }
  // Whom joint attributions name (rules §4.1) comes after, behind its tag, and only once some
  // proposal has named someone: states without it keep their bytes and hashes, so the saves and
  // logs written before it still verify.
  if (v.namingFollows(s)) {
    v.tag(kNamingTag);
    v.seq(s.proposals, [&v](auto& p) { v.num(p.naming); });
    v.seq(s.commitments, [&v](auto& c) { v.num(c.naming); });
  }
}

bool anyNaming(const GameState& s) {
  for (const Proposal& p : s.proposals)
    if (p.naming >= 0) return true;
  for (const Commitment& c : s.commitments)
    if (c.naming >= 0) return true;
  return false;
}

template <class T>
std::uint64_t toWord(const T& x) {
  if constexpr (std::is_same_v<T, double>) {
    return static_cast<std::uint64_t>(fixedPoint(x));
  } else if constexpr (std::is_enum_v<T>) {
    return static_cast<std::uint64_t>(static_cast<std::underlying_type_t<T>>(x));
  } else if constexpr (std::is_same_v<T, bool>) {
    return x ? 1u : 0u;
  } else if constexpr (std::is_signed_v<T>) {
    return static_cast<std::uint64_t>(static_cast<std::int64_t>(x));
  } else {
    return static_cast<std::uint64_t>(x);
  }
}

// The canonical words of every field kind, shared by the writer and the hasher (so the bytes
// and the hash cannot disagree); each supplies word(w) and str(s).
template <class Sink>
class WordEmitter {
 public:
  template <class T>
  void num(const T& x) {
    word(toWord(x));
  }
  template <class Vec, class F>
  void seq(const Vec& v, F&& f) {
    word(v.size());
    for (const auto& x : v) f(x);
  }
  void event(const Event& e) {
    word(pack32(e.turn, e.actor));
    word(pack32(e.a, e.b));
    word(pack32(e.c, e.note));
    word(static_cast<std::uint64_t>(e.kind) | (static_cast<std::uint64_t>(e.reason) << 8));
    word(toWord(e.value));
    word(toWord(e.value2));
  }
  void rng(const Rng& r) {
    for (auto w : r.words()) word(w);
  }
  bool more(const GameState& s) const { return s.entityCount > 0; }
  bool namingFollows(const GameState& s) const { return anyNaming(s); }
  void tag(std::uint64_t t) { word(t); }

 private:
  void word(std::uint64_t w) { static_cast<Sink&>(*this).word(w); }
};

class Writer : public WordEmitter<Writer> {
 public:
  std::string out;
  void str(const std::string& s) {
    word(s.size());
    out.append(s);
  }

 private:
  friend class WordEmitter<Writer>;
  void word(std::uint64_t w) {
    char bytes[8];
    for (int i = 0; i < 8; ++i) bytes[i] = static_cast<char>((w >> (8 * i)) & 0xff);
    out.append(bytes, 8);
  }
};

class Reader {
 public:
  explicit Reader(std::string_view in) : m_in(in) {}
  bool ok = true;
  template <class T>
  void num(T& x) {
    const std::uint64_t w = word();
    if constexpr (std::is_same_v<T, double>) {
      x = static_cast<double>(static_cast<std::int64_t>(w)) / 1e6;
    } else if constexpr (std::is_enum_v<T>) {
      x = static_cast<T>(static_cast<std::underlying_type_t<T>>(w));
    } else if constexpr (std::is_same_v<T, bool>) {
      x = w != 0;
    } else {
      x = static_cast<T>(w);
    }
  }
  void str(std::string& s) {
    const std::uint64_t n = word();
    if (!ok || n > m_in.size() - m_pos) {
      ok = false;
      return;
    }
    s.assign(m_in.substr(m_pos, n));
    m_pos += n;
  }
  template <class Vec, class F>
  void seq(Vec& v, F&& f) {
    const std::uint64_t n = word();
    // Every element takes at least 8 bytes: a bigger count is a corrupt input, not a reason
    // to allocate gigabytes.
    if (!ok || n > (m_in.size() - m_pos) / 8 + 1) {
      ok = false;
      return;
    }
    v.resize(n);
    for (auto& x : v) {
      if (!ok) return;
      f(x);
    }
  }
  void event(Event& e) {
    const std::uint64_t w0 = word(), w1 = word(), w2 = word(), w3 = word();
    e.turn = low32(w0);
    e.actor = high32(w0);
    e.a = low32(w1);
    e.b = high32(w1);
    e.c = low32(w2);
    e.note = high32(w2);
    e.kind = static_cast<EventKind>(w3 & 0xff);
    e.reason = static_cast<ReasonCode>((w3 >> 8) & 0xff);
    num(e.value);
    num(e.value2);
  }
  void rng(Rng& r) {
    std::array<std::uint64_t, 4> w{};
    for (auto& x : w) x = word();
    r.setWords(w);
  }
  bool atEnd() const { return m_pos == m_in.size(); }
  bool more(const GameState&) const { return ok && !atEnd() && !namingNext(); }
  bool namingFollows(const GameState&) const { return ok && namingNext(); }
  void tag(std::uint64_t t) {
    if (word() != t) ok = false;
  }

 private:
  std::uint64_t word() {
    if (m_in.size() - m_pos < 8) {
      ok = false;
      return 0;
    }
    const std::uint64_t w = peek();
    m_pos += 8;
    return w;
  }
  bool namingNext() const { return m_in.size() - m_pos >= 8 && peek() == kNamingTag; }
  std::uint64_t peek() const {
    std::uint64_t w = 0;
    for (int i = 0; i < 8; ++i)
      w |= static_cast<std::uint64_t>(static_cast<unsigned char>(m_in[m_pos + static_cast<std::size_t>(i)]))
           << (8 * i);
    return w;
  }
  std::string_view m_in;
  std::size_t m_pos = 0;
};

// Word-wise hashing in four independent lanes (the xxHash64 round: multiply, rotate,
// multiply, with its primes), so the multiplications of consecutive words overlap instead of
// waiting for each other; the lanes are merged and finished with the splitmix64 avalanche.
// Streaming the fields directly avoids building the byte string, which keeps per-turn hashing
// cheap.
class Hasher : public WordEmitter<Hasher> {
 public:
  void str(const std::string& s) {
    word(s.size());
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      std::uint64_t w = 0;
      for (std::size_t k = 0; k < 8; ++k)
        w |= static_cast<std::uint64_t>(static_cast<unsigned char>(s[i + k])) << (8 * k);
      word(w);
    }
    std::uint64_t w = 0;
    for (std::size_t k = 0; i + k < s.size(); ++k)
      w |= static_cast<std::uint64_t>(static_cast<unsigned char>(s[i + k])) << (8 * k);
    word(w);
  }
  std::uint64_t finish() const {
    std::uint64_t z = std::rotl(m_lane[0], 1) + std::rotl(m_lane[1], 7) + std::rotl(m_lane[2], 12) +
                      std::rotl(m_lane[3], 18);
    z ^= m_count * kP1;
    return mix64(z);
  }

 private:
  static constexpr std::uint64_t kP1 = 0x9E3779B185EBCA87ULL;
  static constexpr std::uint64_t kP2 = 0xC2B2AE3D27D4EB4FULL;
  friend class WordEmitter<Hasher>;
  void word(std::uint64_t w) {
    std::uint64_t& lane = m_lane[m_count & 3];
    lane = std::rotl(lane + w * kP2, 31) * kP1;
    ++m_count;
  }
  std::uint64_t m_lane[4] = {0xcbf29ce484222325ULL, 0x100000001b3ULL, 0x9e3779b97f4a7c15ULL,
                             0x94d049bb133111ebULL};
  std::uint64_t m_count = 0;
};

}  // namespace

std::string serializeState(const GameState& state) {
  Writer w;
  w.out.reserve(4096);
  w.str(std::string("demarche-state-2"));
  visitState(state, w);
  return std::move(w.out);
}

std::optional<GameState> deserializeState(std::string_view bytes) {
  Reader r(bytes);
  std::string magic;
  r.str(magic);
  if (!r.ok || magic != "demarche-state-2") return std::nullopt;
  GameState s;
  visitState(s, r);
  if (!r.ok || !r.atEnd()) return std::nullopt;
  return s;
}

std::uint64_t stateHash(const GameState& state) {
  Hasher h;
  visitState(state, h);
  return h.finish();
}

std::string hashHex(std::uint64_t hash) {
  static const char* digits = "0123456789abcdef";
  std::string s(16, '0');
  for (int i = 15; i >= 0; --i) {
    s[static_cast<std::size_t>(i)] = digits[hash & 0xf];
    hash >>= 4;
  }
  return s;
}

}  // namespace demarche
