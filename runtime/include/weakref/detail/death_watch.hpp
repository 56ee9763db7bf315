// weakref/detail/death_watch.hpp - which entries of one container are
// watched for their object's death, by cell number.
#ifndef WEAKREF_DETAIL_DEATH_WATCH_HPP
#define WEAKREF_DETAIL_DEATH_WATCH_HPP

#include <weakref/detail/death_hooks.hpp>
#include <weakref/detail/death_inbox.hpp>
#include <weakref/detail/identity.hpp>
#include <weakref/detail/raise.hpp>

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <utility>
#include <vector>

namespace weakref {
namespace detail {

// A node's cell when its object cannot report its death (or is not watched).
inline constexpr std::uint32_t no_cell = 0xffffffffu;

// The death notices of one container's entries. An entry whose object
// reports its death (weakref::make_shared, enable_weakref) is watched: it
// gets a cell c, cells_[c] points back to it, and the object's death_hooks
// hold a notice (inbox_, c). The container removes the notice (unwatch) when
// the entry goes or gets another object, and clear() - run by the destructor
// - removes them all.
//
// The watch keeps only a raw pointer to the object's hooks: the target must
// hold a weak reference to the object's owner (the control block, which
// holds the hooks) from watch() until unwatch() or forget(). Counting a
// second weak reference here cost every subscription two atomic updates.
//
// Thread safety: a death runs the notice on the dying thread; it only appends
// c to inbox_ (under the inbox's own mutex). cells_ is touched only by the
// thread using the container (under its lock, for weakref::cache). A late
// notice (the object died while its entry was being removed, so the notice
// could not be taken back) names a cell that is free or reused by now:
// collect() skips a free cell, and the container must act only on an entry
// that is dead, so a stray notice is harmless.
template <class Target>
class death_watch {
public:
  death_watch() = default;
  death_watch(const death_watch&) = delete;
  death_watch& operator=(const death_watch&) = delete;
  // A moved-to watch keeps its own sink (a container's, not its contents'):
  // the adopted inbox is re-pointed at it, or at none.
  death_watch(death_watch&& other) noexcept
      : cells_(std::move(other.cells_)), free_(std::exchange(other.free_, no_cell)),
        inbox_(std::move(other.inbox_)) {
    other.cells_.clear();
    if (inbox_) inbox_->set_sink({}, nullptr);
  }
  death_watch& operator=(death_watch&& other) noexcept {
    if (this != &other) {
      clear();
      cells_ = std::move(other.cells_);
      free_ = std::exchange(other.free_, no_cell);
      inbox_ = std::move(other.inbox_);
      other.cells_.clear();
      if (inbox_) inbox_->set_sink(sink_owner_, sink_);
    }
    return *this;
  }
  ~death_watch() { clear(); }

  // Watches target's object when it can report its death; returns its cell,
  // or no_cell when it cannot (a plain shared_ptr, an object already reported
  // dead, out of memory): the container then finds its death by looking.
  // target must hold a weak reference to object's owner until the cell is
  // unwatched or forgotten (see the class comment).
  template <class P>
  std::uint32_t watch(Target* target, const std::shared_ptr<P>& object) noexcept {
    death_hooks* hooks = raw_hooks_of(object);
    if (!hooks) return no_cell;
    std::uint32_t c = no_cell;
    WEAKREF_TRY {
      if (!inbox_) make_inbox();
      c = allocate();
      const death_hooks::hook_id id = hooks->add_notice(inbox_, c);
      if (id == death_hooks::no_hook) {
        release(c);
        return no_cell;
      }
      cell& r = cells_[c];
      r.target = target;
      r.owner = owner_word(object);
      r.hooks = hooks;
      r.id = id;
      return c;
    }
    WEAKREF_CATCH_ALL {
      if (c != no_cell) release(c);
      return no_cell;
    }
  }

  // Takes the notice back (if it already ran, a stray notice may still
  // arrive for the freed cell) and frees the cell. no_cell is a no-op.
  void unwatch(std::uint32_t c) noexcept {
    if (c == no_cell) return;
    cells_[c].hooks->remove_notice(cells_[c].id);
    release(c);
  }

  // Frees the cell of an object known to be dead, without taking its
  // notice back: it ran, or runs soon and is then a stray notice.
  void forget(std::uint32_t c) noexcept {
    if (c != no_cell) release(c);
  }

  // Whether cell c watches object (the same owner).
  template <class P>
  bool watches(std::uint32_t c, const std::shared_ptr<P>& object) const noexcept {
    return c != no_cell && cells_[c].owner == owner_word(object);
  }

  // Takes every notice back.
  void clear() noexcept {
    for (cell& r : cells_)
      if (r.target) r.hooks->remove_notice(r.id);
    cells_.clear();
    free_ = no_cell;
  }

  bool reported() const noexcept { return inbox_ && inbox_->pending(); }

  // Makes every death notice call sink(owner) on the dying thread (see
  // death_inbox); the owner is held weakly.
  void set_sink(std::weak_ptr<void> owner, death_inbox::sink_function sink) {
    sink_owner_ = std::move(owner);
    sink_ = sink;
    if (!inbox_) make_inbox();
    inbox_->set_sink(sink_owner_, sink_);
  }

  // Calls f(target, c) for each reported cell that is still watched, with
  // cells_ read afresh each time (f may run user code that re-enters the
  // container). Returns true when notices were lost: the caller sweeps.
  template <class F>
  bool collect(F&& f) {
    if (!inbox_) return false;
    bool lost = false;
    // Taken in batches into a local array: f may re-enter the container
    // and collect too.
    constexpr std::size_t kBatch = 16;
    std::uint32_t batch[kBatch];
    std::size_t n;
    do {
      n = inbox_->take(batch, kBatch, lost);
      for (std::size_t i = 0; i < n; ++i) {
        const std::uint32_t c = batch[i];
        if (c < cells_.size() && cells_[c].target) f(cells_[c].target, c);
      }
    } while (n == kBatch);
    return lost;
  }

private:
  // A free cell has target == nullptr and chains to the next free one.
  struct cell {
    Target* target = nullptr;
    owner_id_t owner = nullptr;  // the watched object's identity
    death_hooks* hooks = nullptr;  // kept alive by the target's weak reference
    death_hooks::hook_id id = death_hooks::no_hook;
    std::uint32_t next_free = no_cell;
  };

  void make_inbox() {
    inbox_ = std::make_shared<death_inbox>();
    if (sink_) inbox_->set_sink(sink_owner_, sink_);
  }

  std::uint32_t allocate() {
    if (free_ != no_cell) {
      const std::uint32_t c = free_;
      free_ = cells_[c].next_free;
      cells_[c].next_free = no_cell;
      return c;
    }
    if (cells_.size() >= no_cell) raise(std::length_error("weakref: too many watched entries"));
    cells_.emplace_back();
    return static_cast<std::uint32_t>(cells_.size() - 1);
  }

  // (owner, hooks and id are left: a free cell is read for none of them,
  // and watch() sets them all.)
  void release(std::uint32_t c) noexcept {
    cell& r = cells_[c];
    r.target = nullptr;
    r.next_free = free_;
    free_ = c;
  }

  std::vector<cell> cells_;
  std::uint32_t free_ = no_cell;
  std::shared_ptr<death_inbox> inbox_;  // made at the first watched entry
  std::weak_ptr<void> sink_owner_;      // see set_sink
  death_inbox::sink_function sink_ = nullptr;
};

}  // namespace detail
}  // namespace weakref

#endif  // WEAKREF_DETAIL_DEATH_WATCH_HPP
