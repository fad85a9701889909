// USART0 at 115200 baud, 8N1 (the USB-serial chip beside the ATmega carries it to the
// host), with interrupt-driven ring buffers so that the main loop never waits on it.
#pragma once

#include <stddef.h>
#include <stdint.h>

class UartPort {
 public:
  static constexpr uint32_t kBaud = 115200;

  static void begin();
  // Queues all of `data` or nothing (then false): a frame is never sent in part, and the
  // loop never blocks when the host reads slowly.
  static bool write(const char* data, size_t length);
  // Moves what the host sent into `buffer`; returns how many bytes.
  static size_t read(uint8_t* buffer, size_t capacity);
  static bool hasInput();
  // Bytes lost because the main loop fell behind the host (the receive ring was full).
  static uint16_t inputOverflows();
};
