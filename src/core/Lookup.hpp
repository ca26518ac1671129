// Finding a scenario item by its id: the index of the first element of `items` (actors,
// measures, terms, incidents, injects, ...) whose `id` is `id`, or -1.
#pragma once

#include <string_view>
#include <vector>

namespace demarche {

template <class T>
int indexOfId(const std::vector<T>& items, std::string_view id) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].id == id) return static_cast<int>(i);
  return -1;
}

}  // namespace demarche
