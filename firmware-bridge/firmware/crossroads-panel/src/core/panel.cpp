#include "panel.h"

namespace crossroads {

Panel::Panel(const PanelConfig& config, Clock& clock, PanelPins& pins, FrameSink& sink, PanelObserver* observer)
    : config_(config), clock_(clock), pins_(pins), sink_(sink), observer_(observer) {
  if (config_.buttons < 1) config_.buttons = 1;
  if (config_.buttons > kButtonCapacity) config_.buttons = kButtonCapacity;
  if (config_.knobs > kKnobCapacity) config_.knobs = kKnobCapacity;
  if (config_.heartbeatMs < 1) config_.heartbeatMs = 1;
  for (Debouncer& button : buttons_) button.setLockout(config_.debounceMs);
}

void Panel::begin() {
  const uint32_t now = clock_.nowMs();
  for (uint8_t i = 0; i < config_.buttons; ++i) buttons_[i].reset(pins_.buttonPressed(i), now);
  for (uint8_t k = 0; k < config_.knobs; ++k) {
    knobs_[k] = KnobState();
    knobs_[k].decoder.reset(pins_.knobPhase(k));
  }
  for (uint8_t i = 0; i < config_.buttons; ++i) {
    setLedMode(i, LedMode::Off);
    leds_[i].lit = false;
    pins_.setLed(i, false);
  }
  lines_.clear();
  seq_ = 0;
  sendHello();
  sendState();
}

void Panel::poll() {
  const uint32_t now = clock_.nowMs();
  pollInputsAt(now);
  reportKnobs(now);
  updateLeds(now);
  if (static_cast<uint32_t>(now - lastStateMs_) >= config_.heartbeatMs) sendState();
}

namespace {

// Unsigned differences: correct across the 49-day wrap of the clock.
uint32_t msLeft(uint32_t now, uint32_t since, uint32_t interval) {
  const uint32_t elapsed = now - since;
  return elapsed >= interval ? 0 : interval - elapsed;
}

}  // namespace

uint32_t Panel::msUntilDue(uint32_t nowMs) const {
  uint32_t due = msLeft(nowMs, lastStateMs_, config_.heartbeatMs);
  for (uint8_t i = 0; i < config_.buttons; ++i) {
    const uint32_t reread = buttons_[i].msUntilReread(nowMs);
    if (reread < due) due = reread;
  }
  for (uint8_t k = 0; k < config_.knobs; ++k) {
    const KnobState& knob = knobs_[k];
    if (knob.pending == 0) continue;
    const uint32_t report = knob.reportedOnce ? msLeft(nowMs, knob.lastReportMs, config_.knobReportMs) : 0;
    if (report < due) due = report;
  }
  // A blink changes at each half period of the clock (see updateLeds); one division
  // a blinking mode, however many LEDs are in it.
  bool anySlow = false;
  bool anyFast = false;
  for (uint8_t i = 0; i < config_.buttons; ++i) {
    anySlow = anySlow || leds_[i].mode == LedMode::SlowBlink;
    anyFast = anyFast || leds_[i].mode == LedMode::FastBlink;
  }
  constexpr uint32_t kSlowHalf = kSlowBlinkPeriodMs / 2;
  constexpr uint32_t kFastHalf = kFastBlinkPeriodMs / 2;
  if (anySlow && kSlowHalf - nowMs % kSlowHalf < due) due = kSlowHalf - nowMs % kSlowHalf;
  if (anyFast && kFastHalf - nowMs % kFastHalf < due) due = kFastHalf - nowMs % kFastHalf;
  return due;
}

void Panel::pollInputs() { pollInputsAt(clock_.nowMs()); }

void Panel::pollInputsAt(uint32_t now) {
  for (uint8_t i = 0; i < config_.buttons; ++i) {
    if (!buttons_[i].update(pins_.buttonPressed(i), now)) continue;
    FrameWriter frame("BTN");
    frame.uintField(takeSeq()).uintField(i).uintField(buttons_[i].level() ? 1 : 0);
    send(frame);
  }
  for (uint8_t k = 0; k < config_.knobs; ++k) {
    const int8_t detent = knobs_[k].decoder.update(pins_.knobPhase(k));
    if (detent == 0) continue;
    // Wrapping add in unsigned arithmetic: the protocol's counts wrap at 32 bits.
    knobs_[k].count = static_cast<int32_t>(static_cast<uint32_t>(knobs_[k].count) + static_cast<uint32_t>(detent));
    knobs_[k].pending += detent;
  }
}

void Panel::reportKnobs(uint32_t now, bool force) {
  for (uint8_t k = 0; k < config_.knobs; ++k) {
    KnobState& knob = knobs_[k];
    if (knob.pending == 0) continue;  // a turn back and forth that cancelled is never sent as 0
    if (!force && knob.reportedOnce && static_cast<uint32_t>(now - knob.lastReportMs) < config_.knobReportMs) continue;
    FrameWriter frame("KNOB");
    frame.uintField(takeSeq()).uintField(k).intField(knob.pending);
    knob.pending = 0;
    knob.lastReportMs = now;
    knob.reportedOnce = true;
    send(frame);
  }
}

void Panel::updateLeds(uint32_t now) {
  // The blink phases are worked out only when some LED blinks, before the loop (where a
  // compiler cannot hoist them back out of a branch): a 32-bit division costs hundreds
  // of cycles on an 8-bit microcontroller, and the loop may run every millisecond.
  bool anySlow = false;
  bool anyFast = false;
  for (uint8_t i = 0; i < config_.buttons; ++i) {
    anySlow = anySlow || leds_[i].mode == LedMode::SlowBlink;
    anyFast = anyFast || leds_[i].mode == LedMode::FastBlink;
  }
  bool slowLit = false;
  bool fastLit = false;
  // Blinks follow the clock, not the command time, so that LEDs in one mode flash together.
  if (anySlow) slowLit = (now % kSlowBlinkPeriodMs) < kSlowBlinkPeriodMs / 2;
  if (anyFast) fastLit = (now % kFastBlinkPeriodMs) < kFastBlinkPeriodMs / 2;
  for (uint8_t i = 0; i < config_.buttons; ++i) {
    bool lit = false;
    switch (leds_[i].mode) {
      case LedMode::Off: lit = false; break;
      case LedMode::On: lit = true; break;
      case LedMode::SlowBlink: lit = slowLit; break;
      case LedMode::FastBlink: lit = fastLit; break;
    }
    if (lit == leds_[i].lit) continue;
    leds_[i].lit = lit;
    pins_.setLed(i, lit);
  }
}

void Panel::setLedMode(uint8_t index, LedMode mode) {
  if (leds_[index].mode == mode) return;
  leds_[index].mode = mode;
  if (observer_ != nullptr) observer_->onLedMode(index, mode);
}

void Panel::receive(const uint8_t* data, size_t length) {
  for (size_t i = 0; i < length; ++i) {
    switch (lines_.push(data[i])) {
      case LineAssembler::Result::Line: handleLine(lines_.line(), lines_.length()); break;
      case LineAssembler::Result::Dropped:
        ++stats_.linesTooLong;
        refuse("LONG", "line over 128 bytes dropped");
        break;
      case LineAssembler::Result::None: break;
    }
  }
}

void Panel::handleLine(const char* line, size_t length) {
  Command command;
  size_t bodyLength = 0;
  const ParseStatus status = parseCommand(line, length, command, &bodyLength);
  switch (status) {
    case ParseStatus::Empty: return;
    case ParseStatus::BadCrc: refuse("CRC", "bad checksum"); return;
    case ParseStatus::UnknownType: refuse("TYPE", "unknown command"); return;
    case ParseStatus::BadFields: refuse("FIELD", "bad fields"); return;
    case ParseStatus::Ok: break;
  }
  if (command.type == CommandType::Led && command.index >= config_.buttons) {
    refuse("RANGE", "no such LED");
    return;
  }
  if (observer_ != nullptr) observer_->onHostLine(line, bodyLength);
  switch (command.type) {
    case CommandType::Who: sendHello(); break;
    case CommandType::Led:
      setLedMode(command.index, command.mode);
      updateLeds(clock_.nowMs());  // show the change now rather than at the next poll
      break;
    case CommandType::Ping: {
      FrameWriter frame("PONG");
      frame.uintField(command.ping);
      send(frame);
      break;
    }
  }
}

void Panel::refuse(const char* code, const char* text) {
  ++stats_.commandsRefused;
  FrameWriter frame("ERR");
  frame.field(code).text(text);
  send(frame);
}

void Panel::sendHello(bool force) {
  if (!config_.sendHello && !force) return;
  FrameWriter frame("HELLO");
  frame.uintField(config_.proto).field(config_.firmware).field(config_.boardId);
  frame.uintField(config_.buttons).uintField(config_.knobs);
  send(frame);
}

void Panel::sendState() {
  // A STATE must never show turns that no KNOB has reported yet, or a host
  // adding up deltas and reading snapshots would count them twice.
  reportKnobs(clock_.nowMs(), true);
  lastStateMs_ = clock_.nowMs();
  FrameWriter frame("STATE");
  // At least four hex digits (the protocol's examples), more for over 16 buttons.
  const uint8_t digits = config_.buttons > 16 ? static_cast<uint8_t>((config_.buttons + 3) / 4) : 4;
  frame.uintField(takeSeq()).hexField(pressedMask(), digits);
  for (uint8_t k = 0; k < config_.knobs; ++k) frame.intField(knobs_[k].count);
  send(frame);
}

void Panel::sendLog(const char* text) {
  FrameWriter frame("LOG");
  frame.text(text);
  send(frame);
}

uint32_t Panel::pressedMask() const {
  uint32_t mask = 0;
  for (uint8_t i = 0; i < config_.buttons; ++i) {
    if (buttons_[i].level()) mask |= (1u << i);
  }
  return mask;
}

uint8_t Panel::takeSeq() {
  const uint8_t seq = seq_;
  seq_ = static_cast<uint8_t>(seq_ + 1);  // wraps 255 -> 0
  return seq;
}

void Panel::send(FrameWriter& frame) {
  if (!frame.finish() || !sink_.writeFrame(frame.data(), frame.size())) {
    ++stats_.framesDropped;
    return;
  }
  ++stats_.framesSent;
}

}  // namespace crossroads
