// Classes whose member functions live in another unit, which may break the
// cycle (a Stop() that resets the back pointer); this unit cannot tell.
#include <memory>
#include <set>

namespace net {
class Pool;
class Tunnel {
public:
  void setPool(std::shared_ptr<Pool> P);
  void stop();

private:
  std::shared_ptr<Pool> m_Pool;
};
class Pool {
public:
  void add(std::shared_ptr<Tunnel> T);
  void detachAll();

private:
  std::set<std::shared_ptr<Tunnel>> m_Tunnels;
};
} // namespace net

// Public members in a header: any unit may reset them.
struct HeaderNode;
struct HeaderTree {
  std::shared_ptr<HeaderNode> root;
};
struct HeaderNode {
  std::shared_ptr<HeaderTree> owner;
};
