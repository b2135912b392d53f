// Runs the golden files in tests/time/golden/*.txt: each case is a text and
// a document date in, the expected TIMEX3 expressions out. Format:
//
//   == case name
//   dct 2025-07-25            (or "dct none": the date is inferred)
//   inferred 2025-07-24       (optional: the inferred document date)
//   The text, one or more lines.
//   ----
//   expression<TAB>TYPE<TAB>value[<TAB>mod]
//
// The expected list must equal the tagger's output exactly, in order.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "../golden_cases.h"
#include "time/timex.h"

namespace {

struct GoldenCase {
  std::string file;
  int line = 0;
  std::string name;
  std::optional<chronicle::time::CalendarDate> dct;
  std::string inferred;
  std::string text;
  std::vector<std::string> expected;
};

std::vector<GoldenCase> LoadCases() {
  std::vector<GoldenCase> cases;
  for (auto& g : chronicle::testing::ReadGoldenCases(std::filesystem::path(CHRONICLE_SOURCE_DIR) / "tests/time/golden",
                                                     {"dct", "inferred"})) {
    GoldenCase c{g.file, g.line, g.name, std::nullopt, "", "", std::move(g.expected)};
    if (auto it = g.headers.find("dct"); it != g.headers.end() && it->second != "none") {
      c.dct = chronicle::time::ParseIsoDate(it->second);
    }
    if (auto it = g.headers.find("inferred"); it != g.headers.end()) c.inferred = it->second;
    for (size_t k = 0; k < g.text.size(); ++k) c.text += (k == 0 ? "" : "\n") + g.text[k];
    cases.push_back(std::move(c));
  }
  return cases;
}

TEST(TimexGolden, AllCasesMatch) {
  const auto cases = LoadCases();
  ASSERT_GT(cases.size(), 20u);
  const auto& tagger = chronicle::time::TimexTagger::Default();
  int failures = 0;
  for (const auto& c : cases) {
    const auto result = tagger.Tag(c.text, c.dct);
    std::vector<std::string> got;
    for (const auto& t : result.timexes) {
      std::string row = t.text + "\t" + t.type + "\t" + t.value;
      if (!t.mod.empty()) row += "\t" + t.mod;
      got.push_back(row);
      EXPECT_EQ(c.text.substr(t.start, t.end - t.start), t.text);
    }
    bool ok = got == c.expected;
    if (!c.inferred.empty() && result.dct.date.Iso() != c.inferred) ok = false;
    if (!ok) {
      ++failures;
      std::ostringstream msg;
      msg << c.file << ":" << c.line << " [" << c.name << "]\n  expected:\n";
      for (const auto& e : c.expected) msg << "    " << e << "\n";
      msg << "  got:\n";
      for (const auto& g : got) msg << "    " << g << "\n";
      if (!c.inferred.empty())
        msg << "  inferred dct: " << result.dct.date.Iso() << " (expected " << c.inferred << ")\n";
      ADD_FAILURE() << msg.str();
    }
  }
  std::cout << cases.size() - static_cast<size_t>(failures) << "/" << cases.size() << " golden cases pass\n";
}

}  // namespace
