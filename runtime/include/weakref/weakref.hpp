// weakref/weakref.hpp - the whole runtime in one include: what weakify's
// fix-its insert, so that fixes from several checks in one file add the
// same line (once) rather than competing lines at the same place.
#ifndef WEAKREF_WEAKREF_HPP
#define WEAKREF_WEAKREF_HPP

#include <weakref/cache.hpp>
#include <weakref/enable_weakref.hpp>
#include <weakref/exceptions.hpp>
#include <weakref/finalize.hpp>
#include <weakref/key_map.hpp>
#include <weakref/make_shared.hpp>
#include <weakref/ref.hpp>
#include <weakref/set.hpp>
#include <weakref/synchronized.hpp>
#include <weakref/value_map.hpp>

#endif  // WEAKREF_WEAKREF_HPP
