// Tests for the CAT reader (eval/cat.h) and for CAT documents in the timex
// evaluation driver, on a small CAT document written for these tests (it is
// not taken from any corpus): the text rebuilt from the tokens, the gold spans,
// the DCT left out of the scoring, a markable without anchors, and broken or
// foreign .xml files next to good ones.
#include "eval/cat.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "eval/timex_eval.h"
#include "eval_temp_dir.h"
#include "time/timex.h"

namespace chronicle::eval {
namespace {

// Sentence 0 is a headline, 1 the dateline (the DCT), 2-6 the body; sentence
// 6 comes after MEANTIME's annotated part (the first six sentences). The
// markables: m1 the DCT, m2 a date whose tokens include a clitic, m3 a date
// inside straight quotes with its anchors out of order, m4 a date after a
// curly opening quote with a mod, m5 a timex without anchors.
constexpr const char* kCatDoc = R"(<?xml version="1.0" encoding="UTF-8"?>
<Document doc_id="9001" doc_name="9001_Widget_sales_rise" lang="en">
<token t_id="1" sentence="0" number="0">Widget</token>
<token t_id="2" sentence="0" number="1">sales</token>
<token t_id="3" sentence="0" number="2">rise</token>
<token t_id="4" sentence="1" number="3">Tuesday</token>
<token t_id="5" sentence="1" number="4">,</token>
<token t_id="6" sentence="1" number="5">March</token>
<token t_id="7" sentence="1" number="6">4</token>
<token t_id="8" sentence="1" number="7">,</token>
<token t_id="9" sentence="1" number="8">2031</token>
<token t_id="10" sentence="2" number="9">Acme</token>
<token t_id="11" sentence="2" number="10">(</token>
<token t_id="12" sentence="2" number="11">ACME</token>
<token t_id="13" sentence="2" number="12">)</token>
<token t_id="14" sentence="2" number="13">said</token>
<token t_id="15" sentence="2" number="14">sales</token>
<token t_id="16" sentence="2" number="15">rose</token>
<token t_id="17" sentence="2" number="16">12</token>
<token t_id="18" sentence="2" number="17">%</token>
<token t_id="19" sentence="2" number="18">to</token>
<token t_id="20" sentence="2" number="19">$</token>
<token t_id="21" sentence="2" number="20">3</token>
<token t_id="22" sentence="2" number="21">billion</token>
<token t_id="23" sentence="2" number="22">in</token>
<token t_id="24" sentence="2" number="23">the</token>
<token t_id="25" sentence="2" number="24">year</token>
<token t_id="26" sentence="2" number="25">'s</token>
<token t_id="27" sentence="2" number="26">first</token>
<token t_id="28" sentence="2" number="27">quarter</token>
<token t_id="29" sentence="2" number="28">.</token>
<token t_id="30" sentence="3" number="29">``</token>
<token t_id="31" sentence="3" number="30">We</token>
<token t_id="32" sentence="3" number="31">did</token>
<token t_id="33" sentence="3" number="32">n't</token>
<token t_id="34" sentence="3" number="33">expect</token>
<token t_id="35" sentence="3" number="34">it</token>
<token t_id="36" sentence="3" number="35">,</token>
<token t_id="37" sentence="3" number="36">''</token>
<token t_id="38" sentence="3" number="37">Zoë</token>
<token t_id="39" sentence="3" number="38">M&#252;ller</token>
<token t_id="40" sentence="3" number="39">&amp;</token>
<token t_id="41" sentence="3" number="40">Co</token>
<token t_id="42" sentence="3" number="41">said</token>
<token t_id="43" sentence="3" number="42">"</token>
<token t_id="44" sentence="3" number="43">last</token>
<token t_id="45" sentence="3" number="44">week</token>
<token t_id="46" sentence="3" number="45">"</token>
<token t_id="47" sentence="3" number="46">.</token>
<token t_id="48" sentence="4" number="47">“</token>
<token t_id="49" sentence="4" number="48">Next</token>
<token t_id="50" sentence="4" number="49">year</token>
<token t_id="51" sentence="4" number="50">”</token>
<token t_id="52" sentence="4" number="51">,</token>
<token t_id="53" sentence="4" number="52">she</token>
<token t_id="54" sentence="4" number="53">added</token>
<token t_id="55" sentence="4" number="54">[</token>
<token t_id="56" sentence="4" number="55">sic</token>
<token t_id="57" sentence="4" number="56">]</token>
<token t_id="58" sentence="4" number="57">.</token>
<token t_id="64" sentence="5" number="58">Sales</token>
<token t_id="65" sentence="5" number="59">were</token>
<token t_id="66" sentence="5" number="60">flat</token>
<token t_id="67" sentence="5" number="61">.</token>
<token t_id="59" sentence="6" number="62">Shares</token>
<token t_id="60" sentence="6" number="63">fell</token>
<token t_id="61" sentence="6" number="64">on</token>
<token t_id="62" sentence="6" number="65">Friday</token>
<token t_id="63" sentence="6" number="66">.</token>
<Markables>
<ENTITY_MENTION m_id="e1" ent_type="ORG"><token_anchor t_id="10"/></ENTITY_MENTION>
<TIMEX3 m_id="m1" type="DATE" value="2031-03-04" functionInDocument="CREATION_TIME">
<token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/>
<token_anchor t_id="7"/><token_anchor t_id="8"/><token_anchor t_id="9"/>
</TIMEX3>
<TIMEX3 m_id="m2" type="DATE" value="2031-Q1" functionInDocument="NONE">
<token_anchor t_id="24"/><token_anchor t_id="25"/><token_anchor t_id="26"/>
<token_anchor t_id="27"/><token_anchor t_id="28"/>
</TIMEX3>
<TIMEX3 m_id="m3" type="DATE" value="2031-W09" functionInDocument="NONE">
<token_anchor t_id="45"/><token_anchor t_id="44"/>
</TIMEX3>
<TIMEX3 m_id="m4" type="DATE" value="2032" mod="START" functionInDocument="NONE">
<token_anchor t_id="49"/><token_anchor t_id="50"/>
</TIMEX3>
<TIMEX3 m_id="m5" type="DATE" value="2031-03-03" functionInDocument="NONE" TAG_DESCRIPTOR="Monday"/>
</Markables>
</Document>
)";

constexpr const char* kCatText =
    "Widget sales rise\n"
    "Tuesday, March 4, 2031\n"
    "Acme (ACME) said sales rose 12% to $3 billion in the year's first quarter.\n"
    "``We didn't expect it,'' Zo\xC3\xAB M\xC3\xBCller & Co said \"last week\".\n"
    "\xE2\x80\x9CNext year\xE2\x80\x9D, she added [sic].\n"
    "Sales were flat.\n"
    "Shares fell on Friday.";

// Where the first six sentences (MEANTIME's annotated part) end.
const size_t kSixSentencesEnd = std::string(kCatText).find("\nShares");

// A TimeML gold file, to check that both formats are read in one run.
constexpr const char* kTimeML = R"(<?xml version="1.0" ?>
<TimeML>
<DOCID>TML_1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22" functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>
<TEXT>It rained <TIMEX3 tid="t1" type="DATE" value="2013-03-21">yesterday</TIMEX3>.</TEXT>
</TimeML>
)";

using test_util::TempDir;

CatDoc ParseOrDie(const std::string& xml) {
  std::string error;
  CatError kind = CatError::kMalformed;
  std::optional<CatDoc> cat = ParseCat(xml, &error, &kind);
  EXPECT_TRUE(cat.has_value()) << error;
  EXPECT_EQ(kind, CatError::kNone);
  return cat ? *cat : CatDoc{};
}

int CountKind(const EvalReport& report, const std::string& kind) {
  return static_cast<int>(std::count_if(
      report.mismatches.begin(), report.mismatches.end(),
      [&](const std::string& m) { return m.find("\t" + kind + "\t") != std::string::npos; }));
}

TEST(CatReader, RebuildsTextWithSpacingRules) {
  const CatDoc cat = ParseOrDie(kCatDoc);
  EXPECT_EQ(cat.doc.docid, "9001");
  EXPECT_EQ(cat.doc.text, kCatText);
}

TEST(CatReader, SpacingRuleTables) {
  for (const char* t : {",", ".", ";", ":", "!", "?", ")", "]", "%", "''", "'", "'s", "'S",
                        "n't", "N'T", "'re", "'ll", "\xE2\x80\x9D"}) {
    EXPECT_TRUE(CatNoSpaceBefore(t)) << t;
    EXPECT_FALSE(CatNoSpaceAfter(t)) << t;
  }
  for (const char* t : {"(", "[", "$", "US$", "``", "`", "\xE2\x80\x9C"}) {
    EXPECT_TRUE(CatNoSpaceAfter(t)) << t;
    EXPECT_FALSE(CatNoSpaceBefore(t)) << t;
  }
  for (const char* t : {"\"", "word", "'11", "-", "--", "&", "s"}) {
    EXPECT_FALSE(CatNoSpaceBefore(t)) << t;
    EXPECT_FALSE(CatNoSpaceAfter(t)) << t;
  }
}

TEST(CatReader, GoldSpansCoverFirstToLastAnchoredToken) {
  const CatDoc cat = ParseOrDie(kCatDoc);
  const std::string text = kCatText;
  ASSERT_EQ(cat.doc.timexes.size(), 3u);

  const GoldTimex& q1 = cat.doc.timexes[0];
  EXPECT_EQ(q1.tid, "m2");
  EXPECT_EQ(q1.start, text.find("the year's first quarter"));
  EXPECT_EQ(q1.end, q1.start + std::string("the year's first quarter").size());
  EXPECT_EQ(q1.text, "the year's first quarter");
  EXPECT_EQ(q1.type, "DATE");
  EXPECT_EQ(q1.value, "2031-Q1");
  EXPECT_EQ(q1.mod, "");

  const GoldTimex& week = cat.doc.timexes[1];  // anchors listed last token first
  EXPECT_EQ(week.tid, "m3");
  EXPECT_EQ(week.start, text.find("last week"));
  EXPECT_EQ(week.text, "last week");
  EXPECT_EQ(week.value, "2031-W09");

  const GoldTimex& next = cat.doc.timexes[2];
  EXPECT_EQ(next.tid, "m4");
  EXPECT_EQ(next.start, text.find("Next year"));
  EXPECT_EQ(next.text, "Next year");
  EXPECT_EQ(next.mod, "START");

  for (const GoldTimex& t : cat.doc.timexes) {
    EXPECT_EQ(text.substr(t.start, t.end - t.start), t.text) << t.tid;
  }
}

TEST(CatReader, DctIsReadButNotAGoldTimex) {
  const CatDoc cat = ParseOrDie(kCatDoc);
  EXPECT_EQ(cat.doc.dct_value, "2031-03-04");
  ASSERT_TRUE(cat.doc.dct.has_value());
  EXPECT_EQ(cat.doc.dct->year, 2031);
  EXPECT_EQ(cat.doc.dct->month, 3);
  EXPECT_EQ(cat.doc.dct->day, 4);
  ASSERT_TRUE(cat.dct_timex.has_value());
  EXPECT_EQ(cat.dct_timex->tid, "m1");
  EXPECT_EQ(cat.dct_timex->text, "Tuesday, March 4, 2031");
  EXPECT_EQ(cat.dct_timex->start, std::string(kCatText).find("Tuesday"));
  for (const GoldTimex& t : cat.doc.timexes) EXPECT_NE(t.tid, "m1");
}

TEST(CatReader, ScoredEndCountsSentencesAndNeverCutsGold) {
  const CatDoc cat = ParseOrDie(kCatDoc);
  const std::string text = kCatText;
  ASSERT_EQ(cat.sentence_ends.size(), 7u);
  EXPECT_EQ(cat.sentence_ends[0], text.find('\n'));
  EXPECT_EQ(cat.sentence_ends.back(), text.size());
  EXPECT_EQ(CatScoredEnd(cat, kMeantimeAnnotatedSentences), kSixSentencesEnd);
  EXPECT_EQ(CatScoredEnd(cat, 0), text.size());
  EXPECT_EQ(CatScoredEnd(cat, 100), text.size());
  // Two sentences would cut gold m2-m4: extended to the end of m4's sentence.
  EXPECT_EQ(CatScoredEnd(cat, 2), text.find("\nSales"));
  EXPECT_EQ(CatScoredEnd(ParseOrDie("<Document><token t_id=\"1\" sentence=\"0\">x</token></Document>"), 6),
            1u);
}

TEST(CatReader, MarkableWithoutAnchorsIsSkippedAndCounted) {
  const CatDoc cat = ParseOrDie(kCatDoc);
  EXPECT_EQ(cat.unanchored, 1);
  for (const GoldTimex& t : cat.doc.timexes) EXPECT_NE(t.tid, "m5");
}

TEST(CatReader, BadDocuments) {
  std::string error;
  CatError kind = CatError::kNone;
  EXPECT_FALSE(ParseCat("<Document><token t_id=\"1\">x</token>", &error, &kind));
  EXPECT_EQ(kind, CatError::kMalformed);
  EXPECT_NE(error.find("XML parse error"), std::string::npos) << error;

  kind = CatError::kNone;
  EXPECT_FALSE(ParseCat("<Document doc_id=\"1\"><Markables/></Document>", &error, &kind));
  EXPECT_EQ(kind, CatError::kNotCat);
  kind = CatError::kNone;
  EXPECT_FALSE(ParseCat("<TimeML><token t_id=\"1\">x</token></TimeML>", &error, &kind));
  EXPECT_EQ(kind, CatError::kNotCat);

  kind = CatError::kNone;
  EXPECT_FALSE(ParseCat(
      "<Document><token t_id=\"1\" sentence=\"0\">May</token><Markables>"
      "<TIMEX3 m_id=\"m9\" type=\"DATE\" value=\"XXXX-05\"><token_anchor t_id=\"7\"/></TIMEX3>"
      "</Markables></Document>",
      &error, &kind));
  EXPECT_EQ(kind, CatError::kMalformed);
  EXPECT_NE(error.find("m9"), std::string::npos) << error;
  EXPECT_NE(error.find("t_id=7"), std::string::npos) << error;
}

TEST(CatReader, DocidFallsBackToFileName) {
  TempDir dir("cat_docid");
  std::string xml = kCatDoc;
  xml.replace(xml.find("doc_id=\"9001\""), std::string("doc_id=\"9001\"").size(), "");
  dir.Write("some_article.xml", xml);
  std::string error;
  const auto cat = ReadCat(dir.path() + "/some_article.xml", &error, nullptr);
  ASSERT_TRUE(cat.has_value()) << error;
  EXPECT_EQ(cat->doc.docid, "some_article");
}

TEST(CatEval, DctNotScoredAndSystemTimexesOnItDropped) {
  // Precondition: the tagger finds a timex on the dateline, so the drop is
  // observable.
  const CatDoc cat = ParseOrDie(kCatDoc);
  const auto tagged = time::TimexTagger::Default().Tag(cat.doc.text, cat.doc.dct).timexes;
  const int on_dct = static_cast<int>(std::count_if(tagged.begin(), tagged.end(), [&](const auto& t) {
    return t.start < cat.dct_timex->end && cat.dct_timex->start < t.end;
  }));
  ASSERT_GT(on_dct, 0);
  const int unannotated = static_cast<int>(std::count_if(
      tagged.begin(), tagged.end(), [&](const auto& t) { return t.start >= kSixSentencesEnd; }));
  ASSERT_GT(unannotated, 0);  // "Friday"

  TempDir dir("cat_dct");
  dir.Write("corpus_x/9001_widget.xml", kCatDoc);
  const EvalReport report = RunTimexEval({dir.path(), ""});
  EXPECT_TRUE(report.errors.empty());
  EXPECT_TRUE(report.warnings.empty());
  EXPECT_EQ(report.documents, 1);
  EXPECT_EQ(report.cat_documents, 1);
  EXPECT_EQ(report.scores.gold, 3);  // m2, m3, m4: neither the DCT nor m5
  EXPECT_EQ(report.cat_dct_excluded, 1);
  EXPECT_EQ(report.cat_unanchored, 1);
  EXPECT_EQ(report.cat_system_dropped, on_dct);
  EXPECT_EQ(report.cat_system_out_of_scope, unannotated);
  EXPECT_EQ(report.scores.system, static_cast<int>(tagged.size()) - on_dct - unannotated);
  for (const auto& m : report.mismatches) {
    EXPECT_EQ(m.find("March 4"), std::string::npos) << m;
    EXPECT_EQ(m.find("Tuesday"), std::string::npos) << m;
    EXPECT_EQ(m.find("Friday"), std::string::npos) << m;
  }
  EXPECT_EQ(CountKind(report, "missed"), report.scores.gold - report.scores.relaxed_match);
  const std::string table = FormatReport(report);
  EXPECT_NE(table.find("CAT documents"), std::string::npos) << table;
  EXPECT_EQ(ReportJson(report)["cat"]["unanchored"], 1);
}

TEST(CatEval, ZeroSentencesScoresTheWholeText) {
  TempDir dir("cat_whole");
  dir.Write("9001_widget.xml", kCatDoc);
  const EvalReport scoped = RunTimexEval({dir.path(), ""});
  EXPECT_GT(scoped.cat_system_out_of_scope, 0);
  EvalOptions opts{dir.path(), ""};
  opts.cat_sentences = 0;
  const EvalReport whole = RunTimexEval(opts);
  EXPECT_EQ(whole.cat_system_out_of_scope, 0);
  EXPECT_EQ(whole.scores.system, scoped.scores.system + scoped.cat_system_out_of_scope);
  EXPECT_EQ(whole.scores.gold, scoped.scores.gold);
  EXPECT_EQ(CountKind(whole, "spurious"),
            CountKind(scoped, "spurious") + scoped.cat_system_out_of_scope);
  EXPECT_NE(FormatReport(whole).find("whole text"), std::string::npos);
  EXPECT_NE(FormatReport(scoped).find("first 6 sentences"), std::string::npos);
}

TEST(CatEval, FormatsDetectedByContentBrokenFilesNamed) {
  TempDir dir("cat_mixed");
  dir.Write("a/good.xml", kCatDoc);
  dir.Write("a/broken.xml", "<Document><token t_id=\"1\" sentence=\"0\">x</token>");
  dir.Write("b/other.xml", "<?xml version=\"1.0\"?><catalog><item/></catalog>");
  dir.Write("b/timeml.tml", kTimeML);
  dir.Write("notes.txt", "neither format, not an .xml file: ignored");
  const EvalReport report = RunTimexEval({dir.path(), ""});
  EXPECT_EQ(report.documents, 2);
  EXPECT_EQ(report.cat_documents, 1);
  EXPECT_EQ(report.scores.gold, 3 + 1);
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_NE(report.errors[0].find("broken.xml"), std::string::npos) << report.errors[0];
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_NE(report.warnings[0].find("other.xml"), std::string::npos) << report.warnings[0];
}

TEST(CatEval, TimeMLOnlyReportHasNoCatLines) {
  TempDir dir("cat_tml");
  dir.Write("timeml.tml", kTimeML);
  const EvalReport report = RunTimexEval({dir.path(), ""});
  EXPECT_EQ(report.cat_documents, 0);
  EXPECT_EQ(FormatReport(report).find("CAT"), std::string::npos);
  EXPECT_FALSE(ReportJson(report).contains("cat"));
}

}  // namespace
}  // namespace chronicle::eval
