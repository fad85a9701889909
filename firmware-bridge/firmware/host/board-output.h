// The virtual board's machine-readable stdout: one line per event, flushed at once so
// that a test reading the pipe sees it immediately.
#pragma once

#include <cstdarg>
#include <cstdio>

namespace vboard {

#if defined(__GNUC__)
__attribute__((format(printf, 1, 2)))
#endif
inline void emitLine(const char* format, ...) {
  va_list arguments;
  va_start(arguments, format);
  std::vfprintf(stdout, format, arguments);
  va_end(arguments);
  std::fputc('\n', stdout);
  std::fflush(stdout);
}

}  // namespace vboard
