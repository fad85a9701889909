// Register access for the pins in board-pins.h. Every call with a constant pin compiles
// to one or two instructions; a loop over a pin table costs a switch per pin.
#pragma once

#include <avr/io.h>
#include <stdint.h>

#include "board-pins.h"

namespace gpio {

inline volatile uint8_t& inputRegister(pins::Port port) {
  switch (port) {
    case pins::Port::B: return PINB;
    case pins::Port::C: return PINC;
    default: return PIND;
  }
}

inline volatile uint8_t& directionRegister(pins::Port port) {
  switch (port) {
    case pins::Port::B: return DDRB;
    case pins::Port::C: return DDRC;
    default: return DDRD;
  }
}

inline volatile uint8_t& outputRegister(pins::Port port) {
  switch (port) {
    case pins::Port::B: return PORTB;
    case pins::Port::C: return PORTC;
    default: return PORTD;
  }
}

inline uint8_t mask(pins::Pin pin) { return static_cast<uint8_t>(1u << pin.bit); }

inline bool isHigh(pins::Pin pin) { return (inputRegister(pin.port) & mask(pin)) != 0; }

inline void write(pins::Pin pin, bool high) {
  if (high) {
    outputRegister(pin.port) |= mask(pin);
  } else {
    outputRegister(pin.port) &= static_cast<uint8_t>(~mask(pin));
  }
}

// Writing a 1 to an input register bit flips the output: one instruction.
inline void toggle(pins::Pin pin) { inputRegister(pin.port) = mask(pin); }

inline void makeInputPullUp(pins::Pin pin) {
  directionRegister(pin.port) &= static_cast<uint8_t>(~mask(pin));
  outputRegister(pin.port) |= mask(pin);
}

inline void makeOutput(pins::Pin pin, bool high) {
  write(pin, high);
  directionRegister(pin.port) |= mask(pin);
}

// Lets an edge on the pin wake the CPU from idle sleep (the ISR itself does nothing).
inline void wakeOnChange(pins::Pin pin) {
  switch (pin.port) {
    case pins::Port::B:
      PCMSK0 |= mask(pin);
      PCICR |= _BV(PCIE0);
      break;
    case pins::Port::C:
      PCMSK1 |= mask(pin);
      PCICR |= _BV(PCIE1);
      break;
    case pins::Port::D:
      PCMSK2 |= mask(pin);
      PCICR |= _BV(PCIE2);
      break;
  }
}

}  // namespace gpio
