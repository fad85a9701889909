// The 74HC595 behind the 8 button lamps: a byte shifted out on two pins and latched on
// a third, so that 8 lamps take 3 pins.
#pragma once

#include <stdint.h>

class LedShiftRegister {
 public:
  // Makes the pins outputs and turns every lamp off.
  void begin();
  // Lamp `index` (0..7) on or off, from the next show().
  void set(uint8_t index, bool lit);
  // Shifts out and latches the lamps if any changed: once a pass, so lamps switched in
  // one pass (blinking together) change at the same instant.
  void show();
  uint8_t lit() const { return lit_; }

 private:
  void latch();

  uint8_t lit_ = 0;  // bit n: lamp n lit
  bool changed_ = false;
};
