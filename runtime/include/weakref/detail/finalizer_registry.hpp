// weakref/detail/finalizer_registry.hpp - the process-wide list of pending
// finalizers behind weakref::finalize (CPython's finalize._registry).
//
// A finalizer is one node (one allocation): its function and arguments, its
// link in this list and the hook its object's death_hooks point to. It is
// pending while it is in the list. Whoever takes it out of the list (the
// object's death hook, an explicit call, detach, or the exit run) is the
// only one to act on it, which makes "at most once" hold across threads.
// User code (the finalizer, destructors of its captured state) never runs
// under the list's lock.
#ifndef WEAKREF_DETAIL_FINALIZER_REGISTRY_HPP
#define WEAKREF_DETAIL_FINALIZER_REGISTRY_HPP

#include <cstdint>
#include <cstdlib>
#include <exception>
#include <functional>
#include <optional>
#include <tuple>
#include <type_traits>
#include <utility>
#include <weakref/detail/death_hooks.hpp>
#include <weakref/detail/local_function.hpp>
#include <weakref/detail/raise.hpp>
#include <weakref/detail/spin_lock.hpp>
#include <weakref/exceptions.hpp>

namespace weakref {
namespace detail {

// The node of one finalizer. Two reference counts, like shared_ptr's:
// `payloads` keeps fn and args (the list or whoever took the node out, and
// each function handed out by peek or detach); `shells` keeps the node's
// memory (each finalize handle, the hook while the object's death_hooks
// point here, and one for all payload holders).
struct finalizer_node : hook_node {
  finalizer_node() noexcept;
  finalizer_node(const finalizer_node&) = delete;
  finalizer_node& operator=(const finalizer_node&) = delete;
  virtual ~finalizer_node() = default;

  virtual void run_discarding_result() = 0;  // fn(args...), result dropped
  virtual void destroy_payload() noexcept = 0;
  // fn bound to args moved into a function of their own in out (what is
  // left of them is destroyed), for detach() when nothing else shares them;
  // false (out and payload untouched) when they cannot move without a throw
  // or are not copyable (std::function needs copies).
  virtual bool move_out_discarding_result(std::optional<std::function<void()>>& out) = 0;

  // Guarded by the registry's lock: the list, in creation order.
  finalizer_node* older = nullptr;
  finalizer_node* newer = nullptr;
  bool pending = false;
  bool atexit = true;
  // Set while pending; touched without the lock only by whoever took the
  // node out of the list. hooks.expired() tells whether the object died.
  hooks_ref hooks;

  ref_count shells{3};  // the first handle, the hook, the payload holders
  ref_count payloads{1};
};

inline void release_shell(finalizer_node* node) noexcept {
  if (node->shells.release()) delete node;
}

// Drops one payload reference; the last one destroys fn and args (user
// destructors: never under a lock).
inline void release_payload(finalizer_node* node) noexcept {
  if (!node->payloads.release()) return;
  node->destroy_payload();
  release_shell(node);
}

// Owns one payload reference for a scope (also when fn throws).
class payload_owner {
 public:
  explicit payload_owner(finalizer_node* node) noexcept : node_(node) {}
  payload_owner(const payload_owner&) = delete;
  payload_owner& operator=(const payload_owner&) = delete;
  ~payload_owner() { release_payload(node_); }

 private:
  finalizer_node* node_;
};

template <class R>
struct typed_finalizer_node : finalizer_node {
  virtual R run() = 0;
  virtual bool move_out(std::optional<std::function<R()>>& out) = 0;
  void run_discarding_result() final { static_cast<void>(run()); }
};

// Calls fn(args...) with the stored copies as lvalues, so a function handed
// out by peek() stays callable after the finalizer ran.
template <class R, class F, class... Args>
struct bound_finalizer_node final : typed_finalizer_node<R> {
  template <class G, class... A>
  explicit bound_finalizer_node(G&& g, A&&... a) {
    payload.emplace(std::forward<G>(g), std::forward<A>(a)...);
  }

  R run() override {
    if constexpr (std::is_void_v<R>)
      static_cast<void>(std::apply(payload->fn, payload->args));
    else
      return std::apply(payload->fn, payload->args);
  }
  void destroy_payload() noexcept override { payload.reset(); }
  bool move_out(std::optional<std::function<R()>>& out) override { return moved(out); }
  bool move_out_discarding_result(std::optional<std::function<void()>>& out) override {
    return moved(out);
  }

  // A moved copy needs no shared state, and a small one that copies as
  // bytes (a lambda capturing pointers or references) stays inside the
  // std::function: no allocation.
  template <class Result>
  bool moved(std::optional<std::function<Result()>>& out) {
    if constexpr (std::is_nothrow_move_constructible_v<F> && std::is_copy_constructible_v<F> &&
                  (std::is_nothrow_move_constructible_v<Args> && ...) &&
                  (std::is_copy_constructible_v<Args> && ...)) {
      if constexpr (sizeof...(Args) == 0)
        emplace_local_function(out, std::move(payload->fn));
      else
        emplace_local_function(
            out, moved_call<Result>{std::move(payload->fn), std::move(payload->args)});
      payload.reset();
      return true;
    } else {
      return false;
    }
  }

  // A plain struct: copies as bytes when F and Args do.
  template <class Result>
  struct moved_call {
    Result operator()() {
      if constexpr (std::is_void_v<Result>)
        static_cast<void>(std::apply(fn, args));
      else
        return std::apply(fn, args);
    }
    F fn;
    std::tuple<Args...> args;
  };

  struct bound {
    template <class G, class... A>
    explicit bound(G&& g, A&&... a) : fn(std::forward<G>(g)), args(std::forward<A>(a)...) {}
    F fn;
    std::tuple<Args...> args;
  };
  std::optional<bound> payload;
};

// A function handed out by peek() or detach(): calls the node's fn(args...)
// and owns one payload reference (adopted at construction).
template <class R>
class payload_call {
 public:
  explicit payload_call(finalizer_node* node) noexcept : node_(node) {}
  payload_call(const payload_call& other) noexcept : node_(other.node_) { node_->payloads.add(); }
  payload_call(payload_call&& other) noexcept : node_(std::exchange(other.node_, nullptr)) {}
  payload_call& operator=(const payload_call&) = delete;
  payload_call& operator=(payload_call&&) = delete;
  ~payload_call() {
    if (node_) release_payload(node_);
  }

  R operator()() const {
    if constexpr (std::is_void_v<R>)
      node_->run_discarding_result();  // a finalize<> may hold any result type
    else
      return static_cast<typed_finalizer_node<R>*>(node_)->run();
  }

 private:
  finalizer_node* node_;
};

class finalizer_registry {
 public:
  // Constant-initialised and trivially destructible: pending finalizers must
  // outlive every static destructor that may kill their objects, and the
  // exit run must find the list intact.
  static finalizer_registry& instance() noexcept {
    static finalizer_registry registry;
    return registry;
  }

  // Puts a new node (payload and shell counts as constructed) in the list
  // and on its object's hooks. False when the object's death was already
  // reported: the node is then not pending, and the caller frees its
  // payload.
  bool attach(finalizer_node* node, hooks_ref&& hooks) noexcept {
    register_exit_run();
    death_hooks* target = hooks.get();
    node->hooks = std::move(hooks);
    spin_guard guard(lock_);  // the hooks' lock nests inside, never around
    if (!target->add(node)) {
      node->hooks.reset();
      node->shells.release();  // the hook's reference; the handle keeps it
      return false;
    }
    node->pending = true;
    node->older = newest_;
    if (newest_)
      newest_->newer = node;
    else
      oldest_ = node;
    newest_ = node;
    return true;
  }

  // Takes a pending node out; `runnable` is false after the exit run (then
  // it is only freed, as Python's finalize does at shutdown).
  bool take(finalizer_node* node, bool* runnable = nullptr) noexcept {
    spin_guard guard(lock_);
    if (runnable) *runnable = !shut_down_;
    if (!node->pending) return false;
    unlink(node);
    return true;
  }

  // Takes it out, with its hook, only while its object lives (Python's
  // detach).
  bool take_if_object_alive(finalizer_node* node) noexcept {
    {
      spin_guard guard(lock_);
      if (!node->pending || node->hooks.expired()) return false;
      unlink(node);
    }
    settle_hook(node);
    return true;
  }

  // A payload reference while pending and its object lives (Python's peek).
  bool peek(finalizer_node* node) noexcept {
    spin_guard guard(lock_);
    if (!node->pending || node->hooks.expired()) return false;
    node->payloads.add();
    return true;
  }

  bool pending(const finalizer_node* node) noexcept {
    spin_guard guard(lock_);
    return node->pending;
  }

  bool runs_at_exit(const finalizer_node* node) noexcept {
    spin_guard guard(lock_);
    return node->pending && node->atexit;
  }

  void set_runs_at_exit(finalizer_node* node, bool value) noexcept {
    spin_guard guard(lock_);
    if (node->pending) node->atexit = value;
  }

  // After taking a node out other than by its death: takes its hook back,
  // or leaves the hook's reference to the death that is running it.
  static void settle_hook(finalizer_node* node) noexcept {
    if (node->hooks->remove(node)) release_shell(node);
    node->hooks.reset();
  }

  // The hook of every finalizer: runs it if the death takes it out first.
  static void on_death(hook_node* hook) {
    auto* node = static_cast<finalizer_node*>(hook);
    struct hook_done {
      finalizer_node* node;
      ~hook_done() { release_shell(node); }
    } release_hook_reference{node};
    bool runnable = false;
    if (!instance().take(node, &runnable)) return;
    node->hooks.reset();
    payload_owner taken(node);
    // An exception goes to death_hooks::fire, which reports it.
    if (runnable) node->run_discarding_result();
  }

  constexpr finalizer_registry() noexcept = default;
  finalizer_registry(const finalizer_registry&) = delete;
  finalizer_registry& operator=(const finalizer_registry&) = delete;

 private:
  static void register_exit_run() noexcept {
    // If the C library refuses, pending finalizers just do not run at exit.
    static const bool registered = std::atexit(&run_at_exit) == 0;
    static_cast<void>(registered);
  }

  void unlink(finalizer_node* node) noexcept {
    node->pending = false;
    (node->older ? node->older->newer : oldest_) = node->newer;
    (node->newer ? node->newer->older : newest_) = node->older;
    node->older = node->newer = nullptr;
  }

  // At normal exit: runs the pending finalizers marked atexit, newest first,
  // including any created meanwhile; after it no finalizer runs any more.
  static void run_at_exit() noexcept {
    finalizer_registry& self = instance();
    for (;;) {
      finalizer_node* next = nullptr;
      {
        spin_guard guard(self.lock_);
        for (finalizer_node* n = self.newest_; n; n = n->older) {
          if (n->atexit) {
            next = n;
            break;
          }
        }
        if (!next) {
          self.shut_down_ = true;
          return;
        }
        self.unlink(next);
      }
      settle_hook(next);
      payload_owner taken(next);
      WEAKREF_TRY { next->run_discarding_result(); }
      WEAKREF_CATCH_ALL { report_callback_exception(std::current_exception()); }
    }
  }

  spin_lock lock_;
  finalizer_node* oldest_ = nullptr;
  finalizer_node* newest_ = nullptr;
  bool shut_down_ = false;
};

inline finalizer_node::finalizer_node() noexcept { on_death = &finalizer_registry::on_death; }

}  // namespace detail
}  // namespace weakref

#endif  // WEAKREF_DETAIL_FINALIZER_REGISTRY_HPP
