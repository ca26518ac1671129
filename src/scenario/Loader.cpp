// The scenario loader: file checks, YAML tree, pass 1 (structure) and pass 2 (meaning).
//
// [SECTION] File reading and file-level checks (E1xx)
// [SECTION] Pass 1 helpers: typed reads of the YAML tree (E2xx)
// [SECTION] Pass 1: the scenario's keys, entity by entity
// [SECTION] Pass 2: ids, references, expressions and consistency (E3xx mapped, E4xx, W5xx)
// [SECTION] Public API
#include "scenario/Loader.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <unordered_map>

#include "core/AtomicFile.hpp"
#include "core/Calendar.hpp"
#include "core/Names.hpp"
#include "core/Utf8.hpp"
#include "scenario/YamlTree.hpp"

namespace demarche::scenario {
namespace {

namespace fs = std::filesystem;

// Where something is: file index into Loader::m_files, 1-based line and column.
struct Loc {
  int file = 0;
  int line = 0;
  int column = 0;
};

// An id reference, resolved in pass 2.
struct Ref {
  std::string name;
  Loc loc;
  bool present = false;
};

// An expression's text and where its first character sits in the file.
struct RawExpr {
  std::string text;
  Loc loc;
  ScalarStyle style = ScalarStyle::Plain;
  bool present = false;
};

struct RawActor {
  ActorDef def;
  Loc loc, idLoc;
  std::vector<std::pair<Ref, double>> meters, capabilities;
  std::vector<Ref> blocs;
  Ref basedIn;
  std::vector<Ref> rulesOut, permits;
};
struct RawEntity {
  EntityDef def;
  Loc loc, idLoc;
  Ref owner;
  std::vector<Ref> involvedIn;
};
struct RawRelation {
  RelationDef def;
  Loc loc;
  Ref a, b;
  std::vector<Ref> agreements;
};
struct RawRung {
  RungDef def;
  Loc loc, idLoc, thresholdLoc;
  std::vector<Ref> offRamps;
};
struct RawIncident {
  IncidentDef def;
  Loc loc, idLoc, prioritiesLoc;
  Ref victim, operatorActor, sponsor, proxy;
  std::vector<Ref> falseFlags, candidates, harbouredBy;
  std::vector<std::pair<Ref, double>> priors;
  bool hasPriors = false;
};
struct RawEvidence {
  EvidenceDef def;
  Loc loc, idLoc;
  Ref incident;
  std::vector<std::pair<Ref, double>> pointsTo;
  RawExpr revealWhen;
  std::vector<Ref> revealTo;
};
struct RawMeasure {
  MeasureDef def;
  Loc loc, idLoc;
  RawExpr requirement;
  std::vector<RawExpr> effects;
  Ref bloc;
  Loc targetKindsLoc, entityKindsLoc, targetLoc;
};
struct RawTerm {
  TermDef def;
  Loc loc, idLoc;
  std::vector<RawExpr> onAccept;
  RawExpr breaksWhen;
};
struct RawInject {
  InjectDef def;
  Loc loc, idLoc;
  std::vector<Ref> audience, reveals;
  RawExpr when;
  std::vector<RawExpr> effects;
  Ref incident;
};
struct RawObjective {
  ObjectiveDef def;
  Loc loc, idLoc;
  Ref actor;
  RawExpr condition;
};
struct RawEnding {
  EndingDef def;
  Loc loc, idLoc;
  RawExpr when;
};

struct SourceFile {
  std::string display;  // as shown in diagnostics
  fs::path path;        // where it is on disk (for relative includes)
  std::string text;
  YamlTree tree;
};

// Everything pass 1 read, across the scenario and its includes.
struct Raw {
  ScenarioDef def;
  Loc rootLoc;
  std::vector<std::pair<std::string, Loc>> meterNames, capabilityNames;
  std::vector<Text> meterTitles, capabilityTitles;  // [*Names entry]: its `name`, if the item gave one
  std::vector<Ref> defaultSeats;
  std::vector<RawActor> actors;
  std::vector<RawEntity> entities;
  std::vector<RawRelation> relations;
  std::vector<RawRung> rungs;
  Loc ladderLoc;
  bool hasLadder = false;
  std::vector<RawIncident> incidents;
  std::vector<RawEvidence> evidence;
  std::vector<RawMeasure> measures;
  std::vector<RawTerm> terms;
  std::vector<RawInject> injects;
  std::vector<RawObjective> objectives;
  std::vector<RawEnding> endings;
};

// The enums' YAML spellings and the probability words come from core/Names.hpp (one table
// each for every module).

using Keys = std::initializer_list<std::string_view>;

std::string inQuotes(std::string_view s) { return "'" + std::string(s) + "'"; }

std::string formatNumber(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

bool isIdText(std::string_view s, bool allowDash) {
  if (s.empty() || s.size() > 64 || s[0] < 'a' || s[0] > 'z') return false;
  return std::all_of(s.begin(), s.end(), [&](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || (allowDash && c == '-');
  });
}

bool isLanguageCode(std::string_view s) {
  // "en", "fr", "pt-BR", "zh-Hant"
  if (s.size() < 2 || s.size() > 12) return false;
  std::size_t i = 0;
  while (i < s.size() && s[i] >= 'a' && s[i] <= 'z') ++i;
  if (i < 2 || i > 3) return false;
  if (i == s.size()) return true;
  if (s[i] != '-') return false;
  ++i;
  if (i >= s.size()) return false;
  for (; i < s.size(); ++i) {
    const char c = s[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return true;
}

// [SECTION] File reading and file-level checks (E1xx)

// Returns the byte offset of the first problem and its description, or npos. A UTF-8 byte
// order mark is valid UTF-8 and passes.
std::size_t findEncodingProblem(std::string_view text, std::string& what) {
  const TextCheck check = checkUtf8Text(text);
  switch (check.problem) {
    case TextProblem::None:
      return std::string_view::npos;
    case TextProblem::NulByte:
      what = "NUL byte: this looks like a binary file, not YAML text";
      break;
    case TextProblem::ControlByte:
      what = "control character " + std::to_string(check.byte) +
             ": this looks like a binary file, not YAML text";
      break;
    case TextProblem::InvalidByte:
      what = "invalid UTF-8 byte; save the file as UTF-8";
      break;
    case TextProblem::Truncated:
      what = "truncated UTF-8 sequence; save the file as UTF-8";
      break;
    case TextProblem::InvalidSequence:
      what = "invalid UTF-8 sequence; save the file as UTF-8";
      break;
  }
  return check.offset;
}

void lineColumnOf(std::string_view text, std::size_t offset, int& line, int& column) {
  line = 1;
  std::size_t lineStart = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      lineStart = i + 1;
    }
  }
  column = static_cast<int>(offset - lineStart) + 1;
}

std::string byteCount(std::size_t bytes) {
  std::string digits = std::to_string(bytes);
  for (int i = static_cast<int>(digits.size()) - 3; i > 0; i -= 3) {
    digits.insert(static_cast<std::size_t>(i), ",");
  }
  return digits;
}

std::string mebibytes(std::size_t bytes) {
  constexpr std::size_t kMiB = 1024 * 1024;
  return bytes % kMiB == 0 ? " (" + std::to_string(bytes / kMiB) + " MiB)" : "";
}

std::uint64_t fnv1a(std::uint64_t hash, std::string_view bytes) {
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

// [SECTION] Pass 1 helpers: typed reads of the YAML tree (E2xx)

class Loader;

// The keys of one mapping, checked against the allowed ones: unknown keys (E201 with a
// suggestion) and duplicates (E206) are reported when the view is made.
class MapView {
 public:
  NodeId node = kNoNode;
  std::vector<std::pair<std::string_view, NodeId>> found;  // allowed key -> value (first seen)

  NodeId get(std::string_view key) const {
    for (const auto& [name, value] : found) {
      if (name == key) return value;
    }
    return kNoNode;
  }
  bool has(std::string_view key) const { return get(key) != kNoNode; }
};

class Loader {
 public:
  Loader(const LoadOptions& options, LoadResult& result) : m_options(options), m_result(result) {}

  void run(std::optional<std::string> text, const fs::path& path);
  std::size_t nodesVisited() const { return m_work; }
  std::size_t visitBudget() const { return m_workBudget; }
  ScenarioDef takeScenario() { return std::move(m_raw.def); }

 private:
  // --- diagnostics
  void report(Severity severity, const std::string& code, Loc loc, std::string message,
              std::string suggestion = {});
  void error(const std::string& code, Loc loc, std::string message, std::string suggestion = {}) {
    report(Severity::Error, code, loc, std::move(message), std::move(suggestion));
  }
  void warning(const std::string& code, Loc loc, std::string message, std::string suggestion = {}) {
    report(Severity::Warning, code, loc, std::move(message), std::move(suggestion));
  }
  // An error whose `help` is a fix in words ("remove the quotes: 8"), not a name to suggest.
  void errorWithHelp(const std::string& code, Loc loc, std::string message, std::string help) {
    const std::size_t before = m_result.diagnostics.size();
    report(Severity::Error, code, loc, std::move(message));
    if (m_result.diagnostics.size() > before) m_result.diagnostics.back().suggestion = std::move(help);
  }
  bool accepting() const { return m_collected < m_hardCap; }

  // --- files
  std::string displayName(const fs::path& path) const;
  // Reads, checks and parses a file; returns its index or -1 (diagnostics already given).
  int openFile(std::optional<std::string> text, const fs::path& path, std::string display, Loc includedFrom);
  void readIncludes(int file, NodeId list);
  int readInclude(int file, const std::string& relative, Loc at);
  void leaveOut(int file, const std::vector<std::pair<std::string, Loc>>& ids);

  // --- tree reading
  const YamlTree& tree() const { return m_files[static_cast<std::size_t>(m_file)]->tree; }
  const YamlNode& node(NodeId id) const { return tree().at(id); }
  Loc loc(NodeId id) const {
    const YamlNode& n = node(id);
    return {m_file, n.line, n.column};
  }
  // Follows aliases and counts the work done; false once the budget is spent (E109).
  bool visit(NodeId& id);
  std::string_view kindName(NodeId id) const;
  // For a value left empty because its text began with '#' (a comment in YAML: `color: #1f77b4`),
  // that text; else empty.
  std::string commentedOutValue(NodeId id) const;
  // For plain (unquoted) text followed on its last line by ` #...`, that comment: YAML ends the
  // text there, so `text: We lost 30 #hospitals` reads as "We lost 30". Else empty.
  std::string commentAfterPlainText(NodeId id) const;
  void warnIfCutByComment(NodeId id);
  std::optional<MapView> map(NodeId id, Keys allowed, std::string_view what);
  void require(const MapView& view, std::string_view key, std::string_view what);
  void checkDuplicateKeys(NodeId mapping);
  bool scalar(NodeId id, std::string_view expected);
  bool readString(NodeId id, std::string& out);
  bool readId(NodeId id, std::string& out, bool allowDash = false);
  bool readNumber(NodeId id, double min, double max, double& out);
  bool readInt(NodeId id, double min, double max, int& out);
  bool readBool(NodeId id, bool& out);
  bool readProbability(NodeId id, double& out);
  template <typename E, std::size_t N>
  bool readEnum(NodeId id, const EnumName<E> (&names)[N], E& out, std::string_view what);
  bool readText(NodeId id, Text& out);
  bool readRef(NodeId id, Ref& out);
  bool readExpr(NodeId id, RawExpr& out);
  void readNorms(NodeId id, std::vector<char>& out);
  // Calls `each` for each item of a sequence (E203 when it is not one).
  void readList(NodeId id, const std::function<void(NodeId)>& each);
  void readRefList(NodeId id, std::vector<Ref>& out) {
    readList(id, [&](NodeId item) {
      Ref ref;
      if (readRef(item, ref)) out.push_back(std::move(ref));
    });
  }
  void readExprList(NodeId id, std::vector<RawExpr>& out) {
    readList(id, [&](NodeId item) {
      RawExpr e;
      if (readExpr(item, e)) out.push_back(std::move(e));
    });
  }
  // A mapping from ids to numbers in [min, max] (meters, priors, points_to).
  void readRefNumbers(NodeId id, double min, double max, std::vector<std::pair<Ref, double>>& out);

  // --- pass 1
  void readScenario(NodeId root);
  void readCatalogue(NodeId root);
  void readFormat(const MapView& top, bool required);
  void readMeasuresAndTerms(const MapView& top);
  void readActor(NodeId id);
  void readEntity(NodeId id);
  void readRelation(NodeId id);
  void readLadder(NodeId id);
  void readIncident(NodeId id);
  void readEvidence(NodeId id);
  void readMeasure(NodeId id);
  void readTerm(NodeId id);
  void readInject(NodeId id);
  void readObjective(NodeId id);
  void readEnding(NodeId id);
  void readQuestion(NodeId id);
  void readCalendar(NodeId id);
  void readSource(NodeId id);

  // --- pass 2
  void resolve();
  template <typename RawT>
  void indexIds(std::vector<RawT>& items, std::string_view kind, std::unordered_map<std::string, int>& index,
                std::vector<std::string>& names);
  int lookup(const Ref& ref, expr::IdKind kind);
  void lookupAll(const std::vector<Ref>& refs, expr::IdKind kind, std::vector<int>& out);
  Loc exprLoc(const RawExpr& e, int column) const;
  void reportExprErrors(const RawExpr& e, const std::vector<expr::Error>& errors);
  Condition condition(const RawExpr& e, expr::Scope scope);
  std::vector<EffectDef> effects(const std::vector<RawExpr>& list, expr::Scope scope);
  void warnings(const ScenarioDef& def);

  friend class Symbols;

  const LoadOptions& m_options;
  LoadResult& m_result;
  std::vector<std::unique_ptr<SourceFile>> m_files;
  std::vector<int> m_includeStack;  // files being read, for cycle detection
  int m_file = 0;                   // file being read in pass 1
  std::size_t m_work = 0, m_workBudget = 0;
  bool m_workExhausted = false;
  bool m_turnsRead = true;      // false when `turns` is given but does not read
  bool m_notAScenario = false;  // E107: nothing to give meaning to
  std::size_t m_collected = 0, m_hardCap = 0;
  std::string m_language = "en";
  Raw m_raw;

  // pass 2: id -> index per kind, and names in declaration order for suggestions
  std::unordered_map<std::string, int> m_ids[9];
  std::vector<std::string> m_names[9];
};

int kindIndex(expr::IdKind kind) { return static_cast<int>(kind); }

// The symbol table the expression parser resolves ids with.
class Symbols : public expr::SymbolTable {
 public:
  explicit Symbols(const Loader& loader) : m_loader(loader) {}
  std::optional<int> find(expr::IdKind kind, std::string_view name) const override {
    const auto& ids = m_loader.m_ids[kindIndex(kind)];
    auto it = ids.find(std::string(name));
    if (it == ids.end()) return std::nullopt;
    return it->second;
  }
  std::vector<std::string> names(expr::IdKind kind) const override {
    return m_loader.m_names[kindIndex(kind)];
  }
  bool hasCalendar() const override { return !m_loader.m_raw.def.turnDates.empty(); }

 private:
  const Loader& m_loader;
};

void Loader::report(Severity severity, const std::string& code, Loc loc, std::string message,
                    std::string suggestion) {
  ++m_collected;
  if (m_collected > m_hardCap) {
    ++m_result.suppressed;
    return;
  }
  Diagnostic d;
  d.file = m_files.empty() ? std::string() : m_files[static_cast<std::size_t>(loc.file)]->display;
  d.line = loc.line;
  d.column = loc.column;
  d.severity = severity;
  d.code = code;
  d.message = std::move(message);
  if (!suggestion.empty()) d.suggestion = "did you mean " + inQuotes(suggestion) + "?";
  m_result.diagnostics.push_back(std::move(d));
}

std::string Loader::displayName(const fs::path& path) const {
  if (m_options.displayBase.empty()) return path.generic_string();
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec).lexically_normal();
  const fs::path base = fs::absolute(m_options.displayBase, ec).lexically_normal();
  fs::path relative = absolute.lexically_relative(base);
  return relative.empty() ? path.generic_string() : relative.generic_string();
}

int Loader::openFile(std::optional<std::string> text, const fs::path& path, std::string display,
                     Loc includedFrom) {
  auto file = std::make_unique<SourceFile>();
  file->display = std::move(display);
  file->path = path;
  const int index = static_cast<int>(m_files.size());
  m_files.push_back(std::move(file));
  SourceFile& f = *m_files.back();
  const Loc whole{index, 0, 0};
  const bool included = includedFrom.line > 0;

  if (text) {
    if (text->size() > m_options.maxFileBytes) {
      error("E102", whole,
            "file is " + byteCount(text->size()) + " bytes; the limit is " +
                byteCount(m_options.maxFileBytes) + " bytes" + mebibytes(m_options.maxFileBytes) +
                "; split the scenario with `include:`");
      return -1;
    }
    f.text = std::move(*text);
  } else {
    std::error_code ec;
    const auto status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      if (included) {
        error("E403", includedFrom, "included file not found: " + f.display);
      } else {
        error("E101", whole, "cannot read the file: it does not exist");
      }
      return -1;
    }
    if (fs::is_directory(status)) {
      error(included ? "E403" : "E101", included ? includedFrom : whole,
            included ? "included path is a directory: " + f.display
                     : "cannot read the file: it is a directory");
      return -1;
    }
    if (!fs::is_regular_file(status)) {
      // Opening a FIFO would wait forever for a writer.
      const std::string why = std::string(specialFileKind(status)) + ", not a regular file";
      error(included ? "E403" : "E101", included ? includedFrom : whole,
            included ? "included path is not a file: " + f.display + " (" + why + ")"
                     : "cannot read the file: " + why + "; give the path of a scenario file");
      return -1;
    }
    const auto size = fs::file_size(path, ec);
    if (!ec && size > m_options.maxFileBytes) {
      error("E102", whole,
            "file is " + byteCount(static_cast<std::size_t>(size)) + " bytes; the limit is " +
                byteCount(m_options.maxFileBytes) + " bytes" + mebibytes(m_options.maxFileBytes) +
                "; split the scenario with `include:`");
      return -1;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      if (included) {
        error("E403", includedFrom, "cannot read the included file " + f.display);
      } else {
        error("E101", whole, "cannot read the file (permission denied?)");
      }
      return -1;
    }
    // Read at most one byte past the cap, in case the file grew since it was measured.
    f.text.resize(static_cast<std::size_t>(ec ? m_options.maxFileBytes + 1 : size));
    in.read(f.text.data(), static_cast<std::streamsize>(f.text.size()));
    f.text.resize(static_cast<std::size_t>(in.gcount()));
    if (in.bad()) {
      error(included ? "E403" : "E101", included ? includedFrom : whole, "cannot read the file");
      return -1;
    }
    if (f.text.size() > m_options.maxFileBytes) {
      error("E102", whole,
            "file is over the limit of " + byteCount(m_options.maxFileBytes) + " bytes" +
                mebibytes(m_options.maxFileBytes));
      return -1;
    }
  }
  m_result.sources.add(f.display, f.text);  // copied: the loader keeps reading its own

  std::string what;
  if (const std::size_t at = findEncodingProblem(f.text, what); at != std::string_view::npos) {
    int line = 1, column = 1;
    lineColumnOf(f.text, at, line, column);
    error("E104", {index, line, column}, what);
    return -1;
  }
  YamlError yamlError;
  YamlLimits limits{m_options.maxDepth, m_options.maxNodes};
  const bool parsed = parseYaml(f.text, limits, f.tree, yamlError);
  ++m_result.work.files;
  m_result.work.bytesParsed += f.text.size();
  m_result.work.yamlNodes += f.tree.nodes.size();
  if (!parsed) {
    errorWithHelp(yamlError.code, {index, yamlError.line, yamlError.column}, yamlError.message,
                  yamlError.suggestion);
    return -1;
  }
  return index;
}

bool Loader::visit(NodeId& id) {
  if (m_workExhausted) return false;
  if (m_work >= m_workBudget) {
    m_workExhausted = true;
    error("E109", loc(id),
          "aliases expand to too many nodes (more than " + std::to_string(m_workBudget) +
              " visited); is this an alias bomb?");
    return false;
  }
  ++m_work;
  id = tree().resolve(id);
  return true;
}

std::string_view Loader::kindName(NodeId id) const {
  switch (node(id).kind) {
    case YamlKind::Null:
      return "nothing (null)";
    case YamlKind::Scalar:
      return node(id).style == ScalarStyle::Plain ? "a plain value" : "a string";
    case YamlKind::Sequence:
      return "a list";
    case YamlKind::Mapping:
      return "a mapping";
    case YamlKind::Alias:
      return "an alias";
  }
  return "a value";
}

void Loader::checkDuplicateKeys(NodeId mapping) {
  const YamlNode& m = node(mapping);
  const std::uint32_t pairs = m.count / 2;
  auto keyText = [&](std::uint32_t i) -> const std::string* {
    const YamlNode& k = node(tree().resolve(tree().child(mapping, 2 * i)));
    return k.kind == YamlKind::Scalar ? &k.value : nullptr;
  };
  auto duplicate = [&](std::uint32_t first, std::uint32_t second) {
    const NodeId key = tree().child(mapping, 2 * second);
    error("E206", loc(key),
          "duplicate key " + inQuotes(*keyText(second)) + " (first at line " +
              std::to_string(node(tree().child(mapping, 2 * first)).line) + "); YAML keeps only one");
  };
  if (pairs <= 16) {
    for (std::uint32_t i = 1; i < pairs; ++i) {
      const std::string* a = keyText(i);
      if (!a) continue;
      for (std::uint32_t j = 0; j < i; ++j) {
        const std::string* b = keyText(j);
        if (b && *a == *b) {
          duplicate(j, i);
          break;
        }
      }
    }
    return;
  }
  std::unordered_map<std::string_view, std::uint32_t> seen;
  seen.reserve(pairs);
  for (std::uint32_t i = 0; i < pairs; ++i) {
    const std::string* a = keyText(i);
    if (!a) continue;
    auto [it, inserted] = seen.emplace(*a, i);
    if (!inserted) duplicate(it->second, i);
  }
}

std::optional<MapView> Loader::map(NodeId id, Keys allowed, std::string_view what) {
  if (!visit(id)) return std::nullopt;
  if (node(id).kind != YamlKind::Mapping) {
    error("E203", loc(id),
          std::string(what) + " must be a mapping of keys, not " + std::string(kindName(id)));
    return std::nullopt;
  }
  MapView view;
  view.node = id;
  const YamlNode& m = node(id);
  std::vector<std::string> allowedNames;
  for (std::uint32_t i = 0; i + 1 < m.count; i += 2) {
    NodeId key = tree().child(id, i);
    const NodeId value = tree().child(id, i + 1);
    if (!visit(key)) return std::nullopt;
    if (node(key).kind != YamlKind::Scalar) {
      error("E203", loc(key), "a key must be a plain name, not " + std::string(kindName(key)));
      continue;
    }
    const std::string& name = node(key).value;
    auto it = std::find(allowed.begin(), allowed.end(), std::string_view(name));
    if (it == allowed.end()) {
      if (!accepting()) {
        ++m_collected;
        ++m_result.suppressed;
        continue;
      }
      if (allowedNames.empty()) allowedNames.assign(allowed.begin(), allowed.end());
      error("E201", loc(key), "unknown key " + inQuotes(name) + " in " + std::string(what),
            closestMatch(name, allowedNames));
      continue;
    }
    bool again = false;
    for (const auto& [seenName, seenValue] : view.found) {
      if (seenName == *it) {
        again = true;
        break;
      }
    }
    if (again) continue;  // reported by checkDuplicateKeys
    view.found.emplace_back(*it, value);
  }
  checkDuplicateKeys(id);
  return view;
}

void Loader::require(const MapView& view, std::string_view key, std::string_view what) {
  if (!view.has(key)) {
    // A missing node has no position: point at the mapping that lacks it.
    error("E202", loc(view.node), "missing required key " + inQuotes(key) + " in " + std::string(what));
  }
}

std::string Loader::commentedOutValue(NodeId id) const {
  const YamlNode& n = node(id);
  if (n.kind != YamlKind::Null) return {};
  const std::string_view row =
      m_result.sources.line(m_files[static_cast<std::size_t>(m_file)]->display, n.line);
  const std::size_t colon = row.find(':', static_cast<std::size_t>(std::max(n.column, 1) - 1));
  if (colon == std::string_view::npos) return {};
  const std::size_t value = row.find_first_not_of(" \t", colon + 1);
  if (value == std::string_view::npos || row[value] != '#' || value == colon + 1) return {};
  std::string_view comment = row.substr(value);
  while (!comment.empty() && (comment.back() == ' ' || comment.back() == '\t')) comment.remove_suffix(1);
  return std::string(comment);
}

std::string Loader::commentAfterPlainText(NodeId id) const {
  const YamlNode& n = node(id);
  if (n.kind != YamlKind::Scalar || n.style != ScalarStyle::Plain || n.value.empty()) return {};
  const std::string& display = m_files[static_cast<std::size_t>(m_file)]->display;
  // Walk the lines the text spans (a plain scalar may fold over several), matching them against
  // its value, until the value is used up: a comment on that last line is what cut it.
  std::string_view rest = n.value;
  for (int line = n.line; line < n.line + 1000; ++line) {
    std::string_view row = m_result.sources.line(display, line);
    std::size_t start =
        line == n.line ? static_cast<std::size_t>(n.column - 1) : row.find_first_not_of(" \t");
    if (start == std::string_view::npos || start > row.size()) return {};
    row = row.substr(start);
    std::size_t hash = std::string_view::npos;
    for (std::size_t i = 1; i < row.size(); ++i) {
      if (row[i] == '#' && (row[i - 1] == ' ' || row[i - 1] == '\t')) {
        hash = i;
        break;
      }
    }
    std::string_view text = row.substr(0, hash);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    if (text.empty() || !rest.starts_with(text)) return {};
    rest.remove_prefix(text.size());
    if (rest.empty()) {
      if (hash == std::string_view::npos) return {};
      std::string_view comment = row.substr(hash);
      while (!comment.empty() && (comment.back() == ' ' || comment.back() == '\t')) comment.remove_suffix(1);
      return std::string(comment);
    }
    if (hash != std::string_view::npos || (rest.front() != ' ' && rest.front() != '\n')) return {};
    rest.remove_prefix(1);  // the space or newline the fold put between two lines
  }
  return {};
}

void Loader::warnIfCutByComment(NodeId id) {
  const std::string comment = commentAfterPlainText(id);
  if (comment.empty()) return;
  const std::string& value = node(id).value;
  std::string whole = value + " " + comment;
  std::string escaped;
  for (char c : whole) {
    if (c == '"' || c == '\\') escaped += '\\';
    escaped += c;
  }
  const std::size_t before = m_result.diagnostics.size();
  warning("W507", loc(id),
          "this text is read as " + inQuotes(value) + ": in YAML ' #' starts a comment, so " +
              inQuotes(comment) + " is not part of it",
          {});
  if (m_result.diagnostics.size() > before)
    m_result.diagnostics.back().suggestion = "if the '#' belongs to the text, put it all in quotes: \"" +
                                             escaped + "\"; if it is a comment, put it on a line of its own";
}

bool Loader::scalar(NodeId id, std::string_view expected) {
  if (node(id).kind == YamlKind::Scalar) return true;
  if (const std::string hidden = commentedOutValue(id); !hidden.empty()) {
    errorWithHelp("E203", loc(id),
                  "expected " + std::string(expected) +
                      " after this key, but the value is empty: in YAML ' #' starts a "
                      "comment, so " +
                      inQuotes(hidden) + " is not read",
                  "put the value in quotes: \"" + hidden + "\"");
    return false;
  }
  error("E203", loc(id), "expected " + std::string(expected) + ", not " + std::string(kindName(id)));
  return false;
}

bool Loader::readString(NodeId id, std::string& out) {
  if (!visit(id) || !scalar(id, "a string")) return false;
  out = node(id).value;
  return true;
}

bool Loader::readId(NodeId id, std::string& out, bool allowDash) {
  if (!readString(id, out)) return false;
  if (!isIdText(out, allowDash)) {
    error("E209", loc(id),
          "invalid id " + inQuotes(out) + ": ids are lower case letters, digits and '_'" +
              (allowDash ? " or '-'" : "") + ", starting with a letter (at most 64)");
    return false;
  }
  return true;
}

bool Loader::readNumber(NodeId id, double min, double max, double& out) {
  if (!visit(id) || !scalar(id, "a number")) return false;
  const YamlNode& n = node(id);
  const std::string& s = n.value;
  auto lower = s;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return char(std::tolower(c)); });
  if (n.style == ScalarStyle::Plain &&
      (lower == ".nan" || lower == ".inf" || lower == "+.inf" || lower == "-.inf" || lower == "nan" ||
       lower == "inf" || lower == "-inf" || lower == "infinity")) {
    error("E207", loc(id),
          "absurd number " + inQuotes(s) + ": expected a finite number in [" + formatNumber(min) + ", " +
              formatNumber(max) + "]");
    return false;
  }
  double value = 0;
  const char* begin = s.data();
  const char* end = s.data() + s.size();
  if (begin != end && *begin == '+') ++begin;
  auto [ptr, ec] = std::from_chars(begin, end, value);
  if (n.style != ScalarStyle::Plain || s.empty() || ptr != end ||
      (ec != std::errc() && ec != std::errc::result_out_of_range)) {
    double quoted = 0;
    const bool numberInQuotes =
        n.style != ScalarStyle::Plain && !s.empty() && std::from_chars(begin, end, quoted).ptr == end;
    errorWithHelp("E203", loc(id),
                  "expected a number, not " + inQuotes(s) + (numberInQuotes ? " (a quoted string)" : ""),
                  numberInQuotes ? "remove the quotes: " + s : std::string());
    return false;
  }
  if (ec == std::errc::result_out_of_range || !std::isfinite(value) || std::fabs(value) > 1e15) {
    error("E207", loc(id),
          "absurd number " + inQuotes(s) + ": expected a number in [" + formatNumber(min) + ", " +
              formatNumber(max) + "]");
    return false;
  }
  if (value < min || value > max) {
    error("E204", loc(id),
          "value " + s + " is out of range: expected " + formatNumber(min) + " to " + formatNumber(max));
    return false;
  }
  out = value;
  return true;
}

bool Loader::readInt(NodeId id, double min, double max, int& out) {
  double value = 0;
  if (!readNumber(id, min, max, value)) return false;
  if (value != std::floor(value)) {
    error("E203", loc(id), "expected a whole number, not " + node(tree().resolve(id)).value);
    return false;
  }
  out = static_cast<int>(value);
  return true;
}

bool Loader::readBool(NodeId id, bool& out) {
  if (!visit(id) || !scalar(id, "true or false")) return false;
  const std::string& s = node(id).value;
  if (node(id).style == ScalarStyle::Plain) {
    if (s == "true" || s == "True" || s == "TRUE") {
      out = true;
      return true;
    }
    if (s == "false" || s == "False" || s == "FALSE") {
      out = false;
      return true;
    }
  }
  error("E203", loc(id), "expected true or false, not " + inQuotes(s));
  return false;
}

bool Loader::readProbability(NodeId id, double& out) {
  NodeId resolved = tree().resolve(id);
  if (node(resolved).kind == YamlKind::Scalar) {
    for (const auto& word : kProbabilityWords) {
      if (word.name == node(resolved).value) {
        out = word.value;
        return visit(id);
      }
    }
    const std::string& s = node(resolved).value;
    if (!s.empty() && std::isalpha(static_cast<unsigned char>(s[0]))) {
      std::vector<std::string> words;
      std::string list;
      for (const auto& word : kProbabilityWords) {
        words.emplace_back(word.name);
        list += (list.empty() ? "" : ", ") + std::string(word.name);
      }
      error("E205", loc(resolved), inQuotes(s) + " is not a probability: use a number 0..1 or one of " + list,
            closestMatch(s, words));
      return false;
    }
  }
  return readNumber(id, 0, 1, out);
}

template <typename E, std::size_t N>
bool Loader::readEnum(NodeId id, const EnumName<E> (&names)[N], E& out, std::string_view what) {
  std::string s;
  if (!readString(id, s)) return false;
  for (const auto& entry : names) {
    if (entry.name == s) {
      out = entry.value;
      return true;
    }
  }
  std::vector<std::string> options;
  std::string list;
  for (const auto& entry : names) {
    options.emplace_back(entry.name);
    list += (list.empty() ? "" : ", ") + std::string(entry.name);
  }
  error("E205", loc(tree().resolve(id)),
        inQuotes(s) + " is not a valid " + std::string(what) + "; expected one of " + list,
        closestMatch(s, options));
  return false;
}

bool Loader::readText(NodeId id, Text& out) {
  if (!visit(id)) return false;
  if (node(id).kind == YamlKind::Scalar) {
    warnIfCutByComment(id);
    out = Text::plain(m_language, node(id).value);
    return true;
  }
  if (node(id).kind != YamlKind::Mapping) {
    error("E203", loc(id),
          "expected a text (a string, or a mapping of language code to string), not " +
              std::string(kindName(id)));
    return false;
  }
  checkDuplicateKeys(id);
  const YamlNode& m = node(id);
  Text text;
  for (std::uint32_t i = 0; i + 1 < m.count; i += 2) {
    NodeId key = tree().child(id, i);
    std::string language, value;
    if (!readString(key, language)) continue;
    if (!isLanguageCode(language)) {
      error("E209", loc(key),
            "invalid language code " + inQuotes(language) + ": expected e.g. en, fr, pt-BR");
      continue;
    }
    const NodeId translation = tree().child(id, i + 1);
    if (readString(translation, value)) {
      warnIfCutByComment(tree().resolve(translation));
      text.byLanguage.emplace(language, value);
    }
  }
  if (text.empty()) {
    error("E203", loc(id), "a translated text needs at least one language, e.g. {en: \"...\"}");
    return false;
  }
  if (!text.byLanguage.contains(m_language)) {
    warning("W504", loc(id),
            "no text in the scenario's language " + inQuotes(m_language) + "; players will see " +
                inQuotes(text.byLanguage.begin()->first) + " instead");
  }
  out = std::move(text);
  return true;
}

bool Loader::readRef(NodeId id, Ref& out) {
  if (!visit(id)) return false;
  if (!scalar(id, "an id")) return false;
  out.name = node(id).value;
  out.loc = loc(id);
  out.present = true;
  return true;
}

bool Loader::readExpr(NodeId id, RawExpr& out) {
  if (!visit(id)) return false;
  if (!scalar(id, "an expression in a string")) return false;
  out.text = node(id).value;
  out.loc = loc(id);
  out.style = node(id).style;
  out.present = true;
  return true;
}

void Loader::readNorms(NodeId id, std::vector<char>& out) {
  readList(id, [&](NodeId item) {
    std::string s;
    if (!readString(item, s)) return;
    if (s.size() != 1 || s[0] < 'a' || s[0] > 'k') {
      error("E205", loc(tree().resolve(item)),
            inQuotes(s) + " is not a UN GGE 2015 norm; expected a letter a to k");
      return;
    }
    out.push_back(s[0]);
  });
}

void Loader::readList(NodeId id, const std::function<void(NodeId)>& each) {
  if (!visit(id)) return;
  if (node(id).kind != YamlKind::Sequence) {
    error("E203", loc(id), "expected a list, not " + std::string(kindName(id)));
    return;
  }
  const std::uint32_t count = node(id).count;
  for (std::uint32_t i = 0; i < count && !m_workExhausted; ++i) each(tree().child(id, i));
}

void Loader::readRefNumbers(NodeId id, double min, double max, std::vector<std::pair<Ref, double>>& out) {
  if (!visit(id)) return;
  if (node(id).kind != YamlKind::Mapping) {
    error("E203", loc(id), "expected a mapping of id to number, not " + std::string(kindName(id)));
    return;
  }
  checkDuplicateKeys(id);
  const std::uint32_t count = node(id).count;
  for (std::uint32_t i = 0; i + 1 < count && !m_workExhausted; i += 2) {
    Ref ref;
    double value = 0;
    const bool keyOk = readRef(tree().child(id, i), ref);
    if (readNumber(tree().child(id, i + 1), min, max, value) && keyOk)
      out.emplace_back(std::move(ref), value);
  }
}

// [SECTION] Pass 1: the scenario's keys, entity by entity

void Loader::readFormat(const MapView& top, bool required) {
  const NodeId format = top.get("format");
  if (format == kNoNode) {
    if (required) require(top, "format", "the scenario (add `format: 1` at the top)");
    return;
  }
  int version = 0;
  if (readInt(format, -1e9, 1e9, version) && version != 1) {
    error("E208", loc(tree().resolve(format)),
          "unsupported format version " + std::to_string(version) + "; this Démarche reads format 1");
  }
}

// clang-format off
const Keys kScenarioKeys = {"format",               "id",                   "title",
                            "summary",              "version",              "language",
                            "authors",              "sources",              "learning_objectives",
                            "turns",                "turn_label",           "seed",
                            "default_seats",        "include",              "meters",
                            "capabilities",         "actors",               "relations",
                            "entities",
                            "escalation",           "incidents",            "evidence",
                            "measures",             "terms",                "injects",
                            "objectives",           "endings",              "questions",
                            "fact_and_fiction",     "facilitator_notes",    "length_minutes",
                            "deliberation_minutes", "calendar"};
// clang-format on
const Keys kCatalogueKeys = {"format", "include", "measures", "terms"};

// A catalogue has only catalogue keys at the top and some measures or terms (a scenario
// always has an id, a title, actors and a ladder).
bool isCatalogue(const MapView& top) {
  if (!top.has("measures") && !top.has("terms")) return false;
  for (const auto& [name, value] : top.found)
    if (std::find(kCatalogueKeys.begin(), kCatalogueKeys.end(), name) == kCatalogueKeys.end()) return false;
  return true;
}

void Loader::readScenario(NodeId root) {
  if (NodeId resolved = tree().resolve(root); node(resolved).kind != YamlKind::Mapping) {
    m_notAScenario = true;
    error("E107", loc(resolved),
          "the top level must be a mapping (`format: 1`, `id: ...`, ...), not " +
              std::string(kindName(resolved)));
    return;
  }
  auto top = map(root, kScenarioKeys, "the scenario");
  if (!top) return;
  if (isCatalogue(*top)) {
    // Its expressions name the meters, capabilities, actors and measures of whichever
    // scenario includes it, so on its own it can only be refused, not judged.
    m_notAScenario = true;
    error("E110", loc(top->node),
          "this file is a catalogue of measures and terms, not a scenario: validate a scenario that lists "
          "it under `include:` (a catalogue is checked as part of each scenario that includes it)");
    return;
  }
  m_raw.rootLoc = loc(top->node);
  ScenarioDef& def = m_raw.def;
  readFormat(*top, true);
  // The language first: plain strings everywhere (and in includes) are stored under it.
  if (NodeId n = top->get("language"); n != kNoNode && readString(n, def.language)) {
    if (!isLanguageCode(def.language)) {
      error("E209", loc(tree().resolve(n)),
            "invalid language code " + inQuotes(def.language) + ": expected e.g. en, fr");
      def.language = "en";
    }
  }
  m_language = def.language;
  for (std::string_view key : {"id", "title", "actors", "escalation"}) require(*top, key, "the scenario");
  // Includes next, so that this file's measures and terms come after (and override) theirs.
  if (NodeId n = top->get("include"); n != kNoNode) readIncludes(m_file, n);

  if (NodeId n = top->get("id"); n != kNoNode) readId(n, def.id, true);
  if (NodeId n = top->get("title"); n != kNoNode) readText(n, def.title);
  if (NodeId n = top->get("summary"); n != kNoNode) readText(n, def.summary);
  if (NodeId n = top->get("version"); n != kNoNode) readString(n, def.version);
  if (NodeId n = top->get("authors"); n != kNoNode) {
    readList(n, [&](NodeId item) {
      std::string author;
      if (readString(item, author)) def.authors.push_back(author);
    });
  }
  if (NodeId n = top->get("sources"); n != kNoNode) readList(n, [&](NodeId item) { readSource(item); });
  if (NodeId n = top->get("learning_objectives"); n != kNoNode) {
    readList(n, [&](NodeId item) {
      Text text;
      if (readText(item, text)) def.learningObjectives.push_back(std::move(text));
    });
  }
  if (NodeId n = top->get("fact_and_fiction"); n != kNoNode) readText(n, def.factAndFiction);
  if (NodeId n = top->get("facilitator_notes"); n != kNoNode) readText(n, def.facilitatorNotes);
  if (NodeId n = top->get("length_minutes"); n != kNoNode) readInt(n, 5, 600, def.lengthMinutes);
  if (NodeId n = top->get("deliberation_minutes"); n != kNoNode) readInt(n, 0, 360, def.deliberationMinutes);
  // A `turns` that does not read leaves the turn-range warnings out: they would all be about it.
  if (NodeId n = top->get("turns"); n != kNoNode) m_turnsRead = readInt(n, 1, 100, def.turns);
  if (NodeId n = top->get("turn_label"); n != kNoNode) readText(n, def.turnLabel);
  if (NodeId n = top->get("calendar"); n != kNoNode) readCalendar(n);
  if (NodeId n = top->get("seed"); n != kNoNode) {
    double seed = 0;
    // Seeds are whole numbers; doubles hold them exactly up to 2^53, which we require.
    if (readNumber(n, 0, static_cast<double>(kMaxSeed), seed)) {
      if (seed != std::floor(seed)) {
        error("E203", loc(tree().resolve(n)), "expected a whole number for the seed");
      } else {
        def.seed = static_cast<std::uint64_t>(seed);
      }
    }
  }
  if (NodeId n = top->get("default_seats"); n != kNoNode) readRefList(n, m_raw.defaultSeats);
  // A meter or a capability is an id, or `{id: ..., name: ...}` with a name for people in each
  // language.
  auto readNames = [&](NodeId n, const char* what, std::vector<std::pair<std::string, Loc>>& out,
                       std::vector<Text>& titles) {
    readList(n, [&](NodeId item) {
      Text title;
      std::string name;
      NodeId idNode = item;
      if (node(tree().resolve(item)).kind == YamlKind::Mapping) {
        auto m = map(item, {"id", "name"}, what);
        if (!m) return;
        require(*m, "id", what);
        idNode = m->get("id");
        if (NodeId t = m->get("name"); t != kNoNode) readText(t, title);
        if (idNode == kNoNode) return;
      }
      if (!readId(idNode, name)) return;
      out.emplace_back(name, loc(tree().resolve(idNode)));
      titles.push_back(std::move(title));
    });
  };
  if (NodeId n = top->get("meters"); n != kNoNode)
    readNames(n, "a meter", m_raw.meterNames, m_raw.meterTitles);
  if (NodeId n = top->get("capabilities"); n != kNoNode)
    readNames(n, "a capability", m_raw.capabilityNames, m_raw.capabilityTitles);
  if (NodeId n = top->get("actors"); n != kNoNode) readList(n, [&](NodeId item) { readActor(item); });
  if (NodeId n = top->get("entities"); n != kNoNode) readList(n, [&](NodeId item) { readEntity(item); });
  if (NodeId n = top->get("relations"); n != kNoNode) readList(n, [&](NodeId item) { readRelation(item); });
  if (NodeId n = top->get("escalation"); n != kNoNode) readLadder(n);
  if (NodeId n = top->get("incidents"); n != kNoNode) readList(n, [&](NodeId item) { readIncident(item); });
  if (NodeId n = top->get("evidence"); n != kNoNode) readList(n, [&](NodeId item) { readEvidence(item); });
  readMeasuresAndTerms(*top);
  if (NodeId n = top->get("injects"); n != kNoNode) readList(n, [&](NodeId item) { readInject(item); });
  if (NodeId n = top->get("objectives"); n != kNoNode) readList(n, [&](NodeId item) { readObjective(item); });
  if (NodeId n = top->get("endings"); n != kNoNode) readList(n, [&](NodeId item) { readEnding(item); });
  if (NodeId n = top->get("questions"); n != kNoNode) readList(n, [&](NodeId item) { readQuestion(item); });
}

void Loader::readCatalogue(NodeId root) {
  if (NodeId resolved = tree().resolve(root); node(resolved).kind != YamlKind::Mapping) {
    error("E107", loc(resolved),
          "the top level of a catalogue must be a mapping with `measures:` and/or `terms:`, not " +
              std::string(kindName(resolved)));
    return;
  }
  auto top = map(root, kCatalogueKeys, "a catalogue file (it may hold format, include, measures and terms)");
  if (!top) return;
  readFormat(*top, false);
  if (NodeId n = top->get("include"); n != kNoNode) readIncludes(m_file, n);
  readMeasuresAndTerms(*top);
}

void Loader::readMeasuresAndTerms(const MapView& top) {
  if (NodeId n = top.get("measures"); n != kNoNode) readList(n, [&](NodeId item) { readMeasure(item); });
  if (NodeId n = top.get("terms"); n != kNoNode) readList(n, [&](NodeId item) { readTerm(item); });
}

void Loader::readIncludes(int file, NodeId list) {
  struct Include {
    std::string path;
    Loc at;
    std::vector<std::pair<std::string, Loc>> except;  // ids of that file's entries to leave out
  };
  std::vector<Include> includes;
  readList(list, [&](NodeId item) {
    const NodeId resolved = tree().resolve(item);
    Include inc;
    inc.at = loc(resolved);
    if (node(resolved).kind == YamlKind::Mapping) {
      auto m = map(item, {"file", "except"}, "an include (a path, or {file: ..., except: [ids]})");
      if (!m) return;
      require(*m, "file", "an include");
      const NodeId f = m->get("file");
      if (f == kNoNode || !readString(f, inc.path)) return;
      inc.at = loc(tree().resolve(f));
      if (NodeId e = m->get("except"); e != kNoNode) {
        readList(e, [&](NodeId id) {
          std::string name;
          if (readId(id, name)) inc.except.emplace_back(name, loc(tree().resolve(id)));
        });
      }
      includes.push_back(std::move(inc));
    } else if (readString(item, inc.path)) {
      includes.push_back(std::move(inc));
    }
  });
  for (const Include& inc : includes) {
    const int reached = readInclude(file, inc.path, inc.at);
    if (reached >= 0 && !inc.except.empty()) leaveOut(reached, inc.except);
  }
}

// Removes the measures and terms that file `file` defines and `ids` names (E416 for an id it
// does not define). Entries of that file still in the lists are its own: an override by a
// later file comes after, and the scenario's own entries are read after its includes.
void Loader::leaveOut(int file, const std::vector<std::pair<std::string, Loc>>& ids) {
  std::vector<std::string> defined;
  for (const RawMeasure& m : m_raw.measures)
    if (m.idLoc.file == file && !m.def.id.empty()) defined.push_back(m.def.id);
  for (const RawTerm& t : m_raw.terms)
    if (t.idLoc.file == file && !t.def.id.empty()) defined.push_back(t.def.id);
  std::set<std::string> out;
  for (const auto& [id, at] : ids) {
    if (std::find(defined.begin(), defined.end(), id) == defined.end()) {
      error("E416", at,
            "the included file " + m_files[static_cast<std::size_t>(file)]->display +
                " defines no measure or term " + inQuotes(id) + " to leave out",
            closestMatch(id, defined));
      continue;
    }
    out.insert(id);
  }
  auto drop = [&](auto& items) {
    std::erase_if(items,
                  [&](const auto& item) { return item.idLoc.file == file && out.contains(item.def.id); });
  };
  drop(m_raw.measures);
  drop(m_raw.terms);
}

// Reads one included file (unless it was read already) and returns its index in m_files, or
// -1 when it could not be read or closes a cycle.
int Loader::readInclude(int file, const std::string& relative, Loc at) {
  const SourceFile& parent = *m_files[static_cast<std::size_t>(file)];
  const fs::path target = (parent.path.parent_path() / relative).lexically_normal();
  const std::string display =
      (fs::path(parent.display).parent_path() / relative).lexically_normal().generic_string();
  // A file already loaded is not read twice; if it is still being read, that is a cycle.
  for (std::size_t i = 0; i < m_files.size(); ++i) {
    std::error_code ec;
    if (m_files[i]->path == target ||
        (fs::exists(target, ec) && fs::equivalent(m_files[i]->path, target, ec))) {
      const auto open = std::find(m_includeStack.begin(), m_includeStack.end(), static_cast<int>(i));
      if (open != m_includeStack.end()) {
        std::string chain;
        for (auto it = open; it != m_includeStack.end(); ++it)
          chain += m_files[static_cast<std::size_t>(*it)]->display + " -> ";
        chain += display;
        error("E404", at, "include cycle: " + chain);
        return -1;
      }
      return static_cast<int>(i);
    }
  }
  if (static_cast<int>(m_includeStack.size()) >= m_options.maxIncludeDepth) {
    error("E404", at, "includes nested deeper than " + std::to_string(m_options.maxIncludeDepth) + " files");
    return -1;
  }
  const int saved = m_file;
  const int index = openFile(std::nullopt, target, display, at);
  if (index >= 0) {
    m_file = index;
    m_includeStack.push_back(index);
    m_workBudget += 2 * m_files[static_cast<std::size_t>(index)]->tree.nodes.size() + 10000;
    readCatalogue(m_files[static_cast<std::size_t>(index)]->tree.root);
    m_includeStack.pop_back();
    m_file = saved;
  }
  return index;
}

void Loader::readSource(NodeId id) {
  auto m = map(id, {"id", "title", "url"}, "a source");
  if (!m) return;
  require(*m, "id", "a source");
  require(*m, "title", "a source");
  SourceRef source;
  if (NodeId n = m->get("id"); n != kNoNode) readString(n, source.id);
  if (NodeId n = m->get("title"); n != kNoNode) readText(n, source.title);
  if (NodeId n = m->get("url"); n != kNoNode && readString(n, source.url)) {
    if (!source.url.starts_with("https://") && !source.url.starts_with("http://")) {
      error("E209", loc(tree().resolve(n)), "a source url must start with https:// or http://");
    }
  }
  m_raw.def.sources.push_back(std::move(source));
}

void Loader::readActor(NodeId id) {
  const Keys keys = {"id",       "name",         "kind",  "briefing",
                     "meters",   "capabilities", "blocs", "capital_per_turn",
                     "doctrine", "map",          "color", "members_share_costs",
                     "based_in"};
  auto m = map(id, keys, "an actor");
  if (!m) return;
  RawActor a;
  a.loc = loc(m->node);
  a.idLoc = a.loc;
  for (std::string_view key : {"id", "name", "kind"}) require(*m, key, "an actor");
  if (NodeId n = m->get("id"); n != kNoNode) {
    readId(n, a.def.id);
    a.idLoc = loc(tree().resolve(n));
  }
  if (NodeId n = m->get("name"); n != kNoNode) readText(n, a.def.name);
  if (NodeId n = m->get("kind"); n != kNoNode) readEnum(n, kActorKindNames, a.def.kind, "actor kind");
  if (NodeId n = m->get("briefing"); n != kNoNode) readText(n, a.def.briefing);
  if (NodeId n = m->get("meters"); n != kNoNode) readRefNumbers(n, 0, 100, a.meters);
  if (NodeId n = m->get("capabilities"); n != kNoNode) readRefNumbers(n, 0, 10, a.capabilities);
  if (NodeId n = m->get("blocs"); n != kNoNode) readRefList(n, a.blocs);
  if (NodeId n = m->get("based_in"); n != kNoNode) readRef(n, a.basedIn);
  if (NodeId n = m->get("capital_per_turn"); n != kNoNode) readInt(n, 0, 20, a.def.capitalPerTurn);
  if (NodeId n = m->get("members_share_costs"); n != kNoNode && readBool(n, a.def.membersShareCosts) &&
                                                a.def.membersShareCosts && a.def.kind != ActorKind::Bloc)
    error("E209", loc(tree().resolve(n)),
          "`members_share_costs` is for actors of kind bloc: only a bloc has members to share its costs");
  if (NodeId n = m->get("doctrine"); n != kNoNode) {
    const Keys weightKeys = {"risk_tolerance",   "norm_commitment",     "reciprocity",
                             "alliance_loyalty", "escalation_aversion", "domestic_sensitivity"};
    const Keys doctrineKeys = {
        "risk_tolerance",       "norm_commitment", "reciprocity", "alliance_loyalty",  "escalation_aversion",
        "domestic_sensitivity", "rules_out",       "permits",     "public_attribution"};
    if (auto d = map(n, doctrineKeys, "a doctrine")) {
      if (NodeId v = d->get("rules_out"); v != kNoNode) readRefList(v, a.rulesOut);
      if (NodeId v = d->get("permits"); v != kNoNode) readRefList(v, a.permits);
      if (NodeId v = d->get("public_attribution"); v != kNoNode)
        readEnum(v, kPublicAttributionNames, a.def.publicAttribution, "public attribution policy");
      Doctrine& doctrine = a.def.doctrine;
      double* fields[] = {&doctrine.riskTolerance,      &doctrine.normCommitment,
                          &doctrine.reciprocity,        &doctrine.allianceLoyalty,
                          &doctrine.escalationAversion, &doctrine.domesticSensitivity};
      std::size_t i = 0;
      for (std::string_view key : weightKeys) {
        if (NodeId v = d->get(key); v != kNoNode) readNumber(v, 0, 1, *fields[i]);
        ++i;
      }
    }
  }
  if (NodeId n = m->get("map"); n != kNoNode) {
    if (auto p = map(n, {"x", "y"}, "a map position")) {
      require(*p, "x", "a map position");
      require(*p, "y", "a map position");
      if (NodeId v = p->get("x"); v != kNoNode) readNumber(v, 0, 1, a.def.mapX);
      if (NodeId v = p->get("y"); v != kNoNode) readNumber(v, 0, 1, a.def.mapY);
    }
  }
  if (NodeId n = m->get("color"); n != kNoNode && readString(n, a.def.color)) {
    const std::string& c = a.def.color;
    const bool ok = c.size() == 7 && c[0] == '#' && std::all_of(c.begin() + 1, c.end(), [](unsigned char ch) {
                      return std::isxdigit(ch) != 0;
                    });
    if (!ok)
      error("E209", loc(tree().resolve(n)), "invalid colour " + inQuotes(c) + ": expected \"#rrggbb\"");
  }
  m_raw.actors.push_back(std::move(a));
}

void Loader::readEntity(NodeId id) {
  auto m = map(id, {"id", "name", "kind", "belongs_to", "description", "involved_in"}, "an entity");
  if (!m) return;
  RawEntity en;
  en.loc = en.idLoc = loc(m->node);
  for (std::string_view key : {"id", "name", "kind", "belongs_to"}) require(*m, key, "an entity");
  if (NodeId n = m->get("id"); n != kNoNode && readId(n, en.def.id)) en.idLoc = loc(tree().resolve(n));
  if (NodeId n = m->get("name"); n != kNoNode) readText(n, en.def.name);
  if (NodeId n = m->get("kind"); n != kNoNode) readEnum(n, kEntityKindNames, en.def.kind, "entity kind");
  if (NodeId n = m->get("belongs_to"); n != kNoNode) readRef(n, en.owner);
  if (NodeId n = m->get("description"); n != kNoNode) readText(n, en.def.description);
  if (NodeId n = m->get("involved_in"); n != kNoNode) readRefList(n, en.involvedIn);
  m_raw.entities.push_back(std::move(en));
}

void Loader::readRelation(NodeId id) {
  auto m = map(id, {"between", "trust", "hotline", "agreements"}, "a relation");
  if (!m) return;
  RawRelation r;
  r.loc = loc(m->node);
  require(*m, "between", "a relation");
  if (NodeId n = m->get("between"); n != kNoNode) {
    std::vector<Ref> pair;
    readRefList(n, pair);
    const NodeId list = tree().resolve(n);
    if (node(list).kind == YamlKind::Sequence && node(list).count != 2) {
      error("E204", loc(list), "`between` names exactly two actors, not " + std::to_string(node(list).count));
    } else if (pair.size() == 2) {
      r.a = pair[0];
      r.b = pair[1];
    }
  }
  if (NodeId n = m->get("trust"); n != kNoNode) readNumber(n, -100, 100, r.def.trust);
  if (NodeId n = m->get("hotline"); n != kNoNode) readBool(n, r.def.hotline);
  if (NodeId n = m->get("agreements"); n != kNoNode) readRefList(n, r.agreements);
  m_raw.relations.push_back(std::move(r));
}

void Loader::readLadder(NodeId id) {
  const Keys keys = {"initial_tension", "escalatory_step", "proportionate_step", "deescalatory_step",
                     "rungs"};
  auto m = map(id, keys, "the escalation ladder");
  if (!m) return;
  m_raw.hasLadder = true;
  m_raw.ladderLoc = loc(m->node);
  LadderDef& ladder = m_raw.def.ladder;
  require(*m, "rungs", "the escalation ladder");
  if (NodeId n = m->get("initial_tension"); n != kNoNode) readNumber(n, 0, 1000, ladder.initialTension);
  if (NodeId n = m->get("escalatory_step"); n != kNoNode) readNumber(n, 0, 1000, ladder.escalatoryStep);
  if (NodeId n = m->get("proportionate_step"); n != kNoNode)
    readNumber(n, -1000, 1000, ladder.proportionateStep);
  if (NodeId n = m->get("deescalatory_step"); n != kNoNode) readNumber(n, -1000, 0, ladder.deescalatoryStep);
  if (NodeId n = m->get("rungs"); n != kNoNode) {
    readList(n, [&](NodeId item) {
      auto r = map(item, {"id", "name", "description", "threshold", "armed_conflict", "off_ramps"}, "a rung");
      if (!r) return;
      RawRung rung;
      rung.loc = rung.idLoc = rung.thresholdLoc = loc(r->node);
      for (std::string_view key : {"id", "name", "threshold"}) require(*r, key, "a rung");
      if (NodeId v = r->get("id"); v != kNoNode && readId(v, rung.def.id))
        rung.idLoc = loc(tree().resolve(v));
      if (NodeId v = r->get("name"); v != kNoNode) readText(v, rung.def.name);
      if (NodeId v = r->get("description"); v != kNoNode) readText(v, rung.def.description);
      if (NodeId v = r->get("threshold"); v != kNoNode && readNumber(v, 0, 1000, rung.def.threshold)) {
        rung.thresholdLoc = loc(tree().resolve(v));
      }
      if (NodeId v = r->get("armed_conflict"); v != kNoNode) readBool(v, rung.def.armedConflict);
      if (NodeId v = r->get("off_ramps"); v != kNoNode) readRefList(v, rung.offRamps);
      m_raw.rungs.push_back(std::move(rung));
    });
  }
}

void Loader::readIncident(NodeId id) {
  const Keys keys = {"id",           "title",       "description", "victim", "sector", "severity",
                     "norms_broken", "reveal_turn", "candidates",  "priors", "truth"};
  auto m = map(id, keys, "an incident");
  if (!m) return;
  RawIncident inc;
  inc.loc = inc.idLoc = inc.prioritiesLoc = loc(m->node);
  for (std::string_view key : {"id", "title", "victim", "candidates", "truth"})
    require(*m, key, "an incident");
  if (NodeId n = m->get("id"); n != kNoNode && readId(n, inc.def.id)) inc.idLoc = loc(tree().resolve(n));
  if (NodeId n = m->get("title"); n != kNoNode) readText(n, inc.def.title);
  if (NodeId n = m->get("description"); n != kNoNode) readText(n, inc.def.description);
  if (NodeId n = m->get("victim"); n != kNoNode) readRef(n, inc.victim);
  if (NodeId n = m->get("sector"); n != kNoNode) readEnum(n, kSectorNames, inc.def.sector, "sector");
  if (NodeId n = m->get("severity"); n != kNoNode) {
    const Keys severityKeys = {"scope",      "scale",          "duration", "intensity",
                               "complexity", "sophistication", "impact"};
    if (auto s = map(n, severityKeys, "a severity")) {
      auto& sev = inc.def.severity;
      int* fields[] = {&sev.scope,      &sev.scale,          &sev.duration, &sev.intensity,
                       &sev.complexity, &sev.sophistication, &sev.impact};
      std::size_t i = 0;
      for (std::string_view key : severityKeys) {
        if (NodeId v = s->get(key); v != kNoNode) readInt(v, 0, 5, *fields[i]);
        ++i;
      }
    }
  }
  if (NodeId n = m->get("norms_broken"); n != kNoNode) readNorms(n, inc.def.normsBroken);
  if (NodeId n = m->get("reveal_turn"); n != kNoNode) readInt(n, 1, 100, inc.def.revealTurn);
  if (NodeId n = m->get("candidates"); n != kNoNode) readRefList(n, inc.candidates);
  if (NodeId n = m->get("priors"); n != kNoNode) {
    inc.hasPriors = true;
    inc.prioritiesLoc = loc(tree().resolve(n));
    readRefNumbers(n, 0, 1, inc.priors);
  }
  if (NodeId n = m->get("truth"); n != kNoNode) {
    if (auto t =
            map(n, {"operator", "sponsor", "proxy", "false_flags", "harboured_by"}, "an incident's truth")) {
      require(*t, "operator", "an incident's truth");
      if (NodeId v = t->get("operator"); v != kNoNode) readRef(v, inc.operatorActor);
      // sponsor and proxy may be null: "nobody".
      for (auto [key, ref] :
           {std::pair<std::string_view, Ref*>{"sponsor", &inc.sponsor}, {"proxy", &inc.proxy}}) {
        NodeId v = t->get(key);
        if (v != kNoNode && node(tree().resolve(v)).kind != YamlKind::Null) readRef(v, *ref);
      }
      if (NodeId v = t->get("false_flags"); v != kNoNode) readRefList(v, inc.falseFlags);
      if (NodeId v = t->get("harboured_by"); v != kNoNode) readRefList(v, inc.harbouredBy);
    }
  }
  m_raw.incidents.push_back(std::move(inc));
}

void Loader::readEvidence(NodeId id) {
  const Keys keys = {"id",          "incident",  "title",   "description", "source",
                     "reliability", "points_to", "planted", "reveal"};
  auto m = map(id, keys, "an evidence item");
  if (!m) return;
  RawEvidence ev;
  ev.loc = ev.idLoc = loc(m->node);
  for (std::string_view key : {"id", "incident", "title", "source"}) require(*m, key, "an evidence item");
  if (NodeId n = m->get("id"); n != kNoNode && readId(n, ev.def.id)) ev.idLoc = loc(tree().resolve(n));
  if (NodeId n = m->get("incident"); n != kNoNode) readRef(n, ev.incident);
  if (NodeId n = m->get("title"); n != kNoNode) readText(n, ev.def.title);
  if (NodeId n = m->get("description"); n != kNoNode) readText(n, ev.def.description);
  if (NodeId n = m->get("source"); n != kNoNode)
    readEnum(n, kEvidenceSourceNames, ev.def.source, "evidence source");
  if (NodeId n = m->get("reliability"); n != kNoNode) readNumber(n, 0, 1, ev.def.reliability);
  if (NodeId n = m->get("points_to"); n != kNoNode) readRefNumbers(n, -3, 3, ev.pointsTo);
  if (NodeId n = m->get("planted"); n != kNoNode) readBool(n, ev.def.planted);
  if (NodeId n = m->get("reveal"); n != kNoNode) {
    if (auto r = map(n, {"turn", "investigation", "when", "to"}, "an evidence reveal")) {
      const int ways = int(r->has("turn")) + int(r->has("investigation")) + int(r->has("when"));
      if (ways != 1) {
        error("E210", loc(r->node),
              "a reveal needs exactly one of `turn`, `investigation` or `when` (it has " +
                  std::to_string(ways) + ")");
      }
      if (NodeId v = r->get("turn"); v != kNoNode) {
        ev.def.reveal = EvidenceDef::Reveal::Turn;
        readInt(v, 1, 100, ev.def.revealTurn);
      } else if (NodeId w = r->get("investigation"); w != kNoNode) {
        ev.def.reveal = EvidenceDef::Reveal::Investigation;
        readProbability(w, ev.def.investigationChance);
      } else if (NodeId c = r->get("when"); c != kNoNode) {
        ev.def.reveal = EvidenceDef::Reveal::Condition;
        readExpr(c, ev.revealWhen);
      }
      if (NodeId v = r->get("to"); v != kNoNode) readRefList(v, ev.revealTo);
    }
  }
  m_raw.evidence.push_back(std::move(ev));
}

void Loader::readMeasure(NodeId id) {
  const Keys keys = {
      "id",        "name",      "description",     "category",       "cost",     "target",
      "usable_by", "requires",  "requires_reason", "min_confidence", "effects",  "escalation",
      "norms",     "bloc",      "attribution",     "investigates",   "max_uses", "target_kinds",
      "covert",    "deceptive", "entity_kinds"};
  auto m = map(id, keys, "a measure");
  if (!m) return;
  RawMeasure ms;
  ms.loc = ms.idLoc = loc(m->node);
  ms.def.sourceFile = m_files[static_cast<std::size_t>(m_file)]->display;
  for (std::string_view key : {"id", "name", "category"}) require(*m, key, "a measure");
  if (NodeId n = m->get("id"); n != kNoNode && readId(n, ms.def.id)) ms.idLoc = loc(tree().resolve(n));
  if (NodeId n = m->get("name"); n != kNoNode) readText(n, ms.def.name);
  if (NodeId n = m->get("description"); n != kNoNode) readText(n, ms.def.description);
  if (NodeId n = m->get("category"); n != kNoNode)
    readEnum(n, kMeasureCategoryNames, ms.def.category, "measure category");
  if (NodeId n = m->get("cost"); n != kNoNode) readInt(n, 0, 20, ms.def.cost);
  if (NodeId n = m->get("target"); n != kNoNode) {
    ms.targetLoc = loc(tree().resolve(n));
    readEnum(n, kTargetKindNames, ms.def.target, "target kind");
  }
  if (NodeId n = m->get("usable_by"); n != kNoNode) {
    readList(n, [&](NodeId item) {
      ActorKind kind{};
      if (readEnum(item, kActorKindNames, kind, "actor kind")) ms.def.usableBy.push_back(kind);
    });
  }
  if (NodeId n = m->get("target_kinds"); n != kNoNode) {
    ms.targetKindsLoc = loc(tree().resolve(n));
    readList(n, [&](NodeId item) {
      ActorKind kind{};
      if (readEnum(item, kActorKindNames, kind, "actor kind")) ms.def.targetKinds.push_back(kind);
    });
  }
  if (NodeId n = m->get("entity_kinds"); n != kNoNode) {
    ms.entityKindsLoc = loc(tree().resolve(n));
    readList(n, [&](NodeId item) {
      EntityKind kind{};
      if (readEnum(item, kEntityKindNames, kind, "entity kind")) ms.def.entityKinds.push_back(kind);
    });
  }
  if (NodeId n = m->get("requires"); n != kNoNode) readExpr(n, ms.requirement);
  if (NodeId n = m->get("requires_reason"); n != kNoNode) readText(n, ms.def.requiresReason);
  if (NodeId n = m->get("min_confidence"); n != kNoNode) readProbability(n, ms.def.minConfidence);
  if (NodeId n = m->get("effects"); n != kNoNode) readExprList(n, ms.effects);
  if (NodeId n = m->get("escalation"); n != kNoNode)
    readEnum(n, kEscalationTagNames, ms.def.escalation, "escalation tag");
  if (NodeId n = m->get("norms"); n != kNoNode) {
    if (auto norms = map(n, {"upholds", "breaks"}, "a measure's norms")) {
      if (NodeId v = norms->get("upholds"); v != kNoNode) readNorms(v, ms.def.upholdsNorms);
      if (NodeId v = norms->get("breaks"); v != kNoNode) readNorms(v, ms.def.breaksNorms);
    }
  }
  if (NodeId n = m->get("bloc"); n != kNoNode && node(tree().resolve(n)).kind != YamlKind::Null)
    readRef(n, ms.bloc);
  if (NodeId n = m->get("attribution"); n != kNoNode) {
    readEnum(n, kAttributionActNames, ms.def.attribution, "attribution act");
  }
  if (NodeId n = m->get("investigates"); n != kNoNode) readBool(n, ms.def.investigates);
  if (NodeId n = m->get("covert"); n != kNoNode) readBool(n, ms.def.covert);
  if (NodeId n = m->get("deceptive"); n != kNoNode) readBool(n, ms.def.deceptive);
  if (NodeId n = m->get("max_uses"); n != kNoNode) readInt(n, 0, 100, ms.def.maxUses);
  m_raw.measures.push_back(std::move(ms));
}

void Loader::readTerm(NodeId id) {
  const Keys keys = {"id",        "name",        "description",        "kind",        "parties",
                     "on_accept", "breaks_when", "breach_credibility", "breach_trust"};
  auto m = map(id, keys, "a term");
  if (!m) return;
  RawTerm t;
  t.loc = t.idLoc = loc(m->node);
  for (std::string_view key : {"id", "name", "kind"}) require(*m, key, "a term");
  if (NodeId n = m->get("id"); n != kNoNode && readId(n, t.def.id)) t.idLoc = loc(tree().resolve(n));
  if (NodeId n = m->get("name"); n != kNoNode) readText(n, t.def.name);
  if (NodeId n = m->get("description"); n != kNoNode) readText(n, t.def.description);
  if (NodeId n = m->get("kind"); n != kNoNode) readEnum(n, kTermKindNames, t.def.kind, "term kind");
  if (NodeId n = m->get("parties"); n != kNoNode) {
    readList(n, [&](NodeId item) {
      ActorKind kind{};
      if (readEnum(item, kActorKindNames, kind, "actor kind")) t.def.parties.push_back(kind);
    });
  }
  if (NodeId n = m->get("on_accept"); n != kNoNode) readExprList(n, t.onAccept);
  if (NodeId n = m->get("breaks_when"); n != kNoNode) readExpr(n, t.breaksWhen);
  if (NodeId n = m->get("breach_credibility"); n != kNoNode) readNumber(n, 0, 100, t.def.breachCredibility);
  if (NodeId n = m->get("breach_trust"); n != kNoNode) readNumber(n, 0, 200, t.def.breachTrust);
  m_raw.terms.push_back(std::move(t));
}

void Loader::readInject(NodeId id) {
  const Keys keys = {"id",   "kind",   "title",   "text",    "audience", "turn",
                     "when", "repeat", "effects", "reveals", "incident"};
  auto m = map(id, keys, "an inject");
  if (!m) return;
  RawInject inj;
  inj.loc = inj.idLoc = loc(m->node);
  for (std::string_view key : {"id", "title"}) require(*m, key, "an inject");
  if (NodeId n = m->get("id"); n != kNoNode && readId(n, inj.def.id)) inj.idLoc = loc(tree().resolve(n));
  if (NodeId n = m->get("kind"); n != kNoNode) readEnum(n, kInjectKindNames, inj.def.kind, "inject kind");
  if (NodeId n = m->get("title"); n != kNoNode) readText(n, inj.def.title);
  if (NodeId n = m->get("text"); n != kNoNode) readText(n, inj.def.text);
  if (NodeId n = m->get("audience"); n != kNoNode) readRefList(n, inj.audience);
  if (NodeId n = m->get("turn"); n != kNoNode) readInt(n, 0, 100, inj.def.turn);
  if (NodeId n = m->get("when"); n != kNoNode) readExpr(n, inj.when);
  if (NodeId n = m->get("repeat"); n != kNoNode) readBool(n, inj.def.repeat);
  if (NodeId n = m->get("effects"); n != kNoNode) readExprList(n, inj.effects);
  if (NodeId n = m->get("reveals"); n != kNoNode) readRefList(n, inj.reveals);
  if (NodeId n = m->get("incident"); n != kNoNode) readRef(n, inj.incident);
  m_raw.injects.push_back(std::move(inj));
}

void Loader::readObjective(NodeId id) {
  auto m = map(id, {"id", "actor", "description", "condition", "score"}, "an objective");
  if (!m) return;
  RawObjective o;
  o.loc = o.idLoc = loc(m->node);
  for (std::string_view key : {"id", "actor", "condition"}) require(*m, key, "an objective");
  if (NodeId n = m->get("id"); n != kNoNode && readId(n, o.def.id)) o.idLoc = loc(tree().resolve(n));
  if (NodeId n = m->get("actor"); n != kNoNode) readRef(n, o.actor);
  if (NodeId n = m->get("description"); n != kNoNode) readText(n, o.def.description);
  if (NodeId n = m->get("condition"); n != kNoNode) readExpr(n, o.condition);
  if (NodeId n = m->get("score"); n != kNoNode) readInt(n, -1000, 1000, o.def.score);
  m_raw.objectives.push_back(std::move(o));
}

void Loader::readEnding(NodeId id) {
  auto m = map(id, {"id", "title", "description", "kind", "when", "at_last_turn"}, "an ending");
  if (!m) return;
  RawEnding e;
  e.loc = e.idLoc = loc(m->node);
  for (std::string_view key : {"id", "title"}) require(*m, key, "an ending");
  if (NodeId n = m->get("id"); n != kNoNode && readId(n, e.def.id)) e.idLoc = loc(tree().resolve(n));
  if (NodeId n = m->get("title"); n != kNoNode) readText(n, e.def.title);
  if (NodeId n = m->get("description"); n != kNoNode) readText(n, e.def.description);
  if (NodeId n = m->get("kind"); n != kNoNode) readEnum(n, kEndingKindNames, e.def.kind, "ending kind");
  if (NodeId n = m->get("when"); n != kNoNode) readExpr(n, e.when);
  if (NodeId n = m->get("at_last_turn"); n != kNoNode) readBool(n, e.def.atLastTurn);
  m_raw.endings.push_back(std::move(e));
}

// `calendar: {start: 2017-06-27, days_per_turn: 7}` or `calendar: {dates: [2017-06-27, ...]}`
// (one date per turn, increasing: turns of uneven length).
void Loader::readCalendar(NodeId id) {
  auto m = map(id, {"start", "days_per_turn", "dates"}, "the calendar");
  if (!m) return;
  ScenarioDef& def = m_raw.def;
  const bool listed = m->has("dates"), even = m->has("days_per_turn");
  if (listed == even) {
    errorWithHelp("E211", loc(m->node),
                  listed ? "a calendar has either `dates` or `days_per_turn`, not both"
                         : "a calendar needs `days_per_turn` (with `start`) or `dates` (one per turn)",
                  "e.g. `calendar: {start: 2017-06-27, days_per_turn: 7}` or `calendar: {dates: [2017-06-27, "
                  "2017-07-04, 2018-02-15]}`");
    return;
  }
  auto readDate = [&](NodeId n, int& out) {
    std::string text;
    if (!readString(n, text)) return false;
    if (auto days = parseIsoDate(text)) {
      out = *days;
      return true;
    }
    errorWithHelp(
        "E211", loc(tree().resolve(n)),
        "expected a date written YYYY-MM-DD between 1900 and 2200, found " + inQuotes(text.substr(0, 40)),
        "e.g. 2017-06-27");
    return false;
  };
  std::vector<int> dates;
  if (even) {
    require(*m, "start", "the calendar");
    int start = 0, step = 0;
    const NodeId s = m->get("start");
    const bool startOk = s != kNoNode && readDate(s, start);
    if (readInt(m->get("days_per_turn"), 1, 3660, step) && startOk)
      for (int t = 0; t < def.turns; ++t) dates.push_back(start + t * step);
  } else {
    if (NodeId s = m->get("start"); s != kNoNode)
      errorWithHelp("E211", loc(tree().resolve(s)),
                    "`start` goes with `days_per_turn`; with `dates` the first date is the start",
                    "remove `start`");
    bool ok = true;
    int count = 0;
    readList(m->get("dates"), [&](NodeId item) {
      ++count;
      int day = 0;
      if (!readDate(item, day)) {
        ok = false;
        return;
      }
      if (!dates.empty() && day <= dates.back()) {
        errorWithHelp("E211", loc(tree().resolve(item)),
                      "the dates must increase: " + isoDate(day) + " is not after " + isoDate(dates.back()),
                      "list one date per turn, earliest first");
        ok = false;
      }
      dates.push_back(day);
    });
    if (ok && m_turnsRead && count != def.turns) {
      errorWithHelp("E211", loc(tree().resolve(m->get("dates"))),
                    "the calendar lists " + std::to_string(count) + (count == 1 ? " date" : " dates") +
                        " for " + std::to_string(def.turns) + (def.turns == 1 ? " turn" : " turns"),
                    "give one date per turn (`turns: " + std::to_string(def.turns) + "`)");
      ok = false;
    }
    if (!ok) dates.clear();
  }
  def.turnDates = std::move(dates);
}

void Loader::readQuestion(NodeId id) {
  auto m = map(id, {"turn", "text"}, "a discussion question");
  if (!m) return;
  QuestionDef q;
  require(*m, "text", "a discussion question");
  if (NodeId n = m->get("turn"); n != kNoNode) readInt(n, 0, 100, q.turn);
  if (NodeId n = m->get("text"); n != kNoNode) readText(n, q.text);
  m_raw.def.questions.push_back(std::move(q));
}

// [SECTION] Pass 2: ids, references, expressions and consistency (E3xx mapped, E4xx, W5xx)

std::string_view idKindLabel(expr::IdKind kind) {
  switch (kind) {
    case expr::IdKind::Actor:
      return "actor";
    case expr::IdKind::Incident:
      return "incident";
    case expr::IdKind::Evidence:
      return "evidence";
    case expr::IdKind::Measure:
      return "measure";
    case expr::IdKind::Term:
      return "term";
    case expr::IdKind::Inject:
      return "inject";
    case expr::IdKind::Meter:
      return "meter";
    case expr::IdKind::Capability:
      return "capability";
    case expr::IdKind::Ending:
      return "ending";
    case expr::IdKind::ActorKind:
      return "actor kind";
  }
  return "id";
}

template <typename RawT>
void Loader::indexIds(std::vector<RawT>& items, std::string_view kind,
                      std::unordered_map<std::string, int>& index, std::vector<std::string>& names) {
  std::vector<RawT> kept;
  kept.reserve(items.size());
  for (RawT& item : items) {
    if (item.def.id.empty()) continue;  // already reported in pass 1
    auto it = index.find(item.def.id);
    if (it != index.end()) {
      const Loc first = kept[static_cast<std::size_t>(it->second)].idLoc;
      error("E401", item.idLoc,
            "duplicate " + std::string(kind) + " id " + inQuotes(item.def.id) + " (first defined at " +
                m_files[static_cast<std::size_t>(first.file)]->display + ":" + std::to_string(first.line) +
                ")");
      continue;
    }
    index.emplace(item.def.id, static_cast<int>(kept.size()));
    names.push_back(item.def.id);
    kept.push_back(std::move(item));
  }
  items = std::move(kept);
}

int Loader::lookup(const Ref& ref, expr::IdKind kind) {
  if (!ref.present) return -1;
  const auto& ids = m_ids[kindIndex(kind)];
  if (auto it = ids.find(ref.name); it != ids.end()) return it->second;
  std::string declared;
  if (kind == expr::IdKind::Meter || kind == expr::IdKind::Capability) {
    declared = "; declare it in the top-level `" +
               std::string(kind == expr::IdKind::Meter ? "meters" : "capabilities") + "` list";
  }
  error("E402", ref.loc, "unknown " + std::string(idKindLabel(kind)) + " " + inQuotes(ref.name) + declared,
        closestMatch(ref.name, m_names[kindIndex(kind)]));
  return -1;
}

void Loader::lookupAll(const std::vector<Ref>& refs, expr::IdKind kind, std::vector<int>& out) {
  for (const Ref& ref : refs) {
    if (const int index = lookup(ref, kind); index >= 0) out.push_back(index);
  }
}

Loc Loader::exprLoc(const RawExpr& e, int column) const {
  const int offset = std::max(column, 1) - 1;  // bytes into the expression text
  Loc at = e.loc;
  switch (e.style) {
    case ScalarStyle::Plain:
      at.column += offset;
      break;
    case ScalarStyle::SingleQuoted:
    case ScalarStyle::DoubleQuoted:
      at.column += offset + 1;
      break;
    case ScalarStyle::Literal:
    case ScalarStyle::Folded: {
      // The text starts on the line after the indicator, at the block's indentation.
      int lineInBlock = 0;
      int lineStart = 0;
      for (int i = 0; i < offset && i < static_cast<int>(e.text.size()); ++i) {
        if (e.text[static_cast<std::size_t>(i)] == '\n') {
          ++lineInBlock;
          lineStart = i + 1;
        }
      }
      // Every line of the block shares the indentation of its first line.
      const std::string& display = m_files[static_cast<std::size_t>(e.loc.file)]->display;
      const std::string_view first = m_result.sources.line(display, at.line + 1);
      const auto indent = first.find_first_not_of(' ');
      at.line += 1 + lineInBlock;
      at.column = static_cast<int>(indent == std::string_view::npos ? 0 : indent) + (offset - lineStart) + 1;
      break;
    }
  }
  return at;
}

void Loader::reportExprErrors(const RawExpr& e, const std::vector<expr::Error>& errors) {
  for (const expr::Error& err : errors) {
    Loc at = exprLoc(e, err.column);
    std::string suggestion = err.suggestion;
    // The parser words its suggestion itself ("did you mean 'rus'?"); keep it as is.
    ++m_collected;
    if (m_collected > m_hardCap) {
      ++m_result.suppressed;
      continue;
    }
    Diagnostic d;
    d.file = m_files[static_cast<std::size_t>(at.file)]->display;
    d.line = at.line;
    d.column = at.column;
    d.code = err.code.empty() ? "E300" : err.code;
    d.message = err.message;
    d.suggestion = suggestion;
    m_result.diagnostics.push_back(std::move(d));
  }
}

Condition Loader::condition(const RawExpr& e, expr::Scope scope) {
  Condition c;
  if (!e.present) return c;
  c.source = e.text;
  Symbols symbols(*this);
  expr::ConditionResult parsed = expr::parseCondition(e.text, symbols, scope);
  reportExprErrors(e, parsed.errors);
  c.root = parsed.root;
  return c;
}

std::vector<EffectDef> Loader::effects(const std::vector<RawExpr>& list, expr::Scope scope) {
  std::vector<EffectDef> out;
  Symbols symbols(*this);
  for (const RawExpr& e : list) {
    expr::EffectResult parsed = expr::parseEffect(e.text, symbols, scope);
    reportExprErrors(e, parsed.errors);
    if (parsed.effect) out.push_back({e.text, std::move(*parsed.effect)});
  }
  return out;
}

expr::Scope measureScope(TargetKind target) {
  expr::Scope scope;
  scope.self = true;
  // A listing's effects fall on each actor whose entities it lists: `target` is that actor.
  scope.target = namesActor(target) || target == TargetKind::Entities;
  scope.incident = namesIncident(target) || target == TargetKind::Entities;
  return scope;
}

void Loader::resolve() {
  using K = expr::IdKind;
  ScenarioDef& def = m_raw.def;

  // Declared names: meters and capabilities.
  for (auto [list, kind, out, titles, outTitles] :
       {std::tuple{&m_raw.meterNames, K::Meter, &def.meterNames, &m_raw.meterTitles, &def.meterTitles},
        std::tuple{&m_raw.capabilityNames, K::Capability, &def.capabilityNames, &m_raw.capabilityTitles,
                   &def.capabilityTitles}}) {
    auto& ids = m_ids[kindIndex(kind)];
    for (std::size_t k = 0; k < list->size(); ++k) {
      const auto& [name, at] = (*list)[k];
      if (ids.contains(name)) {
        error("E401", at, "duplicate " + std::string(idKindLabel(kind)) + " " + inQuotes(name));
        continue;
      }
      ids.emplace(name, static_cast<int>(out->size()));
      out->push_back(name);
      outTitles->push_back((*titles)[k]);
      m_names[kindIndex(kind)].push_back(name);
    }
  }

  // Measures and terms: a later file's entry with the same id replaces an earlier file's
  // (the scenario overrides its catalogues); the same id twice in one file is an error.
  auto mergeById = [&](auto& items, std::string_view kind) {
    using Item = typename std::decay_t<decltype(items)>::value_type;
    std::vector<Item> merged;
    std::unordered_map<std::string, std::size_t> at;
    for (Item& item : items) {
      if (item.def.id.empty()) continue;
      auto it = at.find(item.def.id);
      if (it == at.end()) {
        at.emplace(item.def.id, merged.size());
        merged.push_back(std::move(item));
      } else if (merged[it->second].idLoc.file == item.idLoc.file) {
        const Loc first = merged[it->second].idLoc;
        error("E401", item.idLoc,
              "duplicate " + std::string(kind) + " id " + inQuotes(item.def.id) +
                  " in the same file (first at line " + std::to_string(first.line) + ")");
      } else {
        merged[it->second] = std::move(item);
      }
    }
    items = std::move(merged);
  };
  mergeById(m_raw.measures, "measure");
  mergeById(m_raw.terms, "term");

  indexIds(m_raw.actors, "actor", m_ids[kindIndex(K::Actor)], m_names[kindIndex(K::Actor)]);
  indexIds(m_raw.incidents, "incident", m_ids[kindIndex(K::Incident)], m_names[kindIndex(K::Incident)]);
  indexIds(m_raw.evidence, "evidence", m_ids[kindIndex(K::Evidence)], m_names[kindIndex(K::Evidence)]);
  indexIds(m_raw.measures, "measure", m_ids[kindIndex(K::Measure)], m_names[kindIndex(K::Measure)]);
  indexIds(m_raw.terms, "term", m_ids[kindIndex(K::Term)], m_names[kindIndex(K::Term)]);
  indexIds(m_raw.injects, "inject", m_ids[kindIndex(K::Inject)], m_names[kindIndex(K::Inject)]);
  indexIds(m_raw.endings, "ending", m_ids[kindIndex(K::Ending)], m_names[kindIndex(K::Ending)]);
  {
    std::unordered_map<std::string, int> objectiveIds, rungIds;
    std::vector<std::string> objectiveNames, rungNames;
    indexIds(m_raw.objectives, "objective", objectiveIds, objectiveNames);
    indexIds(m_raw.rungs, "rung", rungIds, rungNames);
  }

  // Actors.
  for (RawActor& a : m_raw.actors) {
    a.def.meters.assign(def.meterNames.size(), 50.0);
    a.def.capabilities.assign(def.capabilityNames.size(), 0.0);
    for (const auto& [ref, value] : a.meters) {
      if (const int i = lookup(ref, K::Meter); i >= 0) a.def.meters[static_cast<std::size_t>(i)] = value;
    }
    for (const auto& [ref, value] : a.capabilities) {
      if (const int i = lookup(ref, K::Capability); i >= 0)
        a.def.capabilities[static_cast<std::size_t>(i)] = value;
    }
  }
  for (RawActor& a : m_raw.actors) {
    for (const Ref& ref : a.blocs) {
      const int i = lookup(ref, K::Actor);
      if (i < 0) continue;
      if (m_raw.actors[static_cast<std::size_t>(i)].def.kind != ActorKind::Bloc) {
        error("E408", ref.loc, inQuotes(ref.name) + " is not a bloc: `blocs` lists actors of kind bloc");
        continue;
      }
      a.def.blocs.push_back(i);
    }
    if (const int host = lookup(a.basedIn, K::Actor); host >= 0) {
      if (a.def.kind == ActorKind::State || a.def.kind == ActorKind::Bloc) {
        error("E411", a.basedIn.loc,
              "`based_in` is for groups, companies and organisations, not for a " +
                  std::string(a.def.kind == ActorKind::State ? "state" : "bloc") +
                  "; remove it, or change the actor's kind");
      } else if (m_raw.actors[static_cast<std::size_t>(host)].def.kind != ActorKind::State) {
        error("E411", a.basedIn.loc,
              inQuotes(a.basedIn.name) + " is not a state: `based_in` names the state a group operates from");
      } else {
        a.def.basedIn = host;
      }
    }
    lookupAll(a.rulesOut, K::Measure, a.def.rulesOut);
    lookupAll(a.permits, K::Measure, a.def.permits);
    for (const Ref& ref : a.permits) {
      if (std::any_of(a.rulesOut.begin(), a.rulesOut.end(), [&](const Ref& r) { return r.name == ref.name; }))
        error("E412", ref.loc,
              inQuotes(ref.name) + " is both ruled out and permitted by the doctrine of " +
                  inQuotes(a.def.id) + "; keep it in one of `rules_out` and `permits`");
    }
    def.actors.push_back(a.def);
  }
  for (const Ref& seat : m_raw.defaultSeats) {
    if (const int i = lookup(seat, K::Actor); i >= 0) def.defaultSeats.push_back(i);
  }

  // Entities: persons, units and companies that belong to an actor (docs/rules.md §2.2).
  {
    std::unordered_map<std::string, int> entityIds;
    std::vector<std::string> entityNames;
    indexIds(m_raw.entities, "entity", entityIds, entityNames);
    for (RawEntity& en : m_raw.entities) {
      if (def.entities.size() == static_cast<std::size_t>(kMaxEntities)) {
        error("E413", en.idLoc,
              "a scenario has at most " + std::to_string(kMaxEntities) + " entities; " + inQuotes(en.def.id) +
                  " is one too many: keep those a listing or an indictment will name");
        break;
      }
      en.def.owner = lookup(en.owner, K::Actor);
      lookupAll(en.involvedIn, K::Incident, en.def.involvedIn);
      def.entities.push_back(en.def);
    }
  }

  // Relations.
  std::set<std::pair<int, int>> pairs;
  for (RawRelation& r : m_raw.relations) {
    r.def.a = lookup(r.a, K::Actor);
    r.def.b = lookup(r.b, K::Actor);
    lookupAll(r.agreements, K::Term, r.def.agreements);
    if (r.def.a < 0 || r.def.b < 0) continue;
    if (r.def.a == r.def.b) {
      error("E409", r.b.loc, "a relation must be between two different actors");
      continue;
    }
    if (!pairs.emplace(std::min(r.def.a, r.def.b), std::max(r.def.a, r.def.b)).second) {
      error("E409", r.loc,
            "a second relation between " + inQuotes(r.a.name) + " and " + inQuotes(r.b.name) +
                "; give each pair one relation");
      continue;
    }
    def.relations.push_back(r.def);
  }

  // Ladder: thresholds ascend from 0.
  for (std::size_t i = 0; i < m_raw.rungs.size(); ++i) {
    RawRung& rung = m_raw.rungs[i];
    if (i == 0 && rung.def.threshold != 0) {
      error("E407", rung.thresholdLoc,
            "the first rung's threshold must be 0, not " + formatNumber(rung.def.threshold));
    } else if (i > 0 && rung.def.threshold <= m_raw.rungs[i - 1].def.threshold) {
      error("E407", rung.thresholdLoc,
            "rung thresholds must ascend: " + formatNumber(rung.def.threshold) +
                " is not above the previous rung's " + formatNumber(m_raw.rungs[i - 1].def.threshold));
    }
    lookupAll(rung.offRamps, K::Measure, rung.def.offRamps);
    def.ladder.rungs.push_back(rung.def);
  }
  if (m_raw.hasLadder && m_raw.rungs.empty()) {
    error("E407", m_raw.ladderLoc, "the escalation ladder needs at least one rung (threshold 0)");
  }

  // Incidents.
  for (RawIncident& inc : m_raw.incidents) {
    IncidentDef& d = inc.def;
    d.victim = lookup(inc.victim, K::Actor);
    d.truth.operatorActor = lookup(inc.operatorActor, K::Actor);
    d.truth.sponsor = lookup(inc.sponsor, K::Actor);
    d.truth.proxy = lookup(inc.proxy, K::Actor);
    lookupAll(inc.falseFlags, K::Actor, d.truth.falseFlags);
    for (const Ref& ref : inc.candidates) {
      const int i = lookup(ref, K::Actor);
      if (i < 0) continue;
      if (std::find(d.candidates.begin(), d.candidates.end(), i) != d.candidates.end()) {
        error("E401", ref.loc, inQuotes(ref.name) + " is listed twice as a candidate");
        continue;
      }
      d.candidates.push_back(i);
    }
    if (inc.candidates.empty() && inc.operatorActor.present) {
      error("E204", inc.loc, "an incident needs at least one candidate");
    }
    for (const Ref& ref : inc.harbouredBy) {
      const int host = lookup(ref, K::Actor);
      if (host < 0) continue;
      if (m_raw.actors[static_cast<std::size_t>(host)].def.kind != ActorKind::State) {
        error("E411", ref.loc,
              inQuotes(ref.name) + " is not a state: only a state can harbour a group (due diligence)");
        continue;
      }
      bool hosts = false;
      for (int c : d.candidates) hosts = hosts || def.actors[static_cast<std::size_t>(c)].basedIn == host;
      if (!hosts) {
        error("E411", ref.loc,
              "no candidate of incident " + inQuotes(d.id) + " is based in " + inQuotes(ref.name) +
                  ", so nobody could hold it responsible for harbouring; give the group that "
                  "operates from it `based_in: " +
                  ref.name + "` and list the group as a candidate");
        continue;
      }
      if (std::find(d.truth.harbouredBy.begin(), d.truth.harbouredBy.end(), host) ==
          d.truth.harbouredBy.end())
        d.truth.harbouredBy.push_back(host);
    }
    if (!inc.hasPriors) {
      d.priors.assign(d.candidates.size(),
                      d.candidates.empty() ? 0.0 : 1.0 / static_cast<double>(d.candidates.size()));
    } else {
      d.priors.assign(d.candidates.size(), 0.0);
      double sum = 0;
      bool ok = true;
      for (const auto& [ref, value] : inc.priors) {
        const int actor = lookup(ref, K::Actor);
        if (actor < 0) {
          ok = false;
          continue;
        }
        auto it = std::find(d.candidates.begin(), d.candidates.end(), actor);
        if (it == d.candidates.end()) {
          error("E405", ref.loc,
                inQuotes(ref.name) + " has a prior but is not a candidate of incident " + inQuotes(d.id));
          ok = false;
          continue;
        }
        d.priors[static_cast<std::size_t>(it - d.candidates.begin())] = value;
        sum += value;
      }
      if (ok && std::fabs(sum - 1.0) > 0.01) {
        error("E406", inc.prioritiesLoc, "priors sum to " + formatNumber(sum) + ", not 1 (within 0.01)");
      }
    }
  }
  for (const RawIncident& inc : m_raw.incidents) def.incidents.push_back(inc.def);

  // Evidence.
  for (RawEvidence& ev : m_raw.evidence) {
    ev.def.incident = lookup(ev.incident, K::Incident);
    for (const auto& [ref, strength] : ev.pointsTo) {
      const int actor = lookup(ref, K::Actor);
      if (actor < 0 || ev.def.incident < 0) continue;
      const auto& candidates = def.incidents[static_cast<std::size_t>(ev.def.incident)].candidates;
      if (std::find(candidates.begin(), candidates.end(), actor) == candidates.end()) {
        error("E405", ref.loc,
              inQuotes(ref.name) + " is not a candidate of incident " + inQuotes(ev.incident.name) +
                  "; evidence can only point to its incident's candidates");
        continue;
      }
      ev.def.pointsTo.emplace_back(actor, strength);
    }
    lookupAll(ev.revealTo, K::Actor, ev.def.revealTo);
  }

  // Measures.
  for (RawMeasure& ms : m_raw.measures) {
    const bool aimedAtActor = namesActor(ms.def.target);
    if (ms.def.target == TargetKind::Entities && ms.def.category != MeasureCategory::Restrictive &&
        ms.def.category != MeasureCategory::Legal) {
      error("E414", ms.targetLoc,
            inQuotes(ms.def.id) + " is a " + std::string(yamlName(ms.def.category)) +
                " measure; only restrictive and legal measures (sanctions, indictments) list entities: set "
                "`category: restrictive` or `legal`, or aim it at an actor");
    }
    if (!ms.def.entityKinds.empty() && ms.def.target != TargetKind::Entities) {
      error("E415", ms.entityKindsLoc,
            "`entity_kinds` says which kinds of entity a listing names, but " + inQuotes(ms.def.id) +
                " lists none (target: " + std::string(yamlName(ms.def.target)) +
                "); remove `entity_kinds`, or set `target: entities`");
    }
    if (!ms.def.targetKinds.empty() && !aimedAtActor) {
      error("E410", ms.targetKindsLoc,
            "`target_kinds` says which kinds of actor a measure may be aimed at, but " + inQuotes(ms.def.id) +
                " takes no target actor (target: " + std::string(yamlName(ms.def.target)) +
                "); remove `target_kinds`, or set `target: actor` or `target: actor_and_incident`");
    }
    if (ms.bloc.present) {
      ms.def.bloc = lookup(ms.bloc, K::Actor);
      if (ms.def.bloc >= 0 && def.actors[static_cast<std::size_t>(ms.def.bloc)].kind != ActorKind::Bloc) {
        error("E408", ms.bloc.loc,
              inQuotes(ms.bloc.name) + " is not a bloc: a measure's `bloc` names an actor of kind bloc");
        ms.def.bloc = -1;
      }
    }
  }

  // Injects, objectives (actor refs) before expressions.
  for (RawInject& inj : m_raw.injects) {
    lookupAll(inj.audience, K::Actor, inj.def.audience);
    lookupAll(inj.reveals, K::Evidence, inj.def.reveals);
    inj.def.startsIncident = lookup(inj.incident, K::Incident);
  }
  for (RawObjective& o : m_raw.objectives) o.def.actor = lookup(o.actor, K::Actor);

  // Expressions, in file order of their owners.
  for (RawEvidence& ev : m_raw.evidence) {
    if (ev.def.reveal == EvidenceDef::Reveal::Condition) ev.def.revealWhen = condition(ev.revealWhen, {});
    def.evidence.push_back(ev.def);
  }
  for (RawMeasure& ms : m_raw.measures) {
    const expr::Scope scope = measureScope(ms.def.target);
    ms.def.requirement = condition(ms.requirement, scope);
    ms.def.effects = effects(ms.effects, scope);
    def.measures.push_back(ms.def);
  }
  for (RawTerm& t : m_raw.terms) {
    const expr::Scope scope{true, true, false};
    t.def.onAccept = effects(t.onAccept, scope);
    t.def.breaksWhen = condition(t.breaksWhen, scope);
    def.terms.push_back(t.def);
  }
  for (RawInject& inj : m_raw.injects) {
    inj.def.when = condition(inj.when, {});
    inj.def.effects = effects(inj.effects, {});
    def.injects.push_back(inj.def);
  }
  for (RawObjective& o : m_raw.objectives) {
    o.def.condition = condition(o.condition, {true, false, false});
    def.objectives.push_back(o.def);
  }
  for (RawEnding& e : m_raw.endings) {
    e.def.when = condition(e.when, {});
    def.endings.push_back(e.def);
  }
}

void Loader::warnings(const ScenarioDef& def) {
  // W501: evidence nobody can ever see. Injects and reveal(...) effects count as ways in;
  // both are gathered once, so the check stays linear in the scenario's size.
  std::vector<bool> revealedElsewhere(def.evidence.size(), false);
  for (const InjectDef& inj : def.injects) {
    for (int e : inj.reveals) revealedElsewhere[static_cast<std::size_t>(e)] = true;
  }
  auto scanEffects = [&](const std::vector<EffectDef>& list) {
    for (const EffectDef& effect : list) {
      for (std::size_t at = effect.source.find("reveal"); at != std::string::npos;
           at = effect.source.find("reveal", at + 6)) {
        std::size_t p = effect.source.find_first_not_of(" (", at + 6);
        const std::size_t q = effect.source.find_first_of(" ,)", p);
        if (p == std::string::npos) break;
        const std::string id = effect.source.substr(p, q == std::string::npos ? std::string::npos : q - p);
        const auto& ids = m_ids[kindIndex(expr::IdKind::Evidence)];
        if (auto it = ids.find(id); it != ids.end())
          revealedElsewhere[static_cast<std::size_t>(it->second)] = true;
      }
    }
  };
  for (const MeasureDef& m : def.measures) scanEffects(m.effects);
  for (const TermDef& t : def.terms) scanEffects(t.onAccept);
  for (const InjectDef& j : def.injects) scanEffects(j.effects);
  const bool anyInvestigates = std::any_of(def.measures.begin(), def.measures.end(),
                                           [](const MeasureDef& m) { return m.investigates; });
  for (std::size_t i = 0; i < def.evidence.size(); ++i) {
    const EvidenceDef& ev = def.evidence[i];
    const Loc at = m_raw.evidence[i].idLoc;
    if (revealedElsewhere[i]) continue;
    if (ev.reveal == EvidenceDef::Reveal::Turn && ev.revealTurn > def.turns) {
      if (!m_turnsRead) continue;
      warning("W501", at,
              "evidence " + inQuotes(ev.id) + " is revealed at turn " + std::to_string(ev.revealTurn) +
                  " but the scenario has only " + std::to_string(def.turns) + " turns");
    } else if (ev.reveal == EvidenceDef::Reveal::Investigation && !anyInvestigates) {
      warning("W501", at,
              "evidence " + inQuotes(ev.id) +
                  " is revealed by investigation, but no measure has `investigates: true`");
    }
  }
  // W502: a team plays an actor with nothing to aim for.
  for (std::size_t s = 0; s < def.defaultSeats.size(); ++s) {
    const int actor = def.defaultSeats[s];
    const bool hasObjective = std::any_of(def.objectives.begin(), def.objectives.end(),
                                          [&](const ObjectiveDef& o) { return o.actor == actor; });
    if (!hasObjective) {
      warning("W502", m_raw.defaultSeats[s].loc,
              "actor " + inQuotes(def.actors[static_cast<std::size_t>(actor)].id) +
                  " is played by a team by default but has no objective");
    }
  }
  // W503: injects that can never fire.
  for (std::size_t i = 0; i < def.injects.size(); ++i) {
    const InjectDef& inj = def.injects[i];
    if (inj.turn == 0 && !m_raw.injects[i].when.present) {
      warning("W503", m_raw.injects[i].idLoc,
              "inject " + inQuotes(inj.id) + " has neither `turn` nor `when`: it never fires");
    } else if (inj.turn > def.turns && m_turnsRead) {
      warning("W503", m_raw.injects[i].idLoc,
              "inject " + inQuotes(inj.id) + " fires at turn " + std::to_string(inj.turn) +
                  " but the scenario has only " + std::to_string(def.turns) + " turns");
    }
  }
  // W505: nothing concludes the exercise when time runs out.
  if (std::none_of(def.endings.begin(), def.endings.end(), [](const EndingDef& e) { return e.atLastTurn; })) {
    warning("W505", m_raw.rootLoc,
            "no ending has `at_last_turn: true`: nothing concludes the exercise when time runs out");
  }
  // W506: incidents that never become public.
  for (std::size_t i = 0; i < def.incidents.size(); ++i) {
    if (def.incidents[i].revealTurn > def.turns && m_turnsRead) {
      warning("W506", m_raw.incidents[i].idLoc,
              "incident " + inQuotes(def.incidents[i].id) + " is revealed at turn " +
                  std::to_string(def.incidents[i].revealTurn) + ", after the last turn (" +
                  std::to_string(def.turns) + ")");
    }
  }
}

void Loader::run(std::optional<std::string> text, const fs::path& path) {
  m_hardCap = std::max<std::size_t>(m_options.maxDiagnostics, 1) * 10;
  const bool fromMemory = text.has_value();
  const int root =
      openFile(std::move(text), path, fromMemory ? path.generic_string() : displayName(path), {});
  if (root < 0) return;
  m_file = root;
  m_includeStack.push_back(root);
  m_workBudget = 2 * m_files[0]->tree.nodes.size() + 10000;
  readScenario(m_files[0]->tree.root);
  m_includeStack.pop_back();
  if (m_workExhausted || m_notAScenario) return;

  resolve();
  warnings(m_raw.def);

  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const auto& file : m_files) {
    hash = fnv1a(hash, std::to_string(file->text.size()) + ":");
    hash = fnv1a(hash, file->text);
  }
  char digest[17];
  static constexpr char kHex[] = "0123456789abcdef";
  for (int i = 0; i < 16; ++i) digest[i] = kHex[(hash >> (60 - 4 * i)) & 0xF];
  digest[16] = 0;
  m_raw.def.contentHash = digest;
  for (std::size_t i = 1; i < m_files.size(); ++i) {
    m_raw.def.includes.push_back(m_files[i]->display);
  }
}

}  // namespace

// [SECTION] Public API

std::size_t LoadResult::errorCount() const {
  return static_cast<std::size_t>(
      std::count_if(diagnostics.begin(), diagnostics.end(),
                    [](const Diagnostic& d) { return d.severity == Severity::Error; }));
}

std::size_t LoadResult::warningCount() const { return diagnostics.size() - errorCount(); }

bool LoadResult::unreadable() const {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.code == "E101"; });
}

namespace {

LoadResult load(std::optional<std::string> text, const fs::path& path, const LoadOptions& options) {
  LoadResult result;
  std::optional<ScenarioDef> def;
  {
    Loader loader(options, result);
    loader.run(std::move(text), path);
    result.work.nodesVisited = loader.nodesVisited();
    result.work.visitBudget = loader.visitBudget();
    // File order is the order files were opened; stable sort keeps pass order for ties.
    std::vector<std::string> fileOrder;
    for (const Diagnostic& d : result.diagnostics) {
      if (std::find(fileOrder.begin(), fileOrder.end(), d.file) == fileOrder.end())
        fileOrder.push_back(d.file);
    }
    auto rank = [&](const std::string& file) {
      return std::find(fileOrder.begin(), fileOrder.end(), file) - fileOrder.begin();
    };
    std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(),
                     [&](const Diagnostic& a, const Diagnostic& b) {
                       const auto ra = rank(a.file), rb = rank(b.file);
                       if (ra != rb) return ra < rb;
                       if (a.line != b.line) return a.line < b.line;
                       return a.column < b.column;
                     });
    if (result.diagnostics.size() > options.maxDiagnostics) {
      result.suppressed += result.diagnostics.size() - options.maxDiagnostics;
      result.diagnostics.resize(options.maxDiagnostics);
    }
    if (result.errorCount() == 0 && result.suppressed == 0) def = loader.takeScenario();
  }
  result.scenario = std::move(def);
  return result;
}

}  // namespace

LoadResult loadScenario(const std::filesystem::path& file, const LoadOptions& options) {
  return load(std::nullopt, file, options);
}

LoadResult loadScenarioFromString(std::string_view text, const std::filesystem::path& virtualPath,
                                  const LoadOptions& options) {
  return load(std::string(text), virtualPath, options);
}

std::string formatDiagnostics(const LoadResult& result, bool colour) {
  std::string out;
  for (const Diagnostic& d : result.diagnostics) out += formatDiagnostic(d, result.sources, colour);
  if (result.suppressed > 0) {
    out += "too many errors: " + std::to_string(result.suppressed) + " more not shown\n";
  }
  return out;
}

}  // namespace demarche::scenario
