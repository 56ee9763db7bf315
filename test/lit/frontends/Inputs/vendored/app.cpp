#include "sounds.h"
#include "third_party/textures.h"
std::shared_ptr<Sound> sound(SoundCache &C) { return C.get("s"); }
std::shared_ptr<Texture> texture(TextureCache &C) { return C.get("t"); }
