// A scripted clock, pins and frame sink for driving the Panel in unit tests.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "../crossroads-panel/src/core/panel.h"

namespace testing {

struct FakeClock : crossroads::Clock {
  uint32_t now = 0;
  uint32_t nowMs() override { return now; }
};

struct FakePins : crossroads::PanelPins {
  bool pressed[crossroads::kMaxButtons] = {};
  uint8_t phase[crossroads::kMaxKnobs] = {3, 3, 3, 3, 3, 3, 3, 3};
  bool lit[crossroads::kMaxButtons] = {};
  std::vector<std::pair<uint32_t, bool>> ledEdges[crossroads::kMaxButtons];
  FakeClock* clock = nullptr;

  bool buttonPressed(uint8_t index) override { return pressed[index]; }
  uint8_t knobPhase(uint8_t index) override { return phase[index]; }
  void setLed(uint8_t index, bool on) override {
    lit[index] = on;
    ledEdges[index].push_back({clock != nullptr ? clock->now : 0, on});
  }
};

struct FakeSink : crossroads::FrameSink {
  std::vector<std::string> frames;
  bool full = false;
  bool writeFrame(const char* data, size_t length) override {
    if (full) return false;
    frames.emplace_back(data, length);
    return true;
  }
  std::vector<std::string> take() {
    std::vector<std::string> out;
    out.swap(frames);
    return out;
  }
};

struct FakeObserver : crossroads::PanelObserver {
  std::vector<std::string> hostLines;
  std::vector<std::pair<int, int>> ledModes;
  void onHostLine(const char* text, size_t length) override { hostLines.emplace_back(text, length); }
  void onLedMode(uint8_t index, crossroads::LedMode mode) override {
    ledModes.push_back({index, static_cast<int>(mode)});
  }
};

// A panel on fake hardware, with helpers that act like a visitor.
struct Rig {
  FakeClock clock;
  FakePins pins;
  FakeSink sink;
  FakeObserver observer;
  crossroads::Panel panel;

  explicit Rig(crossroads::PanelConfig config = defaultConfig())
      : panel(config, clock, pins, sink, &observer) {
    pins.clock = &clock;
  }

  static crossroads::PanelConfig defaultConfig() {
    crossroads::PanelConfig config;
    config.boardId = "E6614C311B7A4F2C";
    return config;
  }

  void advance(uint32_t ms) {
    for (uint32_t i = 0; i < ms; ++i) {
      ++clock.now;
      panel.poll();
    }
  }

  // Walks the knob's contacts through real quadrature phases, 4 per detent.
  void turn(uint8_t knob, int detents) {
    const int direction = detents < 0 ? -1 : 1;
    for (int step = 0; step < 4 * detents * direction; ++step) {
      pins.phase[knob] = crossroads::QuadratureDecoder::stepPhase(pins.phase[knob], direction);
      panel.pollInputs();
    }
    panel.poll();
  }

  void send(const std::string& text) {
    panel.receive(reinterpret_cast<const uint8_t*>(text.data()), text.size());
  }
};

}  // namespace testing
