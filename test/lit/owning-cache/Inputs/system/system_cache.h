#pragma once
#include <map>
#include <memory>

namespace sys {
inline std::map<int, std::shared_ptr<Widget>> &cache() {
  static std::map<int, std::shared_ptr<Widget>> Cache;
  return Cache;
}
static std::map<int, std::shared_ptr<Widget>> Table;
inline std::shared_ptr<Widget> lookup(int Id) {
  auto It = Table.find(Id);
  if (It != Table.end())
    return It->second;
  auto Made = std::make_shared<Widget>();
  Table[Id] = Made;
  return Made;
}
} // namespace sys
