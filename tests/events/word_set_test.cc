// WordSet answers as the std::unordered_set<std::string_view> it replaces.
#include "events/word_set.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace {

using chronicle::events::WordSet;

TEST(WordSet, AnswersLikeAHashSet) {
  const std::vector<std::string_view> words = {
      "was", "were", "been", "%", "didn't", "closed-door", "a", "an", "the", "kilometres", "a-very-long-word-indeed",
      "was"};
  const WordSet set = {
      "was", "were", "been", "%", "didn't", "closed-door", "a", "an", "the", "kilometres", "a-very-long-word-indeed",
      "was"};
  const std::unordered_set<std::string_view> ref(words.begin(), words.end());
  const std::vector<std::string> probes = {"",
                                           "was",
                                           "wa",
                                           "wasn",
                                           "were",
                                           "wore",
                                           "e",
                                           "%",
                                           "%%",
                                           "a",
                                           "an",
                                           "ant",
                                           "the",
                                           "then",
                                           "tha",
                                           "A",
                                           "didn't",
                                           "didnt",
                                           "closed-door",
                                           "closed-doors",
                                           "kilometres",
                                           "kilometers",
                                           "a-very-long-word-indeed",
                                           "a-very-long-word-indeeD",
                                           "a-very-long-word"};
  for (const auto& p : probes) EXPECT_EQ(set.count(p), ref.count(p)) << p;
}

TEST(WordSet, EmptyWordOnlyWhenListed) {
  const WordSet none = {"x"};
  EXPECT_FALSE(none.contains(""));
  const WordSet with = {"", "x"};
  EXPECT_TRUE(with.contains(""));
  EXPECT_TRUE(with.contains("x"));
  EXPECT_FALSE(with.contains("y"));
}

}  // namespace
