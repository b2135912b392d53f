// The grammar loader: the rule syntax and its consistency checks.
#include <gtest/gtest.h>

#include "time/grammar.h"
#include "time/timex.h"

namespace {

using chronicle::time::Grammar;

const char* kLexicon =
    "UNIT D day days\n"
    "MONTH 1 january jan\n"
    "PART START early\n";

TEST(TimexGrammar, LoadsValidRules) {
  Grammar g;
  std::string error;
  EXPECT_TRUE(g.Load(kLexicon, "n_ago: INT UNIT ago -> DATE unit=$2 off=-$1\n", &error)) << error;
  EXPECT_EQ(g.rule_count(), 1u);
}

TEST(TimexGrammar, RejectsAReferenceToTheWrongElement) {
  Grammar g;
  std::string error;
  // unit=$1 points at the number, not at the unit: an off-by-one the loader must catch.
  EXPECT_FALSE(g.Load(kLexicon, "n_ago: INT UNIT ago -> DATE unit=$1 off=-$2\n", &error));
  EXPECT_NE(error.find("unit=$1"), std::string::npos) << error;
  EXPECT_NE(error.find("line 1"), std::string::npos) << error;
}

TEST(TimexGrammar, RejectsUnknownClassesTypesAndReferences) {
  Grammar g;
  std::string error;
  EXPECT_FALSE(g.Load(kLexicon, "x: NOSUCHCLASS -> DATE\n", &error));
  EXPECT_NE(error.find("unknown class"), std::string::npos) << error;
  EXPECT_FALSE(g.Load(kLexicon, "x: MONTH -> WHEN m=$1\n", &error));
  EXPECT_NE(error.find("unknown type"), std::string::npos) << error;
  EXPECT_FALSE(g.Load(kLexicon, "x: MONTH -> DATE m=$2\n", &error));
  EXPECT_NE(error.find("bad reference"), std::string::npos) << error;
  EXPECT_FALSE(g.Load(kLexicon, "x: MONTH -> DATE month=$1\n", &error));
  EXPECT_NE(error.find("unknown key month"), std::string::npos) << error;
  EXPECT_FALSE(g.Load(kLexicon, "x MONTH DATE\n", &error));
}

TEST(TimexGrammar, TheShippedGrammarLoads) {
  // The default tagger aborts on a bad grammar; reaching here means the
  // compiled-in rules passed every check above.
  const auto& t = chronicle::time::TimexTagger::Default();
  (void)t;
  SUCCEED();
}

}  // namespace
