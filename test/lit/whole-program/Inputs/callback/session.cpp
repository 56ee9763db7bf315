#include "session.h"

void Session::start() {
  Heartbeat.arm([self = shared_from_this()] { self->tick(); });
}
