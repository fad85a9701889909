#include "millis-clock.h"

#include <avr/interrupt.h>
#include <avr/io.h>
#include <util/atomic.h>

namespace {

volatile uint32_t gMillis = 0;

}  // namespace

ISR(TIMER0_COMPA_vect) { gMillis = gMillis + 1; }

void MillisClock::begin() {
  // 16 MHz / 64 / 250 = 1 kHz, exactly.
  static_assert(F_CPU == 16000000UL, "the timer settings assume a 16 MHz clock");
  TCCR0A = _BV(WGM01);
  OCR0A = 249;
  TCNT0 = 0;
  TIFR0 = _BV(OCF0A);
  TIMSK0 = _BV(OCIE0A);
  TCCR0B = _BV(CS01) | _BV(CS00);
}

uint32_t MillisClock::now() {
  uint32_t value = 0;
  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) { value = gMillis; }
  return value;
}
