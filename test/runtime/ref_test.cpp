// ref: the behaviours of CPython's weakref.ref that C++ code can rely on
// (after Lib/test/test_weakref.py, ReferencesTestCase), and the two ways to
// make an object whose death a callback observes: weakref::make_shared and
// weakref::enable_weakref.
#include <weakref/ref.hpp>
#include <weakref/set.hpp>

#include "recorded_exceptions.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <unordered_set>
#include <utility>
#include <vector>

namespace {

struct Object {
  explicit Object(int v = 0) : value(v) {}
  int value;
};

using Ref = weakref::ref<Object>;

using weakref_test::record_exception;
using weakref_test::RecordedExceptions;

// ------------------------------------------------------------------- ref

TEST(Ref, GivesTheObjectWhileItLivesAndNullAfter) {  // test_basic_ref
  auto o = weakref::make_shared<Object>(1);
  Ref r(o);
  EXPECT_EQ(r(), o);
  EXPECT_FALSE(r.expired());
  o.reset();
  EXPECT_EQ(r(), nullptr);
  EXPECT_TRUE(r.expired());
}

TEST(Ref, WithoutACallbackAnySharedPtrDoes) {
  auto o = std::make_shared<Object>(2);
  weakref::ref r = o;  // deduces ref<Object>, like std::weak_ptr
  static_assert(std::is_same_v<decltype(r), Ref>);
  EXPECT_EQ(r()->value, 2);
  o.reset();
  EXPECT_TRUE(r.expired());
}

TEST(Ref, EmptyRefIsExpiredAndEqualToOtherEmptyRefs) {
  Ref a, b;
  EXPECT_TRUE(a.expired());
  EXPECT_EQ(a(), nullptr);
  EXPECT_EQ(a, b);
  auto o = weakref::make_shared<Object>();
  EXPECT_NE(a, Ref(o));
}

TEST(Ref, CallbackRunsOnceAfterTheDeathWithTheDeadRef) {  // test_basic_callback
  struct Tracked {
    explicit Tracked(bool* d) : destroyed(d) {}
    ~Tracked() { *destroyed = true; }
    bool* destroyed;
  };
  bool destroyed = false;
  auto o = weakref::make_shared<Tracked>(&destroyed);
  int calls = 0;
  weakref::ref<Tracked>* original = nullptr;
  weakref::ref r(o, [&](const weakref::ref<Tracked>& dead) {
    ++calls;
    EXPECT_TRUE(destroyed) << "callbacks run after the object is destroyed";
    EXPECT_TRUE(dead.expired());
    EXPECT_EQ(dead(), nullptr);
    EXPECT_EQ(dead, *original);
  });
  original = &r;
  EXPECT_EQ(calls, 0);
  o.reset();
  EXPECT_EQ(calls, 1);
  EXPECT_TRUE(r.expired());
}

TEST(Ref, SeveralCallbacksRunNewestFirst) {  // test_multiple_callbacks
  auto o = weakref::make_shared<Object>();
  std::vector<int> order;
  Ref r1(o, [&](const Ref&) { order.push_back(1); });
  Ref r2(o, [&](const Ref&) { order.push_back(2); });
  Ref r3(o, [&](const Ref&) { order.push_back(3); });
  o.reset();
  EXPECT_EQ(order, (std::vector<int>{3, 2, 1}));
}

TEST(Ref, EveryRefIsDeadBeforeTheFirstCallbackRuns) {
  auto o = weakref::make_shared<Object>();
  weakref::set<Object> members{o};
  Ref plain_before(o);
  std::vector<Ref*> all;
  int checked = 0;
  auto check_all_dead = [&](const Ref& dead) {
    EXPECT_TRUE(dead.expired());
    for (const Ref* r : all) EXPECT_TRUE(r->expired());
    EXPECT_TRUE(members.empty());
    ++checked;
  };
  Ref with_callback1(o, check_all_dead);
  Ref with_callback2(o, check_all_dead);
  Ref plain_after(o);
  all = {&plain_before, &with_callback1, &with_callback2, &plain_after};
  o.reset();
  EXPECT_EQ(checked, 2);
}

TEST(Ref, ARefDestroyedBeforeTheDeathNeverCallsBack) {
  auto o = weakref::make_shared<Object>();
  int calls = 0;
  auto r = std::make_unique<Ref>(o, [&](const Ref&) { ++calls; });
  r.reset();
  Ref assigned(o, [&](const Ref&) { ++calls; });
  assigned = Ref();  // assignment drops the callback too
  o.reset();
  EXPECT_EQ(calls, 0);
}

TEST(Ref, AMoveCarriesTheCallbackAndEmptiesTheSource) {
  auto o = weakref::make_shared<Object>();
  int calls = 0;
  Ref first(o, [&](const Ref&) { ++calls; });
  Ref second(std::move(first));
  EXPECT_EQ(first, Ref());  // NOLINT(bugprone-use-after-move): defined state
  std::vector<Ref> moved_around;
  for (int i = 0; i < 20; ++i) moved_around.push_back(Ref(o));  // reallocations move
  moved_around.insert(moved_around.begin(), std::move(second));
  o.reset();
  EXPECT_EQ(calls, 1);
}

TEST(Ref, ACopyRefersToTheSameObjectWithoutTheCallback) {
  auto o = weakref::make_shared<Object>();
  int calls = 0;
  auto original = std::make_unique<Ref>(o, [&](const Ref&) { ++calls; });
  Ref copy(*original);
  Ref assigned;
  assigned = *original;
  EXPECT_EQ(copy, *original);
  EXPECT_EQ(assigned, *original);
  original.reset();  // the only callback goes with its ref
  o.reset();
  EXPECT_EQ(calls, 0);
  EXPECT_TRUE(copy.expired());
}

TEST(Ref, AnEmptyCallbackMeansNone) {
  auto o = std::make_shared<Object>();  // cannot report its death; no need to
  Ref r(o, Ref::callback_type());
  EXPECT_FALSE(r.expired());
}

TEST(Ref, ACallbackOnAnObjectThatCannotReportItsDeathThrows) {
  auto plain = std::make_shared<Object>();
  auto callback = [](const Ref&) {};
  EXPECT_THROW(Ref(plain, callback), weakref::not_weakly_referenceable);
  EXPECT_THROW(Ref(std::shared_ptr<Object>(), callback), weakref::not_weakly_referenceable);
  EXPECT_NO_THROW(Ref{plain});
}

TEST(Ref, AThrowingCallbackGoesToTheHandlerAndTheOthersRun) {
  RecordedExceptions exceptions;
  auto o = weakref::make_shared<Object>();
  std::vector<int> order;
  Ref r1(o, [&](const Ref&) { order.push_back(1); });
  Ref r2(o, [&](const Ref&) { throw std::runtime_error("boom"); });
  Ref r3(o, [&](const Ref&) { order.push_back(3); });
  o.reset();
  EXPECT_EQ(order, (std::vector<int>{3, 1}));
  EXPECT_EQ(exceptions.seen(), (std::vector<std::string>{"boom"}));
}

TEST(Ref, SetCallbackExceptionHandlerReturnsThePreviousOne) {
  weakref::callback_exception_handler original =
      weakref::set_callback_exception_handler(&record_exception);
  EXPECT_EQ(weakref::set_callback_exception_handler(nullptr), &record_exception);
  // nullptr restored the default printer.
  EXPECT_EQ(weakref::set_callback_exception_handler(original),
            &weakref::detail::print_callback_exception);
}

TEST(Ref, EqualityAndHashFollowTheOwnerAndSurviveTheDeath) {  // test_equality, test_hashing
  auto a = weakref::make_shared<Object>(7);
  auto twin = weakref::make_shared<Object>(7);
  Ref a1(a), a2(a), t(twin);
  EXPECT_EQ(a1, a2);
  EXPECT_NE(a1, t);  // equal values, different objects
  std::hash<Ref> hash;
  EXPECT_EQ(hash(a1), hash(a2));
  std::unordered_set<Ref> refs{a1, a2, t};
  EXPECT_EQ(refs.size(), 2u);

  const std::size_t hash_before = hash(a1);
  a.reset();
  EXPECT_EQ(a1, a2);
  EXPECT_NE(a1, t);
  EXPECT_EQ(hash(a1), hash_before);
  EXPECT_EQ(refs.count(a2), 1u);
}

TEST(Ref, AliasingAndConvertedPointersShareTheOwnersIdentityAndHooks) {
  struct Base {
    virtual ~Base() = default;
  };
  struct Derived : Base {
    Object member{5};
  };
  auto derived = weakref::make_shared<Derived>();
  std::shared_ptr<Object> alias(derived, &derived->member);
  std::shared_ptr<Base> base = derived;
  weakref::ref<Base> implicit = derived;  // converts like std::weak_ptr
  EXPECT_EQ(implicit(), base);
  EXPECT_TRUE(weakref::detail::hooks_of(alias));
  EXPECT_EQ(weakref::detail::hooks_of(alias).get(), weakref::detail::hooks_of(base).get());

  int calls = 0;
  Ref to_member(alias, [&](const Ref&) { ++calls; });
  weakref::ref<Base> to_base(base, [&](const weakref::ref<Base>&) { ++calls; });
  EXPECT_EQ(to_member, Ref(std::shared_ptr<Object>(derived, &derived->member)));
  EXPECT_EQ(std::hash<Ref>()(to_member),
            std::hash<weakref::ref<Derived>>()(weakref::ref<Derived>(derived)));

  derived.reset();
  base.reset();
  EXPECT_EQ(calls, 0);  // alias still owns it
  alias.reset();
  EXPECT_EQ(calls, 2);
}

TEST(Ref, TheCallbackMayDestroyItsOwnRef) {  // after test_sf_bug_840829
  auto o = weakref::make_shared<Object>();
  int calls = 0;
  auto holder = std::make_unique<Ref>();
  *holder = Ref(o, [&](const Ref& dead) {
    holder.reset();
    EXPECT_TRUE(dead.expired());  // the ref handed in is not the destroyed one
    ++calls;
  });
  o.reset();
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(holder);
}

TEST(Ref, ACallbackMayKillAnotherObjectWhoseCallbacksRunInside) {
  auto first = weakref::make_shared<Object>(1);
  auto second = weakref::make_shared<Object>(2);
  std::vector<std::string> log;
  Ref r2(second, [&](const Ref&) { log.push_back("second"); });
  Ref r1(first, [&](const Ref&) {
    log.push_back("first begins");
    second.reset();
    log.push_back("first ends");
  });
  first.reset();
  EXPECT_EQ(log, (std::vector<std::string>{"first begins", "second", "first ends"}));
}

TEST(MakeShared, ForwardsArgumentsAndKeepsEnableSharedFromThis) {
  auto text = weakref::make_shared<std::string>(3, 'x');
  EXPECT_EQ(*text, "xxx");
  struct Node : std::enable_shared_from_this<Node> {};
  auto node = weakref::make_shared<Node>();
  EXPECT_EQ(node->shared_from_this(), node);
  int calls = 0;
  weakref::ref<Node> r(node->shared_from_this(), [&](const weakref::ref<Node>&) { ++calls; });
  node.reset();
  EXPECT_EQ(calls, 1);
}

// --------------------------------------------------------- enable_weakref

struct Widget : weakref::enable_weakref<Widget> {
  explicit Widget(std::vector<std::string>* l = nullptr) : log(l) {}
  Widget(const Widget&) = default;
  Widget& operator=(const Widget&) = default;
  virtual ~Widget() {
    if (log) log->push_back("~Widget");
  }
  std::vector<std::string>* log;
};

TEST(EnableWeakref, AnObjectOnTheStack) {
  std::vector<std::string> log;
  std::optional<weakref::ref<Widget>> with_callback;
  weakref::ref<Widget> plain;
  {
    Widget w(&log);
    with_callback.emplace(w, [&](const weakref::ref<Widget>& dead) {
      log.push_back(dead.expired() ? "callback, dead" : "callback, alive");
    });
    weakref::ref deduced(w);
    static_assert(std::is_same_v<decltype(deduced), weakref::ref<Widget>>);
    plain = deduced;
    EXPECT_EQ((*with_callback)().get(), &w);
    EXPECT_EQ(w.anchor_from_this().get(), &w);
    EXPECT_EQ(w.weakref_from_this().lock().get(), &w);
    const Widget& view = w;
    EXPECT_EQ(weakref::ref<const Widget>(view)().get(), &w);
  }
  EXPECT_EQ(log, (std::vector<std::string>{"~Widget", "callback, dead"}));
  EXPECT_TRUE(plain.expired());
  EXPECT_EQ(plain, *with_callback);
}

TEST(EnableWeakref, AnObjectInAUniquePtr) {
  auto owner = std::make_unique<Widget>();
  weakref::set<Widget> observers;
  observers.insert(owner->anchor_from_this());
  int calls = 0;
  weakref::ref<Widget> r(*owner, [&](const weakref::ref<Widget>&) { ++calls; });
  EXPECT_EQ(observers.size(), 1u);
  owner.reset();
  EXPECT_TRUE(observers.empty());
  EXPECT_TRUE(r.expired());
  EXPECT_EQ(calls, 1);
}

TEST(EnableWeakref, AMemberOfAPlainSharedObject) {
  struct Panel {
    Widget part;
  };
  auto panel = std::make_shared<Panel>();  // plain, yet its part can report its death
  int calls = 0;
  weakref::ref<Widget> r(panel->part, [&](const weakref::ref<Widget>&) { ++calls; });
  panel.reset();
  EXPECT_EQ(calls, 1);
}

TEST(EnableWeakref, CopiesAreNewObjectsAndAssignmentKeepsTheIdentity) {
  Widget a, b;
  weakref::ref<Widget> ra(a), rb(b);
  Widget copy(a);
  Widget moved(std::move(a));
  EXPECT_NE(weakref::ref<Widget>(copy), ra);
  EXPECT_NE(weakref::ref<Widget>(moved), ra);
  EXPECT_FALSE(ra.expired());  // a still exists
  b = copy;
  EXPECT_EQ(weakref::ref<Widget>(b), rb);
  EXPECT_FALSE(rb.expired());
}

TEST(EnableWeakref, ClearWeakrefsExpiresThemBeforeTheMembersGo) {
  static std::vector<std::string> log;
  log.clear();
  struct Member {
    ~Member() { log.push_back("member destroyed"); }
  };
  struct Early : weakref::enable_weakref<Early> {
    ~Early() {
      clear_weakrefs();
      log.push_back(anchor_from_this() ? "anchor still there" : "destructor body");
    }
    Member member;
  };
  std::optional<weakref::ref<Early>> r;  // outlives e
  {
    Early e;
    r.emplace(e, [](const weakref::ref<Early>& dead) {
      log.push_back(dead.expired() ? "callback, dead" : "callback, alive");
    });
  }
  EXPECT_EQ(log, (std::vector<std::string>{"callback, dead", "destructor body",
                                           "member destroyed"}));
}

TEST(EnableWeakref, ARefMadeDuringDestructionStillCallsBack) {  // test_ref_created_during_del
  static std::vector<weakref::ref<Widget>> made_in_destructor;
  static int calls = 0;
  made_in_destructor.clear();
  calls = 0;
  struct Phoenix : Widget {
    ~Phoenix() override {
      made_in_destructor.emplace_back(*this, [](const weakref::ref<Widget>&) { ++calls; });
    }
  };
  { Phoenix p; }
  EXPECT_EQ(calls, 1);
  ASSERT_EQ(made_in_destructor.size(), 1u);
  EXPECT_TRUE(made_in_destructor[0].expired());
  made_in_destructor.clear();
}

// --------------------------------------------------------------- threads

TEST(RefThreads, ObjectsDyingOnAnotherThreadWhileRefsComeAndGo) {
  constexpr int kObjects = 2000;
  std::vector<std::shared_ptr<Object>> owned;
  std::vector<std::weak_ptr<Object>> weak;
  for (int i = 0; i < kObjects; ++i) {
    owned.push_back(weakref::make_shared<Object>(i));
    weak.push_back(owned.back());
  }
  std::atomic<bool> go{false};
  std::atomic<int> kept_calls{0}, dropped_calls{0};
  std::thread killer([&] {
    while (!go.load()) std::this_thread::yield();
    for (auto& p : owned) p.reset();  // most objects die on this thread
  });

  std::vector<Ref> kept;
  kept.reserve(kObjects);
  int kept_with_callback = 0;
  go = true;
  for (int i = 0; i < kObjects; ++i) {
    std::shared_ptr<Object> p = weak[i].lock();
    if (!p) continue;
    Ref dropped(p, [&](const Ref&) { ++dropped_calls; });
    kept.emplace_back(p, [&](const Ref& dead) {
      EXPECT_TRUE(dead.expired());
      ++kept_calls;
    });
    ++kept_with_callback;
    p.reset();  // now the object may die here or there, while `dropped` goes
  }
  killer.join();

  EXPECT_EQ(kept_calls.load(), kept_with_callback);  // exactly once each
  EXPECT_LE(dropped_calls.load(), kept_with_callback);
  for (const Ref& r : kept) EXPECT_TRUE(r.expired());
}

}  // namespace
