// Builds one board-to-host frame, `TYPE field field*CC\n`, in a fixed buffer (no heap on the MCU).
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace crossroads {

// The protocol's longest line, terminator included (1.1: 128; 1.0 said 96).
constexpr size_t kMaxLineBytes = 128;

class FrameWriter {
 public:
  FrameWriter() { reset(""); }
  explicit FrameWriter(const char* type) { reset(type); }

  void reset(const char* type);
  FrameWriter& field(const char* text);  // one field; '*', spaces and control bytes become '?'
  FrameWriter& text(const char* text);   // free text (LOG, ERR): spaces kept, '*' and controls become '?'
  FrameWriter& uintField(uint32_t value);
  FrameWriter& intField(int32_t value);
  FrameWriter& hexField(uint32_t value, uint8_t minDigits);

  // Appends `*CC\n`. False when the frame would break the 128-byte line limit:
  // such a frame must not be sent, since the host would drop it anyway.
  bool finish();

  const char* data() const { return buffer_; }
  size_t size() const { return length_; }

 private:
  void append(char c);
  void appendSeparator();

  // The longest line and the NUL: append() notes an overflow rather than truncate
  // silently, so finish() can refuse the frame (it lives on the stack: a small MCU has
  // little of it).
  char buffer_[kMaxLineBytes + 1];
  size_t length_ = 0;
  bool overflow_ = false;
  bool finished_ = false;
};

}  // namespace crossroads
