// Tests for the evaluation driver: it reads a directory of hand-written gold
// files, pairs them with raw inputs by DOCID, reports bad files as errors,
// and formats the report. The tagger's own output is not checked here (it is
// tested with the tagger), only that the driver counts and pairs correctly.
#include "eval/timex_eval.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "eval_temp_dir.h"

namespace chronicle::eval {
namespace {

namespace fs = std::filesystem;

using test_util::TempDir;

constexpr const char* kGoldA = R"(<?xml version="1.0" ?>
<TimeML>
<DOCID>DOC_A</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" temporalFunction="false" functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>
<TEXT>
It <EVENT eid="e1">rained</EVENT> <TIMEX3 tid="t1" type="DATE" value="2013-03-21">yesterday</TIMEX3> for <TIMEX3 tid="t2" type="DURATION" value="P3H">three hours</TIMEX3>.
</TEXT>
</TimeML>
)";

constexpr const char* kGoldB = R"(<?xml version="1.0" ?>
<TimeML>
<DOCID>DOC_B</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="19980108" functionInDocument="CREATION_TIME">19980108</TIMEX3></DCT>
<TEXT>Every <TIMEX3 tid="t1" type="SET" value="XXXX-WXX-1">Monday</TIMEX3>.</TEXT>
</TimeML>
)";

constexpr const char* kInputA = R"(<?xml version="1.0" ?>
<TimeML>
<DOCID>DOC_A</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" temporalFunction="false" functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>
<TEXT>
It rained yesterday for three hours.
</TEXT>
</TimeML>
)";

TEST(TimeMLEval, CountsGoldInTwoFiles) {
  TempDir dir("two");
  dir.Write("a.tml", kGoldA);
  dir.Write("sub/b.tml", kGoldB);  // found recursively
  dir.Write("notes.txt", "not a tml file");
  const EvalReport report = RunTimexEval({dir.path(), ""});
  EXPECT_EQ(report.documents, 2);
  EXPECT_EQ(report.scores.gold, 3);
  EXPECT_TRUE(report.errors.empty());
  EXPECT_TRUE(report.warnings.empty());
  // Whatever the tagger finds, every gold timex is either matched or listed.
  int missed = 0;
  for (const auto& m : report.mismatches) {
    if (m.find("\tmissed\t") != std::string::npos) ++missed;
  }
  EXPECT_EQ(missed, report.scores.gold - report.scores.relaxed_match);
}

TEST(TimeMLEval, MalformedAndMissingFilesAreErrors) {
  TempDir dir("bad");
  dir.Write("a.tml", kGoldA);
  dir.Write("broken.tml", "<TimeML><TEXT>oops</TimeML>");
  dir.Write("notext.tml", "<TimeML><DOCID>X</DOCID></TimeML>");
  dir.Write("empty.tml", "");
  const EvalReport report = RunTimexEval({dir.path(), ""});
  EXPECT_EQ(report.documents, 1);
  EXPECT_EQ(report.scores.gold, 2);
  ASSERT_EQ(report.errors.size(), 3u);
  EXPECT_NE(report.errors[0].find("broken.tml"), std::string::npos) << report.errors[0];

  const EvalReport none = RunTimexEval({dir.path() + "/does-not-exist", ""});
  EXPECT_EQ(none.documents, 0);
  EXPECT_EQ(none.scores.gold, 0);
  ASSERT_EQ(none.errors.size(), 1u);
  EXPECT_FALSE(FormatReport(none).empty());
}

TEST(TimeMLEval, PairsInputsByDocid) {
  TempDir gold("gold");
  gold.Write("a.tml", kGoldA);
  gold.Write("b.tml", kGoldB);
  TempDir input("input");
  input.Write("renamed.TE3input", kInputA);  // file name differs; DOCID pairs it
  EvalReport report = RunTimexEval({gold.path(), input.path()});
  EXPECT_EQ(report.documents, 2);
  EXPECT_TRUE(report.errors.empty());
  ASSERT_EQ(report.warnings.size(), 1u);  // DOC_B has no input
  EXPECT_NE(report.warnings[0].find("DOC_B"), std::string::npos) << report.warnings[0];

  // An input whose text differs falls back to the gold text with a warning.
  std::string changed = kInputA;
  changed.replace(changed.find("rained"), 6, "snowed");
  input.Write("renamed.TE3input", changed);
  input.Write("broken.TE3input", "<TimeML>");
  report = RunTimexEval({gold.path(), input.path()});
  EXPECT_EQ(report.documents, 2);
  EXPECT_EQ(report.scores.gold, 3);
  EXPECT_EQ(report.errors.size(), 1u);
  ASSERT_EQ(report.warnings.size(), 2u);
  EXPECT_NE(report.warnings[0].find("differs"), std::string::npos) << report.warnings[0];
}

TEST(TimeMLEval, FormatAndJson) {
  EvalReport report;
  report.documents = 2;
  report.scores.gold = 4;
  report.scores.system = 5;
  report.scores.strict_match = 2;
  report.scores.relaxed_match = 3;
  report.scores.strict_p = 0.4;
  report.scores.relaxed_f1 = 2.0 / 3.0;
  report.scores.value_f1 = 4.0 / 9.0;
  report.errors.push_back("x.tml: cannot open file");
  report.mismatches.push_back("D\tmissed\tnoon|T12:00\t");
  report.mismatches.push_back(std::string("D\tspurious\t\tbad \xFF byte|X"));

  const std::string text = FormatReport(report);
  EXPECT_NE(text.find("documents"), std::string::npos) << text;
  EXPECT_NE(text.find("0.400"), std::string::npos) << text;
  EXPECT_NE(text.find("0.667"), std::string::npos) << text;
  EXPECT_NE(text.find("0.444"), std::string::npos) << text;
  EXPECT_NE(text.find("x.tml: cannot open file"), std::string::npos) << text;

  const nlohmann::json j = ReportJson(report);
  EXPECT_EQ(j["documents"], 2);
  EXPECT_EQ(j["gold"], 4);
  EXPECT_EQ(j["system"], 5);
  EXPECT_EQ(j["strict"]["matches"], 2);
  EXPECT_DOUBLE_EQ(j["strict"]["precision"].get<double>(), 0.4);
  EXPECT_DOUBLE_EQ(j["value"]["f1"].get<double>(), 4.0 / 9.0);
  EXPECT_EQ(j["errors"].size(), 1u);
  ASSERT_EQ(j["mismatches"].size(), 2u);
  // Invalid UTF-8 was replaced, so dumping cannot fail.
  EXPECT_EQ(j["mismatches"][1], "D\tspurious\t\tbad \xEF\xBF\xBD byte|X");
  EXPECT_FALSE(j.dump().empty());
}

TEST(TimeMLEval, Te3PlatinumGold) {
  const std::string gold = std::string(CHRONICLE_SHARED_DIR) + "/data/te3-platinum/gold";
  const std::string input = std::string(CHRONICLE_SHARED_DIR) + "/data/te3-platinum/input";
  if (!fs::is_directory(gold)) GTEST_SKIP() << gold << " not found";
  const EvalReport report = RunTimexEval({gold, fs::is_directory(input) ? input : ""});
  EXPECT_EQ(report.documents, 20);
  EXPECT_EQ(report.scores.gold, 138);
  EXPECT_TRUE(report.errors.empty());
  for (const auto& w : report.warnings) ADD_FAILURE() << w;
}

}  // namespace
}  // namespace chronicle::eval
