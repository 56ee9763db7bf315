#pragma once
#include <string>

// Counts live assets, so a program can tell whether the cache frees them.
struct Asset {
  explicit Asset(std::string Name) : Name(std::move(Name)) { ++Live; }
  ~Asset() { --Live; }
  std::string Name;
  static inline int Live = 0;
};
