#pragma once
#include <functional>

// A timer that keeps what it is armed with; arm() is defined in timer.cpp,
// and its name does not say that it stores.
class Timer {
public:
  void arm(std::function<void()> Action);
  void fire();

private:
  std::function<void()> Action;
};
