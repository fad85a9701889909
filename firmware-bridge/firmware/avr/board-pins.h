// The one pin map of the control panel on an ATmega328P board (Arduino Nano or Uno,
// 16 MHz). Port and bit of each signal; the Arduino pin name is in the comment.
// README.md has the wiring; the emulator's panel model reads this file, so keep the
// `{Port::X, n}` form.
#pragma once

#include <stdint.h>

namespace pins {

enum class Port : uint8_t { B, C, D };

struct Pin {
  Port port;
  uint8_t bit;
};

constexpr uint8_t kButtonCount = 8;
constexpr uint8_t kKnobCount = 2;

// Push buttons: one leg to the pin, the other to GND; the internal pull-up holds the
// input high, so pressed = LOW.
constexpr Pin kButton[kButtonCount] = {
    {Port::D, 2},  // D2
    {Port::D, 3},  // D3
    {Port::D, 4},  // D4
    {Port::D, 5},  // D5
    {Port::D, 6},  // D6
    {Port::D, 7},  // D7
    {Port::B, 0},  // D8
    {Port::B, 1},  // D9
};

// Rotary encoders (EC11): A and B to the pins, C (common) to GND, internal pull-ups.
// If a knob counts the wrong way round, swap its A and B here.
constexpr Pin kKnobA[kKnobCount] = {
    {Port::C, 0},  // A0
    {Port::C, 2},  // A2
};
constexpr Pin kKnobB[kKnobCount] = {
    {Port::C, 1},  // A1
    {Port::C, 3},  // A3
};

// The 74HC595 that drives the 8 button lamps: output Qn is button n's lamp. These are
// the hardware SPI pins, driven by hand, so a board could move to the SPI unit unwired.
constexpr Pin kShiftData = {Port::B, 3};   // D11 -> 595 SER (pin 14)
constexpr Pin kShiftClock = {Port::B, 5};  // D13 -> 595 SRCLK (pin 11)
constexpr Pin kShiftLatch = {Port::B, 2};  // D10 -> 595 RCLK (pin 12)

// Toggles at the start of every main-loop pass: a scope or logic analyser on D12 shows
// how long a pass takes and how often the loop runs (the emulator measures it there too).
constexpr Pin kLoopPulse = {Port::B, 4};  // D12

// HIGH on a 595 output lights its lamp (straight through a resistor, or through a
// ULN2803A or a TPIC6B595). Set to false for a driver that lights on LOW.
constexpr bool kLedActiveHigh = true;

}  // namespace pins
