// The virtual board's "USB cable": a pseudo-terminal whose slave side the host opens like
// a real serial port, plus the optional symlink that names it (/dev/serial/by-id style).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace vboard {

class PtyPort {
 public:
  PtyPort() = default;
  PtyPort(const PtyPort&) = delete;
  PtyPort& operator=(const PtyPort&) = delete;
  ~PtyPort();

  // Opens a new pty in raw mode (nothing echoes); false with `error` set on failure.
  bool open(std::string& error);
  // Closes the master: the host's port sees a hang-up, as when a cable is pulled.
  // `reservePath` keeps the old pty's number taken until the next open(), so that a
  // re-plugged board shows up under a new path, as a host must be ready for.
  void close(bool reservePath = false);
  bool isOpen() const { return fd_ >= 0; }
  const std::string& path() const { return path_; }
  int fd() const { return fd_; }

  // Checks whether a host has the slave open; returns true when that just changed.
  bool refreshPresence();
  bool hostPresent() const { return present_; }

  // Never blocks. Without a host, or with the pty's buffer full, output is dropped and
  // counted, like a USB serial device that nobody reads.
  bool write(const char* data, size_t length);
  // Reads what the host sent; 0 when there is nothing.
  size_t read(uint8_t* buffer, size_t capacity);

  uint64_t droppedWrites() const { return dropped_; }

 private:
  bool flushPending();
  void discardStaleOutput();

  int fd_ = -1;
  int reservedFd_ = -1;
  std::string path_;
  bool present_ = false;
  std::string pending_;  // the tail of a frame the kernel took only in part
  uint64_t dropped_ = 0;
};

// Points `link` at `target` atomically (a temporary symlink renamed over it).
bool replaceSymlink(const std::string& link, const std::string& target, std::string& error);
// Removes `link` if it still points at `target` (another board may have taken it over).
void removeSymlinkIfOurs(const std::string& link, const std::string& target);

}  // namespace vboard
