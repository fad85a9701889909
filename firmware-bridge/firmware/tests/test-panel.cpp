// The panel end to end on fake hardware: frames, sequence numbers, heartbeat, LEDs, commands.
#include <algorithm>
#include <string>

#include "fake-board.h"
#include "harness.h"

using namespace crossroads;
using testing::Rig;

namespace {

std::string body(const std::string& frame) { return frame.substr(0, frame.find('*')); }

int seqOf(const std::string& frame) {
  const size_t space = frame.find(' ');
  return std::stoi(frame.substr(space + 1));
}

size_t countType(const std::vector<std::string>& frames, const std::string& type) {
  return static_cast<size_t>(std::count_if(frames.begin(), frames.end(), [&](const std::string& frame) {
    return frame.rfind(type + " ", 0) == 0;
  }));
}

}  // namespace

TEST(panel_boot_sends_hello_then_state) {
  Rig rig;
  rig.panel.begin();
  const auto frames = rig.sink.take();
  CHECK_EQ(frames.size(), size_t{2});
  CHECK_EQ(frames[0], std::string("HELLO 1 1.0.0 E6614C311B7A4F2C 8 2*D8\n"));
  CHECK_EQ(body(frames[1]), std::string("STATE 0 0000 0 0"));
}

TEST(panel_reproduces_the_protocol_vectors) {
  Rig rig;
  rig.panel.begin();  // STATE takes seq 0
  rig.turn(1, 15);    // KNOB 1
  for (int i = 0; i < 15; ++i) rig.panel.sendState();  // 2..16
  rig.sink.take();
  rig.pins.pressed[3] = true;
  rig.advance(1);
  CHECK_EQ(rig.sink.take(), std::vector<std::string>{"BTN 17 3 1*3D\n"});
  rig.pins.pressed[3] = false;
  rig.advance(10);
  CHECK_EQ(rig.sink.take(), std::vector<std::string>{"BTN 18 3 0*0A\n"});
  rig.turn(0, -2);
  CHECK_EQ(rig.sink.take(), std::vector<std::string>{"KNOB 19 0 -2*E4\n"});
  rig.send("PING 42*95\n");
  CHECK_EQ(rig.sink.take(), std::vector<std::string>{"PONG 42*63\n"});

  Rig second;
  second.panel.begin();
  second.turn(1, 15);
  second.turn(0, -2);
  second.pins.pressed[3] = true;
  second.advance(1);
  while (second.panel.nextSeq() < 20) second.panel.sendState();
  second.sink.take();
  second.panel.sendState();
  CHECK_EQ(second.sink.take(), std::vector<std::string>{"STATE 20 0008 -2 15*5D\n"});
}

TEST(panel_answers_who_and_ping_with_or_without_crc) {
  Rig rig;
  rig.panel.begin();
  rig.sink.take();
  rig.send("WHO*2B\n");
  rig.send("WHO\r\n");
  rig.send("PING 1\n");
  const auto frames = rig.sink.take();
  CHECK_EQ(frames.size(), size_t{3});
  CHECK_EQ(body(frames[0]), std::string("HELLO 1 1.0.0 E6614C311B7A4F2C 8 2"));
  CHECK_EQ(frames[1], frames[0]);
  CHECK_EQ(frames[2], std::string("PONG 1*E6\n"));
  CHECK_EQ(rig.observer.hostLines, (std::vector<std::string>{"WHO", "WHO", "PING 1"}));
}

TEST(panel_refuses_bad_commands_with_err) {
  Rig rig;
  rig.panel.begin();
  rig.sink.take();
  rig.send("LED 3 2*C5\n");
  rig.send("JUMP\n");
  rig.send("LED 3\n");
  rig.send("LED 8 1\n");  // 8 buttons: LEDs 0..7
  rig.send(std::string(130, 'x') + "\n");
  rig.send("\n");  // blank lines are ignored silently
  const auto frames = rig.sink.take();
  CHECK_EQ(frames.size(), size_t{5});
  CHECK_EQ(body(frames[0]), std::string("ERR CRC bad checksum"));
  CHECK_EQ(body(frames[1]), std::string("ERR TYPE unknown command"));
  CHECK_EQ(body(frames[2]), std::string("ERR FIELD bad fields"));
  CHECK_EQ(body(frames[3]), std::string("ERR RANGE no such LED"));
  CHECK_EQ(body(frames[4]), std::string("ERR LONG line over 128 bytes dropped"));
  CHECK(rig.observer.hostLines.empty());
  CHECK(rig.observer.ledModes.empty());
  CHECK_EQ(rig.panel.stats().commandsRefused, 5u);
  CHECK_EQ(rig.panel.stats().linesTooLong, 1u);
  CHECK(rig.panel.ledMode(3) == LedMode::Off);
}

TEST(panel_without_hello_stays_silent_on_who) {
  PanelConfig config = Rig::defaultConfig();
  config.sendHello = false;
  Rig rig(config);
  rig.panel.begin();
  rig.send("WHO\n");
  const auto frames = rig.sink.take();
  CHECK_EQ(frames.size(), size_t{1});
  CHECK_EQ(frames[0].substr(0, 6), std::string("STATE "));
}

TEST(panel_seq_is_shared_and_wraps_at_255) {
  Rig rig;
  rig.panel.begin();
  for (int i = 0; i < 250; ++i) rig.panel.sendState();
  rig.sink.take();
  CHECK_EQ(rig.panel.nextSeq(), 251);
  rig.pins.pressed[0] = true;
  rig.advance(1);  // BTN 251
  rig.turn(0, 1);  // KNOB 252
  for (int i = 0; i < 5; ++i) rig.panel.sendState();  // 253 254 255 0 1
  const auto frames = rig.sink.take();
  std::vector<int> seqs;
  for (const std::string& frame : frames) seqs.push_back(seqOf(frame));
  CHECK_EQ(seqs, (std::vector<int>{251, 252, 253, 254, 255, 0, 1}));
  CHECK_EQ(frames[0].substr(0, 4), std::string("BTN "));
  CHECK_EQ(frames[1].substr(0, 5), std::string("KNOB "));
  // Frames that do not carry a seq leave it alone.
  rig.send("PING 7\n");
  rig.send("WHO\n");
  CHECK_EQ(rig.panel.nextSeq(), 2);
}

TEST(panel_state_heartbeat_at_least_once_a_second) {
  Rig rig;
  rig.panel.begin();
  std::vector<uint32_t> times{0};
  rig.sink.take();
  for (uint32_t ms = 0; ms < 5000; ++ms) {
    if (ms % 700 == 350) rig.pins.pressed[1] = !rig.pins.pressed[1];  // activity does not delay it
    rig.advance(1);
    for (const std::string& frame : rig.sink.take()) {
      if (frame.rfind("STATE ", 0) == 0) times.push_back(rig.clock.now);
    }
  }
  CHECK_EQ(times.size(), size_t{6});
  for (size_t i = 1; i < times.size(); ++i) CHECK(times[i] - times[i - 1] <= 1000);
}

TEST(panel_heartbeat_interval_is_configurable) {
  PanelConfig config = Rig::defaultConfig();
  config.heartbeatMs = 250;
  Rig rig(config);
  rig.panel.begin();
  rig.sink.take();
  rig.advance(1000);
  CHECK_EQ(countType(rig.sink.take(), "STATE"), size_t{4});
}

TEST(panel_state_shows_mask_in_hex_and_absolute_counts) {
  PanelConfig config = Rig::defaultConfig();
  config.buttons = 20;
  config.knobs = 3;
  Rig rig(config);
  rig.panel.begin();
  rig.pins.pressed[0] = true;
  rig.pins.pressed[7] = true;
  rig.pins.pressed[19] = true;
  rig.advance(1);
  rig.turn(2, -4);
  rig.sink.take();
  rig.panel.sendState();
  const auto frames = rig.sink.take();
  CHECK_EQ(body(frames[0]).substr(body(frames[0]).find(' ', 6)), std::string(" 80081 0 0 -4"));
}

TEST(panel_reports_pending_knob_turns_before_a_state) {
  Rig rig;
  rig.panel.begin();
  rig.turn(0, 1);  // reported at once: the first KNOB
  rig.sink.take();
  rig.turn(0, 2);  // inside the rate limit: still pending
  CHECK_EQ(countType(rig.sink.take(), "KNOB"), size_t{0});
  rig.panel.sendState();
  const auto frames = rig.sink.take();
  CHECK_EQ(frames.size(), size_t{2});
  CHECK_EQ(body(frames[0]).substr(0, 5), std::string("KNOB "));
  CHECK_EQ(body(frames[0]).substr(body(frames[0]).rfind(' ')), std::string(" 2"));
  CHECK_EQ(body(frames[1]).substr(0, 6), std::string("STATE "));
  CHECK_EQ(body(frames[1]).substr(body(frames[1]).rfind(' ')), std::string(" 0"));
  CHECK_EQ(body(frames[1]).substr(body(frames[1]).find(' ', 6)), std::string(" 0000 3 0"));
}

TEST(panel_drops_a_frame_that_would_break_the_line_limit) {
  // An over-long HELLO (here a silly firmware string) is dropped and counted, never sent
  // truncated or over 128 bytes.
  const std::string firmware(112, '1');
  PanelConfig config = Rig::defaultConfig();
  config.firmware = firmware.c_str();
  Rig rig(config);
  rig.panel.begin();
  const auto frames = rig.sink.take();
  CHECK_EQ(frames.size(), size_t{1});
  CHECK_EQ(frames[0].substr(0, 6), std::string("STATE "));
  CHECK_EQ(rig.panel.stats().framesDropped, 1u);
}

TEST(panel_counts_frames_the_sink_could_not_take) {
  Rig rig;
  rig.panel.begin();
  rig.sink.take();
  rig.sink.full = true;
  rig.pins.pressed[0] = true;
  rig.advance(1);
  rig.sink.full = false;
  CHECK_EQ(rig.panel.stats().framesDropped, 1u);
  rig.panel.sendState();  // the seq gap tells the host that a frame was lost
  CHECK_EQ(body(rig.sink.take()[0]), std::string("STATE 2 0001 0 0"));
}

TEST(panel_led_modes_and_blink_rates) {
  Rig rig;
  rig.panel.begin();
  rig.send("LED 0 1*");  // incomplete line: nothing yet
  CHECK(rig.observer.ledModes.empty());
  rig.send("FF\n");  // wrong CRC after all
  CHECK(rig.observer.ledModes.empty());
  rig.send("LED 0 1\nLED 1 2\nLED 2 3\nLED 3 0\n");
  CHECK_EQ(rig.observer.ledModes, (std::vector<std::pair<int, int>>{{0, 1}, {1, 2}, {2, 3}}));
  CHECK(rig.pins.lit[0]);
  for (auto& edges : rig.pins.ledEdges) edges.clear();
  rig.advance(10000);
  CHECK(rig.pins.lit[0]);
  CHECK(rig.pins.ledEdges[0].empty());
  CHECK(rig.pins.ledEdges[3].empty());
  auto risingEdges = [&](int led) {
    std::vector<uint32_t> times;
    for (const auto& edge : rig.pins.ledEdges[led]) {
      if (edge.second) times.push_back(edge.first);
    }
    return times;
  };
  const auto slow = risingEdges(1);
  const auto fast = risingEdges(2);
  CHECK_EQ(slow.size(), size_t{10});  // 1 Hz
  CHECK_EQ(fast.size(), size_t{25});  // 2.5 Hz
  for (size_t i = 1; i < slow.size(); ++i) CHECK_EQ(slow[i] - slow[i - 1], 1000u);
  for (size_t i = 1; i < fast.size(); ++i) CHECK_EQ(fast[i] - fast[i - 1], 400u);
  // The accessibility rule: never more than 3 flashes in any one second.
  for (size_t i = 0; i + 3 < fast.size(); ++i) CHECK(fast[i + 3] - fast[i] >= 1000);
  // Setting the same mode again is not a change.
  rig.send("LED 1 2\n");
  CHECK_EQ(rig.observer.ledModes.size(), size_t{3});
  rig.send("LED 2 0\n");
  CHECK(!rig.pins.lit[2]);
}

TEST(panel_begin_again_is_a_reboot) {
  Rig rig;
  rig.panel.begin();
  rig.send("LED 4 1\n");
  rig.turn(0, 2);
  rig.panel.sendState();
  rig.sink.take();
  rig.panel.begin();
  CHECK(!rig.pins.lit[4]);
  CHECK_EQ(rig.observer.ledModes.back(), (std::pair<int, int>{4, 0}));
  const auto frames = rig.sink.take();
  CHECK_EQ(body(frames[1]), std::string("STATE 0 0000 0 0"));
}

// The heartbeat on the board's own clock: a STATE at least once a second, and
// not a flood. (The host-built board on a pty runs on the PC's clock, which a
// busy machine stretches, so its tests check only that STATEs keep coming.)
TEST(panel_heartbeat_is_a_state_every_second_of_board_time) {
  Rig rig;
  rig.panel.begin();
  rig.sink.take();
  uint32_t sinceLast = 0;
  uint32_t longest = 0;
  size_t states = 0;
  for (uint32_t ms = 0; ms < 10000; ++ms) {
    rig.advance(1);
    ++sinceLast;
    const size_t now = countType(rig.sink.take(), "STATE");
    if (now > 0) {
      states += now;
      longest = std::max(longest, sinceLast);
      sinceLast = 0;
    }
  }
  CHECK(longest <= 1000u);
  CHECK_EQ(states, size_t{10});
}

// A board that sleeps until msUntilDue() (or an input edge, or a host byte) sends exactly
// what one polling every millisecond sends: bouncing presses, knob turns held back by
// the report interval, blinks and the heartbeat, frame for frame and millisecond for
// millisecond.
TEST(panel_polled_only_when_due_sends_what_polling_every_ms_sends) {
  Rig every;
  Rig sleeper;
  every.panel.begin();
  sleeper.panel.begin();
  uint32_t seed = 12345;
  auto random = [&](uint32_t below) {
    seed = seed * 1103515245u + 12345u;
    return (seed >> 16) % below;
  };
  std::vector<std::string> fromEvery;
  std::vector<std::string> fromSleeper;
  auto collect = [](Rig& rig, std::vector<std::string>& into) {
    for (const std::string& frame : rig.sink.take()) into.push_back(std::to_string(rig.clock.now) + " " + frame);
  };
  uint32_t dueAt = sleeper.clock.now + sleeper.panel.msUntilDue(sleeper.clock.now);
  size_t sleeperPolls = 0;
  for (uint32_t ms = 1; ms <= 20000; ++ms) {
    every.clock.now = ms;
    sleeper.clock.now = ms;
    bool edge = false;
    const uint32_t roll = random(1000);
    if (roll < 40) {  // a contact changes (bounces are runs of these)
      const uint32_t button = random(8);
      every.pins.pressed[button] = !every.pins.pressed[button];
      edge = true;
    } else if (roll < 70) {  // a knob moves a quarter step
      const uint32_t knob = random(2);
      every.pins.phase[knob] = crossroads::QuadratureDecoder::stepPhase(every.pins.phase[knob], roll < 62 ? 1 : -1);
      edge = true;
    }
    std::copy(std::begin(every.pins.pressed), std::end(every.pins.pressed), std::begin(sleeper.pins.pressed));
    std::copy(std::begin(every.pins.phase), std::end(every.pins.phase), std::begin(sleeper.pins.phase));
    bool command = false;
    if (ms % 1500 == 0) {  // a host changes a lamp's mode now and then
      const std::string line = "LED " + std::to_string(random(8)) + " " + std::to_string(random(4)) + "\n";
      every.send(line);
      sleeper.send(line);
      command = true;
    }
    every.panel.poll();
    if (edge || command || static_cast<int32_t>(ms - dueAt) >= 0) {
      sleeper.panel.poll();
      ++sleeperPolls;
      dueAt = ms + sleeper.panel.msUntilDue(ms);
    }
    collect(every, fromEvery);
    collect(sleeper, fromSleeper);
    for (uint8_t i = 0; i < 8; ++i) CHECK_EQ(sleeper.pins.lit[i], every.pins.lit[i]);
  }
  CHECK(fromEvery.size() > 500);
  CHECK_EQ(fromSleeper, fromEvery);
  CHECK(sleeperPolls < 20000 / 3);  // and it slept most of the time
}

TEST(panel_is_due_at_once_for_a_lockout_that_has_run_out_and_never_later_than_the_heartbeat) {
  Rig rig;
  rig.panel.begin();
  CHECK_EQ(rig.panel.msUntilDue(0), rig.panel.config().heartbeatMs);
  rig.pins.pressed[2] = true;
  rig.advance(1);
  CHECK_EQ(rig.panel.msUntilDue(1), uint32_t{10});  // the lock-out ends at 11
  CHECK_EQ(rig.panel.msUntilDue(11), uint32_t{0});
  CHECK_EQ(rig.panel.msUntilDue(5000), uint32_t{0});  // overdue
}
