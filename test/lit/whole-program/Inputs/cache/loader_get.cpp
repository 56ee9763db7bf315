#include "loader.h"

std::shared_ptr<Asset> Loader::get(const std::string &Name) {
  auto It = Cache.find(Name);
  if (It != Cache.end())
    return It->second;
  auto Made = std::make_shared<Asset>(Name);
  Cache.emplace(Name, Made);
  return Made;
}
