// Runs the virtual board's test commands (from --script, then stdin) one after another.
// Commands that take time (tap, sleep, silence) keep the board running meanwhile; each
// prints `OK <command>` when done, or `ERR <text>`.
#pragma once

#include <cstdint>
#include <deque>
#include <string>

#include "simulated-board.h"

namespace vboard {

class CommandRunner {
 public:
  explicit CommandRunner(SimulatedBoard& board) : board_(board) {}

  void enqueue(std::string line) { queue_.push_back(std::move(line)); }
  // Input has ended: quit once everything queued is done.
  void endOfInput() { inputEnded_ = true; }
  // Advances commands; call on every turn of the main loop.
  void step(uint64_t nowMs);
  bool quitRequested() const { return quit_; }
  // How long the main loop may sleep before step() has work again.
  int idleTimeoutMs(uint64_t nowMs) const;

 private:
  enum class Waiting : uint8_t { Nothing, TapRelease, Sleep };

  void start(const std::string& line, uint64_t nowMs);
  void finish(const std::string& line);

  SimulatedBoard& board_;
  std::deque<std::string> queue_;
  bool inputEnded_ = false;
  bool quit_ = false;
  Waiting waiting_ = Waiting::Nothing;
  std::string current_;
  uint64_t dueMs_ = 0;
  uint8_t tapButton_ = 0;
  uint64_t randomState_ = 0x9E3779B97F4A7C15ull;
};

}  // namespace vboard
