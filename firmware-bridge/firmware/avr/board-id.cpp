#include "board-id.h"

#include <avr/boot.h>
#include <stdint.h>
#include <util/atomic.h>

namespace board {

namespace {

constexpr uint8_t kSerialFirst = 0x0E;  // signature row bytes 0x0E..0x17
constexpr uint8_t kSerialBytes = 10;

}  // namespace

void readId(char* out) {
  uint8_t serial[kSerialBytes];
  // The read needs SPMCSR and LPM within three cycles: no interrupt in between.
  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) {
    for (uint8_t i = 0; i < kSerialBytes; ++i) serial[i] = boot_signature_byte_get(kSerialFirst + i);
  }
  static const char kHex[] = "0123456789ABCDEF";
  for (uint8_t i = 0; i < kIdDigits / 2; ++i) {
    // The last two bytes (the die's x and y) are folded into the first two.
    const uint8_t value = i < kSerialBytes - kIdDigits / 2 ? static_cast<uint8_t>(serial[i] ^ serial[kIdDigits / 2 + i]) : serial[i];
    out[2 * i] = kHex[value >> 4];
    out[2 * i + 1] = kHex[value & 0x0F];
  }
  out[kIdDigits] = '\0';
}

}  // namespace board
