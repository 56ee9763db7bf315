#include "loader.h"

bool Loader::has(const std::string &Name) const { return Cache.count(Name) != 0; }
std::size_t Loader::size() const { return Cache.size(); }
