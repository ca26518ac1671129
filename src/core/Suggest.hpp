// "Did you mean" for every diagnostic that names an unknown word (expression ids and
// functions, YAML keys and enum values, decisions-file keys): one edit distance, one search.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace demarche {

// Optimal string alignment distance: insertions, deletions, substitutions and a swap of two
// neighbouring letters ("rsu" for "rus", the commonest typo in short ids) each count one.
// Stops early and returns limit + 1 once the distance is sure to exceed `limit`.
std::size_t editDistance(std::string_view a, std::string_view b,
                         std::size_t limit = std::string_view::npos - 1);

// The candidate nearest to `word` within `maxDistance` edits (the first one in `candidates`
// on a tie), or "" when none is that close.
std::string closestWord(std::string_view word, const std::vector<std::string>& candidates,
                        std::size_t maxDistance);

}  // namespace demarche
