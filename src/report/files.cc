// WriteTimelineFiles: the three reports into a directory, each through a
// temporary file and a rename, which is atomic on POSIX file systems: readers
// see the old file or the new one, never a partial write.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <system_error>

#include "report/report.h"

namespace chronicle::report {

namespace {

bool WriteAtomically(const std::filesystem::path& path, const std::function<void(std::ostream&)>& write,
                     std::string* error) {
  std::filesystem::path tmp = path;
  tmp += ".tmp-" + std::to_string(static_cast<long>(getpid()));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) {
      if (error != nullptr) *error = "cannot write " + tmp.string() + ": " + std::strerror(errno);
      return false;
    }
    // (A timeline whose mentions cannot be read back from its spill throws.)
    std::string failure;
    try {
      write(out);
    } catch (const std::exception& e) {
      failure = e.what();
    }
    out.flush();
    if (!failure.empty() || !out) {
      if (error != nullptr) {
        *error = "cannot write " + tmp.string() + ": " + (failure.empty() ? std::strerror(errno) : failure);
      }
      out.close();
      std::error_code ignored;
      std::filesystem::remove(tmp, ignored);
      return false;
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    if (error != nullptr) *error = "cannot rename " + tmp.string() + " to " + path.string() + ": " + ec.message();
    std::error_code ignored;
    std::filesystem::remove(tmp, ignored);
    return false;
  }
  return true;
}

}  // namespace

bool WriteTimelineFiles(const merge::Timeline& timeline, const std::vector<size_t>& top, const std::string& dir,
                        std::string* error) {
  const std::filesystem::path base(dir);
  std::error_code ec;
  if (!std::filesystem::is_directory(base, ec)) {
    if (error != nullptr) *error = "not a directory: " + dir;
    return false;
  }
  return WriteAtomically(
             base / "timeline.json", [&](std::ostream& out) { WriteTimelineJson(timeline, out); }, error) &&
         WriteAtomically(
             base / "timeline.md", [&](std::ostream& out) { WriteTimelineMarkdown(timeline, top, out); }, error) &&
         WriteAtomically(
             base / "timeline.html", [&](std::ostream& out) { WriteTimelineHtml(timeline, top, out); }, error);
}

}  // namespace chronicle::report
