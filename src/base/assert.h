// File: assert.h
// SD_ASSERT(cond) checks a programmer's invariant and stays on in release builds. A failed
// assertion prints the file, line and condition, then aborts: the only safe response to a broken
// invariant. Never use it for user input; return a Result instead.
//
// Example:
//   SD_ASSERT(page_size > 0);  // Callers clamp page sizes before calling.
#pragma once

namespace selfdirect::internal {
[[noreturn]] void AssertFailed(const char* condition, const char* file, int line);
}  // namespace selfdirect::internal

#define SD_ASSERT(condition)                                                \
  do {                                                                      \
    if (!(condition)) {                                                     \
      ::selfdirect::internal::AssertFailed(#condition, __FILE__, __LINE__); \
    }                                                                       \
  } while (false)
