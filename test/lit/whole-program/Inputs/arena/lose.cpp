#include "player.h"
#include <algorithm>

void Player::lose(const Unit *U) {
  Units.erase(std::remove_if(Units.begin(), Units.end(),
                             [U](const std::unique_ptr<Unit> &Owned) {
                               return Owned.get() == U;
                             }),
              Units.end());
}
