// `chronicle build` as a user runs it: a folder of good and broken articles
// in, the four outputs checked (timeline.json parses and names its sources,
// the store has one row per good document), bad input reported by name.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "cli_harness.h"

namespace {

namespace fs = std::filesystem;
using chronicle::testing::ChronicleCommand;
using chronicle::testing::FreshTestDir;
using chronicle::testing::RunShell;
using chronicle::testing::Slurp;

struct BuildRun {
  int exit_code = -1;
  std::string err;
};

class BuildCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshTestDir("chronicle_build");
    fs::create_directories(dir_ / "in");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& name, const std::string& bytes) {
    std::ofstream(dir_ / "in" / name, std::ios::binary) << bytes;
  }
  BuildRun Build(const std::string& extra = "") {
    BuildRun r;
    r.exit_code = RunShell(
        ChronicleCommand("build '" + (dir_ / "in").string() + "' -o '" + (dir_ / "out").string() + "' " + extra,
                         dir_ / "stdout", dir_ / "stderr"));
    r.err = Slurp(dir_ / "stderr");
    return r;
  }
  fs::path dir_;
};

const char kArticleA[] =
    "Title: Strike on the depot\nSource: The Harbour Post\nPublished: 2024-05-10\n---\n"
    "On 9 May 2024, Russian drones struck a fuel depot in Odesa, killing two guards.\n";
const char kArticleB[] =
    "Title: Depot fire\nSource: Evening Courier\nPublished: 2024-05-11\n---\n"
    "A fuel depot in Odesa was struck by Russian drones on 9 May 2024, killing three guards.\n";

TEST_F(BuildCliTest, WritesTheFourOutputsAndMergesTheSources) {
  Write("a.txt", kArticleA);
  Write("b.txt", kArticleB);
  const BuildRun r = Build();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* f : {"timeline.json", "timeline.md", "timeline.html", "chronicle.db"}) {
    EXPECT_TRUE(fs::exists(dir_ / "out" / f)) << f;
  }
  EXPECT_FALSE(fs::exists(dir_ / "out" / "chronicle.db.tmp"));
  const auto j = nlohmann::json::parse(Slurp(dir_ / "out" / "timeline.json"));
  ASSERT_EQ(j["documents"].size(), 2u);
  EXPECT_EQ(j["documents"][0]["source"], "The Harbour Post");
  EXPECT_EQ(j["documents"][0]["published_inferred"], false);
  bool merged = false;
  for (const auto& e : j["events"]) {
    if (e["date"] == "2024-05-09" && e["sources"].size() == 2) {
      merged = true;
      EXPECT_TRUE(e["disputed"].get<bool>());  // two vs three guards
    }
  }
  EXPECT_TRUE(merged);
  EXPECT_NE(Slurp(dir_ / "out" / "timeline.html").find("Odesa"), std::string::npos);

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2((dir_ / "out" / "chronicle.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT count(*) FROM documents", -1, &st, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), 2);
  sqlite3_finalize(st);
  sqlite3_close(db);
}

// More documents than build holds at once (a ring of 1,024): every stored
// document is the text of its own input line, numbered in input order, with
// the near-copies and a broken line set aside wherever they fall.
// The build runs itself again with glibc's heap on transparent huge pages
// where the kernel gives them on request (cli/huge_pages.h), and not when
// told otherwise; the outputs are the same either way.
TEST_F(BuildCliTest, RunsWithTheHeapOnHugePagesWhereTheKernelAllowsIt) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "a sanitizer's allocator is not glibc's: no re-run";
#endif
  std::string mode;
  std::getline(std::ifstream("/sys/kernel/mm/transparent_hugepage/enabled"), mode);
  if (mode.find("[madvise]") == std::string::npos) GTEST_SKIP() << "transparent huge pages: " << mode;
  Write("a.txt", kArticleA);
  Write("b.txt", kArticleB);
  auto run = [&](const std::string& env, const std::string& out) {
    const int rc = RunShell("env -u GLIBC_TUNABLES -u CHRONICLE_REEXEC CHRONICLE_TIMING=1 " + env + " " +
                            ChronicleCommand("build '" + (dir_ / "in").string() + "' -o '" + (dir_ / out).string() + "'",
                                             dir_ / "stdout", dir_ / "stderr"));
    EXPECT_EQ(rc, 0);
    return Slurp(dir_ / "stderr");
  };
  EXPECT_NE(run("", "on").find("timing: heap on huge pages on"), std::string::npos);
  EXPECT_NE(run("CHRONICLE_HUGE_PAGES=0", "off").find("timing: heap on huge pages off"), std::string::npos);
  // A user's own setting of the tunable stands.
  EXPECT_NE(run("GLIBC_TUNABLES=glibc.malloc.hugetlb=0", "user").find("timing: heap on huge pages off"),
            std::string::npos);
  EXPECT_EQ(Slurp(dir_ / "on" / "timeline.json"), Slurp(dir_ / "off" / "timeline.json"));
}

TEST_F(BuildCliTest, AStreamLongerThanTheWindowKeepsEveryDocumentInItsPlace) {
  constexpr int kLines = 2200;
  std::string jsonl;
  auto text = [](int line) {
    return "On " + std::to_string(1 + line % 28) + " March 2024, the harbour office of Portvale" +
           std::to_string(line) + " reopened its eastern berth after a storm, officials said.";
  };
  for (int line = 1; line <= kLines; ++line) {
    if (line == 1500) {
      jsonl += "{\"text\": broken\n";
    } else if (line % 700 == 0) {  // a copy of line 7's article
      jsonl += "{\"text\": \"" + text(7) + "\", \"source\": \"copy" + std::to_string(line) + "\"}\n";
    } else {
      jsonl += "{\"text\": \"" + text(line) + "\"}\n";
    }
  }
  Write("wire.jsonl", jsonl);
  const BuildRun r = Build("--threads 2");
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.err.find("wire.jsonl:1500"), std::string::npos) << r.err;

  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2((dir_ / "out" / "chronicle.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT id, path, body FROM documents ORDER BY key", -1, &st, nullptr), SQLITE_OK);
  int next_id = 1, line = 0;
  while (sqlite3_step(st) == SQLITE_ROW) {
    // The next input line that is neither broken nor a copy.
    do {
      ++line;
    } while (line == 1500 || line % 700 == 0);
    const std::string id = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    const std::string path = reinterpret_cast<const char*>(sqlite3_column_text(st, 1));
    const std::string body = reinterpret_cast<const char*>(sqlite3_column_text(st, 2));
    ASSERT_EQ(id, "d" + std::to_string(next_id++));
    ASSERT_EQ(path.substr(path.size() - std::to_string(line).size() - 1), ":" + std::to_string(line)) << id;
    ASSERT_EQ(body, text(line)) << id;
  }
  sqlite3_finalize(st);
  EXPECT_EQ(next_id - 1, kLines - 1 - 3);  // one broken line, three copies
  // The copies are extra sources of line 7's document, d7.
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "SELECT group_concat(d.id || ' ' || c.source, ',') FROM (SELECT * FROM document_copies"
                               " ORDER BY idx) c JOIN documents d ON d.key = c.doc",
                               -1, &st, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, 0))),
            "d7 copy700,d7 copy1400,d7 copy2100");
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST_F(BuildCliTest, ABrokenFileIsNamedAndSkippedAndTheRunGoesOn) {
  Write("a.txt", kArticleA);
  Write("bad.txt", std::string("On 9 May 2024 \xff\xfe something happened.\n"));
  Write("empty.txt", "");
  const BuildRun r = Build();
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("bad.txt"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("empty.txt"), std::string::npos) << r.err;
  const auto j = nlohmann::json::parse(Slurp(dir_ / "out" / "timeline.json"));
  EXPECT_EQ(j["documents"].size(), 1u);
}

TEST_F(BuildCliTest, AReRunWithTheOutputInsideTheCorpusReadsOnlyTheArticles) {
  Write("a.txt", kArticleA);
  Write("b.txt", kArticleB);
  const std::string cmd = "build '" + (dir_ / "in").string() + "' -o '" + (dir_ / "in" / "out").string() + "'";
  ASSERT_EQ(RunShell(ChronicleCommand(cmd, dir_ / "stdout", dir_ / "stderr")), 0) << Slurp(dir_ / "stderr");
  const std::string first = Slurp(dir_ / "in" / "out" / "timeline.json");
  ASSERT_EQ(RunShell(ChronicleCommand(cmd, dir_ / "stdout", dir_ / "stderr")), 0) << Slurp(dir_ / "stderr");
  EXPECT_EQ(Slurp(dir_ / "stderr").find("error"), std::string::npos) << Slurp(dir_ / "stderr");
  EXPECT_EQ(Slurp(dir_ / "in" / "out" / "timeline.json"), first) << "the reports are not read as articles";
}

TEST_F(BuildCliTest, HostileTextIsEscapedInTheHtml) {
  Write("x.txt",
        "Title: <script>alert(1)</script>\n---\nOn 9 May 2024, <img src=x onerror=alert(1)> drones struck Odesa.\n");
  const BuildRun r = Build();
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = Slurp(dir_ / "out" / "timeline.html");
  EXPECT_EQ(html.find("<script>alert(1)"), std::string::npos);
  EXPECT_EQ(html.find("<img src=x"), std::string::npos);
}

TEST_F(BuildCliTest, UsageErrorsExitWithTwo) {
  EXPECT_EQ(Build("--dct not-a-date").exit_code, 2);
  fs::remove_all(dir_ / "in");
  fs::create_directories(dir_ / "in");
  EXPECT_EQ(Build().exit_code, 2);  // nothing to read
}

}  // namespace
