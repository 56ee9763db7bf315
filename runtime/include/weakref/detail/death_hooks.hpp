// weakref/detail/death_hooks.hpp - objects made by weakref::make_shared or
// deriving from weakref::enable_weakref carry a death_hooks list that runs
// callbacks once, after the object is destroyed, and posts death notices to
// containers (see death_watch.hpp). The list lives in the object's own
// allocation (see hooked_block.hpp) and is found from any shared_ptr of it
// by hooks_of, without RTTI.
#ifndef WEAKREF_DETAIL_DEATH_HOOKS_HPP
#define WEAKREF_DETAIL_DEATH_HOOKS_HPP

#include <cstddef>
#include <cstdint>
#include <exception>
#include <memory>
#include <utility>
#include <vector>
#include <weakref/detail/death_inbox.hpp>
#include <weakref/detail/hooked_types.hpp>
#include <weakref/detail/identity.hpp>
#include <weakref/detail/raise.hpp>
#include <weakref/detail/spin_lock.hpp>
#include <weakref/exceptions.hpp>

namespace weakref {
namespace detail {

// A callback that lives in its owner's allocation (a ref's registration, a
// finalizer), linked into the hooks' list: registering allocates nothing and
// taking back searches nothing. The owner keeps the node alive until
// remove() took it back, or, when remove() answers false, until on_death has
// been called.
struct hook_node {
  // Called once by fire(), outside any lock; an exception goes to the
  // callback exception handler.
  void (*on_death)(hook_node*) = nullptr;
  // The hooks' list, guarded by their lock while the node is registered.
  hook_node* hook_older = nullptr;
  hook_node* hook_newer = nullptr;
};

// Callbacks to run once when an object dies, newest first. Thread-safe: the
// object may die on any thread while others add or remove callbacks.
//
// Two kinds: callbacks (hook_node: ref callbacks, finalizers) and notices (a
// container's inbox and cell). At the death every notice is posted first,
// then the callbacks run, so a callback that uses a container finds the dead
// entry collectable.
//
// The lock is a spin_lock: under it only the callback list and the notices
// change (no user code, no shared_ptr release, no other lock), and once
// fired they are frozen, so fire() walks them in place without it.
class death_hooks {
 public:
  using hook_id = std::size_t;
  static constexpr hook_id no_hook = 0;

  death_hooks() noexcept = default;
  death_hooks(const death_hooks&) = delete;
  death_hooks& operator=(const death_hooks&) = delete;

  // Registers node; false when the object is already dead (nothing
  // registered). Never throws.
  bool add(hook_node* node) noexcept {
    spin_guard guard(lock_);
    if (fired_) return false;
    node->hook_older = newest_callback_;
    node->hook_newer = nullptr;
    if (newest_callback_) newest_callback_->hook_newer = node;
    newest_callback_ = node;
    return true;
  }

  // Takes back a node that add() registered (and nobody took back yet);
  // false if it already ran, or is running on another thread.
  bool remove(hook_node* node) noexcept {
    spin_guard guard(lock_);
    if (fired_) return false;
    if (node->hook_newer)
      node->hook_newer->hook_older = node->hook_older;
    else
      newest_callback_ = node->hook_older;
    if (node->hook_older) node->hook_older->hook_newer = node->hook_newer;
    node->hook_older = node->hook_newer = nullptr;
    return true;
  }

  // Registers a death notice for a container; no_hook when already dead.
  hook_id add_notice(std::shared_ptr<death_inbox> inbox, std::uint32_t cell) {
    spin_guard guard(lock_);
    if (fired_) return no_hook;
    const hook_id id = next_id();
    if (first_notice_.id == no_hook) {
      first_notice_.id = id;  // field by field: no temporary notice
      first_notice_.inbox = std::move(inbox);
      first_notice_.cell = cell;
    } else {
      notices_.push_back(notice{id, std::move(inbox), cell});
    }
    return id;
  }

  // Removes a notice that has not run; false if it already ran (or is
  // running on another thread) or is gone.
  bool remove_notice(hook_id id) noexcept {
    std::shared_ptr<death_inbox> doomed;  // released outside the lock
    spin_guard guard(lock_);
    if (fired_) return false;
    // Newest first: a container takes back the notices it added last most
    // often. Their order does not matter, so the last one fills the gap.
    for (std::size_t i = notices_.size(); i-- > 0;) {
      if (notices_[i].id != id) continue;
      doomed = std::move(notices_[i].inbox);
      if (i + 1 != notices_.size()) notices_[i] = std::move(notices_.back());
      notices_.pop_back();
      return true;
    }
    if (first_notice_.id != id) return false;
    doomed = std::move(first_notice_.inbox);
    first_notice_ = notice{};
    if (!notices_.empty()) {
      first_notice_ = std::move(notices_.back());
      notices_.pop_back();
    }
    return true;
  }

  bool fired() const noexcept {
    spin_guard guard(lock_);
    return fired_;
  }

  // Diagnostic: callbacks and notices registered and not yet run.
  std::size_t size() const noexcept {
    spin_guard guard(lock_);
    if (fired_) return 0;
    std::size_t n = notices_.size() + (first_notice_.id != no_hook);
    for (const hook_node* node = newest_callback_; node; node = node->hook_older) ++n;
    return n;
  }

  // Posts every notice, then runs every callback once, newest first; a
  // throwing callback goes to the exception handler and the others still run.
  void fire() noexcept {
    {
      spin_guard guard(lock_);
      if (fired_) return;
      fired_ = true;
    }
    if (first_notice_.id != no_hook) first_notice_.inbox->post(first_notice_.cell);
    for (const notice& n : notices_) n.inbox->post(n.cell);
    // The list is frozen now; a node may be freed by its own on_death.
    for (hook_node* node = newest_callback_; node;) {
      hook_node* const older = node->hook_older;
      WEAKREF_TRY { node->on_death(node); }
      WEAKREF_CATCH_ALL { report_callback_exception(std::current_exception()); }
      node = older;
    }
    // The inboxes are released now. No lock needed: every other member
    // reads fired_ under the lock before anything else, and it is set.
    first_notice_ = notice{};
    std::vector<notice>().swap(notices_);
    newest_callback_ = nullptr;
  }

 private:
  struct notice {
    hook_id id = no_hook;
    std::shared_ptr<death_inbox> inbox;
    std::uint32_t cell = 0;
  };

  hook_id next_id() noexcept { return ++serial_; }

  mutable spin_lock lock_;
  bool fired_ = false;
  hook_id serial_ = 0;
  hook_node* newest_callback_ = nullptr;
  // Most objects are in one container at a time: its notice is kept in
  // place, and only the others need the vector (and an allocation).
  notice first_notice_;
  std::vector<notice> notices_;
};

// A weakref::make_shared allocation: the control block at its start, in a
// room of this size, then the death_hooks, then the object. A control block
// that hooked_types knows is such a block, so its hooks are at this offset.
inline constexpr std::size_t control_block_room = 6 * sizeof(void*);
static_assert(control_block_room % alignof(death_hooks) == 0);

inline death_hooks* hooks_in_block(const void* control_block) noexcept {
  return reinterpret_cast<death_hooks*>(
      static_cast<unsigned char*>(const_cast<void*>(control_block)) + control_block_room);
}

// The death hooks of one object as their holders (a ref's callback, a
// container's cell, a finalizer) keep them: a weak reference to the object
// keeps its allocation, hence the hooks, without keeping the object alive.
class hooks_ref {
 public:
  hooks_ref() noexcept = default;
  hooks_ref(std::weak_ptr<const void> keep, death_hooks* hooks) noexcept
      : keep_(std::move(keep)), hooks_(hooks) {}

  death_hooks* operator->() const noexcept { return hooks_; }
  death_hooks& operator*() const noexcept { return *hooks_; }
  death_hooks* get() const noexcept { return hooks_; }
  explicit operator bool() const noexcept { return hooks_ != nullptr; }

  // Whether the object is dead (its hooks then fired, or are firing).
  bool expired() const noexcept { return keep_.expired(); }
  void reset() noexcept {
    keep_.reset();
    hooks_ = nullptr;
  }

 private:
  std::weak_ptr<const void> keep_;
  death_hooks* hooks_ = nullptr;
};

// The death hooks of p's owner when it can report its death (made by
// weakref::make_shared, or an enable_weakref anchor); empty otherwise. Works
// from any aliasing or converted shared_ptr of the owner, because the hooks
// belong to the owner's control block. No RTTI needed.
template <class T>
death_hooks* raw_hooks_of(const std::shared_ptr<T>& p) noexcept {
  const void* block = owner_word(p);
  if (!block || !hooked_types::contains(hooked_types::vptr_of(block))) return nullptr;
  return hooks_in_block(block);
}

template <class T>
hooks_ref hooks_of(const std::shared_ptr<T>& p) noexcept {
  death_hooks* hooks = raw_hooks_of(p);
  if (!hooks) return hooks_ref();
  return hooks_ref(std::weak_ptr<const void>(p), hooks);
}

}  // namespace detail
}  // namespace weakref

#endif  // WEAKREF_DETAIL_DEATH_HOOKS_HPP
