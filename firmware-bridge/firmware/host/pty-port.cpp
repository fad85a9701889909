#include "pty-port.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

namespace vboard {

namespace {

// A partial write leaves at most one frame's tail behind; more than this is dropped.
constexpr size_t kMaxPending = 4096;

}  // namespace

PtyPort::~PtyPort() {
  close();
  if (reservedFd_ >= 0) ::close(reservedFd_);
}

bool PtyPort::open(std::string& error) {
  close();
  dropped_ = 0;
  const int fd = posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK);
  if (fd < 0) {
    error = std::string("posix_openpt: ") + std::strerror(errno);
    return false;
  }
  if (grantpt(fd) != 0 || unlockpt(fd) != 0) {
    error = std::string("grantpt/unlockpt: ") + std::strerror(errno);
    ::close(fd);
    return false;
  }
  const char* name = ptsname(fd);
  if (name == nullptr) {
    error = std::string("ptsname: ") + std::strerror(errno);
    ::close(fd);
    return false;
  }
  // Raw mode on the pair: no echo of the host's commands, no newline translation.
  termios attributes{};
  if (tcgetattr(fd, &attributes) == 0) {
    cfmakeraw(&attributes);
    cfsetispeed(&attributes, B115200);
    cfsetospeed(&attributes, B115200);
    tcsetattr(fd, TCSANOW, &attributes);
  }
  fd_ = fd;
  path_ = name;
  if (reservedFd_ >= 0) ::close(reservedFd_);
  reservedFd_ = -1;
  present_ = false;
  pending_.clear();
  // Open and close the slave once: from then on poll() reports POLLHUP while no host has
  // it open, so output can be dropped instead of piling up for the next host to read.
  discardStaleOutput();
  return true;
}

void PtyPort::close(bool reservePath) {
  if (fd_ >= 0 && reservePath) {
    if (reservedFd_ >= 0) ::close(reservedFd_);
    reservedFd_ = ::open(path_.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK);
  }
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
  present_ = false;
  pending_.clear();
}

void PtyPort::discardStaleOutput() {
  tcflush(fd_, TCIOFLUSH);
  const int slave = ::open(path_.c_str(), O_RDWR | O_NOCTTY | O_NONBLOCK);
  if (slave < 0) return;
  char scratch[512];
  while (::read(slave, scratch, sizeof scratch) > 0) {
  }
  ::close(slave);
}

bool PtyPort::refreshPresence() {
  if (fd_ < 0) return false;
  pollfd entry{fd_, POLLIN, 0};
  if (poll(&entry, 1, 0) < 0) return false;
  const bool present = (entry.revents & POLLHUP) == 0;
  if (present == present_) return false;
  present_ = present;
  // A host that left: what it did not read must not greet the next one.
  if (!present_) {
    pending_.clear();
    discardStaleOutput();
  }
  return true;
}

bool PtyPort::flushPending() {
  while (!pending_.empty()) {
    const ssize_t written = ::write(fd_, pending_.data(), pending_.size());
    if (written > 0) {
      pending_.erase(0, static_cast<size_t>(written));
      continue;
    }
    if (written < 0 && errno == EINTR) continue;
    return false;  // EAGAIN: full; EIO: the host just left
  }
  return true;
}

bool PtyPort::write(const char* data, size_t length) {
  if (fd_ < 0 || !present_ || !flushPending()) {
    ++dropped_;
    return false;
  }
  size_t offset = 0;
  while (offset < length) {
    const ssize_t written = ::write(fd_, data + offset, length - offset);
    if (written > 0) {
      offset += static_cast<size_t>(written);
      continue;
    }
    if (written < 0 && errno == EINTR) continue;
    break;
  }
  if (offset == length) return true;
  if (offset == 0) {
    ++dropped_;
    return false;
  }
  // Keep the tail so that the host never sees half a frame followed by another frame
  // (only a huge `garbage` burst can outgrow this, and garbage may be cut).
  if (length - offset > kMaxPending) {
    ++dropped_;
    return false;
  }
  pending_.assign(data + offset, length - offset);
  return true;
}

size_t PtyPort::read(uint8_t* buffer, size_t capacity) {
  if (fd_ < 0 || !present_) return 0;
  for (;;) {
    const ssize_t count = ::read(fd_, buffer, capacity);
    if (count > 0) {
      flushPending();
      return static_cast<size_t>(count);
    }
    if (count < 0 && errno == EINTR) continue;
    return 0;  // EAGAIN: nothing; EIO: no host (refreshPresence will notice)
  }
}

bool replaceSymlink(const std::string& link, const std::string& target, std::string& error) {
  const std::string temporary = link + ".tmp-" + std::to_string(getpid());
  unlink(temporary.c_str());
  if (symlink(target.c_str(), temporary.c_str()) != 0) {
    error = "symlink " + temporary + ": " + std::strerror(errno);
    return false;
  }
  if (rename(temporary.c_str(), link.c_str()) != 0) {
    error = "rename to " + link + ": " + std::strerror(errno);
    unlink(temporary.c_str());
    return false;
  }
  return true;
}

void removeSymlinkIfOurs(const std::string& link, const std::string& target) {
  char buffer[4096];
  const ssize_t length = readlink(link.c_str(), buffer, sizeof buffer - 1);
  if (length < 0) return;
  if (std::string(buffer, static_cast<size_t>(length)) == target) unlink(link.c_str());
}

}  // namespace vboard
