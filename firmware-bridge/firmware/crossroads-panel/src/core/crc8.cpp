#include "crc8.h"

namespace crossroads {

uint8_t crc8Smbus(const uint8_t* data, size_t length, uint8_t crc) {
  // Bitwise rather than a 256-byte table: frames are short and RAM is shared with USB buffers.
  for (size_t i = 0; i < length; ++i) {
    crc = static_cast<uint8_t>(crc ^ data[i]);
    for (int bit = 0; bit < 8; ++bit) {
      crc = (crc & 0x80) ? static_cast<uint8_t>((crc << 1) ^ 0x07) : static_cast<uint8_t>(crc << 1);
    }
  }
  return crc;
}

uint8_t crc8Smbus(const char* text, size_t length, uint8_t crc) {
  return crc8Smbus(reinterpret_cast<const uint8_t*>(text), length, crc);
}

void formatHexByte(uint8_t value, char out[2]) {
  static const char kDigits[] = "0123456789ABCDEF";
  out[0] = kDigits[value >> 4];
  out[1] = kDigits[value & 0x0F];
}

int hexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace crossroads
