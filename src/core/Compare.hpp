// Two outcomes side by side ("what if"): the debrief's comparison of an exercise and a branch
// of it (or of any two saves of one scenario), from their after-action data. Shared by the
// window's debrief and `demarche compare`.
#pragma once

#include <string>
#include <vector>

#include "core/AfterAction.hpp"

namespace demarche {

struct Comparison {
  struct Side {
    std::string label;  // "as played", "what if the AI had played Ukraine from week 3"
    std::string ending;
    int turnsPlayed = 0;
    std::vector<int> scores, maxima;  // [actor]
    std::vector<double> tension;      // one per turn start, then the final state
    double peakTension = 0;
    std::string finalRung;
    struct Attribution {
      int turn = 0;
      std::string text;  // the timeline's sentence
    };
    std::vector<Attribution> attributions;  // decided and disclosed, in order
  };
  Side a, b;
  std::vector<std::string> actorNames;
  std::vector<bool> scored;  // [actor]: has objectives
  std::string title, turnLabel;
  int firstDifferentTurn = 0;  // the first turn whose start differs (0 = none found)
};

Comparison compareOutcomes(const AfterAction& a, std::string labelA, const AfterAction& b,
                           std::string labelB);

}  // namespace demarche
