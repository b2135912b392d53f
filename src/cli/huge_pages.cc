#include "cli/huge_pages.h"

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <string_view>

namespace chronicle::cli {

namespace {
constexpr char kTunableOn[] = "glibc.malloc.hugetlb=1";
}  // namespace

bool HeapOnHugePages() {
  const char* tunables = std::getenv("GLIBC_TUNABLES");
  return tunables != nullptr && std::strstr(tunables, kTunableOn) != nullptr;
}

void UseHugePages(int argc, char** argv) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  (void)argc;
  (void)argv;
  return;
#else
  if (argc < 2) return;
  const std::string_view command = argv[1];
  if (command != "build" && command != "add" && command != "extract") return;
  if (std::getenv("CHRONICLE_REEXEC") != nullptr) {
    ::unsetenv("CHRONICLE_REEXEC");  // not passed on to anything we start
    return;
  }
  if (const char* off = std::getenv("CHRONICLE_HUGE_PAGES"); off != nullptr && std::strcmp(off, "0") == 0) return;
  const char* tunables_env = std::getenv("GLIBC_TUNABLES");
  // The user's setting of the tunable, to any value, stands.
  if (tunables_env != nullptr && std::strstr(tunables_env, "glibc.malloc.hugetlb") != nullptr) return;
  const bool had_tunables = tunables_env != nullptr;
  const std::string tunables = had_tunables ? tunables_env : "";
  std::string mode;
  {
    std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
    std::getline(in, mode);
  }
  if (mode.find("[madvise]") == std::string::npos) return;
  std::string value = tunables.empty() ? std::string() : tunables + ":";
  value += kTunableOn;
  if (::setenv("GLIBC_TUNABLES", value.c_str(), 1) != 0 || ::setenv("CHRONICLE_REEXEC", "1", 1) != 0) return;
  ::execv("/proc/self/exe", argv);
  // exec failed: go on as we are, with the environment as it was.
  if (had_tunables) {
    ::setenv("GLIBC_TUNABLES", tunables.c_str(), 1);
  } else {
    ::unsetenv("GLIBC_TUNABLES");
  }
  ::unsetenv("CHRONICLE_REEXEC");
#endif
}

}  // namespace chronicle::cli
