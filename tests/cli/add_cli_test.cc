// `chronicle add` as a user runs it, and what `kill -9` does to it and to
// `chronicle build`: the store only ever holds whole documents, and running
// the same command again finishes the work, with no document lost or stored
// twice.
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "cli_harness.h"

namespace {

namespace fs = std::filesystem;
using chronicle::testing::ChronicleCommand;
using chronicle::testing::FreshTestDir;
using chronicle::testing::RunShell;
using chronicle::testing::Slurp;

struct CliRun {
  int exit_code = -1;
  std::string err;
};

// One value of a query on a database file, "" when it fails.
std::string Query(const fs::path& db_path, const std::string& sql) {
  sqlite3* db = nullptr;
  std::string out;
  if (sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK && sqlite3_step(stmt) == SQLITE_ROW) {
      const auto* text = sqlite3_column_text(stmt, 0);
      if (text != nullptr) out = reinterpret_cast<const char*>(text);
    } else {
      out = std::string("error: ") + sqlite3_errmsg(db);
    }
    sqlite3_finalize(stmt);
  }
  sqlite3_close(db);
  return out;
}

// The names in `dir` that are neither the store (and its temporary files)
// nor a report (and its temporary files), one per line.
std::string OddEntries(const fs::path& dir) {
  std::string odd;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind("chronicle.db", 0) != 0 && name.rfind("timeline.", 0) != 0) odd += name + "\n";
  }
  return odd;
}

class AddCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshTestDir("chronicle_add");
    fs::create_directories(dir_ / "in");
  }
  void TearDown() override { fs::remove_all(dir_); }

  // `copies` distinct articles: the example reports, each told again with
  // its own title line, so no two have the same content.
  void WriteCorpus(int copies) {
    std::vector<std::string> bodies;
    for (const auto& entry : fs::directory_iterator(fs::path(CHRONICLE_SOURCE_DIR) / "examples")) {
      if (entry.path().extension() == ".txt") bodies.push_back(Slurp(entry.path()));
    }
    std::sort(bodies.begin(), bodies.end());
    ASSERT_FALSE(bodies.empty());
    for (int i = 0; i < copies; ++i) {
      const std::string& body = bodies[static_cast<size_t>(i) % bodies.size()];
      char name[32];
      std::snprintf(name, sizeof name, "a%04d.txt", i);
      // The example header gets a distinct title; a body without one gets a line.
      std::string text = body;
      if (text.rfind("Title:", 0) == 0) {
        text.insert(6, " Copy " + std::to_string(i) + ":");
      } else {
        text = "Copy " + std::to_string(i) + "\n\n" + text;
      }
      std::ofstream(dir_ / "in" / name, std::ios::binary) << text;
    }
  }

  std::string Command(const std::string& args) const {
    return ChronicleCommand(args, dir_ / "stdout", dir_ / "stderr");
  }
  std::string AddArgs(const std::string& extra = "") const {
    return "add '" + (dir_ / "in").string() + "' --db '" + (dir_ / "store" / "chronicle.db").string() + "' " + extra;
  }
  std::string BuildArgs(const std::string& out, const std::string& extra = "") const {
    return "build '" + (dir_ / "in").string() + "' -o '" + (dir_ / out).string() + "' " + extra;
  }
  CliRun Chronicle(const std::string& args) const {
    CliRun r;
    r.exit_code = RunShell(Command(args));
    r.err = Slurp(dir_ / "stderr");
    return r;
  }
  // Starts the command and kills it with SIGKILL after `delay`.
  void KillAfter(const std::string& args, std::chrono::microseconds delay) const {
    const pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) {
      // Its own process group, so that the kill reaches the shell's child too.
      ::setpgid(0, 0);
      ::execl("/bin/sh", "sh", "-c", ("exec " + Command(args)).c_str(), static_cast<char*>(nullptr));
      ::_exit(127);
    }
    std::this_thread::sleep_for(delay);
    ::kill(-pid, SIGKILL);
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
  }

  fs::path dir_;
};

TEST_F(AddCliTest, AddGivesTheTimelineOfBuildAndAddingAgainChangesNothing) {
  WriteCorpus(7);
  const CliRun b = Chronicle(BuildArgs("built"));
  ASSERT_EQ(b.exit_code, 0) << b.err;
  const CliRun a = Chronicle(AddArgs());
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_NE(a.err.find("7 new, 0 changed, 0 unchanged, 0 near-copies of others; 7 documents"), std::string::npos)
      << a.err;
  const std::string timeline = Slurp(dir_ / "store" / "timeline.json");
  EXPECT_EQ(timeline, Slurp(dir_ / "built" / "timeline.json"));

  const CliRun again = Chronicle(AddArgs());
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.err.find("0 new, 0 changed, 7 unchanged, 0 near-copies of others; 7 documents"), std::string::npos)
      << again.err;
  EXPECT_EQ(Slurp(dir_ / "store" / "timeline.json"), timeline);
  EXPECT_EQ(Query(dir_ / "store" / "chronicle.db", "SELECT count(*) FROM documents"), "7");
}

TEST_F(AddCliTest, OnlyNewAndChangedArticlesAreAnalysed) {
  WriteCorpus(4);
  ASSERT_EQ(Chronicle(AddArgs()).exit_code, 0);
  const fs::path db = dir_ / "store" / "chronicle.db";
  const std::string first_id = Query(db, "SELECT id FROM documents WHERE path LIKE '%a0001.txt'");
  ASSERT_FALSE(first_id.empty());
  // One article is edited, one is new.
  std::ofstream(dir_ / "in" / "a0001.txt", std::ios::app) << "\nOn 3 March 2025, the ministry issued a correction.\n";
  std::ofstream(dir_ / "in" / "a0009.txt") << "On 4 March 2025, the embassy in Baku closed its consular section.\n";
  const CliRun r = Chronicle(AddArgs());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("1 new, 1 changed, 3 unchanged, 0 near-copies of others; 5 documents"), std::string::npos)
      << r.err;
  // The edited article keeps its id and holds the new text.
  EXPECT_EQ(Query(db, "SELECT id FROM documents WHERE path LIKE '%a0001.txt'"), first_id);
  EXPECT_EQ(Query(db, "SELECT instr(body, 'correction') > 0 FROM documents WHERE path LIKE '%a0001.txt'"), "1");
  EXPECT_EQ(Query(db, "SELECT count(*) FROM documents"), "5");
}

TEST_F(AddCliTest, KilledAddLeavesWholeDocumentsAndResumes) {
  constexpr int kArticles = 40;
  WriteCorpus(kArticles);
  // The copies of the examples differ only in their titles: near-copies,
  // analysed all the same here.
  const std::string keep = "--keep-duplicates";
  ASSERT_EQ(Chronicle(BuildArgs("built", keep)).exit_code, 0);
  const fs::path db = dir_ / "store" / "chronicle.db";
  // Kills at growing delays land before the store exists, between
  // documents, inside a document's transaction, during the timeline.
  for (int ms : {2, 10, 30, 60, 100, 160, 250}) {
    KillAfter(AddArgs(keep), std::chrono::milliseconds(ms));
    if (!fs::exists(db)) continue;
    EXPECT_EQ(Query(db, "PRAGMA integrity_check"), "ok") << "after " << ms << " ms";
    // Killed before the schema was committed: an empty database, also fine.
    if (Query(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'documents'") == "0") continue;
    const std::string docs = Query(db, "SELECT count(*) FROM documents");
    EXPECT_EQ(Query(db, "SELECT count(DISTINCT path) FROM documents"), docs) << "after " << ms << " ms";
    // A stored document is whole: its sentences are there.
    EXPECT_EQ(Query(db,
                    "SELECT count(*) FROM documents d WHERE NOT EXISTS"
                    " (SELECT 1 FROM sentences s WHERE s.doc = d.key)"),
              "0")
        << "after " << ms << " ms";
  }
  const CliRun r = Chronicle(AddArgs(keep));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Query(db, "SELECT count(*) FROM documents"), std::to_string(kArticles));
  EXPECT_EQ(Query(db, "SELECT count(DISTINCT path) FROM documents"), std::to_string(kArticles));
  // Ids are given in input order, so the result is the one build gives.
  EXPECT_EQ(Slurp(dir_ / "store" / "timeline.json"), Slurp(dir_ / "built" / "timeline.json"));
}

TEST_F(AddCliTest, KilledBuildKeepsTheOldStoreOrNoneAndAReRunCompletes) {
  WriteCorpus(40);
  const std::string keep = "--keep-duplicates";
  ASSERT_EQ(Chronicle(BuildArgs("built", keep)).exit_code, 0);
  const fs::path db = dir_ / "out" / "chronicle.db";
  for (int ms : {2, 20, 60, 120, 200}) {
    KillAfter(BuildArgs("out", keep), std::chrono::milliseconds(ms));
    // chronicle.db appears only complete (it is renamed into place).
    if (fs::exists(db)) {
      EXPECT_EQ(Query(db, "PRAGMA integrity_check"), "ok") << "after " << ms << " ms";
      EXPECT_EQ(Query(db, "SELECT count(*) FROM documents"), "40") << "after " << ms << " ms";
    }
  }
  const CliRun r = Chronicle(BuildArgs("out", keep));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Query(db, "SELECT count(*) FROM documents"), "40");
  EXPECT_FALSE(fs::exists(dir_ / "out" / "chronicle.db.tmp"));
  EXPECT_EQ(OddEntries(dir_ / "out"), "");
  EXPECT_EQ(Slurp(dir_ / "out" / "timeline.json"), Slurp(dir_ / "built" / "timeline.json"));
}

// The merge's spill file (merge/spill.h) has no name: it never shows in OUT,
// while build or add runs or after either is killed, so nothing is left for
// a re-run to trip over.
TEST_F(AddCliTest, TheSpillFileNeverShowsInTheOutputDirectory) {
  WriteCorpus(40);
  const std::string keep = "--keep-duplicates";
  fs::create_directories(dir_ / "out");
  std::set<std::string> seen;
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::execl("/bin/sh", "sh", "-c", ("exec " + Command(BuildArgs("out", keep))).c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(dir_ / "out", ec)) seen.insert(entry.path().filename().string());
  }
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << Slurp(dir_ / "stderr");
  for (const auto& name : seen) {
    const bool known = name.rfind("chronicle.db", 0) == 0 || name.rfind("timeline.", 0) == 0;
    EXPECT_TRUE(known) << "a file " << name << " showed in OUT during the build";
  }
  for (int ms : {20, 60, 120, 200}) {
    KillAfter(BuildArgs("out", keep), std::chrono::milliseconds(ms));
    EXPECT_EQ(OddEntries(dir_ / "out"), "") << "after " << ms << " ms";
    KillAfter(AddArgs(keep), std::chrono::milliseconds(ms));
    EXPECT_EQ(OddEntries(dir_ / "store"), "") << "add, after " << ms << " ms";
  }
}

TEST_F(AddCliTest, NearCopiesAreKeptAsExtraSourcesOfTheTextTheyCopy) {
  const std::string story = Slurp(fs::path(CHRONICLE_SOURCE_DIR) / "examples" / "01_sputnik_journalists_detained.txt");
  const std::string body = story.substr(story.find("---\n") + 4);
  std::ofstream(dir_ / "in" / "a.txt") << "Title: Arrests in Baku\nSource: Wire\n---\n" << body;
  std::ofstream(dir_ / "in" / "b.txt") << "Title: Arrests in Baku (repost)\nSource: Portal\n---\n"
                                       << "PORTAL NEWS | Home | World\n\n"
                                       << body << "\nShare this story.\n";
  std::ofstream(dir_ / "in" / "c.txt") << "On 4 March 2025, the embassy in Baku closed its consular section.\n";
  const CliRun b = Chronicle(BuildArgs("built"));
  ASSERT_EQ(b.exit_code, 0) << b.err;
  EXPECT_NE(b.err.find("3 documents (1 near-copies of others"), std::string::npos) << b.err;
  const fs::path built = dir_ / "built" / "chronicle.db";
  EXPECT_EQ(Query(built, "SELECT count(*) FROM documents"), "2");
  EXPECT_EQ(Query(built,
                  "SELECT d.id || ' ' || c.source || ' ' || (c.similarity >= 0.8) FROM document_copies c"
                  " JOIN documents d ON d.key = c.doc"),
            "d1 Portal 1");

  const CliRun a = Chronicle(AddArgs());
  ASSERT_EQ(a.exit_code, 0) << a.err;
  EXPECT_NE(a.err.find("2 new, 0 changed, 0 unchanged, 1 near-copies of others; 2 documents"), std::string::npos)
      << a.err;
  const CliRun again = Chronicle(AddArgs());
  EXPECT_NE(again.err.find("0 new, 0 changed, 3 unchanged, 0 near-copies of others"), std::string::npos) << again.err;
  // A new re-post of a stored text is found against the store.
  std::ofstream(dir_ / "in" / "d.txt") << "Title: Baku arrests\nSource: Aggregator\n---\n"
                                       << body << "\nRead more on our site.\n";
  const CliRun more = Chronicle(AddArgs());
  EXPECT_NE(more.err.find("0 new, 0 changed, 3 unchanged, 1 near-copies of others; 2 documents"), std::string::npos)
      << more.err;
  const fs::path db = dir_ / "store" / "chronicle.db";
  EXPECT_EQ(Query(db, "SELECT group_concat(source, ',') FROM (SELECT source FROM document_copies ORDER BY idx)"),
            "Portal,Aggregator");
}

}  // namespace
