#include "player.h"

Unit *Player::train() {
  Units.push_back(std::make_unique<Unit>());
  return Units.back().get();
}
