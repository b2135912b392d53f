// Event mentions from sentences written for these tests: triggers and
// classes, roles by voice, quantities, hedges, modality, clause cutting and
// dates inherited within a paragraph.
#include "events/analysis.h"

#include <gtest/gtest.h>

#include "events/lexicon.h"
#include "time/calendar.h"

namespace {

using chronicle::events::AnalyseDocument;
using chronicle::events::DocumentAnalysis;
using chronicle::events::EventMention;
using chronicle::events::Hedge;
using chronicle::events::ToString;

DocumentAnalysis Analyse(const std::string& body, const std::string& dct = "2025-07-20") {
  chronicle::ingest::Document doc;
  doc.path = "test.txt";
  doc.body = body;
  return AnalyseDocument(std::move(doc), chronicle::time::ParseIsoDate(dct));
}

// The mention whose trigger is `trigger`.
const EventMention* ByTrigger(const DocumentAnalysis& a, const std::string& trigger) {
  for (const auto& m : a.mentions) {
    if (m.trigger == trigger) return &m;
  }
  return nullptr;
}

std::string RoleOf(const EventMention& m, const std::string& actor) {
  for (const auto& ra : m.actors) {
    if (ra.actor.name == actor) return ra.role;
  }
  return "";
}

TEST(EventMentions, PassiveVoiceTakesTheAgentFromBy) {
  auto a = Analyse("On 3 March 2024, a Greek cargo ship was struck by Iranian drones in the strait.");
  const auto* m = ByTrigger(a, "struck");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(ToString(m->cls), "attack");
  EXPECT_EQ(m->date.Iso(), "2024-03-03");
  EXPECT_TRUE(m->own_date);
  EXPECT_TRUE(m->in_timeline);
  EXPECT_EQ(RoleOf(*m, "Iran"), "agent");
  EXPECT_EQ(RoleOf(*m, "Greece"), "target");
}

TEST(EventMentions, ActiveVoiceAgentBeforeTargetsAfterPlacesSkipped) {
  auto a = Analyse("On 5 May 2023, Georgian authorities detained four French activists in Tbilisi.");
  const auto* m = ByTrigger(a, "detained");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(ToString(m->cls), "arrest");
  EXPECT_EQ(RoleOf(*m, "France"), "target");
  EXPECT_EQ(RoleOf(*m, "Georgia"), "agent");
  ASSERT_EQ(m->numbers.size(), 1u);
  EXPECT_EQ(m->numbers[0].value, 4);
  EXPECT_EQ(m->numbers[0].what, "detained");
  EXPECT_EQ(m->numbers[0].noun, "activist");
}

TEST(EventMentions, AnUndatedSentenceJoinsTheDateOfTheParagraph) {
  auto a = Analyse(
      "On 12 April 2024, a bus exploded outside the station. The blast killed 11 commuters.\n"
      "Analysts think the city will recover.");
  const auto* killed = ByTrigger(a, "killed");
  ASSERT_NE(killed, nullptr);
  EXPECT_FALSE(killed->own_date);
  EXPECT_EQ(killed->date.Iso(), "2024-04-12");
  EXPECT_TRUE(killed->in_timeline);
  ASSERT_EQ(killed->numbers.size(), 1u);
  EXPECT_EQ(killed->numbers[0].value, 11);
  EXPECT_EQ(killed->numbers[0].what, "killed");
}

TEST(EventMentions, DatesDoNotCrossParagraphs) {
  auto a = Analyse("On 12 April 2024, a bus exploded outside the station.\nThe mayor resigned over the blast.");
  const auto* m = ByTrigger(a, "resigned");
  // "resigned" is no trigger; the second line has no event of its own date.
  EXPECT_EQ(m, nullptr);
  for (const auto& mention : a.mentions) {
    if (mention.sentence == 1) {
      EXPECT_FALSE(mention.in_timeline);
    }
  }
}

TEST(EventMentions, UndatedStepsBetweenTwoDatesTakeTheRangeBetweenThem) {
  auto a = Analyse(
      "On 2 May 2024, police raided a newspaper in the capital.\n"
      "Officers detained three editors in the north. On 6 May 2024, a court freed them.\n"
      "Officers detained two printers in the south.");
  const auto* between = ByTrigger(a, "detained");
  ASSERT_NE(between, nullptr);
  EXPECT_FALSE(between->own_date);
  EXPECT_TRUE(between->in_timeline);
  EXPECT_EQ(between->date.Iso(), "2024-05");
  EXPECT_EQ(between->day_lo, chronicle::time::cal::DaysFromCivil(2024, 5, 2));
  EXPECT_EQ(between->day_hi, chronicle::time::cal::DaysFromCivil(2024, 5, 6));
  // The last line reaches no later date: it stays undated.
  const EventMention* after = nullptr;
  for (const auto& m : a.mentions) {
    if (m.trigger == "detained" && &m != between) after = &m;
  }
  ASSERT_NE(after, nullptr);
  EXPECT_FALSE(after->in_timeline);
  EXPECT_EQ(after->excluded, "no date");
}

TEST(EventMentions, NoRangeWhenTheStoryGoesBackInTime) {
  auto a = Analyse(
      "On 20 May 2024, police raided a newspaper in the capital.\n"
      "Officers detained three editors in the north. On 6 May 2024, a court had warned them.");
  const auto* m = ByTrigger(a, "detained");
  ASSERT_NE(m, nullptr);
  EXPECT_FALSE(m->in_timeline);
  EXPECT_EQ(m->excluded, "no date");
}

TEST(EventMentions, AYearThatNamesANounIsNotTheStorysTime) {
  auto a = Analyse("The ceasefire of 1994 had frozen the front. Rebel troops attacked the border post.\n");
  const auto* ceasefire = ByTrigger(a, "ceasefire");
  ASSERT_NE(ceasefire, nullptr);
  EXPECT_EQ(ceasefire->date.Iso(), "1994");
  const auto* attack = ByTrigger(a, "attacked");
  ASSERT_NE(attack, nullptr);
  EXPECT_EQ(attack->date.year, 0) << "the attack is not dated by the ceasefire's year";
  EXPECT_FALSE(attack->in_timeline);
}

TEST(EventMentions, TheNounAYearNamesIsTheClausesHappening) {
  auto a = Analyse("The Lima Accord of 2017 is becoming the basis of the fishing talks.\n");
  ASSERT_EQ(a.mentions.size(), 1u);
  EXPECT_EQ(a.mentions[0].trigger, "Accord");
  EXPECT_EQ(a.mentions[0].date.Iso(), "2017");
  EXPECT_EQ(a.mentions[0].excluded, "present state");
}

// A victory is an attack only when it is said to be an armed one; an
// election's victory of the same year is a happening of no class.
TEST(EventMentions, OnlyAnArmedVictoryIsAnAttack) {
  auto a = Analyse("The 2019 military victory in the Atacama strip changed the border. "
                   "The 2019 election victory of the ruling party changed the cabinet.\n");
  std::vector<std::string> classes;
  for (const auto& m : a.mentions) {
    if (m.trigger.find("victory") == std::string::npos) continue;
    classes.push_back(std::string(ToString(m.cls)) + " " + m.date.Iso());
  }
  EXPECT_EQ(classes, (std::vector<std::string>{"attack 2019", "other 2019"}));
}

TEST(EventMentions, AHappeningInTwoCoordinatedYearsIsTwoMentions) {
  auto a = Analyse("Peru and Chile signed fishing agreements in 2011 and 2019, the ministry said.\n");
  std::vector<std::string> years;
  for (const auto& m : a.mentions) {
    if (m.trigger == "signed" && m.in_timeline) years.push_back(m.date.Iso());
  }
  EXPECT_EQ(years, (std::vector<std::string>{"2011", "2019"}));
}

TEST(EventMentions, HedgesAndAttribution) {
  auto a = Analyse("According to The Daily Ledger, Serbian agents allegedly attacked the convoy on 2 June 2024.");
  const auto* m = ByTrigger(a, "attacked");
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(m->hedge, Hedge::kAlleged);
  EXPECT_EQ(m->attributed_to, "The Daily Ledger");
  EXPECT_EQ(RoleOf(*m, "Serbia"), "agent");

  auto b = Analyse("Claims that Norway supplied the rockets in May 2024 remain unverified.");
  const auto* s = ByTrigger(b, "supplied");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->hedge, Hedge::kUnverified);
}

TEST(EventMentions, ForecastsQuestionsAndHeadingsStayOffTheTimeline) {
  auto a = Analyse(
      "Talks in Vienna\nThe accord could be signed on 9 September 2025.\n"
      "Will the border reopen on 1 October 2025?\n");
  ASSERT_FALSE(a.sentences.empty());
  EXPECT_TRUE(a.sentences[0].heading);
  for (const auto& m : a.mentions) {
    EXPECT_FALSE(m.in_timeline) << m.trigger;
    EXPECT_FALSE(m.excluded.empty());
  }
  bool forecast = false;
  for (const auto& m : a.mentions) forecast = forecast || (m.sentence == 1 && m.excluded == "modal");
  EXPECT_TRUE(forecast);
}

TEST(EventMentions, TwoDatesInOneSentenceMakeTwoClauses) {
  auto a =
      Analyse("The minister apologised on 3 May 2024, and on 9 May 2024 parliament banned imports of Chilean wine.");
  const auto* apology = ByTrigger(a, "apologised");
  const auto* ban = ByTrigger(a, "banned");
  ASSERT_NE(apology, nullptr);
  ASSERT_NE(ban, nullptr);
  EXPECT_EQ(apology->date.Iso(), "2024-05-03");
  EXPECT_EQ(ban->date.Iso(), "2024-05-09");
  EXPECT_EQ(ToString(ban->cls), "pressure");
  EXPECT_EQ(RoleOf(*ban, "Chile"), "target");
}

TEST(EventMentions, CoordinatedYearsShareOneClause) {
  auto a = Analyse("The two censuses of 2011 and 2021 counted fewer farmers after the drought struck in 2019.");
  for (const auto& m : a.mentions) EXPECT_NE(m.trigger, "") << m.trigger;
  const auto* struck = ByTrigger(a, "struck");
  ASSERT_NE(struck, nullptr);
  EXPECT_EQ(struck->date.Iso(), "2019");
}

TEST(EventMentions, ADateUsedAsAModifierDatesOnlyItsNoun) {
  auto a = Analyse(
      "Grain prices have fallen since the 2022 embargo on Moldovan exports.\n"
      "The harbour office, which had been run by the army since March, was raided by customs officers.");
  const auto* embargo = ByTrigger(a, "embargo");
  ASSERT_NE(embargo, nullptr);
  EXPECT_EQ(embargo->date.Iso(), "2022");
  const auto* raided = ByTrigger(a, "raided");
  ASSERT_NE(raided, nullptr);
  EXPECT_EQ(raided->date.year, 0) << "the raid is not dated by 'since March'";
}

TEST(EventMentions, AnAnnouncedPlanIsDatedByItsAnnouncement) {
  auto a =
      Analyse("On 4 March 2025, the Danish government announced that it would file a lawsuit against the shipyard.");
  const auto* announced = ByTrigger(a, "announced");
  ASSERT_NE(announced, nullptr);
  EXPECT_TRUE(announced->in_timeline);
  EXPECT_EQ(announced->date.Iso(), "2025-03-04");
  auto b = Analyse("Observers recall that Peru signed the fishing pact in late May 2021.");
  const auto* signed_ = ByTrigger(b, "signed");
  ASSERT_NE(signed_, nullptr);
  EXPECT_TRUE(signed_->in_timeline) << signed_->excluded;
}

TEST(EventMentions, PresentStatesAndOpenDatesAreNoHappenings) {
  auto a = Analyse(
      "The 2019 charter is becoming the basis of the talks.\n"
      "In 2010, Chile banned the pesticide. A few years later, the ministry lifted the ban.");
  for (const auto& m : a.mentions) {
    if (m.sentence == 0) {
      EXPECT_FALSE(m.in_timeline) << m.trigger;
    }
    if (m.sentence == 2) {
      EXPECT_FALSE(m.own_date) << "an open 'a few years later' is not a date";
    }
  }
}

TEST(EventMentions, QuotedSpeechIsNotNarration) {
  auto a = Analyse("On 8 August 2024, the envoy said: \"They attacked our villages and burned the fields.\"");
  const auto* said = ByTrigger(a, "said");
  ASSERT_NE(said, nullptr);
  EXPECT_EQ(ByTrigger(a, "attacked"), nullptr);
}

TEST(EventMentions, IntransitiveDeathsMakeTheSubjectATarget) {
  auto a = Analyse("In June 2025, three Kenyan miners died in Congolese police custody.");
  const auto* died = ByTrigger(a, "died");
  ASSERT_NE(died, nullptr);
  EXPECT_EQ(RoleOf(*died, "Kenya"), "target");
  ASSERT_EQ(died->numbers.size(), 1u);
  EXPECT_EQ(died->numbers[0].what, "killed");
  EXPECT_EQ(died->numbers[0].value, 3);
}

TEST(EventMentions, FramingAndAttributeCuesAreCollected) {
  auto a = Analyse(
      "On 1 May 2025, guards brutally beat two prisoners to death, and the governor offered a private apology.");
  bool loaded = false, private_ = false;
  for (const auto& m : a.mentions) {
    for (const auto& c : m.cues) {
      loaded = loaded || (c.kind == "framing" && c.value == "loaded");
      private_ = private_ || (c.kind == "publicity" && c.value == "private");
    }
  }
  EXPECT_TRUE(loaded);
  EXPECT_TRUE(private_);
}

TEST(EventLexicon, PatternsMatchAlternativesPrefixesAndLongestFirst) {
  chronicle::events::PhraseSet set;
  std::string error;
  ASSERT_TRUE(set.Load("a\tshot|shoot down\nb\tshot\nc\tarrest*\n", false, &error)) << error;
  auto words = chronicle::events::TokenizeWords("They shot down a jet and arrested Putin’s pilots.");
  auto found = set.FindAll(words, 0, words.size());
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found[0].entry->kind, "a");
  EXPECT_EQ(found[0].last - found[0].first, 2u);
  EXPECT_EQ(found[1].entry->kind, "c");
  // The possessive is dropped from the word.
  bool putin = false;
  for (const auto& w : words) putin = putin || w.lower == "putin";
  EXPECT_TRUE(putin);
  EXPECT_FALSE(set.Load("only-one-field\n", false, &error));
}

}  // namespace
