// Just enough of the Arduino-Pico API to compile-check the sketch on a PC (no linking):
// it catches a sketch that no longer fits the core's interfaces.
#pragma once

#include <stddef.h>
#include <stdint.h>

#define HIGH 1
#define LOW 0
#define INPUT 0
#define OUTPUT 1
#define INPUT_PULLUP 2

unsigned long millis();
void delayMicroseconds(unsigned int us);
void pinMode(uint8_t pin, uint8_t mode);
int digitalRead(uint8_t pin);
void digitalWrite(uint8_t pin, uint8_t value);

class SerialUSB {
 public:
  void begin(unsigned long baud);
  int available();
  int read();
  int availableForWrite();
  size_t write(const uint8_t* data, size_t length);
  explicit operator bool();
};
extern SerialUSB Serial;
