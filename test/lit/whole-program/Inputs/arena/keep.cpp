#include "player.h"

// A player that never loses a unit: its units die with it.
void Player::lose(const Unit *) {}
