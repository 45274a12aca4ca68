#include "base/assert.h"

#include <cstdio>
#include <cstdlib>

namespace selfdirect::internal {

void AssertFailed(const char* condition, const char* file, int line) {
  std::fprintf(stderr, "selfdirect: assertion failed: %s at %s:%d\n", condition, file, line);
  std::fflush(stderr);
  std::abort();
}

}  // namespace selfdirect::internal
