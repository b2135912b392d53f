#include "dedup/near_duplicates.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

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

// The definition Signature computes, written the plain way: words hashed
// with FNV-1a after lower-casing, shingles mixed with splitmix64's finaliser,
// and each value the high half of a 64-bit multiply-shift. Signature splits
// words in one table-driven pass and takes the multiply-shift from 32-bit
// halves; on any text it must give exactly these values.
uint64_t RefMix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

chronicle::dedup::MinHash ReferenceSignature(std::string_view text) {
  auto is_word = [](unsigned char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
  };
  std::vector<uint64_t> words;
  for (size_t i = 0; i < text.size();) {
    if (!is_word(static_cast<unsigned char>(text[i]))) {
      ++i;
      continue;
    }
    uint64_t h = 14695981039346656037ull;
    for (; i < text.size() && is_word(static_cast<unsigned char>(text[i])); ++i) {
      auto c = static_cast<unsigned char>(text[i]);
      if (c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c - 'A' + 'a');
      h = (h ^ c) * 1099511628211ull;
    }
    words.push_back(h);
  }
  std::vector<uint64_t> shingles;
  if (words.size() < 4) {
    uint64_t h = 0;
    for (const uint64_t w : words) h = RefMix(h ^ w);
    shingles.push_back(RefMix(h));
  } else {
    for (size_t i = 0; i + 4 <= words.size(); ++i) {
      shingles.push_back(RefMix(RefMix(RefMix(RefMix(words[i] ^ 1) ^ words[i + 1]) ^ words[i + 2]) ^ words[i + 3]));
    }
  }
  chronicle::dedup::MinHash sig;
  sig.fill(std::numeric_limits<uint32_t>::max());
  for (size_t k = 0; k < sig.size(); ++k) {
    const uint64_t a = RefMix(2 * k + 1) | 1, b = RefMix(2 * k + 2);
    for (const uint64_t x : shingles) sig[k] = std::min(sig[k], static_cast<uint32_t>((a * x + b) >> 32));
  }
  return sig;
}

TEST(NearDuplicates, SignatureMatchesTheReferenceDefinition) {
  // Random texts over an alphabet of letters of both cases, digits, spaces,
  // punctuation, UTF-8 bytes and NUL, of lengths 0 to 400 (short texts are
  // the one-shingle case; words may end at the very end of the text).
  const std::string alphabet = std::string("aZz09 .,\n-'AM") + "\xc3\xbc\xe2\x80\x99" + std::string(1, '\0');
  std::mt19937 rng(12345);
  for (int n = 0; n < 500; ++n) {
    std::string text;
    const size_t len = rng() % 401;
    for (size_t i = 0; i < len; ++i) text += alphabet[rng() % alphabet.size()];
    EXPECT_EQ(Signature(text), ReferenceSignature(text)) << n;
  }
  EXPECT_EQ(Signature(kStory), ReferenceSignature(kStory));
}

}  // namespace
