// The spill of a large timeline (merge/spill.h): bytes read back are the
// bytes written, in memory and in a file; the file leaves nothing on disk;
// a timeline built with its mentions and claims spilled reads back the same
// ones as a timeline built in memory, and gives the same reports and store.
#include "merge/spill.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <random>
#include <sstream>

#include "merge/timeline.h"
#include "report/report.h"
#include "store/store.h"

namespace {

using chronicle::merge::EventMentionRef;
using chronicle::merge::Spill;
using chronicle::merge::SpillReader;
using chronicle::merge::SpillRef;

std::filesystem::path FreshDir() {
  const auto dir =
      std::filesystem::temp_directory_path() /
      ("spill_" + std::to_string(::getpid()) + "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

size_t Entries(const std::filesystem::path& dir) {
  size_t n = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}

// Many records of different lengths (some larger than the write buffer),
// each read back by its own reference, in an order unlike the writing one.
void CheckRoundTrip(Spill& spill) {
  std::mt19937 rng(7);
  std::vector<std::string> texts;
  std::vector<SpillRef> refs;
  for (int i = 0; i < 3000; ++i) {
    const size_t len = i % 997 == 0 ? (size_t{1} << 20) + 17 : rng() % 300;
    std::string s(len, ' ');
    for (auto& c : s) c = static_cast<char>('a' + rng() % 26);
    s += "#" + std::to_string(i);  // every text differs
    refs.push_back(spill.Append(s));
    texts.push_back(std::move(s));
  }
  std::string got;
  for (size_t k = 0; k < texts.size(); ++k) {
    const size_t i = (k * 7919) % texts.size();
    spill.Read(refs[i], &got);
    ASSERT_EQ(got, texts[i]) << "reference " << i << " read the wrong text";
  }
  spill.Flush();
  for (size_t i = 0; i < texts.size(); ++i) {
    spill.Read(refs[i], &got);
    ASSERT_EQ(got, texts[i]) << "reference " << i << " after Flush";
  }
  EXPECT_THROW(spill.Read({spill.size(), 1}, &got), chronicle::merge::SpillError);
}

TEST(Spill, InMemoryReadsBackWhatWasWritten) {
  auto spill = Spill::InMemory();
  EXPECT_FALSE(spill->in_file());
  CheckRoundTrip(*spill);
}

TEST(Spill, InAFileReadsBackWhatWasWrittenAndLeavesNoFile) {
  // Every read from the file (nothing resident), reads on both sides of the
  // end of the resident prefix (which ends inside a record), and the default
  // (all of it resident).
  for (const size_t resident : {size_t{0}, (size_t{3} << 19) + 5, Spill::kResident}) {
    const auto dir = FreshDir();
    std::string error;
    auto spill = Spill::InDirectory(dir.string(), &error, resident);
    ASSERT_NE(spill, nullptr) << error;
    EXPECT_TRUE(spill->in_file());
    CheckRoundTrip(*spill);
    EXPECT_GT(spill->size(), size_t{3} << 20);
    // The file has no name, while it is used and after.
    EXPECT_EQ(Entries(dir), 0u);
    spill.reset();
    EXPECT_EQ(Entries(dir), 0u);
    std::filesystem::remove_all(dir);
  }
}

TEST(Spill, NoDirectoryIsAnError) {
  std::string error;
  EXPECT_EQ(Spill::InDirectory("/nonexistent/spill/dir", &error), nullptr);
  EXPECT_NE(error.find("/nonexistent/spill/dir"), std::string::npos);
}

TEST(Spill, MentionsAndClaimsEncodeAndDecodeEveryField) {
  std::vector<EventMentionRef> in(3);
  in[0] = {"d1",      "On 4 March, X happened.",
           "4 March", "2024-03-04",
           true,      3,
           10,        "happened",
           "other",   "asserted",
           "Reuters", 0,
           2};
  in[1].doc = "d22";
  in[1].sentence = std::string("nul\0byte \xC3\xA9", 11);
  in[1].sentence_index = -1;
  in[1].mention_index = -1;
  in[2].doc = "d333";
  in[2].sentence = std::string(70000, 'x');
  in[2].timex_begin = 69999;
  in[2].timex_end = 70000;
  in[2].sentence_index = int64_t{1} << 40;
  std::string bytes;
  for (const auto& m : in) chronicle::merge::EncodeMention(m, &bytes);
  std::vector<EventMentionRef> out;
  chronicle::merge::DecodeMentions(bytes, in.size(), &out);
  ASSERT_EQ(out.size(), in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    EXPECT_EQ(out[i].doc, in[i].doc);
    EXPECT_EQ(out[i].sentence, in[i].sentence);
    EXPECT_EQ(out[i].timex, in[i].timex);
    EXPECT_EQ(out[i].timex_value, in[i].timex_value);
    EXPECT_EQ(out[i].timex_in_sentence, in[i].timex_in_sentence);
    EXPECT_EQ(out[i].timex_begin, in[i].timex_begin);
    EXPECT_EQ(out[i].timex_end, in[i].timex_end);
    EXPECT_EQ(out[i].trigger, in[i].trigger);
    EXPECT_EQ(out[i].cls, in[i].cls);
    EXPECT_EQ(out[i].hedge, in[i].hedge);
    EXPECT_EQ(out[i].attributed_to, in[i].attributed_to);
    EXPECT_EQ(out[i].sentence_index, in[i].sentence_index);
    EXPECT_EQ(out[i].mention_index, in[i].mention_index);
  }
  // Claims the same way.
  const std::vector<chronicle::merge::Claim> claims = {{"d1", "12", "Twelve were held."}, {"d2", "", ""}};
  std::string claim_bytes;
  for (const auto& c : claims) chronicle::merge::EncodeClaim(c, &claim_bytes);
  std::vector<chronicle::merge::Claim> claims_back;
  chronicle::merge::DecodeClaims(claim_bytes, claims.size(), &claims_back);
  ASSERT_EQ(claims_back.size(), claims.size());
  for (size_t i = 0; i < claims.size(); ++i) {
    EXPECT_EQ(claims_back[i].doc, claims[i].doc);
    EXPECT_EQ(claims_back[i].value, claims[i].value);
    EXPECT_EQ(claims_back[i].quote, claims[i].quote);
  }
  claims_back.clear();
  EXPECT_THROW(chronicle::merge::DecodeClaims(claim_bytes, 3, &claims_back), chronicle::merge::SpillError);
  // Bytes that are not the records asked for are an error, not garbage.
  out.clear();
  EXPECT_THROW(chronicle::merge::DecodeMentions(bytes, in.size() + 1, &out), chronicle::merge::SpillError);
  out.clear();
  EXPECT_THROW(chronicle::merge::DecodeMentions(bytes, in.size() - 1, &out), chronicle::merge::SpillError);
  out.clear();
  EXPECT_THROW(chronicle::merge::DecodeMentions(std::string_view(bytes).substr(0, bytes.size() - 1), in.size(), &out),
               chronicle::merge::SpillError);
}

// Articles whose sentences all differ, about a few happenings, so that each
// event has mentions of several documents and sentences.
std::vector<chronicle::events::DocumentAnalysis> Corpus() {
  const char* kDays[] = {"4 March 2024", "9 March 2024", "17 March 2024"};
  const char* kVerbs[] = {"detained", "arrested", "seized"};
  std::vector<chronicle::events::DocumentAnalysis> docs;
  for (int i = 0; i < 12; ++i) {
    chronicle::ingest::Document doc;
    doc.path = "doc" + std::to_string(i) + ".txt";
    for (int k = 0; k < 3; ++k) {
      doc.body += std::string("On ") + kDays[(i + k) % 3] + ", Georgian police " + kVerbs[k] + " " +
                  std::to_string(i * 10 + k + 2) + " Armenian sailors near Batumi, officials said in report " +
                  std::to_string(i) + ".\n";
    }
    docs.push_back(chronicle::events::AnalyseDocument(std::move(doc), chronicle::time::ParseIsoDate("2024-03-20")));
    docs.back().id = "d" + std::to_string(i + 1);
  }
  return docs;
}

// The timeline of `docs` built with a spill in `dir`.
chronicle::merge::Timeline BuildSpilled(const std::vector<chronicle::events::DocumentAnalysis>& docs,
                                        const std::filesystem::path& dir) {
  chronicle::merge::TimelineBuilder builder;
  std::string error;
  EXPECT_TRUE(builder.SpillTo(dir.string(), &error)) << error;
  for (const auto& d : docs) builder.Add(d);
  return builder.Finish();
}

TEST(Spill, ATimelineWithSpilledMentionsReadsBackTheMentionsAndClaimsOfEachEvent) {
  const auto docs = Corpus();
  const auto in_memory = chronicle::merge::BuildTimeline(docs);
  const auto dir = FreshDir();
  const auto spilled = BuildSpilled(docs, dir);
  EXPECT_EQ(Entries(dir), 0u);
  ASSERT_NE(spilled.spill, nullptr);
  EXPECT_EQ(in_memory.spill, nullptr);
  ASSERT_EQ(spilled.events.size(), in_memory.events.size());
  ASSERT_GT(in_memory.events.size(), 1u);
  size_t mentions = 0;
  // Two readers at once (the store and the reports read the same timeline).
  SpillReader reader(spilled), other(spilled);
  for (size_t i = 0; i < spilled.events.size(); ++i) {
    const auto& want = in_memory.events[i].mentions;
    EXPECT_TRUE(spilled.events[i].mentions.empty());
    EXPECT_EQ(chronicle::merge::MentionCount(spilled.events[i]), want.size());
    const auto& got = reader.Mentions(spilled.events[i]);
    const auto& again = other.Mentions(spilled.events[spilled.events.size() - 1 - i]);
    EXPECT_EQ(again.size(), in_memory.events[spilled.events.size() - 1 - i].mentions.size());
    ASSERT_EQ(got.size(), want.size()) << "event " << i;
    for (size_t k = 0; k < want.size(); ++k) {
      EXPECT_EQ(got[k].doc, want[k].doc);
      EXPECT_EQ(got[k].sentence, want[k].sentence) << "event " << i << " mention " << k;
      EXPECT_EQ(got[k].timex, want[k].timex);
      EXPECT_EQ(got[k].timex_begin, want[k].timex_begin);
      EXPECT_EQ(got[k].sentence_index, want[k].sentence_index);
      EXPECT_EQ(got[k].mention_index, want[k].mention_index);
      // The sentence is the one of that document and index.
      const auto& d = docs[static_cast<size_t>(std::stoi(got[k].doc.substr(1)) - 1)];
      EXPECT_EQ(got[k].sentence, d.sentences[static_cast<size_t>(got[k].sentence_index)].text);
    }
    mentions += got.size();
    EXPECT_EQ(spilled.events[i].summary, in_memory.events[i].summary);
  }
  EXPECT_GT(mentions, 20u);
  // The claims are spilled too, and quote the same sentences.
  ASSERT_EQ(spilled.conflicts.size(), in_memory.conflicts.size());
  for (size_t i = 0; i < spilled.conflicts.size(); ++i) {
    EXPECT_TRUE(spilled.conflicts[i].claims.empty());
    const auto& want = in_memory.conflicts[i].claims;
    const auto& got = reader.Claims(spilled.conflicts[i]);
    ASSERT_EQ(got.size(), want.size());
    ASSERT_GE(got.size(), 2u);
    for (size_t k = 0; k < want.size(); ++k) {
      EXPECT_EQ(got[k].doc, want[k].doc);
      EXPECT_EQ(got[k].value, want[k].value);
      EXPECT_EQ(got[k].quote, want[k].quote) << "conflict " << i << " claim " << k;
    }
  }
  EXPECT_FALSE(in_memory.conflicts.empty());
  // The reports of both are the same bytes.
  const auto top = chronicle::merge::TopEvents(in_memory, 3);
  EXPECT_EQ(chronicle::report::TimelineJson(spilled), chronicle::report::TimelineJson(in_memory));
  std::ostringstream md_spilled, md_memory, html_spilled, html_memory;
  chronicle::report::WriteTimelineMarkdown(spilled, top, md_spilled);
  chronicle::report::WriteTimelineMarkdown(in_memory, top, md_memory);
  EXPECT_EQ(md_spilled.str(), md_memory.str());
  chronicle::report::WriteTimelineHtml(spilled, top, html_spilled);
  chronicle::report::WriteTimelineHtml(in_memory, top, html_memory);
  EXPECT_EQ(html_spilled.str(), html_memory.str());
  // An in-memory timeline reads its own mentions.
  SpillReader plain(in_memory);
  EXPECT_EQ(&plain.Mentions(in_memory.events[0]), &in_memory.events[0].mentions);
  EXPECT_EQ(&plain.Claims(in_memory.conflicts[0]), &in_memory.conflicts[0].claims);
  std::filesystem::remove_all(dir);
}

// A spill that cannot be read back fails the reports, and leaves no file.
TEST(Spill, AnUnreadableSpillFailsTheReportsAndLeavesNoFile) {
  const auto dir = FreshDir();
  chronicle::merge::Timeline t;
  t.events.resize(1);
  t.events[0].id = "e1";
  t.events[0].spilled = {1000, 10, 1};  // past the end of an empty spill
  t.spill = Spill::InMemory();
  std::string error;
  EXPECT_FALSE(chronicle::report::WriteTimelineFiles(t, {}, dir.string(), &error));
  EXPECT_NE(error.find("spill"), std::string::npos) << error;
  EXPECT_EQ(Entries(dir), 0u);
  std::filesystem::remove_all(dir);
}

TEST(Spill, TheStoreWritesTheMentionsAndClaimsOfASpilledTimeline) {
  const auto docs = Corpus();
  const auto in_memory = chronicle::merge::BuildTimeline(docs);
  const auto dir = FreshDir();
  const auto spilled = BuildSpilled(docs, dir);
  ASSERT_NE(spilled.spill, nullptr);
  std::string error;
  chronicle::merge::Timeline back[2];
  int k = 0;
  for (const auto* t : {&in_memory, &spilled}) {
    auto store = chronicle::store::Store::Open(":memory:", &error);
    ASSERT_NE(store, nullptr) << error;
    ASSERT_TRUE(store->WriteTimeline(*t, &error)) << error;
    ASSERT_TRUE(store->ReadTimeline(&back[k++], &error)) << error;
  }
  EXPECT_EQ(chronicle::report::TimelineJson(back[1]), chronicle::report::TimelineJson(back[0]));
  EXPECT_EQ(chronicle::report::TimelineJson(back[1]), chronicle::report::TimelineJson(in_memory));
  std::filesystem::remove_all(dir);
}

}  // namespace
