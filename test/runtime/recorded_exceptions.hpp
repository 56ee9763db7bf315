// Test helper: records what death callbacks and finalizers hand to the
// callback exception handler, for the tests of ref and finalize.
#ifndef WEAKIFY_TEST_RUNTIME_RECORDED_EXCEPTIONS_HPP
#define WEAKIFY_TEST_RUNTIME_RECORDED_EXCEPTIONS_HPP

#include <weakref/exceptions.hpp>

#include <exception>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

namespace weakref_test {

// Exception handlers are plain functions, so they report through a global
// (one for the whole test binary: tests run one at a time).
inline std::mutex& handled_mutex() {
  static std::mutex m;
  return m;
}
inline std::vector<std::string>& handled() {
  static std::vector<std::string> messages;
  return messages;
}

// A callback_exception_handler that keeps what() ("?" for a non-std exception).
inline void record_exception(std::exception_ptr error) noexcept {
  std::string message = "?";
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    message = e.what();
  } catch (...) {
  }
  std::lock_guard<std::mutex> lock(handled_mutex());
  handled().push_back(std::move(message));
}

// Records callback exceptions for one test, then restores the handler.
class RecordedExceptions {
public:
  RecordedExceptions() : previous_(weakref::set_callback_exception_handler(&record_exception)) {
    std::lock_guard<std::mutex> lock(handled_mutex());
    handled().clear();
  }
  ~RecordedExceptions() { weakref::set_callback_exception_handler(previous_); }
  RecordedExceptions(const RecordedExceptions&) = delete;
  RecordedExceptions& operator=(const RecordedExceptions&) = delete;

  std::vector<std::string> seen() const {
    std::lock_guard<std::mutex> lock(handled_mutex());
    return handled();
  }

private:
  weakref::callback_exception_handler previous_;
};

}  // namespace weakref_test

#endif  // WEAKIFY_TEST_RUNTIME_RECORDED_EXCEPTIONS_HPP
