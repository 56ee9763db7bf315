// weakref/enable_weakref.hpp - weakref::enable_weakref, a class with
// Python's __weakref__ slot: objects not owned by a shared_ptr (on the stack,
// in a unique_ptr, a member) can be weakly referenced and observed dying.
#ifndef WEAKREF_ENABLE_WEAKREF_HPP
#define WEAKREF_ENABLE_WEAKREF_HPP

#include <memory>
#include <type_traits>
#include <utility>
#include <weakref/detail/death_hooks.hpp>
#include <weakref/detail/hooked_block.hpp>
#include <weakref/detail/identity.hpp>
#include <weakref/exceptions.hpp>

namespace weakref {
namespace detail {

// The non-template part of enable_weakref: owns the object's anchor, a
// shared_ptr that points at the object without owning it. Weak pointers to
// the anchor expire, and its death hooks fire, when the anchor is released:
// in this destructor, or earlier through clear_weakrefs().
class enable_weakref_base {
 protected:
  enable_weakref_base() : anchor_(make_owner(), this) {}
  // A copy (or a move) is another object, so it gets an identity of its own.
  enable_weakref_base(const enable_weakref_base&) : enable_weakref_base() {}
  // Assignment changes the value, never the identity.
  enable_weakref_base& operator=(const enable_weakref_base&) noexcept { return *this; }
  ~enable_weakref_base() { clear_weakrefs(); }

  // Expires every weak reference to this object and runs its death callbacks
  // and finalizers now. The destructor does it anyway; a derived destructor
  // calls it first when weak refs must not see the object half destroyed.
  void clear_weakrefs() noexcept {
    if (!anchor_) return;
    hooks_ref hooks = hooks_of(anchor_);  // keeps the hooks past the reset
    anchor_.reset();                      // normally the last owner: weak refs expire, hooks fire
    // A borrowed pointer kept past this point is dangling; still, callbacks
    // and finalizers run at the object's death, not when that pointer goes.
    if (hooks) hooks->fire();
  }

 private:
  friend std::shared_ptr<enable_weakref_base> anchor_of(const enable_weakref_base&) noexcept;

  // The anchor's owner is a weakref::make_shared block (one allocation)
  // holding an empty placeholder; the anchor aliases it to this object,
  // whose destructor is protected.
  struct unowned {};
  static std::shared_ptr<unowned> make_owner() { return make_hooked<unowned>(); }

  std::shared_ptr<enable_weakref_base> anchor_;
};

inline std::shared_ptr<enable_weakref_base> anchor_of(const enable_weakref_base& object) noexcept {
  return object.anchor_;
}

template <class U>
inline constexpr bool has_weakref_slot =
    std::is_base_of_v<enable_weakref_base, std::remove_cv_t<U>>;

// A borrowed shared_ptr<U> to object through its anchor (sharing the anchor's
// owner, hence its identity and hooks); empty once its weak refs are cleared.
template <class U>
std::shared_ptr<U> borrowed_anchor(U& object) noexcept {
  static_assert(has_weakref_slot<U>,
                "weakref: this object cannot be weakly referenced; derive its class from "
                "weakref::enable_weakref<Class>, or own it by weakref::make_shared and pass "
                "the shared_ptr");
  std::shared_ptr<enable_weakref_base> anchor = anchor_of(object);
  if (!anchor) return nullptr;
  return std::shared_ptr<U>(anchor, std::addressof(object));
}

}  // namespace detail

// Derive `class Widget : public weakref::enable_weakref<Widget>` to let
// weakref::ref, finalize, set, value_map and key_map refer to a Widget that
// no shared_ptr owns.
//
// Invariants: each object has one identity for its whole life (copies and
// moved-to objects get their own; assignment keeps it). Its weak refs expire
// and its callbacks and finalizers run when the enable_weakref base is
// destroyed, that is AFTER the derived class's destructor and members are
// gone; call clear_weakrefs() first thing in the derived destructor to
// expire them before instead.
//
// Borrowing: the shared_ptr from anchor_from_this() (or from r() of a ref to
// such an object) does NOT keep the object alive; it is borrowed like `this`.
// Never keep one past the object's destruction: it would dangle, and weak
// pointers to the object would still lock until it is dropped.
//
// Cost: one shared_ptr member, and one allocation per constructed object.
//
// Thread safety: like `this`. Weak refs to such an object may be used from
// other threads only while something else guarantees the object outlives
// that use; own it by weakref::make_shared when weak refs must keep it
// alive while they use it.
template <class T>
class enable_weakref : public detail::enable_weakref_base {
 public:
  // A borrowed (non-owning) shared_ptr to this object, usable wherever a
  // weakref component takes a shared_ptr; empty after clear_weakrefs().
  [[nodiscard]] std::shared_ptr<T> anchor_from_this() noexcept {
    return detail::borrowed_anchor(static_cast<T&>(*this));
  }
  [[nodiscard]] std::shared_ptr<const T> anchor_from_this() const noexcept {
    return detail::borrowed_anchor(static_cast<const T&>(*this));
  }

  // A weak pointer that expires when this object is destroyed.
  [[nodiscard]] std::weak_ptr<T> weakref_from_this() noexcept { return anchor_from_this(); }
  [[nodiscard]] std::weak_ptr<const T> weakref_from_this() const noexcept {
    return anchor_from_this();
  }

 protected:
  // The base makes the anchor; the pointer to T is formed only on request,
  // never before T is constructed (a downcast UBSan's vptr check rejects).
  enable_weakref() = default;
  enable_weakref(const enable_weakref&) = default;
  enable_weakref& operator=(const enable_weakref&) = default;
  ~enable_weakref() = default;
};

}  // namespace weakref

#endif  // WEAKREF_ENABLE_WEAKREF_HPP
