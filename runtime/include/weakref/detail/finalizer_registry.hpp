// weakref/detail/finalizer_registry.hpp - the process-wide table of pending
// finalizers behind weakref::finalize (CPython's finalize._registry).
//
// A finalizer is pending while it is in the table. Whoever takes it out of
// the table (the object's death hook, an explicit call, detach, or the exit
// run) is the only one to act on it, which makes "at most once" hold across
// threads. User code (the finalizer, destructors of its captured state)
// never runs under the table's lock.
#ifndef WEAKREF_DETAIL_FINALIZER_REGISTRY_HPP
#define WEAKREF_DETAIL_FINALIZER_REGISTRY_HPP

#include <weakref/detail/death_hooks.hpp>
#include <weakref/detail/identity.hpp>
#include <weakref/exceptions.hpp>

#include <cstdint>
#include <cstdlib>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>

namespace weakref {
namespace detail {

// A finalizer's function bound to its arguments, with the result type erased
// for the paths that discard it (death, exit).
struct finalizer_call {
  virtual ~finalizer_call() = default;
  virtual void run_discarding_result() = 0;
};

template <class R>
struct typed_finalizer_call : finalizer_call {
  virtual R run() = 0;
  void run_discarding_result() final { static_cast<void>(run()); }
};

// Calls fn(args...) with the stored copies as lvalues, so a function handed
// out by peek() stays callable after the finalizer ran.
template <class R, class F, class... Args>
struct bound_finalizer_call final : typed_finalizer_call<R> {
  template <class G, class... A>
  explicit bound_finalizer_call(G&& g, A&&... a)
      : fn(std::forward<G>(g)), args(std::forward<A>(a)...) {}

  R run() override {
    if constexpr (std::is_void_v<R>)
      static_cast<void>(std::apply(fn, args));
    else
      return std::apply(fn, args);
  }

  F fn;
  std::tuple<Args...> args;
};

class finalizer_registry {
public:
  using id_type = std::uint64_t;  // 0 is no finalizer; never reused

  struct entry {
    std::weak_ptr<const void> object;  // peek and detach answer only while it lives
    std::shared_ptr<finalizer_call> call;
    std::shared_ptr<death_hooks> hooks;
    death_hooks::hook_id hook = death_hooks::no_hook;
    bool atexit = true;

    // Frees the death hook of a finalizer that did not run by death.
    void release_hook() const noexcept {
      if (hook != death_hooks::no_hook) hooks->remove(hook);
    }
  };

  // Immortal: pending finalizers must outlive every static destructor that
  // may kill their objects, and the exit run must find the table intact.
  static finalizer_registry& instance() {
    static finalizer_registry* const registry = new finalizer_registry;
    return *registry;
  }

  // Registers call to run when the object with these hooks dies. The caller
  // holds the object alive, so it cannot die before the hook is in place.
  id_type attach(std::weak_ptr<const void> object, std::shared_ptr<death_hooks> hooks,
                 std::shared_ptr<finalizer_call> call) {
    id_type id;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      register_exit_run();
      id = ++last_id_;
      pending_.emplace(id, entry{std::move(object), std::move(call), hooks,
                                 death_hooks::no_hook, true});
    }
    death_hooks::hook_id hook = death_hooks::no_hook;
    WEAKREF_TRY {
      hook = hooks->add([id] { instance().run_on_death(id); });
    }
    WEAKREF_CATCH_ALL {
      take(id);
      WEAKREF_RETHROW;
    }
    if (hook == death_hooks::no_hook) {
      take(id);  // its death was already reported: dead on arrival
      return id;
    }
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto it = pending_.find(id);
      if (it != pending_.end()) {
        it->second.hook = hook;
        return id;
      }
    }
    hooks->remove(hook);  // the exit run took it meanwhile
    return id;
  }

  // Takes a pending finalizer out; `runnable` is false after the exit run
  // (then it is only freed, as Python's finalize does at shutdown).
  std::optional<entry> take(id_type id, bool* runnable = nullptr) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (runnable) *runnable = !shut_down_;
    auto it = pending_.find(id);
    if (it == pending_.end()) return std::nullopt;
    std::optional<entry> taken(std::move(it->second));
    pending_.erase(it);
    return taken;
  }

  // Takes it out only while its object lives (Python's detach).
  std::optional<entry> take_if_object_alive(id_type id) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = pending_.find(id);
    if (it == pending_.end() || it->second.object.expired()) return std::nullopt;
    std::optional<entry> taken(std::move(it->second));
    pending_.erase(it);
    return taken;
  }

  // The bound call while pending and its object lives (Python's peek).
  std::shared_ptr<finalizer_call> peek(id_type id) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = pending_.find(id);
    if (it == pending_.end() || it->second.object.expired()) return nullptr;
    return it->second.call;
  }

  bool pending(id_type id) const {
    std::lock_guard<std::mutex> lock(mutex_);
    return pending_.count(id) != 0;
  }

  bool runs_at_exit(id_type id) const {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = pending_.find(id);
    return it != pending_.end() && it->second.atexit;
  }

  void set_runs_at_exit(id_type id, bool value) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = pending_.find(id);
    if (it != pending_.end()) it->second.atexit = value;
  }

private:
  finalizer_registry() = default;

  void register_exit_run() {
    if (exit_run_registered_) return;
    // If the C library refuses, pending finalizers just do not run at exit.
    exit_run_registered_ = std::atexit(&run_at_exit) == 0;
  }

  void run_on_death(id_type id) {
    bool runnable = false;
    std::optional<entry> taken = take(id, &runnable);
    // An exception goes to death_hooks::fire, which reports it.
    if (taken && runnable) taken->call->run_discarding_result();
  }

  // At normal exit: runs the pending finalizers marked atexit, newest first,
  // including any created meanwhile; after it no finalizer runs any more.
  static void run_at_exit() noexcept {
    finalizer_registry& self = instance();
    for (;;) {
      std::optional<entry> next;
      {
        std::lock_guard<std::mutex> lock(self.mutex_);
        for (auto it = self.pending_.rbegin(); it != self.pending_.rend(); ++it) {
          if (it->second.atexit) {
            next.emplace(std::move(it->second));
            self.pending_.erase(std::next(it).base());
            break;
          }
        }
        if (!next) {
          self.shut_down_ = true;
          return;
        }
      }
      next->release_hook();
      WEAKREF_TRY {
        next->call->run_discarding_result();
      }
      WEAKREF_CATCH_ALL {
        report_callback_exception(std::current_exception());
      }
    }
  }

  mutable std::mutex mutex_;
  std::map<id_type, entry> pending_;  // ordered by creation: the exit run's order
  id_type last_id_ = 0;
  bool exit_run_registered_ = false;
  bool shut_down_ = false;
};

}  // namespace detail
}  // namespace weakref

#endif  // WEAKREF_DETAIL_FINALIZER_REGISTRY_HPP
