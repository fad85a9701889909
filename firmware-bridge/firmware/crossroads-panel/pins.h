// The one pin map of the Caspian Crossroads control panel on a Raspberry Pi Pico (RP2040).
// GPIO numbers (GPn), not physical pin numbers; README.md has the wiring diagram.
#pragma once

#include <stdint.h>

namespace pins {

constexpr uint8_t kButtonCount = 8;
constexpr uint8_t kKnobCount = 2;

// Push buttons: one leg to the GPIO, the other to GND; the internal pull-up holds the
// input high, so pressed = LOW.
constexpr uint8_t kButton[kButtonCount] = {2, 3, 4, 5, 6, 7, 8, 9};

// Button backlights, one per button (same order). HIGH lights the LED, directly through
// a resistor or through a transistor driver; set kLedActiveHigh to false for a driver
// that lights on LOW.
constexpr uint8_t kLed[kButtonCount] = {10, 11, 12, 13, 14, 15, 16, 17};
constexpr bool kLedActiveHigh = true;

// Rotary encoders (EC11): A and B to the GPIOs, C (common) to GND, internal pull-ups.
// If a knob counts the wrong way round, swap its A and B numbers here.
constexpr uint8_t kKnobA[kKnobCount] = {18, 20};
constexpr uint8_t kKnobB[kKnobCount] = {19, 21};

}  // namespace pins
