// Lock-out debouncing: the first edge is reported at once (no added latency for a
// visitor's press), later changes are ignored for the lock-out, then the current level
// is read again and reported if it differs.
#pragma once

#include <stdint.h>

namespace crossroads {

class Debouncer {
 public:
  explicit Debouncer(uint16_t lockoutMs = 10) : lockoutMs_(lockoutMs) {}

  void reset(bool level, uint32_t nowMs);
  // Feeds the raw level; true when the debounced level changed (read it with level()).
  bool update(bool raw, uint32_t nowMs);
  bool level() const { return level_; }
  // Milliseconds until update() reads the level again after a lock-out (0: due now);
  // kNotLocked when there is no lock-out to wait for.
  uint32_t msUntilReread(uint32_t nowMs) const;
  static constexpr uint32_t kNotLocked = 0xFFFFFFFFu;
  void setLockout(uint16_t lockoutMs) { lockoutMs_ = lockoutMs; }

 private:
  uint16_t lockoutMs_;
  bool level_ = false;
  bool locked_ = false;
  uint32_t lockedAt_ = 0;
};

}  // namespace crossroads
