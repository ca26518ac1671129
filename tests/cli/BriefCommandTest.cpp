// `demarche brief`: one team's view (or the facilitator's, or the room's) of a scenario or a save,
// as Markdown, HTML or JSON, never telling a team what is planted or who did it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "RunDemarche.hpp"

namespace demarche {
namespace {

using nlohmann::json;
using test::runCli;

// Every key anywhere in `j` that names the hidden truth.
void collectTruthKeys(const json& j, std::vector<std::string>& out) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string& key = it.key();
      for (const char* word : {"planted", "operator", "sponsor", "proxy", "truth", "false_flag"})
        if (key.find(word) != std::string::npos) out.push_back(key);
      collectTruthKeys(it.value(), out);
    }
  } else if (j.is_array()) {
    for (const json& e : j) collectTruthKeys(e, out);
  }
}

json briefJson(const std::string& args) {
  const auto r = runCli("brief " + args + " --format json");
  EXPECT_EQ(r.exitCode, 0) << r.output;
  return json::parse(r.output);
}

// A save of winter-grid played by the AI up to the start of turn 3.
struct SavedGame {
  test::ScratchDir dir{"brief"};
  std::string save = (dir / "game.dlog").string();
  SavedGame() {
    const auto r =
        runCli("run scenarios/winter-grid.yaml --seed 7 --quiet --stop-after 2 --log \"" + save + "\"");
    EXPECT_EQ(r.exitCode, 0) << r.output;
  }
};

TEST(BriefCommand, JsonHasTheTeamsKeys) {
  const json j = briefJson("scenarios/winter-grid.yaml --as ukr");
  for (const char* key : {"actor", "turn", "evidence", "assessments", "proposals", "options", "timeline"})
    EXPECT_TRUE(j.contains(key)) << key;
  EXPECT_EQ(j["actor"], "ukr");
  EXPECT_EQ(j["turn"], 1);
  ASSERT_FALSE(j["evidence"].empty());
  for (const json& e : j["evidence"]) EXPECT_TRUE(e.contains("id"));
  ASSERT_FALSE(j["options"].empty());
  bool legal = false, refused = false;
  for (const json& o : j["options"]) {
    for (const char* key : {"measure", "target", "incident", "legal", "reason"})
      EXPECT_TRUE(o.contains(key)) << key;
    legal = legal || o["legal"] == true;
    if (o["legal"] == false) {
      refused = true;
      EXPECT_TRUE(o["reason"].is_string());
      EXPECT_FALSE(o["reason"].get<std::string>().empty());
    }
  }
  EXPECT_TRUE(legal);
  EXPECT_TRUE(refused);
}

TEST(BriefCommand, NeverNamesWhatIsPlantedOrWhoDidIt) {
  // ev_hacktivist_claim is planted and every team sees it in turn 1; rus operated grid_attack.
  SavedGame game;
  for (const std::string as : {"ukr", "eu", "hacktivists", "room", "facilitator"}) {
    for (const std::string& input : {std::string("scenarios/winter-grid.yaml"), "\"" + game.save + "\""}) {
      const json j = briefJson(input + " --as " + as);
      std::vector<std::string> keys;
      collectTruthKeys(j, keys);
      EXPECT_TRUE(keys.empty()) << as << ": " << keys.front();
    }
  }
  const auto md = runCli("brief scenarios/winter-grid.yaml --as ukr");
  EXPECT_EQ(md.output.find("planted"), std::string::npos);
}

TEST(BriefCommand, FacilitatorSeesTheTruthOnlyWhenAsked) {
  const json j = briefJson("scenarios/winter-grid.yaml --as facilitator --truth");
  ASSERT_TRUE(j["situation"].contains("truth"));
  EXPECT_EQ(j["situation"]["truth"][0]["operator"], "rus");
  bool planted = false;
  for (const json& t : j["situation"]["truth"]) planted = planted || !t["planted_evidence"].empty();
  EXPECT_TRUE(planted);
  EXPECT_EQ(runCli("brief scenarios/winter-grid.yaml --as ukr --truth").exitCode, 2);
}

TEST(BriefCommand, TheFacilitatorsBriefCarriesTheScenariosNotesAndNoTeamsDoes) {
  const json j = briefJson("scenarios/winter-grid.yaml --as facilitator");
  ASSERT_TRUE(j.contains("facilitator_notes"));
  EXPECT_FALSE(j["facilitator_notes"].get<std::string>().empty());
  const auto md = runCli("brief scenarios/winter-grid.yaml --as facilitator");
  EXPECT_NE(md.output.find("## Facilitator notes"), std::string::npos);
  EXPECT_EQ(runCli("brief scenarios/winter-grid.yaml --as ukr").output.find("Facilitator notes"),
            std::string::npos);
  // Every team's brief lists the persons, units and companies a listing may name.
  const json team = briefJson("scenarios/winter-grid.yaml --as ukr");
  ASSERT_TRUE(team["situation"].contains("entities"));
  EXPECT_EQ(team["situation"]["entities"][0]["id"], "gtsst");
  EXPECT_EQ(team["situation"]["entities"][0].count("involved_in"), 0u);  // the truth stays hidden
}

TEST(BriefCommand, AnUnknownActorIsAUsageErrorWithASuggestion) {
  const auto r = runCli("brief scenarios/winter-grid.yaml --as ukrr");
  EXPECT_EQ(r.exitCode, 2);
  EXPECT_NE(r.output.find("did you mean 'ukr'?"), std::string::npos) << r.output;
  EXPECT_EQ(runCli("brief scenarios/winter-grid.yaml").exitCode, 2);
  EXPECT_EQ(runCli("brief no-such-file.yaml --as ukr").exitCode, 2);
  EXPECT_EQ(runCli("brief scenarios/winter-grid.yaml --as ukr --format pdf").exitCode, 2);
}

TEST(BriefCommand, ASaveAtTurnThreeBriefsTurnThree) {
  SavedGame game;
  const json now = briefJson("\"" + game.save + "\" --as ukr");
  EXPECT_EQ(now["turn"], 3);
  EXPECT_FALSE(now["recap"].empty());
  const json earlier = briefJson("\"" + game.save + "\" --as ukr --turn 2");
  EXPECT_EQ(earlier["turn"], 2);
  EXPECT_LT(earlier["timeline"].size(), now["timeline"].size());
  const json first = briefJson("\"" + game.save + "\" --as ukr --turn 1");
  const json scenario = briefJson("scenarios/winter-grid.yaml --as ukr");
  EXPECT_EQ(first["timeline"], scenario["timeline"]);
  EXPECT_EQ(first["evidence"], scenario["evidence"]);
  const auto beyond = runCli("brief \"" + game.save + "\" --as ukr --turn 5");
  EXPECT_EQ(beyond.exitCode, 2);
  EXPECT_NE(beyond.output.find("reaches turn 3"), std::string::npos) << beyond.output;
  EXPECT_EQ(runCli("brief scenarios/winter-grid.yaml --as ukr --turn 2").exitCode, 2);
}

TEST(BriefCommand, ATeamSeesOnlyItsOwnProposalsAndTheRoomNone) {
  SavedGame game;
  const json ukr = briefJson("\"" + game.save + "\" --as ukr");
  for (const json& p : ukr["proposals"]) {
    bool involved = p["from"] == "ukr";
    for (const json& r : p["replies"]) involved = involved || r["actor"] == "ukr";
    EXPECT_TRUE(involved) << p.dump();
  }
  const json room = briefJson("\"" + game.save + "\" --as room");
  EXPECT_TRUE(room["proposals"].empty());
  for (const json& e : room["timeline"]) {
    EXPECT_NE(e["kind"], "proposal_made");
    EXPECT_NE(e["kind"], "evidence_seen");
    EXPECT_NE(e["kind"], "measure_queued");
  }
}

// rules §4.1: a proposal's JSON says whom its joint attribution names, and only then.
TEST(BriefCommand, AProposalSaysWhomItsJointAttributionNames) {
  SavedGame game;
  const json ukr = briefJson("\"" + game.save + "\" --as ukr");
  int joint = 0;
  for (const json& p : ukr["proposals"]) {
    const bool isJoint = p["terms"] == json::array({"joint_attribution_pact"});
    joint += isJoint ? 1 : 0;
    // The AI names its suspect in a joint attribution; the other terms name no one.
    EXPECT_EQ(p.contains("naming"), isJoint) << p.dump();
    if (isJoint) {
      EXPECT_TRUE(p["naming"] == "rus" || p["naming"] == "hacktivists" || p["naming"] == "crime_gang")
          << p.dump();
    }
  }
  EXPECT_GT(joint, 0);
}

TEST(BriefCommand, MarkdownAndHtmlAreReadableAndEscaped) {
  const auto md = runCli("brief scenarios/winter-grid.yaml --as ukr");
  ASSERT_EQ(md.exitCode, 0) << md.output;
  for (const char* part : {"# Brief for", "## Briefing", "## Evidence you have seen", "## Your assessments",
                           "## Options", "why not", "## Timeline"})
    EXPECT_NE(md.output.find(part), std::string::npos) << part;
  const auto html = runCli("brief scenarios/winter-grid.yaml --as ukr --format html");
  ASSERT_EQ(html.exitCode, 0) << html.output;
  EXPECT_EQ(html.output.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.output.find("</html>"), std::string::npos);
  // The hacktivist claim's quotation marks are text, not markup.
  EXPECT_NE(html.output.find("&quot;Cyber Winter&quot;"), std::string::npos);
  EXPECT_EQ(html.output.find("<script"), std::string::npos);
}

// A printed brief is read by people: it names actors, incidents and terms as the window does
// ("Russia unlikely (37%)", "from NATO: Joint attribution over Blackout in western Ukraine"),
// giving an actor's or incident's id once where it is introduced and a measure's beside its name
// (for typing commands); the JSON keeps the ids.
TEST(BriefCommand, APrintedBriefNamesActorsIncidentsAndTermsNotTheirIds) {
  SavedGame game;
  const auto r = runCli("brief \"" + game.save + "\" --as ukr");
  ASSERT_EQ(r.exitCode, 0) << r.output;
  const std::string& md = r.output;
  const auto section = [&](const std::string& heading) {
    const std::size_t from = md.find("## " + heading);
    EXPECT_NE(from, std::string::npos) << heading;
    const std::size_t to = md.find("\n## ", from + 3);
    return md.substr(from, to == std::string::npos ? std::string::npos : to - from);
  };
  const std::string assessments = section("Your assessments");
  EXPECT_NE(assessments.find("Russia "), std::string::npos) << assessments;
  EXPECT_NE(assessments.find("\"Frostbyte\" ransomware gang "), std::string::npos) << assessments;
  EXPECT_EQ(assessments.find("crime_gang "), std::string::npos) << assessments;
  EXPECT_EQ(assessments.find("rus "), std::string::npos) << assessments;
  const std::string proposals = section("Proposals");
  ASSERT_NE(proposals.find("#"), std::string::npos) << "the AI proposes to Ukraine in two weeks";
  for (const char* id : {"from usa", "from eu", "from pol", "joint_attribution_pact", "over grid_attack",
                         "naming rus", "naming hacktivists", ": none"})
    EXPECT_EQ(proposals.find(id), std::string::npos) << id << " in\n" << proposals;
  const std::string options = section("Options");
  EXPECT_NE(options.find("(national_sanctions)"), std::string::npos) << "a measure keeps its id";
  EXPECT_NE(options.find("Russia over Blackout in western Ukraine"), std::string::npos);
  EXPECT_EQ(options.find("rus over grid_attack"), std::string::npos);
  // The JSON is for tools: ids.
  const json j = briefJson("\"" + game.save + "\" --as ukr");
  ASSERT_FALSE(j["assessments"].empty());
  EXPECT_EQ(j["assessments"][0]["incident"], "grid_attack");
}

}  // namespace
}  // namespace demarche
