// Sentences for players and facilitators: refusal reasons and timeline events, rendered
// from codes and indices only when someone asks (so random playthroughs build no strings).
// An event's sentence reads only the event, the notes and the scenario: what it needs of the
// state at that moment (refusalValue) was stored in the event when it happened.
#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>

#include "core/Catalogue.hpp"
#include "core/Engine.hpp"
#include "core/ExprNode.hpp"
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

std::string percent(double p) { return number(std::round(p * 100)) + "%"; }

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
      if (tm && tm->entities != 0 && actorOk(tm->actor) && incidentOk(tm->incident)) {
        // A listing: the lowest probability among the actors its entities belong to.
        std::vector<int> owners;
        ownersOf(tm->entities, owners);
        double lowest = 1;
        for (int o : owners) lowest = std::min(lowest, probability(s, tm->actor, tm->incident, o));
        return lowest;
      }
      return tm && actorOk(tm->actor) && actorOk(tm->target) && incidentOk(tm->incident)
                 ? (m_def.measures[at(tm->measure)].attribution == AttributionAct::Decide
                        ? probability(s, tm->actor, tm->incident, tm->target)
                        : namedProbability(s, tm->actor, tm->incident, tm->target))
                 : 0;
    case ReasonCode::NoDecision: {
      int actor = tm ? tm->actor : -1, inc = tm ? tm->incident : -1;
      if (auto* d = std::get_if<Disclose>(&command)) actor = d->actor, inc = d->incident;
      return actorOk(actor) && incidentOk(inc) ? s.decision(actor, inc) : -1;
    }
    case ReasonCode::MemberStillAttributes:
      if (auto* w = std::get_if<Withdraw>(&command)) return memberStillAttributing(s, w->actor, w->incident);
      return -1;
    case ReasonCode::BlocConsentMissing:
      if (auto* d = std::get_if<Disclose>(&command)) return missingConsent(s, *d);
      return tm ? missingConsent(s, *tm) : -1;
    default:
      return 0;
  }
}

std::string Engine::refusalMessage(const GameState& s, const Command& command, ReasonCode code,
                                   std::string_view language) const {
  const std::string_view lang = language.empty() ? std::string_view(m_def.language) : language;
  const Phrases say(lang);
  // An agreement to attribute jointly that names someone else is no consent to this statement
  // (§4.3): say whom it named. -1 partner or candidate: nothing to say.
  const auto namedAnother = [&](int a, int partner, int incident, int candidate) -> std::string {
    if (partner < 0 || candidate < 0 || incident < 0 || incident >= s.incidentCount) return {};
    const int named = agreedNaming(s, a, partner, incident, candidate);
    if (named < 0 || hasJointAgreement(s, a, partner, incident, candidate)) return {};
    return say("{0} agreed to attribute {1} to {2}, not to {3}",
               {actorName(partner, lang), incidentName(incident, lang), actorName(named, lang),
                actorName(candidate, lang)});
  };
  const TakeMeasure* tm = std::get_if<TakeMeasure>(&command);
  const Disclose* ds = std::get_if<Disclose>(&command);
  if (code == ReasonCode::BlocConsentMissing && (tm || ds)) {
    const int missing = static_cast<int>(refusalValue(s, command, code));
    // The bloc that speaks and who must have agreed with whom: a bloc measure's bloc (with its
    // member the actor), the disclosing bloc, or the joint disclosure's partner whose member it is.
    int bloc = tm ? m_def.measures[at(tm->measure)].bloc : ds->actor;
    if (bloc < 0) bloc = tm->actor;
    if (ds)
      for (int p : ds->partners) {
        const std::vector<int>& members = blocMembers(p);
        if (std::find(members.begin(), members.end(), missing) != members.end()) bloc = p;
      }
    const bool attributes = ds || m_def.measures[at(tm->measure)].attribution != AttributionAct::None;
    const int incident = tm ? tm->incident : ds->incident;
    const int named = tm                                            ? tm->target
                      : incident >= 0 && incident < s.incidentCount ? s.decision(ds->actor, incident)
                                                                    : -1;
    if (std::string why = namedAnother(tm ? tm->actor : bloc, missing, incident, named);
        attributes && !why.empty())
      return say("{0} speaks only by consensus: {1}", {actorName(bloc, lang), why});
  }
  if (code == ReasonCode::NoJointPartner && tm && tm->incident >= 0 && tm->incident < s.incidentCount) {
    // A joint statement through a measure: say so when the only agreements name someone else.
    for (int p = 0; p < s.actorCount; ++p)
      if (std::string why = namedAnother(tm->actor, p, tm->incident, s.decision(tm->actor, tm->incident));
          !why.empty())
        return why;
  }
  // The one refusal whose sentence needs more of the state than one number; it concerns a
  // Disclose command, which is refused at once and never becomes an event.
  if (code == ReasonCode::NoJointPartner) {
    if (const Disclose* d = ds) {
      const int decided = s.decision(d->actor, d->incident);
      for (int p : d->partners) {
        if (p < 0 || p >= s.actorCount || p == d->actor) return say("bad partner in a joint disclosure");
        if (std::string why = namedAnother(d->actor, p, d->incident, decided); !why.empty()) return why;
        if (!hasJointAgreement(s, d->actor, p, d->incident, decided))
          return say("{0} has not agreed to a joint attribution with {1}",
                     {actorName(p, lang), actorName(d->actor, lang)});
        if (s.decision(p, d->incident) != decided)
          return say("{0} has not decided to attribute {1} to {2}",
                     {actorName(p, lang), incidentName(d->incident, lang), actorName(decided, lang)});
      }
      return say("a joint disclosure needs at least one partner");
    }
  }
  if (code == ReasonCode::NotAParty) {
    // A counter goes back to the proposer: name it when it is the one outside the term's parties.
    if (auto* r = std::get_if<Reply>(&command);
        r && r->proposal >= 0 && r->proposal < static_cast<int>(s.proposals.size())) {
      const int from = s.proposals[at(r->proposal)].from;
      const auto out = outsideParties(r->counterTerms, r->actor, std::span<const int>(&from, 1));
      if (out.first >= 0 && out.second == from)
        return refusalText(Command{Propose{r->actor, {from}, r->counterTerms, -1, {}}}, code, 0, language);
    }
  }
  return refusalText(command, code, refusalValue(s, command, code), language);
}

std::string Engine::refusalText(const Command& command, ReasonCode code, double value,
                                std::string_view language) const {
  const std::string_view lang = language.empty() ? std::string_view(m_def.language) : language;
  const Phrases say(lang);
  // The author's word for a threshold when it is one of the probability words, else a percentage.
  // With its number: the author's 'likely' is 65%, while an assessment of 60% already reads
  // 'likely' (ICD 203 bands), so the word alone would say "needs 'likely'; yours is 'likely'".
  const auto thresholdWords = [&](double p) -> std::string {
    for (const ProbabilityWord& w : kProbabilityWords)
      if (std::fabs(w.value - p) < 1e-9)
        return say("'{0}' ({1})", {std::string(say.word(w.display)), percent(p)});
    return percent(p);
  };
  // The kinds in the plural, in words: "states, blocs or international organisations".
  const auto plural = [&](ActorKind k) -> std::string {
    switch (k) {
      case ActorKind::State:
        return say("states");
      case ActorKind::Organisation:
        return say("international organisations");
      case ActorKind::Bloc:
        return say("blocs");
      case ActorKind::NonState:
        return say("non-state groups");
      case ActorKind::Company:
        return say("companies");
    }
    return say("actors");
  };
  const auto kindsOr = [&](const std::vector<ActorKind>& list) {
    std::string kinds;
    for (std::size_t k = 0; k + 1 < list.size(); ++k) kinds += (k == 0 ? "" : ", ") + plural(list[k]);
    if (!list.empty())
      kinds = kinds.empty() ? plural(list.back()) : say("{0} or {1}", {kinds, plural(list.back())});
    return kinds;
  };
  // An actor's kind with its article: "a state", "a company".
  const auto one = [&](ActorKind k) -> std::string {
    switch (k) {
      case ActorKind::State:
        return say("a state");
      case ActorKind::Organisation:
        return say("an international organisation");
      case ActorKind::Bloc:
        return say("a bloc");
      case ActorKind::NonState:
        return say("a non-state group");
      case ActorKind::Company:
        return say("a company");
    }
    return say("an actor");
  };
  const TakeMeasure* tm = std::get_if<TakeMeasure>(&command);
  switch (code) {
    case ReasonCode::None:
      return "";
    case ReasonCode::WrongPhase:
      return say(
          "not now: this is the {0} phase; measures, proposals, replies and attribution decisions are taken "
          "in deliberation",
          {say.word(phaseName(static_cast<Phase>(static_cast<int>(value))))});
    case ReasonCode::Paused:
      return say("the exercise is paused; only the facilitator can act");
    case ReasonCode::ExerciseEnded:
      return say("the exercise has ended");
    case ReasonCode::TimerOutOfRange:
      return say("a deliberation lasts 0 to 6 hours (21600 seconds)");
    case ReasonCode::UnknownIndex:
      return say("unknown actor, measure, term, incident or proposal in this command");
    case ReasonCode::NotUsableByKind:
      return tm ? say("'{0}' is not available to {1}",
                      {measureName(tm->measure, lang), actorName(tm->actor, lang)})
                : say("not available to this kind of actor");
    case ReasonCode::TargetMissing:
      return tm ? say("'{0}' needs a target actor", {measureName(tm->measure, lang)})
                : say("needs a target actor");
    case ReasonCode::TargetIsSelf:
      if (tm && tm->entities != 0)
        return say("{0} cannot list its own people or companies", {actorName(tm->actor, lang)});
      return say("an actor cannot target itself");
    case ReasonCode::EntitiesMissing:
      return tm ? say("'{0}' lists persons, units or companies: name at least one of the scenario's entities",
                      {measureName(tm->measure, lang)})
                : say("a listing names at least one of the scenario's entities");
    case ReasonCode::AlreadyListed:
      return tm ? say("{0} has already listed some of them with '{1}' for {2}",
                      {actorName(tm->actor, lang), measureName(tm->measure, lang),
                       incidentName(tm->incident, lang)})
                : say("already listed");
    case ReasonCode::TargetNotAllowed:
      return tm ? say("'{0}' takes no such target", {measureName(tm->measure, lang)})
                : say("takes no such target");
    case ReasonCode::IncidentMissing:
      return tm ? say("'{0}' needs an incident", {measureName(tm->measure, lang)}) : say("needs an incident");
    case ReasonCode::IncidentNotPublic: {
      int i = tm ? tm->incident : -1;
      if (auto* d = std::get_if<DecideAttribution>(&command)) i = d->incident;
      return say("incident {0} is not known yet", {incidentName(i, lang)});
    }
    case ReasonCode::NotEnoughCapital:
      if (tm)
        return say("costs {0} capital, {1} left",
                   {std::to_string(m_def.measures[at(tm->measure)].cost), number(value)});
      return say("not enough political capital");
    case ReasonCode::MaxUsesReached:
      if (tm)
        return say("'{0}' can be taken {1} time(s) per exercise (queued ones count)",
                   {measureName(tm->measure, lang), std::to_string(m_def.measures[at(tm->measure)].maxUses)});
      return say("no uses left");
    case ReasonCode::AlreadyQueued:
      return say("the same measure on the same target is already queued this turn");
    case ReasonCode::RequiresFailed:
      if (tm) {
        const MeasureDef& md = m_def.measures[at(tm->measure)];
        const std::string& reason = md.requiresReason.get(lang, m_def.language);
        return reason.empty() ? say("requires {0}", {md.requirement.source}) : reason;
      }
      return say("a prerequisite does not hold");
    case ReasonCode::ConfidenceTooLow:
      if (tm && tm->entities != 0) {
        return say(
            "needs at least {0} confidence that the actors they belong to operated {1}; the lowest of yours "
            "is '{2}' ({3})",
            {thresholdWords(m_def.measures[at(tm->measure)].minConfidence), incidentName(tm->incident, lang),
             say.word(probabilityWords(value)), percent(value)});
      }
      if (tm) {
        const double p = value;
        return say(
            "needs at least {0} confidence that {1} operated {2}; yours is '{3}' ({4})",
            {thresholdWords(m_def.measures[at(tm->measure)].minConfidence), actorName(tm->target, lang),
             incidentName(tm->incident, lang), say.word(probabilityWords(p)), percent(p)});
      }
      return say("confidence too low");
    case ReasonCode::NotACandidate: {
      int cand = tm ? tm->target : -1, inc = tm ? tm->incident : -1;
      if (tm && tm->entities != 0 && inc >= 0 && inc < static_cast<int>(m_def.incidents.size())) {
        // A listing names the people and companies of the incident's suspects only.
        std::vector<int> owners;
        ownersOf(tm->entities, owners);
        for (int o : owners)
          if (candidateIndex(inc, o) < 0)
            return say(
                "{0} is not a suspect of {1}: a listing for it names only its suspects' people and companies",
                {actorName(o, lang), incidentName(inc, lang)});
      }
      if (auto* d = std::get_if<DecideAttribution>(&command)) cand = d->candidate, inc = d->incident;
      return say("{0} is not a candidate for {1}", {actorName(cand, lang), incidentName(inc, lang)});
    }
    case ReasonCode::NoDecision: {
      int actor = tm ? tm->actor : -1, inc = tm ? tm->incident : -1;
      if (auto* d = std::get_if<Disclose>(&command)) actor = d->actor, inc = d->incident;
      const int decided = static_cast<int>(value);
      if (decided >= 0 && tm)
        return say("{0} decided to attribute {1} to {2}, not to {3}",
                   {actorName(actor, lang), incidentName(inc, lang), actorName(decided, lang),
                    actorName(tm->target, lang)});
      return say("{0} has not decided who is behind {1} yet",
                 {actorName(actor, lang), incidentName(inc, lang)});
    }
    case ReasonCode::NoJointPartner:
      return say("needs a partner with a joint-attribution agreement on this incident");
    case ReasonCode::BlocConsentMissing:
      if (auto* d = std::get_if<Disclose>(&command)) {
        // The bloc that speaks: the discloser, or the partner whose member has not agreed.
        const int missing = static_cast<int>(value);
        int bloc = d->actor;
        for (int p : d->partners) {
          const std::vector<int>& members = blocMembers(p);
          if (std::find(members.begin(), members.end(), missing) != members.end()) bloc = p;
        }
        return say(
            "{0} speaks only by consensus: {1} has not agreed to attribute {2} jointly (negotiate a "
            "joint_attribution term with {0} first)",
            {actorName(bloc, lang), actorName(missing, lang), incidentName(d->incident, lang)});
      }
      if (tm && m_def.measures[at(tm->measure)].bloc < 0) {
        const int missing = static_cast<int>(value);
        return say(
            "{0} speaks only by consensus: {1} has not agreed (negotiate a joint_attribution term with {0} "
            "first)",
            {actorName(tm->actor, lang), actorName(missing, lang)});
      }
      if (tm) {
        const MeasureDef& md = m_def.measures[at(tm->measure)];
        const int missing = static_cast<int>(value);
        const bool sanctions = md.category == MeasureCategory::Restrictive ||
                               md.category == MeasureCategory::LawfulResponse ||
                               md.category == MeasureCategory::Hostile;
        return say(
            "{0} {1} measures need the consent of every {0} member: {2} has not agreed (negotiate a {3} term "
            "first)",
            {actorName(md.bloc, lang), say.word(displayName(md.category)), actorName(missing, lang),
             sanctions ? "coordinated_sanctions" : "joint_attribution"});
      }
      return say("needs the consent of every bloc member");
    case ReasonCode::NotABlocMember:
      if (tm)
        return say("{0} is not a member of {1}",
                   {actorName(tm->actor, lang), actorName(m_def.measures[at(tm->measure)].bloc, lang)});
      return say("not a bloc member");
    case ReasonCode::AlreadyPaused:
      return say("the exercise is already paused");
    case ReasonCode::NotPaused:
      return say("the exercise is not paused");
    case ReasonCode::ProposalClosed:
      return say("that proposal is closed (answered or expired)");
    case ReasonCode::NotARecipient:
      return say("that proposal was not addressed to this actor");
    case ReasonCode::AlreadyReplied:
      return say("this actor already answered that proposal");
    case ReasonCode::EmptyReason:
      return say("a reason is required");
    case ReasonCode::EmptyTerms:
      return say("a proposal needs at least one term");
    case ReasonCode::BadNaming:
      if (auto* p = std::get_if<Propose>(&command)) {
        if (!hasTermOfKind(p->terms, TermKind::JointAttribution))
          return say(
              "naming= says whom a joint attribution names: the proposal has no joint_attribution term");
        if (p->naming == p->from)
          return say("{0} cannot propose to attribute an incident to itself", {actorName(p->from, lang)});
        return say("{0} is neither a suspect of {1} nor a state where one is known to be based",
                   {actorName(p->naming, lang), incidentName(p->incident, lang)});
      }
      return say("a joint attribution names a suspect of its incident");
    case ReasonCode::BadRecipients:
      return say("recipients must be other actors, each named once");
    case ReasonCode::NothingToUndo:
      return say("nothing to undo: this is the start of the exercise");
    case ReasonCode::TruthAlreadyRevealed:
      return say("the truth has already been revealed");
    case ReasonCode::HandledBySession:
      return say("undo is applied by the session (it holds the turn snapshots)");
    case ReasonCode::AlreadyDisclosed:
      return say(
          "that attribution has already been disclosed; it can no longer change or be disclosed again at "
          "that "
          "level");
    case ReasonCode::FieldNotForThisKind:
      if (auto* r = std::get_if<Reply>(&command))
        return r->kind == ReplyKind::Accept
                   ? say("counter terms go only with a counter reply; this is an accept: leave the terms "
                         "out, "
                         "or counter")
                   : say("counter terms go only with a counter reply; this is a reject: leave the terms out, "
                         "or counter");
      if (auto* d = std::get_if<Disclose>(&command))
        return say(
            "partners go only with a joint disclosure; this one is {0}: leave the partners out, or "
            "disclose jointly",
            {say.word(disclosureName(d->kind))});
      return say("this command has a field its kind does not take");
    case ReasonCode::NotYourSeat: {
      const int a = commandActor(command);
      return say("only the seat of {0} can act for it",
                 {a >= 0 && a < static_cast<int>(m_def.actors.size()) ? actorName(a, lang) : "?"});
    }
    case ReasonCode::NotAHost:
      if (const auto* d = std::get_if<DecideAttribution>(&command)) {
        if (d->candidate == d->actor)
          return say("{0} cannot hold itself responsible for harbouring", {actorName(d->actor, lang)});
        return say(
            "{0} is not a state where a suspect of {1} is known to be based, so it cannot be held "
            "responsible for harbouring them",
            {d->candidate >= 0 && d->candidate < static_cast<int>(m_def.actors.size())
                 ? actorName(d->candidate, lang)
                 : "?",
             incidentName(d->incident, lang)});
      }
      return say("not a state where a suspect is based");
    case ReasonCode::NotAStateActor:
      if (const auto* d = std::get_if<Disclose>(&command)) {
        const auto kindOf = [&](int a) {
          return a >= 0 && a < static_cast<int>(m_def.actors.size()) ? m_def.actors[at(a)].kind
                                                                     : ActorKind::State;
        };
        const auto stateLike = [&](int a) {
          const ActorKind k = kindOf(a);
          return k == ActorKind::State || k == ActorKind::Bloc || k == ActorKind::Organisation;
        };
        int who = d->actor;  // the discloser, or the first partner that cannot join
        for (int p : d->partners)
          if (stateLike(who) && !stateLike(p)) who = p;
        return say(
            "only states, blocs and international organisations attribute privately or jointly; {0} is {1}, "
            "which can publish what it found (a public disclosure)",
            {actorName(who, lang), one(kindOf(who))});
      }
      return say("only states, blocs and international organisations attribute privately or jointly");
    case ReasonCode::TargetKindNotAllowed:
      if (tm && tm->entities != 0) {
        const MeasureDef& md = m_def.measures[at(tm->measure)];
        std::string kinds;
        for (std::size_t k = 0; k < md.entityKinds.size(); ++k) {
          kinds += k == 0 ? std::string() : k + 1 == md.entityKinds.size() ? say(" or ") : std::string(", ");
          kinds += say.word(entityKindPlural(md.entityKinds[k]));
        }
        return say("'{0}' lists {1} only", {measureName(tm->measure, lang), kinds});
      }
      if (tm && tm->target >= 0 && tm->target < static_cast<int>(m_def.actors.size())) {
        const MeasureDef& md = m_def.measures[at(tm->measure)];
        return say("'{0}' is aimed at {1}; {2} is {3}",
                   {measureName(tm->measure, lang), kindsOr(md.targetKinds), actorName(tm->target, lang),
                    one(m_def.actors[at(tm->target)].kind)});
      }
      return say("this measure cannot be aimed at that kind of actor");
    case ReasonCode::NotAParty: {
      // The proposer or an addressee of a proposal; a counter's replier (its proposer is in
      // refusalMessage, which has the state).
      std::pair<int, int> out{-1, -1};
      if (const auto* p = std::get_if<Propose>(&command)) out = outsideParties(p->terms, p->from, p->to);
      if (const auto* r = std::get_if<Reply>(&command)) out = outsideParties(r->counterTerms, r->actor, {});
      if (out.first >= 0 && out.second >= 0) {
        const TermDef& t = m_def.terms[at(out.first)];
        return say("'{0}' can only be agreed between {1}; {2} is {3}",
                   {termName(out.first, lang), kindsOr(t.parties), actorName(out.second, lang),
                    one(m_def.actors[at(out.second)].kind)});
      }
      return say("a term of this proposal cannot be agreed with that kind of actor");
    }
    case ReasonCode::NotDisclosed:
      return say("there is no disclosed attribution to withdraw: only a disclosure can be taken back");
    case ReasonCode::MemberStillAttributes: {
      const auto* w = std::get_if<Withdraw>(&command);
      return say(
          "{0} speaks only by consensus: {1} still makes this attribution of {2} in public, so {0} cannot "
          "take it back (it can once {1} has withdrawn its own)",
          {actorName(w ? w->actor : -1, lang), actorName(static_cast<int>(value), lang),
           incidentName(w ? w->incident : -1, lang)});
    }
    case ReasonCode::FacilitatorOnly:
      if (commandWord(command) == "end_phase") return say("only the facilitator can end a phase");
      return say("only the facilitator can give '{0}'", {commandWord(command)});
  }
  return say("refused");
}

TargetStance targetStance(const MeasureDef& m) {
  using expr::Effect;
  using expr::Op;
  if (m.category == MeasureCategory::Restrictive || m.category == MeasureCategory::LawfulResponse ||
      m.category == MeasureCategory::Hostile)
    return TargetStance::Against;
  const auto isTarget = [](const Effect& e, std::size_t k) {
    return k < e.args.size() && e.args[k] && e.args[k]->op == Op::Target;
  };
  TargetStance stance = TargetStance::With;
  for (const EffectDef& d : m.effects) {
    const Effect& e = d.effect;
    const expr::Node* value = e.value.get();
    if (!value || value->op != Op::Number || e.op == Effect::Op::Set) continue;
    const double change = e.op == Effect::Op::Sub ? -value->value : value->value;
    if (change >= 0) continue;
    if ((e.target == Effect::Target::Meter || e.target == Effect::Target::Capability) && isTarget(e, 0))
      return TargetStance::Against;
    if (e.target == Effect::Target::Trust && (isTarget(e, 0) || isTarget(e, 1)))
      stance = TargetStance::AddressedTo;
  }
  return stance;
}

std::string towardTarget(const MeasureDef& m, const std::string& target, const Phrases& say) {
  switch (targetStance(m)) {
    case TargetStance::Against:
      return say(" against {0}", {target});
    case TargetStance::AddressedTo:
      return say(" addressed to {0}", {target});
    case TargetStance::With:
      break;
  }
  return say(" with {0}", {target});
}

std::string Engine::effectText(const EffectDef& effect, std::string_view language) const {
  using expr::Effect;
  using expr::Op;
  const std::string_view lang = language.empty() ? std::string_view(m_def.language) : language;
  const Phrases say(lang);
  const Effect& e = effect.effect;
  const expr::Node* value = e.value.get();
  if (e.target == Effect::Target::Reveal || !value || value->op != Op::Number) return effect.source;
  // Who: we, the target, or a named actor; "" when it is not one of these.
  const auto who = [&](std::size_t k) -> std::string {
    if (k >= e.args.size() || !e.args[k]) return {};
    const expr::Node& n = *e.args[k];
    if (n.op == Op::Self) return say("we");
    if (n.op == Op::Target) return say("target");
    if (n.op == Op::Id && n.type == expr::Type::Actor) return actorName(n.index, lang);
    return {};
  };
  const auto idOf = [&](std::size_t k, expr::Type type) -> int {
    if (k >= e.args.size() || !e.args[k] || e.args[k]->op != Op::Id || e.args[k]->type != type) return -1;
    return e.args[k]->index;
  };
  // "+2", "\u22122", "= 50" (appended: GCC 12 misreads `"+" + number(x)` as an overlap).
  const bool down = (e.op == Effect::Op::Sub) != (value->value < 0);
  std::string amount(e.op == Effect::Op::Set ? "= " : down ? "\u2212" : "+");
  amount += number(e.op == Effect::Op::Set ? value->value : std::fabs(value->value));
  switch (e.target) {
    case Effect::Target::Tension:
      return say("Tension {0}", {amount});
    case Effect::Target::Trust: {
      const std::string from = who(0), to = who(1);
      if (from.empty() || to.empty()) break;
      return say("Trust: {0} \u2192 {1} {2}", {from, to, amount});
    }
    case Effect::Target::Meter: {
      const std::string whose = who(0);
      const int m = idOf(1, expr::Type::Meter);
      if (whose.empty() || m < 0) break;
      return say("{0} ({1}) {2}", {meterName(m, lang), whose, amount});
    }
    case Effect::Target::Capability: {
      const std::string whose = who(0);
      const int c = idOf(1, expr::Type::Capability);
      if (whose.empty() || c < 0) break;
      return say("{0} ({1}) {2}", {capabilityName(c, lang), whose, amount});
    }
    case Effect::Target::Capital: {
      const std::string whose = who(0);
      if (whose.empty()) break;
      return say("Political capital ({0}) {1}", {whose, amount});
    }
    case Effect::Target::Reveal:
      break;
  }
  return effect.source;
}

std::string Engine::listedNames(std::uint64_t entities, std::string_view language) const {
  const std::string_view lang = language.empty() ? std::string_view(m_def.language) : language;
  std::string out;
  for (std::uint64_t rest = entities; rest != 0; rest &= rest - 1) {
    const auto e = static_cast<std::size_t>(std::countr_zero(rest));
    if (e >= m_def.entities.size()) continue;
    const EntityDef& ed = m_def.entities[e];
    const std::string& name = ed.name.get(lang, m_def.language);
    if (!out.empty()) out += ", ";
    out += (name.empty() ? ed.id : name) + " (" + actorName(ed.owner, lang) + ")";
  }
  return out;
}

std::string Engine::describe(const GameState& s, const Event& ev, std::string_view language) const {
  const std::string_view lang = language.empty() ? std::string_view(m_def.language) : language;
  const Phrases say(lang);
  const auto measure = [&](int m) -> const std::string& { return measureName(m, lang); };
  const auto incident = [&](int i) -> const std::string& { return incidentName(i, lang); };
  const auto term = [&](int t) -> const std::string& { return termName(t, lang); };
  const auto note = [&](int n) -> std::string {
    return n >= 0 && n < static_cast<int>(s.notes.size()) ? s.notes[at(n)] : std::string();
  };
  const auto over = [&](int inc) { return inc >= 0 ? say(" over {0}", {incident(inc)}) : std::string(); };
  const auto entityNames = [&](std::uint64_t entities, std::string_view) {
    return listedNames(entities, lang);
  };
  // How the measure stands toward its target (targetStance): "national sanctions against
  // Russia", "a summons addressed to Russia", "a hotline call with Russia".
  const auto targetText = [&](int m, int target, int inc) {
    if (target < 0) return over(inc);
    const std::string name = actorName(target, lang);
    return (m >= 0 && m < static_cast<int>(m_def.measures.size())
                ? towardTarget(m_def.measures[at(m)], name, say)
                : say(" with {0}", {name})) +
           over(inc);
  };
  const auto signedNumber = [](double x) {
    std::string out(x >= 0 ? "+" : "");  // appended, not "+" + number(x): GCC 12 misreads that as overlap
    out += number(x);
    return out;
  };
  switch (ev.kind) {
    case EventKind::TurnStarted:
      return say("Turn {0} begins", {std::to_string(ev.turn)});
    case EventKind::PhaseStarted:
      return say("{0} phase", {say.word(phaseName(static_cast<Phase>(ev.a)))});
    case EventKind::InjectFired: {
      if (ev.a < 0 || ev.a >= static_cast<int>(m_def.injects.size())) return say("inject");
      const InjectDef& inj = m_def.injects[at(ev.a)];
      std::string t = inj.title.get(lang, m_def.language);
      if (t.empty()) t = inj.id;
      return ev.b == 1 ? say("Facilitator injects: {0}", {t}) : say("Inject: {0}", {t});
    }
    case EventKind::IncidentRevealed:
      return say("Incident becomes public: {0}", {incident(ev.a)});
    case EventKind::EvidenceSeen: {
      const std::string item = ev.a >= 0 && ev.a < static_cast<int>(m_def.evidence.size())
                                   ? m_def.evidence[at(ev.a)].title.get(lang, m_def.language)
                                   : std::string("?");
      const std::string id = ev.a >= 0 && ev.a < static_cast<int>(m_def.evidence.size())
                                 ? m_def.evidence[at(ev.a)].id
                                 : std::string("?");
      const std::string how = ev.b == 1   ? say(" (found by investigation)")
                              : ev.b == 2 ? say(" (shared by {0})", {actorName(ev.c, lang)})
                                          : "";
      return say("{0} sees evidence {1}{2}", {actorName(ev.actor, lang), item.empty() ? id : item, how});
    }
    case EventKind::MeasureQueued:
      return say("{0} prepares {1}{2}",
                 {actorName(ev.actor, lang), measure(ev.a), targetText(ev.a, ev.b, ev.c)});
    case EventKind::MeasureResolved:
      return say("{0} takes {1}{2}",
                 {actorName(ev.actor, lang), measure(ev.a), targetText(ev.a, ev.b, ev.c)});
    case EventKind::EntitiesListed: {
      if (ev.b < 0 || ev.b >= static_cast<int>(s.listings.size())) return say("listing");
      return say("{0} lists {1} for {2} (with {3})",
                 {actorName(ev.actor, lang), entityNames(s.listings[at(ev.b)].entities, lang), incident(ev.c),
                  measure(ev.a)});
    }
    case EventKind::ListingJudged: {
      if (ev.a < 0 || ev.a >= static_cast<int>(s.listings.size())) return say("listing");
      const Listing& l = s.listings[at(ev.a)];
      if (ev.b == 0)
        return say("{0}'s listing for {1} named only those who took part in it",
                   {actorName(ev.actor, lang), incident(l.incident)});
      return say(
          "{0}'s listing for {1} named {2} who took no part in it: credibility {3}",
          {actorName(ev.actor, lang), incident(l.incident), std::to_string(ev.b), signedNumber(ev.value)});
    }
    case EventKind::MeasureFailed: {
      // The event keeps the number its reason names (refusalValue when it failed): the sentence
      // says what was true then, whatever the decisions and beliefs are now.
      TakeMeasure tm{ev.actor, ev.a, ev.b, ev.c};
      std::string why;
      if (ev.reason == ReasonCode::BlocConsentMissing)
        why = say("{0} has not agreed", {actorName(static_cast<int>(ev.value), lang)});
      else
        why = refusalText(Command{tm}, ev.reason, ev.value, language);
      return say("{0}'s {1}{2} fails: {3} (capital refunded)",
                 {actorName(ev.actor, lang), measure(ev.a), targetText(ev.a, ev.b, ev.c), why});
    }
    case EventKind::InvestigationFound:
      return say("{0}'s investigation of {1} finds {2} new item(s)",
                 {actorName(ev.actor, lang), incident(ev.a), std::to_string(ev.b)});
    case EventKind::ProposalMade: {
      if (ev.a < 0 || ev.a >= static_cast<int>(s.proposals.size())) return say("proposal");
      const Proposal& p = s.proposals[at(ev.a)];
      std::string terms, to;
      for (std::size_t i = 0; i < p.terms.size(); ++i) terms += (i ? ", " : "") + term(p.terms[i]);
      for (std::size_t i = 0; i < p.to.size(); ++i) to += (i ? ", " : "") + actorName(p.to[i], lang);
      const std::string text = ev.note >= 0 ? say(": \"{0}\"", {note(ev.note)}) : std::string();
      if (p.naming >= 0)
        return say("{0} proposes {1} to {2}{3}, naming {4} (proposal {5}){6}",
                   {actorName(p.from, lang), terms, to, over(p.incident), actorName(p.naming, lang),
                    std::to_string(ev.a), text});
      return say("{0} proposes {1} to {2}{3} (proposal {4}){5}",
                 {actorName(p.from, lang), terms, to, over(p.incident), std::to_string(ev.a), text});
    }
    case EventKind::ProposalReplied: {
      const std::string id = std::to_string(ev.a), reason = note(ev.note);
      const std::string counter =
          ev.c >= 0 ? say(" with proposal {0}", {std::to_string(ev.c)}) : std::string();
      if (ev.b == static_cast<int>(ReplyKind::Accept))
        return say("{0} accepts proposal {1}{2}: \"{3}\"", {actorName(ev.actor, lang), id, counter, reason});
      if (ev.b == static_cast<int>(ReplyKind::Reject))
        return say("{0} rejects proposal {1}{2}: \"{3}\"", {actorName(ev.actor, lang), id, counter, reason});
      return say("{0} counters proposal {1}{2}: \"{3}\"", {actorName(ev.actor, lang), id, counter, reason});
    }
    case EventKind::ProposalExpired:
      return say("Proposal {0} expires unanswered", {std::to_string(ev.a)});
    case EventKind::CommitmentMade:
      if (ev.value >= 1)  // a joint attribution that names its suspect (value: the suspect + 1)
        return say("{0} and {1} agree: {2}{3}, naming {4}",
                   {actorName(ev.actor, lang), actorName(ev.a, lang), term(ev.b), over(ev.c),
                    actorName(static_cast<int>(ev.value) - 1, lang)});
      return say("{0} and {1} agree: {2}{3}",
                 {actorName(ev.actor, lang), actorName(ev.a, lang), term(ev.b), over(ev.c)});
    case EventKind::CommitmentBroken:
      if (ev.actor < 0)
        return say("The agreement on {0} between {1} and {2} lapses",
                   {term(ev.b), actorName(ev.a, lang), actorName(ev.c, lang)});
      return say("{0} breaks its commitment to {1} ({2}): credibility -{3}",
                 {actorName(ev.actor, lang), actorName(ev.a, lang), term(ev.b), number(ev.value)});
    case EventKind::AttributionDecided:
      if (ev.c == 1)
        return say("{0} decides that {1} knowingly shelters those behind {2}",
                   {actorName(ev.actor, lang), actorName(ev.b, lang), incident(ev.a)});
      return say("{0} decides that {1} is behind {2}",
                 {actorName(ev.actor, lang), actorName(ev.b, lang), incident(ev.a)});
    case EventKind::AttributionDisclosed: {
      const auto d = static_cast<Disclosure>(ev.c);
      const std::string& who = actorName(ev.actor, lang);
      const std::string& whom = actorName(ev.b, lang);
      const std::string inc = incident(ev.a);
      if (ev.value2 == 1) {  // harbouring (due diligence)
        if (d == Disclosure::Private)
          return say("{0} privately tells {1} it holds it responsible for harbouring those behind {2}",
                     {who, whom, inc});
        if (d == Disclosure::Public)
          return say("{0} publicly holds {1} responsible for harbouring those behind {2}", {who, whom, inc});
        return say("{0} jointly with partners holds {1} responsible for harbouring those behind {2}",
                   {who, whom, inc});
      }
      if (d == Disclosure::Private)
        return say("{0} privately tells {1} it holds it responsible ({2})", {who, whom, inc});
      if (d == Disclosure::Public) return say("{0} publicly attributes it to {1} ({2})", {who, whom, inc});
      return say("{0} jointly with partners attributes it to {1} ({2})", {who, whom, inc});
    }
    case EventKind::AttributionWithdrawn: {
      const auto d = static_cast<Disclosure>(ev.c);
      const std::string change = std::string(ev.value >= 0 ? "+" : "") + number(ev.value);
      if (d == Disclosure::Private)
        return say("{0} withdraws its private attribution of {1} to {2}: credibility {3}",
                   {actorName(ev.actor, lang), incident(ev.a), actorName(ev.b, lang), change});
      if (d == Disclosure::Joint)
        return say("{0} withdraws its joint attribution of {1} to {2}: credibility {3}",
                   {actorName(ev.actor, lang), incident(ev.a), actorName(ev.b, lang), change});
      return say("{0} withdraws its public attribution of {1} to {2}: credibility {3}",
                 {actorName(ev.actor, lang), incident(ev.a), actorName(ev.b, lang), change});
    }
    case EventKind::CovertExposed:
      return say(
          "The truth: in {0} {1} {2} covertly took {3}{4}",
          {m_def.turnLabel.get(lang, m_def.language).empty() ? std::string(say.word("turn"))
                                                             : m_def.turnLabel.get(lang, m_def.language),
           number(ev.value), actorName(ev.actor, lang), measure(ev.a), targetText(ev.a, ev.b, ev.c)});
    case EventKind::AttributionContradicted:
      if (static_cast<ContradictedBy>(ev.c) == ContradictedBy::Partner)
        return say(
            "{0}'s public attribution of {1} to {2} is contradicted by its partner {3}, who publicly names "
            "another culprit: credibility {4}",
            {actorName(ev.actor, lang), incident(ev.a), actorName(ev.b, lang),
             actorName(static_cast<int>(ev.value2), lang),
             std::string(ev.value >= 0 ? "+" : "") + number(ev.value)});
      return say(
          "{0}'s public attribution of {1} to {2} is contradicted by the evidence it now holds: credibility "
          "{3}",
          {actorName(ev.actor, lang), incident(ev.a), actorName(ev.b, lang),
           std::string(ev.value >= 0 ? "+" : "") + number(ev.value)});
    case EventKind::NormBroken:
      return say("{0}'s {1} breaks {2} UN norm(s): credibility -{3}, norm-committed actors trust it less",
                 {actorName(ev.actor, lang), measure(ev.a), std::to_string(ev.b), number(ev.value)});
    case EventKind::TensionChanged: {
      // value is the tension after the change, value2 the change; `a` says what made it
      // (TensionCause), so a turn's sentences add up to the whole turn's move.
      const std::string from = number(ev.value - ev.value2), to = number(ev.value);
      const std::string moves = ev.value2 >= 0 ? say("Tension rises from {0} to {1}", {from, to})
                                               : say("Tension falls from {0} to {1}", {from, to});
      switch (static_cast<TensionCause>(ev.a)) {
        case TensionCause::Inject: {
          // Everyone sees the tension; an inject's title only when the inject itself is public.
          if (ev.b < 0 || ev.b >= static_cast<int>(m_def.injects.size())) return moves;
          const InjectDef& inj = m_def.injects[at(ev.b)];
          if (!injectIsPublic(inj)) return moves + say(" as events unfold");
          const std::string& t = inj.title.get(lang, m_def.language);
          return moves + say(" with the news: {0}", {t.empty() ? inj.id : t});
        }
        case TensionCause::Measure:
          if (ev.actor < 0) return moves + say(" as events unfold");  // a covert measure names no one
          return moves + say(" through the effects of {0}'s {1}{2}",
                             {actorName(ev.actor, lang), measure(ev.b), targetText(ev.b, ev.c, -1)});
        case TensionCause::Agreement:
          return moves + say(" as {0} and {1} agree: {2}",
                             {actorName(ev.actor, lang), actorName(ev.c, lang), term(ev.b)});
        case TensionCause::Ladder:
          break;
      }
      std::string weight(ev.value2 >= 0 ? "+" : "-");
      weight += number(std::fabs(ev.value2));
      return moves + say(" as the measures taken weigh {0} on the escalation ladder", {weight});
    }
    case EventKind::RungChanged: {
      const auto rung = [&](int r) -> std::string {
        if (r < 0 || r >= static_cast<int>(m_def.ladder.rungs.size())) return "?";
        const std::string& n = m_def.ladder.rungs[at(r)].name.get(lang, m_def.language);
        return n.empty() ? m_def.ladder.rungs[at(r)].id : n;
      };
      return ev.b > ev.a ? say("Escalation: from {0} to {1}", {rung(ev.a), rung(ev.b)})
                         : say("De-escalation: from {0} to {1}", {rung(ev.a), rung(ev.b)});
    }
    case EventKind::MeterAdjusted: {
      // Inside the sentence a meter's name starts lower case ("Ukraine's domestic pressure"),
      // unless it is an initialism ("GDP") or does not start with a plain capital letter.
      std::string meter = meterName(ev.a, lang);
      if (meter.size() > 1 && meter[0] >= 'A' && meter[0] <= 'Z' && meter[1] >= 'a' && meter[1] <= 'z')
        meter[0] = static_cast<char>(meter[0] - 'A' + 'a');
      return say("Facilitator adjusts {0}'s {1} by {2}: \"{3}\"",
                 {actorName(ev.actor, lang), meter, signedNumber(ev.value), note(ev.note)});
    }
    case EventKind::Paused:
      return say("Facilitator pauses the exercise");
    case EventKind::Resumed:
      return say("Facilitator resumes the exercise");
    case EventKind::TruthRevealed:
      return say("The truth is revealed");
    case EventKind::AttributionJudged: {
      const std::string inc = incident(ev.a), credibility = signedNumber(ev.value);
      if (ev.value2 == 1)
        return ev.c == 1 ? say("{0} was right that {1} sheltered those behind {2}: credibility {3}",
                               {actorName(ev.actor, lang), actorName(ev.b, lang), inc, credibility})
                         : say("{0} was wrong that {1} sheltered those behind {2}: credibility {3}",
                               {actorName(ev.actor, lang), actorName(ev.b, lang), inc, credibility});
      return ev.c == 1 ? say("{0}'s attribution of {1} to {2} was right: credibility {3}",
                             {actorName(ev.actor, lang), inc, actorName(ev.b, lang), credibility})
                       : say("{0}'s attribution of {1} to {2} was wrong: credibility {3}",
                             {actorName(ev.actor, lang), inc, actorName(ev.b, lang), credibility});
    }
    case EventKind::EndingReached: {
      if (ev.a < 0) return say("The facilitator ends the exercise");
      const EndingDef& en = m_def.endings[at(ev.a)];
      const std::string& t = en.title.get(lang, m_def.language);
      return say("Ending: {0}", {t.empty() ? en.id : t});
    }
    case EventKind::SeatAssigned: {
      const auto kind = static_cast<SeatKind>(ev.a);
      const std::string who = kind == SeatKind::Team && ev.c == 1 ? say("a team in a browser")
                              : kind == SeatKind::Team            ? say("a team at the table")
                              : kind == SeatKind::Scripted        ? say("a script")
                              : kind == SeatKind::Random          ? say("the random policy")
                              : kind != SeatKind::Ai              ? say("the AI")
                              : ev.b == kDifficultyNovice         ? say("the AI (novice)")
                              : ev.b == kDifficultyExpert         ? say("the AI (expert)")
                                                                  : say("the AI (standard)");
      return say("The facilitator gives the seat of {0} to {1}", {actorName(ev.actor, lang), who});
    }
    case EventKind::TurnUndone: {
      const std::string& given = m_def.turnLabel.get(lang, m_def.language);
      const std::string label = given.empty() ? std::string(say.word("turn")) : given;
      if (ev.b < ev.a)
        return say(
            "The facilitator undid {0} {1} and went back to the start of {0} {2} ({3} commands undone)",
            {label, std::to_string(ev.a), std::to_string(ev.b), std::to_string(ev.c)});
      return say("The facilitator undid {0} {1} back to its start ({2} commands undone)",
                 {label, std::to_string(ev.a), std::to_string(ev.c)});
    }
  }
  return "?";
}

}  // namespace demarche
