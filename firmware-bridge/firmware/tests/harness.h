// A tiny assert harness: TEST(name) registers a case, CHECK/CHECK_EQ throw on failure,
// test-main.cpp runs every case and prints "N passed, N failed".
#pragma once

#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace harness {

struct TestCase {
  const char* name;
  void (*run)();
};

std::vector<TestCase>& registry();

struct Registrar {
  Registrar(const char* name, void (*run)()) { registry().push_back({name, run}); }
};

struct Failure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[noreturn]] inline void fail(const char* file, int line, const std::string& message) {
  std::ostringstream text;
  text << file << ":" << line << ": " << message;
  throw Failure(text.str());
}

template <typename T>
std::string show(const T& value);

template <typename A, typename B>
std::string show(const std::pair<A, B>& value) {
  return "(" + show(value.first) + ", " + show(value.second) + ")";
}

template <typename T>
std::string show(const std::vector<T>& values) {
  std::string text = "[";
  for (size_t i = 0; i < values.size(); ++i) text += (i == 0 ? "" : ", ") + show(values[i]);
  return text + "]";
}

template <typename T>
std::string show(const T& value) {
  std::ostringstream text;
  text << value;
  return text.str();
}
inline std::string show(const std::string& value) { return "\"" + value + "\""; }
inline std::string show(const char* value) { return "\"" + std::string(value) + "\""; }
inline std::string show(unsigned char value) { return std::to_string(value); }
inline std::string show(signed char value) { return std::to_string(value); }
inline std::string show(bool value) { return value ? "true" : "false"; }

}  // namespace harness

#define TEST(name)                                                  \
  static void name();                                               \
  static harness::Registrar name##_registrar(#name, name);          \
  static void name()

#define CHECK(condition)                                                              \
  do {                                                                                \
    if (!(condition)) harness::fail(__FILE__, __LINE__, "CHECK(" #condition ") failed"); \
  } while (0)

#define CHECK_EQ(actual, expected)                                                              \
  do {                                                                                          \
    const auto& actual_ = (actual);                                                             \
    const auto& expected_ = (expected);                                                         \
    if (!(actual_ == expected_)) {                                                              \
      harness::fail(__FILE__, __LINE__,                                                         \
                    std::string(#actual " == " #expected ": got ") + harness::show(actual_) + \
                        ", expected " + harness::show(expected_));                             \
    }                                                                                           \
  } while (0)
