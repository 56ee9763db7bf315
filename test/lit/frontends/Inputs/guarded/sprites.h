// Sprites of the game: a header that relies on its includer for the
// standard headers, behind a classic include guard.
#ifndef GAME_SPRITES_H
#define GAME_SPRITES_H

struct Sprite {
  std::string Path;
};

class Sprites {
public:
  std::shared_ptr<Sprite> get(const std::string &Path) {
    auto It = Loaded.find(Path);
    if (It != Loaded.end())
      return It->second;
    auto Made = std::make_shared<Sprite>();
    Loaded[Path] = Made;
    return Made;
  }

private:
  std::map<std::string, std::shared_ptr<Sprite>> Loaded;
};

#endif // GAME_SPRITES_H
