#include "document.h"

// The other build breaks the cycle here, in another unit.
void closePage(Page &P) { P.Owner.reset(); }
