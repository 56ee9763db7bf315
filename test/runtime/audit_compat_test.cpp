// weakref::audit::tracked is a drop-in replacement: code written for T
// compiles and behaves the same when the plugin wraps the declaration.
// Each Tag is written as the plugin writes it, on one line.
#include <weakref/audit.hpp>

#include <gtest/gtest.h>

#include <deque>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <type_traits>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace {

using weakref::audit::site_info;
using weakref::audit::site_kind;
using weakref::audit::tracked;

struct Shape {
  virtual ~Shape() = default;
  int sides = 0;
};
struct Square : Shape {
  Square() { sides = 4; }
};

struct Scene {
  struct weakify_audit_site_40_3 { static constexpr ::weakref::audit::site_info info() { return {"weakify-owning-cache", "/abs/compat.cpp", 40, "Scene::Names", ::weakref::audit::site_kind::owning_container, false}; } static ::std::size_t owner_size() { return sizeof(Scene); } static ::std::size_t member_offset() { _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Winvalid-offsetof\"") return __builtin_offsetof(Scene, Names); _Pragma("GCC diagnostic pop") } }; ::weakref::audit::tracked<std::map<std::string, std::shared_ptr<Shape>>, weakify_audit_site_40_3> Names;
  struct weakify_audit_site_41_3 { static constexpr ::weakref::audit::site_info info() { return {"weakify-owning-side-table", "/abs/compat.cpp", 41, "Scene::Index", ::weakref::audit::site_kind::owning_container, false}; } static ::std::size_t owner_size() { return sizeof(Scene); } static ::std::size_t member_offset() { _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Winvalid-offsetof\"") return __builtin_offsetof(Scene, Index); _Pragma("GCC diagnostic pop") } }; ::weakref::audit::tracked<std::unordered_map<int, std::shared_ptr<Shape>>, weakify_audit_site_41_3> Index;
  struct weakify_audit_site_42_3 { static constexpr ::weakref::audit::site_info info() { return {"weakify-owning-observers", "/abs/compat.cpp", 42, "Scene::Listeners", ::weakref::audit::site_kind::owning_container, false}; } static ::std::size_t owner_size() { return sizeof(Scene); } static ::std::size_t member_offset() { _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Winvalid-offsetof\"") return __builtin_offsetof(Scene, Listeners); _Pragma("GCC diagnostic pop") } }; ::weakref::audit::tracked<std::vector<std::shared_ptr<Shape>>, weakify_audit_site_42_3> Listeners;
  struct weakify_audit_site_43_3 { static constexpr ::weakref::audit::site_info info() { return {"weakify-owning-observers", "/abs/compat.cpp", 43, "Scene::Queue", ::weakref::audit::site_kind::owning_container, false}; } static ::std::size_t owner_size() { return sizeof(Scene); } static ::std::size_t member_offset() { _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Winvalid-offsetof\"") return __builtin_offsetof(Scene, Queue); _Pragma("GCC diagnostic pop") } }; ::weakref::audit::tracked<std::list<std::shared_ptr<Shape>>, weakify_audit_site_43_3> Queue;
  struct weakify_audit_site_44_3 { static constexpr ::weakref::audit::site_info info() { return {"weakify-owning-observers", "/abs/compat.cpp", 44, "Scene::Seen", ::weakref::audit::site_kind::owning_container, false}; } static ::std::size_t owner_size() { return sizeof(Scene); } static ::std::size_t member_offset() { _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Winvalid-offsetof\"") return __builtin_offsetof(Scene, Seen); _Pragma("GCC diagnostic pop") } }; ::weakref::audit::tracked<std::set<std::shared_ptr<Shape>>, weakify_audit_site_44_3> Seen;
  struct weakify_audit_site_45_3 { static constexpr ::weakref::audit::site_info info() { return {"weakify-owning-observers", "/abs/compat.cpp", 45, "Scene::Recent", ::weakref::audit::site_kind::owning_container, false}; } static ::std::size_t owner_size() { return sizeof(Scene); } static ::std::size_t member_offset() { _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Winvalid-offsetof\"") return __builtin_offsetof(Scene, Recent); _Pragma("GCC diagnostic pop") } }; ::weakref::audit::tracked<std::deque<std::shared_ptr<Shape>>, weakify_audit_site_45_3> Recent;
  struct weakify_audit_site_46_3 { static constexpr ::weakref::audit::site_info info() { return {"weakify-ownership-cycle", "/abs/compat.cpp", 46, "Scene::Current", ::weakref::audit::site_kind::strong_pointer, true}; } static ::std::size_t owner_size() { return sizeof(Scene); } static ::std::size_t member_offset() { _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Winvalid-offsetof\"") return __builtin_offsetof(Scene, Current); _Pragma("GCC diagnostic pop") } }; ::weakref::audit::tracked<std::shared_ptr<Shape>, weakify_audit_site_46_3> Current;
  struct weakify_audit_site_47_3 { static constexpr ::weakref::audit::site_info info() { return {"weakify-self-capture", "/abs/compat.cpp", 47, "Scene::OnDraw", ::weakref::audit::site_kind::callable, false}; } static ::std::size_t owner_size() { return sizeof(Scene); } static ::std::size_t member_offset() { _Pragma("GCC diagnostic push") _Pragma("GCC diagnostic ignored \"-Winvalid-offsetof\"") return __builtin_offsetof(Scene, OnDraw); _Pragma("GCC diagnostic pop") } }; ::weakref::audit::tracked<std::function<int(int)>, weakify_audit_site_47_3> OnDraw;
};

// A Tag of a variable: no owner.
struct weakify_audit_site_60_1 { static constexpr ::weakref::audit::site_info info() { return {"weakify-owning-cache", "/abs/compat.cpp", 60, "Pairs", ::weakref::audit::site_kind::owning_container, false}; } };
using PairVector = tracked<std::vector<std::pair<int, int>>, weakify_audit_site_60_1>;

template <class K, class V>
std::size_t count_deduced(std::map<K, V>& m) {
  return m.size();
}
std::size_t count_plain(std::map<std::string, std::shared_ptr<Shape>>& m) { return m.size(); }
std::size_t count_const(const std::vector<std::shared_ptr<Shape>>& v) { return v.size(); }
int call_plain(const std::function<int(int)>& f, int x) { return f(x); }
int sides_of(const std::shared_ptr<Shape>& s) { return s ? s->sides : -1; }

using Names = decltype(Scene::Names);

static_assert(sizeof(Names) == sizeof(std::map<std::string, std::shared_ptr<Shape>>));
static_assert(sizeof(decltype(Scene::Index)) == sizeof(std::unordered_map<int, std::shared_ptr<Shape>>));
static_assert(sizeof(decltype(Scene::Listeners)) == sizeof(std::vector<std::shared_ptr<Shape>>));
static_assert(sizeof(decltype(Scene::Queue)) == sizeof(std::list<std::shared_ptr<Shape>>));
static_assert(sizeof(decltype(Scene::Seen)) == sizeof(std::set<std::shared_ptr<Shape>>));
static_assert(sizeof(decltype(Scene::Recent)) == sizeof(std::deque<std::shared_ptr<Shape>>));
static_assert(sizeof(decltype(Scene::Current)) == sizeof(std::shared_ptr<Shape>));
static_assert(sizeof(decltype(Scene::OnDraw)) == sizeof(std::function<int(int)>));
static_assert(alignof(decltype(Scene::Names)) == alignof(std::map<std::string, std::shared_ptr<Shape>>));
static_assert(std::is_nothrow_move_constructible_v<decltype(Scene::Listeners)>);
static_assert(std::is_nothrow_move_constructible_v<decltype(Scene::Current)>);
static_assert(std::is_base_of_v<std::map<std::string, std::shared_ptr<Shape>>, Names>);
// What T's members return, the hooks return.
static_assert(std::is_same_v<decltype(std::declval<Names&>()["k"]), std::shared_ptr<Shape>&>);
static_assert(std::is_same_v<decltype(std::declval<Names&>().insert({"k", nullptr})),
                             std::pair<std::map<std::string, std::shared_ptr<Shape>>::iterator, bool>>);
static_assert(std::is_same_v<decltype(std::declval<decltype(Scene::Listeners)&>().emplace_back()),
                             std::shared_ptr<Shape>&>);

TEST(AuditCompat, MapCallForms) {
  Scene scene;
  auto square = std::make_shared<Square>();
  auto& names = scene.Names;
  names.insert({"a", square});
  names.insert(names.end(), {"b", square});
  names.insert(names.cend(), std::make_pair(std::string("c"), square));
  names.insert({{"d", square}, {"e", square}});
  names.insert(std::make_pair("f", square));
  std::pair<const std::string, std::shared_ptr<Shape>> g{"g", square};
  names.insert(g);
  names["h"] = square;
  names[std::string("i")] = square;
  names[{"j"}] = square;
  std::string k = "k";
  names[k] = square;
  EXPECT_TRUE(names.try_emplace("l", square).second);
  EXPECT_FALSE(names.try_emplace(k, square).second);
  names.try_emplace(names.begin(), std::string("m"), square);
  names.insert_or_assign("n", square);
  names.insert_or_assign(names.end(), k, square);
  names.emplace("o", square);
  names.emplace_hint(names.end(), "p", square);
  EXPECT_EQ(names.size(), 16u);
  EXPECT_EQ(names.at("a"), square);
  EXPECT_EQ(names.count("j"), 1u);

  std::size_t visited = 0;
  for (auto& [key, value] : names) {
    EXPECT_FALSE(key.empty());
    EXPECT_EQ(value, square);
    ++visited;
  }
  EXPECT_EQ(visited, 16u);
  auto& [first_key, first_value] = *names.begin();
  EXPECT_EQ(first_key, "a");
  EXPECT_EQ(first_value, square);

  EXPECT_EQ(count_plain(names), 16u);
  EXPECT_EQ(count_deduced(names), 16u);

  std::map<std::string, std::shared_ptr<Shape>> plain = names;  // slicing copy
  EXPECT_TRUE(plain == names);
  EXPECT_FALSE(names != plain);
  decltype(scene.Names) copy = names;
  EXPECT_TRUE(copy == names);
  decltype(scene.Names) from_plain = plain;
  decltype(scene.Names) moved = std::move(copy);
  EXPECT_EQ(moved.size(), 16u);
  decltype(scene.Names) braced{{"x", square}, {"y", square}};
  EXPECT_EQ(braced.size(), 2u);
  decltype(scene.Names) assigned;
  assigned = braced;
  assigned = plain;
  assigned = std::move(moved);
  assigned = {{"z", square}};
  EXPECT_EQ(assigned.size(), 1u);
  assigned = {};
  EXPECT_TRUE(assigned.empty());

  std::swap(braced, from_plain);
  EXPECT_EQ(braced.size(), 16u);
  using std::swap;
  swap(braced, from_plain);
  EXPECT_EQ(braced.size(), 2u);
  braced.swap(plain);
  EXPECT_EQ(braced.size(), 16u);
  EXPECT_TRUE(braced < from_plain || !(braced < from_plain));
}

TEST(AuditCompat, UnorderedMapCallForms) {
  Scene scene;
  auto square = std::make_shared<Square>();
  auto& index = scene.Index;
  index.insert({1, square});
  index.insert(index.end(), {2, square});
  index.insert({{3, square}, {4, square}});
  index[5] = square;
  index.try_emplace(6, square);
  index.insert_or_assign(7, square);
  index.emplace(8, square);
  EXPECT_EQ(index.size(), 8u);
  EXPECT_EQ(index.find(3)->second, square);
  std::unordered_map<int, std::shared_ptr<Shape>>& plain = index;
  plain[9] = square;
  EXPECT_EQ(index.size(), 9u);
  std::size_t hash = std::hash<decltype(scene.Current)>{}(scene.Current);
  EXPECT_EQ(hash, std::hash<std::shared_ptr<Shape>>{}(nullptr));
}

TEST(AuditCompat, SequenceCallForms) {
  Scene scene;
  auto square = std::make_shared<Square>();
  auto& listeners = scene.Listeners;
  listeners.push_back(square);
  listeners.push_back(std::make_shared<Square>());
  listeners.emplace_back(square);
  listeners.insert(listeners.begin(), square);
  listeners.insert(listeners.end(), 2, square);
  listeners.insert(listeners.end(), {square, square});
  listeners.emplace(listeners.begin(), nullptr);
  EXPECT_EQ(listeners.size(), 9u);
  EXPECT_EQ(listeners[0], nullptr);
  const auto& constant = listeners;
  EXPECT_EQ(constant[1], square);
  EXPECT_EQ(count_const(listeners), 9u);
  for (const auto& l : listeners) EXPECT_TRUE(!l || l->sides == 4);
  listeners.erase(listeners.begin());
  listeners.pop_back();
  EXPECT_EQ(listeners.size(), 7u);

  PairVector pairs;
  pairs.push_back({1, 2});
  pairs.emplace_back(3, 4);
  pairs.insert(pairs.end(), {5, 6});
  pairs.insert(pairs.begin(), 2, {7, 8});
  pairs.insert(pairs.end(), {{9, 10}, {11, 12}});
  EXPECT_EQ(pairs.size(), 7u);
  EXPECT_EQ(pairs[0].first, 7);
  EXPECT_EQ(pairs.back().second, 12);
  PairVector from_list = {{1, 1}, {2, 2}};
  EXPECT_EQ(from_list.size(), 2u);
  PairVector sized(3);
  EXPECT_EQ(sized.size(), 3u);

  auto& queue = scene.Queue;
  queue.push_back(square);
  queue.push_front(square);
  queue.emplace_front(nullptr);
  queue.emplace_back(nullptr);
  queue.insert(queue.end(), {square});
  EXPECT_EQ(queue.size(), 5u);
  EXPECT_EQ(queue.front(), nullptr);

  auto& recent = scene.Recent;
  recent.push_front(square);
  recent.push_back(square);
  recent.emplace_front(nullptr);
  EXPECT_EQ(recent.size(), 3u);
  EXPECT_EQ(recent[0], nullptr);

  auto& seen = scene.Seen;
  EXPECT_TRUE(seen.insert(square).second);
  EXPECT_FALSE(seen.insert(square).second);
  seen.insert({std::make_shared<Square>(), std::make_shared<Square>()});
  seen.emplace(nullptr);
  seen.insert(seen.end(), std::shared_ptr<Shape>());
  EXPECT_EQ(seen.size(), 4u);
  EXPECT_EQ(seen.count(square), 1u);
}

TEST(AuditCompat, SharedPtrForms) {
  Scene scene;
  auto& current = scene.Current;
  EXPECT_TRUE(current == nullptr);
  EXPECT_FALSE(current);
  current = std::make_shared<Square>();
  EXPECT_TRUE(current != nullptr);
  EXPECT_TRUE(nullptr != current);
  EXPECT_EQ(current->sides, 4);
  EXPECT_EQ((*current).sides, 4);
  EXPECT_EQ(sides_of(current), 4);

  std::shared_ptr<Square> square = std::dynamic_pointer_cast<Square>(current);
  ASSERT_TRUE(square);
  EXPECT_EQ(std::static_pointer_cast<Shape>(square), current);
  std::weak_ptr<Shape> weak = current;
  EXPECT_EQ(weak.lock(), current);
  std::shared_ptr<Shape> copy = current;
  EXPECT_EQ(copy.use_count(), 3);  // current, square, copy
  EXPECT_TRUE(copy == current);

  decltype(scene.Current) other = std::make_shared<Square>();
  std::swap(current, other);
  EXPECT_NE(current, copy);
  EXPECT_EQ(other, copy);
  using std::swap;
  swap(current, other);
  EXPECT_EQ(current, copy);
  decltype(scene.Current) moved = std::move(other);
  EXPECT_FALSE(other);
  EXPECT_TRUE(moved);
  other = moved;
  EXPECT_EQ(other, moved);
  other = nullptr;
  EXPECT_FALSE(other);
  moved = {};
  EXPECT_FALSE(moved);
  current.reset();
  EXPECT_TRUE(current == nullptr);
  current = square;
  EXPECT_TRUE(current);
  EXPECT_TRUE(current < other || !(current < other));
  std::set<std::shared_ptr<Shape>> owners{current};
  EXPECT_EQ(owners.count(current), 1u);
}

TEST(AuditCompat, FunctionForms) {
  Scene scene;
  auto& on_draw = scene.OnDraw;
  EXPECT_FALSE(on_draw);
  EXPECT_TRUE(on_draw == nullptr);
  int offset = 2;
  on_draw = [offset](int x) { return x + offset; };
  EXPECT_TRUE(on_draw != nullptr);
  EXPECT_EQ(on_draw(3), 5);
  EXPECT_EQ(call_plain(on_draw, 4), 6);
  std::function<int(int)> plain = on_draw;
  EXPECT_EQ(plain(1), 3);
  decltype(scene.OnDraw) copy = on_draw;
  EXPECT_EQ(copy(0), 2);
  on_draw = nullptr;
  EXPECT_FALSE(on_draw);
  copy = {};
  EXPECT_FALSE(copy);
  copy = plain;
  EXPECT_TRUE(copy);
  std::swap(copy, on_draw);
  EXPECT_TRUE(on_draw);
  EXPECT_FALSE(copy);
}

TEST(AuditCompat, ClassWithTrackedMembersCopiesAndMoves) {
  Scene scene;
  scene.Names["a"] = std::make_shared<Square>();
  scene.Current = scene.Names["a"];
  scene.OnDraw = [](int x) { return x; };
  Scene copy = scene;
  EXPECT_EQ(copy.Names.size(), 1u);
  EXPECT_EQ(copy.Current, scene.Current);
  Scene moved = std::move(copy);
  EXPECT_EQ(moved.OnDraw(7), 7);
  copy = moved;
  EXPECT_EQ(copy.Names.at("a"), scene.Current);
  Scene value_initialized{};
  EXPECT_TRUE(value_initialized.Names.empty());
}

}  // namespace
