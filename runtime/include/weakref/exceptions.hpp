// weakref/exceptions.hpp - what the runtime throws, and where exceptions
// from death callbacks and finalizers go (they run in destructors and cannot
// propagate): set_callback_exception_handler.
#ifndef WEAKREF_EXCEPTIONS_HPP
#define WEAKREF_EXCEPTIONS_HPP

#include <weakref/detail/raise.hpp>

#include <atomic>
#include <cstdio>
#include <exception>
#include <stdexcept>

namespace weakref {

// Thrown when a death callback or finalizer is requested for an object that
// cannot report its death: a plain std::make_shared / std::shared_ptr object.
// Create it with weakref::make_shared or derive it from weakref::enable_weakref.
class not_weakly_referenceable : public std::logic_error {
public:
  using std::logic_error::logic_error;
};

// Receives exceptions thrown by death callbacks and finalizers (which run in
// destructors and cannot propagate). The default handler prints to stderr.
using callback_exception_handler = void (*)(std::exception_ptr) noexcept;

namespace detail {

inline void print_callback_exception(std::exception_ptr error) noexcept {
#if WEAKREF_HAS_EXCEPTIONS
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "weakref: exception ignored in callback: %s\n", e.what());
  } catch (...) {
    std::fprintf(stderr, "weakref: unknown exception ignored in callback\n");
  }
#else
  static_cast<void>(error);  // Nothing can throw without exceptions.
#endif
}

inline std::atomic<callback_exception_handler>& exception_handler_slot() noexcept {
  static std::atomic<callback_exception_handler> slot{&print_callback_exception};
  return slot;
}

inline void report_callback_exception(std::exception_ptr error) noexcept {
  exception_handler_slot().load()(error);
}

}  // namespace detail

// Installs the handler for exceptions escaping death callbacks and finalizers
// and returns the previous one; nullptr restores the default (print to
// stderr). The handler may run on any thread, during destructors.
inline callback_exception_handler set_callback_exception_handler(
    callback_exception_handler handler) noexcept {
  return detail::exception_handler_slot().exchange(handler ? handler
                                                           : &detail::print_callback_exception);
}

}  // namespace weakref

#endif  // WEAKREF_EXCEPTIONS_HPP
