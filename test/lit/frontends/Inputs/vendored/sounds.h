// The project's own header.
#pragma once
#include <map>
#include <memory>
#include <string>

struct Sound {
  static inline int Alive = 0;
  Sound() { ++Alive; }
  ~Sound() { --Alive; }
};

class SoundCache {
public:
  std::shared_ptr<Sound> get(const std::string &Key) {
    auto It = Sounds.find(Key);
    if (It != Sounds.end())
      return It->second;
    auto Made = std::make_shared<Sound>();
    Sounds[Key] = Made;
    return Made;
  }

private:
  std::map<std::string, std::shared_ptr<Sound>> Sounds;
};
