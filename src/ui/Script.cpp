#include "ui/Script.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/CommandText.hpp"
#include "core/Lookup.hpp"
#include "ui/BrowserSeats.hpp"

namespace demarche::ui {
namespace {

std::string at(const std::string& file, int line) { return file + ":" + std::to_string(line) + ": "; }

int meterIndex(const ScenarioDef& def, const std::string& id) {
  for (std::size_t i = 0; i < def.meterNames.size(); ++i)
    if (def.meterNames[i] == id) return static_cast<int>(i);
  return -1;
}

std::vector<std::string> split(const std::string& list) {
  std::vector<std::string> out;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

std::string namedValue(const ScriptStep& step, std::string_view key) {
  for (const auto& [k, v] : step.named)
    if (k == key) return v;
  return {};
}

std::string quoted(const ScriptStep& step) {
  return step.quoted.empty() ? std::string() : step.quoted.front();
}

std::string word(const ScriptStep& step, std::size_t i) {
  return i < step.words.size() ? step.words[i] : std::string();
}

}  // namespace

ScriptParse parseScript(std::string_view text, const std::string& file) {
  ScriptParse out;
  int lineNumber = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t end = std::min(text.find('\n', pos), text.size());
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++lineNumber;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    ScriptStep step;
    step.line = lineNumber;
    std::size_t i = 0;
    while (i < line.size()) {
      if (line[i] == ' ' || line[i] == '\t') {
        ++i;
        continue;
      }
      if (line[i] == '#') break;
      if (line[i] == '"') {
        const std::size_t close = line.find('"', i + 1);
        if (close == std::string_view::npos) {
          out.error = file + ":" + std::to_string(lineNumber) + ":" + std::to_string(i + 1) +
                      ": this quote is not closed; end the text with \"";
          return out;
        }
        step.quoted.emplace_back(line.substr(i + 1, close - i - 1));
        i = close + 1;
        continue;
      }
      std::size_t j = i;
      while (j < line.size() && line[j] != ' ' && line[j] != '\t') ++j;
      const std::string token(line.substr(i, j - i));
      const auto eq = token.find('=');
      if (eq != std::string::npos && eq > 0 && !step.words.empty()) {
        std::string value = token.substr(eq + 1);
        if (value.size() >= 1 && value.front() == '"') {
          // key="text with spaces"
          const std::size_t close = line.find('"', i + eq + 2);
          if (close == std::string_view::npos) {
            out.error = file + ":" + std::to_string(lineNumber) + ":" + std::to_string(i + eq + 2) +
                        ": this quote is not closed; end the text with \"";
            return out;
          }
          value = std::string(line.substr(i + eq + 2, close - i - eq - 2));
          j = close + 1;
        }
        step.named.emplace_back(token.substr(0, eq), value);
      } else {
        step.words.push_back(token);
      }
      i = j;
    }
    if (!step.words.empty()) out.steps.push_back(std::move(step));
    if (end == text.size()) break;
  }
  return out;
}

ScriptParse readScript(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    ScriptParse out;
    out.error = file.string() + ": cannot read the UI script";
    return out;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parseScript(buffer.str(), file.string());
}

StepResult performStep(const ScriptStep& step, const std::string& file, Table& table, UiState& ui) {
  StepResult result;
  const std::string& action = step.words.front();
  const auto fail = [&](std::string why) {
    result.kind = StepResult::Kind::Failed;
    result.error = at(file, step.line) + action + ": " + why;
    return result;
  };
  // How a table action went: refused commands fail the script unless "try" precedes them.
  const auto check = [&](bool ok) {
    if (!ok && !table.notices().empty()) return fail(table.notices().back().text);
    if (!ok) return fail("not done");
    return result;
  };
  const auto needRunning = [&]() { return table.running(); };

  if (action == "frames") {
    result.kind = StepResult::Kind::Frames;
    const std::string n = word(step, 1);
    int frames = 0;
    if (std::from_chars(n.data(), n.data() + n.size(), frames).ec != std::errc() || frames < 1)
      return fail("expected a number of frames, 1 or more");
    result.frames = frames;
    return result;
  }
  if (action == "idle") {
    const std::string n = word(step, 1);
    double seconds = 0;
    if (std::from_chars(n.data(), n.data() + n.size(), seconds).ec != std::errc() || seconds <= 0)
      return fail("expected a number of seconds");
    result.kind = StepResult::Kind::Idle;
    result.seconds = seconds;
    return result;
  }
  if (action == "screenshot") {
    if (step.words.size() < 2) return fail("expected a file name: screenshot FILE.png");
    result.kind = StepResult::Kind::Screenshot;
    result.path = step.words[1];
    return result;
  }
  // ---- start screen
  if (action == "scenario") {
    const std::string id = word(step, 1);
    for (std::size_t i = 0; i < table.scenarios().size(); ++i) {
      const ScenarioEntry& e = table.scenarios()[i];
      if ((e.def && e.def->id == id) || e.path.filename() == id || e.path.stem() == id)
        return check(table.select(static_cast<int>(i)));
    }
    return fail("no scenario '" + id + "' in the scenarios folder");
  }
  if (action == "teams") return check(table.setTeams(word(step, 1)));
  if (action == "ai") {
    const ScenarioDef* def = table.selectedDef();
    if (!def) return fail("choose a scenario first");
    const int a = indexOfId(def->actors, word(step, 1));
    const auto level = parseDifficultyWord(word(step, 2).empty() ? "standard" : word(step, 2));
    if (a < 0 || !level) return fail("expected: ai ACTOR [novice|standard|expert]");
    table.seats()[static_cast<std::size_t>(a)] = Seat{SeatKind::Ai, *level};
    return result;
  }
  if (action == "seed") {
    const std::string n = word(step, 1);
    std::uint64_t seed = 0;
    if (std::from_chars(n.data(), n.data() + n.size(), seed).ec != std::errc())
      return fail("expected a number");
    table.seed = seed;
    return result;
  }
  if (action == "minutes") {
    const std::string n = word(step, 1);
    int minutes = 0;
    if (std::from_chars(n.data(), n.data() + n.size(), minutes).ec != std::errc() || minutes < 0)
      return fail("expected minutes, 0 or more");
    table.timerMinutes = minutes;
    return result;
  }
  if (action == "set-pin") {
    table.pin = word(step, 1);
    return result;
  }
  if (action == "start") return check(table.start());
  if (action == "simulate") {
    // simulate N: the start screen's button, waiting for the result (a script has time).
    const std::string n = word(step, 1);
    int runs = 0;
    if (std::from_chars(n.data(), n.data() + n.size(), runs).ec != std::errc() || runs < 1 || runs > 100000)
      return fail("expected a number of exercises, 1 to 100000");
    table.startSimulation(runs);
    while (table.simulating()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return check(table.simulation() != nullptr);
  }
  if (action == "watch") {
    table.watch = word(step, 1) != "off";
    return result;
  }
  if (action == "poll") {
    // poll: look at the watched files now (a script cannot wait for the second to pass).
    table.pollFiles(1e9 + static_cast<double>(step.line));
    return result;
  }
  if (action == "reload") {
    const std::string how = word(step, 1);
    if (!table.reload().pending) return fail("no change of the scenario is waiting");
    if (how == "replay") return check(table.replayOntoReload());
    if (how == "restart") return check(table.restartWithReload());
    table.dismissReload();
    return result;
  }
  if (action == "resume-save") {
    const auto save = table.autosave();
    if (!save) return fail("there is no autosave to resume for this scenario");
    return check(table.resume(*save));
  }
  if (action == "expect") {
    const std::string what = word(step, 1), value = word(step, 2);
    if (what == "screen") {
      static constexpr const char* names[] = {"start", "room", "handover", "team", "end"};
      const std::string now = names[static_cast<int>(table.screen())];
      if (now != value) return fail("the screen is '" + now + "', expected '" + value + "'");
      return result;
    }
    if (what == "refused" || what == "accepted") {
      const bool refused = !table.notices().empty() && table.notices().back().refusal;
      if (refused != (what == "refused"))
        return fail("the last action was " + std::string(refused ? "refused" : "accepted") +
                    (table.notices().empty() ? "" : ": " + table.notices().back().text));
      return result;
    }
    if (!needRunning()) return fail("no exercise is running");
    if (what == "phase") {
      const std::string now(phaseName(table.session().state().phase));
      if (now != value) return fail("the phase is '" + now + "', expected '" + value + "'");
      return result;
    }
    if (what == "turn") {
      if (std::to_string(table.session().state().turn) != value)
        return fail("the turn is " + std::to_string(table.session().state().turn) + ", expected " + value);
      return result;
    }
    if (what == "team") {
      if (table.actorName(table.activeTeam()) != quoted(step) &&
          (table.activeTeam() < 0 ||
           table.def().actors[static_cast<std::size_t>(table.activeTeam())].id != value))
        return fail("the team at the laptop is '" + table.actorName(table.activeTeam()) + "'");
      return result;
    }
    return fail("expected: expect screen|phase|turn|team|refused|accepted VALUE");
  }
  if (action == "try") {
    // try ACTION ...: the action may be refused (the refusal is shown; the script goes on).
    ScriptStep inner = step;
    inner.words.erase(inner.words.begin());
    if (inner.words.empty()) return fail("expected an action after try");
    StepResult r = performStep(inner, file, table, ui);
    if (r.kind == StepResult::Kind::Failed) r = StepResult{};
    return r;
  }
  if (!needRunning()) return fail("no exercise is running: start one first");
  const ScenarioDef& def = table.def();

  // ---- screens and panels
  if (action == "panel") {
    for (int t = 0; t < kTabCount; ++t) {
      if (tabName(static_cast<Tab>(t)) == word(step, 1)) {
        ui.tab = static_cast<Tab>(t);
        ui.selectTab = true;
        return result;
      }
    }
    return fail("expected briefing, intelligence, measures, negotiation, dossiers or recap");
  }
  if (action == "scroll") {  // the open tab, to a fraction of its length: scroll 1 = its end
    const std::string f = word(step, 1);
    char* end = nullptr;
    const double x = std::strtod(f.c_str(), &end);
    if (f.empty() || end == f.c_str() || *end != '\0' || !(x >= 0 && x <= 1))
      return fail("expected a fraction 0..1");
    ui.scrollTo = static_cast<float>(x);
    return result;
  }
  if (action == "call") {
    const int a = indexOfId(def.actors, word(step, 1));
    if (a < 0) return fail("no actor '" + word(step, 1) + "'");
    table.callTeam(a);
    return check(table.screen() == Screen::Handover);
  }
  if (action == "take") {
    table.takeLaptop();
    ui.clearDrafts();
    return check(table.screen() == Screen::Team);
  }
  if (action == "done") {
    if (table.screen() != Screen::Team) return fail("no team has the laptop");
    table.done();
    ui.clearDrafts();
    return result;
  }
  if (action == "room") {
    table.showRoom();
    return result;
  }
  if (action == "facilitator") {
    ui.facilitatorOpen = true;
    if (word(step, 1) == "pin") return check(table.unlock(word(step, 2)));
    if (word(step, 1) == "close") ui.facilitatorOpen = false;
    return result;
  }
  // ---- a team's actions
  if (action == "measure") {
    const int m = indexOfId(def.measures, word(step, 1));
    if (m < 0) return fail("no measure '" + word(step, 1) + "' in " + def.id);
    const std::string target = namedValue(step, "target"), incident = namedValue(step, "incident");
    const int t = target.empty() ? -1 : indexOfId(def.actors, target);
    const int i = incident.empty() ? -1 : indexOfId(def.incidents, incident);
    if (!target.empty() && t < 0) return fail("no actor '" + target + "'");
    if (!incident.empty() && i < 0) return fail("no incident '" + incident + "'");
    std::uint64_t entities = 0;  // a listing's persons, units and companies
    for (const std::string& id : split(namedValue(step, "entities"))) {
      const int e = indexOfId(def.entities, id);
      if (e < 0 || e >= kMaxEntities) return fail("no entity '" + id + "'");
      entities |= std::uint64_t{1} << e;
    }
    ui.tab = Tab::Measures;
    ui.selectTab = true;
    return check(table.takeMeasure(m, t, i, entities));
  }
  if (action == "propose") {
    std::vector<int> to, terms;
    for (const std::string& id : split(namedValue(step, "to"))) {
      const int a = indexOfId(def.actors, id);
      if (a < 0) return fail("no actor '" + id + "'");
      to.push_back(a);
    }
    for (const std::string& id : split(namedValue(step, "terms"))) {
      const int t = indexOfId(def.terms, id);
      if (t < 0) return fail("no term '" + id + "'");
      terms.push_back(t);
    }
    const std::string incident = namedValue(step, "incident");
    const int i = incident.empty() ? -1 : indexOfId(def.incidents, incident);
    if (!incident.empty() && i < 0) return fail("no incident '" + incident + "'");
    // Whom a joint attribution names: naming=ACTOR, else the team's decided suspect (as the window).
    const std::string named = namedValue(step, "naming");
    const int naming = named.empty() ? table.suggestedNaming(terms, i) : indexOfId(def.actors, named);
    if (!named.empty() && naming < 0) return fail("no actor '" + named + "'");
    ui.tab = Tab::Negotiation;
    ui.selectTab = true;
    return check(table.propose(to, terms, i, quoted(step), naming));
  }
  if (action == "reply") {
    // reply last|ID accept|reject|counter [terms=...] "reason": "last" is the newest proposal
    // awaiting this team's reply.
    int proposal = -1;
    const std::string which = word(step, 1);
    if (which == "last") {
      if (table.screen() != Screen::Team) return fail("no team has the laptop");
      for (const ProposalView& p : table.teamView().proposals)
        if (p.awaitingOurReply) proposal = std::max(proposal, p.id);
      if (proposal < 0) return fail("no proposal awaits this team's reply");
    } else if (std::from_chars(which.data(), which.data() + which.size(), proposal).ec != std::errc()) {
      return fail("expected a proposal number or 'last'");
    }
    const std::string kindWord = word(step, 2);
    ReplyKind kind = ReplyKind::Accept;
    if (kindWord == "reject")
      kind = ReplyKind::Reject;
    else if (kindWord == "counter")
      kind = ReplyKind::Counter;
    else if (kindWord != "accept")
      return fail("expected accept, reject or counter");
    std::vector<int> terms;
    for (const std::string& id : split(namedValue(step, "terms"))) {
      const int t = indexOfId(def.terms, id);
      if (t < 0) return fail("no term '" + id + "'");
      terms.push_back(t);
    }
    ui.tab = Tab::Negotiation;
    ui.selectTab = true;
    return check(table.reply(proposal, kind, terms, quoted(step)));
  }
  if (action == "decide") {
    const int i = indexOfId(def.incidents, word(step, 1)), c = indexOfId(def.actors, word(step, 2));
    const std::string role = word(step, 3);
    if (i < 0 || c < 0 || (!role.empty() && role != "harbouring"))
      return fail("expected: decide INCIDENT ACTOR [harbouring]");
    ui.tab = Tab::Intelligence;
    ui.selectTab = true;
    return check(table.decide(i, c, role == "harbouring"));
  }
  if (action == "withdraw") {
    const int i = indexOfId(def.incidents, word(step, 1));
    if (i < 0) return fail("expected: withdraw INCIDENT");
    ui.tab = Tab::Intelligence;
    ui.selectTab = true;
    return check(table.withdraw(i));
  }
  if (action == "disclose") {
    const int i = indexOfId(def.incidents, word(step, 1));
    const std::string kindWord = word(step, 2);
    Disclosure kind = Disclosure::Public;
    if (kindWord == "private")
      kind = Disclosure::Private;
    else if (kindWord == "joint")
      kind = Disclosure::Joint;
    else if (kindWord != "public")
      return fail("expected private, public or joint");
    std::vector<int> partners;
    for (const std::string& id : split(namedValue(step, "partners")))
      partners.push_back(indexOfId(def.actors, id));
    if (i < 0) return fail("no incident '" + word(step, 1) + "'");
    return check(table.disclose(i, kind, partners));
  }
  // ---- the facilitator
  if (action == "phase") return check(table.nextPhase());
  if (action == "pause") return check(table.pause());
  if (action == "resume") return check(table.resumePlay());
  if (action == "inject") {
    const int i = indexOfId(def.injects, word(step, 1));
    if (i < 0) return fail("no inject '" + word(step, 1) + "'");
    return check(table.injectNow(i));
  }
  if (action == "adjust") {
    const int a = indexOfId(def.actors, word(step, 1)), m = meterIndex(def, word(step, 2));
    double delta = 0;
    const std::string d = word(step, 3);
    const char* first = d.data() + (d.size() > 0 && d[0] == '+' ? 1 : 0);
    if (a < 0 || m < 0 || std::from_chars(first, d.data() + d.size(), delta).ec != std::errc())
      return fail("expected: adjust ACTOR METER DELTA \"reason\"");
    return check(table.adjustMeter(a, m, delta, quoted(step)));
  }
  if (action == "reveal") return check(table.revealTruth());
  if (action == "undo") return check(table.undoTurn());
  if (action == "takeover") {
    const int a = indexOfId(def.actors, word(step, 1));
    if (a < 0) return fail("no actor '" + word(step, 1) + "'");
    return check(table.takeOver(a));
  }
  if (action == "handback") {
    const int a = indexOfId(def.actors, word(step, 1));
    const auto level = parseDifficultyWord(word(step, 2).empty() ? "standard" : word(step, 2));
    if (a < 0 || !level) return fail("expected: handback ACTOR [novice|standard|expert]");
    return check(table.handBack(a, *level));
  }
  if (action == "hotseat" || action == "tobrowser") {  // the browser seats panel's moves
    const int a = indexOfId(def.actors, word(step, 1));
    if (a < 0) return fail("no actor '" + word(step, 1) + "'");
    return check(action == "hotseat" ? table.moveToHotSeat(a) : table.moveToBrowser(a));
  }
  if (action == "showcode") {  // the facilitator panel's "Show the code" (team seats in browsers)
    const int a = indexOfId(def.actors, word(step, 1));
    if (!ui.browserSeats) return fail("showcode: no team seats in browsers (play --serve)");
    if (a < 0 || ui.browserSeats->hub().codeOf(a).empty())
      return fail("showcode: '" + word(step, 1) + "' has no browser seat");
    ui.browserSeats->shownOnProjector = a;
    return {};
  }
  if (action == "timer") {
    const std::string d = word(step, 1);
    int minutes = 0;
    const char* first = d.data() + (d.size() > 0 && d[0] == '+' ? 1 : 0);
    if (std::from_chars(first, d.data() + d.size(), minutes).ec != std::errc())
      return fail("expected: timer +MINUTES or timer -MINUTES");
    return check(table.extendTimer(minutes * 60));
  }
  if (action == "end") return check(table.endExercise());
  if (action == "debrief") {
    // debrief [outcome|charts|truth|timeline|questions]: open the debrief on that tab;
    // debrief write: the end screen's "write the debrief" button.
    if (word(step, 1) == "write") return check(table.writeDebrief().has_value());
    static constexpr std::string_view tabs[] = {"outcome",  "charts",    "truth",
                                                "timeline", "questions", "whatif"};
    const std::string tab = word(step, 1).empty() ? "outcome" : word(step, 1);
    for (int t = 0; t < 6; ++t) {
      if (tabs[t] != tab) continue;
      ui.debriefOpen = true;
      ui.debriefTab = t;
      ui.selectDebriefTab = true;
      return result;
    }
    return fail("expected outcome, charts, truth, timeline, questions, whatif or write");
  }
  if (action == "whatif") {
    // whatif TURN ACTOR [novice|standard|expert]: the debrief's "play the branch" with the AI;
    // whatif TURN ACTOR choices "COMMAND" ...: with these choices of ACTOR in TURN instead.
    const std::string n = word(step, 1);
    int turn = 0;
    const int a = indexOfId(table.def().actors, word(step, 2));
    if (word(step, 3) == "choices") {
      if (std::from_chars(n.data(), n.data() + n.size(), turn).ec != std::errc() || a < 0)
        return fail("expected: whatif TURN ACTOR choices \"COMMAND\" ...");
      std::vector<Command> choices;
      for (const std::string& text : step.quoted) {
        CommandParse parsed = parseCommand(table.def(), text);
        if (!parsed.command) return fail("in \"" + text + "\": " + parsed.error);
        choices.push_back(*parsed.command);
      }
      ui.whatIfTurn = turn;
      ui.whatIfActor = a;
      ui.whatIfMode = 1;
      ui.whatIfDraft = choices;
      ui.whatIfDraftTurn = turn;
      ui.whatIfDraftActor = a;
      ui.debriefOpen = true;
      ui.debriefTab = 5;
      ui.selectDebriefTab = true;
      return check(table.playWhatIfChoices(turn, a, std::move(choices)));
    }
    const auto level = parseDifficultyWord(word(step, 3).empty() ? "standard" : word(step, 3));
    if (std::from_chars(n.data(), n.data() + n.size(), turn).ec != std::errc() || a < 0 || !level)
      return fail("expected: whatif TURN ACTOR [novice|standard|expert]");
    ui.whatIfTurn = turn;
    ui.whatIfActor = a;
    ui.whatIfMode = 0;
    ui.handBackDifficulty = *level;
    ui.debriefOpen = true;
    ui.debriefTab = 5;
    ui.selectDebriefTab = true;
    return check(table.playWhatIf(turn, a, *level));
  }
  if (action == "export") {
    const std::string ext = word(step, 1);
    return check(
        table.writeReport(ext == "markdown" || ext == "md" ? ".md"
                          : ext == "json"                  ? ".json"
                                                           : ".html")
            .has_value());
  }
  return fail("unknown action (see docs/ui-script.md)");
}

}  // namespace demarche::ui
