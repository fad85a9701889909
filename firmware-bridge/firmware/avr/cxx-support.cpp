// What the C++ runtime would otherwise bring: the core's interfaces have virtual
// destructors, whose deleting variants name operator delete. Nothing is ever allocated
// or deleted on the board.
#include <stddef.h>

void operator delete(void*) noexcept {}
void operator delete(void*, size_t) noexcept {}

extern "C" void __cxa_pure_virtual() {
  for (;;) {
  }
}
