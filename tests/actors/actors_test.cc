// Tests of the actor finder (src/actors): the golden cases of
// tests/actors/golden/*.txt, the API's promises (offsets, order, forms) and
// the key actors of the five seed articles.
//
// Golden file format:
//
//   == case name
//   text, one or more lines
//   ----
//   text<TAB>canonical<TAB>type<TAB>country
//
// One expected line per mention, in text order; the list must equal the
// finder's output exactly (trailing tabs of an empty country may be left off).
// Lines starting with '#' outside a case are comments.
#include "actors/actors.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "../golden_cases.h"
#include "actors/tokens.h"

namespace {

using chronicle::actors::ActorFinder;
using chronicle::actors::ActorMention;
using chronicle::actors::ActorType;
using Form = chronicle::actors::ActorMention::Form;

const ActorFinder& Finder() { return ActorFinder::Default(); }

std::string RightTrim(std::string s) {
  while (!s.empty() && (s.back() == '\t' || s.back() == ' ' || s.back() == '\r')) s.pop_back();
  return s;
}

std::string Line(const ActorMention& m) {
  return RightTrim(m.text + "\t" + m.actor.name + "\t" + std::string(ToString(m.actor.type)) + "\t" + m.actor.country);
}

struct GoldenCase {
  std::string file;
  int line = 0;
  std::string name;
  std::string text;
  std::vector<std::string> expected;
};

std::vector<GoldenCase> LoadGolden() {
  std::vector<GoldenCase> cases;
  for (auto& g :
       chronicle::testing::ReadGoldenCases(std::filesystem::path(CHRONICLE_SOURCE_DIR) / "tests/actors/golden", {})) {
    GoldenCase c{g.file, g.line, g.name, "", {}};
    for (size_t k = 0; k < g.text.size(); ++k) c.text += (k == 0 ? "" : "\n") + g.text[k];
    for (const auto& e : g.expected) {
      if (!RightTrim(e).empty()) c.expected.push_back(RightTrim(e));
    }
    cases.push_back(std::move(c));
  }
  return cases;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool SeedsPresent() { return std::filesystem::is_directory(std::string(CHRONICLE_SHARED_DIR) + "/seeds"); }

std::string Seed(const std::string& prefix) {
  const std::filesystem::path dir = std::filesystem::path(CHRONICLE_SHARED_DIR) / "seeds";
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().filename().string().rfind(prefix, 0) == 0) return ReadFile(e.path().string());
  }
  return "";
}

// The first mention written `text`, or nullptr.
const ActorMention* FindText(const std::vector<ActorMention>& ms, const std::string& text) {
  for (const auto& m : ms) {
    if (m.text == text) return &m;
  }
  return nullptr;
}

TEST(ActorGolden, AllCases) {
  ASSERT_TRUE(Finder().ok()) << Finder().error();
  const auto cases = LoadGolden();
  ASSERT_GE(cases.size(), 20u);
  for (const auto& c : cases) {
    std::vector<std::string> got;
    for (const auto& m : Finder().Find(c.text)) got.push_back(Line(m));
    std::ostringstream want_s, got_s;
    for (const auto& l : c.expected) want_s << "  " << l << "\n";
    for (const auto& l : got) got_s << "  " << l << "\n";
    EXPECT_EQ(got, c.expected) << c.file << ":" << c.line << " (" << c.name << ")\nwant:\n"
                               << want_s.str() << "got:\n"
                               << got_s.str();
  }
}

// TokenKey gives a punctuation token's unified character from a static table
// instead of searching a list: the key is still the one byte of an ASCII
// punctuation or control token as written, and the unified ' " - . or ? of
// other code points; a word's key is the word as written.
TEST(ActorTokens, TokenKeyOfPunctuationAndWords) {
  using chronicle::actors::TokenizeForActors;
  using chronicle::actors::TokenKey;
  const std::string text =
      "U.S.-led \x01 Putin\xe2\x80\x99s \xe2\x80\x9c"
      "deal\xe2\x80\x9d \xe2\x80\x94 a\xe2\x80\xa6 \xc2\xa9 (x)";
  std::vector<std::string> keys;
  for (const auto& t : TokenizeForActors(text)) keys.emplace_back(TokenKey(text, t));
  const std::vector<std::string> want = {"U",  ".",    "S",  ".", "-", "led", "\x01", "Putin", "'", "s",
                                         "\"", "deal", "\"", "-", "a", ".",   "?",    "(",     "x", ")"};
  EXPECT_EQ(keys, want);
}

TEST(ActorFinderApi, TypesHaveNames) {
  EXPECT_EQ(ToString(ActorType::kCountry), "country");
  EXPECT_EQ(ToString(ActorType::kPerson), "person");
  EXPECT_EQ(ToString(ActorType::kOrganisation), "organisation");
}

TEST(ActorFinderApi, CreateBuildsAnIndependentFinder) {
  std::string error;
  auto finder = ActorFinder::Create(&error);
  ASSERT_NE(finder, nullptr) << error;
  EXPECT_TRUE(finder->ok());
  const auto ms = finder->Find("Baku protested.");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].actor.name, "Azerbaijan");
}

TEST(ActorFinderApi, EmptyAndPunctuationOnly) {
  EXPECT_TRUE(Finder().Find("").empty());
  EXPECT_TRUE(Finder().Find(" \n\t ... — “ ” ' ").empty());
}

TEST(ActorFinderApi, OffsetsAndForms) {
  const std::string text =
      "President Ilham Aliyev told Russian reporters that Moscow erred; later Aliyev’s office added more.";
  const auto ms = Finder().Find(text);
  ASSERT_EQ(ms.size(), 4u);
  for (const auto& m : ms) EXPECT_EQ(text.substr(m.start, m.end - m.start), m.text);
  EXPECT_EQ(ms[0].text, "Ilham Aliyev");
  EXPECT_EQ(ms[0].form, Form::kName);
  EXPECT_EQ(ms[0].actor.type, ActorType::kPerson);
  EXPECT_EQ(ms[0].actor.country, "Azerbaijan");
  EXPECT_EQ(ms[1].text, "Russian");
  EXPECT_EQ(ms[1].form, Form::kDemonym);
  EXPECT_EQ(ms[2].text, "Moscow");
  EXPECT_EQ(ms[2].form, Form::kMetonym);
  EXPECT_EQ(ms[2].actor.country, "Russia");
  EXPECT_EQ(ms[3].text, "Aliyev");
  EXPECT_EQ(ms[3].form, Form::kSurname);
  EXPECT_EQ(ms[3].actor, ms[0].actor);
}

TEST(ActorFinderApi, TitleOnlyMentionIsTheOfficeHolder) {
  const auto ms = Finder().Find("The Armenian prime minister flew home.");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].text, "Armenian prime minister");
  EXPECT_EQ(ms[0].form, Form::kTitle);
  EXPECT_EQ(ms[0].actor.name, "Nikol Pashinyan");
  EXPECT_EQ(ms[0].actor.country, "Armenia");
}

TEST(ActorFinderApi, DocumentsDoNotShareNames) {
  // A surname learnt in one document does not leak into the next call.
  (void)Finder().Find("Minister Nurlan Aliyev spoke.");
  const auto ms = Finder().Find("Later, Aliyev spoke.");
  ASSERT_EQ(ms.size(), 1u);
  EXPECT_EQ(ms[0].actor.name, "Ilham Aliyev");
}

TEST(ActorFinderApi, LinearOnLongAdversarialInput) {
  // Long runs of capitalised words, titles and lexicon prefixes: the finder
  // must stay linear. Its work (lookups and loop steps, each of bounded cost)
  // stays within a constant factor of the token count, and twice the input
  // does about twice the work. (Counted, not timed: a timing was noisy on a
  // loaded machine.)
  std::string unit = "President Alpha Beta Gamma Delta, the Russian Foreign Ministry of the United ";
  unit += "Sputnik Azerbaijan The US U.S. 'Quoted Title Case' Moscow’s police Aliyev Aliyev ";
  unit += "a b c d e f g h , , , Ab Cd x y z ; ; Ef Gh of Ministry of Ij Kl Mn Op Qr ";
  std::string small, big;
  for (int i = 0; i < 2000; ++i) small += unit;
  big = small + small;
  auto work = [&](const std::string& s) {
    uint64_t w = 0;
    const auto ms = Finder().Find(s, &w);
    EXPECT_FALSE(ms.empty());
    return w;
  };
  const uint64_t a = work(small), b = work(big);
  const size_t tokens = chronicle::actors::TokenizeForActors(big).size();
  EXPECT_LT(b, 2 * a + a / 10) << "small " << a << ", big " << b;
  EXPECT_LT(b, 8 * tokens) << "work " << b << " for " << tokens << " tokens";
  // A run of capitalised words with no lexicon entry, and one long line of
  // titles: the same bounds.
  std::string caps, titles;
  for (int i = 0; i < 20000; ++i) caps += "Ab ";
  for (int i = 0; i < 5000; ++i) titles += "President Minister Spokesman ";
  for (const std::string* s : {&caps, &titles}) {
    uint64_t w1 = 0, w2 = 0;
    Finder().Find(*s, &w1);
    Finder().Find(*s + *s, &w2);
    EXPECT_LT(w2, 2 * w1 + w1 / 10);
    EXPECT_LT(w2, 8 * chronicle::actors::TokenizeForActors(*s + *s).size());
  }
}

TEST(ActorFinderApi, ArbitraryInputKeepsPromises) {
  // Deterministic pseudo-random mixtures of lexicon words, capitals, quotes,
  // dashes, non-ASCII letters and stray bytes: no crash, and mentions stay
  // ordered, non-overlapping and exact.
  const char* pieces[] = {"Moscow",  "the",      "Kremlin", "President", "Ilham", "Aliyev",  "’s",       "'",
                          "\"",      "-",        "—",       "Güler",     "U.S.",  "of",      "Ministry", ",",
                          ".",       "\n",       " ",       "Ab",        "Cd",    "al",      "de",       "Russia",
                          "Foreign", "Ministry", "LLC",     "\xff",      "\xc3",  "Türkiye", "Corridor", "and"};
  uint32_t seed = 12345;
  for (int round = 0; round < 300; ++round) {
    std::string text;
    const int n = 1 + round % 60;
    for (int k = 0; k < n; ++k) {
      seed = seed * 1103515245u + 12345u;
      text += pieces[(seed >> 16) % (sizeof pieces / sizeof pieces[0])];
      if ((seed >> 8) % 3 != 0) text += ' ';
    }
    size_t last_end = 0;
    for (const auto& m : Finder().Find(text)) {
      ASSERT_GE(m.start, last_end) << text;
      ASSERT_LT(m.start, m.end) << text;
      ASSERT_LE(m.end, text.size()) << text;
      ASSERT_EQ(text.substr(m.start, m.end - m.start), m.text) << text;
      last_end = m.end;
    }
  }
}

TEST(ActorSeeds, FindIsSafeAcrossThreads) {
  if (!SeedsPresent()) GTEST_SKIP() << "no seed articles in " << CHRONICLE_SHARED_DIR << "/seeds";
  // Documents are analysed in parallel: one shared finder, the same answers.
  const std::string text = Seed("001");
  auto lines = [&] {
    std::vector<std::string> out;
    for (const auto& m : Finder().Find(text)) out.push_back(std::to_string(m.start) + " " + Line(m));
    return out;
  };
  const auto want = lines();
  std::vector<std::thread> threads;
  std::vector<int> same(4, 0);
  for (size_t t = 0; t < same.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int r = 0; r < 5; ++r) same[t] += lines() == want ? 1 : 0;
    });
  }
  for (auto& th : threads) th.join();
  for (int n : same) EXPECT_EQ(n, 5);
}

TEST(ActorSeeds, MentionsAreOrderedNonOverlappingAndExact) {
  if (!SeedsPresent()) GTEST_SKIP() << "no seed articles in " << CHRONICLE_SHARED_DIR << "/seeds";
  for (const char* id : {"000", "001", "002", "003", "004"}) {
    const std::string text = Seed(id);
    ASSERT_FALSE(text.empty()) << id;
    const auto ms = Finder().Find(text);
    EXPECT_GT(ms.size(), 50u) << id;
    size_t last_end = 0;
    for (const auto& m : ms) {
      EXPECT_GE(m.start, last_end) << id << " " << m.text;
      EXPECT_LT(m.start, m.end);
      EXPECT_EQ(text.substr(m.start, m.end - m.start), m.text);
      last_end = m.end;
    }
  }
}

TEST(ActorSeeds, Seed000) {
  if (!SeedsPresent()) GTEST_SKIP() << "no seed articles in " << CHRONICLE_SHARED_DIR << "/seeds";
  const auto ms = Finder().Find(Seed("000"));
  const ActorMention* kremlin = FindText(ms, "the Kremlin");
  ASSERT_NE(kremlin, nullptr);
  EXPECT_EQ(kremlin->actor.name, "Russia");
  EXPECT_EQ(kremlin->form, Form::kMetonym);
  const ActorMention* guler = FindText(ms, "Yaşar Güler");
  ASSERT_NE(guler, nullptr);
  EXPECT_EQ(guler->actor.type, ActorType::kPerson);
  EXPECT_EQ(guler->actor.country, "Turkey");
  const ActorMention* hasanov = FindText(ms, "Zakir Hasanov");
  ASSERT_NE(hasanov, nullptr);
  EXPECT_EQ(hasanov->actor.country, "Azerbaijan");
  const ActorMention* zatulin = FindText(ms, "Konstantin Zatulin");
  ASSERT_NE(zatulin, nullptr);
  EXPECT_EQ(zatulin->actor.country, "Russia");
  const ActorMention* azal = FindText(ms, "AZAL");
  ASSERT_NE(azal, nullptr);
  EXPECT_EQ(azal->actor.name, "Azerbaijan Airlines");
  const ActorMention* ziyaddin = FindText(ms, "Ziyaddin");
  ASSERT_NE(ziyaddin, nullptr);
  EXPECT_EQ(ziyaddin->actor.name, "Ziyaddin Safarov");
  const ActorMention* sputnik = FindText(ms, "Sputnik Azerbaijan");
  ASSERT_NE(sputnik, nullptr);
  EXPECT_EQ(sputnik->actor.country, "Russia");
  for (const auto& m : ms) {
    if (m.text == "Aliyev") {
      EXPECT_EQ(m.actor.name, "Ilham Aliyev");
    }
    if (m.text == "Peskov") {
      EXPECT_EQ(m.actor.name, "Dmitry Peskov");
    }
    if (m.text == "Trump") {
      EXPECT_EQ(m.actor.name, "Donald Trump");
    }
  }
}

TEST(ActorSeeds, Seed001) {
  if (!SeedsPresent()) GTEST_SKIP() << "no seed articles in " << CHRONICLE_SHARED_DIR << "/seeds";
  const auto ms = Finder().Find(Seed("001"));
  const ActorMention* first_aliyev = FindText(ms, "Aliyev");
  ASSERT_NE(first_aliyev, nullptr);
  EXPECT_EQ(first_aliyev->actor.name, "Ilham Aliyev");
  EXPECT_EQ(first_aliyev->form, Form::kSurname);
  EXPECT_EQ(first_aliyev->actor.country, "Azerbaijan");
  const ActorMention* nurlan = FindText(ms, "Nurlan Aliyev");
  ASSERT_NE(nurlan, nullptr);
  EXPECT_EQ(nurlan->actor.name, "Nurlan Aliyev");
  const ActorMention* rsn = FindText(ms, "Rosselkhoznadzor");
  ASSERT_NE(rsn, nullptr);
  EXPECT_EQ(rsn->actor.type, ActorType::kOrganisation);
  EXPECT_EQ(rsn->actor.country, "Russia");
  const ActorMention* peskov = FindText(ms, "Dmitry Peskov");
  ASSERT_NE(peskov, nullptr);
  EXPECT_EQ(peskov->actor.country, "Russia");
  const ActorMention* fm = FindText(ms, "Russia’s Foreign Ministry");
  ASSERT_NE(fm, nullptr);
  EXPECT_EQ(fm->actor.name, "Russian Foreign Ministry");
  const ActorMention* president = FindText(ms, "Azerbaijani president");
  ASSERT_NE(president, nullptr);
  EXPECT_EQ(president->form, Form::kTitle);
  EXPECT_EQ(president->actor.name, "Ilham Aliyev");
  const ActorMention* us_president = FindText(ms, "the US President");
  ASSERT_NE(us_president, nullptr);
  EXPECT_EQ(us_president->actor.name, "Donald Trump");
  const ActorMention* valuev = FindText(ms, "Nikolai Valuev");
  ASSERT_NE(valuev, nullptr);
  EXPECT_EQ(valuev->actor.country, "Russia");
  for (const char* name : {"Rossotrudnichestvo", "Cozy Bear", "USAID", "the BBC", "Human Rights Watch", "Vedomosti",
                           "Tsargrad", "Maria Zakharova", "Yuri Ushakov", "Recep Tayyip Erdoğan", "Marco Rubio",
                           "Steve Witkoff", "Volodymyr Zelensky", "the FSB"}) {
    EXPECT_NE(FindText(ms, name), nullptr) << name;
  }
  // Every bare "Aliyev" in this article is the president: Nurlan Aliyev is
  // named once and Ilham Aliyev is named again before the next bare surname.
  for (const auto& m : ms) {
    if (m.text == "Aliyev") {
      EXPECT_EQ(m.actor.name, "Ilham Aliyev");
    }
  }
}

TEST(ActorSeeds, Seed002To004) {
  if (!SeedsPresent()) GTEST_SKIP() << "no seed articles in " << CHRONICLE_SHARED_DIR << "/seeds";
  const auto ms2 = Finder().Find(Seed("002"));
  const ActorMention* heydar = FindText(ms2, "Heydar Aliyev");
  ASSERT_NE(heydar, nullptr);
  EXPECT_EQ(heydar->actor.country, "Azerbaijan");
  const ActorMention* turkiye = FindText(ms2, "Türkiye");
  ASSERT_NE(turkiye, nullptr);
  EXPECT_EQ(turkiye->actor.name, "Turkey");
  for (const char* name : {"SOCAR", "CSTO", "SBU", "Kyiv", "Nikol Pashinyan"}) {
    EXPECT_NE(FindText(ms2, name), nullptr) << name;
  }
  const auto ms3 = Finder().Find(Seed("003"));
  const ActorMention* pez = FindText(ms3, "Pezeshkian");
  ASSERT_NE(pez, nullptr);
  EXPECT_EQ(pez->actor.name, "Masoud Pezeshkian");
  EXPECT_EQ(pez->actor.country, "Iran");
  const ActorMention* fsb = FindText(ms3, "Russian Federal Security Service (FSB)");
  ASSERT_NE(fsb, nullptr);
  EXPECT_EQ(fsb->actor.name, "FSB");
  const auto ms4 = Finder().Find(Seed("004"));
  const ActorMention* ots = FindText(ms4, "the Organization of Turkic States");
  ASSERT_NE(ots, nullptr);
  EXPECT_EQ(ots->actor.name, "Organization of Turkic States");
  const ActorMention* azeri = FindText(ms4, "Azeri");
  ASSERT_NE(azeri, nullptr);
  EXPECT_EQ(azeri->actor.name, "Azerbaijan");
}

TEST(ActorSeeds, NoFalsePeople) {
  if (!SeedsPresent()) GTEST_SKIP() << "no seed articles in " << CHRONICLE_SHARED_DIR << "/seeds";
  // Regions, routes, holidays and headings of the seeds are not people.
  for (const char* id : {"000", "001", "002", "003", "004"}) {
    for (const auto& m : Finder().Find(Seed(id))) {
      if (m.actor.type != ActorType::kPerson) continue;
      for (const char* bad : {"Corridor", "Accords", "Day", "Karabakh", "Caucasus", "Forum", "Declaration", "War",
                              "Operation", "Petersburg", "Ploshchad", "Interaction", "Ultimatum", "Heel"}) {
        EXPECT_EQ(m.actor.name.find(bad), std::string::npos) << id << ": " << m.actor.name;
      }
    }
  }
}

}  // namespace
