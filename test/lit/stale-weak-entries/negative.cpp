// RUN: %frontends messages %s -- -std=c++20 | count 0

// Weak containers that purge, are bounded, or are not ours to judge.

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <vector>

struct Widget {};

// Erases on a failed lock.
class Purging {
public:
  std::shared_ptr<Widget> get(int K) {
    auto It = Cache.find(K);
    if (It != Cache.end()) {
      if (auto W = It->second.lock())
        return W;
      Cache.erase(It);
    }
    auto Made = std::make_shared<Widget>();
    Cache[K] = Made;
    return Made;
  }

private:
  std::map<int, std::weak_ptr<Widget>> Cache;
};

// Sweeps expired entries periodically.
class Sweeping {
public:
  void add(const std::shared_ptr<Widget> &W) {
    All.push_back(W);
    if (All.size() % 64 == 0)
      All.erase(std::remove_if(All.begin(), All.end(),
                               [](const std::weak_ptr<Widget> &E) { return E.expired(); }),
                All.end());
  }

private:
  std::vector<std::weak_ptr<Widget>> All;
};

// std::erase_if on expired.
class ErasingIf {
public:
  void add(const std::shared_ptr<Widget> &W) { All.push_back(W); }
  void tidy() {
    std::erase_if(All, [](const std::weak_ptr<Widget> &E) { return E.expired(); });
  }

private:
  std::vector<std::weak_ptr<Widget>> All;
};

// A fixed-size array is bounded by construction.
class Slots {
public:
  void set(int I, const std::shared_ptr<Widget> &W) { Fixed[static_cast<unsigned>(I)] = W; }

private:
  std::array<std::weak_ptr<Widget>, 8> Fixed;
};

// Filled once in the constructor.
class Fixed {
public:
  explicit Fixed(const std::vector<std::shared_ptr<Widget>> &Ws) {
    for (const auto &W : Ws)
      Refs.push_back(W);
  }
  std::size_t count() const { return Refs.size(); }

private:
  std::vector<std::weak_ptr<Widget>> Refs;
};

// An enum key: one entry per value at most.
enum class Slot { A, B };
class PerSlot {
public:
  void set(Slot S, const std::shared_ptr<Widget> &W) { BySlot[S] = W; }

private:
  std::map<Slot, std::weak_ptr<Widget>> BySlot;
};
