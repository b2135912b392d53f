#include "cli/huge_pages.h"

#include <malloc.h>
#include <sys/mman.h>
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

// (Not in a sanitizer build: its allocator is not glibc's.)
#if !defined(__SANITIZE_ADDRESS__) && !defined(__SANITIZE_THREAD__)
namespace {

bool MadviseMode() {
  std::string mode;
  std::ifstream in("/sys/kernel/mm/transparent_hugepage/enabled");
  std::getline(in, mode);
  return mode.find("[madvise]") != std::string::npos;
}

// The small-heap variant, without a second exec. The heap's first huge page
// can only start at a 2 MiB boundary, and the heap starts anywhere: so the
// stretch up to the next boundary is taken by one block that is never used
// (nor touched, so it costs no memory), the heap is grown past it by `bytes`
// (malloc's top pad), and that part is advised for huge pages before
// anything touches it. Allocations then come from huge pages, and memory
// freed stays mapped (no trimming, no mmap for large blocks below 64 MiB).
void ReserveHugeHeap(size_t bytes) {
  constexpr uintptr_t kHuge = uintptr_t{2} << 20;
  if (mallopt(M_MMAP_THRESHOLD, 64 << 20) == 0 || mallopt(M_TRIM_THRESHOLD, 128 << 20) == 0 ||
      mallopt(M_TOP_PAD, static_cast<int>(bytes)) == 0) {
    return;
  }
  const auto brk_end = reinterpret_cast<uintptr_t>(::sbrk(0));
  const uintptr_t top_start = brk_end - mallinfo2().keepcost;
  const uintptr_t first = (brk_end + kHuge - 1) & ~(kHuge - 1);
  // (The block's header and malloc's own rounding take a few bytes.)
  if (std::malloc(first - top_start - 64) == nullptr) return;  // kept for the life of the process
  const auto end = reinterpret_cast<uintptr_t>(::sbrk(0));
  const uintptr_t last = end & ~(kHuge - 1);
  if (last > first) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
}

}  // namespace
#endif

void UseHugePages(int argc, char** argv) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  (void)argc;
  (void)argv;
  return;
#else
  if (argc < 2) return;
  if (const char* off = std::getenv("CHRONICLE_HUGE_PAGES"); off != nullptr && std::strcmp(off, "0") == 0) return;
  const std::string_view command = argv[1];
  if (command == "timex") {
    if (MadviseMode()) ReserveHugeHeap(size_t{8} << 20);
    return;
  }
  if (command != "build" && command != "add" && command != "extract") return;
  if (std::getenv("CHRONICLE_REEXEC") != nullptr) {
    ::unsetenv("CHRONICLE_REEXEC");  // not passed on to anything we start
    return;
  }
  const char* tunables_env = std::getenv("GLIBC_TUNABLES");
  // The user's setting of the tunable, to any value, stands.
  if (tunables_env != nullptr && std::strstr(tunables_env, "glibc.malloc.hugetlb") != nullptr) return;
  const bool had_tunables = tunables_env != nullptr;
  const std::string tunables = had_tunables ? tunables_env : "";
  if (!MadviseMode()) return;
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
