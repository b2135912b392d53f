// Merging and conflicts on mini-articles written for these tests.
#include <gtest/gtest.h>

#include <set>

#include "merge/timeline.h"

namespace {

using chronicle::events::DocumentAnalysis;
using chronicle::merge::Timeline;

Timeline Build(const std::vector<std::pair<std::string, std::string>>& bodies_and_dates) {
  std::vector<DocumentAnalysis> docs;
  for (size_t i = 0; i < bodies_and_dates.size(); ++i) {
    chronicle::ingest::Document doc;
    doc.path = "doc" + std::to_string(i + 1) + ".txt";
    doc.body = bodies_and_dates[i].first;
    docs.push_back(
        chronicle::events::AnalyseDocument(std::move(doc), chronicle::time::ParseIsoDate(bodies_and_dates[i].second)));
    docs.back().id = "d" + std::to_string(i + 1);
  }
  return chronicle::merge::BuildTimeline(docs);
}

const chronicle::merge::Event* WithSources(const Timeline& t, size_t n) {
  for (const auto& e : t.events) {
    if (e.sources.size() == n) return &e;
  }
  return nullptr;
}

std::set<std::string> Kinds(const Timeline& t, const std::string& event) {
  std::set<std::string> kinds;
  for (const auto& c : t.conflicts) {
    if (c.event == event) kinds.insert(c.kind);
  }
  return kinds;
}

const std::string kAccountA =
    "On 4 March 2024, a Georgian cargo plane was shot down by Armenian air defences near the border, killing three "
    "crew "
    "members.\n";
const std::string kAccountB =
    "A Georgian cargo plane was downed by an Azerbaijani drone in March 2024, killing five crew members.\n";

TEST(MergeEvents, OneHappeningToldByTwoSourcesIsOneEventAtTheMostPreciseDate) {
  auto t = Build({{kAccountA, "2024-03-10"}, {kAccountB, "2024-04-01"}});
  const auto* e = WithSources(t, 2);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->date, "2024-03-04");
  EXPECT_EQ(e->precision, "day");
  EXPECT_EQ(e->cls, "attack");
  EXPECT_TRUE(e->disputed);
  // The summary is a source's own words.
  EXPECT_NE(kAccountA.find(e->summary) == std::string::npos && kAccountB.find(e->summary) == std::string::npos, true);
}

TEST(MergeEvents, AgentAndNumberConflictsListEachSourcesClaim) {
  auto t = Build({{kAccountA, "2024-03-10"}, {kAccountB, "2024-04-01"}});
  const auto* e = WithSources(t, 2);
  ASSERT_NE(e, nullptr);
  const auto kinds = Kinds(t, e->id);
  EXPECT_TRUE(kinds.count("agent"));
  EXPECT_TRUE(kinds.count("number"));
  for (const auto& c : t.conflicts) {
    if (c.event != e->id) continue;
    ASSERT_EQ(c.claims.size(), 2u);
    std::set<std::string> values = {c.claims[0].value, c.claims[1].value};
    if (c.kind == "agent") {
      EXPECT_EQ(values, (std::set<std::string>{"Armenian air defence", "Azerbaijan"}));
    }
    if (c.kind == "number") {
      EXPECT_EQ(values, (std::set<std::string>{"3", "5"}));
      EXPECT_EQ(c.what, "killed");
    }
    for (const auto& cl : c.claims) EXPECT_FALSE(cl.quote.empty());
  }
}

TEST(MergeEvents, DistinctCallsOnDifferentDaysStayDistinct) {
  auto t = Build({{"On 1 June 2024, Prime Minister Pashinyan held a phone call with President Macron.\n", "2024-06-05"},
                  {"On 4 June 2024, Pashinyan held a phone call with Chancellor Scholz.\n", "2024-06-05"}});
  size_t calls = 0;
  for (const auto& e : t.events) calls += e.cls == "meeting" ? 1 : 0;
  EXPECT_EQ(calls, 2u);
  EXPECT_EQ(WithSources(t, 2), nullptr);
}

TEST(MergeEvents, AgentsOfOneCountryAgreeButTwoDifferentForcesDisagree) {
  auto same = Build({{"On 9 May 2024, Russia struck a fuel depot in Odesa.\n", "2024-05-10"},
                     {"On 9 May 2024, Russian air defences struck a fuel depot in Odesa.\n", "2024-05-10"}});
  const auto* e = WithSources(same, 2);
  ASSERT_NE(e, nullptr);
  EXPECT_FALSE(Kinds(same, e->id).count("agent"));

  auto different =
      Build({{"On 2 July 2025, special forces raided a market in Kazan, arresting 12 traders.\n", "2025-07-03"},
             {"On 2 July 2025, local police raided a market in Kazan, arresting 12 traders.\n", "2025-07-04"}});
  const auto* d = WithSources(different, 2);
  ASSERT_NE(d, nullptr);
  EXPECT_TRUE(Kinds(different, d->id).count("agent"));
  EXPECT_FALSE(Kinds(different, d->id).count("number"));
}

TEST(MergeEvents, LoadedAgainstNeutralWordingIsAFramingConflict) {
  auto t = Build({{"On 14 August 2024, guards in Minsk brutally beat two protesters to death.\n", "2024-08-20"},
                  {"On 14 August 2024, two protesters died in custody in Minsk.\n", "2024-08-20"}});
  const auto* e = WithSources(t, 2);
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(Kinds(t, e->id).count("framing"));
  EXPECT_FALSE(Kinds(t, e->id).count("number"));
}

TEST(MergeEvents, PublicAgainstPrivateApologyIsAnAttributeConflict) {
  auto t = Build(
      {{"On 3 October 2024, the Greek minister offered a public apology to Ankara for the collision.\n", "2024-10-05"},
       {"The Greek minister made a private apology to Ankara for the collision in October 2024.\n", "2024-10-20"}});
  const auto* e = WithSources(t, 2);
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(Kinds(t, e->id).count("attribute"));
}

TEST(MergeEvents, TheSameHappeningOnDifferentDaysIsADateConflict) {
  auto t =
      Build({{"On 3 May 2024, the Turkish ministry closed the Bulgarian consulate in Izmir and expelled its consul.\n",
              "2024-05-20"},
             {"On 5 May 2024, the Turkish ministry closed the Bulgarian consulate in Izmir and expelled its consul.\n",
              "2024-05-20"}});
  const auto* e = WithSources(t, 2);
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(Kinds(t, e->id).count("date"));
  // Different happenings a few days apart stay apart.
  auto apart =
      Build({{"On 3 May 2024, the Turkish ministry closed the Bulgarian consulate in Izmir.\n", "2024-05-20"},
             {"On 6 May 2024, Greek farmers blocked the motorway near Larissa with tractors.\n", "2024-05-20"}});
  EXPECT_EQ(WithSources(apart, 2), nullptr);
}

TEST(MergeEvents, AnUndatedRetellingJoinsAndOpinionsStayOut) {
  auto t = Build(
      {{"On 5 February 2025, Moldovan border guards detained three Romanian journalists in Chisinau.\n", "2025-02-07"},
       {"The detention of three Romanian journalists by Moldovan border guards in Chisinau shocked Bucharest.\n"
        "In my view, the region will never be the same.\n",
        "2025-02-10"}});
  const auto* e = WithSources(t, 2);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->date, "2025-02-05");
  EXPECT_EQ(t.events.size(), 1u) << "only the dated happening is on the timeline";
}

TEST(MergeEvents, AHappeningNamedByTheSameNounAndYearIsOneEvent) {
  // Three sources name one war by its year, each in other words; a fourth
  // names other clashes of that year, which stay apart.
  auto t = Build({{"Chile's rise began in the 1998 Andean war, when Peru sent troops across the border.\n", "2025-03-01"},
                  {"The old rivals fought the seven-week war between Peru and Chile in 1998, which ended badly.\n",
                   "2025-03-02"},
                  {"Diplomats still recall how the Andean War in 1998 reshaped the region's alliances.\n", "2025-03-03"},
                  {"The 1998 Arica port clashes occurred just weeks before the harbour reopened.\n", "2025-03-04"}});
  const auto* war = WithSources(t, 3);
  ASSERT_NE(war, nullptr);
  EXPECT_EQ(war->date, "1998");
  EXPECT_EQ(war->cls, "attack");
  size_t events_of_1998 = 0;
  for (const auto& e : t.events) events_of_1998 += e.date == "1998" ? 1 : 0;
  EXPECT_EQ(events_of_1998, 2u) << "the clashes are another happening";
}

TEST(MergeEvents, ATruceAndTheAgreementThatMadeItAreOneNamedHappening) {
  // One source calls the 2016 pact a truce, the other an agreement: words of
  // one concept, so the same named happening; another year's accord stays apart.
  auto t = Build({{"Fighting stopped under the 2016 Qatar-brokered truce between the two militias, which still holds.\n",
                   "2025-03-01"},
                  {"The trilateral agreement of 2016 between the militias set up a buffer zone under Qatari monitors.\n",
                   "2025-03-02"},
                  {"The 2018 fisheries accord between the militias was signed by their leaders.\n", "2025-03-03"}});
  const auto* pact = WithSources(t, 2);
  ASSERT_NE(pact, nullptr);
  EXPECT_EQ(pact->date, "2016");
  EXPECT_EQ(pact->cls, "agreement");
}

TEST(MergeEvents, ADatedPresentStateJoinsItsHappeningAsASourceButMakesNoEvent) {
  auto t = Build({{"In 2019, Peru and Chile signed the Arica Declaration on water sharing.\n", "2025-03-01"},
                  {"The 2019 Arica Declaration on water sharing remains the basis of the talks.\n", "2025-03-02"},
                  {"The 2017 Lima Accord is becoming the basis of the fishing talks.\n", "2025-03-03"}});
  const auto* e = WithSources(t, 2);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->date, "2019");
  EXPECT_EQ(t.events.size(), 1u) << "a present state alone makes no event";
}

TEST(MergeEvents, DeathsInCustodyAgainstDeathsDuringTheRaidIsAnAttributeConflict) {
  auto t = Build({{"On 3 May 2024, two miners died in police custody in Oruro.\n", "2024-05-05"},
                  {"On 3 May 2024, two miners died during the raid in Oruro.\n", "2024-05-06"}});
  const auto* e = WithSources(t, 2);
  ASSERT_NE(e, nullptr);
  EXPECT_TRUE(Kinds(t, e->id).count("attribute"));
  bool setting = false;
  for (const auto& c : t.conflicts) setting = setting || (c.kind == "attribute" && c.what == "setting");
  EXPECT_TRUE(setting);
}

TEST(MergeEvents, TalksUnderASponsorAgainstTalksWithoutMediatorsIsAnAttributeConflict) {
  auto t = Build({{"On 8 April 2024, the Chilean and Peruvian presidents met in Quito under Ecuadorian sponsorship.\n",
                   "2024-04-10"},
                  {"On 8 April 2024, the Chilean and Peruvian presidents held talks in Quito without mediators.\n",
                   "2024-04-11"}});
  const auto* e = WithSources(t, 2);
  ASSERT_NE(e, nullptr);
  bool mediation = false;
  for (const auto& c : t.conflicts) mediation = mediation || (c.kind == "attribute" && c.what == "mediation");
  EXPECT_TRUE(mediation);
}

TEST(MergeEvents, AnUndatedStatementJoinsOnlyAnEventItNearlyRepeats) {
  auto t = Build({{"On 3 May 2024, the Bolivian president apologised to Peru for the border shooting.\n", "2024-05-05"},
                  {"The Bolivian president apologised to Peru for the border shooting.\n"
                   "Officials said the weather in La Paz was cold.\n",
                   "2024-05-09"}});
  const auto* e = WithSources(t, 2);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->date, "2024-05-03");
  EXPECT_EQ(e->mentions.size(), 2u) << "the remark on the weather joins nothing";
}

TEST(MergeEvents, TopEventsAreTheMostReportedInDateOrder) {
  auto t = Build({{kAccountA + "On 1 May 2024, the Georgian parliament met in a closed session.\n", "2024-05-10"},
                  {kAccountB, "2024-05-10"}});
  auto top = chronicle::merge::TopEvents(t, 1);
  ASSERT_EQ(top.size(), 1u);
  EXPECT_EQ(t.events[top[0]].sources.size(), 2u);
  auto all = chronicle::merge::TopEvents(t, 10);
  EXPECT_EQ(all.size(), t.events.size());
  for (size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1], all[i]);
}

TEST(MergeEvents, EventIdsAndConflictIdsAreConsistent) {
  auto t = Build({{kAccountA, "2024-03-10"}, {kAccountB, "2024-04-01"}});
  std::set<std::string> ids;
  for (const auto& e : t.events) ids.insert(e.id);
  for (const auto& c : t.conflicts) {
    EXPECT_TRUE(ids.count(c.event));
    EXPECT_FALSE(c.id.empty());
  }
  ASSERT_EQ(t.documents.size(), 2u);
  EXPECT_EQ(t.documents[0].id, "d1");
  EXPECT_EQ(t.documents[0].published, "2024-03-10");
}

}  // namespace

namespace {

TEST(MergeEvents, AnOpeningHeadingIsTheTitleOfAnArticleWithoutMetadata) {
  auto t = Build({{"Grain Talks Stall in Geneva\nOn 2 May 2024, Ukraine and Turkey met in Geneva.\n", "2024-05-03"},
                  {"Will the Corridor Open?\nOn 2 May 2024, the envoys met in Geneva.\n", "2024-05-03"},
                  {"On 2 May 2024, the envoys met in Geneva.\n", "2024-05-03"}});
  ASSERT_EQ(t.documents.size(), 3u);
  EXPECT_EQ(t.documents[0].title, "Grain Talks Stall in Geneva");
  EXPECT_EQ(t.documents[1].title, "Will the Corridor Open?");
  EXPECT_EQ(t.documents[2].title, "");
}

}  // namespace

namespace {

TEST(MergeEvents, FollowUpsJoinTheirHappeningButTheNextStepOfTheStoryDoesNot) {
  auto t =
      Build({{"On 3 March 2025, Lithuanian customs officers seized a Belarusian truck carrying cigarettes. "
              "The driver was detained at the crossing. In response, Belarus closed the border to Lithuanian "
              "lorries.\n",
              "2025-03-10"}});
  ASSERT_EQ(t.events.size(), 2u);
  EXPECT_EQ(t.events[0].mentions.size() + t.events[1].mentions.size(), 3u);
  size_t with_two = 0;
  for (const auto& e : t.events) with_two += e.mentions.size() == 2 ? 1 : 0;
  EXPECT_EQ(with_two, 1u) << "the seizure and the detention are one happening";
}

TEST(MergeEvents, ASubjectThatRespondsByActingTellsTheNextHappening) {
  // "Santiago answered by arresting ..." takes the paragraph's month but is
  // the arrests another source dates to the day, not the deaths before it.
  auto t = Build({{"In May 2024, two Chilean fishermen died in the custody of Peruvian police in Tacna. Santiago "
                   "answered by arresting Peruvian police officers visiting Chile.\n",
                   "2024-06-10"},
                  {"On 30 May 2024, Chile detained four Peruvian officers.\n", "2024-06-01"}});
  const auto* arrests = WithSources(t, 2);
  ASSERT_NE(arrests, nullptr);
  EXPECT_EQ(arrests->date, "2024-05-30");
  EXPECT_EQ(arrests->mentions.size(), 2u);
}

TEST(MergeEvents, AnEventOfOneSourceJoinsTheSameDaysEventItsFirstItemMatchesBest) {
  // The first source's raid comes before the third source's, which links it
  // to the second: on its own the first is too unlike the second to join it.
  auto t = Build({{"On 3 May 2024, Peruvian special forces had burst into houses in the port city where Chilean "
                   "families lived, smashing windows and beating residents.\n",
                   "2024-05-10"},
                  {"On 3 May 2024, officers of Peru's intelligence service carried out raids in Tacna as part of an "
                   "inquiry into smuggling.\nThe operation turned violent: two Chilean brothers were killed.\n",
                   "2024-05-10"},
                  {"On 3 May 2024, a raid carried out in Tacna by Peruvian security officers ended with two Chilean "
                   "brothers beaten to death in their houses.\n",
                   "2024-05-10"}});
  ASSERT_EQ(t.events.size(), 1u);
  EXPECT_EQ(t.events[0].sources.size(), 3u);
  EXPECT_EQ(t.events[0].date, "2024-05-03");
}

TEST(MergeEvents, AnArticleWithAnInferredDateMayTellTheWeeksAfterTheLastDayItNames) {
  // The first article names 10 July as its latest day, so its date is
  // inferred as 10 July; its undated proposal is the one of 14 July.
  auto t = Build({{"On 10 July 2025, the Chilean and Peruvian ministers met in Lima.\nThe talks were the first in a "
                   "decade.\nAs part of this effort, envoy Ana Reyes floated a proposal: that the canal be leased for "
                   "50 years to a Chilean firm.\n",
                   ""},
                  {"On 14 July 2025, envoy Ana Reyes made a proposal that a Chilean firm lease the canal for 50 "
                   "years.\n",
                   "2025-07-20"}});
  const auto* proposal = WithSources(t, 2);
  ASSERT_NE(proposal, nullptr);
  EXPECT_EQ(proposal->date, "2025-07-14");
}

}  // namespace

#include "merge/conflicts.h"

namespace {

// Two sources, one agent each, compared by FindConflicts directly.
std::vector<chronicle::merge::Conflict> AgentClaims(const std::string& a, const std::string& b) {
  static chronicle::merge::FactActor agents[2];
  static chronicle::merge::MentionFacts facts[2];
  static std::string names[2];
  for (size_t i = 0; i < 2; ++i) {
    names[i] = i == 0 ? a : b;
    agents[i] = {names[i], "Moldova", "agent", chronicle::actors::ActorType::kOrganisation};
    facts[i] = {};
    facts[i].cls = chronicle::events::EventClass::kArrest;
    facts[i].sentence = "A sentence.";
    facts[i].actors = std::span<const chronicle::merge::FactActor>(&agents[i], 1);
  }
  std::vector<chronicle::merge::MentionEvidence> evidence = {{0, "d1", &facts[0]}, {1, "d2", &facts[1]}};
  return chronicle::merge::FindConflicts(evidence);
}

TEST(MergeConflicts, AGenericAgentAgreesWithANamedBodyOfItsCountry) {
  EXPECT_TRUE(AgentClaims("Moldovan authorities", "Moldovan border police").empty());
  EXPECT_TRUE(AgentClaims("Moldovan Government", "Moldovan army").empty());
  const auto conflicts = AgentClaims("Moldovan border police", "Moldovan army");
  ASSERT_EQ(conflicts.size(), 1u);
  EXPECT_EQ(conflicts[0].kind, "agent");
}

}  // namespace

// The builder reads a mention's record and its sentence back with one read
// when the two are near in its spill; a sentence longer than that distance
// (64 KiB) is read on its own. Both give the sentence as written.
TEST(MergeEvents, AMentionInAVeryLongSentenceKeepsItsWholeSentence) {
  std::string sentence = "On 4 March 2024, Armenian air defences shot down a Georgian cargo plane near the border";
  while (sentence.size() < (size_t{80} << 10)) sentence += ", and a crowd of villagers watched from the hills";
  sentence += ".";
  const auto t = Build({{sentence + "\n", "2024-03-10"}, {kAccountA, "2024-03-05"}});
  bool found = false;
  for (const auto& e : t.events) {
    for (const auto& m : e.mentions) {
      if (m.doc == "d1" && m.sentence.size() > (size_t{64} << 10)) {
        found = true;
        EXPECT_EQ(m.sentence, sentence);
        EXPECT_EQ(e.date, "2024-03-04");
      }
    }
  }
  EXPECT_TRUE(found);
}

namespace {

size_t EventsDated(const Timeline& t, const std::string& date) {
  size_t n = 0;
  for (const auto& e : t.events) n += e.date == date ? 1 : 0;
  return n;
}

TEST(MergeEvents, AnOffensiveAndTheVictoryItWonAreOneHappeningOfTheirYear) {
  // One source tells the operation to regain the strip, another the victory
  // it won: words of one armed campaign, so one event of 2019. The offensive
  // of another year stays apart.
  auto t = Build({{"By 2019, with Bolivia busy elsewhere, Peru launched a final operation to regain complete control of "
                   "the Atacama strip.\n",
                   "2025-03-01"},
                  {"Peru's military victory in the Atacama strip (2019) and its later build-up near the border have "
                   "alarmed Chilean planners.\n",
                   "2025-03-02"},
                  {"In 2016, Peru launched an offensive in the Atacama strip, which stalled within weeks.\n", "2025-03-03"}});
  const auto* campaign = WithSources(t, 2);
  ASSERT_NE(campaign, nullptr);
  EXPECT_EQ(campaign->date, "2019");
  EXPECT_EQ(campaign->cls, "attack");
  EXPECT_EQ(EventsDated(t, "2019"), 1u);
  EXPECT_EQ(EventsDated(t, "2016"), 1u) << "the offensive of another year is another happening";
}

TEST(MergeEvents, AnElectionVictoryIsNotTheOffensiveOfItsYear) {
  // "Victory" names a campaign's outcome only as a military one.
  auto t = Build({{"Peru's ruling party won a landslide victory in the 2019 election, promising lower taxes.\n",
                   "2025-03-01"},
                  {"The 2019 offensive against the rebels in the Atacama strip left hundreds dead.\n", "2025-03-02"}});
  EXPECT_EQ(WithSources(t, 2), nullptr);
  EXPECT_EQ(EventsDated(t, "2019"), 2u);
}

}  // namespace
