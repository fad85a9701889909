// pty-relay: the USB-serial chip of the emulated AVR board. It owns a pseudo-terminal
// that the bridge opens like /dev/ttyUSB0 and passes bytes between it and the emulator
// (on stdin and stdout, in the frames of relay-frames.h). It uses the virtual board's
// PtyPort, so a host sees the same hang-up on unplug and the same new path on replug,
// and bytes sent while no host has the port open are dropped, as a real bridge chip
// drops them. While a host has it open nothing is dropped: the emulator may run faster
// than the line, and USB would carry a real board's 115200 baud with room to spare, so
// bytes the pty cannot take yet wait in an outbox. It exits at the end of its input, or
// on SIGTERM.
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include "../host/pty-port.h"
#include "relay-frames.h"

namespace {

volatile sig_atomic_t gStop = 0;

// A host that stops reading altogether: past this much waiting output, bytes are dropped.
constexpr size_t kMaxOutbox = 1 << 20;

void onStopSignal(int) { gStop = 1; }

// Blocking, whole: the emulator reads its end without pause.
bool send(const std::string& frame) {
  size_t offset = 0;
  while (offset < frame.size()) {
    const ssize_t written = ::write(STDOUT_FILENO, frame.data() + offset, frame.size() - offset);
    if (written > 0) {
      offset += static_cast<size_t>(written);
    } else if (written < 0 && errno != EINTR) {
      return false;
    }
  }
  return true;
}

class Relay {
 public:
  explicit Relay(std::string link) : link_(std::move(link)) {}

  bool plug(char announce) {
    std::string error;
    if (!port_.open(error)) return fatal(error);
    if (!link_.empty() && !vboard::replaceSymlink(link_, port_.path(), error)) return fatal(error);
    return send(relay::encode(announce, port_.path()));
  }

  void unplug() {
    if (!port_.isOpen()) return;
    outbox_.clear();
    if (!link_.empty()) vboard::removeSymlinkIfOurs(link_, port_.path());
    port_.close(true);
    send(relay::encode('U'));
  }

  void handle(const relay::Message& message) {
    switch (message.type) {
      case 'D':
        if (hostFd() >= 0 && outbox_.size() + message.payload.size() <= kMaxOutbox) {
          outbox_ += message.payload;
        } else {
          ++dropped_;
        }
        break;
      case 'U': unplug(); break;
      case 'P':
        if (!port_.isOpen()) plug('P');
        break;
      default: break;
    }
  }

  // Host presence first, then its bytes: the emulator learns of an open before any data.
  bool service() {
    if (port_.refreshPresence()) {
      if (!port_.hostPresent()) outbox_.clear();
      if (!send(relay::encode(port_.hostPresent() ? 'O' : 'C'))) return false;
    }
    flushOutbox();
    uint8_t buffer[4096];
    for (size_t count = port_.read(buffer, sizeof buffer); count > 0; count = port_.read(buffer, sizeof buffer)) {
      if (!send(relay::encode('D', reinterpret_cast<const char*>(buffer), count))) return false;
    }
    return true;
  }

  int hostFd() const { return port_.isOpen() && port_.hostPresent() ? port_.fd() : -1; }
  bool hasOutput() const { return !outbox_.empty(); }

  void finish() {
    if (port_.isOpen() && !link_.empty()) vboard::removeSymlinkIfOurs(link_, port_.path());
    std::fprintf(stderr, "pty-relay: %llu writes dropped (no host, or host not reading)\n", static_cast<unsigned long long>(dropped_));
  }

 private:
  bool fatal(const std::string& error) {
    send(relay::encode('E', error));
    return false;
  }

  void flushOutbox() {
    const int fd = hostFd();
    while (fd >= 0 && !outbox_.empty()) {
      const ssize_t written = ::write(fd, outbox_.data(), outbox_.size());
      if (written > 0) {
        outbox_.erase(0, static_cast<size_t>(written));
      } else if (written < 0 && errno == EINTR) {
        continue;
      } else {
        return;  // EAGAIN: the pty is full until the host reads; EIO: it just left
      }
    }
  }

  std::string link_;
  vboard::PtyPort port_;
  std::string outbox_;
  uint64_t dropped_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  std::string link;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--link") == 0 && i + 1 < argc) {
      link = argv[++i];
    } else {
      std::fprintf(stderr, "usage: pty-relay [--link PATH]\n");
      return 2;
    }
  }
  struct sigaction action {};
  action.sa_handler = onStopSignal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
  signal(SIGPIPE, SIG_IGN);

  Relay relay(link);
  if (!relay.plug('R')) return 1;
  relay::FrameReader reader;
  relay::Message message;
  while (gStop == 0) {
    const short hostEvents = static_cast<short>(POLLIN | (relay.hasOutput() ? POLLOUT : 0));
    pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {relay.hostFd(), hostEvents, 0}};
    // 2 ms: how soon a host's open or close is noticed (a pty says so only when polled).
    if (poll(fds, fds[1].fd >= 0 ? 2 : 1, 2) < 0 && errno != EINTR) break;
    if ((fds[0].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
      char buffer[8192];
      const ssize_t count = ::read(STDIN_FILENO, buffer, sizeof buffer);
      if (count == 0 || (count < 0 && errno != EINTR && errno != EAGAIN)) break;
      if (count > 0) reader.push(buffer, static_cast<size_t>(count));
      while (reader.next(message)) relay.handle(message);
    }
    if (!relay.service()) break;
  }
  relay.finish();
  return 0;
}
