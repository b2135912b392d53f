// Tests for the TimeML reader and writer: hand-written documents, error
// cases, writer/reader round trips on hostile text, and a check over every
// gold file of the shared TBAQ and TE3 platinum data that each parses and
// that every gold span's text is the text at its offsets.
#include "eval/timeml.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <unistd.h>

namespace chronicle::eval {
namespace {

namespace fs = std::filesystem;

std::string SharedDir() { return CHRONICLE_SHARED_DIR; }

std::string Span(const TimeMLDoc& doc, const GoldTimex& t) {
  return doc.text.substr(t.start, t.end - t.start);
}

constexpr const char* kDoc = R"(<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">

<DOCID> DOC_1 </DOCID>

<DCT><TIMEX3 tid="t0" type="TIME" value="1998-08-07T06:18" temporalFunction="false" functionInDocument="CREATION_TIME">08/07/1998</TIMEX3></DCT>

<TITLE>Title <TIMEX3 tid="t9" type="DATE" value="1998">1998</TIMEX3></TITLE>

<TEXT>
A &amp; B <EVENT eid="e1" class="OCCURRENCE">met</EVENT> <SIGNAL sid="s1">on</SIGNAL> <TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3>, &lt;really&gt;.
<TIMEX3 tid="t2" type="DURATION" value="P3Y" mod="APPROX">about <TIMEX3 tid="t3" type="DURATION" value="P1Y">a year</TIMEX3> more</TIMEX3><![CDATA[ <x> ]]>end
</TEXT>

<TLINK lid="l1" relType="BEFORE" eventInstanceID="ei1" relatedToTime="t1"/>
</TimeML>
)";

TEST(TimeMLReader, ParsesTextSpansAndDct) {
  std::string error;
  const auto doc = ParseTimeML(kDoc, &error);
  ASSERT_TRUE(doc.has_value()) << error;
  EXPECT_EQ(doc->docid, "DOC_1");
  EXPECT_EQ(doc->dct_value, "1998-08-07T06:18");
  ASSERT_TRUE(doc->dct.has_value());
  EXPECT_EQ(doc->dct->year, 1998);
  EXPECT_EQ(doc->dct->month, 8);
  EXPECT_EQ(doc->dct->day, 7);
  // Whitespace-only text between tags is kept; entities and CDATA decoded.
  EXPECT_EQ(doc->text,
            "\nA & B met on Friday, <really>.\n"
            "about a year more <x> end\n");
  // The TIMEX3 in TITLE is not in TEXT.
  ASSERT_EQ(doc->timexes.size(), 3u);
  const GoldTimex& friday = doc->timexes[0];
  EXPECT_EQ(friday.text, "Friday");
  EXPECT_EQ(friday.start, 14u);
  EXPECT_EQ(friday.end, 20u);
  EXPECT_EQ(friday.tid, "t1");
  EXPECT_EQ(friday.type, "DATE");
  EXPECT_EQ(friday.value, "1998-08-07");
  EXPECT_EQ(friday.mod, "");
  // Nested: outer before inner.
  EXPECT_EQ(doc->timexes[1].text, "about a year more");
  EXPECT_EQ(doc->timexes[1].mod, "APPROX");
  EXPECT_EQ(doc->timexes[2].text, "a year");
  EXPECT_EQ(doc->timexes[2].tid, "t3");
  for (const auto& t : doc->timexes) EXPECT_EQ(Span(*doc, t), t.text);
}

TEST(TimeMLReader, DctFormats) {
  auto d = ParseTimeMLDate("1998-01-08");
  ASSERT_TRUE(d.has_value());
  EXPECT_EQ(*d, (time::CalendarDate{1998, 1, 8}));
  EXPECT_EQ(*ParseTimeMLDate("2013-03-22T10:15:00"), (time::CalendarDate{2013, 3, 22}));
  EXPECT_EQ(*ParseTimeMLDate("19980108"), (time::CalendarDate{1998, 1, 8}));
  EXPECT_EQ(*ParseTimeMLDate("1998-02"), (time::CalendarDate{1998, 2, 0}));
  EXPECT_EQ(*ParseTimeMLDate("1998"), (time::CalendarDate{1998, 0, 0}));
  EXPECT_EQ(*ParseTimeMLDate("2000-02-29"), (time::CalendarDate{2000, 2, 29}));
  EXPECT_FALSE(ParseTimeMLDate("1900-02-29").has_value());
  EXPECT_FALSE(ParseTimeMLDate("1998-13-01").has_value());
  EXPECT_FALSE(ParseTimeMLDate("1998-04-31").has_value());
  EXPECT_FALSE(ParseTimeMLDate("XXXX-XX-XX").has_value());
  EXPECT_FALSE(ParseTimeMLDate("PRESENT_REF").has_value());
  EXPECT_FALSE(ParseTimeMLDate("").has_value());
  EXPECT_FALSE(ParseTimeMLDate("1998-1-8").has_value());
  EXPECT_EQ(FormatTimeMLDate({1998, 1, 8}), "1998-01-08");
  EXPECT_EQ(FormatTimeMLDate({2013, 3, 0}), "2013-03");
  EXPECT_EQ(FormatTimeMLDate({987, 0, 0}), "0987");
}

TEST(TimeMLReader, UnparsableOrMissingDct) {
  auto doc = ParseTimeML(
      "<TimeML><DCT><TIMEX3 tid=\"t0\" functionInDocument=\"CREATION_TIME\" value=\"XXXX\">x"
      "</TIMEX3></DCT><TEXT>t</TEXT></TimeML>",
      nullptr);
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->dct_value, "XXXX");
  EXPECT_FALSE(doc->dct.has_value());
  doc = ParseTimeML("<TimeML><TEXT>t</TEXT></TimeML>", nullptr);
  ASSERT_TRUE(doc.has_value());
  EXPECT_FALSE(doc->dct.has_value());
  EXPECT_EQ(doc->dct_value, "");
  EXPECT_EQ(doc->docid, "");
}

TEST(TimeMLReader, ErrorsAreReportedNotThrown) {
  std::string error;
  EXPECT_FALSE(ParseTimeML("<TimeML><TEXT>unclosed</TimeML>", &error).has_value());
  EXPECT_NE(error.find("parse error"), std::string::npos) << error;
  error.clear();
  EXPECT_FALSE(ParseTimeML("<TimeML><DOCID>x</DOCID></TimeML>", &error).has_value());
  EXPECT_NE(error.find("TEXT"), std::string::npos) << error;
  EXPECT_FALSE(ParseTimeML("", &error).has_value());
  EXPECT_FALSE(ParseTimeML("not xml at all", nullptr).has_value());
  error.clear();
  EXPECT_FALSE(ReadTimeML("/nonexistent/dir/file.tml", &error).has_value());
  EXPECT_NE(error.find("/nonexistent/dir/file.tml"), std::string::npos) << error;
  EXPECT_FALSE(ReadTimeML("/", &error).has_value());
}

TEST(TimeMLReader, NoEntityExpansionBeyondPredefined) {
  const auto doc = ParseTimeML(
      "<!DOCTYPE TimeML [<!ENTITY boom \"BOOM\">]>"
      "<TimeML><TEXT>&boom; &amp;Cx1f; &#65;&#x42; &quot;&apos;</TEXT></TimeML>",
      nullptr);
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->text, "&boom; &Cx1f; AB \"'");
}

TEST(TimeMLReader, DeepNestingDoesNotRecurse) {
  std::string xml = "<TimeML><TEXT>";
  const int depth = 200000;
  for (int i = 0; i < depth; ++i) xml += "<E>";
  xml += "<TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2000\">2000</TIMEX3>";
  for (int i = 0; i < depth; ++i) xml += "</E>";
  xml += "</TEXT></TimeML>";
  const auto doc = ParseTimeML(xml, nullptr);
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->text, "2000");
  ASSERT_EQ(doc->timexes.size(), 1u);
  EXPECT_EQ(doc->timexes[0].end, 4u);
}

TEST(TimeMLReader, ReadTimeMLUsesFileNameWhenNoDocid) {
  const fs::path path = fs::temp_directory_path() /
                        ("chronicle_timeml_" + std::to_string(::getpid()) + ".tml.TE3input");
  {
    std::ofstream out(path);
    out << "<TimeML><TEXT>hello</TEXT></TimeML>";
  }
  std::string error;
  const auto doc = ReadTimeML(path.string(), &error);
  std::error_code ec;
  fs::remove(path, ec);
  ASSERT_TRUE(doc.has_value()) << error;
  EXPECT_EQ(doc->docid, "chronicle_timeml_" + std::to_string(::getpid()));
  EXPECT_EQ(doc->text, "hello");
}

time::Timex T(size_t start, size_t end, std::string type = "DATE", std::string value = "2013",
              std::string mod = "") {
  time::Timex t;
  t.start = start;
  t.end = end;
  t.type = std::move(type);
  t.value = std::move(value);
  t.mod = std::move(mod);
  return t;
}

// Writes, reads back and checks text, spans and attributes survive.
void ExpectRoundTrip(const std::string& text, const std::vector<time::Timex>& timexes) {
  const std::string xml = WriteTimeML("doc", text, timexes, time::CalendarDate{2013, 3, 22});
  std::string error;
  const auto doc = ParseTimeML(xml, &error);
  ASSERT_TRUE(doc.has_value()) << error << "\n" << xml;
  EXPECT_EQ(doc->text, text) << xml;
  ASSERT_EQ(doc->timexes.size(), timexes.size()) << xml;
  for (size_t i = 0; i < timexes.size(); ++i) {
    EXPECT_EQ(doc->timexes[i].start, timexes[i].start);
    EXPECT_EQ(doc->timexes[i].end, timexes[i].end);
    EXPECT_EQ(doc->timexes[i].type, timexes[i].type);
    EXPECT_EQ(doc->timexes[i].value, timexes[i].value);
    EXPECT_EQ(doc->timexes[i].mod, timexes[i].mod);
    EXPECT_EQ(doc->timexes[i].tid, "t" + std::to_string(i + 1));
  }
}

TEST(TimeMLWriter, WritesDocumentStructure) {
  const std::string xml =
      WriteTimeML("AP_1", "It rained on Friday.", {T(13, 19, "DATE", "2013-03-22")},
                  time::CalendarDate{2013, 3, 22});
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" ?>", 0), 0u);
  EXPECT_NE(xml.find("<DOCID>AP_1</DOCID>"), std::string::npos);
  EXPECT_NE(xml.find("<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2013-03-22\" "
                     "temporalFunction=\"false\" functionInDocument=\"CREATION_TIME\">"
                     "2013-03-22</TIMEX3></DCT>"),
            std::string::npos)
      << xml;
  EXPECT_NE(xml.find("<TEXT>It rained on <TIMEX3 tid=\"t1\" type=\"DATE\" "
                     "value=\"2013-03-22\">Friday</TIMEX3>.</TEXT>"),
            std::string::npos)
      << xml;
  const auto doc = ParseTimeML(xml, nullptr);
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->docid, "AP_1");
  EXPECT_EQ(doc->dct_value, "2013-03-22");
  EXPECT_EQ(*doc->dct, (time::CalendarDate{2013, 3, 22}));
}

TEST(TimeMLWriter, NoDctWhenNotGiven) {
  const std::string xml = WriteTimeML("d", "x", {}, std::nullopt);
  EXPECT_EQ(xml.find("<DCT>"), std::string::npos);
  const auto doc = ParseTimeML(xml, nullptr);
  ASSERT_TRUE(doc.has_value());
  EXPECT_FALSE(doc->dct.has_value());
  EXPECT_EQ(doc->text, "x");
}

TEST(TimeMLWriter, RoundTripPlain) {
  ExpectRoundTrip("Talks began on March 22, 2013 and lasted three weeks.",
                  {T(15, 29, "DATE", "2013-03-22"), T(41, 52, "DURATION", "P3W", "")});
  ExpectRoundTrip("", {});
  ExpectRoundTrip("no timexes here", {});
  ExpectRoundTrip("2013", {T(0, 4)});  // a span covering the whole text
}

TEST(TimeMLWriter, RoundTripHostileText) {
  const std::string text =
      "a < b && c > d ]]> \"q\" 'a' <!-- no --> <TIMEX3>x</TIMEX3> &amp; &#65; ]]]]><![CDATA[y]]>\n"
      "  \t spaces\r\nCRLF\rCR \x01\x1f ctrl \xC3\xA9t\xC3\xA9 \xE2\x80\x94 end";
  const size_t lt = text.find("< b");
  const size_t cdata = text.find("]]]]>");
  const size_t cr = text.find("\r\nCRLF");
  ExpectRoundTrip(text, {T(lt, lt + 3, "DATE", "<&\"'>"), T(cdata, cdata + 5, "SET", "a\tb\nc"),
                         T(cr, cr + 6, "TIME", "PT1H", "START")});
}

TEST(TimeMLWriter, HostileDocidAndMod) {
  const std::string xml = WriteTimeML("a&b<c>", "x", {T(0, 1, "DATE", "v", "\"&<")}, std::nullopt);
  const auto doc = ParseTimeML(xml, nullptr);
  ASSERT_TRUE(doc.has_value()) << xml;
  EXPECT_EQ(doc->docid, "a&b<c>");
  ASSERT_EQ(doc->timexes.size(), 1u);
  EXPECT_EQ(doc->timexes[0].mod, "\"&<");
}

TEST(TimeMLWriter, NulIsWrittenAsSpace) {
  const std::string text("a\0b", 3);
  const auto doc = ParseTimeML(WriteTimeML("d", text, {T(2, 3)}, std::nullopt), nullptr);
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->text, "a b");
  ASSERT_EQ(doc->timexes.size(), 1u);
  EXPECT_EQ(doc->timexes[0].start, 2u);
}

TEST(TimeMLWriter, SkipsOverlappingAndInvalidSpans) {
  const std::string text = "on March 22, 2013 at noon";
  // Given out of order; the nested "March 22" and the crossing "2013 at"
  // overlap the kept "March 22, 2013"; the last two are out of range/empty.
  const std::vector<time::Timex> timexes = {T(21, 25, "TIME", "2013-03-22T12:00"), T(3, 11),
                                            T(3, 17, "DATE", "2013-03-22"), T(13, 20),
                                            T(20, 99), T(5, 5)};
  const auto doc = ParseTimeML(WriteTimeML("d", text, timexes, std::nullopt), nullptr);
  ASSERT_TRUE(doc.has_value());
  EXPECT_EQ(doc->text, text);
  ASSERT_EQ(doc->timexes.size(), 2u);
  EXPECT_EQ(doc->timexes[0].text, "March 22, 2013");
  EXPECT_EQ(doc->timexes[0].tid, "t1");
  EXPECT_EQ(doc->timexes[1].text, "noon");
  EXPECT_EQ(doc->timexes[1].tid, "t2");
}

// Parses every *.tml under dir and checks each gold span; returns the number
// of documents and gold timexes.
void CheckCorpus(const std::string& dir, int* docs, int* timexes) {
  *docs = 0;
  *timexes = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() != ".tml") continue;
    std::string error;
    const auto doc = ReadTimeML(it->path().string(), &error);
    ASSERT_TRUE(doc.has_value()) << error;
    EXPECT_FALSE(doc->docid.empty()) << it->path();
    EXPECT_TRUE(doc->dct.has_value()) << it->path() << " " << doc->dct_value;
    for (const auto& t : doc->timexes) {
      ASSERT_LE(t.end, doc->text.size());
      EXPECT_EQ(Span(*doc, t), t.text) << it->path() << " " << t.tid;
      EXPECT_FALSE(t.text.empty()) << it->path() << " " << t.tid;
    }
    ++*docs;
    *timexes += static_cast<int>(doc->timexes.size());
  }
}

TEST(TimeMLCorpus, Te3PlatinumGold) {
  const std::string dir = SharedDir() + "/data/te3-platinum/gold";
  if (!fs::is_directory(dir)) GTEST_SKIP() << dir << " not found";
  int docs = 0, timexes = 0;
  CheckCorpus(dir, &docs, &timexes);
  EXPECT_EQ(docs, 20);
  EXPECT_EQ(timexes, 138);
}

TEST(TimeMLCorpus, Te3PlatinumInputTextEqualsGoldText) {
  const std::string gold_dir = SharedDir() + "/data/te3-platinum/gold";
  const std::string input_dir = SharedDir() + "/data/te3-platinum/input";
  if (!fs::is_directory(gold_dir) || !fs::is_directory(input_dir)) GTEST_SKIP();
  std::map<std::string, std::string> gold;
  std::error_code ec;
  for (fs::directory_iterator it(gold_dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() != ".tml") continue;
    const auto doc = ReadTimeML(it->path().string(), nullptr);
    ASSERT_TRUE(doc.has_value());
    gold[doc->docid] = doc->text;
  }
  int paired = 0;
  for (fs::directory_iterator it(input_dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string error;
    const auto doc = ReadTimeML(it->path().string(), &error);
    ASSERT_TRUE(doc.has_value()) << error;
    EXPECT_TRUE(doc->timexes.empty());
    ASSERT_EQ(gold.count(doc->docid), 1u) << doc->docid;
    EXPECT_EQ(gold[doc->docid], doc->text) << doc->docid;
    ++paired;
  }
  EXPECT_EQ(paired, 20);
}

TEST(TimeMLCorpus, Tbaq) {
  const std::string dir = SharedDir() + "/data/tbaq";
  if (!fs::is_directory(dir)) GTEST_SKIP() << dir << " not found";
  int docs = 0, timexes = 0;
  CheckCorpus(dir + "/TimeBank", &docs, &timexes);
  EXPECT_EQ(docs, 183);
  EXPECT_EQ(timexes, 1243);  // 1,426 TIMEX3 minus 183 DCTs
  CheckCorpus(dir + "/AQUAINT", &docs, &timexes);
  EXPECT_EQ(docs, 73);
  EXPECT_EQ(timexes, 579);  // 652 TIMEX3 minus 73 DCTs
}

TEST(TimeMLCorpus, GoldRoundTripsThroughWriter) {
  // Writing a gold document's own spans and reading them back is lossless.
  const std::string dir = SharedDir() + "/data/te3-platinum/gold";
  if (!fs::is_directory(dir)) GTEST_SKIP();
  std::error_code ec;
  int checked = 0;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() != ".tml") continue;
    const auto gold = ReadTimeML(it->path().string(), nullptr);
    ASSERT_TRUE(gold.has_value());
    std::vector<time::Timex> timexes;
    for (const auto& g : gold->timexes) timexes.push_back(T(g.start, g.end, g.type, g.value, g.mod));
    const auto back = ParseTimeML(WriteTimeML(gold->docid, gold->text, timexes, gold->dct), nullptr);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->docid, gold->docid);
    EXPECT_EQ(back->text, gold->text);
    ASSERT_EQ(back->timexes.size(), gold->timexes.size());
    for (size_t i = 0; i < timexes.size(); ++i) {
      EXPECT_EQ(back->timexes[i].start, gold->timexes[i].start);
      EXPECT_EQ(back->timexes[i].value, gold->timexes[i].value);
    }
    ++checked;
  }
  EXPECT_EQ(checked, 20);
}

}  // namespace
}  // namespace chronicle::eval
