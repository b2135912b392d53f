// Golden files for the hand-made timeline: tests/report/golden/timeline.json,
// timeline.md and timeline.html must equal the writers' output byte for byte.
// After an intended change of the output, regenerate them with
//
//   CHRONICLE_UPDATE_GOLDEN=1 build/h-report/chronicle_tests --gtest_filter='ReportGolden*'
//
// and review the diff.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "report/report.h"
#include "timeline_fixture.h"

namespace {

const std::string kGoldenDir = std::string(CHRONICLE_SOURCE_DIR) + "/tests/report/golden/";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

bool UpdateGolden() {
  const char* v = std::getenv("CHRONICLE_UPDATE_GOLDEN");
  return v != nullptr && std::string(v) == "1";
}

void CompareWithGolden(const std::string& name, const std::string& actual) {
  const std::string path = kGoldenDir + name;
  if (UpdateGolden()) {
    std::ofstream out(path, std::ios::binary);
    out << actual;
    ASSERT_TRUE(out.good()) << "cannot write " << path;
    return;
  }
  const std::string expected = ReadFile(path);
  ASSERT_FALSE(expected.empty()) << path << " is missing; run with CHRONICLE_UPDATE_GOLDEN=1 to create it";
  if (expected == actual) return;
  // Point at the first differing line: easier to read than two whole files.
  std::istringstream e(expected), a(actual);
  std::string el, al;
  int line = 1;
  while (std::getline(e, el) && std::getline(a, al) && el == al) ++line;
  ADD_FAILURE() << name << " differs from the golden file at line " << line << "\n  expected: " << el
                << "\n  actual:   " << al << "\n(CHRONICLE_UPDATE_GOLDEN=1 regenerates the golden files)";
}

const std::vector<size_t> kTop = {0};

TEST(ReportGolden, TimelineJson) {
  std::ostringstream out;
  chronicle::report::WriteTimelineJson(chronicle::testing::SmallTimeline(), out);
  CompareWithGolden("timeline.json", out.str());
}

TEST(ReportGolden, TimelineMarkdown) {
  std::ostringstream out;
  chronicle::report::WriteTimelineMarkdown(chronicle::testing::SmallTimeline(), kTop, out);
  CompareWithGolden("timeline.md", out.str());
}

TEST(ReportGolden, TimelineHtml) {
  std::ostringstream out;
  chronicle::report::WriteTimelineHtml(chronicle::testing::SmallTimeline(), kTop, out);
  CompareWithGolden("timeline.html", out.str());
}

}  // namespace
