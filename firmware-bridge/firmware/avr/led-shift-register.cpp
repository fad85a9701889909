#include "led-shift-register.h"

#include "board-pins.h"
#include "gpio.h"

void LedShiftRegister::begin() {
  gpio::makeOutput(pins::kShiftData, false);
  gpio::makeOutput(pins::kShiftClock, false);
  gpio::makeOutput(pins::kShiftLatch, false);
  lit_ = 0;
  latch();
}

void LedShiftRegister::set(uint8_t index, bool lit) {
  if (index > 7) return;
  const uint8_t bit = static_cast<uint8_t>(1u << index);
  const uint8_t next = lit ? static_cast<uint8_t>(lit_ | bit) : static_cast<uint8_t>(lit_ & ~bit);
  changed_ = changed_ || next != lit_;
  lit_ = next;
}

void LedShiftRegister::show() {
  if (!changed_) return;
  changed_ = false;
  latch();
}

void LedShiftRegister::latch() {
  const uint8_t levels = pins::kLedActiveHigh ? lit_ : static_cast<uint8_t>(~lit_);
  // Most significant bit first: after 8 clocks it has moved on to Q7.
  for (uint8_t bit = 0x80; bit != 0; bit >>= 1) {
    gpio::write(pins::kShiftData, (levels & bit) != 0);
    gpio::write(pins::kShiftClock, true);
    gpio::write(pins::kShiftClock, false);
  }
  gpio::write(pins::kShiftLatch, true);
  gpio::write(pins::kShiftLatch, false);
}
