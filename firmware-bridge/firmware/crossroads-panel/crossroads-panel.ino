// Caspian Crossroads control panel firmware, version 1.0.0.
// Board: Raspberry Pi Pico (RP2040) with the Arduino-Pico core (Earle Philhower).
// It speaks control protocol 1 over USB serial; all behaviour lives in src/core/, which
// the PC's virtual board and unit tests compile too. This file only binds it to pins.

#include <Arduino.h>
#include <pico/unique_id.h>

#include "pins.h"
#include "src/core/panel.h"

namespace {

const char kFirmwareVersion[] = "1.0.0";
// How long after the host opens the port (DTR up) the board says HELLO: the host's
// open flushes its input first, and the greeting must not be thrown away with it.
const uint32_t kHelloAfterOpenMs = 20;

// 16 hex digits of the flash chip's unique id: the board id in HELLO.
char gBoardId[2 * PICO_UNIQUE_BOARD_ID_SIZE_BYTES + 1] = "0";

class PicoClock : public crossroads::Clock {
 public:
  uint32_t nowMs() override { return static_cast<uint32_t>(millis()); }
};

class PicoPins : public crossroads::PanelPins {
 public:
  bool buttonPressed(uint8_t index) override { return digitalRead(pins::kButton[index]) == LOW; }
  uint8_t knobPhase(uint8_t index) override {
    const uint8_t a = digitalRead(pins::kKnobA[index]) == HIGH ? 1 : 0;
    const uint8_t b = digitalRead(pins::kKnobB[index]) == HIGH ? 1 : 0;
    return static_cast<uint8_t>((a << 1) | b);
  }
  void setLed(uint8_t index, bool lit) override {
    digitalWrite(pins::kLed[index], lit == pins::kLedActiveHigh ? HIGH : LOW);
  }
};

class UsbSink : public crossroads::FrameSink {
 public:
  bool writeFrame(const char* data, size_t length) override {
    // Never block the loop: with no host listening, or its buffer full, the frame is
    // dropped (SerialUSB::write would otherwise wait up to a second).
    if (!Serial || Serial.availableForWrite() < static_cast<int>(length)) return false;
    return Serial.write(reinterpret_cast<const uint8_t*>(data), length) == length;
  }
};

// A lambda, not a function: the Arduino IDE writes prototypes for the .ino's free functions
// and gets those in namespaces wrong.
const crossroads::PanelConfig kConfig = [] {
  crossroads::PanelConfig config;
  config.firmware = kFirmwareVersion;
  config.boardId = gBoardId;  // filled in setup(), before begin()
  config.buttons = pins::kButtonCount;
  config.knobs = pins::kKnobCount;
  return config;
}();

PicoClock gClock;
PicoPins gPins;
UsbSink gSink;
crossroads::Panel gPanel(kConfig, gClock, gPins, gSink);
bool gHostWasConnected = false;
uint32_t gHelloDueMs = 0;
bool gHelloDue = false;

}  // namespace

void setup() {
  for (uint8_t i = 0; i < pins::kButtonCount; ++i) {
    pinMode(pins::kButton[i], INPUT_PULLUP);
    pinMode(pins::kLed[i], OUTPUT);
  }
  for (uint8_t k = 0; k < pins::kKnobCount; ++k) {
    pinMode(pins::kKnobA[k], INPUT_PULLUP);
    pinMode(pins::kKnobB[k], INPUT_PULLUP);
  }
  pico_get_unique_board_id_string(gBoardId, sizeof gBoardId);
  Serial.begin(115200);  // USB CDC: the rate is nominal
  delayMicroseconds(50);  // let the pull-ups settle before the first read
  gPanel.begin();
}

void loop() {
  const bool connected = static_cast<bool>(Serial);
  if (connected && !gHostWasConnected) {
    gHelloDue = true;
    gHelloDueMs = static_cast<uint32_t>(millis()) + kHelloAfterOpenMs;
  }
  gHostWasConnected = connected;
  if (gHelloDue && static_cast<int32_t>(static_cast<uint32_t>(millis()) - gHelloDueMs) >= 0) {
    gHelloDue = false;
    gPanel.sendHello();
  }

  uint8_t buffer[64];
  int count = 0;
  while (count < static_cast<int>(sizeof buffer) && Serial.available() > 0) {
    const int byte = Serial.read();
    if (byte < 0) break;
    buffer[count++] = static_cast<uint8_t>(byte);
  }
  if (count > 0) gPanel.receive(buffer, static_cast<size_t>(count));

  gPanel.poll();
}
