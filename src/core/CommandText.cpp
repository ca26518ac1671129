// Text form of commands: a small tokenizer (words, key=value, "quoted text") and one parse
// and one format function per command kind.
#include "core/CommandText.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <system_error>

#include "core/Definitions.hpp"
#include "core/Suggest.hpp"

namespace demarche {

namespace {

struct Token {
  std::string key;    // "target" in target=rus; empty for plain words
  std::string value;  // the word, the value, or the unquoted text
  bool quoted = false;
  int column = 1;
};

// Splits a line; returns an error message (and column) on an unterminated quote.
std::string tokenize(std::string_view line, std::vector<Token>& out, int& errColumn) {
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r' || line[i] == '\n')) ++i;
    if (i >= line.size()) break;
    Token t;
    t.column = static_cast<int>(i) + 1;
    // key= prefix
    std::size_t j = i;
    while (j < line.size() && line[j] != '=' && line[j] != ' ' && line[j] != '\t' && line[j] != '"') ++j;
    if (j < line.size() && line[j] == '=') {
      t.key = std::string(line.substr(i, j - i));
      i = j + 1;
    }
    if (i < line.size() && line[i] == '"') {
      t.quoted = true;
      ++i;
      bool closed = false;
      while (i < line.size()) {
        const char c = line[i];
        if (c == '\\' && i + 1 < line.size()) {
          const char n = line[i + 1];
          t.value += n == 'n' ? '\n' : n;
          i += 2;
          continue;
        }
        if (c == '"') {
          closed = true;
          ++i;
          break;
        }
        t.value += c;
        ++i;
      }
      if (!closed) {
        errColumn = t.column;
        return "unterminated quoted text (a closing \" is missing)";
      }
    } else {
      std::size_t k = i;
      while (k < line.size() && line[k] != ' ' && line[k] != '\t' && line[k] != '\r' && line[k] != '\n') ++k;
      t.value = std::string(line.substr(i, k - i));
      i = k;
    }
    out.push_back(std::move(t));
  }
  return {};
}

std::string lowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

// "Did you mean" for an unknown id: a name written instead of the id ("Ukraine" for ukr, in any
// of the scenario's languages, any case), else the nearest id, else the id of the nearest name.
template <class Vec, class NameOf>
std::string suggestId(const Vec& items, std::string_view word, NameOf nameOf) {
  if (word.empty() || word.size() > 64) return {};
  const std::string lowered = lowerAscii(word);
  std::vector<std::string> ids, names, nameIds;
  for (const auto& item : items) {
    ids.push_back(item.id);
    for (const auto& [language, name] : nameOf(item).byLanguage) {
      if (lowerAscii(name) == lowered) return "did you mean '" + item.id + "' (" + name + ")?";
      names.push_back(lowerAscii(name));
      nameIds.push_back(item.id);
    }
  }
  const std::size_t reach = std::max<std::size_t>(1, std::min<std::size_t>(3, word.size() / 3));
  if (std::string near = closestWord(lowered, ids, reach); !near.empty())
    return "did you mean '" + near + "'?";
  if (std::string near = closestWord(lowered, names, reach); !near.empty()) {
    const auto at = static_cast<std::size_t>(std::find(names.begin(), names.end(), near) - names.begin());
    return "did you mean '" + nameIds[at] + "'?";
  }
  return {};
}

template <class Vec>
int findId(const Vec& items, std::string_view id) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].id == id) return static_cast<int>(i);
  return -1;
}

int findName(const std::vector<std::string>& names, std::string_view id) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == id) return static_cast<int>(i);
  return -1;
}

std::string quote(const std::string& s) {
  std::string q = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') q += '\\';
    if (c == '\n') {
      q += "\\n";
      continue;
    }
    q += c;
  }
  return q + "\"";
}

class Parser {
 public:
  Parser(const ScenarioDef& def, std::vector<Token> tokens) : m_def(def), m_tokens(std::move(tokens)) {}

  CommandParse run() {
    const std::string verb = m_tokens[0].value;
    m_pos = 1;
    Command c;
    if (verb == "measure") {
      TakeMeasure m;
      m.actor = actor("actor");
      m.measure = measure();
      while (ok() && more()) {
        const Token& t = next();
        if (t.key == "target") {
          m.target = lookupActor(t);
        } else if (t.key == "incident") {
          m.incident = lookupIncident(t);
        } else if (t.key == "entities") {
          for (int e : list(t, [this](const Token& x) { return lookupEntity(x); }))
            if (e >= 0 && e < kMaxEntities) m.entities |= std::uint64_t{1} << e;
        } else {
          fail(t, "unexpected '" + t.value + "' (expected target=ACTOR, incident=INCIDENT or entities=A,B)");
        }
      }
      c = m;
    } else if (verb == "propose") {
      Propose p;
      p.from = actor("proposer");
      while (ok() && more()) {
        const Token& t = next();
        if (t.key == "to")
          p.to = list(t, [this](const Token& x) { return lookupActor(x); });
        else if (t.key == "terms")
          p.terms = list(t, [this](const Token& x) { return lookupTerm(x); });
        else if (t.key == "incident")
          p.incident = lookupIncident(t);
        else if (t.key == "text")
          p.text = t.value;
        else if (t.key == "naming")
          p.naming = lookupActor(t);
        else
          fail(t, "unexpected '" + t.value + "' (expected to=, terms=, incident=, naming= or text=)");
      }
      if (ok() && p.to.empty()) failEnd("a proposal needs to=ACTOR[,ACTOR...]");
      if (ok() && p.terms.empty()) failEnd("a proposal needs terms=TERM[,TERM...]");
      c = p;
    } else if (verb == "reply") {
      Reply r;
      r.actor = actor("actor");
      r.proposal = integer("proposal id");
      const Token* kind = word("accept, reject or counter");
      if (kind) {
        if (kind->value == "accept")
          r.kind = ReplyKind::Accept;
        else if (kind->value == "reject")
          r.kind = ReplyKind::Reject;
        else if (kind->value == "counter")
          r.kind = ReplyKind::Counter;
        else
          fail(*kind, "expected accept, reject or counter, not '" + kind->value + "'");
      }
      bool haveReason = false;
      while (ok() && more()) {
        const Token& t = next();
        if (t.key == "terms" && r.kind == ReplyKind::Counter)
          r.counterTerms = list(t, [this](const Token& x) { return lookupTerm(x); });
        else if (t.key.empty() && t.quoted && !haveReason)
          r.reason = t.value, haveReason = true;
        else
          fail(t, "unexpected '" + t.value + "' (expected " +
                      (r.kind == ReplyKind::Counter ? "terms=TERM,... and " : "") + "a quoted reason)");
      }
      if (ok() && !haveReason) failEnd("a reply needs a reason in double quotes");
      if (ok() && r.kind == ReplyKind::Counter && r.counterTerms.empty())
        failEnd("a counter needs terms=TERM,...");
      c = r;
    } else if (verb == "decide") {
      DecideAttribution d;
      d.actor = actor("actor");
      d.incident = incident();
      d.candidate = actor("candidate");
      // `decide ukr hse_attack rus harbouring`: rus shelters those behind it (due diligence).
      if (ok() && more()) {
        const Token& t = next();
        if (t.value == "harbouring")
          d.harbouring = true;
        else
          fail(t, "unexpected '" + t.value +
                      "' (expected nothing, or harbouring: the state shelters those behind it)");
      }
      c = d;
    } else if (verb == "disclose") {
      Disclose d;
      d.actor = actor("actor");
      d.incident = incident();
      const Token* kind = word("private, public or joint");
      if (kind) {
        if (kind->value == "private")
          d.kind = Disclosure::Private;
        else if (kind->value == "public")
          d.kind = Disclosure::Public;
        else if (kind->value == "joint")
          d.kind = Disclosure::Joint;
        else
          fail(*kind, "expected private, public or joint, not '" + kind->value + "'");
      }
      while (ok() && more()) {
        const Token& t = next();
        if (t.key == "partners" && d.kind == Disclosure::Joint)
          d.partners = list(t, [this](const Token& x) { return lookupActor(x); });
        else
          fail(t, "unexpected '" + t.value + "'");
      }
      c = d;
    } else if (verb == "withdraw") {
      Withdraw w;
      w.actor = actor("actor");
      w.incident = incident();
      c = w;
    } else if (verb == "end_phase") {
      c = EndPhase{};
    } else if (verb == "pause") {
      c = Pause{};
    } else if (verb == "resume") {
      c = Resume{};
    } else if (verb == "reveal_truth") {
      c = RevealTruth{};
    } else if (verb == "undo_turn") {
      c = UndoTurn{};
    } else if (verb == "end_exercise") {
      c = EndExercise{};
    } else if (verb == "inject") {
      InjectNow j;
      const Token* t = word("an inject id");
      if (t) {
        j.inject = findId(m_def.injects, t->value);
        if (j.inject < 0) fail(*t, "unknown inject '" + t->value + "'");
      }
      c = j;
    } else if (verb == "adjust") {
      AdjustMeter a;
      a.actor = actor("actor");
      const Token* m = word("a meter");
      if (m) {
        a.meter = findName(m_def.meterNames, m->value);
        if (a.meter < 0) fail(*m, "unknown meter '" + m->value + "'");
      }
      const Token* d = word("a number (the change)");
      if (d) {
        const char* first = d->value.data();
        const char* last = first + d->value.size();
        if (*first == '+') ++first;
        auto [ptr, ec] = std::from_chars(first, last, a.delta);
        if (ec != std::errc() || ptr != last || !std::isfinite(a.delta))
          fail(*d, "expected a number, not '" + d->value + "'");
      }
      const Token* r = ok() && more() ? &next() : nullptr;
      if (ok() && (!r || !r->quoted || !r->key.empty())) {
        if (r)
          fail(*r, "expected the reason in double quotes");
        else
          failEnd("an adjustment needs a reason in double quotes");
      }
      if (r && ok()) a.reason = r->value;
      c = a;
    } else if (verb == "seat") {
      AssignSeat a;
      a.actor = actor("actor");
      const Token* kind = word("team, browser, ai, scripted or random");
      if (kind) {
        if (kind->value == "browser") {
          a.seat = Seat{SeatKind::Team, kDifficultyStandard, true};
        } else if (auto k = parseSeatKind(kind->value)) {
          a.seat.kind = *k;
        } else {
          fail(*kind, "expected team, browser, ai, scripted or random, not '" + kind->value + "'");
        }
      }
      if (ok() && more() && a.seat.kind == SeatKind::Ai) {
        const Token* level = word("novice, standard or expert");
        if (level) {
          if (auto d = parseDifficultyWord(level->value))
            a.seat.difficulty = *d;
          else
            fail(*level, "expected novice, standard or expert, not '" + level->value + "'");
        }
      }
      c = a;
    } else if (verb == "timer") {
      SetTimer t;
      const Token* n = word("seconds (900, +300 or -60)");
      if (n) {
        std::string_view digits = n->value;
        if (!digits.empty() && (digits[0] == '+' || digits[0] == '-')) t.extend = true;
        const bool negative = !digits.empty() && digits[0] == '-';
        if (t.extend) digits.remove_prefix(1);
        int v = -1;
        auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
        if (ec != std::errc() || ptr != digits.data() + digits.size() || v < 0)
          fail(*n, "expected seconds (900, +300 or -60), not '" + n->value + "'");
        t.seconds = negative ? -v : v;
      }
      c = t;
    } else if (verb == "undone") {
      RecordUndo u;
      u.fromTurn = integer("the turn undone");
      u.toTurn = integer("the turn gone back to");
      u.commands = integer("the number of commands undone");
      c = u;
    } else {
      fail(m_tokens[0], "unknown command '" + verb +
                            "' (expected measure, propose, reply, decide, disclose, withdraw, end_phase, "
                            "pause, resume, inject, "
                            "adjust, reveal_truth, undo_turn, end_exercise, seat or timer)");
    }
    if (ok() && more()) fail(m_tokens[m_pos], "unexpected '" + m_tokens[m_pos].value + "' at the end");
    CommandParse result;
    if (ok())
      result.command = std::move(c);
    else
      result.error = m_error, result.column = m_column, result.suggestion = m_suggestion;
    return result;
  }

 private:
  bool ok() const { return m_error.empty(); }
  bool more() const { return m_pos < m_tokens.size(); }
  const Token& next() { return m_tokens[m_pos++]; }
  void fail(const Token& t, std::string message) {
    if (!ok()) return;
    m_error = std::move(message);
    m_column = t.column;
  }
  void failWithSuggestion(const Token& t, std::string message, std::string suggestion) {
    if (!ok()) return;
    fail(t, std::move(message));
    m_suggestion = std::move(suggestion);
  }
  void failEnd(std::string message) {
    if (!ok()) return;
    m_error = std::move(message);
    m_column = 0;
  }
  // A plain word (no key=, not quoted). A quoted one is refused, with the id it probably names
  // when `suggest` finds one (`measure "Forensic investigation"`: a name in quotes for its id).
  template <class Suggest>
  const Token* word(const char* what, Suggest suggest) {
    if (!ok()) return nullptr;
    if (!more()) {
      failEnd(std::string("missing ") + what);
      return nullptr;
    }
    const Token& t = next();
    if (!t.key.empty() || t.quoted) {
      std::string message = std::string("expected ") + what + ", not '" + t.value + "'";
      if (t.key.empty()) message += " (written without quotes)";
      failWithSuggestion(t, std::move(message), t.key.empty() ? suggest(t.value) : std::string());
      return nullptr;
    }
    return &t;
  }
  const Token* word(const char* what) {
    return word(what, [](const std::string&) { return std::string(); });
  }
  int lookupActor(const Token& t) {
    const int i = findId(m_def.actors, t.value);
    if (i < 0)
      failWithSuggestion(
          t, "unknown actor '" + t.value + "'",
          suggestId(m_def.actors, t.value, [](const ActorDef& a) -> const Text& { return a.name; }));
    return i;
  }
  int lookupIncident(const Token& t) {
    const int i = findId(m_def.incidents, t.value);
    if (i < 0)
      failWithSuggestion(
          t, "unknown incident '" + t.value + "'",
          suggestId(m_def.incidents, t.value, [](const IncidentDef& d) -> const Text& { return d.title; }));
    return i;
  }
  int lookupEntity(const Token& t) {
    const int i = findId(m_def.entities, t.value);
    if (i < 0)
      failWithSuggestion(
          t, "unknown entity '" + t.value + "'",
          suggestId(m_def.entities, t.value, [](const EntityDef& d) -> const Text& { return d.name; }));
    return i;
  }
  int lookupTerm(const Token& t) {
    const int i = findId(m_def.terms, t.value);
    if (i < 0)
      failWithSuggestion(
          t, "unknown term '" + t.value + "'",
          suggestId(m_def.terms, t.value, [](const TermDef& d) -> const Text& { return d.name; }));
    return i;
  }
  int actor(const char* what) {
    const Token* t = word(what, [this](const std::string& v) {
      return suggestId(m_def.actors, v, [](const ActorDef& a) -> const Text& { return a.name; });
    });
    return t ? lookupActor(*t) : -1;
  }
  int incident() {
    const Token* t = word("an incident", [this](const std::string& v) {
      return suggestId(m_def.incidents, v, [](const IncidentDef& d) -> const Text& { return d.title; });
    });
    return t ? lookupIncident(*t) : -1;
  }
  int measure() {
    const Token* t = word("a measure", [this](const std::string& v) {
      return suggestId(m_def.measures, v, [](const MeasureDef& d) -> const Text& { return d.name; });
    });
    if (!t) return -1;
    const int i = findId(m_def.measures, t->value);
    if (i < 0)
      failWithSuggestion(
          *t, "unknown measure '" + t->value + "'",
          suggestId(m_def.measures, t->value, [](const MeasureDef& d) -> const Text& { return d.name; }));
    return i;
  }
  int integer(const char* what) {
    const Token* t = word(what);
    if (!t) return -1;
    int v = -1;
    auto [ptr, ec] = std::from_chars(t->value.data(), t->value.data() + t->value.size(), v);
    if (ec != std::errc() || ptr != t->value.data() + t->value.size() || v < 0)
      fail(*t, std::string("expected ") + what + " (a number), not '" + t->value + "'");
    return v;
  }
  template <class F>
  std::vector<int> list(const Token& t, F&& lookup) {
    std::vector<int> out;
    std::size_t start = 0;
    while (ok() && start <= t.value.size()) {
      const std::size_t comma = t.value.find(',', start);
      const std::size_t end = comma == std::string::npos ? t.value.size() : comma;
      Token item = t;
      item.value = t.value.substr(start, end - start);
      item.column = t.column + static_cast<int>(t.key.size() + 1 + start);
      if (item.value.empty()) {
        fail(item, "empty item in the list '" + t.value + "'");
        break;
      }
      out.push_back(lookup(item));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
    return out;
  }

  const ScenarioDef& m_def;
  std::vector<Token> m_tokens;
  std::size_t m_pos = 0;
  std::string m_error;
  int m_column = 0;
  std::string m_suggestion;
};

std::string id(const ScenarioDef& def, int actor) {
  return actor >= 0 && actor < static_cast<int>(def.actors.size())
             ? def.actors[static_cast<std::size_t>(actor)].id
             : "?";
}

template <class Vec>
std::string idOf(const Vec& items, int i) {
  return i >= 0 && i < static_cast<int>(items.size()) ? items[static_cast<std::size_t>(i)].id : "?";
}

std::string joinIds(const std::vector<int>& xs, const auto& name) {
  std::string s;
  for (std::size_t i = 0; i < xs.size(); ++i) {
    if (i) s += ',';
    s += name(xs[i]);
  }
  return s;
}

std::string formatNumber(double x) {
  char buf[64];
  auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, x);
  return ec == std::errc() ? std::string(buf, ptr) : std::string("0");
}

}  // namespace

CommandParse parseCommand(const ScenarioDef& def, std::string_view line) {
  std::vector<Token> tokens;
  int errColumn = 0;
  if (std::string err = tokenize(line, tokens, errColumn); !err.empty())
    return {std::nullopt, err, errColumn, {}};
  if (tokens.empty()) return {std::nullopt, "empty line (expected a command)", 0, {}};
  if (!tokens[0].key.empty() || tokens[0].quoted)
    return {std::nullopt, "a line starts with a command word", 1, {}};
  return Parser(def, std::move(tokens)).run();
}

std::string formatCommand(const ScenarioDef& def, const Command& command) {
  const auto actor = [&def](int a) { return id(def, a); };
  const auto term = [&def](int t) { return idOf(def.terms, t); };
  // One lambda per command type, no catch-all: a type left out does not compile.
  return std::visit(
      Overloaded{
          [&](const TakeMeasure& m) {
            std::string s = "measure " + actor(m.actor) + " " + idOf(def.measures, m.measure);
            if (m.target >= 0) s += " target=" + actor(m.target);
            if (m.incident >= 0) s += " incident=" + idOf(def.incidents, m.incident);
            std::vector<int> listed;
            for (int e = 0; e < kMaxEntities; ++e)
              if ((m.entities >> e) & 1u) listed.push_back(e);
            if (!listed.empty())
              s += " entities=" + joinIds(listed, [&](int e) { return idOf(def.entities, e); });
            return s;
          },
          [&](const Propose& p) {
            std::string s = "propose " + actor(p.from) + " to=" + joinIds(p.to, actor) +
                            " terms=" + joinIds(p.terms, term);
            if (p.incident >= 0) s += " incident=" + idOf(def.incidents, p.incident);
            if (p.naming >= 0) s += " naming=" + actor(p.naming);
            if (!p.text.empty()) s += " text=" + quote(p.text);
            return s;
          },
          [&](const Reply& r) {
            std::string s = "reply " + actor(r.actor) + " " + std::to_string(r.proposal) + " " +
                            std::string(replyKindName(r.kind));
            if (r.kind == ReplyKind::Counter) s += " terms=" + joinIds(r.counterTerms, term);
            return s + " " + quote(r.reason);
          },
          [&](const DecideAttribution& d) {
            return "decide " + actor(d.actor) + " " + idOf(def.incidents, d.incident) + " " +
                   actor(d.candidate) + (d.harbouring ? " harbouring" : "");
          },
          [&](const Disclose& d) {
            std::string s = "disclose " + actor(d.actor) + " " + idOf(def.incidents, d.incident) + " " +
                            std::string(disclosureName(d.kind));
            if (d.kind == Disclosure::Joint && !d.partners.empty())
              s += " partners=" + joinIds(d.partners, actor);
            return s;
          },
          [&](const Withdraw& w) {
            return "withdraw " + actor(w.actor) + " " + idOf(def.incidents, w.incident);
          },
          [&](const EndPhase&) { return std::string("end_phase"); },
          [&](const Pause&) { return std::string("pause"); },
          [&](const Resume&) { return std::string("resume"); },
          [&](const RevealTruth&) { return std::string("reveal_truth"); },
          [&](const UndoTurn&) { return std::string("undo_turn"); },
          [&](const EndExercise&) { return std::string("end_exercise"); },
          [&](const InjectNow& j) { return "inject " + idOf(def.injects, j.inject); },
          [&](const AdjustMeter& a) {
            const std::string meter = a.meter >= 0 && a.meter < static_cast<int>(def.meterNames.size())
                                          ? def.meterNames[static_cast<std::size_t>(a.meter)]
                                          : "?";
            return "adjust " + actor(a.actor) + " " + meter + " " + formatNumber(a.delta) + " " +
                   quote(a.reason);
          },
          [&](const AssignSeat& a) { return "seat " + actor(a.actor) + " " + formatSeat(a.seat); },
          [&](const RecordUndo& u) {
            return "undone " + std::to_string(u.fromTurn) + " " + std::to_string(u.toTurn) + " " +
                   std::to_string(u.commands);
          },
          [&](const SetTimer& t) {
            return "timer " + std::string(t.extend && t.seconds >= 0 ? "+" : "") + std::to_string(t.seconds);
          },
      },
      command);
}

std::string_view seatKindName(SeatKind kind) {
  switch (kind) {
    case SeatKind::Team:
      return "team";
    case SeatKind::Ai:
      return "ai";
    case SeatKind::Scripted:
      return "scripted";
    case SeatKind::Random:
      return "random";
  }
  return "?";
}

std::string formatSeat(const Seat& seat) {
  if (seat.kind == SeatKind::Team && seat.browser) return "browser";
  std::string s(seatKindName(seat.kind));
  if (seat.kind == SeatKind::Ai) s += " " + std::string(difficultyWord(seat.difficulty));
  return s;
}

std::optional<SeatKind> parseSeatKind(std::string_view word) {
  for (SeatKind k : {SeatKind::Team, SeatKind::Ai, SeatKind::Scripted, SeatKind::Random})
    if (seatKindName(k) == word) return k;
  return std::nullopt;
}

std::string_view difficultyWord(std::uint8_t difficulty) {
  return difficulty == kDifficultyNovice ? "novice" : difficulty == kDifficultyExpert ? "expert" : "standard";
}

std::optional<std::uint8_t> parseDifficultyWord(std::string_view word) {
  if (word == "novice") return kDifficultyNovice;
  if (word == "standard") return kDifficultyStandard;
  if (word == "expert") return kDifficultyExpert;
  return std::nullopt;
}

std::string formatSender(const ScenarioDef& def, Sender sender) {
  switch (sender.kind) {
    case SenderKind::Facilitator:
      return "facilitator";
    case SenderKind::Team:
      return "team:" + id(def, sender.actor);
    case SenderKind::Ai:
      return "ai:" + id(def, sender.actor);
    case SenderKind::Script:
      return sender.actor < 0 ? "script" : "script:" + id(def, sender.actor);
  }
  return "script";
}

std::optional<Sender> parseSender(const ScenarioDef& def, std::string_view text) {
  if (text == "facilitator") return Sender::facilitator();
  if (text == "script") return Sender::script();
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  const std::string_view kind = text.substr(0, colon);
  const int actor = findId(def.actors, std::string(text.substr(colon + 1)));
  if (actor < 0) return std::nullopt;
  if (kind == "team") return Sender::team(actor);
  if (kind == "ai") return Sender::ai(actor);
  if (kind == "script") return Sender::scripted(actor);
  return std::nullopt;
}

}  // namespace demarche
