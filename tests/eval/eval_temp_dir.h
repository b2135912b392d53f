// A fresh directory under the system temp dir for the eval tests, removed
// at the end: "chronicle_eval_NAME_PID".
#pragma once

#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <unistd.h>

namespace chronicle::eval::test_util {

class TempDir {
 public:
  explicit TempDir(const std::string& name)
      : path_(std::filesystem::temp_directory_path() /
              ("chronicle_eval_" + name + "_" + std::to_string(::getpid()))) {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
    std::filesystem::create_directories(path_, ec);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  std::string path() const { return path_.string(); }
  // Writes `content` to PATH/relative, creating the folders on the way.
  void Write(const std::string& relative, const std::string& content) const {
    const std::filesystem::path p = path_ / relative;
    std::error_code ec;
    std::filesystem::create_directories(p.parent_path(), ec);
    std::ofstream(p) << content;
  }

 private:
  std::filesystem::path path_;
};

}  // namespace chronicle::eval::test_util
