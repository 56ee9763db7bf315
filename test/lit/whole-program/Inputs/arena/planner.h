#pragma once
#include "player.h"
#include <map>

// Plans made per unit, by address.
class Planner {
public:
  void plan(const Unit *U, int Bonus) { Bonus_[U] = Bonus; }
  int bonus(const Unit *U) const {
    auto It = Bonus_.find(U);
    return It == Bonus_.end() ? 0 : It->second;
  }

private:
  std::map<const Unit *, int> Bonus_;
};
