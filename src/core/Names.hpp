// The names of the scenario enums of Definitions.hpp: one table per enum with its YAML
// spelling (what the loader reads and the schema lists), and a display name where a
// sentence reads better ("lawful response", "non-state"). The single source for both.
// Also the probability words authors write for a chance or a confidence threshold.
#pragma once

#include <string_view>

#include "core/Catalogue.hpp"
#include "core/Definitions.hpp"

namespace demarche {

template <typename E>
struct EnumName {
  std::string_view name;
  E value;
};

// YAML spellings, in declaration order of each enum.
inline constexpr EnumName<ActorKind> kActorKindNames[] = {{"state", ActorKind::State},
                                                          {"organisation", ActorKind::Organisation},
                                                          {"bloc", ActorKind::Bloc},
                                                          {"non_state", ActorKind::NonState},
                                                          {"company", ActorKind::Company}};
inline constexpr EnumName<PublicAttribution> kPublicAttributionNames[] = {
    {"alone", PublicAttribution::Alone},
    {"with_partners", PublicAttribution::WithPartners},
    {"never", PublicAttribution::Never}};
inline constexpr EnumName<Sector> kSectorNames[] = {
    {"government", Sector::Government}, {"energy", Sector::Energy},       {"finance", Sector::Finance},
    {"health", Sector::Health},         {"telecom", Sector::Telecom},     {"transport", Sector::Transport},
    {"water", Sector::Water},           {"elections", Sector::Elections}, {"media", Sector::Media},
    {"defence", Sector::Defence},       {"industry", Sector::Industry},   {"other", Sector::Other}};
inline constexpr EnumName<EvidenceSource> kEvidenceSourceNames[] = {
    {"forensics", EvidenceSource::Forensics},
    {"signals", EvidenceSource::Signals},
    {"human", EvidenceSource::Human},
    {"open_source", EvidenceSource::OpenSource},
    {"partner", EvidenceSource::Partner}};
inline constexpr EnumName<MeasureCategory> kMeasureCategoryNames[] = {
    {"preventive", MeasureCategory::Preventive},
    {"cooperative", MeasureCategory::Cooperative},
    {"stabilising", MeasureCategory::Stabilising},
    {"restrictive", MeasureCategory::Restrictive},
    {"lawful_response", MeasureCategory::LawfulResponse},
    {"investigation", MeasureCategory::Investigation},
    {"legal", MeasureCategory::Legal},
    {"hostile", MeasureCategory::Hostile}};
inline constexpr EnumName<EscalationTag> kEscalationTagNames[] = {
    {"deescalatory", EscalationTag::Deescalatory},
    {"proportionate", EscalationTag::Proportionate},
    {"escalatory", EscalationTag::Escalatory}};
inline constexpr EnumName<TargetKind> kTargetKindNames[] = {
    {"none", TargetKind::None},
    {"actor", TargetKind::Actor},
    {"incident", TargetKind::Incident},
    {"actor_and_incident", TargetKind::ActorAndIncident},
    {"entities", TargetKind::Entities}};
inline constexpr EnumName<EntityKind> kEntityKindNames[] = {
    {"person", EntityKind::Person}, {"unit", EntityKind::Unit}, {"company", EntityKind::Company}};
inline constexpr EnumName<AttributionAct> kAttributionActNames[] = {
    {"none", AttributionAct::None},
    {"decide", AttributionAct::Decide},
    {"disclose_privately", AttributionAct::DisclosePrivately},
    {"disclose_publicly", AttributionAct::DisclosePublicly},
    {"disclose_jointly", AttributionAct::DiscloseJointly}};
inline constexpr EnumName<TermKind> kTermKindNames[] = {
    {"joint_attribution", TermKind::JointAttribution},
    {"coordinated_sanctions", TermKind::CoordinatedSanctions},
    {"restraint_pledge", TermKind::RestraintPledge},
    {"information_sharing", TermKind::InformationSharing},
    {"hotline", TermKind::Hotline},
    {"assistance", TermKind::Assistance},
    {"law_enforcement_cooperation", TermKind::LawEnforcementCooperation}};
inline constexpr EnumName<InjectKind> kInjectKindNames[] = {
    {"news", InjectKind::News},           {"intelligence", InjectKind::Intelligence},
    {"incident", InjectKind::Incident},   {"evidence", InjectKind::Evidence},
    {"statement", InjectKind::Statement}, {"prompt", InjectKind::Prompt}};
inline constexpr EnumName<EndingKind> kEndingKindNames[] = {{"armed_conflict", EndingKind::ArmedConflict},
                                                            {"settlement", EndingKind::Settlement},
                                                            {"stalemate", EndingKind::Stalemate},
                                                            {"other", EndingKind::Other}};

// The probability words of the scenario format (a chance or a `min_confidence` in YAML, a
// constant in expressions), with the wording a refusal quotes back to the player. These
// are points on the intelligence yardstick, not the bands Engine::probabilityWords maps an
// assessment into.
struct ProbabilityWord {
  std::string_view name;  // as written in YAML and expressions
  double value;
  std::string_view display;  // in a sentence
};
inline constexpr ProbabilityWord kProbabilityWords[] = {{"remote_chance", 0.05, phrase("remote chance")},
                                                        {"very_unlikely", 0.15, phrase("very unlikely")},
                                                        {"unlikely", 0.30, phrase("unlikely")},
                                                        {"even_chance", 0.50, phrase("roughly even chance")},
                                                        {"likely", 0.65, phrase("likely")},
                                                        {"very_likely", 0.87, phrase("very likely")},
                                                        {"almost_certain", 0.97, phrase("almost certain")}};

// The name of `value` in `table`, "?" if it is missing (a value cast from a bad byte).
template <typename E, std::size_t N>
constexpr std::string_view nameIn(const EnumName<E> (&table)[N], E value) {
  for (const EnumName<E>& entry : table)
    if (entry.value == value) return entry.name;
  return "?";
}

// The YAML spelling of a value.
constexpr std::string_view yamlName(ActorKind v) { return nameIn(kActorKindNames, v); }
constexpr std::string_view yamlName(Sector v) { return nameIn(kSectorNames, v); }
constexpr std::string_view yamlName(EvidenceSource v) { return nameIn(kEvidenceSourceNames, v); }
constexpr std::string_view yamlName(MeasureCategory v) { return nameIn(kMeasureCategoryNames, v); }
constexpr std::string_view yamlName(EscalationTag v) { return nameIn(kEscalationTagNames, v); }
constexpr std::string_view yamlName(TargetKind v) { return nameIn(kTargetKindNames, v); }
constexpr std::string_view yamlName(EntityKind v) { return nameIn(kEntityKindNames, v); }
constexpr std::string_view yamlName(AttributionAct v) { return nameIn(kAttributionActNames, v); }
constexpr std::string_view yamlName(TermKind v) { return nameIn(kTermKindNames, v); }
constexpr std::string_view yamlName(InjectKind v) { return nameIn(kInjectKindNames, v); }
constexpr std::string_view yamlName(EndingKind v) { return nameIn(kEndingKindNames, v); }

// Names for sentences and summaries, where they differ from the YAML spelling.
// Each is a catalogue key (core/Catalogue.hpp): a sentence or a panel shows its translation.
constexpr std::string_view displayName(ActorKind v) {
  switch (v) {
    case ActorKind::State:
      return phrase("state");
    case ActorKind::Organisation:
      return phrase("organisation");
    case ActorKind::Bloc:
      return phrase("bloc");
    case ActorKind::NonState:
      return phrase("non-state");
    case ActorKind::Company:
      return phrase("company");
  }
  return "?";
}
constexpr std::string_view displayName(EntityKind v) {
  switch (v) {
    case EntityKind::Person:
      return phrase("person");
    case EntityKind::Unit:
      return phrase("unit");
    case EntityKind::Company:
      return phrase("company");
  }
  return "?";
}
constexpr std::string_view entityKindPlural(EntityKind v) {
  switch (v) {
    case EntityKind::Person:
      return phrase("persons");
    case EntityKind::Unit:
      return phrase("units");
    case EntityKind::Company:
      return phrase("companies");
  }
  return "?";
}
constexpr std::string_view displayName(MeasureCategory v) {
  switch (v) {
    case MeasureCategory::Preventive:
      return phrase("preventive");
    case MeasureCategory::Cooperative:
      return phrase("cooperative");
    case MeasureCategory::Stabilising:
      return phrase("stabilising");
    case MeasureCategory::Restrictive:
      return phrase("restrictive");
    case MeasureCategory::LawfulResponse:
      return phrase("lawful response");
    case MeasureCategory::Investigation:
      return phrase("investigation");
    case MeasureCategory::Legal:
      return phrase("legal");
    case MeasureCategory::Hostile:
      return phrase("hostile operation");
  }
  return "?";
}
constexpr std::string_view displayName(EvidenceSource v) {
  switch (v) {
    case EvidenceSource::Forensics:
      return phrase("forensics");
    case EvidenceSource::Signals:
      return phrase("signals");
    case EvidenceSource::Human:
      return phrase("human");
    case EvidenceSource::OpenSource:
      return phrase("open source");
    case EvidenceSource::Partner:
      return phrase("partner");
  }
  return "?";
}
constexpr std::string_view displayName(Sector v) {
  switch (v) {
    case Sector::Government:
      return phrase("government");
    case Sector::Energy:
      return phrase("energy");
    case Sector::Finance:
      return phrase("finance");
    case Sector::Health:
      return phrase("health");
    case Sector::Telecom:
      return phrase("telecom");
    case Sector::Transport:
      return phrase("transport");
    case Sector::Water:
      return phrase("water");
    case Sector::Elections:
      return phrase("elections");
    case Sector::Media:
      return phrase("media");
    case Sector::Defence:
      return phrase("defence");
    case Sector::Industry:
      return phrase("industry");
    case Sector::Other:
      return phrase("other");
  }
  return "?";
}

// The display name of a YAML spelling in `table` ("open_source" -> "open source"), or the
// spelling itself when the table does not have it.
template <typename E, std::size_t N>
constexpr std::string_view displayNameFor(const EnumName<E> (&table)[N], std::string_view yaml) {
  for (const EnumName<E>& entry : table)
    if (entry.name == yaml) return displayName(entry.value);
  return yaml;
}

}  // namespace demarche
