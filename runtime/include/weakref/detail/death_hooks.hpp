// weakref/detail/death_hooks.hpp - objects made by weakref::make_shared or
// deriving from weakref::enable_weakref carry a death_hooks list that runs
// callbacks once, after the object is destroyed, and posts death notices to
// containers (see death_watch.hpp).
#ifndef WEAKREF_DETAIL_DEATH_HOOKS_HPP
#define WEAKREF_DETAIL_DEATH_HOOKS_HPP

#include <weakref/detail/death_inbox.hpp>
#include <weakref/detail/raise.hpp>
#include <weakref/exceptions.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

namespace weakref {
namespace detail {

// Callbacks to run once when an object dies, newest first. Thread-safe: the
// object may die on any thread while others add or remove callbacks.
//
// Two kinds: callbacks (std::function: ref callbacks, finalizers) and
// notices (a container's inbox and cell: no allocation beyond the list, no
// user code). At the death every notice is posted first, then the callbacks
// run, so a callback that uses a container finds the dead entry collectable.
class death_hooks {
public:
  using hook_id = std::size_t;
  static constexpr hook_id no_hook = 0;

  // Returns no_hook when the object is already dead (nothing registered).
  hook_id add(std::function<void()> fn) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (fired_) return no_hook;
    hooks_.emplace_back(++next_id_, std::move(fn));
    return next_id_;
  }

  // Registers a death notice for a container; no_hook when already dead.
  hook_id add_notice(std::shared_ptr<death_inbox> inbox, std::uint32_t cell) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (fired_) return no_hook;
    notices_.push_back(notice{++next_id_, std::move(inbox), cell});
    return next_id_;
  }

  // Removes a callback or notice that has not run; false if it already ran
  // (or is running on another thread) or is gone.
  bool remove(hook_id id) noexcept {
    std::function<void()> doomed;  // destroyed outside the lock
    std::shared_ptr<death_inbox> doomed_inbox;
    std::lock_guard<std::mutex> lock(mutex_);
    // Newest first: a container detaches the hooks it added last most often.
    for (auto it = notices_.rbegin(); it != notices_.rend(); ++it) {
      if (it->id == id) {
        doomed_inbox = std::move(it->inbox);
        notices_.erase(std::next(it).base());
        return true;
      }
    }
    for (auto it = hooks_.begin(); it != hooks_.end(); ++it) {
      if (it->first == id) {
        doomed = std::move(it->second);
        hooks_.erase(it);
        return true;
      }
    }
    return false;
  }

  bool fired() const noexcept {
    std::lock_guard<std::mutex> lock(mutex_);
    return fired_;
  }

  // Diagnostic: callbacks and notices registered and not yet run.
  std::size_t size() const noexcept {
    std::lock_guard<std::mutex> lock(mutex_);
    return hooks_.size() + notices_.size();
  }

  // Posts every notice, then runs every callback once, newest first; a
  // throwing callback goes to the exception handler and the others still run.
  void fire() noexcept {
    std::vector<std::pair<hook_id, std::function<void()>>> pending;
    std::vector<notice> notices;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (fired_) return;
      fired_ = true;
      pending.swap(hooks_);
      notices.swap(notices_);
    }
    for (const notice& n : notices) n.inbox->post(n.cell);
    for (auto it = pending.rbegin(); it != pending.rend(); ++it) {
      WEAKREF_TRY {
        it->second();
      }
      WEAKREF_CATCH_ALL {
        report_callback_exception(std::current_exception());
      }
    }
  }

private:
  struct notice {
    hook_id id;
    std::shared_ptr<death_inbox> inbox;
    std::uint32_t cell;
  };

  mutable std::mutex mutex_;
  bool fired_ = false;
  hook_id next_id_ = no_hook;
  std::vector<std::pair<hook_id, std::function<void()>>> hooks_;
  std::vector<notice> notices_;
};

// The deleter of every hooked owner. Its type is what std::get_deleter looks
// for, whatever T is, so hooks are found from any (aliasing, converted)
// shared_ptr of the owner. The hooks are held by shared_ptr because some
// standard libraries destroy the deleter right after calling it.
struct hooked_deleter {
  std::shared_ptr<death_hooks> hooks;
  bool owns_object = true;

  template <class T>
  void operator()(T* p) const noexcept {
    if (owns_object) delete p;
    hooks->fire();
  }
};

class enable_weakref_base;  // defined in <weakref/enable_weakref.hpp>

template <class>
inline constexpr bool dependent_false = false;

// The death hooks of p's owner when it can report its death (made by
// weakref::make_shared, or an enable_weakref anchor: both own through a
// hooked_deleter); nullptr otherwise. Works from any aliasing or converted
// shared_ptr of the owner, because the deleter belongs to the owner.
template <class T>
std::shared_ptr<death_hooks> hooks_of(const std::shared_ptr<T>& p) {
#if defined(__cpp_rtti) || defined(__GXX_RTTI) || defined(_CPPRTTI)
  const hooked_deleter* deleter = std::get_deleter<hooked_deleter>(p);
  return deleter ? deleter->hooks : nullptr;
#else
  static_cast<void>(p);
  // Without RTTI std::get_deleter always answers null, so every object would
  // look unobservable: refuse at compile time instead.
  static_assert(dependent_false<T>,
                "weakref: death callbacks and finalizers need RTTI (std::get_deleter); "
                "compile with -frtti");
  return nullptr;
#endif
}

// Like hooks_of, for containers: an object that cannot report its death (or
// a build without RTTI) just gives nullptr, and the container purges lazily.
template <class T>
std::shared_ptr<death_hooks> hooks_if_any(const std::shared_ptr<T>& p) noexcept {
#if defined(__cpp_rtti) || defined(__GXX_RTTI) || defined(_CPPRTTI)
  const hooked_deleter* deleter = std::get_deleter<hooked_deleter>(p);
  return deleter ? deleter->hooks : nullptr;
#else
  static_cast<void>(p);
  return nullptr;
#endif
}

}  // namespace detail
}  // namespace weakref

#endif  // WEAKREF_DETAIL_DEATH_HOOKS_HPP
