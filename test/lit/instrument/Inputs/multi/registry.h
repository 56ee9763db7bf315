// A class spread over a header and two units: one site, counts summed over
// every instance, whichever unit made it.
#pragma once
#include <map>
#include <memory>
#include <string>

struct Shape {
  explicit Shape(int Sides) : Sides(Sides) { ++Alive; }
  ~Shape() { --Alive; }
  int Sides;
  static int Alive;
};

class ShapeRegistry {
public:
  std::shared_ptr<Shape> get(const std::string &Name, int Sides);
  std::size_t size() const;

private:
  std::map<std::string, std::shared_ptr<Shape>> Shapes;
};

int useRegistryA();
int useRegistryB();
