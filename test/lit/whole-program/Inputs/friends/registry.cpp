#include "registry.h"

std::shared_ptr<Plugin> Registry::load(const std::string &Name) {
  auto It = Loaded.find(Name);
  if (It != Loaded.end())
    return It->second;
  auto Made = std::make_shared<Plugin>();
  Made->Name = Name;
  Loaded.emplace(Name, Made);
  return Made;
}
