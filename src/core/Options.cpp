// measureOptions: the catalogue crossed with the targets each measure takes, checked by the engine.
#include "core/Options.hpp"

namespace demarche {

std::vector<MeasureOption> measureOptions(const Engine& engine, const GameState& state, int actor,
                                          std::string_view language) {
  std::vector<MeasureOption> out;
  if (actor < 0 || actor >= state.actorCount) return out;
  const ScenarioDef& def = engine.def();
  for (int m = 0; m < state.measureCount; ++m) {
    if (!engine.usableBy(actor, m)) continue;
    const MeasureDef& md = def.measures[static_cast<std::size_t>(m)];
    const bool needsActor = md.target == TargetKind::Actor || md.target == TargetKind::ActorAndIncident;
    const bool needsIncident = md.target == TargetKind::Incident || md.target == TargetKind::ActorAndIncident;
    const int lastIncident = needsIncident ? state.incidentCount - 1 : -1;
    const int lastTarget = needsActor ? state.actorCount - 1 : -1;
    if (md.target == TargetKind::Entities) {
      for (int i = 0; i < state.incidentCount; ++i) {
        if (!state.incidentRevealed[static_cast<std::size_t>(i)]) continue;
        for (int owner : def.incidents[static_cast<std::size_t>(i)].candidates) {
          if (owner == actor || engine.listable(m, owner) == 0) continue;
          std::uint64_t entities = engine.listableNow(state, actor, m, i, owner);
          if (entities == 0) entities = engine.listable(m, owner);  // all listed: refused as such
          const TakeMeasure tm{actor, m, -1, i, entities};
          MeasureOption option;
          option.measure = m;
          option.incident = i;
          option.owner = owner;
          option.entities = entities;
          option.cost = md.cost;
          option.reason = engine.checkMeasureCode(state, tm);
          option.legal = option.reason == ReasonCode::None;
          if (!option.legal)
            option.reasonText = engine.refusalMessage(state, Command{tm}, option.reason, language);
          out.push_back(std::move(option));
        }
      }
      continue;
    }
    for (int i = needsIncident ? 0 : -1; i <= lastIncident; ++i) {
      if (i >= 0 && !state.incidentRevealed[static_cast<std::size_t>(i)]) continue;
      for (int t = needsActor ? 0 : -1; t <= lastTarget; ++t) {
        if (t == actor || (t >= 0 && !engine.targetableBy(m, t))) continue;
        const TakeMeasure tm{actor, m, t, i};
        MeasureOption option;
        option.measure = m;
        option.target = t;
        option.incident = i;
        option.cost = md.cost;
        option.reason = engine.checkMeasureCode(state, tm);
        option.legal = option.reason == ReasonCode::None;
        if (!option.legal)
          option.reasonText = engine.refusalMessage(state, Command{tm}, option.reason, language);
        out.push_back(std::move(option));
      }
    }
  }
  return out;
}

}  // namespace demarche
