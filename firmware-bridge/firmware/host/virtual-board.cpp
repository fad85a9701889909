// virtual-board: the control panel's firmware core running on a PC, behind a
// pseudo-terminal, for tests and for development without the hardware.
// See README.md ("Running the virtual board") for the command-line and stdin protocol.
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>

#include "board-output.h"
#include "command-runner.h"
#include "simulated-board.h"

namespace {

volatile sig_atomic_t gStopSignal = 0;

void onStopSignal(int signal) { gStopSignal = signal; }

const char kUsage[] =
    "usage: virtual-board [--link PATH] [--id HEX] [--fw 1.0.0] [--proto 1] [--buttons 8] [--knobs 2]\n"
    "                     [--script FILE] [--no-hello] [--heartbeat-ms 950]\n";

struct Options {
  std::string link;
  std::string id;
  std::string firmware = "1.0.0";
  std::string script;
  long proto = 1;
  long buttons = 8;
  long knobs = 2;
  long heartbeatMs = 950;
  bool hello = true;
};

bool parseNumber(const char* text, long min, long max, long& out) {
  errno = 0;
  char* end = nullptr;
  const long value = std::strtol(text, &end, 10);
  if (errno != 0 || end == text || *end != '\0' || value < min || value > max) return false;
  out = value;
  return true;
}

bool isHexId(const std::string& text) {
  if (text.empty() || text.size() > 32) return false;
  for (char c : text) {
    if (std::strchr("0123456789ABCDEFabcdef", c) == nullptr) return false;
  }
  return true;
}

bool isVersion(const std::string& text) {
  if (text.empty() || text.size() > 32) return false;
  for (char c : text) {
    if (std::strchr("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.+-", c) == nullptr) return false;
  }
  return true;
}

// Returns 0 to run, or the exit code (2 on a usage error).
int parseOptions(int argc, char** argv, Options& options) {
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (flag == "--help" || flag == "-h") {
      std::fputs(kUsage, stdout);
      return -1;
    }
    if (flag == "--no-hello") {
      options.hello = false;
      continue;
    }
    if (i + 1 >= argc) {
      std::fprintf(stderr, "virtual-board: %s needs a value\n%s", flag.c_str(), kUsage);
      return 2;
    }
    const char* value = argv[++i];
    bool ok = true;
    if (flag == "--link") {
      options.link = value;
      ok = !options.link.empty();
    } else if (flag == "--id") {
      options.id = value;
      ok = isHexId(options.id);
    } else if (flag == "--fw") {
      options.firmware = value;
      ok = isVersion(options.firmware);
    } else if (flag == "--script") {
      options.script = value;
    } else if (flag == "--proto") {
      ok = parseNumber(value, 0, 255, options.proto);
    } else if (flag == "--buttons") {
      ok = parseNumber(value, 1, 32, options.buttons);
    } else if (flag == "--knobs") {
      ok = parseNumber(value, 0, 8, options.knobs);
    } else if (flag == "--heartbeat-ms") {
      ok = parseNumber(value, 1, 600000, options.heartbeatMs);
    } else {
      std::fprintf(stderr, "virtual-board: unknown option %s\n%s", flag.c_str(), kUsage);
      return 2;
    }
    if (!ok) {
      std::fprintf(stderr, "virtual-board: bad value for %s: %s\n%s", flag.c_str(), value, kUsage);
      return 2;
    }
  }
  return 0;
}

void installSignalHandlers() {
  struct sigaction action {};
  action.sa_handler = onStopSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: poll() returns at once with EINTR
  sigaction(SIGTERM, &action, nullptr);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGHUP, &action, nullptr);
  signal(SIGPIPE, SIG_IGN);
}

// Reads what stdin has; splits it into command lines. False at end of input.
bool readStdin(std::string& partial, vboard::CommandRunner& runner) {
  char buffer[4096];
  const ssize_t count = read(STDIN_FILENO, buffer, sizeof buffer);
  if (count < 0) return errno == EINTR || errno == EAGAIN;
  if (count == 0) {
    if (!partial.empty()) runner.enqueue(partial);
    partial.clear();
    return false;
  }
  partial.append(buffer, static_cast<size_t>(count));
  for (size_t end = partial.find('\n'); end != std::string::npos; end = partial.find('\n')) {
    runner.enqueue(partial.substr(0, end));
    partial.erase(0, end + 1);
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  const int parsed = parseOptions(argc, argv, options);
  if (parsed != 0) return parsed < 0 ? 0 : parsed;
  if (options.id.empty()) {
    char id[17];
    std::snprintf(id, sizeof id, "5642%012llX", static_cast<unsigned long long>(getpid()));
    options.id = id;
  }
  for (char& c : options.id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));

  crossroads::PanelConfig config;
  config.proto = static_cast<uint8_t>(options.proto);
  config.firmware = options.firmware.c_str();
  config.boardId = options.id.c_str();
  config.buttons = static_cast<uint8_t>(options.buttons);
  config.knobs = static_cast<uint8_t>(options.knobs);
  config.heartbeatMs = static_cast<uint32_t>(options.heartbeatMs);
  config.sendHello = options.hello;

  vboard::SimulatedBoard board(config, options.link);
  vboard::CommandRunner runner(board);
  if (!options.script.empty()) {
    std::ifstream script(options.script);
    if (!script) {
      std::fprintf(stderr, "virtual-board: cannot read script %s: %s\n", options.script.c_str(), std::strerror(errno));
      return 2;
    }
    for (std::string line; std::getline(script, line);) runner.enqueue(line);
  }

  installSignalHandlers();
  std::string error;
  if (!board.start(error)) {
    std::fprintf(stderr, "virtual-board: %s\n", error.c_str());
    return 1;
  }

  bool stdinOpen = true;
  std::string partial;
  while (gStopSignal == 0 && !runner.quitRequested()) {
    pollfd fds[2];
    nfds_t count = 0;
    if (stdinOpen) fds[count++] = {STDIN_FILENO, POLLIN, 0};
    const int portFd = board.portFd();
    if (portFd >= 0) fds[count++] = {portFd, POLLIN, 0};
    // 2 ms keeps debounce re-reads, blinking and knob reports on time at a negligible cost.
    int timeout = runner.idleTimeoutMs(vboard::monotonicMs());
    if (timeout > 2) timeout = 2;
    if (poll(fds, count, timeout) < 0 && errno != EINTR) break;
    if (stdinOpen && (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) != 0) {
      stdinOpen = readStdin(partial, runner);
      if (!stdinOpen) runner.endOfInput();
    }
    board.service();
    runner.step(vboard::monotonicMs());
  }
  board.removeLink();
  // Diagnostics only (stdout is the machine-readable channel).
  std::fprintf(stderr, "virtual-board: %llu writes dropped (no host, or host not reading)\n",
               static_cast<unsigned long long>(board.droppedWrites()));
  return 0;
}
