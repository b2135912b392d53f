// The process's resident set, for the timing lines of CHRONICLE_TIMING.
//
//   std::cerr << chronicle::util::ResidentMegabytes() << " MB resident\n";  // "123 (peak 456)"
#pragma once

#include <cstdlib>
#include <fstream>
#include <string>

namespace chronicle::util {

// The resident set now and at its peak ("123 (peak 456)", in MiB), from
// /proc/self/status; "?" where that file is not there.
inline std::string ResidentMegabytes() {
  std::ifstream status("/proc/self/status");
  std::string line, now = "?", peak = "?";
  auto megabytes = [](const std::string& l) {
    return std::to_string(std::strtoll(l.c_str() + l.find(':') + 1, nullptr, 10) / 1024);
  };
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) now = megabytes(line);
    if (line.rfind("VmHWM:", 0) == 0) peak = megabytes(line);
  }
  return now + " (peak " + peak + ")";
}

// MiB of the process's memory now on transparent huge pages (AnonHugePages
// of /proc/self/smaps_rollup); -1 where that file is not there.
inline long long HugePageMegabytes() {
  std::ifstream rollup("/proc/self/smaps_rollup");
  if (!rollup) return -1;
  std::string line;
  while (std::getline(rollup, line)) {
    if (line.rfind("AnonHugePages:", 0) == 0) return std::strtoll(line.c_str() + line.find(':') + 1, nullptr, 10) / 1024;
  }
  return -1;
}

}  // namespace chronicle::util
