// weakref/detail/raise.hpp - the runtime with and without exceptions.
//
// Code bases in the LLVM style build with -fno-exceptions. There the
// runtime's error paths (a null key, at() on an absent key, a callback for
// an object that cannot report its death, too many watched entries) print
// the error to stderr and abort, as the standard library does in that mode;
// the recovery paths that only exist to survive a throwing allocation or a
// throwing user callback compile away, since nothing can throw.
#pragma once

#include <cstdio>
#include <cstdlib>

#if defined(__cpp_exceptions) || defined(__EXCEPTIONS) || defined(_CPPUNWIND)
#define WEAKREF_HAS_EXCEPTIONS 1
#define WEAKREF_TRY try
#define WEAKREF_CATCH_ALL catch (...)
#define WEAKREF_RETHROW throw
#else
#define WEAKREF_HAS_EXCEPTIONS 0
#define WEAKREF_TRY if (true)
#define WEAKREF_CATCH_ALL else
#define WEAKREF_RETHROW static_cast<void>(0)
#endif

namespace weakref {
namespace detail {

// Throws error, or without exceptions reports it and aborts.
template <class Error>
[[noreturn]] void raise(const Error& error) {
#if WEAKREF_HAS_EXCEPTIONS
  throw error;
#else
  std::fprintf(stderr, "weakref: %s\n", error.what());
  std::abort();
#endif
}

}  // namespace detail
}  // namespace weakref
