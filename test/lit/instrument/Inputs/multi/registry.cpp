#include "registry.h"

int Shape::Alive = 0;

std::shared_ptr<Shape> ShapeRegistry::get(const std::string &Name, int Sides) {
  auto It = Shapes.find(Name);
  if (It != Shapes.end())
    return It->second;
  auto Made = std::make_shared<Shape>(Sides);
  Shapes[Name] = Made;
  return Made;
}

std::size_t ShapeRegistry::size() const { return Shapes.size(); }
