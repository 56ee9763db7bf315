// weakref/finalize.hpp - weakref::finalize, Python's weakref.finalize: run a
// cleanup function once, when an object dies, when asked, or at exit.
#ifndef WEAKREF_FINALIZE_HPP
#define WEAKREF_FINALIZE_HPP

#include <functional>
#include <memory>
#include <optional>
#include <type_traits>
#include <utility>
#include <weakref/detail/death_hooks.hpp>
#include <weakref/detail/finalizer_registry.hpp>
#include <weakref/detail/identity.hpp>
#include <weakref/enable_weakref.hpp>
#include <weakref/exceptions.hpp>
#include <weakref/make_shared.hpp>

namespace weakref {
namespace detail {

template <class>
inline constexpr bool is_shared_ptr = false;
template <class T>
inline constexpr bool is_shared_ptr<std::shared_ptr<T>> = true;

// What a finalizer returns: fn(args...)'s result, held by value.
template <class F, class... Args>
using finalize_result_t = std::remove_cv_t<
    std::remove_reference_t<std::invoke_result_t<std::decay_t<F>&, std::decay_t<Args>&...>>>;

}  // namespace detail

// finalize(obj, fn, args...) registers fn(args...) to run at most once: right
// after obj is destroyed (on the thread that destroys it), or earlier when the
// finalizer is called, or at normal program exit if still pending and
// atexit() is true (the default). obj is a shared_ptr made by
// weakref::make_shared, or an object of a class derived from enable_weakref;
// anything else throws not_weakly_referenceable.
//
// The registration lives in a process-wide table, not in this handle:
// destroying the handle does not cancel it (detach() does), and copies of the
// handle refer to the same registration. fn and copies of args are kept until
// the finalizer runs or is detached, then freed; they must not own obj, or it
// never dies. fn is called as fn(args...) with those copies as lvalues.
//
// R is the result type (deduced from fn by `weakref::finalize f(obj, fn)`):
// calling returns std::optional<R>, or a bool "it ran" when R is void.
// weakref::finalize<> (R = void) holds any finalizer and discards results.
//
// At exit: the pending atexit finalizers run newest first, from a std::atexit
// handler registered when the first finalizer is made; one made during that
// run runs too; none runs after it, even when its object dies later (static
// destructors). Nothing runs at quick_exit, _Exit or abort.
//
// Exceptions: when called, fn's exception propagates to the caller (the
// finalizer is dead all the same); at death or exit it goes to the handler of
// set_callback_exception_handler.
//
// Thread safety: all members but assignment may be called concurrently on
// one handle, from any thread, also while the object dies; fn runs at most
// once whatever the race.
template <class R = void>
class finalize {
  static_assert(!std::is_reference_v<R>, "weakref::finalize holds results by value");

 public:
  using result_type = R;
  using call_result = std::conditional_t<std::is_void_v<R>, bool, std::optional<R>>;

  // Not alive; assign a finalizer to it later.
  finalize() noexcept = default;

  template <class U, class F, class... Args>
  finalize(const std::shared_ptr<U>& object, F&& fn, Args&&... args)
      : node_(attach(object, std::forward<F>(fn), std::forward<Args>(args)...)) {}

  template <class U, class F, class... Args,
            class = std::enable_if_t<!detail::is_shared_ptr<std::remove_cv_t<U>>>>
  finalize(U& object, F&& fn, Args&&... args)
      : node_(attach(detail::borrowed_anchor(object), std::forward<F>(fn),
                     std::forward<Args>(args)...)) {}

  // Any finalizer can be held as a finalize<> (its result is discarded).
  template <class U, class = std::enable_if_t<std::is_void_v<R> && !std::is_void_v<U>>>
  finalize(finalize<U> other) noexcept : node_(std::exchange(other.node_, nullptr)) {}

  finalize(const finalize& other) noexcept : node_(other.node_) {
    if (node_) node_->shells.add();
  }
  finalize(finalize&& other) noexcept : node_(std::exchange(other.node_, nullptr)) {}
  finalize& operator=(const finalize& other) noexcept {
    finalize(other).swap(*this);
    return *this;
  }
  finalize& operator=(finalize&& other) noexcept {
    finalize(std::move(other)).swap(*this);
    return *this;
  }
// GCC 12 warns that an in-place constructed std::optional<finalize> may
// destroy an uninitialised node_ (a false positive: node_ always is set).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
  ~finalize() {  // the registration stays
    if (node_) detail::release_shell(node_);
  }
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

  // Runs fn(args...) now if still pending; later calls, and the object's
  // death, then do nothing.
  call_result operator()() {
    detail::finalizer_node* const node = node_;  // fn may assign to this handle
    bool runnable = false;
    if (!node || !registry().take(node, &runnable)) return call_result{};
    detail::finalizer_registry::settle_hook(node);
    detail::payload_owner taken(node);  // fn and args go after the call
    if (!runnable) return call_result{};
    if constexpr (std::is_void_v<R>) {
      node->run_discarding_result();  // a finalize<> may hold any result type
      return true;
    } else {
      return call_result(static_cast<detail::typed_finalizer_node<R>&>(*node).run());
    }
  }

  // True while it will still run (pending).
  [[nodiscard]] bool alive() const { return node_ && registry().pending(node_); }

  // Cancels it while its object lives and returns fn bound to args; nothing
  // if it already ran, was detached, or its object is dead.
  std::optional<std::function<R()>> detach() {
    // Every path returns fn, so that it is built in place (NRVO): a
    // std::function moved on return costs a copy that stalls on the stores
    // that just built it.
    std::optional<std::function<R()>> fn;
    if (!node_ || !registry().take_if_object_alive(node_)) return fn;
    // The list's payload reference is ours now; when no peeked function
    // shares fn and args, they move into the result and the node keeps
    // nothing (move_out destroyed the rest: only the count goes down).
    bool moved = false;
    if (node_->payloads.unique()) {
      WEAKREF_TRY { moved = move_out(fn); }
      WEAKREF_CATCH_ALL {
        detail::release_payload(node_);  // out of memory: detached all the same
        WEAKREF_RETHROW;
      }
    }
    if (moved) {
      if (node_->payloads.release()) detail::release_shell(node_);
    } else {
      fn.emplace(detail::payload_call<R>(node_));  // takes that reference
    }
    return fn;
  }

  // fn bound to args, without cancelling; nothing when detach would give
  // nothing. Calling the result does not mark the finalizer as run.
  [[nodiscard]] std::optional<std::function<R()>> peek() const {
    if (!node_ || !registry().peek(node_)) return std::nullopt;
    return std::function<R()>(detail::payload_call<R>(node_));
  }

  // Whether it runs at exit if still pending then; false once not alive.
  [[nodiscard]] bool atexit() const { return node_ && registry().runs_at_exit(node_); }
  void atexit(bool value) {
    if (node_) registry().set_runs_at_exit(node_, value);
  }

 private:
  static detail::finalizer_registry& registry() noexcept {
    return detail::finalizer_registry::instance();
  }

  void swap(finalize& other) noexcept { std::swap(node_, other.node_); }

  bool move_out(std::optional<std::function<R()>>& out) {
    if constexpr (std::is_void_v<R>)
      return node_->move_out_discarding_result(out);
    else
      return static_cast<detail::typed_finalizer_node<R>&>(*node_).move_out(out);
  }

  template <class U, class F, class... Args>
  static detail::finalizer_node* attach(const std::shared_ptr<U>& object, F&& fn, Args&&... args) {
    using node_type = detail::bound_finalizer_node<R, std::decay_t<F>, std::decay_t<Args>...>;
    static_assert(std::is_invocable_v<std::decay_t<F>&, std::decay_t<Args>&...>,
                  "weakref::finalize: fn(args...) is not callable with copies of args");
    static_assert(
        std::is_void_v<R> || std::is_invocable_r_v<R, std::decay_t<F>&, std::decay_t<Args>&...>,
        "weakref::finalize<R>: fn(args...) does not return something "
        "convertible to R");
    if (!object) detail::raise(not_weakly_referenceable("weakref::finalize: needs a live object"));
    detail::hooks_ref hooks = detail::hooks_of(object);
    if (!hooks)
      detail::raise(not_weakly_referenceable(
          "weakref::finalize: this object cannot report its death (a plain "
          "std::shared_ptr); "
          "make it with weakref::make_shared, or derive it from "
          "weakref::enable_weakref and "
          "pass the object itself"));
    // One allocation; until attached, nobody else knows the node.
    std::unique_ptr<detail::finalizer_node> node(
        new node_type(std::forward<F>(fn), std::forward<Args>(args)...));
    if (!registry().attach(node.get(), std::move(hooks))) {
      // Dead on arrival (its death was already reported): it never runs.
      detail::release_payload(node.get());
    }
    return node.release();
  }

  template <class>
  friend class finalize;

  detail::finalizer_node* node_ = nullptr;
};

template <class U, class F, class... Args>
finalize(const std::shared_ptr<U>&, F&&, Args&&...)
    -> finalize<detail::finalize_result_t<F, Args...>>;
template <class U, class F, class... Args,
          class = std::enable_if_t<!detail::is_shared_ptr<std::remove_cv_t<U>>>>
finalize(U&, F&&, Args&&...) -> finalize<detail::finalize_result_t<F, Args...>>;

}  // namespace weakref

#endif  // WEAKREF_FINALIZE_HPP
