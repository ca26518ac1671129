// `demarche schema [scenario|catalogue]`: prints the JSON Schema (draft-07) of scenario files
// or of catalogue files (format v1), so editors complete and check them.
// scenarios/schema.json and scenarios/catalog/schema.json are these outputs.
//
// The schemas mirror docs/scenario-format.md and src/core/Definitions.hpp. They are
// built here in code, not read from a file, so the binary is the one source of truth; a
// test compares the output with the committed files.
//
// [SECTION] Building blocks (types that recur: ids, Text, expressions, ranges)
// [SECTION] Scenario parts (actors, relations, ladder, incidents, evidence, ...)
// [SECTION] Catalogue parts (measures, terms)
// [SECTION] Key descriptions (what an editor shows on hover)
// [SECTION] The whole documents and the subcommand
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>

#include "cli/Commands.hpp"
#include "core/Names.hpp"

namespace demarche::cli {
namespace {

// ordered_json keeps keys in the order written here, which follows the author's guide,
// so the schema reads like the format it describes.
using Json = nlohmann::ordered_json;

// -------------------------------------------------------------------------------------
// [SECTION] Building blocks
// -------------------------------------------------------------------------------------

// Every non-nullable number carries both bounds: besides the format's own ranges this
// is what rejects the absurd numbers a YAML parser may hand over (`1e999` -> inf).
Json number(double minimum, double maximum, const std::string& description = {}) {
  Json j = {{"type", "number"}, {"minimum", minimum}, {"maximum", maximum}};
  if (!description.empty()) j["description"] = description;
  return j;
}

Json integer(std::int64_t minimum, std::int64_t maximum, const std::string& description = {}) {
  Json j = {{"type", "integer"}, {"minimum", minimum}, {"maximum", maximum}};
  if (!description.empty()) j["description"] = description;
  return j;
}

Json boolean(const std::string& description = {}) {
  Json j = {{"type", "boolean"}};
  if (!description.empty()) j["description"] = description;
  return j;
}

Json string(const std::string& description = {}) {
  Json j = {{"type", "string"}};
  if (!description.empty()) j["description"] = description;
  return j;
}

Json ref(const std::string& name) { return {{"$ref", "#/definitions/" + name}}; }

// A key's own description, shown by an editor's hover. Beside a `$ref` it is ignored by
// validators (draft-07) but kept by the YAML language server, which shows it instead of the
// referenced definition's.
Json described(Json j, const std::string& description) {
  j["description"] = description;
  return j;
}

Json enumOf(std::initializer_list<const char*> values, const std::string& description = {}) {
  Json list = Json::array();
  for (const char* v : values) list.push_back(v);
  Json j = {{"type", "string"}, {"enum", list}};
  if (!description.empty()) j["description"] = description;
  return j;
}

// The enum values of one core/Names.hpp table, in its order, so the schema lists exactly
// what the loader reads.
template <typename Entry, std::size_t N>
Json enumFrom(const Entry (&table)[N]) {
  Json list = Json::array();
  for (const Entry& entry : table) list.push_back(std::string(entry.name));
  return {{"type", "string"}, {"enum", list}};
}

Json arrayOf(Json items, const std::string& description = {}) {
  Json j = {{"type", "array"}, {"items", std::move(items)}};
  if (!description.empty()) j["description"] = description;
  return j;
}

// A closed mapping: unknown keys are errors, as in the validator (E201).
Json object(Json properties, std::initializer_list<const char*> required = {},
            const std::string& description = {}) {
  Json j = {{"type", "object"}};
  if (!description.empty()) j["description"] = description;
  j["properties"] = std::move(properties);
  if (required.size() > 0) {
    Json req = Json::array();
    for (const char* r : required) req.push_back(r);
    j["required"] = req;
  }
  j["additionalProperties"] = false;
  return j;
}

// A mapping from ids (actor ids, meter names) to values of one shape.
Json mapOf(Json values, const std::string& description = {}) {
  Json j = {{"type", "object"}};
  if (!description.empty()) j["description"] = description;
  j["propertyNames"] = ref("id");
  j["additionalProperties"] = std::move(values);
  return j;
}

// A list of ids, each of which may come as {id, name}: the meters, the capabilities.
Json namedIds(const std::string& what, const std::string& description) {
  const Json named = object({{"id", described(ref("id"), "The " + what + "'s id, as expressions name it.")},
                             {"name", described(ref("text"), "Text: the " + what + "'s name for people.")}},
                            {"id"}, "A " + what + " with its name.");
  return {{"type", "array"},
          {"description", description},
          {"items", {{"oneOf", Json::array({ref("id"), named})}}}};
}

Json buildDefinitions() {
  Json d = Json::object();
  d["id"] = {
      {"type", "string"},
      {"pattern", "^[a-z][a-z0-9_]{0,63}$"},
      {"description", "An id: a lower case letter, then lower case letters, digits or '_' (at most 64)."}};
  d["text"] = {
      {"description", "Text: a plain string (in the scenario language) or a map of language code to string."},
      {"oneOf",
       Json::array({{{"type", "string"}},
                    {{"type", "object"},
                     {"propertyNames", {{"pattern", "^[a-z]{2,3}(-[A-Za-z0-9]+)?$"}, {"maxLength", 12}}},
                     {"additionalProperties", {{"type", "string"}}},
                     {"minProperties", 1}}})}};
  d["condition"] = {{"type", "string"},
                    {"minLength", 1},
                    {"description", "A boolean expression, e.g. \"turn >= 3 && trust(ukr, rus) < -40\"."}};
  d["effect"] = {{"type", "string"},
                 {"minLength", 1},
                 {"description", "An effect: `lvalue = | += | -= expression` or `reveal(evidence)`."}};
  d["effects"] = arrayOf(ref("effect"), "Effect statements, applied in order.");
  d["ids"] = {{"type", "array"}, {"items", ref("id")}, {"uniqueItems", true}};
  d["actor_kind"] = enumFrom(kActorKindNames);
  d["norm"] = enumOf({"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k"},
                     "A norm of the UN GGE 2015 report (A/70/174), a..k.");
  d["norms"] = {{"type", "array"}, {"items", ref("norm")}, {"uniqueItems", true}};
  d["turn"] = integer(1, 100, "A turn, 1-based.");
  d["probability"] = {
      {"description", "A probability: a number 0..1 or a word (remote_chance 0.05 ... almost_certain 0.97)."},
      {"oneOf", Json::array({number(0, 1), enumFrom(kProbabilityWords)})}};
  return d;
}

// -------------------------------------------------------------------------------------
// [SECTION] Scenario parts
// -------------------------------------------------------------------------------------

Json sourceSchema() {
  return object(
      {{"id", ref("id")}, {"title", ref("text")}, {"url", {{"type", "string"}, {"pattern", "^https?://"}}}},
      {"id", "title"}, "A public source the scenario rests on.");
}

Json doctrineSchema() {
  return object({{"risk_tolerance", number(0, 1)},
                 {"norm_commitment", number(0, 1)},
                 {"reciprocity", number(0, 1)},
                 {"alliance_loyalty", number(0, 1)},
                 {"escalation_aversion", number(0, 1)},
                 {"domestic_sensitivity", number(0, 1)},
                 {"public_attribution", enumFrom(kPublicAttributionNames)},
                 {"rules_out", described(ref("ids"), "Measures the AI playing this actor never takes.")},
                 {"permits", described(ref("ids"),
                                       "Deceptive measures the AI may take although its norm_commitment is "
                                       "0.6 or more (without this it never does).")}},
                {}, "AI doctrine weights, each 0..1; unlisted weights are 0.5.");
}

Json actorSchema() {
  return object(
      {{"id", ref("id")},
       {"name", ref("text")},
       {"kind", ref("actor_kind")},
       {"briefing", ref("text")},
       {"meters", mapOf(number(0, 100), "Starting meters, 0..100; unlisted meters start at 50.")},
       {"capabilities", mapOf(number(0, 10), "Capabilities, 0..10; unlisted start at 0.")},
       {"blocs", ref("ids")},
       {"capital_per_turn", integer(0, 20, "Political capital each turn; default 3.")},
       {"members_share_costs",
        boolean("For an actor of kind bloc: its members bear the economic cost of the sanctions it "
                "imposes (bloc measures), each an equal part, instead of the imposer; default false.")},
       {"based_in", described(ref("id"),
                              "For a group, company or organisation: the state it is known to operate from "
                              "(public). A team may then hold that state responsible for harbouring it.")},
       {"doctrine", doctrineSchema()},
       {"map",
        object({{"x", number(0, 1)}, {"y", number(0, 1)}}, {"x", "y"}, "Position on the situation map.")},
       {"color", {{"type", "string"}, {"pattern", "^#[0-9a-fA-F]{6}$"}}}},
      {"id", "name", "kind"});
}

Json entitySchema() {
  return object({{"id", ref("id")},
                 {"name", ref("text")},
                 {"kind", enumFrom(kEntityKindNames)},
                 {"belongs_to", ref("id")},
                 {"description", ref("text")},
                 {"involved_in", ref("ids")}},
                {"id", "name", "kind", "belongs_to"});
}

Json relationSchema() {
  return object({{"between", {{"type", "array"}, {"items", ref("id")}, {"minItems", 2}, {"maxItems", 2}}},
                 {"trust", number(-100, 100)},
                 {"hotline", boolean()},
                 {"agreements", ref("ids")}},
                {"between"});
}

Json ladderSchema() {
  Json rung =
      object({{"id", ref("id")},
              {"name", ref("text")},
              {"description", ref("text")},
              {"threshold", number(0, 1000, "Tension at which this rung is reached; the first is 0.")},
              {"armed_conflict", boolean()},
              {"off_ramps", ref("ids")}},
             {"id", "name", "threshold"});
  Json rungs = arrayOf(rung, "Rungs in ascending order of threshold.");
  rungs["minItems"] = 1;
  return object({{"initial_tension", number(0, 1000)},
                 {"escalatory_step", number(0, 1000)},
                 {"proportionate_step", number(-1000, 1000)},
                 {"deescalatory_step", number(-1000, 0)},
                 {"rungs", rungs}},
                {"rungs"});
}

Json incidentSchema() {
  Json severity = object({{"scope", integer(0, 5)},
                          {"scale", integer(0, 5)},
                          {"duration", integer(0, 5)},
                          {"intensity", integer(0, 5)},
                          {"complexity", integer(0, 5)},
                          {"sophistication", integer(0, 5)},
                          {"impact", integer(0, 5)}},
                         {}, "EU Cyber Diplomacy Toolbox severity criteria, 0..5 each.");
  Json nullableId = {{"oneOf", Json::array({ref("id"), {{"type", "null"}}})}};
  Json truth =
      object({{"operator", ref("id")},
              {"sponsor", nullableId},
              {"proxy", nullableId},
              {"false_flags", ref("ids")},
              {"harboured_by",
               described(ref("ids"),
                         "States that knowingly let the operator act from their territory (due "
                         "diligence, UN norm c): holding one responsible for harbouring is right.")}},
             {"operator"}, "The hidden truth, shown at the debrief.");
  Json candidates = {{"type", "array"}, {"items", ref("id")}, {"uniqueItems", true}, {"minItems", 1}};
  return object({{"id", ref("id")},
                 {"title", ref("text")},
                 {"description", ref("text")},
                 {"victim", ref("id")},
                 {"sector", enumFrom(kSectorNames)},
                 {"severity", severity},
                 {"norms_broken", ref("norms")},
                 {"reveal_turn", ref("turn")},
                 {"candidates", candidates},
                 {"priors", mapOf(number(0, 1), "Prior per candidate; must sum to 1. Default uniform.")},
                 {"truth", truth}},
                {"id", "title", "victim", "candidates", "truth"});
}

Json calendarSchema() {
  Json date = {{"type", "string"},
               {"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
               {"description", "A date written YYYY-MM-DD, e.g. 2017-06-27."}};
  Json start = date;
  start["description"] = "The date of turn 1, YYYY-MM-DD.";
  Json even =
      object({{"start", start}, {"days_per_turn", integer(1, 3660, "How many days each turn stands for.")}},
             {"start", "days_per_turn"});
  Json uneven = object(
      {{"dates", arrayOf(date, "One date per turn, earliest first: turns of uneven length.")}}, {"dates"});
  return {{"description",
           "The turns' dates: {start: 2017-06-27, days_per_turn: 7}, or {dates: [...]} with one date per "
           "turn. The window and the reports show them; expressions read `days`, `year` and `month`."},
          {"oneOf", Json::array({even, uneven})}};
}

Json evidenceSchema() {
  Json to = ref("ids");
  Json byTurn = object({{"turn", ref("turn")}, {"to", to}}, {"turn"});
  Json byInvestigation = object({{"investigation", ref("probability")}, {"to", to}}, {"investigation"});
  Json byCondition = object({{"when", ref("condition")}, {"to", to}}, {"when"});
  Json reveal = {{"description",
                  "How it is revealed: {turn: N}, {investigation: chance} or {when: condition}; "
                  "`to` lists who sees it (default everyone)."},
                 {"oneOf", Json::array({byTurn, byInvestigation, byCondition})}};
  return object({{"id", ref("id")},
                 {"incident", ref("id")},
                 {"title", ref("text")},
                 {"description", ref("text")},
                 {"source", enumFrom(kEvidenceSourceNames)},
                 {"reliability", number(0, 1)},
                 {"points_to", mapOf(number(-3, 3), "Strength towards each candidate, -3..3.")},
                 {"planted", boolean()},
                 {"reveal", reveal}},
                {"id", "incident", "title", "source"});
}

Json injectSchema() {
  return object({{"id", ref("id")},
                 {"kind", enumFrom(kInjectKindNames)},
                 {"title", ref("text")},
                 {"text", ref("text")},
                 {"audience", ref("ids")},
                 {"turn", integer(0, 100, "Fire at this turn (0: by condition only).")},
                 {"when", ref("condition")},
                 {"repeat", boolean()},
                 {"effects", ref("effects")},
                 {"reveals", ref("ids")},
                 {"incident", ref("id")}},
                {"id", "title"});
}

Json objectiveSchema() {
  return object({{"id", ref("id")},
                 {"actor", ref("id")},
                 {"description", ref("text")},
                 {"condition", ref("condition")},
                 {"score", integer(-1000, 1000)}},
                {"id", "actor", "condition"});
}

Json endingSchema() {
  return object({{"id", ref("id")},
                 {"title", ref("text")},
                 {"description", ref("text")},
                 {"kind", enumFrom(kEndingKindNames)},
                 {"when", ref("condition")},
                 {"at_last_turn", boolean()}},
                {"id", "title"});
}

Json questionSchema() {
  return object(
      {{"turn", integer(0, 100, "The turn it is asked at; 0 = the debrief.")}, {"text", ref("text")}},
      {"text"});
}

// -------------------------------------------------------------------------------------
// [SECTION] Catalogue parts
// -------------------------------------------------------------------------------------

Json measureSchema() {
  Json usableBy = {{"type", "array"}, {"items", ref("actor_kind")}, {"uniqueItems", true}};
  return object(
      {{"id", ref("id")},
       {"name", ref("text")},
       {"description", ref("text")},
       {"category", enumFrom(kMeasureCategoryNames)},
       {"cost", integer(0, 20, "Political capital.")},
       {"target", enumFrom(kTargetKindNames)},
       {"usable_by", usableBy},
       {"target_kinds", usableBy},
       {"entity_kinds", {{"type", "array"}, {"items", enumFrom(kEntityKindNames)}, {"uniqueItems", true}}},
       {"requires", ref("condition")},
       {"requires_reason", ref("text")},
       {"min_confidence", ref("probability")},
       {"effects", ref("effects")},
       {"escalation", enumFrom(kEscalationTagNames)},
       {"norms", object({{"upholds", ref("norms")}, {"breaks", ref("norms")}})},
       {"bloc", ref("id")},
       {"attribution", enumFrom(kAttributionActNames)},
       {"investigates", boolean()},
       {"max_uses", integer(0, 100, "Per actor per exercise; 0 = unlimited.")},
       {"covert", boolean("Only its actor sees that it was taken (others see its effects) until the "
                          "truth comes out; default false.")},
       {"deceptive", boolean("Disinformation, forgeries, false claims: an AI actor with norm_commitment "
                             "0.6 or more never takes it unless its doctrine permits it; default false.")}},
      {"id", "name", "category"});
}

Json termSchema() {
  return object({{"id", ref("id")},
                 {"name", ref("text")},
                 {"description", ref("text")},
                 {"kind", enumFrom(kTermKindNames)},
                 {"parties", {{"type", "array"}, {"items", ref("actor_kind")}, {"uniqueItems", true}}},
                 {"on_accept", ref("effects")},
                 {"breaks_when", ref("condition")},
                 {"breach_credibility", number(0, 100)},
                 {"breach_trust", number(0, 200)}},
                {"id", "name", "kind"});
}

// -------------------------------------------------------------------------------------
// [SECTION] Key descriptions (what an editor shows on hover)
// -------------------------------------------------------------------------------------

// What each key of a definition means, after docs/scenario-format.md's tables: "definition.key",
// nested mappings by their key path; list items and the alternatives of a `oneOf` share the
// path of their key. A key given its description where it is built keeps that one.
// SchemaCommand.EveryKeyHasADescriptionForHover fails for a key left out here.
struct KeyDescription {
  const char* path;
  const char* description;
};

constexpr KeyDescription kKeyDescriptions[] = {
    {"source.id", "The source's id."},
    {"source.title", "Text: the source's title, as cited."},
    {"source.url", "Where to read it: an http:// or https:// address."},
    {"actor.id", "The actor's id, used in expressions, saves and decisions files (required)."},
    {"actor.name", "Text: the actor's name, as players see it (required)."},
    {"actor.kind",
     "state, organisation, bloc, non_state or company (required); blocs (EU, NATO) can be "
     "members' `blocs` and a measure's `bloc`."},
    {"actor.briefing", "Text: the private briefing of the team playing it."},
    {"entity.id", "The entity's id, used in saves and decisions files (`entities=`) (required)."},
    {"entity.name", "Text: its name, as a sanctions list or an indictment gives it (required)."},
    {"entity.kind", "person, unit or company (required)."},
    {"entity.belongs_to",
     "The actor it belongs to (required; public): a state's officer or unit, a group's member, a front "
     "company."},
    {"entity.description", "Text: who or what it is, for the players."},
    {"entity.involved_in",
     "Hidden truth: the incidents it took part in. A listing that names an entity for an incident it took "
     "no part in costs its author credibility when the truth comes out."},
    {"actor.blocs", "The blocs it belongs to: ids of actors of kind bloc."},
    {"actor.doctrine.risk_tolerance", "AI: how readily it takes risky, escalatory steps, 0..1; default 0.5."},
    {"actor.doctrine.norm_commitment", "AI: how much it values upholding UN norms, 0..1; default 0.5."},
    {"actor.doctrine.reciprocity", "AI: how strongly it answers whoever hurt it last, 0..1; default 0.5."},
    {"actor.doctrine.alliance_loyalty",
     "AI: how much helping friendly actors counts in its choices, 0..1; default 0.5."},
    {"actor.doctrine.escalation_aversion", "AI: how much it avoids moving up the ladder, 0..1; default 0.5."},
    {"actor.doctrine.domestic_sensitivity",
     "AI: how much its economy and domestic pressure weigh in its choices, 0..1; default 0.5."},
    {"actor.doctrine.public_attribution",
     "AI: when it names a culprit publicly: alone (on its own confidence, the default), with_partners "
     "(only jointly, unless its domestic pressure reaches 70 or it is the last week) or never (a stated "
     "policy of not attributing publicly; private démarches remain)."},
    {"actor.doctrine.rules_out",
     "AI: measures (ids) the AI playing this actor never takes, e.g. a state whose policy rules out "
     "offensive operations; human teams are not bound."},
    {"actor.doctrine.permits",
     "AI: deceptive measures (ids) it may take although its norm_commitment is 0.6 or more; without "
     "this, a norm-committed AI never takes a deceptive measure."},
    {"actor.map.x", "Across the situation map, 0 (left) to 1 (right)."},
    {"actor.map.y", "Down the situation map, 0 (top) to 1 (bottom)."},
    {"actor.color", "Its colour on the map, \"#rrggbb\" in quotes (unquoted, '#' starts a comment)."},
    {"relation.between", "The two actors of the relation (symmetric; one relation per pair) (required)."},
    {"relation.trust", "Starting trust between them, -100..100; default 0."},
    {"relation.hotline", "Whether a crisis hotline exists between them; default false."},
    {"relation.agreements", "Terms already in force between them: term ids."},
    {"ladder.initial_tension", "Tension at the start, 0..1000; default 0."},
    {"ladder.escalatory_step", "Tension added by each escalatory measure; default 10."},
    {"ladder.proportionate_step", "Tension added by each proportionate measure; default 3."},
    {"ladder.deescalatory_step",
     "Tension added (a negative number) by each de-escalatory measure; default -8."},
    {"ladder.rungs.id", "The rung's id (required)."},
    {"ladder.rungs.name", "Text: the rung's name (required)."},
    {"ladder.rungs.description", "Text: what this rung of the crisis looks like."},
    {"ladder.rungs.armed_conflict", "Reaching it is the crisis's worst case, armed conflict; default false."},
    {"ladder.rungs.off_ramps", "Measures that step down from this rung: measure ids."},
    {"incident.id", "The incident's id (required)."},
    {"incident.title", "Text: the incident's title (required)."},
    {"incident.description", "Text: what the victim sees."},
    {"incident.victim", "The actor it hits: an actor id (required)."},
    {"incident.sector", "The sector hit; default other."},
    {"incident.severity.scope", "Severity: scope, 0..5."},
    {"incident.severity.scale", "Severity: scale, 0..5."},
    {"incident.severity.duration", "Severity: duration, 0..5."},
    {"incident.severity.intensity", "Severity: intensity, 0..5."},
    {"incident.severity.complexity", "Severity: complexity, 0..5."},
    {"incident.severity.sophistication", "Severity: sophistication, 0..5."},
    {"incident.severity.impact", "Severity: impact, 0..5."},
    {"incident.norms_broken", "The UN GGE 2015 norms it breaks, letters a..k."},
    {"incident.reveal_turn", "The turn it becomes public; default 1."},
    {"incident.candidates", "Whom players may attribute it to: actor ids, at least one (required)."},
    {"incident.truth.operator", "Who carried it out: an actor id (required)."},
    {"incident.truth.sponsor", "Who ordered it: an actor id, or null."},
    {"incident.truth.proxy", "The proxy used: an actor id, or null."},
    {"incident.truth.false_flags", "Whom the operation was made to point at: actor ids."},
    {"evidence.id", "The evidence's id (required)."},
    {"evidence.incident", "The incident it is about: an incident id (required)."},
    {"evidence.title", "Text: the evidence's title (required)."},
    {"evidence.description", "Text: what it says."},
    {"evidence.source", "Its source kind: forensics, signals, human, open_source or partner (required)."},
    {"evidence.reliability", "How far it can be trusted, 0..1; default 0.5."},
    {"evidence.planted", "A false flag: it points the wrong way; default false. Players never see this."},
    {"evidence.reveal.turn", "Revealed at this turn."},
    {"evidence.reveal.investigation",
     "Revealed by investigation: the chance per investigating measure taken on the incident."},
    {"evidence.reveal.when", "Revealed when this condition becomes true."},
    {"evidence.reveal.to", "Who sees it when it is revealed: actor ids; default everyone."},
    {"measure.id", "The measure's id; the same id as an included measure overrides it (required)."},
    {"measure.name", "Text: the measure's name (required)."},
    {"measure.description", "Text: what the measure is, for the players."},
    {"measure.category",
     "EU Cyber Diplomacy Toolbox category, or investigation, legal, or hostile for covert and offensive "
     "operations (required)."},
    {"measure.target",
     "What it is aimed at: none, actor, incident, actor_and_incident, or entities (a listing: persons, units "
     "and companies of an incident's suspects, with the incident; restrictive and legal measures only); "
     "decides `target` and `incident` in its expressions; default none."},
    {"measure.usable_by", "The kinds of actor that may take it; default every kind."},
    {"measure.entity_kinds",
     "With `target: entities`: the kinds of entity it may list (person, unit, company); default every kind."},
    {"measure.target_kinds",
     "With an actor target: the kinds of actor it may be aimed at; default every kind."},
    {"measure.requires",
     "Its prerequisites: a condition over self (and target, incident as `target` allows)."},
    {"measure.requires_reason", "Text: shown to the player when the prerequisites fail."},
    {"measure.min_confidence",
     "The confidence needed that the target operated the incident: 0..1 or a probability word; default 0."},
    {"measure.effects", "What it does: effect statements, in the scope of `requires`."},
    {"measure.escalation",
     "The tension step it applies: deescalatory, proportionate or escalatory; default proportionate."},
    {"measure.norms", "The UN GGE 2015 norms it upholds and breaks."},
    {"measure.norms.upholds", "Norms it upholds, letters a..k."},
    {"measure.norms.breaks", "Norms it breaks, letters a..k."},
    {"measure.bloc", "A bloc (an actor of kind bloc) whose members must all consent to it."},
    {"measure.attribution",
     "What it does to an attribution: none, decide, disclose_privately, disclose_publicly or "
     "disclose_jointly; default none."},
    {"measure.investigates", "May reveal investigation evidence of the target incident; default false."},
    {"measure.deceptive",
     "Disinformation, forgeries, false claims: an AI actor with norm_commitment 0.6 or more never "
     "takes it unless its doctrine permits it; default false."},
    {"term.id", "The term's id; the same id as an included term overrides it (required)."},
    {"term.name", "Text: the term's name (required)."},
    {"term.description", "Text: what the term offers or asks, for the players."},
    {"term.kind", "What kind of commitment it is (required)."},
    {"term.parties",
     "The kinds of actor that may propose or accept it (e.g. [state, bloc]: no restraint pledge with a "
     "criminal group); default every kind."},
    {"term.on_accept", "Effects applied when it is accepted: self is the proposer, target the acceptor."},
    {"term.breaks_when", "The commitment is broken when this condition becomes true after acceptance."},
    {"term.breach_credibility", "Credibility the breaker loses, 0..100; default 10."},
    {"term.breach_trust", "Trust lost between the parties on a breach, 0..200; default 20."},
    {"inject.id", "The inject's id (required)."},
    {"inject.kind",
     "news, intelligence, incident, evidence, statement or prompt (a prompt speaks to the facilitator "
     "only); default news."},
    {"inject.title", "Text: the inject's title (required)."},
    {"inject.text", "Text: what it says."},
    {"inject.audience", "Who receives it: actor ids; default everyone."},
    {"inject.when", "Fire when this condition holds (checked at each briefing)."},
    {"inject.repeat", "Fire again each time `when` holds; default false."},
    {"inject.effects", "Effect statements applied when it fires."},
    {"inject.reveals", "Evidence revealed to its audience when it fires: evidence ids."},
    {"inject.incident", "The incident this inject makes public: an incident id."},
    {"objective.id", "The objective's id (required)."},
    {"objective.actor", "Whose objective it is: an actor id (required)."},
    {"objective.description", "Text: the objective, as its team reads it."},
    {"objective.condition", "Met when this condition holds at the end; self is the actor (required)."},
    {"objective.score", "Points when it is met, -1000..1000; default 10."},
    {"ending.id", "The ending's id (required)."},
    {"ending.title", "Text: the ending's title (required)."},
    {"ending.description", "Text: what happened, told at the debrief."},
    {"ending.kind", "armed_conflict, settlement, stalemate or other; default other."},
    {"ending.when",
     "The exercise ends this way when this condition holds (checked at each consequences phase)."},
    {"ending.at_last_turn", "The ending when time runs out; default false."},
    {"question.text", "Text: the question (required)."},
};

const char* keyDescription(const std::string& path) {
  for (const KeyDescription& entry : kKeyDescriptions)
    if (path == entry.path) return entry.description;
  return nullptr;
}

// Gives every key under `node` (at `path`) its description from kKeyDescriptions.
void describeKeys(Json& node, const std::string& path) {
  if (!node.is_object()) return;
  if (node.contains("properties")) {
    for (auto& [key, value] : node["properties"].items()) {
      const std::string at = path + "." + key;
      if (!value.contains("description"))
        if (const char* description = keyDescription(at)) value["description"] = description;
      describeKeys(value, at);
    }
  }
  if (node.contains("items")) describeKeys(node["items"], path);
  if (node.contains("oneOf"))
    for (Json& alternative : node["oneOf"]) describeKeys(alternative, path);
}

void describeDefinitions(Json& definitions) {
  for (auto& [name, definition] : definitions.items()) describeKeys(definition, name);
}

// -------------------------------------------------------------------------------------
// [SECTION] The whole documents and the subcommand
// -------------------------------------------------------------------------------------

// The keys a catalogue shares with a scenario.
Json formatKey() {
  return {{"const", 1}, {"description", "The format version: 1 (this schema describes version 1)."}};
}

// A path, or a path with the ids of that file's measures and terms to leave out.
Json includeKey() {
  Json path = {{"type", "string"}, {"minLength", 1}};
  Json leaveOut = object({{"file", described(path, "The catalogue file, relative to this file (required).")},
                          {"except", arrayOf(ref("id"),
                                             "Ids of measures or terms that file defines, left out of "
                                             "the scenario.")}},
                         {"file"}, "A catalogue file with some of its measures or terms left out.");
  return {
      {"type", "array"},
      {"items", {{"oneOf", Json::array({path, leaveOut})}}},
      {"description",
       "Catalogue files with `measures:` and `terms:`, relative to this file; `{file: ..., except: [...]}` "
       "leaves some of a file's measures or terms out."}};
}

Json measuresKey() {
  return arrayOf(ref("measure"), "Measures; an entry with the id of an included one overrides it.");
}

Json termsKey() { return arrayOf(ref("term"), "Negotiation terms."); }

Json document(const std::string& title, const std::string& description, Json body, Json definitions) {
  Json schema = {
      {"$schema", "http://json-schema.org/draft-07/schema#"}, {"title", title}, {"description", description}};
  for (auto& [key, value] : body.items()) schema[key] = value;
  schema["definitions"] = std::move(definitions);
  return schema;
}

// One schema per kind of file, each complete in itself: the YAML language server does not
// complete through `if`/`then`/`else`, so a file names the schema of its kind in its modeline.
Json buildScenarioSchema() {
  Json defs = buildDefinitions();
  defs["source"] = sourceSchema();
  defs["actor"] = actorSchema();
  defs["entity"] = entitySchema();
  defs["relation"] = relationSchema();
  defs["ladder"] = ladderSchema();
  defs["incident"] = incidentSchema();
  defs["evidence"] = evidenceSchema();
  defs["measure"] = measureSchema();
  defs["term"] = termSchema();
  defs["inject"] = injectSchema();
  defs["objective"] = objectiveSchema();
  defs["ending"] = endingSchema();
  defs["question"] = questionSchema();

  Json body = object(
      {{"format", formatKey()},
       {"id",
        {{"type", "string"},
         {"pattern", "^[a-z][a-z0-9_-]{0,63}$"},
         {"description",
          "The scenario's id, used in saves and reports: lower case letters, digits, '_' "
          "and '-'."}}},
       {"title", described(ref("text"), "Text: the scenario's title, shown in menus and reports.")},
       {"summary", described(ref("text"), "Text: a one-paragraph pitch for facilitators.")},
       {"version", string("Your version of the scenario, e.g. \"1.0\".")},
       {"language",
        {{"type", "string"},
         {"pattern", "^[a-z]{2,3}(-[A-Za-z0-9]+)?$"},
         {"maxLength", 12},
         {"description",
          "The language of every plain string in this file and its includes (en, fr, "
          "pt-BR, ...); default en."}}},
       {"authors", arrayOf(string(), "The authors' names.")},
       {"sources", arrayOf(ref("source"), "The public facts the scenario rests on: {id, title, url}.")},
       {"learning_objectives",
        arrayOf(ref("text"),
                "What players should learn (Text each); shown at the briefing and the debrief.")},
       {"fact_and_fiction", described(ref("text"),
                                      "Text: what is documented (cite it in `sources`) and what is invented; "
                                      "shown on the start screen.")},
       {"facilitator_notes", described(ref("text"),
                                       "Text: how to run it and what to watch for; shown only in the "
                                       "facilitator's panel (it may speak of the truth).")},
       {"length_minutes", integer(5, 600, "The session it is written for, in minutes.")},
       {"deliberation_minutes", integer(0, 360, "The deliberation timer it suggests, in minutes; 0 = none.")},
       {"turns", integer(1, 100, "The length of the exercise in turns, 1..100; default 6.")},
       {"turn_label", described(ref("text"), "Text: what a turn stands for, e.g. day or week.")},
       {"calendar", calendarSchema()},
       // The validator keeps seeds exact in a double: at most 2^53.
       {"seed",
        {{"type", "integer"},
         {"minimum", 0},
         {"maximum", std::int64_t{1} << 53},
         {"description", "The seed of the deterministic random numbers, 0..2^53; default 1."}}},
       {"default_seats", described(ref("ids"), "Actors played by teams unless the facilitator changes it.")},
       {"include", includeKey()},
       {"meters", namedIds("meter",
                           "The meters every actor has, 0..100: an id (e.g. credibility), or "
                           "{id, name} with the name people read (Text).")},
       {"capabilities", namedIds("capability",
                                 "The capabilities every actor has, 0..10: an id (e.g. "
                                 "cyber_offence), or {id, name} with the name people read (Text).")},
       {"actors", arrayOf(ref("actor"),
                          "The states, organisations, blocs, groups and companies of the "
                          "crisis (required).")},
       {"entities", arrayOf(ref("entity"),
                            "Persons, units and companies that belong to actors: what sanctions listings "
                            "and indictments name (at most 64).")},
       {"relations", arrayOf(ref("relation"), "Trust, hotline and agreements between two actors.")},
       {"escalation", described(ref("ladder"),
                                "The escalation ladder: named rungs with tension thresholds and "
                                "off-ramps (required).")},
       {"incidents", arrayOf(ref("incident"),
                             "Cyber operations, each with a hidden truth, a victim, a "
                             "severity and the norms it breaks.")},
       {"evidence", arrayOf(ref("evidence"),
                            "What can be learnt about the incidents: source, reliability, "
                            "what it points to and how it is revealed.")},
       {"measures", measuresKey()},
       {"terms", termsKey()},
       {"injects", arrayOf(ref("inject"),
                           "What happens on its own, by turn or by condition: news, "
                           "intelligence, incidents, evidence, statements, prompts.")},
       {"objectives", arrayOf(ref("objective"), "What each actor wants: a condition and its score.")},
       {"endings", arrayOf(ref("ending"), "How the exercise can end: by condition or at the last turn.")},
       {"questions",
        arrayOf(ref("question"), "Discussion questions for the facilitator, by turn (0 = the debrief).")}},
      {"format", "id", "title", "actors", "escalation"});
  describeDefinitions(defs);
  return document("Démarche scenario (format v1)",
                  "A Démarche scenario file. Catalogue files (scenarios/catalog/) have their own "
                  "schema, scenarios/catalog/schema.json. See docs/scenario-format.md.",
                  std::move(body), std::move(defs));
}

Json buildCatalogueSchema() {
  Json defs = buildDefinitions();
  defs["measure"] = measureSchema();
  defs["term"] = termSchema();
  Json body = object({{"format", formatKey()},
                      {"include", includeKey()},
                      {"measures", measuresKey()},
                      {"terms", termsKey()}});
  body["minProperties"] = 1;
  describeDefinitions(defs);
  return document("Démarche catalogue (format v1)",
                  "A Démarche catalogue file: only `format`, `include`, `measures` and `terms`, "
                  "included by scenarios. Scenarios have their own schema, scenarios/schema.json. "
                  "See docs/scenario-format.md.",
                  std::move(body), std::move(defs));
}

}  // namespace

void addSchemaCommand(CLI::App& app, int& exitCode) {
  CLI::App* cmd = app.add_subcommand("schema", "Print the JSON Schema of scenario or catalogue files");
  auto kind = std::make_shared<std::string>("scenario");
  cmd->add_option("kind", *kind, "scenario (the default) or catalogue: the kind of file the schema describes")
      ->check(CLI::IsMember({"scenario", "catalogue", "catalog"}));
  cmd->footer(
      "Editors use them through a modeline on the first line of each file:\n"
      "  scenarios/*.yaml:          # yaml-language-server: $schema=schema.json\n"
      "  scenarios/catalog/*.yaml:  # yaml-language-server: $schema=schema.json\n"
      "Regenerate the shipped copies with:\n"
      "  build/demarche schema > scenarios/schema.json\n"
      "  build/demarche schema catalogue > scenarios/catalog/schema.json");
  cmd->callback([&exitCode, kind]() {
    const bool catalogue = *kind != "scenario";
    std::cout << (catalogue ? buildCatalogueSchema() : buildScenarioSchema()).dump(2) << '\n';
    exitCode = 0;
  });
}

}  // namespace demarche::cli
