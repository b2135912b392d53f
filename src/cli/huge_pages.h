// Transparent huge pages for the heap: on this project's 2-core machine a
// build spent about a quarter of its CPU time in page faults, one per 4 KiB
// page of heap touched, and the rest of it ran faster too with 2 MiB pages
// (fewer TLB misses). glibc's malloc asks the kernel for huge pages only when
// told so at startup (the tunable glibc.malloc.hugetlb=1 in GLIBC_TUNABLES),
// so the process runs itself again once with the tunable set.
#pragma once

namespace chronicle::cli {

// Re-executes the program (/proc/self/exe, same arguments) with
// glibc.malloc.hugetlb=1 added to GLIBC_TUNABLES, when all of these hold:
// - the command is one that builds large heaps: build, add or extract;
// - the kernel gives huge pages to memory that asks for them
//   (/sys/kernel/mm/transparent_hugepage/enabled is "madvise"; with "always"
//   the heap has them already, with "never" it cannot);
// - GLIBC_TUNABLES does not mention glibc.malloc.hugetlb (the user's choice
//   stands: GLIBC_TUNABLES=glibc.malloc.hugetlb=0 turns this off, as does
//   CHRONICLE_HUGE_PAGES=0);
// - this is not already the re-executed process (CHRONICLE_REEXEC is unset),
//   and not a sanitizer build (its allocator is not glibc's).
// Returns if it does not re-execute, or if exec fails (the run goes on with
// 4 KiB pages).
// `chronicle timex`, whose heap stays small, gets huge pages without the
// second exec: the heap is grown once by 8 MiB past its next 2 MiB boundary
// and that stretch is advised for huge pages (madvise) before it is used;
// on the 3 MB bench corpus page faults fell from about 495 to 170 and the
// run from about 59 to 48 ms (three alternating `perf stat -r 40`, busy
// machine). CHRONICLE_HUGE_PAGES=0 turns it off too.
void UseHugePages(int argc, char** argv);

// True when this process runs with glibc's heap on huge pages (the tunable
// is set to 1), whether UseHugePages or the user set it.
bool HeapOnHugePages();

}  // namespace chronicle::cli
