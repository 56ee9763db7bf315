#pragma once
// Sounds: a header with #pragma once and no includes of its own.

struct Sound {
  std::string Path;
};

class Sounds {
public:
  std::shared_ptr<Sound> get(const std::string &Path) {
    auto It = Loaded.find(Path);
    if (It != Loaded.end())
      return It->second;
    auto Made = std::make_shared<Sound>();
    Loaded[Path] = Made;
    return Made;
  }

private:
  std::map<std::string, std::shared_ptr<Sound>> Loaded;
};
