// The chronicle command as a user runs it: a temporary folder with good and
// broken articles, the binary run through the shell, and its stdout, stderr
// and exit code checked.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include <nlohmann/json.hpp>

#include "cli_harness.h"

namespace {

namespace fs = std::filesystem;

struct RunResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

RunResult RunCli(const std::string& args, const fs::path& dir) {
  const fs::path out = dir / "stdout.txt";
  const fs::path err = dir / "stderr.txt";
  const std::string cmd = chronicle::testing::ChronicleCommand(args, out, err);
  RunResult r;
  r.exit_code = chronicle::testing::RunShell(cmd);
  r.out = chronicle::testing::Slurp(out);
  r.err = chronicle::testing::Slurp(err);
  return r;
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("chronicle_cli_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "in");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& bytes) {
    std::ofstream(dir_ / "in" / name, std::ios::binary) << bytes;
  }
  fs::path dir_;
};

// timex puts its small heap on huge pages without running itself again
// (cli/huge_pages.h); CHRONICLE_HUGE_PAGES=0 keeps 4 KiB pages. The output
// is the same either way.
TEST_F(CliTest, TimexHeapOnHugePagesChangesNoOutput) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "a sanitizer's allocator is not glibc's: no huge-page heap";
#endif
  Write("a.txt", "Title: Talks\nPublished: 2025-07-25\n---\nThe ministers met yesterday and again on 3 March.\n");
  Write("b.txt", "Two days later, on Friday, the talks resumed; a week before, nothing had moved.\n");
  auto run = [&](const std::string& env, const std::string& name) {
    const fs::path out = dir_ / (name + ".out");
    const fs::path err = dir_ / (name + ".err");
    EXPECT_EQ(chronicle::testing::RunShell("env CHRONICLE_TIMING=1 " + env + " " +
                                           chronicle::testing::ChronicleCommand(
                                               "timex --threads 1 '" + (dir_ / "in").string() + "'", out, err)),
              0);
    return std::make_pair(chronicle::testing::Slurp(out), chronicle::testing::Slurp(err));
  };
  const auto [on_out, on_err] = run("", "on");
  const auto [off_out, off_err] = run("CHRONICLE_HUGE_PAGES=0", "off");
  EXPECT_NE(on_err.find("timing: heap on huge pages "), std::string::npos) << on_err;
  EXPECT_NE(off_err.find("timing: heap on huge pages 0 MB"), std::string::npos) << off_err;
  EXPECT_FALSE(on_out.empty());
  EXPECT_EQ(on_out, off_out);
}

TEST_F(CliTest, TimexTagsGoodFilesAndNamesBrokenOnes) {
  Write("a_good.txt", "Title: Talks\nPublished: 2025-07-25\n---\nThe ministers met yesterday.\n");
  Write("b_bad_utf8.txt", std::string("On 3 March \xC3\x28 the talks began.\n"));
  Write("c_empty.txt", "");
  // One thread tags each document as it is read; more read them all first.
  for (const std::string threads : {"1", "2"}) {
    SCOPED_TRACE("--threads " + threads);
    const RunResult r = RunCli("timex --threads " + threads + " '" + (dir_ / "in").string() + "'", dir_);
    EXPECT_EQ(r.exit_code, 1) << r.err;  // some inputs failed, the rest went on
    EXPECT_NE(r.err.find("b_bad_utf8.txt"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("invalid UTF-8"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("c_empty.txt"), std::string::npos) << r.err;
    std::istringstream lines(r.out);
    std::string line;
    int count = 0;
    while (std::getline(lines, line)) {
      const auto j = nlohmann::json::parse(line);
      EXPECT_EQ(j["dct"], "2025-07-25");
      EXPECT_EQ(j["dct_inferred"], false);
      ASSERT_EQ(j["timexes"].size(), 1u);
      const auto& t = j["timexes"][0];
      EXPECT_EQ(t["text"], "yesterday");
      EXPECT_EQ(t["value"], "2025-07-24");
      EXPECT_EQ(t["anchor"], "dct");
      // Offsets are into the body: the header is body_offset bytes long.
      EXPECT_EQ(t["start"].get<int>(), 18);
      EXPECT_EQ(j["body_offset"].get<int>(), 39);
      ++count;
    }
    EXPECT_EQ(count, 1);
  }
  // Nothing readable at all: exit 2, with either.
  std::filesystem::remove(dir_ / "in" / "a_good.txt");
  for (const std::string threads : {"1", "2"}) {
    EXPECT_EQ(RunCli("timex --threads " + threads + " '" + (dir_ / "in").string() + "'", dir_).exit_code, 2);
  }
}

TEST_F(CliTest, TimexRepairAndDctOverride) {
  Write("bad.txt", std::string("On 3 March \xC3\x28 the talks began.\n"));
  const RunResult r = RunCli("timex --repair --dct 2025-07-25 '" + (dir_ / "in" / "bad.txt").string() + "'", dir_);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("repaired"), std::string::npos) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["timexes"][0]["value"], "2025-03-03");
}

TEST_F(CliTest, TimexReadsStdinAndInfersTheDate) {
  Write("story.txt", "On 30 June 2025 seven employees were arrested. A day later they were charged.\n");
  const RunResult r = RunCli("timex - < '" + (dir_ / "in" / "story.txt").string() + "'", dir_);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["dct_inferred"], true);
  EXPECT_EQ(j["dct"], "2025-07-01");
  EXPECT_EQ(j["timexes"][1]["value"], "2025-07-01");
  EXPECT_EQ(j["timexes"][1]["anchor"], "narrative");
}

TEST_F(CliTest, TimexTimeMLOutputCarriesTags) {
  Write("a.txt", "Fighting <b>resumed</b> on 27 June 2025 & stopped.\n");
  const RunResult r = RunCli("timex --format timeml '" + (dir_ / "in" / "a.txt").string() + "'", dir_);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2025-06-27\">27 June 2025</TIMEX3>"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("&lt;b&gt;resumed&lt;/b&gt;"), std::string::npos) << r.out;  // text is escaped
  EXPECT_NE(r.out.find("&amp; stopped"), std::string::npos) << r.out;
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(RunCli("timex --dct 25/07/2025 x.txt", dir_).exit_code, 2);
  EXPECT_EQ(RunCli("timex '" + (dir_ / "in" / "missing.txt").string() + "'", dir_).exit_code, 2);
  EXPECT_EQ(RunCli("no-such-command", dir_).exit_code, 2);
}

TEST_F(CliTest, ThreadsDoNotChangeTheOutput) {
  for (int i = 0; i < 12; ++i) {
    Write("doc" + std::to_string(i) + ".txt", "Published: 2025-07-" + std::to_string(10 + i) +
                                                  "\n---\nThe vote was held on Monday, " + std::to_string(i) +
                                                  " days after the strike.\n");
  }
  const std::string in = "'" + (dir_ / "in").string() + "'";
  const RunResult one = RunCli("timex --threads 1 " + in, dir_);
  const RunResult four = RunCli("timex --threads 4 " + in, dir_);
  EXPECT_EQ(one.exit_code, 0);
  EXPECT_EQ(one.out, four.out);
  EXPECT_EQ(std::count(one.out.begin(), one.out.end(), '\n'), 12);
}

}  // namespace
