// WriteTimelineFiles: the three reports land in the directory, complete.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "report/report.h"
#include "timeline_fixture.h"

namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ReportFiles, WritesTheThreeReports) {
  const fs::path dir = fs::temp_directory_path() / ("chronicle-report-files-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const auto t = chronicle::testing::SmallTimeline();
  {
    // An older, longer file is replaced, not overwritten in place.
    std::ofstream old(dir / "timeline.json");
    old << std::string(100000, 'x');
  }
  std::string error;
  ASSERT_TRUE(chronicle::report::WriteTimelineFiles(t, {0}, dir.string(), &error)) << error;
  std::ostringstream json, md, html;
  chronicle::report::WriteTimelineJson(t, json);
  chronicle::report::WriteTimelineMarkdown(t, {0}, md);
  chronicle::report::WriteTimelineHtml(t, {0}, html);
  EXPECT_EQ(ReadFile(dir / "timeline.json"), json.str());
  EXPECT_EQ(ReadFile(dir / "timeline.md"), md.str());
  EXPECT_EQ(ReadFile(dir / "timeline.html"), html.str());
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir)) files += e.is_regular_file();
  EXPECT_EQ(files, 3u);  // no temporary files left behind
  fs::remove_all(dir);
}

TEST(ReportFiles, MissingDirectoryIsAnError) {
  std::string error;
  EXPECT_FALSE(
      chronicle::report::WriteTimelineFiles(chronicle::testing::SmallTimeline(), {}, "/nonexistent/chronicle", &error));
  EXPECT_NE(error.find("/nonexistent/chronicle"), std::string::npos) << error;
}

}  // namespace
