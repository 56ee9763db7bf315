#include <map>
#include <memory>
#include <string>

#include "once.h"
#include "sprites.h"

std::shared_ptr<Sprite> title(Sprites &S) { return S.get("title.png"); }
std::shared_ptr<Sound> jingle(Sounds &S) { return S.get("jingle.ogg"); }
