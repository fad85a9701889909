// The 74HC595 behind the 8 button lamps: a byte shifted out on two pins and latched on
// a third, so that 8 lamps take 3 pins.
#pragma once

#include <stdint.h>

class LedShiftRegister {
 public:
  // Makes the pins outputs and turns every lamp off.
  void begin();
  // Lamp `index` (0..7) on or off; the outputs change at once.
  void set(uint8_t index, bool lit);
  uint8_t lit() const { return lit_; }

 private:
  void latch();

  uint8_t lit_ = 0;  // bit n: lamp n lit
};
