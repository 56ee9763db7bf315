// finalize-exit: CPython's FinalizeTestCase.test_atexit as a program of its
// own, run by check.cmake. At normal exit the pending atexit finalizers run
// newest first, from a std::atexit handler registered when the first
// finalizer was made (so between the handlers registered before and after
// it); one made during the exit run runs next; a raising one goes to the
// default handler (one line on stderr) and the others still run; one that
// ran, was detached or is atexit(false) does not run; nothing runs after
// the exit run (an object dying in static destruction) nor at quick_exit.
//
// Usage: weakify_finalize_exit_program [return | exit3 | quick_exit]
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <weakref/enable_weakref.hpp>
#include <weakref/finalize.hpp>
#include <weakref/make_shared.hpp>

namespace {

struct A {};

// An object with static storage that reports its death: it is destroyed
// in static destruction, after the exit run.
struct Anchor : weakref::enable_weakref<Anchor> {};

// Python's print: one line on stdout, written at once so that check.cmake
// sees it in order with stderr.
void say(const char* text) {
  std::fputs(text, stdout);
  std::fputs("\n", stdout);
  std::fflush(stdout);
}

void before_handler() { say("atexit handler registered before"); }
void after_handler() { say("atexit handler registered after"); }

}  // namespace

int main(int argc, char** argv) {
  const char* mode = argc > 1 ? argv[1] : "return";
  std::atexit(&before_handler);

  static std::shared_ptr<A> late = weakref::make_shared<A>();
  static auto* const cls = new std::shared_ptr<A>(weakref::make_shared<A>());
  static Anchor anchor;

  // The first finalizer: registers the exit run.
  weakref::finalize late_f(late, say, "late: must not run");
  late_f.atexit(false);  // and late dies after the exit run anyway

  {
    auto dies_now = weakref::make_shared<A>();
    weakref::finalize at_death(dies_now, say, "died in main");
  }  // runs here, and not again at exit

  weakref::finalize f0(*cls, [] {
    say("f0 error");
    throw std::runtime_error("f0 failed");
  });
  weakref::finalize f1(*cls, say, "f1 foobar");
  weakref::finalize f2(*cls, say, "f2: must not run");
  f2.atexit(false);
  weakref::finalize f3(*cls, [] {
    // A finalizer made by one run at exit runs next.
    weakref::finalize g1(*cls, say, "g1");
    say("f3 error");
    throw std::runtime_error("division by zero");
  });
  weakref::finalize f4(*cls, say, "f4 foobar");
  weakref::finalize called(*cls, say, "called in main");
  called();
  weakref::finalize detached(*cls, say, "detached: must not run");
  if (!detached.detach()) say("detach failed");
  weakref::finalize on_anchor(anchor, say, "anchor");
  if (!f1.atexit() || f2.atexit() || !on_anchor.atexit()) say("atexit flags wrong");

  std::atexit(&after_handler);
  say("main ends");
  if (std::strcmp(mode, "exit3") == 0) std::exit(3);
  if (std::strcmp(mode, "quick_exit") == 0) std::quick_exit(0);
  return 0;
}
