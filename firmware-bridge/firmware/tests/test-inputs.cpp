// Debouncing and quadrature decoding, alone and through the panel.
#include <string>

#include "../crossroads-panel/src/core/debouncer.h"
#include "../crossroads-panel/src/core/quadrature-decoder.h"
#include "fake-board.h"
#include "harness.h"

using namespace crossroads;
using testing::Rig;

namespace {

// Feeds `steps` quarter steps (sign = direction) and returns the sum of detents reported.
int feedSteps(QuadratureDecoder& decoder, uint8_t& phase, int steps) {
  const int direction = steps < 0 ? -1 : 1;
  int detents = 0;
  for (int i = 0; i < steps * direction; ++i) {
    phase = QuadratureDecoder::stepPhase(phase, direction);
    detents += decoder.update(phase);
  }
  return detents;
}

}  // namespace

TEST(debounce_reports_the_first_edge_at_once) {
  Debouncer button(10);
  button.reset(false, 1000);
  CHECK(button.update(true, 1000));
  CHECK(button.level());
}

TEST(debounce_ignores_changes_for_10_ms_then_rereads) {
  Debouncer button(10);
  button.reset(false, 0);
  CHECK(button.update(true, 100));
  // Contact bounce during the lock-out is ignored.
  for (uint32_t t = 101; t < 110; ++t) CHECK(!button.update(t % 2 == 0, t));
  CHECK(button.level());
  // A release within the lock-out is seen when it ends, not before.
  CHECK(!button.update(false, 109));
  CHECK(button.update(false, 110));
  CHECK(!button.level());
  // Still pressed at the end of the lock-out: nothing new.
  CHECK(button.update(true, 200));
  CHECK(!button.update(true, 210));
  CHECK(button.level());
}

TEST(debounce_works_across_millis_wrap) {
  Debouncer button(10);
  button.reset(false, 0xFFFFFFF8u);
  CHECK(button.update(true, 0xFFFFFFFAu));
  CHECK(!button.update(false, 0x00000002u));  // 8 ms later
  CHECK(button.update(false, 0x00000004u));   // 10 ms later
}

TEST(panel_debounce_timing_on_the_wire) {
  Rig rig;
  rig.panel.begin();
  rig.sink.take();
  rig.pins.pressed[2] = true;
  rig.advance(1);
  CHECK_EQ(rig.sink.take().size(), size_t{1});  // BTN at once
  rig.pins.pressed[2] = false;  // a bounce 1 ms after the press
  rig.advance(3);
  rig.pins.pressed[2] = true;
  rig.advance(20);
  CHECK(rig.sink.take().empty());  // bounces never reach the host
  rig.pins.pressed[2] = false;
  rig.advance(1);
  const auto frames = rig.sink.take();
  CHECK_EQ(frames.size(), size_t{1});
  CHECK_EQ(frames[0].substr(0, 4), std::string("BTN "));
  CHECK(frames[0].find(" 2 0*") != std::string::npos);
}

TEST(quadrature_four_steps_make_one_detent_clockwise) {
  QuadratureDecoder decoder;
  uint8_t phase = QuadratureDecoder::kRestPhase;
  decoder.reset(phase);
  CHECK_EQ(feedSteps(decoder, phase, 3), 0);
  CHECK_EQ(feedSteps(decoder, phase, 1), 1);
  CHECK_EQ(feedSteps(decoder, phase, 40), 10);
}

TEST(quadrature_counter_clockwise_is_negative) {
  QuadratureDecoder decoder;
  uint8_t phase = QuadratureDecoder::kRestPhase;
  decoder.reset(phase);
  CHECK_EQ(feedSteps(decoder, phase, -4), -1);
  CHECK_EQ(feedSteps(decoder, phase, -28), -7);
  CHECK_EQ(feedSteps(decoder, phase, 8), 2);
}

TEST(quadrature_clockwise_sequence_is_A_leading) {
  // 11 -> 10 -> 00 -> 01 -> 11 is clockwise, as the README's wiring describes.
  QuadratureDecoder decoder;
  decoder.reset(0x3);
  CHECK_EQ(decoder.update(0x2) + decoder.update(0x0) + decoder.update(0x1) + decoder.update(0x3), 1);
  CHECK_EQ(decoder.update(0x1) + decoder.update(0x0) + decoder.update(0x2) + decoder.update(0x3), -1);
}

TEST(quadrature_tolerates_bounce) {
  QuadratureDecoder decoder;
  decoder.reset(0x3);
  // Contact A chatters as it leaves the detent, then the turn completes.
  int detents = 0;
  const uint8_t phases[] = {0x2, 0x3, 0x2, 0x3, 0x2, 0x0, 0x2, 0x0, 0x1, 0x0, 0x1, 0x3};
  for (uint8_t phase : phases) detents += decoder.update(phase);
  CHECK_EQ(detents, 1);
  // Chatter at rest, without a turn, counts nothing.
  detents = 0;
  const uint8_t rest[] = {0x2, 0x3, 0x1, 0x3, 0x2, 0x3};
  for (uint8_t phase : rest) detents += decoder.update(phase);
  CHECK_EQ(detents, 0);
  // Half a turn and back again is no detent.
  detents = 0;
  const uint8_t back[] = {0x2, 0x0, 0x2, 0x3};
  for (uint8_t phase : back) detents += decoder.update(phase);
  CHECK_EQ(detents, 0);
}

TEST(quadrature_survives_a_missed_transition) {
  QuadratureDecoder decoder;
  decoder.reset(0x3);
  // A quick turn read too slowly: 10 -> 01 skips 00 (an impossible jump, ignored), yet the
  // knob came back to rest having gone half a cycle or more clockwise: still one detent.
  const int detents = decoder.update(0x2) + decoder.update(0x1) + decoder.update(0x3);
  CHECK_EQ(detents, 1);
  CHECK_EQ(decoder.invalidTransitions(), 1u);
  const int next = decoder.update(0x2) + decoder.update(0x0) + decoder.update(0x1) + decoder.update(0x3);
  CHECK_EQ(next, 1);
}

TEST(panel_knob_deltas_accumulate_and_are_never_zero) {
  Rig rig;
  rig.panel.begin();
  rig.sink.take();
  rig.turn(0, 3);
  auto frames = rig.sink.take();
  CHECK_EQ(frames.size(), size_t{1});
  CHECK_EQ(frames[0].substr(0, frames[0].find('*')), std::string("KNOB 1 0 3"));
  // Within the report interval: turns add up, a turn back and forth cancels to nothing.
  rig.turn(0, 2);
  rig.turn(0, -2);
  rig.turn(1, -5);
  rig.advance(25);
  frames = rig.sink.take();
  CHECK_EQ(frames.size(), size_t{1});
  CHECK_EQ(frames[0].substr(0, frames[0].find('*')), std::string("KNOB 2 1 -5"));
  CHECK_EQ(rig.panel.knobCount(0), 3);
  CHECK_EQ(rig.panel.knobCount(1), -5);
}

TEST(panel_knob_reports_are_spaced_by_the_interval) {
  Rig rig;
  rig.panel.begin();
  rig.sink.take();
  int total = 0;
  size_t reports = 0;
  for (int i = 0; i < 20; ++i) {
    rig.turn(1, 1);
    rig.advance(5);
    for (const std::string& frame : rig.sink.take()) {
      if (frame.rfind("KNOB ", 0) != 0) continue;
      ++reports;
      total += std::stoi(frame.substr(frame.rfind(' ', frame.find('*')) + 1));
    }
  }
  rig.advance(30);
  for (const std::string& frame : rig.sink.take()) {
    if (frame.rfind("KNOB ", 0) != 0) continue;
    ++reports;
    total += std::stoi(frame.substr(frame.rfind(' ', frame.find('*')) + 1));
  }
  CHECK_EQ(total, 20);
  CHECK(reports <= 6);  // 100 ms of turning, at most one report per 20 ms
  CHECK(reports >= 4);
}
