// The second unit: its own copy of the header static, its own exit function.
#include "leaky.hpp"

void fill_recent_in_other_unit() {
  Recent[1] = std::make_shared<Texture>();
  Recent[2] = std::make_shared<Texture>();
}
