// `demarche schema`: prints the JSON Schema (draft-07) of scenario format v1, so editors
// complete and check scenario and catalogue files. scenarios/schema.json is this output.
//
// The schema mirrors docs/scenario-format.md and src/core/Definitions.hpp. It is
// built here in code, not read from a file, so the binary is the one source of truth; a
// test compares the output with the committed scenarios/schema.json.
//
// [SECTION] Building blocks (types that recur: ids, Text, expressions, ranges)
// [SECTION] Scenario parts (actors, relations, ladder, incidents, evidence, ...)
// [SECTION] Catalogue parts (measures, terms)
// [SECTION] The whole document and the subcommand
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <iostream>
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

Json withDescription(Json j, const std::string& description) {
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
                 {"domestic_sensitivity", number(0, 1)}},
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
       {"based_in",
        withDescription(ref("id"),
                        "For a group, company or organisation: the state it is known to operate from "
                        "(public). A team may then hold that state responsible for harbouring it.")},
       {"doctrine", doctrineSchema()},
       {"map",
        object({{"x", number(0, 1)}, {"y", number(0, 1)}}, {"x", "y"}, "Position on the situation map.")},
       {"color", {{"type", "string"}, {"pattern", "^#[0-9a-fA-F]{6}$"}}}},
      {"id", "name", "kind"});
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
               withDescription(ref("ids"),
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
                          "truth comes out; default false.")}},
      {"id", "name", "category"});
}

Json termSchema() {
  return object({{"id", ref("id")},
                 {"name", ref("text")},
                 {"description", ref("text")},
                 {"kind", enumFrom(kTermKindNames)},
                 {"on_accept", ref("effects")},
                 {"breaks_when", ref("condition")},
                 {"breach_credibility", number(0, 100)},
                 {"breach_trust", number(0, 200)}},
                {"id", "name", "kind"});
}

// -------------------------------------------------------------------------------------
// [SECTION] The whole document and the subcommand
// -------------------------------------------------------------------------------------

Json buildSchema() {
  Json defs = buildDefinitions();
  defs["source"] = sourceSchema();
  defs["actor"] = actorSchema();
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

  const Json format = {{"const", 1}, {"description", "The format version; this schema describes version 1."}};
  const Json include = {
      {"type", "array"},
      {"items", {{"type", "string"}, {"minLength", 1}}},
      {"description", "Catalogue files with `measures:` and `terms:`, relative to this file."}};
  const Json names = {{"type", "array"}, {"items", ref("id")}, {"uniqueItems", true}};
  const Json measures =
      arrayOf(ref("measure"), "Measures; an entry with the id of an included one overrides it.");
  const Json terms = arrayOf(ref("term"), "Negotiation terms.");

  defs["scenario"] = object(
      {{"format", format},
       {"id", {{"type", "string"}, {"pattern", "^[a-z][a-z0-9_-]{0,63}$"}}},
       {"title", ref("text")},
       {"summary", ref("text")},
       {"version", string()},
       {"language", {{"type", "string"}, {"pattern", "^[a-z]{2,3}(-[A-Za-z0-9]+)?$"}, {"maxLength", 12}}},
       {"authors", arrayOf(string())},
       {"sources", arrayOf(ref("source"))},
       {"learning_objectives", arrayOf(ref("text"))},
       {"fact_and_fiction", ref("text")},
       {"facilitator_notes", ref("text")},
       {"length_minutes", integer(5, 600, "The session it is written for, in minutes.")},
       {"deliberation_minutes", integer(0, 360, "The deliberation timer it suggests, in minutes; 0 = none.")},
       {"turns", integer(1, 100)},
       {"turn_label", ref("text")},
       // The validator keeps seeds exact in a double: at most 2^53.
       {"seed", {{"type", "integer"}, {"minimum", 0}, {"maximum", std::int64_t{1} << 53}}},
       {"default_seats", ref("ids")},
       {"include", include},
       {"meters", names},
       {"capabilities", names},
       {"actors", arrayOf(ref("actor"))},
       {"relations", arrayOf(ref("relation"))},
       {"escalation", ref("ladder")},
       {"incidents", arrayOf(ref("incident"))},
       {"evidence", arrayOf(ref("evidence"))},
       {"measures", measures},
       {"terms", terms},
       {"injects", arrayOf(ref("inject"))},
       {"objectives", arrayOf(ref("objective"))},
       {"endings", arrayOf(ref("ending"))},
       {"questions", arrayOf(ref("question"))}},
      {"format", "id", "title", "actors", "escalation"}, "A scenario file.");

  Json catalogue =
      object({{"format", format}, {"include", include}, {"measures", measures}, {"terms", terms}}, {},
             "A catalogue file: only `include`, `measures` and `terms`.");
  catalogue["minProperties"] = 1;
  defs["catalogue"] = catalogue;

  // A file whose keys are all catalogue keys is a catalogue; anything else is checked
  // as a scenario, so a scenario's unknown or missing keys are reported as such.
  Json schema = {{"$schema", "http://json-schema.org/draft-07/schema#"},
                 {"title", "Démarche scenario format v1"},
                 {"description",
                  "A Démarche scenario file, or a catalogue file of measures and terms. "
                  "See docs/scenario-format.md."},
                 {"type", "object"},
                 {"if", {{"propertyNames", {{"enum", {"format", "include", "measures", "terms"}}}}}},
                 {"then", ref("catalogue")},
                 {"else", ref("scenario")},
                 {"definitions", defs}};
  return schema;
}

}  // namespace

void addSchemaCommand(CLI::App& app, int& exitCode) {
  CLI::App* cmd = app.add_subcommand("schema", "Print the JSON Schema of the scenario format");
  cmd->footer(
      "Editors use it through the modeline `# yaml-language-server: $schema=schema.json`.\n"
      "Regenerate the shipped copy with: build/demarche schema > scenarios/schema.json");
  cmd->callback([&exitCode]() {
    std::cout << buildSchema().dump(2) << '\n';
    exitCode = 0;
  });
}

}  // namespace demarche::cli
