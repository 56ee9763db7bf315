// weakref/detail/sweep_schedule.hpp - when a weak container sweeps the dead
// entries nobody reported: the one rule behind every container's bound.
#ifndef WEAKREF_DETAIL_SWEEP_SCHEDULE_HPP
#define WEAKREF_DETAIL_SWEEP_SCHEDULE_HPP

#include <cstddef>

namespace weakref {
namespace detail {

// Entries whose objects report their death are removed by their notices;
// the others are found dead only by looking. Sweeping once the unreported
// insertions since the last sweep exceed the entries live at it plus kSlack
// keeps the entry count within 2 * live + kSlack + 1 at O(1) amortised cost
// per insertion.
class sweep_schedule {
public:
  static constexpr std::size_t kSlack = 16;

  // Counts an insertion whose death will not be reported; true when it is
  // time to sweep.
  bool unreported_insertion() noexcept { return ++insertions_ > live_at_sweep_ + kSlack; }
  // Records a finished sweep that left live entries.
  void swept(std::size_t live) noexcept {
    live_at_sweep_ = live;
    insertions_ = 0;
  }

private:
  std::size_t insertions_ = 0;     // unreported insertions since the last sweep
  std::size_t live_at_sweep_ = 0;  // entries live after it
};

}  // namespace detail
}  // namespace weakref

#endif  // WEAKREF_DETAIL_SWEEP_SCHEDULE_HPP
