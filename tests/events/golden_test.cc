// Runs the golden files in tests/events/golden/*.txt: each case is a short
// text and a document date in, the event mentions out. Format:
//
//   == case name
//   dct 2025-07-25
//   The text, one or more lines (a line is a paragraph).
//   ----
//   trigger<TAB>class<TAB>date<TAB>status<TAB>hedge<TAB>roles<TAB>numbers
//
// date is the mention's date ("-" when undated, "~" prefix when taken from
// the paragraph), status "timeline" or the reason it is left out, roles
// "role:Actor" sorted and comma-separated ("-" when none), numbers
// "value:what" in text order ("-" when none). The expected lines must equal
// the mentions exactly, in order. CHRONICLE_UPDATE_GOLDEN=1 prints the
// actual lines of failing cases, to review and paste.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "../golden_cases.h"
#include "events/analysis.h"

namespace {

struct Case {
  std::string file;
  int line = 0;
  std::string name;
  std::string dct;
  std::string text;  // each line ends in a newline
  std::vector<std::string> expected;
};

std::vector<Case> LoadCases() {
  std::vector<Case> cases;
  for (auto& g : chronicle::testing::ReadGoldenCases(
           std::filesystem::path(CHRONICLE_SOURCE_DIR) / "tests/events/golden", {"dct"})) {
    Case c{g.file, g.line, g.name, g.headers["dct"], "", std::move(g.expected)};
    for (const auto& l : g.text) c.text += l + "\n";
    cases.push_back(std::move(c));
  }
  return cases;
}

std::vector<std::string> Describe(const chronicle::events::DocumentAnalysis& a) {
  std::vector<std::string> out;
  for (const auto& m : a.mentions) {
    std::string date = m.date.year == 0 ? "-" : (m.own_date ? "" : "~") + m.date.Iso();
    std::vector<std::string> roles;
    for (const auto& ra : m.actors) roles.push_back(ra.role + ":" + ra.actor.name);
    std::sort(roles.begin(), roles.end());
    std::string role_text, numbers;
    for (const auto& r : roles) role_text += (role_text.empty() ? "" : ",") + r;
    for (const auto& q : m.numbers) numbers += (numbers.empty() ? "" : ",") + std::to_string(q.value) + ":" + q.what;
    out.push_back(m.trigger + "\t" + std::string(ToString(m.cls)) + "\t" + date + "\t" +
                  (m.in_timeline ? "timeline" : m.excluded) + "\t" + std::string(ToString(m.hedge)) + "\t" +
                  (role_text.empty() ? "-" : role_text) + "\t" + (numbers.empty() ? "-" : numbers));
  }
  return out;
}

TEST(EventGolden, AllCases) {
  const auto cases = LoadCases();
  ASSERT_GE(cases.size(), 10u);
  const bool update = std::getenv("CHRONICLE_UPDATE_GOLDEN") != nullptr;
  for (const auto& c : cases) {
    chronicle::ingest::Document doc;
    doc.path = c.file;
    doc.body = c.text;
    const auto a = chronicle::events::AnalyseDocument(std::move(doc), chronicle::time::ParseIsoDate(c.dct));
    const auto got = Describe(a);
    EXPECT_EQ(got, c.expected) << c.file << ":" << c.line << " (" << c.name << ")";
    if (update && got != c.expected) {
      std::cout << "== " << c.name << "\n";
      for (const auto& g : got) std::cout << g << "\n";
    }
  }
}

}  // namespace
