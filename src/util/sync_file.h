// Flushing a finished file to the disk before it is moved into place.
#pragma once

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace chronicle::util {

// fsync()s the file at `path`, so that a rename that follows publishes a file
// whose contents survive a power failure. False with *error on failure.
inline bool SyncFile(const std::string& path, std::string* error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    if (error != nullptr) *error = "cannot open " + path + " to sync it: " + std::strerror(errno);
    return false;
  }
  const bool ok = ::fsync(fd) == 0;
  const int saved = errno;
  ::close(fd);
  if (!ok && error != nullptr) *error = "cannot sync " + path + ": " + std::strerror(saved);
  return ok;
}

// Asks the kernel to start writing the file's dirty pages out now, without
// waiting for them (sync_file_range with SYNC_FILE_RANGE_WRITE), so that a
// later SyncFile has less left to do. Best effort: errors are ignored.
inline void StartWriteback(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return;
  (void)::sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE);
  ::close(fd);
}

}  // namespace chronicle::util
