// The input formats of issue 4 §1: HTML extraction and metadata, charsets,
// RSS/Atom, JSONL, WARC (plain and gzip), sniffing, dates, the bounded
// stream reader. Samples are small and written for these tests.
#include <gtest/gtest.h>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>
#include <iterator>
#include <string>
#include <vector>

#include "ingest/charset.h"
#include "ingest/dates.h"
#include "ingest/formats.h"
#include "ingest/html.h"
#include "ingest/reader.h"
#include "ingest/source.h"
#include "ingest_samples.h"

namespace chronicle::ingest {
namespace {

using chronicle::testing::Gzip;
using chronicle::testing::HttpResponse;
using chronicle::testing::NewsPage;
using chronicle::testing::WarcRecord;

struct Collected {
  std::vector<Document> docs;
  std::vector<ReadError> errors;
  std::vector<std::string> warnings;
  DocumentSink Sink() {
    return {[this](Document&& d) { docs.push_back(std::move(d)); },
            [this](ReadError&& e) { errors.push_back(std::move(e)); },
            [this](std::string&& w) { warnings.push_back(std::move(w)); }};
  }
  std::string ErrorList() const {
    std::string out;
    for (const auto& e : errors) out += e.path + ": " + e.reason + "\n";
    return out;
  }
};

Collected Read(const std::string& name, const std::string& bytes, ReadOptions options = {}) {
  Collected c;
  ReadBuffer(name, bytes, options, c.Sink());
  return c;
}

// ---- dates and URLs ----

TEST(IngestDates, NormalisesIsoAndRfc822) {
  EXPECT_EQ(NormaliseDate("Tue, 02 Jul 2024 09:15:00 +0200"), "2024-07-02T09:15:00+02:00");
  EXPECT_EQ(NormaliseDate("2 Jul 2024 09:15 GMT"), "2024-07-02T09:15Z");
  EXPECT_EQ(NormaliseDate("Wed, 03 Jul 24 18:00:00 EDT"), "2024-07-03T18:00:00-04:00");
  EXPECT_EQ(NormaliseDate("03 July 2024"), "2024-07-03");
  EXPECT_EQ(NormaliseDate(" 2024-07-02T09:15:00.123Z "), "2024-07-02T09:15:00.123Z");
  EXPECT_EQ(NormaliseDate("2024-07-02 09:15"), "2024-07-02T09:15");
  EXPECT_EQ(NormaliseDate("2024/07/02"), "2024-07-02");
  EXPECT_EQ(NormaliseDate("2024-07-02T09:15:00+0530"), "2024-07-02T09:15:00+05:30");
  EXPECT_FALSE(NormaliseDate("2023-02-29"));
  EXPECT_FALSE(NormaliseDate("Tue, 31 Jun 2024 10:00:00 GMT"));
  EXPECT_FALSE(NormaliseDate("yesterday"));
  EXPECT_FALSE(NormaliseDate("2024-07-02T09:15:00 Mars"));
  EXPECT_FALSE(NormaliseDate(""));
}

TEST(IngestDates, UrlPathDateAndHost) {
  EXPECT_EQ(DateFromUrlPath("https://ledger.example/2024/05/10/depot-strike"), "2024-05-10");
  EXPECT_EQ(DateFromUrlPath("https://ledger.example/news/2024-05-10-depot"), "2024-05-10");
  EXPECT_FALSE(DateFromUrlPath("https://ledger.example/2024/13/10/x"));
  EXPECT_FALSE(DateFromUrlPath("https://ledger.example/id/20240510"));
  EXPECT_FALSE(DateFromUrlPath("https://ledger.example/a?d=/2024/05/10/"));
  EXPECT_EQ(HostOfUrl("https://www.Ledger.Example:8443/a/b"), "ledger.example");
  EXPECT_EQ(HostOfUrl("http://user@news.example"), "news.example");
  EXPECT_FALSE(HostOfUrl("ftp://x.example/"));
  EXPECT_FALSE(HostOfUrl("/relative/path"));
}

// ---- charsets ----

TEST(IngestCharset, DetectsDeclarations) {
  EXPECT_EQ(CharsetFromContentType("text/html; Charset=\"KOI8-R\""), "koi8-r");
  EXPECT_EQ(CharsetFromContentType("text/html"), "");
  EXPECT_EQ(DetectHtmlCharset("\xEF\xBB\xBF<html>", "windows-1251"), "utf-8");
  EXPECT_EQ(DetectHtmlCharset("<html><meta charset=\"windows-1251\">", "koi8-r"), "koi8-r");
  EXPECT_EQ(DetectHtmlCharset("<html><META CHARSET=windows-1251>", ""), "windows-1251");
  EXPECT_EQ(DetectHtmlCharset(
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-2\"><p>x</p>", ""),
            "iso-8859-2");
  EXPECT_EQ(DetectHtmlCharset("<metadata charset=x><p>x</p>", ""), "");
  EXPECT_EQ(DetectHtmlCharset("<p>no declaration</p>", ""), "");
}

TEST(IngestCharset, ConvertsWithIcu) {
  std::string out;
  // "Мост" in windows-1251.
  ASSERT_FALSE(ToUtf8("\xCC\xEE\xF1\xF2", "windows-1251", false, true, &out, nullptr));
  EXPECT_EQ(out, "Мост");
  // HTML reads iso-8859-1 as windows-1252: 0x93/0x94 are curly quotes.
  ASSERT_FALSE(ToUtf8("\x93hi\x94", "iso-8859-1", false, true, &out, nullptr));
  EXPECT_EQ(out, "\xE2\x80\x9Chi\xE2\x80\x9D");
  // UTF-16LE with a byte order mark.
  ASSERT_FALSE(ToUtf8(std::string("\xFF\xFEh\0i\0", 6), "utf-16le", false, true, &out, nullptr));
  EXPECT_EQ(out, "hi");
  // A byte that is not valid in Shift_JIS (a lead byte with a bad trail).
  const auto err = ToUtf8("ab\x81\x20", "shift_jis", false, true, &out, nullptr);
  ASSERT_TRUE(err);
  EXPECT_EQ(*err, "byte 2 is not valid shift_jis");
  size_t replaced = 0;
  ASSERT_FALSE(ToUtf8("ab\x81\x20", "shift_jis", true, true, &out, &replaced));
  EXPECT_EQ(replaced, 1u);
  EXPECT_NE(out.find("\xEF\xBF\xBD"), std::string::npos);
  EXPECT_EQ(*ToUtf8("abc", "x-no-such-charset", false, true, &out, nullptr), "unknown charset 'x-no-such-charset'");
  EXPECT_EQ(*ToUtf8("ab\xFF", "utf-8", false, true, &out, nullptr), "invalid UTF-8 at byte 2 (invalid byte)");
}

// Found by fuzz/html_fuzz.cc and fuzz/feed_fuzz.cc (fuzz/crashes/html-charset-newline-crash-*,
// feed-encoding-control-char-crash-*): a declared charset name holding a line
// break or a control character was quoted as is, so the error took two lines.
TEST(IngestCharset, DeclaredNamesInMessagesStayOnOneLine) {
  std::string out;
  EXPECT_EQ(*ToUtf8("ab\xFF", "utf\r8", false, true, &out, nullptr), "byte 2 is not valid utf?8");
  EXPECT_EQ(*ToUtf8("ab", "utf-8>\n<\"t", false, true, &out, nullptr), "unknown charset 'utf-8>?<\"t'");
  for (const char* crash : {"html-charset-newline-crash-039963202adcfdede6aaf702b634553b6f8bcc1d",
                            "feed-encoding-control-char-crash-d30df13ec7618824d9d7efe402442c21165b7098"}) {
    std::ifstream in(std::string(CHRONICLE_SOURCE_DIR) + "/fuzz/crashes/" + crash, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    ASSERT_FALSE(bytes.empty()) << crash;
    for (const char* name : {"crash.html", "crash.xml"}) {
      const auto c = Read(name, bytes);
      for (const auto& e : c.errors) EXPECT_EQ(e.reason.find_first_of("\r\n"), std::string::npos) << e.reason;
      for (const auto& w : c.warnings) EXPECT_EQ(w.find_first_of("\r\n"), std::string::npos) << w;
    }
    HtmlPage page;
    const auto err = ReadHtml(bytes, "", {}, &page);
    if (err) {
      EXPECT_EQ(err->find_first_of("\r\n"), std::string::npos) << *err;
    }
  }
}

// ---- HTML ----

TEST(IngestHtml, ExtractsTheArticleAndItsMetadata) {
  HtmlPage page;
  ASSERT_FALSE(ReadHtml(chronicle::testing::kArticleHtml, "", {}, &page));
  EXPECT_EQ(page.text, chronicle::testing::kArticleText);
  EXPECT_EQ(page.title, "Drones strike harbour fuel depot");
  EXPECT_EQ(page.source, "The Coastal Ledger");
  EXPECT_EQ(page.url, "https://ledger.example/2024/05/10/depot-strike");
  EXPECT_EQ(page.published, "2024-05-10T08:30:00+03:00");
}

TEST(IngestHtml, JsonLdTimeAndUrlFallbacks) {
  const std::string jsonld = R"(<html><head><title>Plain title</title>
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"x"},
 {"@type":"NewsArticle","headline":"Storm hits coast","datePublished":"Sat, 01 Jun 2024 07:00:00 GMT",
  "publisher":{"@type":"Organization","name":"Shore Weekly"}}]}</script>
</head><body><p>The storm hit the coast on Friday night.</p></body></html>)";
  HtmlPage page;
  ASSERT_FALSE(ExtractHtml(jsonld, {}, &page));
  EXPECT_EQ(page.title, "Storm hits coast");
  EXPECT_EQ(page.source, "Shore Weekly");
  EXPECT_EQ(page.published, "2024-06-01T07:00:00Z");
  EXPECT_EQ(page.text, "The storm hit the coast on Friday night.\n");

  // <time datetime> outside navigation; a date in a sidebar does not count.
  const std::string timed = R"(<html><body><aside><time datetime="2020-01-01">old</time></aside>
<h1>Quay closed</h1><p>Posted <time datetime="2024-06-03T10:00:00Z">Monday</time>.</p>
<p>The quay closed on Monday.</p></body></html>)";
  HtmlOptions opts;
  opts.url = "https://quay.example/2023/01/01/story";
  ASSERT_FALSE(ExtractHtml(timed, opts, &page));
  EXPECT_EQ(page.published, "2024-06-03T10:00:00Z");
  EXPECT_EQ(page.title, "Quay closed");  // no og:title, JSON-LD or <title>: the h1
  EXPECT_EQ(page.url, "https://quay.example/2023/01/01/story");
  EXPECT_EQ(page.source, "quay.example");

  // Nothing in the page: the date in the URL path.
  ASSERT_FALSE(ExtractHtml("<p>The quay reopened.</p>", opts, &page));
  EXPECT_EQ(page.published, "2023-01-01");
}

TEST(IngestHtml, ChoosesTheMainText) {
  // No <article>: the element whose paragraphs hold the most text.
  const std::string page_html = R"(<html><body>
<div class="teasers"><p>Short teaser.</p></div>
<div class="story"><p>The first paragraph of the story is the longest text here.</p>
<p>The second paragraph follows it, also about the story.</p></div>
<div><p>Another teaser.</p></div></body></html>)";
  HtmlPage page;
  ASSERT_FALSE(ExtractHtml(page_html, {}, &page));
  EXPECT_EQ(page.text,
            "The first paragraph of the story is the longest text here.\n\n"
            "The second paragraph follows it, also about the story.\n");

  // [itemprop=articleBody] wins over a longer <article>.
  const std::string itemprop = R"(<html><body><article><p>A much longer listing of other stories, many words.</p>
<p>And more words in the listing to make it longer than the body.</p></article>
<div itemprop="articleBody"><p>The real body.</p></div></body></html>)";
  ASSERT_FALSE(ExtractHtml(itemprop, {}, &page));
  EXPECT_EQ(page.text, "The real body.\n");

  // A page-wide <form> (ASP.NET) is not dropped; a small one is.
  std::string aspnet = "<html><body><form id=\"aspnetForm\"><div>";
  for (int i = 0; i < 10; ++i) aspnet += "<p>Paragraph " + std::to_string(i) + " of the story, with some words in it.</p>";
  aspnet += "</div></form><form><p>Sign up for our letters</p></form></body></html>";
  ASSERT_FALSE(ExtractHtml(aspnet, {}, &page));
  EXPECT_NE(page.text.find("Paragraph 9 of the story"), std::string::npos);
  EXPECT_EQ(page.text.find("Sign up"), std::string::npos);

  // Hidden elements, line breaks, list items and headings.
  const std::string mixed = R"(<body><article><h3>Timeline</h3><ul><li>Monday: talks</li><li>Tuesday: deal</li></ul>
<p hidden>hidden text</p><p style="display: none">also hidden</p><p>Line one<br>line two</p></article></body>)";
  ASSERT_FALSE(ExtractHtml(mixed, {}, &page));
  EXPECT_EQ(page.text, "Timeline\n\nMonday: talks\n\nTuesday: deal\n\nLine one\nline two\n");
}

TEST(IngestHtml, ConvertsDeclaredCharsets) {
  // windows-1251 declared in <meta>; the title "Мост" and text "Мост открыт."
  const std::string html =
      "<html><head><meta charset=\"windows-1251\"><title>\xCC\xEE\xF1\xF2</title></head>"
      "<body><p>\xCC\xEE\xF1\xF2 \xEE\xF2\xEA\xF0\xFB\xF2.</p></body></html>";
  HtmlPage page;
  ASSERT_FALSE(ReadHtml(html, "", {}, &page));
  EXPECT_EQ(page.charset, "windows-1251");
  EXPECT_EQ(page.title, "Мост");
  EXPECT_EQ(page.text, "Мост открыт.\n");
  // The HTTP header wins over the <meta>: KOI8-R "Мост" is ED CF D3 D4.
  const std::string koi = "<html><head><meta charset=\"windows-1251\"></head><body><p>\xED\xCF\xD3\xD4</p></body></html>";
  ASSERT_FALSE(ReadHtml(koi, "koi8-r", {}, &page));
  EXPECT_EQ(page.text, "Мост\n");
  // Undeclared and not UTF-8: an error, or U+FFFD with repair.
  const auto err = ReadHtml("<p>caf\xE9</p>", "", {}, &page);
  ASSERT_TRUE(err);
  EXPECT_EQ(*err, "invalid UTF-8 at byte 6 (invalid continuation byte)");
  HtmlOptions repair;
  repair.repair = true;
  ASSERT_FALSE(ReadHtml("<p>caf\xE9</p>", "", repair, &page));
  EXPECT_EQ(page.text, "caf\xEF\xBF\xBD\n");
  EXPECT_EQ(page.repaired, 1u);
}

TEST(IngestHtml, NestingLimit) {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  const auto err = CheckHtmlNesting(deep, 1000);
  ASSERT_TRUE(err);
  EXPECT_EQ(*err, "HTML nested deeper than 1000 elements (at byte 5000)");
  HtmlPage page;
  EXPECT_TRUE(ExtractHtml(deep, {}, &page));

  std::string ok;
  for (int i = 0; i < 900; ++i) ok += "<div>";
  ok += "<p>Deep but allowed.</p>";
  ASSERT_FALSE(ExtractHtml(ok, {}, &page));
  EXPECT_EQ(page.text, "Deep but allowed.\n");

  // Sloppy but flat markup is not deep: unclosed <p>, <li>, cells and rows,
  // void elements, balanced pairs, SVG paths, raw text holding tags.
  std::string flat = "<body><ul>";
  for (int i = 0; i < 3000; ++i) flat += "<li>item<p>para<br><img src=x><b>bold</b>";
  flat += "</ul><table>";
  for (int i = 0; i < 3000; ++i) flat += "<tr><td>a<td>b";
  flat += "</table><svg>";
  for (int i = 0; i < 3000; ++i) flat += "<path d='M0'/>";
  flat += "</svg><script>" + std::string(3000 * 5, ' ');
  for (int i = 0; i < 3000; ++i) flat += "<div>";
  flat += "</script><textarea><div><div></textarea><!-- <div><div> -->";
  EXPECT_FALSE(CheckHtmlNesting(flat, 1000));

  // End tags that the tree builder ignores do not reduce the estimate.
  std::string ignored;
  for (int i = 0; i < 2000; ++i) ignored += "<div></span>";
  EXPECT_TRUE(CheckHtmlNesting(ignored, 1000));
  // Formatting elements closed by a block end tag are reopened later.
  std::string reopened;
  for (int i = 0; i < 2000; ++i) reopened += "<div><b class=c" + std::to_string(i) + "></div>x";
  EXPECT_TRUE(CheckHtmlNesting(reopened, 1000));
  // A quote inside an attribute name does not hide the tags after it.
  std::string quote = "<div a'b>";
  for (int i = 0; i < 2000; ++i) quote += "<div>";
  quote += "'";
  EXPECT_TRUE(CheckHtmlNesting(quote, 1000));
}

// ---- feeds ----

TEST(IngestFeed, Rss) {
  const auto c = Read("feed.xml", chronicle::testing::kRssFeed);
  ASSERT_EQ(c.docs.size(), 2u) << c.ErrorList();
  EXPECT_TRUE(c.errors.empty()) << c.ErrorList();
  const Document& a = c.docs[0];
  EXPECT_EQ(a.path, "feed.xml#item1");
  EXPECT_EQ(a.title, "Bridge reopens after repairs");
  EXPECT_EQ(a.url, "https://gazette.example/news/bridge");
  EXPECT_EQ(a.source, "Valley Gazette");
  EXPECT_EQ(a.published, "2024-07-02T09:15:00+02:00");
  EXPECT_EQ(a.body, "The old bridge reopened on Monday after three months of repairs.\n\nTraffic was light.\n");
  EXPECT_EQ(a.body_offset, 0u);
  const Document& b = c.docs[1];
  EXPECT_EQ(b.path, "feed.xml#item2");
  EXPECT_EQ(b.title, "Council vote & budget");
  EXPECT_EQ(b.url, "https://gazette.example/news/budget");  // the permalink guid
  EXPECT_EQ(b.published, "2024-07-03");
  EXPECT_EQ(b.body, "The council approved the budget on Wednesday.\n");
}

TEST(IngestFeed, AtomAndRdf) {
  const std::string atom = R"(<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Hill Observer</title>
<entry><title type="html">Snow &lt;em&gt;closes&lt;/em&gt; pass</title>
<link rel="self" href="https://observer.example/api/1"/><link href="https://observer.example/snow"/>
<updated>2024-12-02T06:00:00Z</updated><published>2024-12-01T06:00:00Z</published>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Heavy snow closed the pass on Sunday.</p></div></content>
</entry>
<entry><title>Roads</title><updated>2024-12-03T10:00:00Z</updated><summary>Roads reopened on Tuesday &amp; Wednesday.</summary></entry>
<entry><title>Nothing</title></entry>
</feed>)";
  auto c = Read("hill.atom", atom);
  ASSERT_EQ(c.docs.size(), 2u) << c.ErrorList();
  EXPECT_EQ(c.docs[0].path, "hill.atom#entry1");
  EXPECT_EQ(c.docs[0].title, "Snow closes pass");
  EXPECT_EQ(c.docs[0].url, "https://observer.example/snow");
  EXPECT_EQ(c.docs[0].published, "2024-12-01T06:00:00Z");
  EXPECT_EQ(c.docs[0].source, "Hill Observer");
  EXPECT_EQ(c.docs[0].body, "Heavy snow closed the pass on Sunday.\n");
  EXPECT_EQ(c.docs[1].published, "2024-12-03T10:00:00Z");
  EXPECT_EQ(c.docs[1].body, "Roads reopened on Tuesday & Wednesday.");  // type="text": as written
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].path, "hill.atom#entry3");
  EXPECT_EQ(c.errors[0].reason, "no text (no content or summary)");

  const std::string rdf = R"(<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>Old Format News</title></channel>
<item><title>Mill</title><link>https://old.example/mill</link><dc:date>2003-05-06T10:00:00+01:00</dc:date>
<description>The mill closed in May.</description></item></rdf:RDF>)";
  c = Read("old.rdf", rdf);
  ASSERT_EQ(c.docs.size(), 1u) << c.ErrorList();
  EXPECT_EQ(c.docs[0].path, "old.rdf#item1");
  EXPECT_EQ(c.docs[0].published, "2003-05-06T10:00:00+01:00");
  EXPECT_EQ(c.docs[0].source, "Old Format News");
}

TEST(IngestFeed, RefusesEntityDeclarationsAndBadXml) {
  const std::string bomb =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>\n"
      "<rss><channel><item><description>&b;</description></item></channel></rss>";
  auto c = Read("bomb.xml", bomb);
  EXPECT_TRUE(c.docs.empty());
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].path, "bomb.xml");
  EXPECT_EQ(c.errors[0].reason, "the DOCTYPE declares entities (refused: entity expansion is not supported)");

  // A DOCTYPE without entities (RSS 0.91) is fine.
  c = Read("old.rss",
           "<?xml version=\"1.0\"?><!DOCTYPE rss PUBLIC \"-//Netscape Communications//DTD RSS 0.91//EN\" "
           "\"http://my.netscape.com/publish/formats/rss-0.91.dtd\"><rss version=\"0.91\"><channel><title>T</title>"
           "<item><title>I</title><description>The dam held on Monday.</description></item></channel></rss>");
  ASSERT_EQ(c.docs.size(), 1u) << c.ErrorList();

  c = Read("broken.xml", "<?xml version=\"1.0\"?><rss><channel><item><title>x</item></channel></rss>");
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].reason.rfind("not well-formed XML: ", 0), 0u) << c.errors[0].reason;
  EXPECT_NE(c.errors[0].reason.find(" at byte "), std::string::npos);

  c = Read("other.xml", "<?xml version=\"1.0\"?><catalog><book/></catalog>");
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].reason, "XML root element <catalog> is neither an RSS nor an Atom feed");
}

TEST(IngestFeed, DeclaredEncodingIsConverted) {
  const std::string latin = "<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss><channel><title>Caf\xE9</title>"
                            "<item><description>The caf\xE9 opened on Monday.</description></item></channel></rss>";
  const auto c = Read("latin.xml", latin);
  ASSERT_EQ(c.docs.size(), 1u) << c.ErrorList();
  EXPECT_EQ(c.docs[0].source, "Café");
  EXPECT_EQ(c.docs[0].body, "The café opened on Monday.\n");
}

// ---- JSONL ----

TEST(IngestJsonl, FieldsAndPerLineErrors) {
  const std::string jsonl =
      "{\"text\":\"On Monday the mayor resigned.\",\"title\":\"Mayor quits\",\"url\":\"https://city.example/m\","
      "\"published\":\"Mon, 04 Mar 2024 10:00:00 GMT\",\"extra\":{\"ignored\":true}}\r\n"
      "\n"
      "   \n"
      "{\"text\": 42}\n"
      "not json\n"
      "[1,2]\n"
      "{\"title\":\"no body\"}\n"
      "{\"text\":\"a\\u0000b\"}\n"
      "{\"html\":\"<p>The river <i>rose</i> on Friday.</p>\",\"source\":\"River Times\",\"published\":\"soon\"}\n"
      "{\"text\":\"Last line without a newline.\",\"title\":null}";
  const auto c = Read("dump.jsonl", jsonl);
  ASSERT_EQ(c.docs.size(), 3u) << c.ErrorList();
  EXPECT_EQ(c.docs[0].path, "dump.jsonl:1");
  EXPECT_EQ(c.docs[0].body, "On Monday the mayor resigned.");
  EXPECT_EQ(c.docs[0].title, "Mayor quits");
  EXPECT_EQ(c.docs[0].url, "https://city.example/m");
  EXPECT_EQ(c.docs[0].source, "city.example");
  EXPECT_EQ(c.docs[0].published, "2024-03-04T10:00:00Z");
  EXPECT_EQ(c.docs[1].path, "dump.jsonl:9");
  EXPECT_EQ(c.docs[1].body, "The river rose on Friday.\n");
  EXPECT_EQ(c.docs[1].source, "River Times");
  EXPECT_EQ(c.docs[1].published, "soon");  // kept as written when it is not a date
  EXPECT_EQ(c.docs[2].path, "dump.jsonl:10");
  EXPECT_FALSE(c.docs[2].title);
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"dump.jsonl:2", "empty line"},
      {"dump.jsonl:3", "blank line"},
      {"dump.jsonl:4", "field 'text' is a number, expected a string"},
      {"dump.jsonl:5", "not JSON (syntax error while parsing value - invalid literal at byte 1)"},
      {"dump.jsonl:6", "not a JSON object (an array)"},
      {"dump.jsonl:7", "no 'text' or 'html' field"},
      {"dump.jsonl:8", "NUL byte at 1 of the text"},
  };
  ASSERT_EQ(c.errors.size(), expected.size()) << c.ErrorList();
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(c.errors[i].path, expected[i].first);
    EXPECT_EQ(c.errors[i].reason, expected[i].second);
  }
}

TEST(IngestJsonl, ConfigurableFieldsLimitsAndDepth) {
  ReadOptions options;
  options.jsonl.text = "body";
  options.jsonl.title = "meta.headline";
  options.jsonl.published = "date";
  options.max_record_bytes = 150;
  const std::string jsonl = "{\"body\":\"The dam burst on Sunday.\",\"meta\":{\"headline\":\"Dam\"},\"date\":\"2024-09-01\"}\n" +
                            std::string("{\"body\":\"") + std::string(200, 'x') + "\"}\n" +
                            std::string(70, '[') + std::string(70, ']') + "\n" +
                            "{\"body\":\"Valid \xFF UTF-8?\"}\n";
  auto c = Read("custom.jsonl", jsonl, options);
  ASSERT_EQ(c.docs.size(), 1u) << c.ErrorList();
  EXPECT_EQ(c.docs[0].title, "Dam");
  EXPECT_EQ(c.docs[0].published, "2024-09-01");
  ASSERT_EQ(c.errors.size(), 3u) << c.ErrorList();
  EXPECT_EQ(c.errors[0].path, "custom.jsonl:2");
  EXPECT_EQ(c.errors[0].reason, "line of 211 bytes is longer than the limit of 150 bytes for one record; skipped");
  EXPECT_EQ(c.errors[1].reason, "JSON nested deeper than 64 levels");
  EXPECT_EQ(c.errors[2].path, "custom.jsonl:4");
  EXPECT_EQ(c.errors[2].reason.rfind("not JSON (", 0), 0u) << c.errors[2].reason;
  // With repair the invalid byte becomes U+FFFD.
  options.repair = true;
  c = Read("custom.jsonl", jsonl, options);
  ASSERT_EQ(c.docs.size(), 2u) << c.ErrorList();
  EXPECT_EQ(c.docs[1].body, "Valid \xEF\xBF\xBD UTF-8?");
  ASSERT_EQ(c.warnings.size(), 1u);
  EXPECT_EQ(c.warnings[0], "custom.jsonl:4: repaired 1 invalid UTF-8 sequence");
}

// ---- WARC ----

std::string SampleWarc() {
  // "Мост открыт в понедельник." in windows-1251, declared by the HTTP header.
  const std::string cyrillic =
      "<html><body><article><p>\xCC\xEE\xF1\xF2 \xEE\xF2\xEA\xF0\xFB\xF2 \xE2 \xEF\xEE\xED\xE5\xE4\xE5\xEB\xFC"
      "\xED\xE8\xEA.</p></article></body></html>";
  const std::string chunked = "1a\r\n<p>The ferry sank on Frida\r\n5\r\ny.</p\r\n1\r\n>\r\n0\r\n\r\n";
  return WarcRecord("warcinfo", "", "software: chronicle tests\r\n", "application/warc-fields") +
         WarcRecord("request", "https://a.example/", "GET / HTTP/1.1\r\n\r\n", "application/http; msgtype=request") +
         WarcRecord("response", "https://a.example/2024/07/29/bridge",
                    HttpResponse(cyrillic, "text/html; charset=windows-1251")) +
         WarcRecord("response", "https://a.example/logo.png", HttpResponse("\x89PNG\r\n", "image/png")) +
         WarcRecord("response", "https://a.example/old",
                    "HTTP/1.1 301 Moved Permanently\r\nLocation: /new\r\nContent-Type: text/html\r\n\r\n<p>moved</p>") +
         WarcRecord("response", "<https://b.example/ferry>",
                    HttpResponse(chunked, "text/html", "Transfer-Encoding: chunked\r\n")) +
         WarcRecord("response", "https://b.example/zipped",
                    HttpResponse(Gzip(NewsPage("Zipped", "The zipped page is from Tuesday.")), "text/html",
                                 "Content-Encoding: gzip\r\n"));
}

TEST(IngestWarc, ResponsesWithHtml) {
  for (const bool gz : {false, true}) {
    std::string warc = SampleWarc();
    if (gz) {
      // One gzip member per record, as crawlers write them.
      std::string members;
      for (size_t at = 0; at < warc.size();) {
        size_t next = warc.find("WARC/1.1\r\n", at + 1);
        if (next == std::string::npos) next = warc.size();
        members += Gzip(warc.substr(at, next - at));
        at = next;
      }
      warc = members;
    }
    const std::string name = gz ? "crawl.warc.gz" : "crawl.warc";
    const auto c = Read(name, warc);
    EXPECT_TRUE(c.errors.empty()) << c.ErrorList();
    ASSERT_EQ(c.docs.size(), 3u) << c.ErrorList();
    EXPECT_EQ(c.docs[0].path, name + "#record3");
    EXPECT_EQ(c.docs[0].body, "Мост открыт в понедельник.\n");
    EXPECT_EQ(c.docs[0].url, "https://a.example/2024/07/29/bridge");
    EXPECT_EQ(c.docs[0].source, "a.example");
    EXPECT_EQ(c.docs[0].published, "2024-07-29");  // the URL path comes before WARC-Date
    EXPECT_EQ(c.docs[1].path, name + "#record6");
    EXPECT_EQ(c.docs[1].body, "The ferry sank on Friday.\n");
    EXPECT_EQ(c.docs[1].url, "https://b.example/ferry");
    EXPECT_EQ(c.docs[1].published, "2024-08-01T12:00:00Z");  // WARC-Date
    EXPECT_EQ(c.docs[2].path, name + "#record7");
    EXPECT_EQ(c.docs[2].title, "Zipped");
    EXPECT_EQ(c.docs[2].body, "The zipped page is from Tuesday.\n");
  }
}

TEST(IngestWarc, BrokenRecordsAreReportedAndSkipped) {
  const std::string good1 = WarcRecord("response", "https://c.example/1", HttpResponse(NewsPage("1", "One, Monday.")));
  const std::string good2 = WarcRecord("response", "https://c.example/2", HttpResponse(NewsPage("2", "Two, Tuesday.")));
  const std::string block = HttpResponse(NewsPage("L", "The lying record."));
  const std::string short_len = WarcRecord("response", "https://c.example/short", block,
                                           "application/http; msgtype=response", static_cast<long long>(block.size()) - 9);
  const std::string long_len =
      WarcRecord("response", "https://c.example/long", block, "application/http; msgtype=response",
                 static_cast<long long>(block.size() + good1.size()) + 10);

  // Too short: the record is dropped, the next one is found by scanning.
  auto c = Read("short.warc", short_len + good1);
  ASSERT_EQ(c.docs.size(), 1u) << c.ErrorList();
  EXPECT_EQ(c.docs[0].path, "short.warc#record2");
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].path, "short.warc#record1");
  EXPECT_EQ(c.errors[0].reason.rfind("Content-Length " + std::to_string(block.size() - 9) +
                                         " does not match the record: no record at offset ", 0),
            0u)
      << c.errors[0].reason;
  EXPECT_NE(c.errors[0].reason.find("(record at offset 0)"), std::string::npos);

  // Too long: the records it swallowed are put back and read.
  c = Read("long.warc", long_len + good1 + good2);
  ASSERT_EQ(c.docs.size(), 2u) << c.ErrorList();
  EXPECT_EQ(c.docs[0].path, "long.warc#record2");
  EXPECT_EQ(c.docs[1].path, "long.warc#record3");
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].path, "long.warc#record1");

  // Longer than the file: truncated; records inside it are still read.
  c = Read("trunc.warc", good1 + long_len.substr(0, long_len.size() - 4) + good1.substr(0, 100));
  EXPECT_EQ(c.docs.size(), 1u) << c.ErrorList();
  ASSERT_GE(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].path, "trunc.warc#record2");
  EXPECT_EQ(c.errors[0].reason.rfind("truncated record: Content-Length ", 0), 0u) << c.errors[0].reason;
  EXPECT_NE(c.errors[0].reason.find("bytes before the end of the file (record at offset " +
                                    std::to_string(good1.size()) + ")"),
            std::string::npos)
      << c.errors[0].reason;

  // Garbage between records; a record without Content-Length; a huge one.
  ReadOptions small;
  small.max_record_bytes = 200;
  const std::string big = WarcRecord("response", "https://c.example/big", HttpResponse(std::string(300, 'x')));
  const std::string no_length = "WARC/1.0\r\nWARC-Type: response\r\n\r\nabc\r\n\r\n";
  c = Read("mixed.warc", good1 + "junk line\r\nmore junk\r\n" + no_length + big + good2, small);
  ASSERT_EQ(c.docs.size(), 2u) << c.ErrorList();
  EXPECT_EQ(c.docs[0].path, "mixed.warc#record1");
  EXPECT_EQ(c.docs[1].path, "mixed.warc#record4");
  ASSERT_EQ(c.errors.size(), 3u) << c.ErrorList();
  EXPECT_EQ(c.errors[0].path, "mixed.warc");
  EXPECT_EQ(c.errors[0].reason, "no WARC record at offset " + std::to_string(good1.size()) +
                                    " (found 'junk line'); skipped to the next record");
  EXPECT_EQ(c.errors[1].path, "mixed.warc#record2");
  EXPECT_EQ(c.errors[1].reason.rfind("no valid Content-Length", 0), 0u);
  EXPECT_EQ(c.errors[2].path, "mixed.warc#record3");
  EXPECT_EQ(c.errors[2].reason.rfind("record of 3", 0), 0u) << c.errors[2].reason;

  // Truncated gzip: the records before the cut are read, then one error.
  const std::string gz = Gzip(good1) + Gzip(good2);
  c = Read("cut.warc.gz", gz.substr(0, gz.size() - 20));
  ASSERT_EQ(c.docs.size(), 1u) << c.ErrorList();
  ASSERT_FALSE(c.errors.empty());
  EXPECT_EQ(c.errors.back().path, "cut.warc.gz");
  EXPECT_EQ(c.errors.back().reason.rfind("truncated gzip data (unexpected end of file at compressed offset ", 0), 0u)
      << c.errors.back().reason;
}

// ---- sniffing and the stream reader ----

TEST(IngestSniff, ByContentNotExtension) {
  EXPECT_EQ(SniffFormat("\x1f\x8b\x08", ".txt"), Format::kGzip);
  EXPECT_EQ(SniffFormat("WARC/1.0\r\n", ".txt"), Format::kWarc);
  EXPECT_EQ(SniffFormat("\xEF\xBB\xBF  <?xml version='1.0'?><rss>", ".txt"), Format::kFeed);
  EXPECT_EQ(SniffFormat("<?xml version='1.0'?>\n<!-- c --><feed xmlns='x'>", ""), Format::kFeed);
  EXPECT_EQ(SniffFormat("<?xml version='1.0'?><!DOCTYPE html PUBLIC 'x'><html>", ".xml"), Format::kHtml);
  EXPECT_EQ(SniffFormat("<?xml version='1.0'?><catalog/>", ".html"), Format::kFeed);
  EXPECT_EQ(SniffFormat("<!doctype HTML><p>", ".txt"), Format::kHtml);
  EXPECT_EQ(SniffFormat("<!-- saved from url -->\n<HTML>", ".dat"), Format::kHtml);
  EXPECT_EQ(SniffFormat("<p>fragment</p>", ".html"), Format::kHtml);
  EXPECT_EQ(SniffFormat("<p>fragment</p>", ".txt"), Format::kText);
  EXPECT_EQ(SniffFormat("  {\"text\":\"x\"}\n", ".txt"), Format::kJsonl);
  EXPECT_EQ(SniffFormat("Title: T\n---\nBody", ".html"), Format::kText);
  EXPECT_EQ(SniffFormat(std::string("\xFF\xFE<\0h\0t\0m\0l\0>\0", 14), ".txt"), Format::kHtml);
}

TEST(IngestSource, BoundedLinesUnreadAndGzipMembers) {
  const std::string data = "short\n" + std::string(10000, 'y') + "\nlast";
  MemorySource mem(data);
  StreamReader in(mem);
  std::string line;
  uint64_t long_bytes = 0;
  ASSERT_EQ(in.ReadLine(&line, 100), LineStatus::kLine);
  EXPECT_EQ(line, "short");
  ASSERT_EQ(in.ReadLine(&line, 100, &long_bytes), LineStatus::kTooLong);
  EXPECT_EQ(long_bytes, 10000u);
  in.Unread("again\n");
  ASSERT_EQ(in.ReadLine(&line, 100), LineStatus::kLine);
  EXPECT_EQ(line, "again");
  ASSERT_EQ(in.ReadLine(&line, 100), LineStatus::kLine);
  EXPECT_EQ(line, "last");
  EXPECT_EQ(in.ReadLine(&line, 100), LineStatus::kEnd);
  EXPECT_EQ(in.offset(), data.size());

  const std::string gz = Gzip("first member, ") + Gzip("second member");
  MemorySource raw_mem(gz);
  StreamReader raw(raw_mem);
  GzipSource gzip(raw);
  StreamReader unzipped(gzip);
  std::string all;
  EXPECT_TRUE(unzipped.ReadAll(&all, 1000));
  EXPECT_EQ(all, "first member, second member");
  EXPECT_TRUE(unzipped.error().empty());

  const std::string bad = Gzip("abc") + "trailing";
  MemorySource bad_mem(bad);
  StreamReader bad_raw(bad_mem);
  GzipSource bad_gzip(bad_raw);
  StreamReader bad_in(bad_gzip);
  all.clear();
  bad_in.ReadAll(&all, 1000);
  EXPECT_EQ(all, "abc");
  EXPECT_EQ(bad_in.error(), "data after gzip member 1 is not gzip (compressed offset 23)");
}

TEST(IngestReader, StandaloneHtmlAndGzippedInputs) {
  auto c = Read("page.html", chronicle::testing::kArticleHtml);
  ASSERT_EQ(c.docs.size(), 1u) << c.ErrorList();
  EXPECT_EQ(c.docs[0].path, "page.html");
  EXPECT_EQ(c.docs[0].body, chronicle::testing::kArticleText);
  EXPECT_EQ(c.docs[0].published, "2024-05-10T08:30:00+03:00");

  c = Read("page.html.gz", Gzip(chronicle::testing::kArticleHtml));
  ASSERT_EQ(c.docs.size(), 1u) << c.ErrorList();
  EXPECT_EQ(c.docs[0].body, chronicle::testing::kArticleText);

  c = Read("notes.txt.gz", Gzip("Title: Zipped\n---\nThe text was zipped on Monday.\n"));
  ASSERT_EQ(c.docs.size(), 1u) << c.ErrorList();
  EXPECT_EQ(c.docs[0].title, "Zipped");
  EXPECT_EQ(c.docs[0].body_offset, 18u);

  c = Read("nav.html", "<html><body><nav>Home</nav><footer>About</footer></body></html>");
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].reason, "no article text in the HTML");

  ReadOptions small;
  small.max_markup_bytes = 100;
  c = Read("big.html", "<html>" + std::string(200, ' ') + "</html>", small);
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_EQ(c.errors[0].reason, "file of 213 bytes is larger than the limit of 100 bytes for one HTML page");
}

}  // namespace
}  // namespace chronicle::ingest

// FileSource reads the descriptor directly: a regular file ends at its first
// short read, a pipe only at a read of nothing (its short reads are not the end).
TEST(IngestFileSource, RegularFileEndsAtAShortReadAndAPipeAtEof) {
  const std::string path = testing::TempDir() + "/filesource.txt";
  { std::ofstream(path, std::ios::binary) << "0123456789"; }
  {
    chronicle::ingest::FileSource source(std::fopen(path.c_str(), "rb"));
    ASSERT_TRUE(source.size().has_value());
    EXPECT_EQ(*source.size(), 10u);
    char buf[4];
    std::string got;
    std::vector<size_t> reads;
    for (size_t n; (n = source.Read(buf, sizeof buf)) > 0;) {
      got.append(buf, n);
      reads.push_back(n);
    }
    EXPECT_EQ(got, "0123456789");
    EXPECT_EQ(reads, (std::vector<size_t>{4, 4, 2}));
    EXPECT_EQ(source.Read(buf, sizeof buf), 0u);
    EXPECT_TRUE(source.error().empty());
  }
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  std::thread writer([fd = fds[1]] {
    EXPECT_EQ(write(fd, "abc", 3), 3);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    EXPECT_EQ(write(fd, "def", 3), 3);
    close(fd);
  });
  chronicle::ingest::FileSource pipe_source(fdopen(fds[0], "rb"));
  EXPECT_FALSE(pipe_source.size().has_value());
  char buf[64];
  std::string got;
  for (size_t n; (n = pipe_source.Read(buf, sizeof buf)) > 0;) got.append(buf, n);
  writer.join();
  EXPECT_EQ(got, "abcdef");
}
