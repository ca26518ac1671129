// Sentences for players and facilitators: refusal reasons and timeline events, rendered
// from codes and indices only when someone asks (so random playthroughs build no strings).
// An event's sentence reads only the event, the notes and the scenario: what it needs of the
// state at that moment (refusalValue) was stored in the event when it happened.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/Engine.hpp"
#include "core/Names.hpp"
#include "core/View.hpp"

namespace demarche {

namespace {

std::size_t at(int i) { return static_cast<std::size_t>(i); }

std::string number(double x) {
  char buf[32];
  if (std::fabs(x - std::round(x)) < 1e-9)
    std::snprintf(buf, sizeof buf, "%.0f", x);
  else
    std::snprintf(buf, sizeof buf, "%.1f", x);
  return buf;
}

std::string quoted(const std::string& s) {
  std::string q;
  q.reserve(s.size() + 2);
  q += '\'';
  q += s;
  q += '\'';
  return q;
}

std::string percent(double p) { return number(std::round(p * 100)) + "%"; }

// The author's word for a threshold when it is one of the expression language's probability
// words, else a percentage.
std::string thresholdWords(double p) {
  for (const ProbabilityWord& w : kProbabilityWords)
    if (std::fabs(w.value - p) < 1e-9) return std::string(w.display);
  return percent(p);
}

}  // namespace

double Engine::refusalValue(const GameState& s, const Command& command, ReasonCode code) const {
  const TakeMeasure* tm = std::get_if<TakeMeasure>(&command);
  const auto actorOk = [&](int a) { return a >= 0 && a < s.actorCount; };
  const auto incidentOk = [&](int i) { return i >= 0 && i < s.incidentCount; };
  switch (code) {
    case ReasonCode::WrongPhase:
      return static_cast<int>(s.phase);
    case ReasonCode::NotEnoughCapital:
      return tm && actorOk(tm->actor) ? s.capital[at(tm->actor)] : 0;
    case ReasonCode::ConfidenceTooLow:
      return tm && actorOk(tm->actor) && actorOk(tm->target) && incidentOk(tm->incident)
                 ? probability(s, tm->actor, tm->incident, tm->target)
                 : 0;
    case ReasonCode::NoDecision: {
      int actor = tm ? tm->actor : -1, inc = tm ? tm->incident : -1;
      if (auto* d = std::get_if<Disclose>(&command)) actor = d->actor, inc = d->incident;
      return actorOk(actor) && incidentOk(inc) ? s.decision(actor, inc) : -1;
    }
    case ReasonCode::BlocConsentMissing:
      if (auto* d = std::get_if<Disclose>(&command)) return missingConsent(s, *d);
      return tm ? missingConsent(s, *tm) : -1;
    default:
      return 0;
  }
}

std::string Engine::refusalMessage(const GameState& s, const Command& command, ReasonCode code,
                                   std::string_view language) const {
  // The one refusal whose sentence needs more of the state than one number; it concerns a
  // Disclose command, which is refused at once and never becomes an event.
  if (code == ReasonCode::NoJointPartner) {
    if (auto* d = std::get_if<Disclose>(&command)) {
      const auto incidentName = [&](int i) -> std::string {
        return i >= 0 && i < static_cast<int>(m_def.incidents.size()) ? m_def.incidents[at(i)].id : "?";
      };
      const int decided = s.decision(d->actor, d->incident);
      for (int p : d->partners) {
        if (p < 0 || p >= s.actorCount || p == d->actor) return "bad partner in a joint disclosure";
        if (!hasAgreementKind(s, d->actor, p, TermKind::JointAttribution, d->incident))
          return actorId(p) + " has not agreed to a joint attribution with " + actorId(d->actor);
        if (s.decision(p, d->incident) != decided)
          return actorId(p) + " has not decided to attribute " + incidentName(d->incident) + " to " +
                 actorId(decided);
      }
      return "a joint disclosure needs at least one partner";
    }
  }
  return refusalText(command, code, refusalValue(s, command, code), language);
}

std::string Engine::refusalText(const Command& command, ReasonCode code, double value,
                                std::string_view language) const {
  const std::string_view lang = language.empty() ? std::string_view(m_def.language) : language;
  const auto measureName = [&](int m) -> std::string {
    return m >= 0 && m < static_cast<int>(m_def.measures.size()) ? m_def.measures[at(m)].id : "?";
  };
  const auto incidentName = [&](int i) -> std::string {
    return i >= 0 && i < static_cast<int>(m_def.incidents.size()) ? m_def.incidents[at(i)].id : "?";
  };
  const TakeMeasure* tm = std::get_if<TakeMeasure>(&command);
  switch (code) {
    case ReasonCode::None:
      return "";
    case ReasonCode::WrongPhase:
      return "not now: this is the " + std::string(phaseName(static_cast<Phase>(static_cast<int>(value)))) +
             " phase; measures, proposals, replies and attribution decisions are taken in deliberation";
    case ReasonCode::Paused:
      return "the exercise is paused; only the facilitator can act";
    case ReasonCode::ExerciseEnded:
      return "the exercise has ended";
    case ReasonCode::TimerOutOfRange:
      return "a deliberation lasts 0 to 6 hours (21600 seconds)";
    case ReasonCode::UnknownIndex:
      return "unknown actor, measure, term, incident or proposal in this command";
    case ReasonCode::NotUsableByKind:
      return tm ? quoted(measureName(tm->measure)) + " is not available to " + actorId(tm->actor)
                : "not available to this kind of actor";
    case ReasonCode::TargetMissing:
      return tm ? quoted(measureName(tm->measure)) + " needs a target actor" : "needs a target actor";
    case ReasonCode::TargetIsSelf:
      return "an actor cannot target itself";
    case ReasonCode::TargetNotAllowed:
      return tm ? quoted(measureName(tm->measure)) + " takes no such target" : "takes no such target";
    case ReasonCode::IncidentMissing:
      return tm ? quoted(measureName(tm->measure)) + " needs an incident" : "needs an incident";
    case ReasonCode::IncidentNotPublic: {
      int i = tm ? tm->incident : -1;
      if (auto* d = std::get_if<DecideAttribution>(&command)) i = d->incident;
      return "incident " + incidentName(i) + " is not known yet";
    }
    case ReasonCode::NotEnoughCapital:
      if (tm)
        return "costs " + std::to_string(m_def.measures[at(tm->measure)].cost) + " capital, " +
               number(value) + " left";
      return "not enough political capital";
    case ReasonCode::MaxUsesReached:
      if (tm)
        return quoted(measureName(tm->measure)) + " can be taken " +
               std::to_string(m_def.measures[at(tm->measure)].maxUses) +
               " time(s) per exercise (queued ones count)";
      return "no uses left";
    case ReasonCode::AlreadyQueued:
      return "the same measure on the same target is already queued this turn";
    case ReasonCode::RequiresFailed:
      if (tm) {
        const MeasureDef& md = m_def.measures[at(tm->measure)];
        return md.requiresReason.empty() ? "requires " + md.requirement.source : md.requiresReason;
      }
      return "a prerequisite does not hold";
    case ReasonCode::ConfidenceTooLow:
      if (tm) {
        const double p = value;
        return "needs at least '" + thresholdWords(m_def.measures[at(tm->measure)].minConfidence) +
               "' confidence that " + actorId(tm->target) + " operated " + incidentName(tm->incident) +
               "; yours is '" + std::string(probabilityWords(p)) + "' (" + percent(p) + ")";
      }
      return "confidence too low";
    case ReasonCode::NotACandidate: {
      int cand = tm ? tm->target : -1, inc = tm ? tm->incident : -1;
      if (auto* d = std::get_if<DecideAttribution>(&command)) cand = d->candidate, inc = d->incident;
      return actorId(cand) + " is not a candidate for " + incidentName(inc);
    }
    case ReasonCode::NoDecision: {
      int actor = tm ? tm->actor : -1, inc = tm ? tm->incident : -1;
      if (auto* d = std::get_if<Disclose>(&command)) actor = d->actor, inc = d->incident;
      const int decided = static_cast<int>(value);
      if (decided >= 0 && tm)
        return actorId(actor) + " decided to attribute " + incidentName(inc) + " to " + actorId(decided) +
               ", not to " + actorId(tm->target);
      return actorId(actor) + " has not decided who is behind " + incidentName(inc) + " yet";
    }
    case ReasonCode::NoJointPartner:
      return "needs a partner with a joint-attribution agreement on this incident";
    case ReasonCode::BlocConsentMissing:
      if (auto* d = std::get_if<Disclose>(&command)) {
        // The bloc that speaks: the discloser, or the partner whose member has not agreed.
        const int missing = static_cast<int>(value);
        int bloc = d->actor;
        for (int p : d->partners) {
          const std::vector<int>& members = blocMembers(p);
          if (std::find(members.begin(), members.end(), missing) != members.end()) bloc = p;
        }
        return actorId(bloc) + " speaks only by consensus: " + actorId(missing) +
               " has not agreed to attribute " +
               (d->incident >= 0 && d->incident < static_cast<int>(m_def.incidents.size())
                    ? m_def.incidents[at(d->incident)].id
                    : std::string("it")) +
               " jointly (negotiate a joint_attribution term with " + actorId(bloc) + " first)";
      }
      if (tm && m_def.measures[at(tm->measure)].bloc < 0) {
        const int missing = static_cast<int>(value);
        return actorId(tm->actor) + " speaks only by consensus: " + actorId(missing) +
               " has not agreed (negotiate a joint_attribution term with " + actorId(tm->actor) + " first)";
      }
      if (tm) {
        const MeasureDef& md = m_def.measures[at(tm->measure)];
        const int missing = static_cast<int>(value);
        const bool sanctions = md.category == MeasureCategory::Restrictive ||
                               md.category == MeasureCategory::LawfulResponse ||
                               md.category == MeasureCategory::Hostile;
        return actorId(md.bloc) + " " + std::string(displayName(md.category)) +
               " measures need the consent of every " + actorId(md.bloc) + " member: " + actorId(missing) +
               " has not agreed (negotiate a " + (sanctions ? "coordinated_sanctions" : "joint_attribution") +
               " term first)";
      }
      return "needs the consent of every bloc member";
    case ReasonCode::NotABlocMember:
      if (tm)
        return actorId(tm->actor) + " is not a member of " + actorId(m_def.measures[at(tm->measure)].bloc);
      return "not a bloc member";
    case ReasonCode::AlreadyPaused:
      return "the exercise is already paused";
    case ReasonCode::NotPaused:
      return "the exercise is not paused";
    case ReasonCode::ProposalClosed:
      return "that proposal is closed (answered or expired)";
    case ReasonCode::NotARecipient:
      return "that proposal was not addressed to this actor";
    case ReasonCode::AlreadyReplied:
      return "this actor already answered that proposal";
    case ReasonCode::EmptyReason:
      return "a reason is required";
    case ReasonCode::EmptyTerms:
      return "a proposal needs at least one term";
    case ReasonCode::BadRecipients:
      return "recipients must be other actors, each named once";
    case ReasonCode::NothingToUndo:
      return "nothing to undo: this is the start of the exercise";
    case ReasonCode::TruthAlreadyRevealed:
      return "the truth has already been revealed";
    case ReasonCode::HandledBySession:
      return "undo is applied by the session (it holds the turn snapshots)";
    case ReasonCode::AlreadyDisclosed:
      return "that attribution has already been disclosed; it can no longer change or be disclosed again at "
             "that level";
    case ReasonCode::FieldNotForThisKind:
      if (auto* r = std::get_if<Reply>(&command))
        return std::string("counter terms go only with a counter reply; this is ") +
               (r->kind == ReplyKind::Accept ? "an accept" : "a reject") +
               ": leave the terms out, or counter";
      if (auto* d = std::get_if<Disclose>(&command))
        return "partners go only with a joint disclosure; this one is " +
               std::string(disclosureName(d->kind)) + ": leave the partners out, or disclose jointly";
      return "this command has a field its kind does not take";
    case ReasonCode::NotYourSeat: {
      const int a = commandActor(command);
      return "only the seat of " + (a >= 0 && a < static_cast<int>(m_def.actors.size()) ? actorId(a) : "?") +
             " can act for it";
    }
    case ReasonCode::NotDisclosed:
      return "there is no disclosed attribution to withdraw: only a disclosure can be taken back";
    case ReasonCode::FacilitatorOnly:
      return "only the facilitator can " +
             std::string(commandWord(command) == "end_phase"
                             ? "end a phase"
                             : "give '" + std::string(commandWord(command)) + "'");
  }
  (void)lang;
  return "refused";
}

std::string Engine::describe(const GameState& s, const Event& ev, std::string_view language) const {
  const std::string_view lang = language.empty() ? std::string_view(m_def.language) : language;
  const auto measure = [&](int m) -> std::string {
    if (m < 0 || m >= static_cast<int>(m_def.measures.size())) return "?";
    const std::string& name = m_def.measures[at(m)].name.get(lang, m_def.language);
    return name.empty() ? m_def.measures[at(m)].id : name;
  };
  const auto incident = [&](int i) -> std::string {
    if (i < 0 || i >= static_cast<int>(m_def.incidents.size())) return "?";
    const std::string& t = m_def.incidents[at(i)].title.get(lang, m_def.language);
    return t.empty() ? m_def.incidents[at(i)].id : t;
  };
  const auto term = [&](int t) -> std::string {
    if (t < 0 || t >= static_cast<int>(m_def.terms.size())) return "?";
    const std::string& n = m_def.terms[at(t)].name.get(lang, m_def.language);
    return n.empty() ? m_def.terms[at(t)].id : n;
  };
  const auto note = [&](int n) -> std::string {
    return n >= 0 && n < static_cast<int>(s.notes.size()) ? s.notes[at(n)] : std::string();
  };
  const auto targetText = [&](int target, int inc) {
    std::string t;
    if (target >= 0) t += " against " + actorId(target);
    if (inc >= 0) t += " over " + incident(inc);
    return t;
  };
  switch (ev.kind) {
    case EventKind::TurnStarted:
      return "Turn " + std::to_string(ev.turn) + " begins";
    case EventKind::PhaseStarted:
      return std::string(phaseName(static_cast<Phase>(ev.a))) + " phase";
    case EventKind::InjectFired: {
      if (ev.a < 0 || ev.a >= static_cast<int>(m_def.injects.size())) return "inject";
      const InjectDef& inj = m_def.injects[at(ev.a)];
      std::string t = inj.title.get(lang, m_def.language);
      if (t.empty()) t = inj.id;
      return (ev.b == 1 ? "Facilitator injects: " : "Inject: ") + t;
    }
    case EventKind::IncidentRevealed:
      return "Incident becomes public: " + incident(ev.a);
    case EventKind::EvidenceSeen: {
      const std::string item = ev.a >= 0 && ev.a < static_cast<int>(m_def.evidence.size())
                                   ? m_def.evidence[at(ev.a)].title.get(lang, m_def.language)
                                   : std::string("?");
      const std::string id = ev.a >= 0 && ev.a < static_cast<int>(m_def.evidence.size())
                                 ? m_def.evidence[at(ev.a)].id
                                 : std::string("?");
      const std::string how = ev.b == 1   ? " (found by investigation)"
                              : ev.b == 2 ? " (shared by " + actorId(ev.c) + ")"
                                          : "";
      return actorId(ev.actor) + " sees evidence " + (item.empty() ? id : item) + how;
    }
    case EventKind::MeasureQueued:
      return actorId(ev.actor) + " prepares " + measure(ev.a) + targetText(ev.b, ev.c);
    case EventKind::MeasureResolved:
      return actorId(ev.actor) + " takes " + measure(ev.a) + targetText(ev.b, ev.c);
    case EventKind::MeasureFailed: {
      // The event keeps the number its reason names (refusalValue when it failed): the sentence
      // says what was true then, whatever the decisions and beliefs are now.
      TakeMeasure tm{ev.actor, ev.a, ev.b, ev.c};
      std::string why;
      if (ev.reason == ReasonCode::BlocConsentMissing)
        why = actorId(static_cast<int>(ev.value)) + " has not agreed";
      else
        why = refusalText(Command{tm}, ev.reason, ev.value, language);
      return actorId(ev.actor) + "'s " + measure(ev.a) + targetText(ev.b, ev.c) + " fails: " + why +
             " (capital refunded)";
    }
    case EventKind::InvestigationFound:
      return actorId(ev.actor) + "'s investigation of " + incident(ev.a) + " finds " + std::to_string(ev.b) +
             " new item(s)";
    case EventKind::ProposalMade: {
      if (ev.a < 0 || ev.a >= static_cast<int>(s.proposals.size())) return "proposal";
      const Proposal& p = s.proposals[at(ev.a)];
      std::string t = actorId(p.from) + " proposes ";
      for (std::size_t i = 0; i < p.terms.size(); ++i) t += (i ? ", " : "") + term(p.terms[i]);
      t += " to ";
      for (std::size_t i = 0; i < p.to.size(); ++i) t += (i ? ", " : "") + actorId(p.to[i]);
      if (p.incident >= 0) t += " over " + incident(p.incident);
      t += " (proposal " + std::to_string(ev.a) + ")";
      if (ev.note >= 0) t += ": \"" + note(ev.note) + "\"";
      return t;
    }
    case EventKind::ProposalReplied: {
      std::string t = actorId(ev.actor) + " " +
                      (ev.b == static_cast<int>(ReplyKind::Accept)   ? "accepts"
                       : ev.b == static_cast<int>(ReplyKind::Reject) ? "rejects"
                                                                     : "counters") +
                      " proposal " + std::to_string(ev.a);
      if (ev.c >= 0) t += " with proposal " + std::to_string(ev.c);
      return t + ": \"" + note(ev.note) + "\"";
    }
    case EventKind::ProposalExpired:
      return "Proposal " + std::to_string(ev.a) + " expires unanswered";
    case EventKind::CommitmentMade:
      return actorId(ev.actor) + " and " + actorId(ev.a) + " agree: " + term(ev.b) +
             (ev.c >= 0 ? " over " + incident(ev.c) : std::string());
    case EventKind::CommitmentBroken:
      if (ev.actor < 0)
        return "The agreement on " + term(ev.b) + " between " + actorId(ev.a) + " and " + actorId(ev.c) +
               " lapses";
      return actorId(ev.actor) + " breaks its commitment to " + actorId(ev.a) + " (" + term(ev.b) +
             "): credibility -" + number(ev.value);
    case EventKind::AttributionDecided:
      return actorId(ev.actor) + " decides that " + actorId(ev.b) + " is behind " + incident(ev.a);
    case EventKind::AttributionDisclosed: {
      const auto d = static_cast<Disclosure>(ev.c);
      const std::string how =
          d == Disclosure::Private  ? "privately tells " + actorId(ev.b) + " it holds it responsible"
          : d == Disclosure::Public ? "publicly attributes it to " + actorId(ev.b)
                                    : "jointly with partners attributes it to " + actorId(ev.b);
      return actorId(ev.actor) + " " + how + " (" + incident(ev.a) + ")";
    }
    case EventKind::AttributionWithdrawn: {
      const auto d = static_cast<Disclosure>(ev.c);
      return actorId(ev.actor) + " withdraws its " +
             (d == Disclosure::Private ? "private"
              : d == Disclosure::Joint ? "joint"
                                       : "public") +
             " attribution of " + incident(ev.a) + " to " + actorId(ev.b) + ": credibility " +
             (ev.value >= 0 ? "+" : "") + number(ev.value);
    }
    case EventKind::CovertExposed:
      return "The truth: in " +
             std::string(m_def.turnLabel.get(lang, m_def.language).empty()
                             ? "turn"
                             : m_def.turnLabel.get(lang, m_def.language)) +
             " " + number(ev.value) + " " + actorId(ev.actor) + " covertly took " + measure(ev.a) +
             targetText(ev.b, ev.c);
    case EventKind::AttributionContradicted:
      return actorId(ev.actor) + "'s public attribution of " + incident(ev.a) + " to " + actorId(ev.b) +
             (static_cast<ContradictedBy>(ev.c) == ContradictedBy::Partner
                  ? " is contradicted by its partner " + actorId(static_cast<int>(ev.value2)) +
                        ", who publicly names another culprit"
                  : " is contradicted by the evidence it now holds") +
             ": credibility " + (ev.value >= 0 ? "+" : "") + number(ev.value);
    case EventKind::NormBroken:
      return actorId(ev.actor) + "'s " + measure(ev.a) + " breaks " + std::to_string(ev.b) +
             " UN norm(s): credibility -" + number(ev.value) + ", norm-committed actors trust it less";
    case EventKind::TensionChanged: {
      // value is the tension after the change, value2 the change; `a` says what made it
      // (TensionCause), so a turn's sentences add up to the whole turn's move.
      const std::string moves = "Tension " + std::string(ev.value2 >= 0 ? "rises" : "falls") + " from " +
                                number(ev.value - ev.value2) + " to " + number(ev.value);
      switch (static_cast<TensionCause>(ev.a)) {
        case TensionCause::Inject: {
          // Everyone sees the tension; an inject's title only when the inject itself is public.
          if (ev.b < 0 || ev.b >= static_cast<int>(m_def.injects.size())) return moves;
          const InjectDef& inj = m_def.injects[at(ev.b)];
          if (!injectIsPublic(inj)) return moves + " as events unfold";
          const std::string& t = inj.title.get(lang, m_def.language);
          return moves + " with the news: " + (t.empty() ? inj.id : t);
        }
        case TensionCause::Measure:
          if (ev.actor < 0) return moves + " as events unfold";  // a covert measure names no one
          return moves + " through the effects of " + actorId(ev.actor) + "'s " + measure(ev.b) +
                 targetText(ev.c, -1);
        case TensionCause::Agreement:
          return moves + " as " + actorId(ev.actor) + " and " + actorId(ev.c) + " agree: " + term(ev.b);
        case TensionCause::Ladder:
          break;
      }
      return moves + " as the measures taken weigh " + (ev.value2 >= 0 ? "+" : "-") +
             number(std::fabs(ev.value2)) + " on the escalation ladder";
    }
    case EventKind::RungChanged: {
      const auto rung = [&](int r) -> std::string {
        if (r < 0 || r >= static_cast<int>(m_def.ladder.rungs.size())) return "?";
        const std::string& n = m_def.ladder.rungs[at(r)].name.get(lang, m_def.language);
        return n.empty() ? m_def.ladder.rungs[at(r)].id : n;
      };
      return std::string(ev.b > ev.a ? "Escalation" : "De-escalation") + ": from " + rung(ev.a) + " to " +
             rung(ev.b);
    }
    case EventKind::MeterAdjusted: {
      const std::string meterName =
          ev.a >= 0 && ev.a < static_cast<int>(m_def.meterNames.size()) ? m_def.meterNames[at(ev.a)] : "?";
      return "Facilitator adjusts " + actorId(ev.actor) + "'s " + meterName + " by " +
             (ev.value >= 0 ? "+" : "") + number(ev.value) + ": \"" + note(ev.note) + "\"";
    }
    case EventKind::Paused:
      return "Facilitator pauses the exercise";
    case EventKind::Resumed:
      return "Facilitator resumes the exercise";
    case EventKind::TruthRevealed:
      return "The truth is revealed";
    case EventKind::AttributionJudged:
      return actorId(ev.actor) + "'s attribution of " + incident(ev.a) + " to " + actorId(ev.b) + " was " +
             (ev.c == 1 ? "right" : "wrong") + ": credibility " + (ev.value >= 0 ? "+" : "") +
             number(ev.value);
    case EventKind::EndingReached: {
      if (ev.a < 0) return "The facilitator ends the exercise";
      const EndingDef& en = m_def.endings[at(ev.a)];
      const std::string& t = en.title.get(lang, m_def.language);
      return "Ending: " + (t.empty() ? en.id : t);
    }
    case EventKind::SeatAssigned: {
      const auto kind = static_cast<SeatKind>(ev.a);
      std::string who = kind == SeatKind::Team       ? "a team"
                        : kind == SeatKind::Scripted ? "a script"
                        : kind == SeatKind::Random   ? "the random policy"
                                                     : "the AI";
      if (kind == SeatKind::Ai)
        who += ev.b == kDifficultyNovice   ? " (novice)"
               : ev.b == kDifficultyExpert ? " (expert)"
                                           : " (standard)";
      return "The facilitator gives the seat of " + actorId(ev.actor) + " to " + who;
    }
    case EventKind::TurnUndone: {
      const std::string label = m_def.turnLabel.get(lang, m_def.language).empty()
                                    ? std::string("turn")
                                    : m_def.turnLabel.get(lang, m_def.language);
      return "The facilitator undid " + label + " " + std::to_string(ev.a) +
             (ev.b < ev.a ? " and went back to the start of " + label + " " + std::to_string(ev.b)
                          : " back to its start") +
             " (" + std::to_string(ev.c) + " commands undone)";
    }
  }
  return "?";
}

}  // namespace demarche
