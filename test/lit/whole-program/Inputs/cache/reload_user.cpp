#include "loader.h"

// Calls reload(), which no unit defines: a library not analysed might, and
// it could empty the cache there.
void refresh(Loader &L) { L.reload(); }
