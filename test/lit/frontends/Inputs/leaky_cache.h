// A header-only cache included by two units: its fix must be applied once.
#pragma once
#include <map>
#include <memory>
#include <string>

struct Asset {
  static inline int Alive = 0;
  Asset() { ++Alive; }
  ~Asset() { --Alive; }
};

class AssetCache {
public:
  std::shared_ptr<Asset> get(const std::string &Key) {
    auto It = Assets.find(Key);
    if (It != Assets.end())
      return It->second;
    auto Made = std::make_shared<Asset>();
    Assets[Key] = Made;
    return Made;
  }

private:
  std::map<std::string, std::shared_ptr<Asset>> Assets;
};
