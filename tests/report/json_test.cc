// timeline.json: structure and values for the hand-made timeline, key order,
// formatting, null conventions and robustness to bad input.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>
#include <sstream>

#include "report/report.h"
#include "text/utf8.h"
#include "timeline_fixture.h"

namespace {

using chronicle::report::TimelineJson;
using nlohmann::json;

json SmallJson() { return json::parse(TimelineJson(chronicle::testing::SmallTimeline())); }

TEST(ReportJson, TopLevel) {
  const json j = SmallJson();
  ASSERT_TRUE(j.is_object());
  EXPECT_EQ(j.size(), 4u);
  EXPECT_EQ(j["chronicle"]["version"], "0.0.0-test");
  EXPECT_EQ(j["chronicle"]["schema"], 1);
  EXPECT_EQ(j["chronicle"]["schema"], chronicle::report::kTimelineSchemaVersion);
  EXPECT_EQ(j["documents"].size(), 2u);
  EXPECT_EQ(j["events"].size(), 2u);
  EXPECT_EQ(j["conflicts"].size(), 1u);
}

TEST(ReportJson, Documents) {
  const json j = SmallJson();
  const json& d1 = j["documents"][0];
  EXPECT_EQ(d1["id"], "d1");
  EXPECT_EQ(d1["path"], "seeds/01_airliner.txt");
  EXPECT_EQ(d1["title"], "Azerbaijani airliner: what we know");
  EXPECT_EQ(d1["source"], "Example Analysis");
  EXPECT_EQ(d1["url"], "https://example.org/airliner");
  EXPECT_EQ(d1["published"], "2025-07-25");
  EXPECT_EQ(d1["published_precision"], "day");
  EXPECT_EQ(d1["published_inferred"], false);
  const json& d2 = j["documents"][1];
  EXPECT_TRUE(d2["title"].is_null());
  EXPECT_TRUE(d2["url"].is_null());
  EXPECT_EQ(d2["source"], "Opinion Daily");
  EXPECT_EQ(d2["published"], "2025-07");
  EXPECT_EQ(d2["published_precision"], "month");
  EXPECT_EQ(d2["published_inferred"], true);
}

TEST(ReportJson, Events) {
  const json j = SmallJson();
  const json& e1 = j["events"][0];
  EXPECT_EQ(e1["id"], "e1");
  EXPECT_EQ(e1["date"], "2024-12-25");
  EXPECT_EQ(e1["precision"], "day");
  EXPECT_EQ(e1["class"], "attack");
  EXPECT_EQ(e1["summary"], "An Azerbaijan Airlines plane was shot down near Grozny on 25 December.");
  EXPECT_EQ(e1["actors"], json::parse(R"([{"name":"Russia","type":"country","role":"agent"},
      {"name":"Azerbaijan Airlines","type":"organisation","role":"target"}])"));
  EXPECT_EQ(e1["numbers"], json::parse(R"([{"value":38,"what":"killed","doc":"d1"},
      {"value":39,"what":"killed","doc":"d2"}])"));
  EXPECT_EQ(e1["sources"], json::parse(R"(["d1","d2"])"));
  EXPECT_EQ(e1["disputed"], true);
  EXPECT_EQ(e1["score"], 2.5);
  EXPECT_EQ(e1["conflicts"], json::parse(R"(["c1"])"));
  const json& e2 = j["events"][1];
  EXPECT_EQ(e2["date"], "2025-06");
  EXPECT_EQ(e2["precision"], "month");
  EXPECT_EQ(e2["disputed"], false);
  EXPECT_TRUE(e2["numbers"].is_array() && e2["numbers"].empty());
  EXPECT_TRUE(e2["conflicts"].is_array() && e2["conflicts"].empty());
}

TEST(ReportJson, Mentions) {
  const json j = SmallJson();
  const json& m0 = j["events"][0]["mentions"][0];
  EXPECT_EQ(m0["doc"], "d1");
  EXPECT_EQ(m0["sentence"], "An Azerbaijan Airlines plane was shot down near Grozny on 25 December.");
  EXPECT_EQ(m0["timex"], "on 25 December");
  EXPECT_EQ(m0["timex_value"], "2024-12-25");
  const std::string sentence = m0["sentence"];
  const size_t begin = m0["timex_begin"], end = m0["timex_end"];
  EXPECT_EQ(sentence.substr(begin, end - begin), "on 25 December");
  EXPECT_EQ(m0["trigger"], "shot down");
  EXPECT_EQ(m0["class"], "attack");
  EXPECT_EQ(m0["hedge"], "asserted");
  EXPECT_TRUE(m0["attributed_to"].is_null());
  // A date from an earlier sentence: the expression is named, but has no span.
  const json& m1 = j["events"][0]["mentions"][1];
  EXPECT_EQ(m1["timex"], "Christmas Day");
  EXPECT_TRUE(m1["timex_begin"].is_null());
  EXPECT_TRUE(m1["timex_end"].is_null());
  EXPECT_EQ(m1["hedge"], "reported");
  EXPECT_EQ(m1["attributed_to"], "Baku");
  EXPECT_EQ(m1["sentence"], "Baku says Moscow’s air defence hit the jet — 39 people died.");
}

TEST(ReportJson, Conflicts) {
  const json j = SmallJson();
  EXPECT_EQ(j["conflicts"][0], json::parse(R"({"id":"c1","event":"e1","kind":"number","what":"killed",
      "claims":[{"doc":"d1","value":"38","quote":"killing 38 of the 67 people on board"},
                {"doc":"d2","value":"39","quote":"39 people died"}]})"));
}

TEST(ReportJson, KeysInContractOrder) {
  const json j = nlohmann::ordered_json::parse(TimelineJson(chronicle::testing::SmallTimeline()));
  auto keys = [](const nlohmann::ordered_json& o) {
    std::vector<std::string> out;
    for (const auto& [k, v] : o.items()) out.push_back(k);
    return out;
  };
  const auto o = nlohmann::ordered_json::parse(TimelineJson(chronicle::testing::SmallTimeline()));
  EXPECT_EQ(keys(o), (std::vector<std::string>{"chronicle", "documents", "events", "conflicts"}));
  EXPECT_EQ(keys(o["documents"][0]), (std::vector<std::string>{"id", "path", "title", "source", "url", "published",
                                                               "published_precision", "published_inferred"}));
  EXPECT_EQ(keys(o["events"][0]),
            (std::vector<std::string>{"id", "date", "precision", "summary", "class", "actors", "numbers", "sources",
                                      "mentions", "disputed", "score", "conflicts"}));
  EXPECT_EQ(keys(o["events"][0]["mentions"][0]),
            (std::vector<std::string>{"doc", "sentence", "timex", "timex_value", "timex_begin", "timex_end", "trigger",
                                      "class", "hedge", "attributed_to"}));
  EXPECT_EQ(keys(o["conflicts"][0]), (std::vector<std::string>{"id", "event", "kind", "what", "claims"}));
  EXPECT_TRUE(j.is_object());
}

TEST(ReportJson, PrettyPrintedWithTwoSpacesAndDeterministic) {
  const std::string a = TimelineJson(chronicle::testing::SmallTimeline());
  const std::string b = TimelineJson(chronicle::testing::SmallTimeline());
  EXPECT_EQ(a, b);
  EXPECT_EQ(a.rfind("{\n  \"chronicle\": {\n    \"version\": \"0.0.0-test\",", 0), 0u) << a.substr(0, 80);
  EXPECT_EQ(a.back(), '\n');
  EXPECT_EQ(a.find('\t'), std::string::npos);
  // Non-ASCII is written as UTF-8, not \u escapes.
  EXPECT_NE(a.find("Moscow’s"), std::string::npos);
  std::ostringstream out;
  chronicle::report::WriteTimelineJson(chronicle::testing::SmallTimeline(), out);
  EXPECT_EQ(out.str(), a);
}

// WriteTimelineJson writes in pieces of about a megabyte; the pieces must
// join into exactly the text TimelineJson builds in one string.
TEST(ReportJson, StreamedInPiecesIsTheSameText) {
  chronicle::merge::Timeline t = chronicle::testing::SmallTimeline();
  const auto first = t.events.front();
  for (int i = 0; i < 4000; ++i) {
    auto e = first;
    e.id = "e" + std::to_string(100 + i);
    e.summary = "Event number " + std::to_string(i) + " " + std::string(200, 'x');
    t.events.push_back(std::move(e));
  }
  const std::string whole = TimelineJson(t);
  ASSERT_GT(whole.size(), size_t{3} << 20);
  std::ostringstream out;
  chronicle::report::WriteTimelineJson(t, out);
  EXPECT_EQ(out.str().size(), whole.size());
  EXPECT_TRUE(out.str() == whole);
  EXPECT_EQ(json::parse(out.str())["events"].size(), t.events.size());
}

TEST(ReportJson, EmptyTimelineUsesBuildVersion) {
  const json j = json::parse(TimelineJson({}));
  EXPECT_EQ(j["chronicle"]["version"], CHRONICLE_VERSION);
  EXPECT_TRUE(j["documents"].is_array() && j["documents"].empty());
  EXPECT_TRUE(j["events"].is_array() && j["events"].empty());
  EXPECT_TRUE(j["conflicts"].is_array() && j["conflicts"].empty());
}

TEST(ReportJson, InvalidUtf8AndControlsStillGiveValidJson) {
  auto t = chronicle::testing::SmallTimeline();
  t.events[0].summary = "bad \xff\xfe bytes \x01 and a \"quote\"\n";
  t.documents[0].title = std::string("nul\0inside", 10);
  const std::string out = TimelineJson(t);
  EXPECT_FALSE(chronicle::text::ValidateUtf8(out).has_value());
  const json j = json::parse(out);
  EXPECT_EQ(j["events"][0]["summary"], "bad \xEF\xBF\xBD\xEF\xBF\xBD bytes \x01 and a \"quote\"\n");
  EXPECT_EQ(j["documents"][0]["title"].get<std::string>().size(), 10u);
}

TEST(ReportJson, NonFiniteScoreIsZero) {
  auto t = chronicle::testing::SmallTimeline();
  t.events[0].score = std::numeric_limits<double>::quiet_NaN();
  t.events[1].score = std::numeric_limits<double>::infinity();
  const json j = json::parse(TimelineJson(t));
  EXPECT_EQ(j["events"][0]["score"], 0.0);
  EXPECT_EQ(j["events"][1]["score"], 0.0);
}

TEST(ReportJson, BadTimexSpanIsNull) {
  auto t = chronicle::testing::SmallTimeline();
  auto& m = t.events[0].mentions[0];
  m.timex_end = m.sentence.size() + 5;
  auto& n = t.events[1].mentions[0];
  n.sentence = "Ende Juni durchsuchte die Polizei das Büro.";
  n.timex_begin = n.sentence.find("ü") + 1;  // inside a two-byte character
  n.timex_end = n.sentence.size();
  const json j = json::parse(TimelineJson(t));
  EXPECT_TRUE(j["events"][0]["mentions"][0]["timex_begin"].is_null());
  EXPECT_TRUE(j["events"][1]["mentions"][0]["timex_begin"].is_null());
  EXPECT_EQ(j["events"][0]["mentions"][0]["timex"], "on 25 December");
}

TEST(ReportJson, PublishedPrecisionNullWithoutDate) {
  auto t = chronicle::testing::SmallTimeline();
  t.documents[1].published = "";
  const json j = json::parse(TimelineJson(t));
  EXPECT_TRUE(j["documents"][1]["published"].is_null());
  EXPECT_TRUE(j["documents"][1]["published_precision"].is_null());
}

}  // namespace
