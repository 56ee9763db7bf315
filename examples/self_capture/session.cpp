// The bundled example of weakify-self-capture: each session arms its own
// heartbeat timer with a callback that holds the session itself. The timer
// belongs to the session, so the session owns the callback and the callback
// owns the session: no session is ever freed.
#include <cstdio>
#include <functional>
#include <memory>

static int Alive = 0;
static int Pings = 0;

class Timer {
public:
  void setCallback(std::function<void()> F) { Callback = std::move(F); }
  void fire() {
    if (Callback)
      Callback();
  }

private:
  std::function<void()> Callback;
};

class Session : public std::enable_shared_from_this<Session> {
public:
  Session() { ++Alive; }
  ~Session() { --Alive; }
  void start() {
    Heartbeat.setCallback([self = shared_from_this()] { self->ping(); });
  }
  void tick() { Heartbeat.fire(); }

private:
  void ping() { ++Pings; }
  Timer Heartbeat;
};

int main() {
  for (int Client = 0; Client < 100; ++Client) {
    auto S = std::make_shared<Session>();
    S->start();
    S->tick(); // one heartbeat while the client is connected
  }            // the client is gone: its session should be too
  std::printf("sessions alive: %d, pings: %d\n", Alive, Pings);
  return Alive == 0 ? 0 : 1;
}
