// Milliseconds since boot from Timer0 (CTC, 1 kHz interrupt). The tick also wakes the
// CPU from idle sleep once a millisecond, for the main loop to see whether work is due.
#pragma once

#include <stdint.h>

class MillisClock {
 public:
  static void begin();
  static uint32_t now();  // wraps after 49.7 days, as the core expects
};
