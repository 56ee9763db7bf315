// RUN: %frontends messages %s -- -I%S/Inputs | count 0

// The members of a cycle must all be visible to say nothing breaks it.

#include "split_classes.h"

void use(net::Pool &P, const std::shared_ptr<net::Tunnel> &T) { P.add(T); }
