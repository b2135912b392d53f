// End-to-end: the tagger on the five seed articles, which carry no metadata.
// Each expectation is what a careful reader resolves (the document date is
// inferred; partial and relative dates are checked against the story).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "time/timex.h"

namespace {

struct Expected {
  const char* text;   // the expression
  int occurrence;     // 1 = first occurrence in the article
  const char* value;
};

struct SeedCase {
  const char* file;
  const char* inferred_dct;
  std::vector<Expected> expected;
};

std::string ReadSeed(const std::string& name) {
  const std::filesystem::path path = std::filesystem::path(CHRONICLE_SHARED_DIR) / "seeds" / name;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

const std::vector<SeedCase>& Cases() {
  static const std::vector<SeedCase> cases = {
      {"000_da2f21641001f4f4.txt",
       "2025-07-10",
       {{"Christmas Day 2024", 1, "2024-12-25"},
        {"June 27, 2025", 1, "2025-06-27"},
        {"July 10, 2025", 1, "2025-07-10"},
        {"100 years", 1, "P100Y"},
        {"the early 1990s", 1, "199"}}},
      {"001_dcccab2e6cf52972.txt",
       "2025-07-19",
       {{"25 December", 1, "2024-12-25"},
        {"28 December", 1, "2024-12-28"},
        {"the first days of the new year 2025", 1, "2025-01"},
        {"early February", 1, "2025-02"},
        {"20 February", 1, "2025-02-20"},
        {"three weeks later", 1, "2025-03-13"},
        {"13 March", 1, "2025-03-13"},
        {"20 March", 1, "2025-03-20"},
        {"9 May", 1, "2025-05-09"},
        {"a week before", 1, "2025-05-02"},
        {"7 May", 1, "2025-05-07"},
        {"the day before", 1, "2025-05-06"},
        {"9 May", 2, "2025-05-09"},
        {"Victory Day", 1, "2025-05-09"},
        {"30 June", 1, "2025-06-30"},
        {"1 July", 1, "2025-07-01"},
        {"3 July", 1, "2025-07-03"},
        {"4 July", 1, "2025-07-04"},
        {"November 2006", 1, "2006-11"},
        {"October", 1, "2006-10"},
        {"mid-May", 1, "2025-05"},
        {"17 May", 1, "2025-05-17"},
        {"a month later", 1, "2025-06-20"},
        {"20 June", 1, "2025-06-20"},
        {"10 July 2025", 1, "2025-07-10"},
        {"14 July", 1, "2025-07-14"},
        {"16 July", 1, "2025-07-16"},
        {"19 July", 1, "2025-07-19"}}},
      {"002_172059746005fc4e.txt",
       "2025-11-14",
       {{"14 November 2025", 1, "2025-11-14"},
        {"25 December 2024", 1, "2024-12-25"},
        {"October 2025", 1, "2025-10"},
        {"ten-month", 1, "P10M"},
        {"Victory Day", 1, "2025-05-09"},
        {"the 19th century", 1, "18"}}},
      {"003_0c80eecf198d65f3.txt",
       "2025-06-30",
       {{"June 30", 1, "2025-06-30"},
        {"Days earlier", 1, "2025-06-27"},
        {"June 27", 1, "2025-06-27"},
        {"December 2024", 1, "2024-12"},
        {"late February 2022", 1, "2022-02"},
        {"June 27", 2, "2025-06-27"}}},
      {"004_a079d79ec35a13aa.txt",
       "2025-07-03",
       {{"Jul 3, 2025", 1, "2025-07-03"},
        {"03/07/2025", 1, "2025-07-03"},
        {"February", 1, "2025-02"},
        {"December 2024", 1, "2024-12"}}},
  };
  return cases;
}

TEST(SeedsTimex, CarefulReaderValues) {
  const std::filesystem::path dir = std::filesystem::path(CHRONICLE_SHARED_DIR) / "seeds";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no seeds at " << dir;
  for (const auto& c : Cases()) {
    const std::string text = ReadSeed(c.file);
    ASSERT_FALSE(text.empty()) << c.file;
    const auto result = chronicle::time::TimexTagger::Default().Tag(text, std::nullopt);
    EXPECT_TRUE(result.dct.inferred) << c.file;
    EXPECT_EQ(result.dct.date.Iso(), c.inferred_dct) << c.file;
    for (const auto& e : c.expected) {
      int seen = 0;
      const chronicle::time::Timex* hit = nullptr;
      for (const auto& t : result.timexes) {
        if (t.text == e.text && ++seen == e.occurrence) {
          hit = &t;
          break;
        }
      }
      ASSERT_NE(hit, nullptr) << c.file << ": no occurrence " << e.occurrence << " of \"" << e.text << "\"";
      EXPECT_EQ(hit->value, e.value) << c.file << ": \"" << e.text << "\" #" << e.occurrence;
      EXPECT_EQ(text.substr(hit->start, hit->end - hit->start), hit->text);
    }
  }
}

TEST(SeedsTimex, NamesAndHeadingsAreNotDates) {
  const std::filesystem::path dir = std::filesystem::path(CHRONICLE_SHARED_DIR) / "seeds";
  if (!std::filesystem::exists(dir)) GTEST_SKIP() << "no seeds at " << dir;
  // "Russia Today" is a broadcaster; "Moscow May Seek ..." is a title-case heading.
  const std::pair<const char*, const char*> cases[] = {{"001_dcccab2e6cf52972.txt", "Russia Today"},
                                                       {"002_172059746005fc4e.txt", "Moscow May Seek"}};
  for (const auto& [file, phrase] : cases) {
    const std::string text = ReadSeed(file);
    const size_t at = text.find(phrase);
    ASSERT_NE(at, std::string::npos) << file << ": " << phrase;
    const size_t end = at + std::string(phrase).size();
    const auto result = chronicle::time::TimexTagger::Default().Tag(text, std::nullopt);
    for (const auto& t : result.timexes) {
      EXPECT_FALSE(t.start < end && t.end > at) << file << ": \"" << t.text << "\" inside \"" << phrase << "\"";
    }
  }
}

}  // namespace
