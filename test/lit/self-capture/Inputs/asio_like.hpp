// A stand-in for boost::asio, included as a system header: its operations
// queue the handler, run it once and drop it.
#include <deque>
#include <functional>

namespace net {
class io_context {
public:
  template <typename Handler> void post(Handler H) { Queue.push_back(H); }
  void run() {
    while (!Queue.empty()) {
      Queue.front()();
      Queue.pop_front();
    }
  }

private:
  std::deque<std::function<void()>> Queue;
};

class steady_timer {
public:
  explicit steady_timer(io_context &Context) : Context(Context) {}
  template <typename Handler> void async_wait(Handler H) {
    Pending = H;
  }

private:
  io_context &Context;
  std::function<void(int)> Pending;
};

template <typename Executor, typename Handler> void post(Executor &E, Handler H) {
  E.post(H);
}
} // namespace net
