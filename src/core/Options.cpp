// measureOptions: the catalogue crossed with the targets each measure takes, checked by the engine.
#include "core/Options.hpp"

namespace demarche {

std::vector<MeasureOption> measureOptions(const Engine& engine, const GameState& state, int actor,
                                          std::string_view language) {
  std::vector<MeasureOption> out;
  if (actor < 0 || actor >= state.actorCount) return out;
  const ScenarioDef& def = engine.def();
  // One option: the measure as the engine would answer it, with its reason when refused.
  const auto add = [&](const TakeMeasure& tm, int owner) {
    MeasureOption option;
    option.measure = tm.measure;
    option.target = tm.target;
    option.incident = tm.incident;
    option.owner = owner;
    option.entities = tm.entities;
    option.cost = def.measures[static_cast<std::size_t>(tm.measure)].cost;
    option.reason = engine.checkMeasureCode(state, tm);
    option.legal = option.reason == ReasonCode::None;
    if (!option.legal) option.reasonText = engine.refusalMessage(state, Command{tm}, option.reason, language);
    out.push_back(std::move(option));
  };
  for (int m = 0; m < state.measureCount; ++m) {
    if (!engine.usableBy(actor, m)) continue;
    const MeasureDef& md = def.measures[static_cast<std::size_t>(m)];
    const bool needsActor = namesActor(md.target);
    const bool needsIncident = namesIncident(md.target);
    const int lastIncident = needsIncident ? state.incidentCount - 1 : -1;
    const int lastTarget = needsActor ? state.actorCount - 1 : -1;
    if (md.target == TargetKind::Entities) {
      for (int i = 0; i < state.incidentCount; ++i) {
        if (!state.incidentRevealed[static_cast<std::size_t>(i)]) continue;
        for (int owner : def.incidents[static_cast<std::size_t>(i)].candidates) {
          if (owner == actor || engine.listable(m, owner) == 0) continue;
          std::uint64_t entities = engine.listableNow(state, actor, m, i, owner);
          if (entities == 0) entities = engine.listable(m, owner);  // all listed: refused as such
          add(TakeMeasure{actor, m, -1, i, entities}, owner);
        }
      }
      continue;
    }
    for (int i = needsIncident ? 0 : -1; i <= lastIncident; ++i) {
      if (i >= 0 && !state.incidentRevealed[static_cast<std::size_t>(i)]) continue;
      for (int t = needsActor ? 0 : -1; t <= lastTarget; ++t) {
        if (t == actor || (t >= 0 && !engine.targetableBy(m, t))) continue;
        add(TakeMeasure{actor, m, t, i}, -1);
      }
    }
  }
  return out;
}

}  // namespace demarche
