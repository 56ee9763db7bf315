// weakref/ref.hpp - weakref::ref, Python's weakref.ref: a weak reference
// with an optional callback run when the referent dies.
//
// Also brings in weakref::make_shared and weakref::enable_weakref, the two
// ways to make an object whose death a callback can observe.
#ifndef WEAKREF_REF_HPP
#define WEAKREF_REF_HPP

#include <atomic>
#include <cstddef>
#include <functional>
#include <memory>
#include <type_traits>
#include <utility>
#include <weakref/detail/death_hooks.hpp>
#include <weakref/detail/identity.hpp>
#include <weakref/enable_weakref.hpp>
#include <weakref/exceptions.hpp>
#include <weakref/make_shared.hpp>

namespace weakref {

// A weak reference to a T: r() gives a shared_ptr<T> while the referent
// lives and null afterwards.
//
// Identity: two refs are equal, and hash alike, when they refer to the same
// owner (the shared_ptr control block), for their whole life: the answer does
// not change when the referent dies. (Python compares live referents by value;
// a C++ object has no general value equality, so refs compare by identity.)
//
// Callback (Python's semantics): ref(obj, cb) runs cb(dead_ref) exactly once,
// right after the referent is destroyed, where dead_ref is equal to this ref
// and already expired, as are all other refs to it. Callbacks of several refs
// to one object run newest first. An exception thrown by a callback goes to
// the handler of set_callback_exception_handler and the others still run.
// Only objects that can report their death take callbacks: made by
// weakref::make_shared or derived from weakref::enable_weakref; any other
// shared_ptr throws not_weakly_referenceable.
//
// The callback belongs to this ref object: destroying the ref, or assigning
// to it, before the referent dies cancels it; a move carries it to the new
// ref (the moved-from ref is left empty); a copy refers to the same object
// but has no callback, so a callback never runs twice. The ref handed to the
// callback is such a copy, so the callback may destroy the original ref.
//
// Thread safety: like std::weak_ptr (concurrent const use is safe). The
// referent may die on any thread; the callback runs on that thread. A ref
// destroyed concurrently with the referent's death may or may not see its
// callback run, but never uses freed memory.
template <class T>
class ref;

namespace detail {
// What ref<T>'s object constructors take: anything but smart pointers and
// refs (a class without enable_weakref is then refused with a clear message).
// Not a member: clang 19 ignores a member constraint in implicit deduction
// guides, and `ref r(shared_ptr_lvalue)` would then pick the object overload.
template <class U, class T>
inline constexpr bool ref_takes_object =
    !std::is_convertible_v<U&, std::shared_ptr<T>> && !std::is_same_v<std::remove_cv_t<U>, ref<T>>;
}  // namespace detail

template <class T>
class ref {
 public:
  using element_type = T;
  using callback_type = std::function<void(const ref&)>;

  // An empty ref: expired, equal to other empty refs.
  ref() noexcept = default;

  // Implicit, like std::weak_ptr from a shared_ptr (of T or of a class
  // derived from T).
  ref(const std::shared_ptr<T>& object) noexcept : weak_(object) {}
  template <class U, class = std::enable_if_t<std::is_convertible_v<U*, T*>>>
  ref(const std::shared_ptr<U>& object) noexcept : weak_(object) {}

  // An empty callback means none. Throws not_weakly_referenceable when
  // object cannot report its death.
  ref(const std::shared_ptr<T>& object, callback_type callback) : weak_(object) {
    watch(object, std::move(callback));
  }

  // A ref to an object of a class derived from enable_weakref; it expires
  // when the object is destroyed.
  template <class U, class = std::enable_if_t<detail::ref_takes_object<U, T>>>
  explicit ref(U& object) : ref(std::shared_ptr<T>(detail::borrowed_anchor(object))) {}

  template <class U, class = std::enable_if_t<detail::ref_takes_object<U, T>>>
  ref(U& object, callback_type callback)
      : ref(std::shared_ptr<T>(detail::borrowed_anchor(object)), std::move(callback)) {}

  ref(const ref& other) noexcept : weak_(other.weak_) {}
  ref(ref&&) noexcept = default;
  ref& operator=(const ref& other) noexcept {
    if (this != &other) {
      registration_.reset();
      weak_ = other.weak_;
    }
    return *this;
  }
  ref& operator=(ref&&) noexcept = default;
  ~ref() = default;

  // The referent, or null once it is dead. For an enable_weakref object the
  // pointer is borrowed: it does not keep the object alive.
  [[nodiscard]] std::shared_ptr<T> operator()() const noexcept { return weak_.lock(); }
  [[nodiscard]] bool expired() const noexcept { return weak_.expired(); }

  friend bool operator==(const ref& a, const ref& b) noexcept { return a.id() == b.id(); }
  friend bool operator!=(const ref& a, const ref& b) noexcept { return !(a == b); }

 private:
  friend struct std::hash<ref>;

  // The callback and what it needs, in one allocation, registered in the
  // referent's hooks as a node. The ref and the hooks share it: when the ref
  // goes first it takes the node back and frees it; when the death came
  // first (remove() fails: the callback ran or is running, maybe on another
  // thread), whichever of the two finishes last frees it.
  struct registration : detail::hook_node {
    std::weak_ptr<T> weak;  // keeps the hooks' memory too
    detail::death_hooks* hooks = nullptr;
    callback_type callback;
    std::atomic<bool> other_done{false};

    static void run(detail::hook_node* node) {
      auto* self = static_cast<registration*>(node);
      struct finish {
        registration* self;
        ~finish() { self->done(); }
      } finish_anyway{self};
      const ref dead(self->weak, dead_tag{});
      self->callback(dead);
    }
    void done() noexcept {
      if (other_done.exchange(true, std::memory_order_acq_rel)) delete this;
    }
  };
  struct unregister {
    void operator()(registration* r) const noexcept {
      if (r->hooks->remove(r))
        delete r;
      else
        r->done();
    }
  };

  // The weak_ptr keeps the control block, so its address never changes and
  // is not reused while this ref exists: no need to store the id apart.
  detail::owner_id_t id() const noexcept { return detail::owner_id(weak_); }

  void watch(const std::shared_ptr<T>& object, callback_type callback) {
    if (!callback) return;
    if (!object)
      detail::raise(not_weakly_referenceable("weakref::ref: a callback needs a live object"));
    detail::death_hooks* hooks = detail::raw_hooks_of(object);
    if (!hooks)
      detail::raise(not_weakly_referenceable(
          "weakref::ref: this object cannot report its death (a plain std::shared_ptr); make "
          "it with weakref::make_shared, or derive it from weakref::enable_weakref and pass "
          "the object itself"));
    auto reg = std::make_unique<registration>();
    reg->on_death = &registration::run;
    reg->weak = weak_;
    reg->hooks = hooks;
    reg->callback = std::move(callback);
    // The hook holds the registration, never `this`: the ref may be moved or
    // destroyed on another thread while the callback runs.
    if (hooks->add(reg.get())) registration_.reset(reg.release());
  }

  struct dead_tag {};
  ref(std::weak_ptr<T> weak, dead_tag) noexcept : weak_(std::move(weak)) {}

  std::weak_ptr<T> weak_;
  std::unique_ptr<registration, unregister> registration_;  // only while a callback waits
};

// The implicit guide cannot see through std::function to deduce T.
template <class T, class F>
ref(std::shared_ptr<T>, F) -> ref<T>;
template <class U, class = std::enable_if_t<detail::has_weakref_slot<U>>>
ref(U&) -> ref<U>;
template <class U, class F, class = std::enable_if_t<detail::has_weakref_slot<U>>>
ref(U&, F) -> ref<U>;

}  // namespace weakref

namespace std {
template <class T>
struct hash<weakref::ref<T>> {
  size_t operator()(const weakref::ref<T>& r) const noexcept {
    return weakref::detail::owner_id_hash{}(r.id());
  }
};
}  // namespace std

#endif  // WEAKREF_REF_HPP
