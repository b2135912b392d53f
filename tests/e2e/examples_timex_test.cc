// End-to-end: the tagger on the bundled example articles (read through the
// ingest layer, with their header dates or, for the file without a header, an
// inferred date) must give exactly the expressions listed in
// examples/timex_gold.tsv.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "ingest/reader.h"
#include "time/timex.h"

namespace {

TEST(ExamplesTimex, MatchesGoldTable) {
  const std::string dir = std::string(CHRONICLE_SOURCE_DIR) + "/examples";
  std::map<std::string, std::vector<std::string>> gold;
  std::ifstream in(dir + "/timex_gold.tsv");
  ASSERT_TRUE(in) << "missing examples/timex_gold.tsv";
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t tab = line.find('\t');
    // file, text, type, value, mod (anchor is documentation only)
    std::string rest = line.substr(tab + 1);
    std::vector<std::string> cols;
    std::stringstream ss(rest);
    for (std::string c; std::getline(ss, c, '\t');) cols.push_back(c);
    ASSERT_GE(cols.size(), 4u) << line;
    gold[line.substr(0, tab)].push_back(cols[0] + "|" + cols[1] + "|" + cols[2] + "|" + (cols.size() > 3 ? cols[3] : ""));
  }
  ASSERT_GE(gold.size(), 6u);

  const auto batch = chronicle::ingest::ReadInputs({dir}, {});
  EXPECT_TRUE(batch.errors.empty());
  int checked = 0;
  for (const auto& doc : batch.documents) {
    const std::string name = doc.path.substr(doc.path.find_last_of('/') + 1);
    if (!gold.count(name)) continue;
    std::optional<chronicle::time::CalendarDate> dct;
    if (doc.published) dct = chronicle::time::ParseIsoDate(*doc.published);
    const auto result = chronicle::time::TimexTagger::Default().Tag(doc.body, dct);
    std::vector<std::string> got;
    for (const auto& t : result.timexes) got.push_back(t.text + "|" + t.type + "|" + t.value + "|" + t.mod);
    EXPECT_EQ(got, gold[name]) << name;
    ++checked;
  }
  EXPECT_EQ(checked, static_cast<int>(gold.size()));
}

TEST(ExamplesTimex, UndatedFileGetsInferredDate) {
  const std::string path = std::string(CHRONICLE_SOURCE_DIR) + "/examples/07_kyiv_embassy_strike_undated.txt";
  const auto batch = chronicle::ingest::ReadInputs({path}, {});
  ASSERT_EQ(batch.documents.size(), 1u);
  EXPECT_FALSE(batch.documents[0].published.has_value());
  const auto result = chronicle::time::TimexTagger::Default().Tag(batch.documents[0].body, std::nullopt);
  EXPECT_TRUE(result.dct.inferred);
  EXPECT_EQ(result.dct.date.Iso(), "2025-11-14");
}

}  // namespace
