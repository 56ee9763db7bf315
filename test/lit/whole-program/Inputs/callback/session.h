#pragma once
#include "timer.h"
#include <memory>

class Session : public std::enable_shared_from_this<Session> {
public:
  Session() { ++Live; }
  ~Session() { --Live; }
  void start();
  void tick() { ++Ticks; }
  static inline int Live = 0;

private:
  Timer Heartbeat;
  int Ticks = 0;
};
