// The board a PC can run: the firmware's Panel on simulated pins, a real-time clock and
// a pseudo-terminal in place of the USB cable.
#pragma once

#include <cstdint>
#include <string>

#include "../crossroads-panel/src/core/panel.h"
#include "pty-port.h"

namespace vboard {

uint64_t monotonicMs();

// How long after a host opens the port the board says HELLO.
constexpr uint64_t kHelloAfterOpenMs = 20;

class SimulatedBoard : private crossroads::Clock,
                       private crossroads::PanelPins,
                       private crossroads::FrameSink,
                       private crossroads::PanelObserver {
 public:
  SimulatedBoard(const crossroads::PanelConfig& config, std::string link);
  ~SimulatedBoard() override;

  // Opens the pty, points the link at it, prints READY, boots the panel.
  bool start(std::string& error);
  // One turn of the main loop: host presence, bytes from the host, the panel's poll.
  void service();

  void setButton(uint8_t index, bool pressed);
  void turn(uint8_t knob, int detents);
  void sendState() { panel_.sendState(); }
  void sendHello();
  void sendRaw(const std::string& bytes);
  void silence(uint64_t untilMs) { silentUntil_ = untilMs; }
  void unplug();
  bool plug(std::string& error);
  void removeLink();

  bool plugged() const { return port_.isOpen(); }
  // Writes dropped because no host had the port open or its buffer was full.
  uint64_t droppedWrites() const { return droppedBefore_ + port_.droppedWrites(); }
  int portFd() const { return port_.isOpen() && port_.hostPresent() ? port_.fd() : -1; }
  uint8_t buttons() const { return config_.buttons; }
  uint8_t knobs() const { return config_.knobs; }

 private:
  uint32_t nowMs() override { return static_cast<uint32_t>(monotonicMs()); }
  bool buttonPressed(uint8_t index) override { return pressed_[index]; }
  uint8_t knobPhase(uint8_t index) override { return phase_[index]; }
  void setLed(uint8_t, bool) override {}
  bool writeFrame(const char* data, size_t length) override;
  void onHostLine(const char* text, size_t length) override;
  void onLedMode(uint8_t index, crossroads::LedMode mode) override;

  bool openPort(std::string& error);
  bool silent() const { return monotonicMs() < silentUntil_; }

  crossroads::PanelConfig config_;
  std::string link_;
  PtyPort port_;
  crossroads::Panel panel_;
  bool pressed_[crossroads::kMaxButtons] = {};
  uint8_t phase_[crossroads::kMaxKnobs] = {3, 3, 3, 3, 3, 3, 3, 3};
  uint64_t silentUntil_ = 0;
  uint64_t helloDueMs_ = 0;
  uint64_t droppedBefore_ = 0;  // counted by ports already closed
};

}  // namespace vboard
