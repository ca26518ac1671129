// The words of the browser seat's page (assets/web/app.js calls t("..."), index.html has
// data-t="..."): the English keys of the catalogues (assets/lang/LANG.txt) the page is sent in
// its language. tests/seats checks that this list and the page agree.
#include "core/Catalogue.hpp"
#include "seats/TeamJson.hpp"

namespace demarche::seats {

const std::vector<std::string_view>& pageWords() {
  static const std::vector<std::string_view> words = {
      phrase("A message with the proposal (optional)"),
      phrase("Accept"),
      phrase("Assessments"),
      phrase("Attribute jointly"),
      phrase("Attribute jointly with"),
      phrase("Attribute publicly"),
      phrase("Attribute to"),
      phrase("Briefing"),
      phrase("Capital"),
      phrase("Confidence:"),
      phrase("Counter"),
      phrase("Counter with:"),
      phrase("Decide"),
      phrase("Decided:"),
      phrase("Evidence"),
      phrase("Join your team's seat"),
      phrase("Join"),
      phrase("Make a proposal"),
      phrase("Measures"),
      phrase("Negotiation"),
      phrase("News and intelligence"),
      phrase("No decision yet."),
      phrase("No evidence yet."),
      phrase("No incident is public yet."),
      phrase("Not possible now"),
      phrase("Nothing is possible now."),
      phrase("Nothing queued."),
      phrase("Nothing yet."),
      phrase("PAUSED"),
      phrase("Possible now"),
      phrase("Proposals"),
      phrase("Queue"),
      phrase("Queued this turn"),
      phrase("Ready — waiting for the facilitator"),
      phrase("Refused:"),
      phrase("Reject"),
      phrase("Send the proposal"),
      phrase("Since the last turn"),
      phrase("Take the attribution back: credibility -5 (public or joint), -2 (private); you may then decide "
             "again and correct it"),
      phrase("Tell them privately"),
      phrase("Terms"),
      phrase("The exercise has ended:"),
      phrase("To"),
      phrase("Type the code the facilitator shows on the projector."),
      phrase("Waiting for the facilitator to open the deliberation."),
      phrase("Waiting for your answer"),
      phrase("We are done for this round"),
      phrase("We are not done yet"),
      phrase("Withdraw"),
      phrase("Your reason (required)"),
      phrase("any incident"),
      phrase("connected"),
      phrase("for your team only"),
      phrase("no answer yet"),
      phrase("naming:"),
      phrase("reconnecting…"),
      phrase("reliability"),
      phrase("private"),
      phrase("public"),
      phrase("joint"),
      phrase("accept"),
      phrase("reject"),
      phrase("counter"),
  };
  return words;
}

bool installPageLanguages(const std::string& assetsDir, std::string& warning) {
  Catalogue uk;
  if (!uk.load(assetsDir, "uk", warning)) return false;
  installCatalogue(std::move(uk));
  return true;
}

}  // namespace demarche::seats
