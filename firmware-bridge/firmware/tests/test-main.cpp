// Runs every registered case (or those whose name contains argv[1]).
#include <cstdio>
#include <cstring>
#include <exception>

#include "harness.h"

namespace harness {
std::vector<TestCase>& registry() {
  static std::vector<TestCase> cases;
  return cases;
}
}  // namespace harness

int main(int argc, char** argv) {
  const char* filter = argc > 1 ? argv[1] : nullptr;
  int passed = 0;
  int failed = 0;
  for (const harness::TestCase& test : harness::registry()) {
    if (filter != nullptr && std::strstr(test.name, filter) == nullptr) continue;
    try {
      test.run();
      ++passed;
    } catch (const std::exception& error) {
      ++failed;
      std::printf("FAIL %s\n  %s\n", test.name, error.what());
    }
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 && passed > 0 ? 0 : 1;
}
