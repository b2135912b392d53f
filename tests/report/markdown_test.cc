// timeline.md and the escaping helpers behind it.
#include <gtest/gtest.h>

#include <sstream>

#include "report/escape.h"
#include "report/report.h"
#include "text/utf8.h"
#include "timeline_fixture.h"

namespace {

using chronicle::report::CleanText;
using chronicle::report::EscapeHtml;
using chronicle::report::EscapeMarkdown;
using chronicle::report::IsWebUrl;

std::string Markdown(const chronicle::merge::Timeline& t, const std::vector<size_t>& top) {
  std::ostringstream out;
  chronicle::report::WriteTimelineMarkdown(t, top, out);
  return out.str();
}

// The report goes out in pieces of about a megabyte, each without its
// trailing newlines (they wait for the next piece): no text may be lost,
// repeated or reordered at the joins, and the end is still one newline.
TEST(ReportMarkdown, LargeReportWrittenInPiecesLosesNothing) {
  chronicle::merge::Timeline t = chronicle::testing::SmallTimeline();
  const auto first = t.events.front();
  t.events.clear();
  t.conflicts.clear();
  for (int i = 0; i < 6000; ++i) {
    auto e = first;
    e.id = "e" + std::to_string(i + 1);
    e.disputed = false;
    e.summary = "Happening " + std::to_string(i) + " of the test " + std::string(300, 'x');
    t.events.push_back(std::move(e));
  }
  const std::string md = Markdown(t, {});
  ASSERT_GT(md.size(), size_t{3} << 20);
  size_t from = 0;
  for (int i = 0; i < 6000; ++i) {
    const std::string needle = "Happening " + std::to_string(i) + " of the test ";
    const size_t at = md.find(needle, from);
    ASSERT_NE(at, std::string::npos) << i;
    from = at + needle.size();
  }
  size_t count = 0;
  for (size_t at = md.find("Happening "); at != std::string::npos; at = md.find("Happening ", at + 1)) ++count;
  EXPECT_EQ(count, 6000u);
  EXPECT_EQ(md.find("\n\n\n"), std::string::npos);
  ASSERT_GE(md.size(), 2u);
  EXPECT_EQ(md.back(), '\n');
  EXPECT_NE(md[md.size() - 2], '\n');
}

TEST(ReportEscape, MarkdownInlineMarkup) {
  EXPECT_EQ(EscapeMarkdown("plain text, 38 of 67."), "plain text, 38 of 67.");
  EXPECT_EQ(EscapeMarkdown("a | b"), "a \\| b");
  EXPECT_EQ(EscapeMarkdown("<script>alert(1)</script>"), "\\<script\\>alert(1)\\</script\\>");
  EXPECT_EQ(EscapeMarkdown("`rm -rf`"), "\\`rm -rf\\`");
  EXPECT_EQ(EscapeMarkdown("*bold* _it_ [link](x) ~~s~~ \\"), "\\*bold\\* \\_it\\_ \\[link\\](x) \\~\\~s\\~\\~ \\\\");
  EXPECT_EQ(EscapeMarkdown("AT&T &amp; &#60; &x27; & ;"), "AT&T \\&amp; \\&#60; \\&x27; & ;");
  EXPECT_EQ(EscapeMarkdown("R&D;"), "R\\&D;");
  EXPECT_EQ(EscapeMarkdown("01_airliner_v2.txt _x_ y_ _z a__b"), "01_airliner_v2.txt \\_x\\_ y\\_ \\_z a\\_\\_b");
}

TEST(ReportEscape, MarkdownBlockStarts) {
  EXPECT_EQ(EscapeMarkdown("# Heading"), "\\# Heading");
  EXPECT_EQ(EscapeMarkdown("  ## indented"), "\\## indented");
  EXPECT_EQ(EscapeMarkdown("- item"), "\\- item");
  EXPECT_EQ(EscapeMarkdown("+ item"), "\\+ item");
  EXPECT_EQ(EscapeMarkdown("==="), "\\===");
  EXPECT_EQ(EscapeMarkdown("1. first"), "1\\. first");
  EXPECT_EQ(EscapeMarkdown("2024) year"), "2024\\) year");
  EXPECT_EQ(EscapeMarkdown("> quote"), "\\> quote");
  EXPECT_EQ(EscapeMarkdown("in 2024. Then"), "in 2024. Then");
  EXPECT_EQ(EscapeMarkdown("a # b"), "a # b");
}

TEST(ReportEscape, MarkdownFoldsLineBreaks) {
  EXPECT_EQ(EscapeMarkdown("one\n\n# two\r\n\tthree  "), "one # two three");
  EXPECT_EQ(EscapeMarkdown(""), "");
  EXPECT_EQ(EscapeMarkdown(" \n "), "");
}

TEST(ReportEscape, Html) {
  EXPECT_EQ(EscapeHtml("<a href=\"x\" title='y'>&amp;</a>"),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
  EXPECT_EQ(EscapeHtml("Moscow’s — «ok»"), "Moscow’s — «ok»");
}

TEST(ReportEscape, CleanTextRepairsUtf8AndControls) {
  EXPECT_EQ(CleanText("a\xff"
                      "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(CleanText(std::string("a\0b\x1b[31m", 8)),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD[31m");
  EXPECT_EQ(CleanText("tab\tline\nret\r"), "tab\tline\nret\r");
  EXPECT_EQ(CleanText("c1 \xC2\x85 nbsp \xC2\xA0"), "c1 \xEF\xBF\xBD nbsp \xC2\xA0");
  EXPECT_EQ(CleanText("del\x7F"), "del\xEF\xBF\xBD");
}

// EscapeHtml and EscapeMarkdown clean, fold and escape in one pass over the
// text; these pin down how the three interact.
constexpr const char* kFffd = "\xEF\xBF\xBD";

TEST(ReportEscape, HtmlEveryAsciiByte) {
  EXPECT_EQ(EscapeHtml(""), "");
  for (int c = 0; c < 0x80; ++c) {
    const std::string in = "x" + std::string(1, static_cast<char>(c)) + "y";
    std::string mid(1, static_cast<char>(c));
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) mid = kFffd;
    if (c == '&') mid = "&amp;";
    if (c == '<') mid = "&lt;";
    if (c == '>') mid = "&gt;";
    if (c == '"') mid = "&quot;";
    if (c == '\'') mid = "&#39;";
    EXPECT_EQ(EscapeHtml(in), "x" + mid + "y") << c;
  }
}

TEST(ReportEscape, HtmlControlsUtf8AndRepair) {
  EXPECT_EQ(EscapeHtml("\xC2\x85<\xC2\xA0>\xC2\x9F"), std::string(kFffd) + "&lt;\xC2\xA0&gt;" + kFffd);
  EXPECT_EQ(EscapeHtml("caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D \xF0\x9F\x98\x80"),
            "caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D \xF0\x9F\x98\x80");
  EXPECT_EQ(EscapeHtml("a\xFF<\x01"), std::string("a") + kFffd + "&lt;" + kFffd);
  EXPECT_EQ(EscapeHtml("\xC2"), kFffd);  // a truncated sequence is repaired, not read past
  EXPECT_EQ(EscapeHtml("&&&"), "&amp;&amp;&amp;");
}

TEST(ReportEscape, MarkdownEveryAsciiByte) {
  for (int c = 0; c < 0x80; ++c) {
    const std::string in = "x" + std::string(1, static_cast<char>(c)) + "y";
    std::string mid(1, static_cast<char>(c));
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) mid = kFffd;  // FF and VT too
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') mid = " ";
    if (std::string_view("`*[]<>|~\\").find(static_cast<char>(c)) != std::string_view::npos) mid = "\\" + mid;
    // "x_y": inside a word; "x&y": no reference.
    EXPECT_EQ(EscapeMarkdown(in), "x" + mid + "y") << c;
  }
}

TEST(ReportEscape, MarkdownCleansFoldsAndEscapesTogether) {
  // Controls become U+FFFD, never white space; the space before one stays.
  EXPECT_EQ(EscapeMarkdown("a \x0C b\x0B"), std::string("a ") + kFffd + " b" + kFffd);
  EXPECT_EQ(EscapeMarkdown("\x01# x"), std::string(kFffd) + "# x");
  EXPECT_EQ(EscapeMarkdown(" \xC2\x85 *"), std::string(kFffd) + " \\*");
  EXPECT_EQ(EscapeMarkdown("a\xFF_b"), std::string("a") + kFffd + "\\_b");
  // Folded white space: one space, none at the ends, escapes after it.
  EXPECT_EQ(EscapeMarkdown("\t a \n\n| b\r\n"), "a \\| b");
  EXPECT_EQ(EscapeMarkdown("a _b c_ d"), "a \\_b c\\_ d");
  EXPECT_EQ(EscapeMarkdown("  _x"), "\\_x");
  EXPECT_EQ(EscapeMarkdown("x_\n"), "x\\_");
  EXPECT_EQ(EscapeMarkdown("&amp ; &amp;\n&lt;"), "&amp ; \\&amp; \\&lt;");
  // Block markers are found after leading white space.
  EXPECT_EQ(EscapeMarkdown(" \n 12. x"), "12\\. x");
  EXPECT_EQ(EscapeMarkdown("\t=x"), "\\=x");
  EXPECT_EQ(EscapeMarkdown("12 . x"), "12 . x");
  EXPECT_EQ(EscapeMarkdown("7"), "7");
  EXPECT_EQ(EscapeMarkdown("3)"), "3\\)");
  // UTF-8 passes through.
  EXPECT_EQ(EscapeMarkdown("Moscow\xE2\x80\x99s \xC2\xAB" "caf\xC3\xA9\xC2\xBB"),
            "Moscow\xE2\x80\x99s \xC2\xAB" "caf\xC3\xA9\xC2\xBB");
}

TEST(ReportEscape, WebUrls) {
  EXPECT_TRUE(IsWebUrl("https://example.org/a?b=c"));
  EXPECT_TRUE(IsWebUrl("HTTP://example.org"));
  EXPECT_FALSE(IsWebUrl("javascript:alert(1)"));
  EXPECT_FALSE(IsWebUrl(" https://example.org"));
  EXPECT_FALSE(IsWebUrl("https://"));
  EXPECT_FALSE(IsWebUrl("https://exa mple.org"));
  EXPECT_FALSE(IsWebUrl("data:text/html,<script>"));
  EXPECT_FALSE(IsWebUrl(""));
}

TEST(ReportMarkdown, Sections) {
  const std::string md = Markdown(chronicle::testing::SmallTimeline(), {0});
  EXPECT_EQ(md.rfind("# Chronicle timeline\n", 0), 0u);
  const size_t docs = md.find("\n## Documents\n");
  const size_t key = md.find("\n## Key dates\n");
  const size_t timeline = md.find("\n## Timeline\n");
  ASSERT_NE(docs, std::string::npos);
  ASSERT_NE(key, std::string::npos);
  ASSERT_NE(timeline, std::string::npos);
  EXPECT_LT(docs, key);
  EXPECT_LT(key, timeline);
  // Documents: title (or path), source, date and whether it was inferred.
  EXPECT_NE(md.find("- **d1** Azerbaijani airliner: what we know · source: Example Analysis · published: 2025-07-25 ·"),
            std::string::npos);
  EXPECT_NE(md.find("- **d2** seeds/02_opinion.txt · source: Opinion Daily · published: 2025-07 (inferred"),
            std::string::npos);
  // Key dates: only the top event.
  const std::string key_section = md.substr(key, timeline - key);
  EXPECT_NE(key_section.find("**2024-12-25** · attack"), std::string::npos);
  EXPECT_EQ(key_section.find("Sputnik"), std::string::npos);
  // Full timeline: a heading per date, the disputed mark, sources.
  const std::string full = md.substr(timeline);
  EXPECT_NE(full.find("### 2024-12-25\n"), std::string::npos);
  EXPECT_NE(full.find("### 2025-06\n"), std::string::npos);
  EXPECT_NE(full.find("· **disputed**"), std::string::npos);
  EXPECT_NE(full.find("Sources: d1, d2"), std::string::npos);
}

TEST(ReportMarkdown, ClaimsSideBySide) {
  const std::string md = Markdown(chronicle::testing::SmallTimeline(), {});
  EXPECT_NE(md.find("Conflict c1 (number: killed):\n\n"
                    "| document | d1 | d2 |\n"
                    "| --- | --- | --- |\n"
                    "| value | 38 | 39 |\n"
                    "| quote | killing 38 of the 67 people on board | 39 people died |\n"),
            std::string::npos)
      << md;
  EXPECT_NE(md.find("No key dates."), std::string::npos);
}

TEST(ReportMarkdown, OutOfRangeTopIsSkipped) {
  const std::string md = Markdown(chronicle::testing::SmallTimeline(), {7, 1});
  EXPECT_NE(md.find("- **2025-06** · arrest"), std::string::npos);
  EXPECT_EQ(md.find("No key dates."), std::string::npos);
}

TEST(ReportMarkdown, HostileTextIsEscaped) {
  const std::string md = Markdown(chronicle::testing::HostileTimeline(), {0, 1});
  EXPECT_FALSE(chronicle::text::ValidateUtf8(md).has_value());
  // Every < > and backtick is backslash-escaped, so none can open a tag, an
  // autolink or a code span.
  for (size_t i = 0; i < md.size(); ++i) {
    if (md[i] == '<' || md[i] == '>' || md[i] == '`') {
      size_t slashes = 0;  // an odd number of backslashes escapes it
      while (slashes < i && md[i - 1 - slashes] == '\\') ++slashes;
      EXPECT_EQ(slashes % 2, 1u) << "unescaped " << md[i] << " in: " << md.substr(i > 40 ? i - 40 : 0, 80);
    }
  }
  EXPECT_NE(md.find("\\<script\\>alert(1)\\</script\\>"), std::string::npos);
  // No article text can open a heading or a code span, or end a table cell.
  std::istringstream lines(md);
  std::string line;
  int headings = 0;
  while (std::getline(lines, line)) {
    if (line.rfind("#", 0) == 0) {
      ++headings;
      EXPECT_TRUE(line == "# Chronicle timeline" || line.rfind("## ", 0) == 0 || line.rfind("### 20", 0) == 0) << line;
    }
    if (line.rfind("| quote |", 0) == 0) {
      // Two claims: the row has exactly 4 unescaped pipes.
      int pipes = 0;
      for (size_t i = 0; i < line.size(); ++i) pipes += line[i] == '|' && (i == 0 || line[i - 1] != '\\');
      EXPECT_EQ(pipes, 4) << line;
    }
  }
  EXPECT_EQ(headings, 6);
}

}  // namespace

TEST(ReportMarkdown, EvidenceOfAWidelyToldEventIsBounded) {
  auto t = chronicle::testing::SmallTimeline();
  auto& e = t.events[0];
  e.mentions.clear();
  for (int k = 0; k < 5; ++k) {
    chronicle::merge::EventMentionRef m;
    m.doc = e.sources[0];
    m.sentence = "Line " + std::to_string(k) + " of the first source.";
    e.mentions.push_back(m);
  }
  const std::string md = Markdown(t, {0});
  EXPECT_NE(md.find("Line 2 of the first source."), std::string::npos);
  EXPECT_EQ(md.find("Line 3 of the first source."), std::string::npos);
  EXPECT_NE(md.find("- … and 2 more sentences in timeline.json"), std::string::npos);
}
