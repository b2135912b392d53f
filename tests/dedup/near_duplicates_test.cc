#include "dedup/near_duplicates.h"

#include <gtest/gtest.h>

#include <string>

namespace {

using chronicle::dedup::NearDuplicates;
using chronicle::dedup::Signature;
using chronicle::dedup::Similarity;

// A wire story of our own, and what outlets do to it.
const std::string kStory =
    "Officials in the port city said on Tuesday that two ferries collided in thick fog shortly after dawn, "
    "injuring eleven passengers. The coast guard sent three boats and a helicopter, and all the injured were "
    "taken to the regional hospital, where four remain in serious condition. The operator of the larger ferry "
    "said its captain had slowed down and sounded the horn several times before the collision. Investigators "
    "from the transport ministry arrived in the afternoon and sealed the bridge of both vessels. Ferry traffic "
    "across the strait was suspended until Wednesday morning, stranding hundreds of travellers and dozens of "
    "lorries at the terminal. A spokeswoman for the ministry declined to say whether the radar of either ship "
    "had been working, adding that the inquiry would take several weeks.";

TEST(NearDuplicates, AWireCopyWithOtherBoilerplateIsFound) {
  NearDuplicates index;
  index.Add(Signature(kStory), 7);
  const std::string repost = "HARBOUR NEWS | Home | World | Sport\n\n" + kStory +
                             "\n\nShare this article. Follow us for more stories from the coast.";
  const auto match = index.Find(Signature(repost));
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->doc, 7u);
  EXPECT_GE(match->similarity, 0.8);
  // Case and punctuation do not matter; the same text is similarity 1.
  std::string shouted = kStory;
  for (char& c : shouted) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(Similarity(Signature(kStory), Signature(shouted)), 1.0);
}

TEST(NearDuplicates, AnotherArticleOnTheSameStoryIsNotACopy) {
  NearDuplicates index;
  index.Add(Signature(kStory), 0);
  const std::string follow_up =
      "The transport ministry said on Thursday that its inquiry into the ferry collision in the strait would "
      "examine the radar logs of both ships. Eleven passengers were hurt when the vessels met in fog on "
      "Tuesday; four are still in hospital. The operator of the smaller ferry blamed the larger one for "
      "keeping its speed, while unions called for new rules on fog crossings. Services resumed on Wednesday.";
  EXPECT_FALSE(index.Find(Signature(follow_up)).has_value());
  EXPECT_LT(Similarity(Signature(kStory), Signature(follow_up)), 0.3);
}

TEST(NearDuplicates, TheBestEarlierCopyWins) {
  NearDuplicates index;
  const std::string edited = kStory.substr(0, kStory.size() - 60) + " The inquiry will report in spring.";
  index.Add(Signature(edited), 1);
  index.Add(Signature(kStory), 2);
  const auto match = index.Find(Signature(kStory + " "));
  ASSERT_TRUE(match.has_value());
  EXPECT_EQ(match->doc, 2u);
  EXPECT_EQ(match->similarity, 1.0);
  EXPECT_EQ(index.size(), 2u);
}

TEST(NearDuplicates, ShortAndEmptyTexts) {
  NearDuplicates index;
  index.Add(Signature("Ferries collided."), 0);
  EXPECT_TRUE(index.Find(Signature("ferries  COLLIDED")).has_value());
  EXPECT_FALSE(index.Find(Signature("Ferries sank.")).has_value());
  EXPECT_FALSE(index.Find(Signature("")).has_value());
}

TEST(NearDuplicates, ManyDistinctTextsStayDistinct) {
  // Grows its table well past the first size without false matches.
  NearDuplicates index;
  for (size_t i = 0; i < 3000; ++i) {
    const std::string text = "Report number " + std::to_string(i) + " says that " + std::to_string(i * 7919) +
                             " tonnes of grain left port " + std::to_string(i % 97) + " on day " +
                             std::to_string(i % 31) + " of the season.";
    const auto sig = Signature(text);
    ASSERT_FALSE(index.Find(sig).has_value()) << i;
    index.Add(sig, i);
  }
  EXPECT_EQ(index.size(), 3000u);
}

// Signatures are stored (documents.minhash) and compared with those of later
// runs, so their values must not change with the code path the CPU takes:
// these are the values of the scalar multiply-shift definition.
TEST(NearDuplicates, SignatureValuesAreStable) {
  const struct {
    const char* text;
    uint32_t v0, v1, v31, v63;
  } kCases[] = {
      {"", 3325623060u, 2102760030u, 709557589u, 2395304299u},
      {"Two words", 1081727686u, 3954321278u, 1686401826u, 2623308127u},
      {"The quick brown fox jumps over the lazy dog.", 622333280u, 10380990u, 44845371u, 395986854u},
  };
  for (const auto& c : kCases) {
    const auto sig = Signature(c.text);
    EXPECT_EQ(sig[0], c.v0) << c.text;
    EXPECT_EQ(sig[1], c.v1) << c.text;
    EXPECT_EQ(sig[31], c.v31) << c.text;
    EXPECT_EQ(sig[63], c.v63) << c.text;
  }
}

}  // namespace
