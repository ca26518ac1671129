// Format selection and the stable names shared by every renderer.
#include "report/Report.hpp"

#include <algorithm>
#include <cctype>

namespace demarche::report {

std::optional<Format> formatForPath(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".md" || ext == ".markdown") return Format::Markdown;
  if (ext == ".html" || ext == ".htm") return Format::Html;
  if (ext == ".json") return Format::Json;
  return std::nullopt;
}

std::string render(const AfterAction& aa, Format format) {
  switch (format) {
    case Format::Markdown:
      return renderMarkdown(aa);
    case Format::Html:
      return renderHtml(aa);
    case Format::Json:
      return renderJson(aa);
  }
  return {};
}

std::string_view eventKindName(EventKind kind) {
  switch (kind) {
    case EventKind::TurnStarted:
      return "turn_started";
    case EventKind::PhaseStarted:
      return "phase_started";
    case EventKind::InjectFired:
      return "inject_fired";
    case EventKind::IncidentRevealed:
      return "incident_revealed";
    case EventKind::EvidenceSeen:
      return "evidence_seen";
    case EventKind::MeasureQueued:
      return "measure_queued";
    case EventKind::MeasureResolved:
      return "measure_resolved";
    case EventKind::MeasureFailed:
      return "measure_failed";
    case EventKind::InvestigationFound:
      return "investigation_found";
    case EventKind::ProposalMade:
      return "proposal_made";
    case EventKind::ProposalReplied:
      return "proposal_replied";
    case EventKind::ProposalExpired:
      return "proposal_expired";
    case EventKind::CommitmentMade:
      return "commitment_made";
    case EventKind::CommitmentBroken:
      return "commitment_broken";
    case EventKind::AttributionDecided:
      return "attribution_decided";
    case EventKind::AttributionDisclosed:
      return "attribution_disclosed";
    case EventKind::NormBroken:
      return "norm_broken";
    case EventKind::TensionChanged:
      return "tension_changed";
    case EventKind::RungChanged:
      return "rung_changed";
    case EventKind::MeterAdjusted:
      return "meter_adjusted";
    case EventKind::Paused:
      return "paused";
    case EventKind::Resumed:
      return "resumed";
    case EventKind::TruthRevealed:
      return "truth_revealed";
    case EventKind::AttributionJudged:
      return "attribution_judged";
    case EventKind::EndingReached:
      return "ending_reached";
    case EventKind::SeatAssigned:
      return "seat_assigned";
    case EventKind::TurnUndone:
      return "turn_undone";
    case EventKind::AttributionWithdrawn:
      return "attribution_withdrawn";
    case EventKind::AttributionContradicted:
      return "attribution_contradicted";
    case EventKind::CovertExposed:
      return "covert_exposed";
    case EventKind::EntitiesListed:
      return "entities_listed";
    case EventKind::ListingJudged:
      return "listing_judged";
  }
  return "unknown";
}

}  // namespace demarche::report
