// Host-to-board commands: splitting the byte stream into lines and parsing one line.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "frame-writer.h"

namespace crossroads {

enum class CommandType : uint8_t { Who, Led, Ping };

enum class LedMode : uint8_t { Off = 0, On = 1, SlowBlink = 2, FastBlink = 3 };

struct Command {
  CommandType type = CommandType::Who;
  uint8_t index = 0;  // LED
  LedMode mode = LedMode::Off;  // LED
  uint16_t ping = 0;  // PING
};

enum class ParseStatus : uint8_t {
  Ok,
  Empty,        // blank line: ignored without a word (serial monitors send them)
  BadCrc,       // `*` present but not followed by the right two hex digits
  UnknownType,  // not WHO, LED or PING
  BadFields,    // wrong count, not a number, out of range
};

// Parses one line without its '\n' (a trailing '\r' is tolerated). The `*CC` suffix is
// optional: a person typing in a serial monitor leaves it out. `bodyLength` receives the
// length of the text before `*`, for logging the line.
ParseStatus parseCommand(const char* line, size_t length, Command& out, size_t* bodyLength = nullptr);

const char* parseStatusCode(ParseStatus status);

// Cuts the host's byte stream into lines. A line longer than the protocol's 128 bytes
// (terminator included, '\r' not counted) is dropped whole and counted.
class LineAssembler {
 public:
  enum class Result : uint8_t { None, Line, Dropped };

  Result push(uint8_t byte);
  const char* line() const { return buffer_; }
  size_t length() const { return length_; }
  uint32_t droppedLines() const { return dropped_; }
  void clear();

 private:
  char buffer_[kMaxLineBytes];
  size_t length_ = 0;
  bool overflow_ = false;
  bool complete_ = false;
  uint32_t dropped_ = 0;
};

}  // namespace crossroads
