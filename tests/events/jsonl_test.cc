// The JSON Lines form of a DocumentAnalysis (events/jsonl.h): every field
// survives the round trip on the example articles, texts that are not the
// body's bytes are kept, and malformed lines are refused with a reason.
#include "events/jsonl.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ingest/reader.h"
#include "merge/timeline.h"

namespace {

using chronicle::events::AnalysisFromJson;
using chronicle::events::AnalysisJsonLine;
using chronicle::events::DocumentAnalysis;

std::vector<DocumentAnalysis> ExampleAnalyses() {
  auto batch = chronicle::ingest::ReadInputs({std::string(CHRONICLE_SOURCE_DIR) + "/examples"}, {});
  std::vector<DocumentAnalysis> out;
  for (auto& doc : batch.documents) {
    out.push_back(chronicle::events::AnalyseDocument(std::move(doc), std::nullopt));
    out.back().id = "d" + std::to_string(out.size());
  }
  return out;
}

void ExpectSame(const DocumentAnalysis& a, const DocumentAnalysis& b) {
  EXPECT_EQ(a.id, b.id);
  EXPECT_EQ(a.doc.path, b.doc.path);
  EXPECT_EQ(a.doc.body, b.doc.body);
  EXPECT_EQ(a.doc.body_offset, b.doc.body_offset);
  EXPECT_EQ(a.doc.title, b.doc.title);
  EXPECT_EQ(a.doc.source, b.doc.source);
  EXPECT_EQ(a.doc.url, b.doc.url);
  EXPECT_EQ(a.doc.published, b.doc.published);
  EXPECT_EQ(a.doc.language, b.doc.language);
  EXPECT_EQ(a.dct.date, b.dct.date);
  EXPECT_EQ(a.dct.inferred, b.dct.inferred);
  EXPECT_EQ(a.dct.method, b.dct.method);
  ASSERT_EQ(a.sentences.size(), b.sentences.size());
  for (size_t i = 0; i < a.sentences.size(); ++i) {
    EXPECT_EQ(a.sentences[i].start, b.sentences[i].start);
    EXPECT_EQ(a.sentences[i].end, b.sentences[i].end);
    EXPECT_EQ(a.sentences[i].text, b.sentences[i].text);
    EXPECT_EQ(a.sentences[i].heading, b.sentences[i].heading);
  }
  ASSERT_EQ(a.timexes.size(), b.timexes.size());
  for (size_t i = 0; i < a.timexes.size(); ++i) {
    const auto &x = a.timexes[i], &y = b.timexes[i];
    EXPECT_EQ(std::tie(x.start, x.end, x.text, x.type, x.value, x.mod, x.anchor),
              std::tie(y.start, y.end, y.text, y.type, y.value, y.mod, y.anchor));
  }
  ASSERT_EQ(a.actors.size(), b.actors.size());
  for (size_t i = 0; i < a.actors.size(); ++i) {
    const auto &x = a.actors[i], &y = b.actors[i];
    EXPECT_EQ(std::tie(x.start, x.end, x.text, x.actor, x.form), std::tie(y.start, y.end, y.text, y.actor, y.form));
  }
  ASSERT_EQ(a.mentions.size(), b.mentions.size());
  for (size_t i = 0; i < a.mentions.size(); ++i) {
    const auto &x = a.mentions[i], &y = b.mentions[i];
    EXPECT_EQ(std::tie(x.sentence, x.trigger, x.trigger_start, x.trigger_end, x.cls, x.clause_start, x.clause_end,
                       x.timex, x.own_date, x.date, x.day_lo, x.day_hi, x.attributed_to, x.hedge, x.negated,
                       x.in_timeline, x.excluded),
              std::tie(y.sentence, y.trigger, y.trigger_start, y.trigger_end, y.cls, y.clause_start, y.clause_end,
                       y.timex, y.own_date, y.date, y.day_lo, y.day_hi, y.attributed_to, y.hedge, y.negated,
                       y.in_timeline, y.excluded));
    ASSERT_EQ(x.actors.size(), y.actors.size());
    for (size_t k = 0; k < x.actors.size(); ++k) {
      EXPECT_EQ(std::tie(x.actors[k].actor, x.actors[k].role, x.actors[k].text),
                std::tie(y.actors[k].actor, y.actors[k].role, y.actors[k].text));
    }
    ASSERT_EQ(x.numbers.size(), y.numbers.size());
    for (size_t k = 0; k < x.numbers.size(); ++k) {
      EXPECT_EQ(std::tie(x.numbers[k].value, x.numbers[k].what, x.numbers[k].text, x.numbers[k].noun),
                std::tie(y.numbers[k].value, y.numbers[k].what, y.numbers[k].text, y.numbers[k].noun));
    }
    ASSERT_EQ(x.cues.size(), y.cues.size());
    for (size_t k = 0; k < x.cues.size(); ++k) {
      EXPECT_EQ(std::tie(x.cues[k].kind, x.cues[k].value, x.cues[k].text),
                std::tie(y.cues[k].kind, y.cues[k].value, y.cues[k].text));
    }
  }
}

TEST(ExtractJsonl, EveryFieldOfTheExamplesSurvivesTheRoundTrip) {
  const auto analyses = ExampleAnalyses();
  ASSERT_GE(analyses.size(), 7u);
  size_t mentions = 0, numbers = 0, cues = 0, role_actors = 0;
  std::vector<DocumentAnalysis> back;
  for (const auto& a : analyses) {
    const std::string line = AnalysisJsonLine(a);
    ASSERT_EQ(line.back(), '\n');
    EXPECT_EQ(line.find('\n'), line.size() - 1) << "one line per document";
    EXPECT_EQ(line.find('\t'), std::string::npos) << "no raw tab (Hadoop's key separator)";
    DocumentAnalysis b;
    std::string error;
    ASSERT_TRUE(AnalysisFromJson(line, &b, &error)) << a.doc.path << ": " << error;
    ExpectSame(a, b);
    EXPECT_EQ(AnalysisJsonLine(b), line);
    mentions += a.mentions.size();
    for (const auto& m : a.mentions) {
      numbers += m.numbers.size();
      cues += m.cues.size();
      role_actors += m.actors.size();
    }
    back.push_back(std::move(b));
  }
  // The examples exercise every part of the format.
  EXPECT_GT(mentions, 50u);
  EXPECT_GT(numbers, 0u);
  EXPECT_GT(cues, 0u);
  EXPECT_GT(role_actors, 0u);
  // And what the merge makes of them is the same.
  const auto t1 = chronicle::merge::BuildTimeline(analyses);
  const auto t2 = chronicle::merge::BuildTimeline(back);
  EXPECT_EQ(t1.events.size(), t2.events.size());
  EXPECT_EQ(t1.conflicts.size(), t2.conflicts.size());
}

TEST(ExtractJsonl, TextsThatAreNotTheBodysBytesAreWrittenOut) {
  DocumentAnalysis a;
  a.id = "d3";
  a.doc.path = "x.txt";
  a.doc.body = "Tanks \"rolled\" in.\tTab é.";
  a.doc.title = "T";
  a.sentences.push_back({0, 18, "Tanks \"rolled\" in.", false});
  a.sentences.push_back({19, 26, "something else", true});  // not body[19, 26)
  chronicle::events::EventMention m;
  m.sentence = 1;
  m.trigger = "rolled over";  // not the body's bytes at its offsets
  m.trigger_start = 7;
  m.trigger_end = 13;
  m.timex = -1;
  a.mentions.push_back(m);
  const std::string line = AnalysisJsonLine(a);
  EXPECT_NE(line.find("\"something else\""), std::string::npos);
  EXPECT_NE(line.find("\"rolled over\""), std::string::npos);
  EXPECT_EQ(line.find("\"text\":\"Tanks"), std::string::npos) << "a sentence equal to its span is not repeated";
  DocumentAnalysis b;
  std::string error;
  ASSERT_TRUE(AnalysisFromJson(line, &b, &error)) << error;
  ExpectSame(a, b);
  EXPECT_FALSE(b.doc.source.has_value());
}

TEST(ExtractJsonl, MalformedLinesAreRefusedWithAReason) {
  auto analyses = ExampleAnalyses();
  const std::string good = AnalysisJsonLine(analyses[0]);
  DocumentAnalysis out;
  std::string error;
  EXPECT_FALSE(AnalysisFromJson("", &out, &error));
  EXPECT_FALSE(AnalysisFromJson("{\"chronicle_extract\":1", &out, &error));
  EXPECT_NE(error.find("not JSON"), std::string::npos) << error;
  EXPECT_FALSE(AnalysisFromJson("[1,2]", &out, &error));

  auto mutate = [&](auto&& edit) {
    auto j = nlohmann::json::parse(good);
    edit(j);
    return j.dump();
  };
  EXPECT_FALSE(AnalysisFromJson(mutate([](auto& j) { j["chronicle_extract"] = 2; }), &out, &error));
  EXPECT_NE(error.find("version"), std::string::npos) << error;
  EXPECT_FALSE(AnalysisFromJson(mutate([](auto& j) { j["doc"].erase("body"); }), &out, &error));
  EXPECT_NE(error.find("body"), std::string::npos) << error;
  EXPECT_FALSE(AnalysisFromJson(mutate([](auto& j) { j["doc"]["body_offset"] = "7"; }), &out, &error));
  EXPECT_FALSE(AnalysisFromJson(mutate([](auto& j) { j["sentences"][0]["end"] = 1 << 30; }), &out, &error));
  EXPECT_FALSE(AnalysisFromJson(mutate([](auto& j) { j["mentions"][0]["sentence"] = 100000; }), &out, &error));
  EXPECT_FALSE(AnalysisFromJson(mutate([](auto& j) { j["mentions"][0]["timex"] = 100000; }), &out, &error));
  EXPECT_FALSE(AnalysisFromJson(mutate([](auto& j) { j["mentions"][0]["class"] = "party"; }), &out, &error));
  EXPECT_FALSE(AnalysisFromJson(mutate([](auto& j) { j["dct"]["date"] = "yesterday"; }), &out, &error));
  EXPECT_FALSE(AnalysisFromJson(mutate([](auto& j) { j["actors"][0]["type"] = 3; }), &out, &error));
  // Unknown members are ignored; a trailing CRLF is fine.
  EXPECT_TRUE(AnalysisFromJson(mutate([](auto& j) { j["shard"] = "part-00007"; }) + "\r\n", &out, &error)) << error;
}

}  // namespace
