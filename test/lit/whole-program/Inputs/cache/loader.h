#pragma once
#include "asset.h"
#include <map>
#include <memory>
#include <string>

// A loader whose member functions live in three files: no unit sees every
// use of Cache, the program does.
class Loader {
public:
  Loader() = default;
  // Declared and never defined, like reload().
  explicit Loader(const std::string &Manifest);
  std::shared_ptr<Asset> get(const std::string &Name);
  bool has(const std::string &Name) const;
  std::size_t size() const;
  void trim();
  // Declared and never defined: harmless while nothing calls it.
  void reload();

private:
  // Not copyable, the C++98 way: declared, never defined, never called.
  Loader(const Loader &);
  Loader &operator=(const Loader &);

  std::map<std::string, std::shared_ptr<Asset>> Cache;
};
