#include "command-parser.h"

#include <string.h>

#include "crc8.h"

namespace crossroads {

namespace {

// Decimal without sign, 1..5 digits, at most `max`.
bool parseNumber(const char* text, size_t length, uint32_t max, uint32_t& out) {
  if (length == 0 || length > 5) return false;
  uint32_t value = 0;
  for (size_t i = 0; i < length; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + static_cast<uint32_t>(text[i] - '0');
  }
  if (value > max) return false;
  out = value;
  return true;
}

// Splits on single spaces; an empty field (two spaces, a leading or trailing space) fails.
size_t splitFields(const char* text, size_t length, const char* starts[], size_t lengths[], size_t maxFields,
                   bool& ok) {
  ok = true;
  size_t count = 0;
  size_t start = 0;
  for (size_t i = 0; i <= length; ++i) {
    if (i == length || text[i] == ' ') {
      if (i == start || count == maxFields) {
        ok = false;
        return count;
      }
      starts[count] = text + start;
      lengths[count] = i - start;
      ++count;
      start = i + 1;
    }
  }
  return count;
}

bool equals(const char* text, size_t length, const char* word) {
  return strlen(word) == length && memcmp(text, word, length) == 0;
}

}  // namespace

ParseStatus parseCommand(const char* line, size_t length, Command& out, size_t* bodyLength) {
  if (length > 0 && line[length - 1] == '\r') --length;
  size_t body = length;
  for (size_t i = 0; i < length; ++i) {
    if (line[i] == '*') {
      body = i;
      break;
    }
  }
  if (bodyLength != nullptr) *bodyLength = body;
  if (length == 0) return ParseStatus::Empty;
  if (body < length) {
    if (length - body != 3) return ParseStatus::BadCrc;
    const int high = hexDigitValue(line[body + 1]);
    const int low = hexDigitValue(line[body + 2]);
    if (high < 0 || low < 0) return ParseStatus::BadCrc;
    if (crc8Smbus(line, body) != static_cast<uint8_t>(high * 16 + low)) return ParseStatus::BadCrc;
  }

  const char* starts[4];
  size_t lengths[4];
  bool ok = false;
  const size_t count = splitFields(line, body, starts, lengths, 4, ok);
  if (count == 0) return ParseStatus::UnknownType;

  Command command;
  if (equals(starts[0], lengths[0], "WHO")) {
    if (!ok || count != 1) return ParseStatus::BadFields;
    command.type = CommandType::Who;
  } else if (equals(starts[0], lengths[0], "LED")) {
    uint32_t index = 0;
    uint32_t mode = 0;
    // The protocol allows 32 buttons; the panel checks against its own count.
    if (!ok || count != 3 || !parseNumber(starts[1], lengths[1], 31, index) ||
        !parseNumber(starts[2], lengths[2], 3, mode)) {
      return ParseStatus::BadFields;
    }
    command.type = CommandType::Led;
    command.index = static_cast<uint8_t>(index);
    command.mode = static_cast<LedMode>(mode);
  } else if (equals(starts[0], lengths[0], "PING")) {
    uint32_t n = 0;
    if (!ok || count != 2 || !parseNumber(starts[1], lengths[1], 65535, n)) return ParseStatus::BadFields;
    command.type = CommandType::Ping;
    command.ping = static_cast<uint16_t>(n);
  } else {
    return ParseStatus::UnknownType;
  }
  out = command;
  return ParseStatus::Ok;
}

const char* parseStatusCode(ParseStatus status) {
  switch (status) {
    case ParseStatus::Ok: return "OK";
    case ParseStatus::Empty: return "EMPTY";
    case ParseStatus::BadCrc: return "CRC";
    case ParseStatus::UnknownType: return "TYPE";
    case ParseStatus::BadFields: return "FIELD";
  }
  return "?";
}

void LineAssembler::clear() {
  length_ = 0;
  overflow_ = false;
  complete_ = false;
}

LineAssembler::Result LineAssembler::push(uint8_t byte) {
  if (complete_) {
    length_ = 0;
    complete_ = false;
  }
  if (byte == '\r') return Result::None;
  if (byte == '\n') {
    if (overflow_) {
      overflow_ = false;
      length_ = 0;
      ++dropped_;
      return Result::Dropped;
    }
    complete_ = true;
    return Result::Line;
  }
  if (overflow_) return Result::None;
  // At most 127 bytes of text so that, with '\n', the line fits in 128.
  if (length_ + 1 >= kMaxLineBytes) {
    overflow_ = true;
    return Result::None;
  }
  buffer_[length_++] = static_cast<char>(byte);
  return Result::None;
}

}  // namespace crossroads
