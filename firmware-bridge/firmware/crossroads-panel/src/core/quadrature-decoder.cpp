#include "quadrature-decoder.h"

namespace crossroads {

namespace {

// Clockwise order of the phases; the index is the position in the cycle.
constexpr uint8_t kCycle[4] = {0x3, 0x2, 0x0, 0x1};

int cyclePosition(uint8_t phase) {
  for (int i = 0; i < 4; ++i) {
    if (kCycle[i] == (phase & 0x3)) return i;
  }
  return 0;
}

}  // namespace

void QuadratureDecoder::reset(uint8_t phase) {
  phase_ = phase & 0x3;
  steps_ = 0;
}

int8_t QuadratureDecoder::update(uint8_t phase) {
  phase &= 0x3;
  if (phase == phase_) return 0;
  const int diff = (cyclePosition(phase) - cyclePosition(phase_) + 4) % 4;
  phase_ = phase;
  if (diff == 1) {
    if (steps_ < 8) ++steps_;
  } else if (diff == 3) {
    if (steps_ > -8) --steps_;
  } else {
    ++invalid_;  // both contacts changed at once: direction unknown
  }
  if (phase != kRestPhase) return 0;
  const int8_t steps = steps_;
  steps_ = 0;
  if (steps >= 2) return 1;
  if (steps <= -2) return -1;
  return 0;
}

uint8_t QuadratureDecoder::stepPhase(uint8_t phase, int steps) {
  const int position = ((cyclePosition(phase) + steps) % 4 + 4) % 4;
  return kCycle[position];
}

}  // namespace crossroads
