#include "timer.h"

void Timer::arm(std::function<void()> A) { Action = std::move(A); }
void Timer::fire() {
  if (Action)
    Action();
}
