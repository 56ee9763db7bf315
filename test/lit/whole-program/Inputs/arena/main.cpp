#include "planner.h"

int main() {
  Player P;
  Planner Plans;
  for (int Turn = 0; Turn < 100; ++Turn) {
    Unit *U = P.train();
    Plans.plan(U, Turn);
    P.lose(U);
  }
  return Plans.bonus(nullptr);
}
