#include "ui kit #2/texture cache.h"

std::shared_ptr<Texture> TextureCache::get(const std::string &Name) {
  auto It = Textures.find(Name);
  if (It != Textures.end())
    return It->second;
  auto Made = std::make_shared<Texture>();
  Textures[Name] = Made;
  return Made;
}
