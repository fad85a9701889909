#include "debouncer.h"

namespace crossroads {

void Debouncer::reset(bool level, uint32_t nowMs) {
  level_ = level;
  locked_ = false;
  lockedAt_ = nowMs;
}

bool Debouncer::update(bool raw, uint32_t nowMs) {
  // Unsigned difference: correct across the 49-day wrap of millis().
  if (locked_ && static_cast<uint32_t>(nowMs - lockedAt_) < lockoutMs_) return false;
  locked_ = false;
  if (raw == level_) return false;
  level_ = raw;
  locked_ = true;
  lockedAt_ = nowMs;
  return true;
}

uint32_t Debouncer::msUntilReread(uint32_t nowMs) const {
  if (!locked_) return kNotLocked;
  const uint32_t elapsed = nowMs - lockedAt_;
  return elapsed >= lockoutMs_ ? 0 : lockoutMs_ - elapsed;
}

}  // namespace crossroads
