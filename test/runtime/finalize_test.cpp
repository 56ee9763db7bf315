// finalize: CPython's weakref.finalize (after Lib/test/test_weakref.py,
// FinalizeTestCase): at most once, at death, when called, or at exit.
#include <weakref/finalize.hpp>

#include "recorded_exceptions.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

namespace {

struct A {};

int add(int x, int y) { return x + y; }

using weakref_test::record_exception;
using weakref_test::RecordedExceptions;

TEST(Finalize, CalledDetachedOrAtDeath) {  // test_finalize
  auto a = weakref::make_shared<A>();

  weakref::finalize f(a, add, 67, 43);
  static_assert(std::is_same_v<decltype(f), weakref::finalize<int>>);
  EXPECT_TRUE(f.alive());
  auto peeked = f.peek();
  ASSERT_TRUE(peeked);
  EXPECT_EQ((*peeked)(), 110);
  EXPECT_EQ(f(), 110);
  EXPECT_EQ(f(), std::nullopt);
  EXPECT_EQ(f(), std::nullopt);
  EXPECT_FALSE(f.peek());
  EXPECT_FALSE(f.detach());
  EXPECT_FALSE(f.alive());

  f = weakref::finalize(a, add, 67, 43);
  peeked = f.peek();
  ASSERT_TRUE(peeked);
  EXPECT_EQ((*peeked)(), 110);
  auto detached = f.detach();
  ASSERT_TRUE(detached);
  EXPECT_EQ((*detached)(), 110);
  EXPECT_FALSE(f.alive());
  EXPECT_EQ(f(), std::nullopt);
  EXPECT_FALSE(f.peek());
  EXPECT_FALSE(f.detach());

  std::vector<int> res;
  weakref::finalize at_death(a, [&res](int x, int y) { res.push_back(add(x, y)); }, 67, 43);
  a.reset();
  EXPECT_EQ(res, std::vector<int>{110});
  EXPECT_FALSE(at_death.alive());
  EXPECT_FALSE(at_death());
}

TEST(Finalize, Order) {  // test_order
  auto a = weakref::make_shared<A>();
  std::vector<std::string> res;
  auto append = [&res](const std::string& s) { res.push_back(s); };

  std::optional<weakref::finalize<>> f1(std::in_place, a, append, "f1");
  weakref::finalize f2(a, append, "f2");
  weakref::finalize f3(a, append, "f3");
  std::optional<weakref::finalize<>> f4(std::in_place, a, append, "f4");
  weakref::finalize f5(a, append, "f5");

  // Dropping a handle does not cancel its finalizer.
  f1.reset();
  f4.reset();

  EXPECT_TRUE(f2.alive());
  EXPECT_TRUE(f3.alive());
  EXPECT_TRUE(f5.alive());

  EXPECT_TRUE(f5.detach());
  EXPECT_FALSE(f5.alive());

  f5();  // nothing: detached
  res.push_back("A");
  f3();  // f3
  EXPECT_FALSE(f3.alive());
  res.push_back("B");
  f3();  // nothing: already called
  res.push_back("C");
  a.reset();  // f4, f2, f1: newest first
  EXPECT_FALSE(f2.alive());
  res.push_back("D");
  f2();  // nothing: already run at death

  EXPECT_EQ(res, (std::vector<std::string>{"A", "f3", "B", "C", "f4", "f2", "f1", "D"}));
}

TEST(Finalize, TheRegistrationKeepsItsStateUntilItRunsThenFreesIt) {  // test_all_freed
  auto a = weakref::make_shared<A>();
  std::vector<int> res;
  auto state = std::make_shared<int>(123);  // stands for what the callback holds
  std::weak_ptr<int> watch = state;
  std::optional<weakref::finalize<>> f(std::in_place, a, [&res, state] { res.push_back(*state); });
  state.reset();
  f.reset();
  EXPECT_FALSE(watch.expired());
  a.reset();
  EXPECT_TRUE(watch.expired());
  EXPECT_EQ(res, std::vector<int>{123});
}

TEST(Finalize, StateIsFreedWhenCalledOrDetached) {
  auto a = weakref::make_shared<A>();
  auto state = std::make_shared<int>(1);
  std::weak_ptr<int> watch = state;
  auto use = [](const std::shared_ptr<int>& s) { return *s; };

  weakref::finalize called(a, use, state);
  weakref::finalize detached(a, use, state);
  state.reset();
  auto peeked = called.peek();  // a peeked function keeps the state alive
  EXPECT_EQ(called(), 1);
  EXPECT_FALSE(watch.expired());
  peeked.reset();
  {
    auto function = detached.detach();
    ASSERT_TRUE(function);
    EXPECT_EQ((*function)(), 1);
    EXPECT_FALSE(watch.expired());
  }
  EXPECT_TRUE(watch.expired());
}

TEST(Finalize, CopiesOfAHandleShareOneRegistration) {
  auto a = weakref::make_shared<A>();
  int runs = 0;
  weakref::finalize f(a, [&runs] { ++runs; });
  auto copy = f;
  EXPECT_TRUE(copy());
  EXPECT_FALSE(f.alive());
  EXPECT_FALSE(f());
  weakref::finalize moved(std::move(copy));
  EXPECT_FALSE(copy.alive());  // NOLINT(bugprone-use-after-move): defined state
  a.reset();
  EXPECT_EQ(runs, 1);
}

TEST(Finalize, AVoidFinalizerSaysWhetherItRanAndHoldsAnyResult) {
  auto a = weakref::make_shared<A>();
  weakref::finalize<> any = weakref::finalize(a, add, 1, 2);  // result discarded
  auto peeked = any.peek();
  ASSERT_TRUE(peeked);
  static_assert(std::is_same_v<decltype(peeked), std::optional<std::function<void()>>>);
  (*peeked)();
  EXPECT_TRUE(any.alive());
  EXPECT_TRUE(any());
  EXPECT_FALSE(any());
  weakref::finalize<> empty;
  EXPECT_FALSE(empty.alive());
  EXPECT_FALSE(empty.atexit());
  EXPECT_FALSE(empty());
}

TEST(Finalize, ObjectsThatCannotReportTheirDeathAreRefused) {
  auto state = std::make_shared<int>(0);
  auto fn = [state] { return *state; };
  EXPECT_THROW(weakref::finalize(std::make_shared<A>(), fn), weakref::not_weakly_referenceable);
  EXPECT_THROW(weakref::finalize(std::shared_ptr<A>(), fn), weakref::not_weakly_referenceable);
  EXPECT_EQ(state.use_count(), 2);  // here and in fn: no copy stayed registered
}

TEST(Finalize, AnEnableWeakrefObjectOnTheStack) {
  struct Resource : weakref::enable_weakref<Resource> {
    explicit Resource(std::vector<std::string>* l) : log(l) {}
    ~Resource() { log->push_back("~Resource"); }
    std::vector<std::string>* log;
  };
  std::vector<std::string> log;
  weakref::finalize<> cleanup;
  {
    Resource r(&log);
    cleanup = weakref::finalize(r, [&log] { log.push_back("finalizer"); });
    EXPECT_TRUE(cleanup.alive());
  }
  EXPECT_EQ(log, (std::vector<std::string>{"~Resource", "finalizer"}));
  EXPECT_FALSE(cleanup.alive());
}

TEST(Finalize, WhenCalledItsExceptionPropagatesAndItIsDeadAnyway) {
  RecordedExceptions exceptions;
  auto a = weakref::make_shared<A>();
  weakref::finalize f(a, [] { throw std::runtime_error("called"); });
  EXPECT_THROW(f(), std::runtime_error);
  EXPECT_FALSE(f.alive());
  a.reset();
  EXPECT_TRUE(exceptions.seen().empty());
}

TEST(Finalize, AtDeathAThrowingFinalizerGoesToTheHandlerAndOthersRun) {
  RecordedExceptions exceptions;
  auto a = weakref::make_shared<A>();
  std::vector<int> ran;
  weakref::finalize first(a, [&ran] { ran.push_back(1); });
  weakref::finalize second(a, [] { throw std::runtime_error("boom"); });
  a.reset();
  EXPECT_EQ(ran, std::vector<int>{1});
  EXPECT_EQ(exceptions.seen(), std::vector<std::string>{"boom"});
}

TEST(Finalize, AFinalizerMayCallItsOwnHandleAndMakeNewOnes) {
  auto a = weakref::make_shared<A>();
  auto b = weakref::make_shared<A>();
  weakref::finalize<> self;
  std::vector<std::string> log;
  weakref::finalize<> made_inside;
  self = weakref::finalize(a, [&] {
    log.push_back(self() ? "ran again" : "not again");
    made_inside = weakref::finalize(b, [&log] { log.push_back("inner"); });
  });
  a.reset();
  EXPECT_TRUE(made_inside.alive());
  b.reset();
  EXPECT_EQ(log, (std::vector<std::string>{"not again", "inner"}));
}

TEST(Finalize, AtexitIsTrueByDefaultAndFollowsTheRegistration) {
  auto a = weakref::make_shared<A>();
  weakref::finalize f(a, [] {});
  EXPECT_TRUE(f.atexit());
  f.atexit(false);
  EXPECT_FALSE(f.atexit());
  f.atexit(true);
  EXPECT_TRUE(f());
  EXPECT_FALSE(f.atexit());  // not alive any more
  f.atexit(true);
  EXPECT_FALSE(f.atexit());
}

// ------------------------------------------------------------------ exit

void say(const char* text) {
  std::fputs(text, stderr);
  std::fputs("\n", stderr);
}

void print_what(std::exception_ptr error) noexcept {
  try {
    std::rethrow_exception(error);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "handler: %s\n", e.what());
  }
}

// test_atexit's child: pending atexit finalizers run at exit newest first,
// one made meanwhile runs next, atexit(false) ones never run, and none runs
// after the exit run (here `late` dies in static destruction after it).
[[noreturn]] void run_in_child() {
  static std::shared_ptr<A> late = weakref::make_shared<A>();  // destroyed after the run
  static auto* const cls = new std::shared_ptr<A>(weakref::make_shared<A>());  // never dies
  weakref::set_callback_exception_handler(&print_what);

  weakref::finalize late_f(late, say, "late");
  late_f.atexit(false);
  auto error = [] {
    // A finalizer made by a finalizer run at exit runs next.
    weakref::finalize g1(*cls, say, "g1");
    say("f3 error");
    throw std::runtime_error("division by zero");
  };
  weakref::finalize f1(*cls, say, "f1 foobar");
  weakref::finalize f2(*cls, say, "f2 foobar");
  weakref::finalize f3(*cls, error);
  weakref::finalize f4(*cls, say, "f4 foobar");
  if (!f1.atexit()) say("f1 is not atexit");
  f2.atexit(false);
  std::exit(0);
}

TEST(FinalizeDeathTest, PendingFinalizersRunAtExitNewestFirst) {  // test_atexit
  // A fresh process: this one's earlier finalizers must not be inherited.
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_EXIT(run_in_child(), testing::ExitedWithCode(0),
              "^f4 foobar\nf3 error\nhandler: division by zero\ng1\nf1 foobar\n$");
}

// --------------------------------------------------------------- threads

TEST(FinalizeThreads, ObjectsDyingOnAnotherThreadWhileFinalizersAreMadeAndCalled) {
  constexpr int kObjects = 1000;
  std::vector<std::shared_ptr<A>> owned;
  std::vector<std::weak_ptr<A>> weak;
  for (int i = 0; i < kObjects; ++i) {
    owned.push_back(weakref::make_shared<A>());
    weak.push_back(owned.back());
  }
  std::atomic<bool> go{false};
  std::atomic<int> runs{0};
  std::thread killer([&] {
    while (!go.load()) std::this_thread::yield();
    for (auto& p : owned) p.reset();
  });

  std::vector<weakref::finalize<>> handles;
  int made = 0, detached = 0;
  go = true;
  for (int i = 0; i < kObjects; ++i) {
    std::shared_ptr<A> p = weak[i].lock();
    if (!p) continue;
    handles.emplace_back(p, [&runs] { ++runs; });
    ++made;
    p.reset();  // from here the death races with what follows
    if (i % 3 == 0) handles.back()();
    if (i % 5 == 0 && handles.back().detach()) ++detached;
    handles.back().atexit(i % 2 == 0);
  }
  killer.join();

  EXPECT_EQ(runs.load() + detached, made);  // each ran exactly once, or was detached
  for (const auto& h : handles) EXPECT_FALSE(h.alive());
}

}  // namespace
