// What the CLI tests share: a fresh directory per test, reading a file back,
// and running the chronicle binary as a user would, with its output in files.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace chronicle::testing {

inline std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// An empty directory of its own for the running test:
// TMP/<prefix>_<pid>_<test name>.
inline std::filesystem::path FreshTestDir(const std::string& prefix) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / (prefix + "_" + std::to_string(::getpid()) + "_" +
                                                ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

// The shell command that runs `chronicle ARGS` with stdout and stderr sent to
// the given files.
inline std::string ChronicleCommand(const std::string& args, const std::filesystem::path& out,
                                    const std::filesystem::path& err) {
  return std::string(CHRONICLE_CLI_PATH) + " " + args + " > '" + out.string() + "' 2> '" + err.string() + "'";
}

// Runs a shell command; its exit code, -1 if it did not exit normally.
inline int RunShell(const std::string& cmd) {
  const int status = std::system(cmd.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace chronicle::testing
