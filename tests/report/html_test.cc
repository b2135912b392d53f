// timeline.html: content, self-containment, and above all that hostile
// article text never reaches the page as markup. The page is well-formed XML
// by design, so the tests parse it and inspect every element and attribute.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <pugixml.hpp>
#include <random>
#include <set>
#include <sstream>
#include <string>

#include "report/report.h"
#include "text/utf8.h"
#include "timeline_fixture.h"

namespace {

using chronicle::testing::kAttributeAttack;
using chronicle::testing::kQuoteAttack;
using chronicle::testing::kScriptAttack;

std::string Html(const chronicle::merge::Timeline& t, const std::vector<size_t>& top) {
  std::ostringstream out;
  chronicle::report::WriteTimelineHtml(t, top, out);
  return out.str();
}

size_t Count(const std::string& haystack, const std::string& needle) {
  size_t n = 0;
  for (size_t at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + 1)) ++n;
  return n;
}

// Parses the page as XML; fails the test when it is not well-formed.
bool Parse(const std::string& html, pugi::xml_document* doc) {
  const auto result = doc->load_buffer(html.data(), html.size(), pugi::parse_default | pugi::parse_doctype);
  EXPECT_TRUE(result) << result.description() << " at byte " << result.offset << ": "
                      << html.substr(
                             static_cast<size_t>(result.offset) > 60 ? static_cast<size_t>(result.offset) - 60 : 0,
                             120);
  return static_cast<bool>(result);
}

struct PageFacts {
  std::set<std::string> elements;
  std::vector<std::string> attribute_names;
  std::vector<std::string> hrefs;
  size_t scripts = 0;
  std::vector<std::string> data_actors;
  std::vector<std::string> options;
  std::vector<std::string> marks;
};

void Walk(const pugi::xml_node& node, PageFacts* facts) {
  for (const auto& child : node.children()) {
    if (child.type() != pugi::node_element) continue;
    const std::string name = child.name();
    facts->elements.insert(name);
    if (name == "script") ++facts->scripts;
    if (name == "option") facts->options.push_back(child.attribute("value").value());
    if (name == "mark") facts->marks.push_back(child.text().get());
    for (const auto& attr : child.attributes()) {
      facts->attribute_names.push_back(attr.name());
      if (std::string(attr.name()) == "href") facts->hrefs.push_back(attr.value());
      if (std::string(attr.name()) == "data-actor") facts->data_actors.push_back(attr.value());
    }
    Walk(child, facts);
  }
}

PageFacts Facts(const std::string& html) {
  pugi::xml_document doc;
  PageFacts facts;
  if (Parse(html, &doc)) Walk(doc, &facts);
  return facts;
}

const std::set<std::string> kAllowedElements = {
    "html",   "head", "meta",    "title",   "style",   "body",       "header", "h1",      "h2",     "h3",
    "h4",     "p",    "table",   "caption", "thead",   "tbody",      "tr",     "th",      "td",     "a",
    "div",    "span", "nav",     "ol",      "ul",      "li",         "br",     "section", "label",  "select",
    "option", "main", "article", "details", "summary", "blockquote", "mark",   "q",       "footer", "script"};
const std::set<std::string> kAllowedAttributes = {
    "lang",  "charset", "name",       "content", "http-equiv", "class",     "id",         "href",       "rel",
    "title", "scope",   "aria-label", "for",     "value",      "aria-live", "data-actor", "data-event", "data-date"};

void ExpectSafe(const std::string& html) {
  EXPECT_FALSE(chronicle::text::ValidateUtf8(html).has_value());
  const PageFacts facts = Facts(html);
  for (const auto& e : facts.elements) EXPECT_TRUE(kAllowedElements.count(e)) << "unexpected element <" << e << ">";
  for (const auto& a : facts.attribute_names) EXPECT_TRUE(kAllowedAttributes.count(a)) << "unexpected attribute " << a;
  EXPECT_EQ(facts.scripts, 1u);
  for (const auto& h : facts.hrefs) {
    EXPECT_TRUE(h.rfind("#", 0) == 0 || h.rfind("https://", 0) == 0 || h.rfind("http://", 0) == 0) << h;
  }
  // Raw text checks, independent of the parser.
  EXPECT_EQ(Count(html, "<script"), 1u);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_EQ(html.find(kScriptAttack), std::string::npos);
  EXPECT_EQ(html.find(kAttributeAttack), std::string::npos);
  EXPECT_EQ(html.find(kQuoteAttack), std::string::npos);
  EXPECT_EQ(html.find("alert(1)</script"), std::string::npos);
  EXPECT_EQ(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find(chronicle::testing::kUrlAttack), std::string::npos);
  EXPECT_EQ(html.find("href=\"javascript"), std::string::npos);
}

TEST(ReportHtml, SmallTimelineIsSafeAndWellFormed) { ExpectSafe(Html(chronicle::testing::SmallTimeline(), {0})); }

TEST(ReportHtml, HostileTextIsEscapedEverywhere) {
  const std::string html = Html(chronicle::testing::HostileTimeline(), {0, 1});
  ExpectSafe(html);
  // The text is there, escaped, not dropped.
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"), std::string::npos);
  EXPECT_NE(html.find("&#39; onmouseover=&#39;alert(1)"), std::string::npos);
  // The parser gives back exactly the original strings: nothing was cut or
  // re-interpreted, in attributes too.
  const PageFacts facts = Facts(html);
  const std::string name = std::string(kAttributeAttack) + kScriptAttack + kQuoteAttack;
  ASSERT_FALSE(facts.data_actors.empty());
  for (const auto& a : facts.data_actors) EXPECT_EQ(a, name);
  EXPECT_NE(std::find(facts.options.begin(), facts.options.end(), name), facts.options.end());
  EXPECT_NE(std::find(facts.marks.begin(), facts.marks.end(), std::string(kAttributeAttack)), facts.marks.end());
  // The javascript: URL is shown as text, never as a link; the https one links.
  EXPECT_NE(html.find("javascript:alert(1)//&quot;&gt;"), std::string::npos);
  EXPECT_NE(std::find(facts.hrefs.begin(), facts.hrefs.end(), std::string(chronicle::testing::kUrlAttack)),
            facts.hrefs.end());
  EXPECT_NE(html.find("href=\"https://example.org/?q=&quot;&gt;&lt;svg/onload=alert(1)&gt;\""), std::string::npos);
}

TEST(ReportHtml, InvalidUtf8AndControlsAreReplaced) {
  auto t = chronicle::testing::SmallTimeline();
  t.events[0].summary = "bad \xff bytes \x1b[31m and \xC0\xAF<";
  const std::string html = Html(t, {0});
  ExpectSafe(html);
  EXPECT_EQ(html.find('\x1b'), std::string::npos);
}

TEST(ReportHtml, SelfContained) {
  const std::string html = Html(chronicle::testing::SmallTimeline(), {0});
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"en\">", 0), 0u);
  EXPECT_NE(html.find("<meta charset=\"utf-8\" />"), std::string::npos);
  EXPECT_NE(html.find("Content-Security-Policy\" content=\"default-src 'none';"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find(" src="), std::string::npos);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  EXPECT_EQ(html.find("url("), std::string::npos);
  EXPECT_NE(html.find("<style>"), std::string::npos);
  // The only URL in the page is the document's own, as a link.
  EXPECT_EQ(Count(html, "http"), 1u + Count(html, "http-equiv"));
}

TEST(ReportHtml, DocumentsKeyDatesAndTimeline) {
  const std::string html = Html(chronicle::testing::SmallTimeline(), {0});
  EXPECT_NE(html.find("<tr id=\"doc-d1\"><td>d1</td><td><a href=\"https://example.org/airliner\""), std::string::npos);
  EXPECT_NE(html.find("Azerbaijani airliner: what we know</a><div class=\"path\">seeds/01_airliner.txt</div>"),
            std::string::npos);
  EXPECT_NE(html.find("<td>seeds/02_opinion.txt</td><td>Opinion Daily</td><td><span class=\"date\">2025-07</span> "
                      "<span class=\"inferred\""),
            std::string::npos);
  const size_t nav = html.find("<nav class=\"key-dates\"");
  const size_t nav_end = html.find("</nav>");
  ASSERT_NE(nav, std::string::npos);
  const std::string strip = html.substr(nav, nav_end - nav);
  EXPECT_EQ(Count(strip, "<li "), 1u);
  EXPECT_NE(strip.find("href=\"#event-e1\""), std::string::npos);
  EXPECT_NE(html.find("<section class=\"day\" data-date=\"2024-12-25\">"), std::string::npos);
  EXPECT_NE(html.find("<section class=\"day\" data-date=\"2025-06\">"), std::string::npos);
  EXPECT_NE(html.find("<article class=\"event is-disputed\" id=\"event-e1\">"), std::string::npos);
  EXPECT_NE(html.find("<article class=\"event\" id=\"event-e2\">"), std::string::npos);
  EXPECT_EQ(Count(html, "<span class=\"badge disputed\">disputed</span>"), 2u);  // strip + timeline
  EXPECT_NE(html.find("Sources: <a href=\"#doc-d1\" title=\"Azerbaijani airliner: what we know\">d1</a>, "
                      "<a href=\"#doc-d2\" title=\"seeds/02_opinion.txt\">d2</a>"),
            std::string::npos);
}

TEST(ReportHtml, ClaimsTableHasOneColumnPerClaim) {
  const std::string html = Html(chronicle::testing::SmallTimeline(), {});
  pugi::xml_document doc;
  ASSERT_TRUE(Parse(html, &doc));
  const auto table = doc.select_node("//section[@id='conflict-c1']/table").node();
  ASSERT_TRUE(table);
  EXPECT_EQ(table.select_nodes("thead/tr/th").size(), 3u);
  const auto rows = table.select_nodes("tbody/tr");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_STREQ(rows[0].node().child("th").text().get(), "value");
  EXPECT_STREQ(rows[0].node().select_node("td[1]").node().text().get(), "38");
  EXPECT_STREQ(rows[0].node().select_node("td[2]").node().text().get(), "39");
  EXPECT_STREQ(rows[1].node().select_node("td[1]/q").node().text().get(), "killing 38 of the 67 people on board");
  EXPECT_STREQ(rows[1].node().select_node("td[2]/q").node().text().get(), "39 people died");
  EXPECT_NE(std::string(table.child("caption").child_value()).find("number"), std::string::npos);
  // The conflict sits inside its event.
  EXPECT_TRUE(doc.select_node("//article[@id='event-e1']//section[@id='conflict-c1']"));
  EXPECT_FALSE(doc.select_node("//article[@id='event-e2']//section[@class='conflict']"));
}

TEST(ReportHtml, EvidenceMarksTheDateExpression) {
  const std::string html = Html(chronicle::testing::SmallTimeline(), {});
  EXPECT_NE(html.find("<blockquote><p>An Azerbaijan Airlines plane was shot down near Grozny "
                      "<mark title=\"2024-12-25\">on 25 December</mark>.</p></blockquote>"),
            std::string::npos);
  EXPECT_NE(html.find("<mark title=\"2025-06\">In late June</mark>, police raided"), std::string::npos);
  // A date from another sentence is named beside the quote, not marked in it.
  EXPECT_NE(html.find("<blockquote><p>Baku says Moscow’s air defence hit the jet — 39 people died.</p></blockquote>"),
            std::string::npos);
  EXPECT_NE(html.find("date from <mark title=\"2024-12-25\">Christmas Day</mark>"), std::string::npos);
  EXPECT_NE(html.find("according to Baku"), std::string::npos);
  pugi::xml_document doc;
  ASSERT_TRUE(Parse(html, &doc));
  // Evidence grouped per source: e1 has one section per document.
  EXPECT_EQ(doc.select_nodes("//article[@id='event-e1']//details/section[@class='source']").size(), 2u);
}

TEST(ReportHtml, BadOffsetsAreNotMarked) {
  auto t = chronicle::testing::SmallTimeline();
  t.events[0].mentions[0].timex_end = 10000;
  t.events[1].mentions[0].timex_begin = 5;
  t.events[1].mentions[0].timex_end = 2;
  const std::string html = Html(t, {});
  ExpectSafe(html);
  EXPECT_NE(html.find("<blockquote><p>An Azerbaijan Airlines plane was shot down near Grozny on 25 December.</p>"),
            std::string::npos);
  EXPECT_NE(html.find("date from <mark title=\"2024-12-25\">on 25 December</mark>"), std::string::npos);
}

TEST(ReportHtml, ActorFilterListsEveryActorOnce) {
  auto t = chronicle::testing::SmallTimeline();
  t.events[1].actors.push_back(
      chronicle::testing::MakeActor("Russia", chronicle::actors::ActorType::kCountry, "participant"));
  const std::string html = Html(t, {});
  const PageFacts facts = Facts(html);
  EXPECT_EQ(facts.options,
            (std::vector<std::string>{"", "Azerbaijan", "Azerbaijan Airlines", "Russia", "Sputnik Azerbaijan"}));
  EXPECT_EQ(facts.data_actors,
            (std::vector<std::string>{"Russia", "Azerbaijan Airlines", "Azerbaijan", "Sputnik Azerbaijan", "Russia"}));
  EXPECT_NE(html.find("<select id=\"actor-filter\">"), std::string::npos);
  // The script reads names through dataset only.
  EXPECT_NE(html.find("el.dataset.actor === name"), std::string::npos);
  EXPECT_EQ(html.find("innerHTML"), std::string::npos);
}

TEST(ReportHtml, EmptyTimeline) {
  const std::string html = Html({}, {3});
  ExpectSafe(html);
  EXPECT_NE(html.find("No key dates."), std::string::npos);
  EXPECT_NE(html.find("No dated events."), std::string::npos);
  EXPECT_EQ(html.find("<select"), std::string::npos);
}

}  // namespace

namespace {

// Random strings built from markup fragments, broken UTF-8 and controls.
std::string RandomText(std::mt19937* rng) {
  static const char* const kPieces[] = {
      "<",    ">",        "&",  "\"", "'", "script", "\xff", "\xc3",        "\xa9",    "é",   "\n",
      "\x01", "|",        "`",  "#",  " ", "a",      "&lt;", "]]>",         "<!--",    "-->", "\xe2\x80\xa8",
      "\x7f", "\xc2\x85", "\\", "*",  "_", "[",      "](",   "javascript:", "https://"};
  std::string s;
  const size_t n = (*rng)() % 12;
  for (size_t i = 0; i < n; ++i) s += kPieces[(*rng)() % (sizeof(kPieces) / sizeof(kPieces[0]))];
  if ((*rng)() % 8 == 0) s.push_back('\0');
  return s;
}

TEST(ReportRobustness, RandomTextNeverBreaksTheOutputs) {
  std::mt19937 rng(20261201);
  for (int round = 0; round < 150; ++round) {
    auto t = chronicle::testing::SmallTimeline();
    auto r = [&] { return RandomText(&rng); };
    for (auto& d : t.documents) {
      d.path = r();
      d.title = r();
      d.source = r();
      d.url = (rng() % 2 ? "https://" : "") + r();
    }
    for (auto& e : t.events) {
      e.summary = r();
      e.cls = r();
      e.date = r();
      for (auto& a : e.actors) {
        a.name = r();
        a.role = r();
      }
      for (auto& n : e.numbers) n.what = r();
      for (auto& m : e.mentions) {
        m.sentence = r();
        m.timex = r();
        m.timex_value = r();
        m.timex_in_sentence = rng() % 2 == 0;
        m.timex_begin = rng() % 20;
        m.timex_end = rng() % 20;
        m.trigger = r();
        m.hedge = r();
        m.attributed_to = r();
      }
    }
    for (auto& c : t.conflicts) {
      c.what = r();
      c.kind = r();
      for (auto& claim : c.claims) {
        claim.value = r();
        claim.quote = r();
      }
    }
    const std::string html = Html(t, {0, 1});
    const PageFacts facts = Facts(html);
    for (const auto& e : facts.elements) ASSERT_TRUE(kAllowedElements.count(e)) << "round " << round << ": <" << e;
    ASSERT_EQ(facts.scripts, 1u) << "round " << round;
    ASSERT_FALSE(chronicle::text::ValidateUtf8(html).has_value()) << "round " << round;

    const std::string json = chronicle::report::TimelineJson(t);
    ASSERT_FALSE(chronicle::text::ValidateUtf8(json).has_value()) << "round " << round;
    ASSERT_TRUE(nlohmann::json::accept(json)) << "round " << round;

    std::ostringstream md;
    chronicle::report::WriteTimelineMarkdown(t, {0, 1}, md);
    const std::string text = md.str();
    ASSERT_FALSE(chronicle::text::ValidateUtf8(text).has_value()) << "round " << round;
    for (size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '<' || text[i] == '`') {
        size_t slashes = 0;  // an odd number of backslashes escapes it
        while (slashes < i && text[i - 1 - slashes] == '\\') ++slashes;
        ASSERT_EQ(slashes % 2, 1u) << "round " << round << ": " << text.substr(i > 30 ? i - 30 : 0, 60);
      }
    }
  }
}

}  // namespace

namespace {

// One event told by 25 sources, five sentences each.
chronicle::merge::Timeline WidelyReportedTimeline() {
  auto t = chronicle::testing::SmallTimeline();
  auto& e = t.events[0];
  e.mentions.clear();
  e.sources.clear();
  t.documents.resize(1);
  for (int d = 1; d <= 25; ++d) {
    chronicle::merge::TimelineDocument doc = t.documents[0];
    doc.id = "d" + std::to_string(d);
    doc.path = "wire/" + doc.id + ".txt";
    if (d > 1) t.documents.push_back(doc);
    if (d == 1) t.documents[0] = doc;
    e.sources.push_back(doc.id);
    for (int k = 0; k < 5; ++k) {
      chronicle::merge::EventMentionRef m;
      m.doc = doc.id;
      m.sentence = "Sentence " + std::to_string(k) + " of source " + std::to_string(d) + ".";
      e.mentions.push_back(m);
    }
  }
  return t;
}

}  // namespace

TEST(ReportHtml, EvidenceOfAWidelyToldEventIsBounded) {
  const std::string html = Html(WidelyReportedTimeline(), {0});
  ExpectSafe(html);
  EXPECT_NE(html.find("Evidence: 125 sentences from 25 sources"), std::string::npos);
  // 20 sources with three sentences each; the rest is counted.
  EXPECT_NE(html.find("Sentence 2 of source 20."), std::string::npos);
  EXPECT_EQ(html.find("Sentence 3 of source 1."), std::string::npos);
  EXPECT_EQ(html.find("of source 21."), std::string::npos);
  EXPECT_NE(html.find("… and 65 more sentences (5 more sources) in timeline.json"), std::string::npos);
}
