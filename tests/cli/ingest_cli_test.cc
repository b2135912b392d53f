// `chronicle build` and `chronicle timex` on real-world input formats: the
// hostile corpus of issue 4 §3 beside good HTML, feed, JSONL and WARC inputs
// (ingest_samples.h). Every bad input is one "error: PATH: reason" line on
// stderr, the good ones are all in timeline.json, and the exit code is 1.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "../ingest/ingest_samples.h"

#include "cli_harness.h"

namespace {

namespace fs = std::filesystem;
using chronicle::testing::ChronicleCommand;
using chronicle::testing::FreshTestDir;
using chronicle::testing::RunShell;
using chronicle::testing::Slurp;

class IngestCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshTestDir("chronicle_ingest_cli");
    fs::create_directories(dir_ / "in");
  }
  void TearDown() override { fs::remove_all(dir_); }
  // Runs the command line `args` (after the binary); returns the exit code.
  int Run(const std::string& args) {
    const int rc = RunShell(ChronicleCommand(args, dir_ / "stdout", dir_ / "stderr"));
    out_ = Slurp(dir_ / "stdout");
    err_ = Slurp(dir_ / "stderr");
    return rc;
  }
  fs::path dir_;
  std::string out_, err_;
};

TEST_F(IngestCliTest, BuildReportsEveryBadInputAndKeepsEveryGoodOne) {
  const auto corpus = chronicle::testing::WriteHostileCorpus(dir_ / "in", size_t{100} * 1000 * 1000);
  const int rc = Run("build '" + (dir_ / "in").string() + "' -o '" + (dir_ / "out").string() + "' --threads 2");
  EXPECT_EQ(rc, 1) << err_;

  // One stderr line per bad input, naming it.
  std::istringstream lines(err_);
  std::vector<std::string> errors;
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("error: ", 0) == 0) errors.push_back(line);
  }
  EXPECT_EQ(errors.size(), corpus.bad.size()) << err_;
  for (const auto& bad : corpus.bad) {
    bool found = false;
    for (const auto& line : errors) {
      found = found || (line.rfind("error: " + bad.path + ": ", 0) == 0 && line.find(bad.reason) != std::string::npos);
    }
    EXPECT_TRUE(found) << "no line for " << bad.path << " (" << bad.reason << ") in:\n" << err_;
  }

  // Every good document is in the timeline, with its record-level path.
  const auto j = nlohmann::json::parse(Slurp(dir_ / "out" / "timeline.json"));
  std::vector<std::string> paths;
  for (const auto& d : j["documents"]) paths.push_back(d["path"].get<std::string>());
  EXPECT_EQ(paths, corpus.good_paths);
  for (const auto& d : j["documents"]) {
    if (d["path"] == (dir_ / "in" / "g_page.html").string()) {
      EXPECT_EQ(d["title"], "Drones strike harbour fuel depot");
      EXPECT_EQ(d["source"], "The Coastal Ledger");
      EXPECT_EQ(d["published"], "2024-05-10");
      EXPECT_EQ(d["published_inferred"], false);
    }
  }

  // Memory stayed bounded: the 100 MB line was not held (the reader keeps at
  // most the 64 MiB record limit while it looks for the line's end).
  rusage usage{};
  getrusage(RUSAGE_CHILDREN, &usage);
  EXPECT_LT(usage.ru_maxrss / 1024, 600) << "peak memory of chronicle build: " << usage.ru_maxrss / 1024 << " MiB";
}

TEST_F(IngestCliTest, TimexTakesJsonlFieldNames) {
  std::ofstream(dir_ / "in" / "custom.jsonl")
      << "{\"content\":\"The talks ended yesterday.\",\"date\":\"2025-07-02\",\"headline\":\"Talks\"}\n";
  const std::string input = (dir_ / "in" / "custom.jsonl").string();
  EXPECT_EQ(Run("timex '" + input + "'"), 2) << err_;  // no "text" field: nothing readable
  EXPECT_NE(err_.find("error: " + input + ":1: no 'text' or 'html' field"), std::string::npos) << err_;

  ASSERT_EQ(Run("timex '" + input + "' --jsonl-text content --jsonl-published date --jsonl-title headline"), 0)
      << err_;
  const auto line = nlohmann::json::parse(out_);
  EXPECT_EQ(line["file"], input + ":1");
  EXPECT_EQ(line["dct"], "2025-07-02");
  EXPECT_EQ(line["dct_inferred"], false);
  ASSERT_EQ(line["timexes"].size(), 1u);
  EXPECT_EQ(line["timexes"][0]["value"], "2025-07-01");
}

TEST_F(IngestCliTest, FeedOnStdin) {
  std::ofstream(dir_ / "feed.xml") << chronicle::testing::kRssFeed;
  ASSERT_EQ(Run("timex - < '" + (dir_ / "feed.xml").string() + "'"), 0) << err_;
  std::istringstream lines(out_);
  std::vector<std::string> files;
  for (std::string l; std::getline(lines, l);) files.push_back(nlohmann::json::parse(l)["file"]);
  EXPECT_EQ(files, (std::vector<std::string>{"-#item1", "-#item2"}));
}

}  // namespace
