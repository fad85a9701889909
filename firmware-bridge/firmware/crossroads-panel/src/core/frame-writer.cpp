#include "frame-writer.h"

#include "crc8.h"

namespace crossroads {

void FrameWriter::reset(const char* type) {
  length_ = 0;
  overflow_ = false;
  finished_ = false;
  for (const char* p = type; *p != '\0'; ++p) append(*p);
}

void FrameWriter::append(char c) {
  // Keep room for "*CC", the newline and a terminating NUL beyond any field.
  if (length_ + 5 >= sizeof(buffer_)) {
    overflow_ = true;
    return;
  }
  buffer_[length_++] = c;
}

void FrameWriter::appendSeparator() { append(' '); }

static char sanitize(char c, bool keepSpaces) {
  const unsigned char u = static_cast<unsigned char>(c);
  if (u < 0x20 || u >= 0x7F || c == '*') return '?';
  if (c == ' ' && !keepSpaces) return '?';
  return c;
}

FrameWriter& FrameWriter::field(const char* text) {
  appendSeparator();
  for (const char* p = text; *p != '\0'; ++p) append(sanitize(*p, false));
  return *this;
}

FrameWriter& FrameWriter::text(const char* text) {
  appendSeparator();
  for (const char* p = text; *p != '\0'; ++p) append(sanitize(*p, true));
  return *this;
}

// Decimal digits, least significant first; returns how many. Numbers that fit 16 bits
// are divided in 16 bits: several times faster on an 8-bit microcontroller.
static int decimalDigits(uint32_t value, char digits[10]) {
  int count = 0;
  while (value > 0xFFFFu) {
    digits[count++] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  uint16_t small = static_cast<uint16_t>(value);
  do {
    digits[count++] = static_cast<char>('0' + small % 10);
    small = static_cast<uint16_t>(small / 10);
  } while (small != 0);
  return count;
}

FrameWriter& FrameWriter::uintField(uint32_t value) {
  char digits[10];
  int count = decimalDigits(value, digits);
  appendSeparator();
  while (count > 0) append(digits[--count]);
  return *this;
}

FrameWriter& FrameWriter::intField(int32_t value) {
  // Negate in unsigned arithmetic so that INT32_MIN has a magnitude.
  uint32_t magnitude = static_cast<uint32_t>(value);
  if (value < 0) magnitude = 0u - magnitude;
  char digits[10];
  int count = decimalDigits(magnitude, digits);
  appendSeparator();
  if (value < 0) append('-');
  while (count > 0) append(digits[--count]);
  return *this;
}

FrameWriter& FrameWriter::hexField(uint32_t value, uint8_t minDigits) {
  static const char kDigits[] = "0123456789ABCDEF";
  char digits[8];
  int count = 0;
  do {
    digits[count++] = kDigits[value & 0x0F];
    value >>= 4;
  } while (value != 0);
  if (minDigits > 8) minDigits = 8;
  while (count < minDigits) digits[count++] = '0';
  appendSeparator();
  while (count > 0) append(digits[--count]);
  return *this;
}

bool FrameWriter::finish() {
  if (finished_) return !overflow_ && length_ <= kMaxLineBytes;
  finished_ = true;
  if (overflow_) return false;
  const uint8_t crc = crc8Smbus(buffer_, length_);
  buffer_[length_++] = '*';
  formatHexByte(crc, buffer_ + length_);
  length_ += 2;
  buffer_[length_++] = '\n';
  buffer_[length_] = '\0';
  return length_ <= kMaxLineBytes;
}

}  // namespace crossroads
