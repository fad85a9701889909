// Milliseconds since boot from Timer0 (CTC, 1 kHz interrupt). The tick also wakes the
// main loop from idle sleep at least once a millisecond.
#pragma once

#include <stdint.h>

class MillisClock {
 public:
  static void begin();
  static uint32_t now();  // wraps after 49.7 days, as the core expects
};
