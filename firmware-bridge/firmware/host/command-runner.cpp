#include "command-runner.h"

#include <cerrno>
#include <cstdlib>
#include <sstream>
#include <vector>

#include "board-output.h"

namespace vboard {

namespace {

constexpr uint64_t kTapMs = 30;
constexpr long kMaxWaitMs = 600000;
constexpr long kMaxGarbage = 65536;
constexpr long kMaxDetents = 10000;

bool parseLong(const std::string& text, long min, long max, long& out) {
  if (text.empty()) return false;
  errno = 0;
  char* end = nullptr;
  const long value = std::strtol(text.c_str(), &end, 10);
  if (errno != 0 || *end != '\0' || value < min || value > max) return false;
  out = value;
  return true;
}

std::string trim(const std::string& text) {
  const size_t first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return "";
  const size_t last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

}  // namespace

void CommandRunner::step(uint64_t nowMs) {
  if (waiting_ != Waiting::Nothing) {
    if (nowMs < dueMs_) return;
    if (waiting_ == Waiting::TapRelease) board_.setButton(tapButton_, false);
    waiting_ = Waiting::Nothing;
    finish(current_);
  }
  while (waiting_ == Waiting::Nothing && !quit_ && !queue_.empty()) {
    std::string original = queue_.front();
    queue_.pop_front();
    if (!original.empty() && original.back() == '\r') original.pop_back();
    const std::string line = trim(original);
    if (line.empty() || line[0] == '#') continue;
    if (line.compare(0, 4, "raw ") == 0 || line == "raw") {
      // Verbatim: only the one space after the command word is not part of the text.
      const size_t at = original.find("raw");
      const std::string text = at + 3 < original.size() ? original.substr(at + 4) : "";
      board_.sendRaw(text + "\n");
      finish(line);
      continue;
    }
    start(line, nowMs);
  }
  if (waiting_ == Waiting::Nothing && queue_.empty() && inputEnded_) quit_ = true;
}

int CommandRunner::idleTimeoutMs(uint64_t nowMs) const {
  if (waiting_ == Waiting::Nothing) return queue_.empty() ? 1000 : 0;
  return dueMs_ > nowMs ? static_cast<int>(dueMs_ - nowMs) : 0;
}

void CommandRunner::finish(const std::string& line) { emitLine("OK %s", line.c_str()); }

void CommandRunner::start(const std::string& line, uint64_t nowMs) {
  std::istringstream words(line);
  std::string name;
  words >> name;
  std::vector<std::string> args;
  for (std::string word; words >> word;) args.push_back(word);
  long a = 0;
  long b = 0;

  auto fail = [&](const std::string& text) { emitLine("ERR %s: %s", text.c_str(), line.c_str()); };
  auto wait = [&](Waiting what, uint64_t ms) {
    waiting_ = what;
    current_ = line;
    dueMs_ = nowMs + ms;
  };

  if ((name == "press" || name == "release" || name == "tap") && args.size() == 1) {
    if (!parseLong(args[0], 0, board_.buttons() - 1, a)) return fail("no such button");
    board_.setButton(static_cast<uint8_t>(a), name != "release");
    if (name == "tap") {
      tapButton_ = static_cast<uint8_t>(a);
      return wait(Waiting::TapRelease, kTapMs);
    }
  } else if (name == "turn" && args.size() == 2) {
    if (!parseLong(args[0], 0, static_cast<long>(board_.knobs()) - 1, a)) return fail("no such knob");
    if (!parseLong(args[1], -kMaxDetents, kMaxDetents, b)) return fail("bad detent count");
    board_.turn(static_cast<uint8_t>(a), static_cast<int>(b));
  } else if (name == "state" && args.empty()) {
    board_.sendState();
  } else if (name == "hello" && args.empty()) {
    board_.sendHello();
  } else if (name == "unplug" && args.empty()) {
    if (!board_.plugged()) return fail("not plugged");
    board_.unplug();
  } else if (name == "plug" && args.empty()) {
    std::string error;
    if (!board_.plug(error)) return fail(error);
  } else if (name == "garbage" && args.size() == 1) {
    if (!parseLong(args[0], 0, kMaxGarbage, a)) return fail("bad byte count");
    std::string bytes;
    for (long i = 0; i < a; ++i) {
      // xorshift: fast, and good enough for noise on a wire.
      randomState_ ^= randomState_ << 13;
      randomState_ ^= randomState_ >> 7;
      randomState_ ^= randomState_ << 17;
      const uint8_t value = static_cast<uint8_t>(randomState_ >> 24);
      bytes.push_back((randomState_ & 0xF) == 0 ? '\n' : static_cast<char>(value));
    }
    bytes.push_back('\n');
    board_.sendRaw(bytes);
  } else if ((name == "silence" || name == "sleep") && args.size() == 1) {
    if (!parseLong(args[0], 0, kMaxWaitMs, a)) return fail("bad duration");
    if (name == "silence") {
      board_.silence(nowMs + static_cast<uint64_t>(a));
      // Marks the start, so a test knows what the host sends from here on meets a silent board.
      emitLine("SILENT %ld", a);
    }
    return wait(Waiting::Sleep, static_cast<uint64_t>(a));
  } else if (name == "quit" && args.empty()) {
    finish(line);
    quit_ = true;
    return;
  } else {
    return fail("unknown command");
  }
  finish(line);
}

}  // namespace vboard
