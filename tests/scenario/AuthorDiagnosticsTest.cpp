// The mistakes authors actually make get a diagnostic that names the cause and the fix, at the
// place they look: a '#' colour left unquoted, a ': ' inside plain text, a line indented out of
// its list, a quoted number, plain text cut short by a ' #' comment; in decisions files, a name
// written for an id, and a measure that needs confidence in an incident given without one.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>

#include "scenario/Decisions.hpp"
#include "scenario/Loader.hpp"

namespace demarche::scenario {
namespace {

const std::string kSource = DEMARCHE_SOURCE_DIR;

std::string fullFixture() {
  std::ifstream in(kSource + "/tests/fixtures/valid/full.yaml");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

LoadResult load(const std::string& text) {
  return loadScenarioFromString(text, kSource + "/tests/fixtures/valid/authored.yaml");
}

const Diagnostic& only(const LoadResult& r) {
  EXPECT_EQ(r.diagnostics.size(), 1u) << formatDiagnostics(r);
  static const Diagnostic none;
  return r.diagnostics.empty() ? none : r.diagnostics.front();
}

TEST(AuthorDiagnostics, AnUnquotedHashColourPointsAtItsKeyAndSuggestsQuotes) {
  const LoadResult r = load(replaced(fullFixture(), "    color: \"#1f77b4\"", "    color: #1f77b4"));
  const Diagnostic& d = only(r);
  EXPECT_EQ(d.code, "E203");
  EXPECT_EQ(d.line, 35);  // the key's line, not the next item's
  EXPECT_EQ(d.column, 5);
  EXPECT_NE(d.message.find("' #' starts a comment, so '#1f77b4' is not read"), std::string::npos)
      << d.message;
  EXPECT_EQ(d.suggestion, "put the value in quotes: \"#1f77b4\"");
}

TEST(AuthorDiagnostics, AColonInsidePlainTextSaysToQuoteTheText) {
  const LoadResult r = load(
      replaced(fullFixture(), "    title: {en: Blackout, fr: Panne}", "    title: Breaking: the grid fails"));
  const Diagnostic& d = only(r);
  EXPECT_EQ(d.code, "E103");
  EXPECT_EQ(d.line, 55);
  EXPECT_NE(d.message.find("a ': ' inside plain (unquoted) text starts a mapping"), std::string::npos)
      << d.message;
  EXPECT_EQ(d.suggestion, "put the text in quotes: title: \"Breaking: the grid fails\"");
}

TEST(AuthorDiagnostics, ABadIndentationSaysSoAndNamesTheLineWhereTheListBegan) {
  const LoadResult r = load(replaced(fullFixture(), "    - {id: crisis,", "     - {id: crisis,"));
  const Diagnostic& d = only(r);
  EXPECT_EQ(d.code, "E103");
  EXPECT_EQ(d.line, 50);
  EXPECT_NE(d.message.find("probably the indentation"), std::string::npos) << d.message;
  EXPECT_NE(d.message.find("the list that began at line 49 (column 5)"), std::string::npos) << d.message;
  EXPECT_NE(d.suggestion.find("column 5"), std::string::npos) << d.suggestion;

  const LoadResult m = load(replaced(fullFixture(), "    victim: north", "      victim: north"));
  EXPECT_NE(only(m).message.find("the keys of the mapping that began at line"), std::string::npos)
      << formatDiagnostics(m);
}

// A quoted number is one mistake: one error saying to remove the quotes, not also a warning for
// every inject and evidence item past the default of 6 turns.
TEST(AuthorDiagnostics, AQuotedTurnsSaysToRemoveTheQuotesWithNoFollowOnWarnings) {
  std::string text = replaced(fullFixture(), "turns: 5", "turns: \"8\"");
  const LoadResult valid = load(replaced(fullFixture(), "turns: 5", "turns: 8"));
  ASSERT_TRUE(valid.ok()) << formatDiagnostics(valid);
  // Something at turn 7: fine with 8 turns, past the last with the default's 6.
  text = replaced(text, "    reveal_turn: 1", "    reveal_turn: 7");
  const LoadResult r = load(text);
  const Diagnostic& d = only(r);
  EXPECT_EQ(d.code, "E203");
  EXPECT_EQ(d.message, "expected a number, not '8' (a quoted string)");
  EXPECT_EQ(d.suggestion, "remove the quotes: 8");
}

// A '#' after a space starts a comment even inside plain text, so the rest of the line is lost
// without a word; text fields warn, and a real comment after quoted text stays silent.
TEST(AuthorDiagnostics, PlainTextCutByAHashCommentIsAWarningSayingWhatIsRead) {
  const LoadResult r =
      load(replaced(fullFixture(), "    text: {en: The capital is dark., fr: La capitale est dans le noir.}",
                    "    text: We lost 30 #hospitals tonight"));
  ASSERT_TRUE(r.ok()) << formatDiagnostics(r);
  const Diagnostic& d = only(r);
  EXPECT_EQ(d.severity, Severity::Warning);
  EXPECT_EQ(d.code, "W507");
  EXPECT_EQ(d.line, 104);
  EXPECT_EQ(d.column, 11);
  EXPECT_EQ(
      d.message,
      "this text is read as 'We lost 30': in YAML ' #' starts a comment, so '#hospitals tonight' is not "
      "part of it");
  EXPECT_EQ(
      d.suggestion,
      "if the '#' belongs to the text, put it all in quotes: \"We lost 30 #hospitals tonight\"; if it is "
      "a comment, put it on a line of its own");

  // Over several lines, in a language of a translated text, and after a key's own comment.
  const LoadResult folded = load(
      replaced(fullFixture(), "    description: {en: The grid fails., fr: Le réseau tombe.}",
               "    description:\n      en: The grid\n        fails at 3 #am\n      fr: Le réseau tombe."));
  ASSERT_TRUE(folded.ok()) << formatDiagnostics(folded);
  EXPECT_EQ(only(folded).code, "W507");
  EXPECT_EQ(only(folded).line, 57);
  EXPECT_NE(only(folded).message.find("read as 'The grid fails at 3'"), std::string::npos)
      << only(folded).message;

  for (const char* silent : {"    text: \"We lost 30 #hospitals\"  # a comment after quoted text",
                             "    text: We lost 30#hospitals", "    text: Room 30 is dark"}) {
    const LoadResult ok = load(replaced(
        fullFixture(), "    text: {en: The capital is dark., fr: La capitale est dans le noir.}", silent));
    EXPECT_TRUE(ok.diagnostics.empty()) << silent << "\n" << formatDiagnostics(ok);
  }
}

class DecisionsDiagnostics : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    LoadResult r = loadScenario(kSource + "/scenarios/winter-grid.yaml");
    ASSERT_TRUE(r.ok()) << formatDiagnostics(r);
    s_def = new ScenarioDef(std::move(*r.scenario));
  }
  static void TearDownTestSuite() { delete s_def; }
  static DecisionsResult load(const std::string& text) {
    return loadDecisionsFromString(text, "d.yaml", *s_def);
  }
  static const Diagnostic& first(const DecisionsResult& r) {
    EXPECT_FALSE(r.diagnostics.empty());
    static const Diagnostic none;
    return r.diagnostics.empty() ? none : r.diagnostics.front();
  }
  static inline ScenarioDef* s_def = nullptr;
};

TEST_F(DecisionsDiagnostics, AnActorsNameWrittenForItsIdSuggestsTheId) {
  DecisionsResult r = load("- turn: 1\n  Ukraine: [\"decide grid_attack rus\"]\n");
  EXPECT_EQ(first(r).code, "D205");
  EXPECT_EQ(first(r).suggestion, "did you mean 'ukr' (Ukraine)?");
  r = load("- turn: 1\n  ukr: [\"decide grid_attack Russia\"]\n");
  EXPECT_EQ(first(r).code, "D208");
  EXPECT_EQ(first(r).suggestion, "did you mean 'rus' (Russia)?") << first(r).message;
  r = load("- turn: 1\n  ukr: [\"decide grid_attack rsu\"]\n");
  EXPECT_EQ(first(r).suggestion, "did you mean 'rus'?");
}

TEST_F(DecisionsDiagnostics, UnknownMeasuresAndTermsGetDidYouMeanFromIdsAndNames) {
  DecisionsResult r = load("- turn: 1\n  ukr: [\"measure forensic_investigaton incident=grid_attack\"]\n");
  EXPECT_EQ(first(r).code, "D208");
  EXPECT_EQ(first(r).suggestion, "did you mean 'forensic_investigation'?") << first(r).message;
  r = load("- turn: 1\n  ukr: [\"propose to=pol terms=intelligence_sharin\"]\n");
  EXPECT_EQ(first(r).suggestion, "did you mean 'intelligence_sharing'?") << first(r).message;
  r = load("- turn: 1\n  ukr: [\"propose to=pol terms=Intelligence_Sharing\"]\n");
  EXPECT_EQ(first(r).suggestion, "did you mean 'intelligence_sharing'?") << first(r).message;
}

// A name in quotes where an id goes (`measure "Forensic investigation"`) is refused, with the id.
TEST_F(DecisionsDiagnostics, AQuotedNameWhereAnIdGoesSuggestsTheId) {
  DecisionsResult r = load("- turn: 1\n  ukr: ['measure \"Forensic investigation\" incident=grid_attack']\n");
  EXPECT_EQ(first(r).code, "D208");
  EXPECT_EQ(first(r).message, "expected a measure, not 'Forensic investigation' (written without quotes)");
  EXPECT_EQ(first(r).suggestion, "did you mean 'forensic_investigation' (Forensic investigation)?");
  r = load("- turn: 1\n  ukr: ['decide \"Blackout in western Ukraine\" rus']\n");
  EXPECT_EQ(first(r).suggestion, "did you mean 'grid_attack' (Blackout in western Ukraine)?")
      << first(r).message;
  r = load("- turn: 1\n  ukr: ['decide grid_attack \"Russia\"']\n");
  EXPECT_EQ(first(r).suggestion, "did you mean 'rus' (Russia)?") << first(r).message;
  r = load("- turn: 1\n  ukr: ['propose to=pol terms=\"Forensic investigation\"']\n");
  EXPECT_EQ(first(r).code, "D208");
  EXPECT_EQ(first(r).suggestion, "") << first(r).message;  // a measure's name is no term
}

TEST_F(DecisionsDiagnostics, AMeasureNeedingConfidenceGivenWithoutAnIncidentIsAWarning) {
  const DecisionsResult r = load("- turn: 2\n  ukr: [\"measure national_sanctions target=rus\"]\n");
  ASSERT_TRUE(r.ok()) << formatDiagnostics(r);
  const Diagnostic& d = first(r);
  EXPECT_EQ(d.severity, Severity::Warning);
  EXPECT_EQ(d.code, "D211");
  EXPECT_EQ(d.line, 2);
  EXPECT_NE(d.message.find("names no incident"), std::string::npos) << d.message;
  EXPECT_EQ(d.suggestion, "add incident=ID, e.g. incident=grid_attack");
  EXPECT_TRUE(load("- turn: 2\n  ukr: [\"measure national_sanctions target=rus incident=grid_attack\"]\n")
                  .diagnostics.empty());
}

}  // namespace
}  // namespace demarche::scenario
