#pragma once
#include <memory>
#include <vector>

struct Unit {
  int Id = 0;
};

// Units live in their player's list; a player may lose one at any time.
class Player {
public:
  Unit *train();
  void lose(const Unit *U);

private:
  std::vector<std::unique_ptr<Unit>> Units;
};
