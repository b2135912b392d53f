// End to end on the five seed articles (../shared/seeds): the central events
// of the story are found, dated, merged across sources, and their
// disagreements reported.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "events/analysis.h"
#include "ingest/reader.h"
#include "merge/timeline.h"

namespace {

using chronicle::merge::Event;
using chronicle::merge::Timeline;

bool SeedsPresent() { return std::filesystem::is_directory(std::string(CHRONICLE_SHARED_DIR) + "/seeds"); }

const Timeline& SeedTimeline() {
  static const Timeline* timeline = [] {
    const std::string dir = std::string(CHRONICLE_SHARED_DIR) + "/seeds";
    auto batch = chronicle::ingest::ReadInputs({dir}, {});
    std::vector<chronicle::events::DocumentAnalysis> docs;
    for (size_t i = 0; i < batch.documents.size(); ++i) {
      docs.push_back(chronicle::events::AnalyseDocument(std::move(batch.documents[i]), std::nullopt));
      docs.back().id = "d" + std::to_string(i + 1);
    }
    return new Timeline(chronicle::merge::BuildTimeline(docs));
  }();
  return *timeline;
}

// The event on `date` whose mentions contain `word`, with the most sources.
const Event* Find(const std::string& date, const std::string& word) {
  const Event* best = nullptr;
  for (const auto& e : SeedTimeline().events) {
    if (e.date != date) continue;
    bool has = false;
    for (const auto& m : e.mentions) has = has || m.sentence.find(word) != std::string::npos;
    if (has && (best == nullptr || e.sources.size() > best->sources.size())) best = &e;
  }
  return best;
}

std::set<std::string> ConflictKinds(const Event& e) {
  std::set<std::string> kinds;
  for (const auto& c : SeedTimeline().conflicts) {
    if (c.event == e.id) kinds.insert(c.kind);
  }
  return kinds;
}

std::set<std::string> ClaimValues(const Event& e, const std::string& kind) {
  std::set<std::string> values;
  for (const auto& c : SeedTimeline().conflicts) {
    if (c.event != e.id || c.kind != kind) continue;
    for (const auto& cl : c.claims) values.insert(cl.value);
  }
  return values;
}

TEST(SeedTimeline, AzalDowningIsOneEventWithAllFiveSourcesAndAnAgentConflict) {
  if (!SeedsPresent()) GTEST_SKIP() << "no seed articles in " << CHRONICLE_SHARED_DIR << "/seeds";
  const Event* e = Find("2024-12-25", "Azerbaijan");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->cls, "attack");
  EXPECT_EQ(e->sources.size(), 5u);
  EXPECT_TRUE(e->disputed);
  ASSERT_TRUE(ConflictKinds(*e).count("agent"));
  const auto agents = ClaimValues(*e, "agent");
  EXPECT_TRUE(agents.count("Ukraine"));
  EXPECT_TRUE(agents.count("Russia") || agents.count("Russian air defence"));
  // No other event on that day tells the same downing.
  for (const auto& other : SeedTimeline().events) {
    if (&other != e && other.date == "2024-12-25") {
      EXPECT_NE(other.cls, "attack") << other.summary;
    }
  }
}

TEST(SeedTimeline, YekaterinburgRaidHasAConflictOnWhoConductedIt) {
  if (!SeedsPresent()) GTEST_SKIP() << "no seed articles in " << CHRONICLE_SHARED_DIR << "/seeds";
  const Event* e = Find("2025-06-27", "Yekaterinburg");
  ASSERT_NE(e, nullptr);
  EXPECT_GE(e->sources.size(), 3u);
  ASSERT_TRUE(ConflictKinds(*e).count("agent"));
  const auto agents = ClaimValues(*e, "agent");
  EXPECT_TRUE(agents.count("FSB"));
  EXPECT_GE(agents.size(), 2u);
  EXPECT_TRUE(ConflictKinds(*e).count("framing"));
}

TEST(SeedTimeline, SputnikArrestsHaveAConflictOnHowManyAndWho) {
  if (!SeedsPresent()) GTEST_SKIP() << "no seed articles in " << CHRONICLE_SHARED_DIR << "/seeds";
  const Event* e = Find("2025-06-30", "Sputnik");
  ASSERT_NE(e, nullptr);
  EXPECT_GE(e->sources.size(), 3u);
  ASSERT_TRUE(ConflictKinds(*e).count("number"));
  const auto numbers = ClaimValues(*e, "number");
  EXPECT_TRUE(numbers.count("2"));
  EXPECT_TRUE(numbers.count("7"));
  EXPECT_TRUE(ConflictKinds(*e).count("attribute"));
}

TEST(SeedTimeline, AbuDhabiMeetingOnTenJuly) {
  if (!SeedsPresent()) GTEST_SKIP() << "no seed articles in " << CHRONICLE_SHARED_DIR << "/seeds";
  const Event* e = Find("2025-07-10", "Abu Dhabi");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->cls, "meeting");
  EXPECT_GE(e->sources.size(), 2u);
}

TEST(SeedTimeline, EmbassyStrikeInKyiv) {
  if (!SeedsPresent()) GTEST_SKIP() << "no seed articles in " << CHRONICLE_SHARED_DIR << "/seeds";
  const Event* e = Find("2025-11-14", "embassy");
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->cls, "attack");
}

TEST(SeedTimeline, TheTwoPhoneCallsStayDistinct) {
  if (!SeedsPresent()) GTEST_SKIP() << "no seed articles in " << CHRONICLE_SHARED_DIR << "/seeds";
  const Event* pezeshkian = Find("2025-06-27", "Pezeshkian");
  const Event* zelensky = Find("2025-07-01", "Zelensky");
  ASSERT_NE(pezeshkian, nullptr);
  ASSERT_NE(zelensky, nullptr);
  EXPECT_NE(pezeshkian, zelensky);
  const Event* raid = Find("2025-06-27", "Yekaterinburg");
  EXPECT_NE(pezeshkian, raid);
}

TEST(SeedTimeline, EveryMentionSentenceIsInItsDocumentAndEventsAreSorted) {
  if (!SeedsPresent()) GTEST_SKIP() << "no seed articles in " << CHRONICLE_SHARED_DIR << "/seeds";
  const auto& tl = SeedTimeline();
  ASSERT_EQ(tl.documents.size(), 5u);
  for (size_t i = 1; i < tl.events.size(); ++i) {
    EXPECT_LE(tl.events[i - 1].date.substr(0, 4), tl.events[i].date.substr(0, 4));
  }
  for (const auto& e : tl.events) {
    EXPECT_FALSE(e.summary.empty());
    EXPECT_FALSE(e.mentions.empty());
    for (const auto& m : e.mentions) {
      if (m.timex_in_sentence) {
        EXPECT_EQ(m.sentence.substr(m.timex_begin, m.timex_end - m.timex_begin), m.timex);
      }
    }
  }
}

}  // namespace
