// Decodes an incremental encoder (EC11 style, 4 quadrature counts per detent) into detents.
//
// Phase = (A << 1) | B, with 1 = contact open (pull-up high). Turning clockwise walks
// 11 -> 10 -> 00 -> 01 -> 11 (A leads). A detent is counted when the knob comes back to
// rest (11) having moved at least half a cycle one way: contact bounce walks back and
// forth and cancels, and a missed transition on a quick turn does not lose the detent.
#pragma once

#include <stdint.h>

namespace crossroads {

class QuadratureDecoder {
 public:
  static constexpr uint8_t kRestPhase = 0x3;

  void reset(uint8_t phase);
  // Feeds the current phase; returns +1 / -1 when a detent completed, else 0.
  int8_t update(uint8_t phase);
  // Quarter steps since the last rest position, for tests.
  int8_t pendingSteps() const { return steps_; }
  // Impossible jumps (both contacts changed between two reads), ignored.
  uint32_t invalidTransitions() const { return invalid_; }

  // The phase `steps` quarter steps clockwise of `phase` (negative: counter-clockwise).
  static uint8_t stepPhase(uint8_t phase, int steps);

 private:
  uint8_t phase_ = kRestPhase;
  int8_t steps_ = 0;
  uint32_t invalid_ = 0;
};

}  // namespace crossroads
