// Finding a scenario item by its id: the index of the first element of `items` (actors,
// measures, terms, incidents, injects, ...) whose `id` is `id`, or -1.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace demarche {

template <class T>
int indexOfId(const std::vector<T>& items, std::string_view id) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].id == id) return static_cast<int>(i);
  return -1;
}

// A comma-separated list of ids ("ukr,pol"; empty items skipped) into indices of `items`,
// appended to `out`. Returns the first id that names no item (and stops there), or "".
template <class T>
std::string indicesOfIdList(const std::vector<T>& items, std::string_view list, std::vector<int>& out) {
  while (!list.empty()) {
    const std::size_t comma = list.find(',');
    const std::string_view id = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view{} : list.substr(comma + 1);
    if (id.empty()) continue;
    const int i = indexOfId(items, id);
    if (i < 0) return std::string(id);
    out.push_back(i);
  }
  return {};
}

// Every item's id, comma-separated: what a "no such id" message lists.
template <class T>
std::string idsOf(const std::vector<T>& items) {
  std::string ids;
  for (const T& item : items) ids += (ids.empty() ? "" : ", ") + item.id;
  return ids;
}

}  // namespace demarche
