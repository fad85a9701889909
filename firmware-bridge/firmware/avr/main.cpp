// Caspian Crossroads control panel firmware for an ATmega328P board (Arduino Nano or
// Uno class, 16 MHz, with a USB-serial chip such as a CH340, an FTDI or a 16U2).
// It speaks control protocol 1 over the USART; all behaviour lives in
// ../crossroads-panel/src/core/, which the PC's virtual board and unit tests compile too.
// This file only binds the core to pins, a millisecond clock and the USART.

#include <avr/interrupt.h>
#include <avr/io.h>
#include <avr/sleep.h>
#include <util/delay.h>

#include "../crossroads-panel/src/core/panel.h"
#include "board-id.h"
#include "board-pins.h"
#include "gpio.h"
#include "led-shift-register.h"
#include "millis-clock.h"
#include "uart-port.h"

static_assert(pins::kButtonCount <= crossroads::kButtonCapacity && pins::kKnobCount <= crossroads::kKnobCapacity,
              "the core is built with room for fewer buttons or knobs than board-pins.h has (see build-avr.ts)");

namespace {

const char kFirmwareVersion[] = "1.0.0";
char gBoardId[board::kIdDigits + 1] = "0";
// Set by an edge on a button or knob pin. An edge that comes while a pass runs, after it
// read the pins, must not be left for the next millisecond tick: the loop checks this
// before it sleeps.
volatile bool gPinsChanged = false;

class BoardClock : public crossroads::Clock {
 public:
  uint32_t nowMs() override { return MillisClock::now(); }
};

class BoardPins : public crossroads::PanelPins {
 public:
  void begin() { leds_.begin(); }
  bool buttonPressed(uint8_t index) override { return !gpio::isHigh(pins::kButton[index]); }
  uint8_t knobPhase(uint8_t index) override {
    const uint8_t a = gpio::isHigh(pins::kKnobA[index]) ? 1 : 0;
    const uint8_t b = gpio::isHigh(pins::kKnobB[index]) ? 1 : 0;
    return static_cast<uint8_t>((a << 1) | b);
  }
  void setLed(uint8_t index, bool lit) override { leds_.set(index, lit); }
  void showLamps() { leds_.show(); }

 private:
  LedShiftRegister leds_;
};

class UartSink : public crossroads::FrameSink {
 public:
  bool writeFrame(const char* data, size_t length) override { return UartPort::write(data, length); }
};

crossroads::PanelConfig panelConfig() {
  crossroads::PanelConfig config;
  config.firmware = kFirmwareVersion;
  config.boardId = gBoardId;  // filled in before begin()
  config.buttons = pins::kButtonCount;
  config.knobs = pins::kKnobCount;
  return config;
}

BoardClock gClock;
BoardPins gPins;
UartSink gSink;
crossroads::Panel gPanel(panelConfig(), gClock, gPins, gSink);

void setUpPins() {
  for (uint8_t i = 0; i < pins::kButtonCount; ++i) {
    gpio::makeInputPullUp(pins::kButton[i]);
    gpio::wakeOnChange(pins::kButton[i]);
  }
  for (uint8_t k = 0; k < pins::kKnobCount; ++k) {
    gpio::makeInputPullUp(pins::kKnobA[k]);
    gpio::makeInputPullUp(pins::kKnobB[k]);
    gpio::wakeOnChange(pins::kKnobA[k]);
    gpio::wakeOnChange(pins::kKnobB[k]);
  }
  gpio::makeOutput(pins::kLoopPulse, false);
  gPins.begin();
}

// Sleeps until there is work: a byte from the host, an edge on a button or knob pin, or
// the millisecond `dueMs` when the panel has timed work (Panel::msUntilDue). The other
// interrupts (the millisecond tick, room in the USART) wake the CPU for their handlers
// and this check only, not for a whole pass: the chip idles most of each millisecond
// instead of polling every pin in it. The check runs with interrupts off, and the AVR
// runs the instruction after `sei` before any interrupt, so a byte or an edge that
// arrives in between wakes the loop at once instead of waiting for the next tick.
void idleUntil(uint32_t dueMs) {
  for (;;) {
    cli();
    if (UartPort::hasInput() || gPinsChanged) break;
    if (static_cast<int32_t>(MillisClock::now() - dueMs) >= 0) break;
    sleep_enable();
    sei();
    sleep_cpu();
    sleep_disable();
  }
  sei();
}

}  // namespace

// An edge on a button or knob wakes the CPU and marks the pins for another look; the
// loop reads them itself.
ISR(PCINT0_vect) { gPinsChanged = true; }
ISR(PCINT1_vect, ISR_ALIASOF(PCINT0_vect));
ISR(PCINT2_vect, ISR_ALIASOF(PCINT0_vect));

int main() {
  setUpPins();
  board::readId(gBoardId);
  MillisClock::begin();
  UartPort::begin();
  set_sleep_mode(SLEEP_MODE_IDLE);
  sei();
  _delay_us(50);  // let the pull-ups charge the input lines before the first read
  gPanel.begin();

  for (;;) {
    gpio::toggle(pins::kLoopPulse);
    gPinsChanged = false;  // this pass reads them
    uint8_t buffer[32];
    const size_t count = UartPort::read(buffer, sizeof buffer);
    if (count > 0) gPanel.receive(buffer, count);
    gPanel.poll();
    gPins.showLamps();
    const uint32_t now = MillisClock::now();
    idleUntil(now + gPanel.msUntilDue(now));
  }
}
