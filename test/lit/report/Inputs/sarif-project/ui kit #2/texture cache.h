#pragma once
#include <map>
#include <memory>
#include <string>

struct Texture {
  std::string Name;
};

// A get-or-create cache in a folder whose name needs percent-encoding; the
// comment before the field puts non-ASCII text before its column.
class TextureCache {
public:
  std::shared_ptr<Texture> get(const std::string &Name);

private:
  /* größe */ std::map<std::string, std::shared_ptr<Texture>> Textures;
};
