#include "session.h"
#include <cstdio>

int main() {
  std::make_shared<Session>()->start();
  std::printf("live sessions: %d\n", Session::Live);
  return Session::Live == 0 ? 0 : 1;
}
