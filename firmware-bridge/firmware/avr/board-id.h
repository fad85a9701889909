// The board id in HELLO: 16 hex digits from the ATmega328P's serial number (lot, wafer
// and die position in its signature row), folded from 10 bytes into 8.
#pragma once

namespace board {

constexpr unsigned kIdDigits = 16;

// Writes kIdDigits upper-case hex digits and a terminating NUL.
void readId(char* out);

}  // namespace board
