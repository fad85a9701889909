// The pty relay's pipe protocol with the emulator: each message is one type byte, a
// 16-bit little-endian length and that many payload bytes.
//   emulator -> relay: 'D' bytes for the host, 'U' unplug, 'P' plug
//   relay -> emulator: 'R' ready (the pty's path), 'O' a host opened the port, 'C' it
//                      closed it, 'D' bytes from the host, 'U' unplugged, 'P' plugged
//                      (the new path), 'E' a fatal error (text)
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace relay {

constexpr size_t kMaxPayload = 65535;

struct Message {
  char type = 0;
  std::string payload;
};

// Takes bytes as they come from the pipe; complete messages come out of next().
class FrameReader {
 public:
  void push(const char* data, size_t length) { buffer_.append(data, length); }
  // True and `out` filled when a whole message is buffered.
  bool next(Message& out) {
    if (buffer_.size() < 3) return false;
    const size_t length = static_cast<uint8_t>(buffer_[1]) | (static_cast<size_t>(static_cast<uint8_t>(buffer_[2])) << 8);
    if (buffer_.size() < 3 + length) return false;
    out.type = buffer_[0];
    out.payload.assign(buffer_, 3, length);
    buffer_.erase(0, 3 + length);
    return true;
  }

 private:
  std::string buffer_;
};

inline std::string encode(char type, const char* data, size_t length) {
  if (length > kMaxPayload) length = kMaxPayload;
  std::string frame;
  frame.reserve(3 + length);
  frame.push_back(type);
  frame.push_back(static_cast<char>(length & 0xFF));
  frame.push_back(static_cast<char>((length >> 8) & 0xFF));
  frame.append(data, length);
  return frame;
}

inline std::string encode(char type, const std::string& payload = "") { return encode(type, payload.data(), payload.size()); }

}  // namespace relay
