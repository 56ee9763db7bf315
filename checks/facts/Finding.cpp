//===--- Finding.cpp - What the rules conclude ----------------------------===//

#include "Finding.h"

namespace weakify {

unsigned OwnershipPicture::node(llvm::StringRef Name, Role Kind) {
  for (unsigned I = 0; I < Nodes.size(); ++I)
    if (Nodes[I].Name == Name)
      return I;
  Nodes.push_back({Name.str(), Kind});
  return Nodes.size() - 1;
}

} // namespace weakify
