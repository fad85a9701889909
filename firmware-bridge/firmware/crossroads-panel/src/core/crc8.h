// CRC-8/SMBUS: polynomial 0x07, init 0x00, not reflected, no final xor.
// The checksum of every frame of the control protocol (check value: "123456789" -> 0xF4).
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace crossroads {

uint8_t crc8Smbus(const uint8_t* data, size_t length, uint8_t crc = 0x00);
uint8_t crc8Smbus(const char* text, size_t length, uint8_t crc = 0x00);

// Two upper-case hex digits, no terminator written.
void formatHexByte(uint8_t value, char out[2]);

// Value of one hex digit (either case), or -1.
int hexDigitValue(char c);

}  // namespace crossroads
