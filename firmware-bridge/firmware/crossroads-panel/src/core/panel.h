// The control panel's behaviour, independent of any board: buttons, knobs, LEDs and the
// serial protocol. The Arduino sketch and the virtual board both drive this one class.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "command-parser.h"
#include "debouncer.h"
#include "frame-writer.h"
#include "quadrature-decoder.h"

namespace crossroads {

constexpr uint8_t kProtocolVersion = 1;
constexpr uint8_t kMaxButtons = 32;  // protocol limit
constexpr uint8_t kMaxKnobs = 8;     // protocol limit

// How many buttons and knobs a Panel has room for: the protocol's limits, unless a small
// board's build asks for fewer to spare its RAM (the ATmega328P's 2 KiB: 8 and 2).
#ifndef CROSSROADS_BUTTON_CAPACITY
#define CROSSROADS_BUTTON_CAPACITY 32
#endif
#ifndef CROSSROADS_KNOB_CAPACITY
#define CROSSROADS_KNOB_CAPACITY 8
#endif
constexpr uint8_t kButtonCapacity = CROSSROADS_BUTTON_CAPACITY;
constexpr uint8_t kKnobCapacity = CROSSROADS_KNOB_CAPACITY;
static_assert(kButtonCapacity >= 1 && kButtonCapacity <= kMaxButtons, "1 to 32 buttons");
static_assert(kKnobCapacity <= kMaxKnobs, "0 to 8 knobs");
constexpr uint32_t kSlowBlinkPeriodMs = 1000;  // 1 Hz
constexpr uint32_t kFastBlinkPeriodMs = 400;   // 2.5 Hz: under the museum's 3 flashes a second

class Clock {
 public:
  virtual ~Clock() = default;
  virtual uint32_t nowMs() = 0;  // monotonic, may wrap
};

class PanelPins {
 public:
  virtual ~PanelPins() = default;
  virtual bool buttonPressed(uint8_t index) = 0;
  virtual uint8_t knobPhase(uint8_t index) = 0;  // (A << 1) | B, 1 = open
  virtual void setLed(uint8_t index, bool lit) = 0;
};

class FrameSink {
 public:
  virtual ~FrameSink() = default;
  // Must not block: returns false when the frame could not be queued whole (it is dropped).
  virtual bool writeFrame(const char* data, size_t length) = 0;
};

// Optional hooks, used by the virtual board to report what it saw.
class PanelObserver {
 public:
  virtual ~PanelObserver() = default;
  virtual void onHostLine(const char* /*text*/, size_t /*length*/) {}
  virtual void onLedMode(uint8_t /*index*/, LedMode /*mode*/) {}
};

struct PanelConfig {
  uint8_t proto = kProtocolVersion;
  const char* firmware = "1.0.0";
  const char* boardId = "0";
  uint8_t buttons = 8;
  uint8_t knobs = 2;
  // 950, not 1000: the protocol asks for a STATE at least once a second, and a
  // STATE due during a long pass or behind a full line goes out a little late.
  uint32_t heartbeatMs = 950;
  bool sendHello = true;
  uint16_t debounceMs = 10;
  uint16_t knobReportMs = 20;  // knob deltas accumulate for at least this long between reports
};

struct PanelStats {
  uint32_t framesSent = 0;
  uint32_t framesDropped = 0;   // the sink was full, or the frame broke the line limit
  uint32_t linesTooLong = 0;
  uint32_t commandsRefused = 0;
};

class Panel {
 public:
  Panel(const PanelConfig& config, Clock& clock, PanelPins& pins, FrameSink& sink,
        PanelObserver* observer = nullptr);

  // Boot: reads the inputs as they are, turns every LED off, sends HELLO and a STATE.
  void begin();
  // Call as often as possible: samples inputs, reports, blinks, keeps the heartbeat.
  void poll();
  // Milliseconds from `nowMs` until poll() has work that no input edge or host byte
  // brings: a lock-out ending, a held-back knob report, a blink, the heartbeat (0: now).
  // A board may sleep until then, waking early for an edge or a byte, instead of
  // polling every millisecond: the frames are the same.
  uint32_t msUntilDue(uint32_t nowMs) const;
  // Samples buttons and knobs only (the virtual board feeds quadrature steps this way).
  void pollInputs();
  // Bytes received from the host.
  void receive(const uint8_t* data, size_t length);

  // `force` sends it even when the config says never (an explicit request on a test board).
  void sendHello(bool force = false);
  void sendState();
  void sendLog(const char* text);

  uint8_t nextSeq() const { return seq_; }
  LedMode ledMode(uint8_t index) const { return index < config_.buttons ? leds_[index].mode : LedMode::Off; }
  bool ledLit(uint8_t index) const { return index < config_.buttons && leds_[index].lit; }
  int32_t knobCount(uint8_t index) const { return index < config_.knobs ? knobs_[index].count : 0; }
  uint32_t pressedMask() const;
  const PanelStats& stats() const { return stats_; }
  const PanelConfig& config() const { return config_; }

 private:
  struct KnobState {
    QuadratureDecoder decoder;
    int32_t count = 0;
    int32_t pending = 0;
    uint32_t lastReportMs = 0;
    bool reportedOnce = false;
  };
  struct LedState {
    LedMode mode = LedMode::Off;
    bool lit = false;
  };

  void pollInputsAt(uint32_t now);
  // force: report pending deltas even inside the rate limit (before a STATE).
  void reportKnobs(uint32_t now, bool force = false);
  void updateLeds(uint32_t now);
  void setLedMode(uint8_t index, LedMode mode);
  void handleLine(const char* line, size_t length);
  void refuse(const char* code, const char* text);
  void send(FrameWriter& frame);
  uint8_t takeSeq();

  PanelConfig config_;
  Clock& clock_;
  PanelPins& pins_;
  FrameSink& sink_;
  PanelObserver* observer_;
  Debouncer buttons_[kButtonCapacity];
  KnobState knobs_[kKnobCapacity > 0 ? kKnobCapacity : 1];
  LedState leds_[kButtonCapacity];
  LineAssembler lines_;
  PanelStats stats_;
  uint8_t seq_ = 0;
  uint32_t lastStateMs_ = 0;
};

}  // namespace crossroads
