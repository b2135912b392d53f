// cli/progress.h: the line's text, the terminal and log modes, quiet short
// runs, and counters updated from many threads at once.
#include "cli/progress.h"

#include <gtest/gtest.h>

#include <sstream>
#include <thread>
#include <vector>

namespace {

using chronicle::cli::Progress;

TEST(Progress, FormatsCountsRatesAndEta) {
  EXPECT_EQ(Progress::FormatLine("build", 1234, 10000, 2'500'000, 2.0, false),
            "build: 1,234 / 10,000 documents (12%), 617 docs/s, 1.25 MB/s, ETA 0:14");
  EXPECT_EQ(Progress::FormatLine("extract", 5, std::nullopt, 1000, 2.0, false),
            "extract: 5 documents, 2.5 docs/s, 0.00 MB/s");
  EXPECT_EQ(Progress::FormatLine("add", 10000, 10000, 25'000'000, 3725.0, true),
            "add: 10,000 / 10,000 documents (100%), 2.7 docs/s, 0.01 MB/s, 1:02:05 elapsed");
  EXPECT_EQ(Progress::FormatLine("build", 1, 1'000'000, 0, 1.0, false),
            "build: 1 / 1,000,000 documents (0%), 1.0 docs/s, 0.00 MB/s, ETA 277:46:39");
}

TEST(Progress, LogModePrintsPlainLinesEveryNDocuments) {
  std::ostringstream out;
  Progress::Options o;
  o.mode = Progress::Mode::kLog;
  o.interval = std::chrono::hours(1);
  o.every_documents = 100;
  {
    Progress p("build", o, &out);
    p.SetTotal(250);
    for (int i = 0; i < 250; ++i) p.Done(1000);
    EXPECT_EQ(p.lines_printed(), 2u);
  }
  const std::string s = out.str();
  EXPECT_EQ(s.find('\r'), std::string::npos);
  EXPECT_NE(s.find("progress: build: 100 / 250 documents (40%)"), std::string::npos) << s;
  EXPECT_NE(s.find("progress: build: 200 / 250 documents (80%)"), std::string::npos) << s;
  EXPECT_NE(s.find("progress: build: 250 / 250 documents (100%)"), std::string::npos) << s;
  EXPECT_NE(s.find("elapsed\n"), std::string::npos) << s;
}

TEST(Progress, AShortLogRunPrintsNothing) {
  std::ostringstream out;
  Progress::Options o;
  o.mode = Progress::Mode::kLog;
  Progress p("add", o, &out);  // every 10 s
  for (int i = 0; i < 50; ++i) p.Done(10);
  p.Finish();
  EXPECT_EQ(out.str(), "");
  EXPECT_EQ(p.documents(), 50u);
  EXPECT_EQ(p.bytes(), 500u);
}

TEST(Progress, TerminalModeRedrawsOneLineAndEndsIt) {
  std::ostringstream out;
  Progress::Options o;
  o.mode = Progress::Mode::kTerminal;
  o.redraw = std::chrono::milliseconds(0);  // every clock read
  Progress p("extract", o, &out);
  for (int i = 0; i < 64; ++i) p.Done(100);
  p.Finish();
  p.Finish();  // idempotent
  const std::string s = out.str();
  EXPECT_EQ(s.front(), '\r');
  EXPECT_EQ(s.find('\n'), s.size() - 1) << "one line, ended once";
  EXPECT_NE(s.find("\x1b[K"), std::string::npos);
  EXPECT_NE(s.find("extract: 64 documents"), std::string::npos) << s;
  EXPECT_GT(p.lines_printed(), 2u);
}

TEST(Progress, OffPrintsNothingButCounts) {
  std::ostringstream out;
  Progress::Options o;
  o.mode = Progress::Mode::kOff;
  Progress p("build", o, &out);
  p.Done(5);
  p.Finish();
  EXPECT_EQ(out.str(), "");
  EXPECT_EQ(p.documents(), 1u);
}

TEST(Progress, CountersAreExactUnderManyThreads) {
  std::ostringstream out;
  Progress::Options o;
  o.mode = Progress::Mode::kTerminal;
  o.redraw = std::chrono::milliseconds(1);
  Progress p("build", o, &out);
  p.SetTotal(40000);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 10000; ++i) p.Done(3);
    });
  }
  for (auto& t : threads) t.join();
  p.Finish();
  EXPECT_EQ(p.documents(), 40000u);
  EXPECT_EQ(p.bytes(), 120000u);
  EXPECT_NE(out.str().find("build: 40,000 / 40,000 documents (100%)"), std::string::npos);
}

}  // namespace
