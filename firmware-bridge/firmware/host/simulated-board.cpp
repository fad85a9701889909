#include "simulated-board.h"

#include <ctime>

#include "board-output.h"

namespace vboard {

uint64_t monotonicMs() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);
  return static_cast<uint64_t>(now.tv_sec) * 1000u + static_cast<uint64_t>(now.tv_nsec / 1000000);
}

SimulatedBoard::SimulatedBoard(const crossroads::PanelConfig& config, std::string link)
    : config_(config), link_(std::move(link)), panel_(config, *this, *this, *this, this) {}

SimulatedBoard::~SimulatedBoard() { removeLink(); }

bool SimulatedBoard::openPort(std::string& error) {
  droppedBefore_ += port_.droppedWrites();
  if (!port_.open(error)) return false;
  if (!link_.empty() && !replaceSymlink(link_, port_.path(), error)) {
    port_.close();
    return false;
  }
  return true;
}

bool SimulatedBoard::start(std::string& error) {
  if (!openPort(error)) return false;
  emitLine("READY %s", port_.path().c_str());
  panel_.begin();
  return true;
}

void SimulatedBoard::service() {
  const uint64_t now = monotonicMs();
  if (port_.refreshPresence() && port_.hostPresent()) {
    // A host just opened the port (on a real board: DTR went up). Greet it a moment later,
    // after the host's open has flushed its input (serialport does), as the sketch does.
    helloDueMs_ = now + kHelloAfterOpenMs;
  }
  if (helloDueMs_ != 0 && now >= helloDueMs_) {
    helloDueMs_ = 0;
    if (port_.hostPresent()) panel_.sendHello();
  }
  uint8_t buffer[512];
  for (int i = 0; i < 8; ++i) {
    const size_t count = port_.read(buffer, sizeof buffer);
    if (count == 0) break;
    panel_.receive(buffer, count);
  }
  panel_.poll();
}

void SimulatedBoard::setButton(uint8_t index, bool pressed) {
  pressed_[index] = pressed;
  panel_.poll();
}

void SimulatedBoard::turn(uint8_t knob, int detents) {
  const int direction = detents < 0 ? -1 : 1;
  // Real quadrature: every contact change goes through the decoder, 4 per detent.
  for (int step = 0; step < 4 * detents * direction; ++step) {
    phase_[knob] = crossroads::QuadratureDecoder::stepPhase(phase_[knob], direction);
    panel_.pollInputs();
  }
  panel_.poll();
}

void SimulatedBoard::sendHello() {
  // An explicit `hello` command speaks even on a --no-hello board: the test asked for it.
  panel_.sendHello(true);
}

void SimulatedBoard::sendRaw(const std::string& bytes) {
  if (silent()) return;
  port_.write(bytes.data(), bytes.size());
}

bool SimulatedBoard::writeFrame(const char* data, size_t length) {
  if (silent()) return false;
  return port_.write(data, length);
}

void SimulatedBoard::onHostLine(const char* text, size_t length) {
  emitLine("HOST %.*s", static_cast<int>(length), text);
}

void SimulatedBoard::onLedMode(uint8_t index, crossroads::LedMode mode) {
  emitLine("LED %u %u", static_cast<unsigned>(index), static_cast<unsigned>(mode));
}

void SimulatedBoard::unplug() {
  if (!port_.isOpen()) return;
  removeLink();
  port_.close(true);
  helloDueMs_ = 0;
  emitLine("UNPLUGGED");
}

bool SimulatedBoard::plug(std::string& error) {
  if (port_.isOpen()) {
    error = "already plugged";
    return false;
  }
  if (!openPort(error)) return false;
  emitLine("PLUGGED %s", port_.path().c_str());
  // Plugging in powers the board up: a fresh boot, LEDs off, counts at zero, HELLO.
  panel_.begin();
  return true;
}

void SimulatedBoard::removeLink() {
  if (!link_.empty() && port_.isOpen()) removeSymlinkIfOurs(link_, port_.path());
}

}  // namespace vboard
