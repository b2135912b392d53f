// `chronicle extract` and `chronicle build --from-extract` as a Hadoop or
// Spark job uses them: one line per document in input order on stdout (from
// files or JSONL on stdin), progress only on stderr, and a timeline built from
// the lines (one stream, several shards, stdin) byte-identical to building
// from the articles directly.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli_harness.h"

namespace {

namespace fs = std::filesystem;
using chronicle::testing::ChronicleCommand;
using chronicle::testing::FreshTestDir;
using chronicle::testing::RunShell;
using chronicle::testing::Slurp;

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

class ExtractCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshTestDir("chronicle_extract");
    examples_ = fs::path(CHRONICLE_SOURCE_DIR) / "examples";
  }
  void TearDown() override { fs::remove_all(dir_); }
  // Runs `chronicle ARGS` in dir_ (stdout and stderr to files); the exit code.
  int Run(const std::string& args, const std::string& out = "stdout", const std::string& env = "") {
    const std::string cmd = "cd '" + dir_.string() + "' && " + env + " '" + CHRONICLE_CLI_PATH + "' " + args +
                            " > '" + out + "' 2> stderr";
    return RunShell(cmd);
  }
  std::string Err() { return Slurp(dir_ / "stderr"); }
  void ExpectSameTimeline(const std::string& a, const std::string& b) {
    for (const char* f : {"timeline.json", "timeline.md", "timeline.html"}) {
      const std::string x = Slurp(dir_ / a / f), y = Slurp(dir_ / b / f);
      EXPECT_FALSE(x.empty()) << a << "/" << f;
      EXPECT_TRUE(x == y) << a << "/" << f << " differs from " << b << "/" << f;
    }
  }
  fs::path dir_;
  fs::path examples_;
};

TEST_F(ExtractCliTest, OneLinePerDocumentInInputOrderAndTheSameTimeline) {
  ASSERT_EQ(Run("extract '" + examples_.string() + "' --threads 2", "x.jsonl"), 0) << Err();
  const auto lines = Lines(Slurp(dir_ / "x.jsonl"));
  ASSERT_EQ(lines.size(), 7u);
  std::string previous;
  for (size_t i = 0; i < lines.size(); ++i) {
    const auto j = nlohmann::json::parse(lines[i]);
    EXPECT_EQ(j["id"], "d" + std::to_string(i + 1));
    const std::string path = j["doc"]["path"];
    EXPECT_LT(previous, path) << "input order";
    previous = path;
    EXPECT_FALSE(j["doc"]["body"].get<std::string>().empty());
    EXPECT_TRUE(j["mentions"].is_array());
  }
  ASSERT_EQ(Run("build '" + examples_.string() + "' -o direct"), 0) << Err();
  ASSERT_EQ(Run("build --from-extract x.jsonl -o from-file"), 0) << Err();
  EXPECT_NE(Err().find("7 documents"), std::string::npos) << Err();
  ExpectSameTimeline("direct", "from-file");
  ASSERT_EQ(Run("build --from-extract - -o from-stdin < x.jsonl", "build-stdout"), 0) << Err();
  ExpectSameTimeline("direct", "from-stdin");
  EXPECT_EQ(Slurp(dir_ / "build-stdout"), "");
  EXPECT_TRUE(fs::exists(dir_ / "from-stdin" / "chronicle.db"));
}

TEST_F(ExtractCliTest, ShardsAreRenumberedInTheOrderGiven) {
  // Two "mappers", each numbering its own documents from d1.
  fs::create_directories(dir_ / "a");
  fs::create_directories(dir_ / "b");
  size_t k = 0;
  for (const auto& e : fs::directory_iterator(examples_)) {
    if (e.path().extension() != ".txt") continue;
    fs::copy_file(e.path(), dir_ / (k++ % 2 == 0 ? "a" : "b") / e.path().filename());
  }
  ASSERT_EQ(Run("extract a", "part-00000"), 0) << Err();
  ASSERT_EQ(Run("extract b | gzip", "part-00001.gz"), 0) << Err();
  EXPECT_EQ(nlohmann::json::parse(Lines(Slurp(dir_ / "part-00000"))[0])["id"], "d1");
  ASSERT_EQ(Run("build a b -o direct"), 0) << Err();
  ASSERT_EQ(Run("build --from-extract part-00000 part-00001.gz -o shards"), 0) << Err();
  ExpectSameTimeline("direct", "shards");
  const auto j = nlohmann::json::parse(Slurp(dir_ / "shards" / "timeline.json"));
  ASSERT_EQ(j["documents"].size(), 7u);
  for (size_t i = 0; i < 7; ++i) EXPECT_EQ(j["documents"][i]["id"], "d" + std::to_string(i + 1));
}

TEST_F(ExtractCliTest, ReadsJsonlOnStdinAndKeepsProgressOffStdout) {
  std::ofstream(dir_ / "in.jsonl")
      << R"({"title":"Depot","source":"Harbour Post","published":"2024-05-10","text":"On 9 May 2024, Russian drones struck a fuel depot in Odesa, killing two guards."})"
      << "\n"
      << R"({"title":"Talks","source":"Courier","published":"2024-05-12","text":"Ukraine and Poland signed an agreement in Warsaw on Saturday."})"
      << "\n";
  ASSERT_EQ(Run("extract - < in.jsonl", "stdout", "CHRONICLE_PROGRESS=tty"), 0) << Err();
  const auto lines = Lines(Slurp(dir_ / "stdout"));
  ASSERT_EQ(lines.size(), 2u);
  for (const auto& line : lines) EXPECT_TRUE(nlohmann::json::accept(line)) << line;
  EXPECT_EQ(nlohmann::json::parse(lines[1])["doc"]["source"], "Courier");
  EXPECT_NE(Err().find("\rextract: 2 documents"), std::string::npos) << Err();
  // Nothing on stdin: no output, success (an empty input split).
  ASSERT_EQ(Run("extract - < /dev/null"), 0) << Err();
  EXPECT_EQ(Slurp(dir_ / "stdout"), "");
}

TEST_F(ExtractCliTest, ABrokenLineIsReportedByFileAndLineAndTheRestIsBuilt) {
  ASSERT_EQ(Run("extract '" + examples_.string() + "'", "x.jsonl"), 0) << Err();
  auto lines = Lines(Slurp(dir_ / "x.jsonl"));
  {
    std::ofstream out(dir_ / "broken.jsonl");
    out << lines[0] << "\n" << "{\"chronicle_extract\":1,\"id\":\"d2\"\n" << lines[1] << "\n";
  }
  EXPECT_EQ(Run("build --from-extract broken.jsonl -o out"), 1);
  EXPECT_NE(Err().find("error: broken.jsonl:2: "), std::string::npos) << Err();
  const auto j = nlohmann::json::parse(Slurp(dir_ / "out" / "timeline.json"));
  EXPECT_EQ(j["documents"].size(), 2u);
  EXPECT_EQ(Run("build --from-extract missing.jsonl -o out2"), 2);
  EXPECT_NE(Err().find("missing.jsonl"), std::string::npos) << Err();
  // Articles are not extract lines.
  EXPECT_EQ(Run("build --from-extract '" + (examples_ / "01_sputnik_journalists_detained.txt").string() + "' -o out3"),
            2);
}

}  // namespace
