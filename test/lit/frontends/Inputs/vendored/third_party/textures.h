// A vendored library header: the user did not ask for findings or fixes here.
#pragma once
#include <map>
#include <memory>
#include <string>

struct Texture {
  static inline int Alive = 0;
  Texture() { ++Alive; }
  ~Texture() { --Alive; }
};

class TextureCache {
public:
  std::shared_ptr<Texture> get(const std::string &Key) {
    auto It = Textures.find(Key);
    if (It != Textures.end())
      return It->second;
    auto Made = std::make_shared<Texture>();
    Textures[Key] = Made;
    return Made;
  }

private:
  std::map<std::string, std::shared_ptr<Texture>> Textures;
};
