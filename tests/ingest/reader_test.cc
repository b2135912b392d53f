#include "ingest/reader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "ingest/header.h"

namespace chronicle::ingest {
namespace {

namespace fs = std::filesystem;

TEST(HeaderParse, FullHeader) {
  const std::string file =
      "Title: Floods in the Valley\nsource:  Daily Example \nURL: https://example.com/a?b=c\n"
      "Published: 2025-07-03\nLANGUAGE: en\nX-Custom: ignored\n---\nThe river rose.\n";
  Document doc;
  ParseHeader(file, doc);
  EXPECT_EQ(doc.title, "Floods in the Valley");
  EXPECT_EQ(doc.source, "Daily Example");
  EXPECT_EQ(doc.url, "https://example.com/a?b=c");
  EXPECT_EQ(doc.published, "2025-07-03");
  EXPECT_EQ(doc.language, "en");
  EXPECT_EQ(doc.body, "The river rose.\n");
  EXPECT_EQ(doc.body_offset, file.find("The river"));
}

TEST(HeaderParse, NoHeader) {
  const std::string file = "The river rose.\nTitle: not a header\n---\n";
  Document doc;
  doc.title = "stale";
  ParseHeader(file, doc);
  EXPECT_FALSE(doc.title);
  EXPECT_EQ(doc.body, file);
  EXPECT_EQ(doc.body_offset, 0u);
}

TEST(HeaderParse, KeyValueLinesWithoutTerminatorAreBody) {
  const std::string file = "Note: the river rose.\nWarning: roads closed.\n";
  Document doc;
  ParseHeader(file, doc);
  EXPECT_FALSE(doc.title);
  EXPECT_EQ(doc.body, file);
}

TEST(HeaderParse, TerminatorMustComeWithinFiftyLines) {
  std::string file;
  for (int i = 0; i < 60; ++i) file += "Key" + std::to_string(i) + ": v\n";
  file += "---\nBody.\n";
  Document doc;
  ParseHeader(file, doc);
  EXPECT_EQ(doc.body_offset, 0u);

  std::string short_file = "Title: T\n";
  for (int i = 0; i < 48; ++i) short_file += "Key: v\n";
  short_file += "---\nBody.\n";  // line 50
  ParseHeader(short_file, doc);
  EXPECT_EQ(doc.title, "T");
  EXPECT_EQ(doc.body, "Body.\n");
}

// ParseHeaderAndTake gives the body the bytes' own buffer: the same document
// as ParseHeader's copy, header or not.
TEST(HeaderParse, TakingTheBufferGivesTheSameDocument) {
  for (const std::string& bytes : {std::string("Title: T\nPublished: 2025-07-01\n---\nBody text.\n"),
                                  std::string("\xEF\xBB\xBFJust text."), std::string("No header here.\n---\nx")}) {
    Document copied, taken;
    ParseHeader(bytes, copied);
    ParseHeaderAndTake(std::string(bytes), taken);
    EXPECT_EQ(taken.body, copied.body) << bytes;
    EXPECT_EQ(taken.body_offset, copied.body_offset) << bytes;
    EXPECT_EQ(taken.title, copied.title) << bytes;
    EXPECT_EQ(taken.published, copied.published) << bytes;
  }
}

TEST(HeaderParse, CrLfBomAndEdgeCases) {
  Document doc;
  const std::string crlf = "\xEF\xBB\xBFTitle: T\r\n---\r\nBody\r\n";
  ParseHeader(crlf, doc);
  EXPECT_EQ(doc.title, "T");
  EXPECT_EQ(doc.body, "Body\r\n");
  EXPECT_EQ(doc.body_offset, crlf.find("Body"));

  ParseHeader("\xEF\xBB\xBFJust text.", doc);
  EXPECT_EQ(doc.body, "Just text.");
  EXPECT_EQ(doc.body_offset, 3u);

  ParseHeader("---\nBody", doc);  // no key line before ---
  EXPECT_EQ(doc.body_offset, 0u);

  ParseHeader("Title: Only\n---", doc);  // header, empty body
  EXPECT_EQ(doc.title, "Only");
  EXPECT_EQ(doc.body, "");

  ParseHeader("Title: T\n--- \nBody", doc);  // "--- " is not exactly "---"
  EXPECT_EQ(doc.body_offset, 0u);
  EXPECT_FALSE(doc.title);

  ParseHeader("  Title: T\n---\nBody", doc);  // indented key
  EXPECT_EQ(doc.body_offset, 0u);
}

TEST(ReaderLoad, GoodDocument) {
  Document doc;
  std::vector<std::string> warnings;
  const auto err = LoadDocument("a.txt", "Title: A\n---\nHello world.\r\n", {}, doc, warnings);
  EXPECT_FALSE(err);
  EXPECT_EQ(doc.path, "a.txt");
  EXPECT_EQ(doc.title, "A");
  EXPECT_EQ(doc.body, "Hello world.\r\n");  // CRLF kept as read
  EXPECT_EQ(doc.body_offset, 13u);
  EXPECT_TRUE(warnings.empty());
}

TEST(ReaderLoad, StripsBomAndKeepsBodyUnnormalized) {
  Document doc;
  std::vector<std::string> warnings;
  ASSERT_FALSE(LoadDocument("b.txt", "\xEF\xBB\xBF" "Cafe\xCC\x81.", {}, doc, warnings));
  EXPECT_EQ(doc.body, "Cafe\xCC\x81.");
  EXPECT_EQ(doc.body_offset, 3u);
}

TEST(ReaderLoad, InvalidUtf8ReportsFileOffset) {
  Document doc;
  std::vector<std::string> warnings;
  const auto err = LoadDocument("bad.txt", "Title: T\n---\nabc\xC3(def", {}, doc, warnings);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->path, "bad.txt");
  EXPECT_EQ(err->reason, "invalid UTF-8 at byte 16 (invalid continuation byte)");
}

TEST(ReaderLoad, RepairModeReplacesAndWarns) {
  Document doc;
  std::vector<std::string> warnings;
  ReadOptions options;
  options.repair = true;
  const auto err = LoadDocument("bad.txt", "ab\xFF" "cd\xE2\x80!", options, doc, warnings);
  ASSERT_FALSE(err);
  EXPECT_EQ(doc.body, "ab\xEF\xBF\xBD" "cd\xEF\xBF\xBD!");
  ASSERT_EQ(warnings.size(), 1u);
  EXPECT_EQ(warnings[0], "bad.txt: repaired 2 invalid UTF-8 sequences");
}

TEST(ReaderLoad, EmptyAndBinary) {
  Document doc;
  std::vector<std::string> warnings;
  EXPECT_EQ(LoadDocument("e", "", {}, doc, warnings)->reason, "empty file");
  EXPECT_EQ(LoadDocument("e", " \n\t\r\n ", {}, doc, warnings)->reason, "empty file");
  EXPECT_EQ(LoadDocument("e", "\xEF\xBB\xBF\n", {}, doc, warnings)->reason, "empty file");
  EXPECT_EQ(LoadDocument("e", "Title: T\n---\n\n", {}, doc, warnings)->reason,
            "empty file (header only, no body text)");
  EXPECT_EQ(LoadDocument("n", std::string("text\0more", 9), {}, doc, warnings)->reason,
            "binary file (NUL byte at 4)");
  std::string controls = "ab";
  for (int i = 0; i < 20; ++i) controls += "\x01\x02x";
  const auto err = LoadDocument("c", controls, {}, doc, warnings);
  ASSERT_TRUE(err);
  EXPECT_EQ(err->reason.rfind("binary file (", 0), 0u) << err->reason;
  // Counted exactly, wherever they fall in the sixteen-byte blocks; DEL
  // counts, tabs and line breaks do not: 10 + 10 of 100 bytes.
  std::string mixed;
  const std::string block = "\x01" "aa\nab\x7F\tab";
  for (int i = 0; i < 100; ++i) mixed += block[static_cast<size_t>(i % 10)];
  const auto mixed_err = LoadDocument("m", mixed, {}, doc, warnings);
  ASSERT_TRUE(mixed_err);
  EXPECT_EQ(mixed_err->reason, "binary file (20% control characters)");
  // A few stray control characters in real text are fine.
  std::string mostly_text(2000, 'a');
  mostly_text += "\x1B\x07";
  EXPECT_FALSE(LoadDocument("t", mostly_text, {}, doc, warnings));
}

class ReaderDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("chronicle_reader_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "_" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "sub");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const fs::path& rel, const std::string& bytes) {
    std::ofstream out(dir_ / rel, std::ios::binary);
    out << bytes;
  }
  fs::path dir_;
};

TEST_F(ReaderDirTest, ReaderWalksDirectoryAndReportsErrors) {
  Write("sub/good.txt", "Title: Good\n---\nThe river rose.\n");
  Write("empty.txt", "");
  Write("bad.txt", "ok\xE0\x80\x80");
  Write("notes.md", "Not a txt file.");
  ReadOptions options;
  const auto batch = ReadInputs({dir_.string()}, options);
  ASSERT_EQ(batch.documents.size(), 1u);
  EXPECT_EQ(batch.documents[0].path, (dir_ / "sub/good.txt").string());
  EXPECT_EQ(batch.documents[0].title, "Good");
  ASSERT_EQ(batch.errors.size(), 2u);  // sorted by path: bad.txt, empty.txt
  EXPECT_EQ(batch.errors[0].path, (dir_ / "bad.txt").string());
  EXPECT_EQ(batch.errors[0].reason, "invalid UTF-8 at byte 2 (overlong encoding)");
  EXPECT_EQ(batch.errors[1].path, (dir_ / "empty.txt").string());
  EXPECT_EQ(batch.errors[1].reason, "empty file");
  EXPECT_TRUE(batch.warnings.empty());
}

TEST_F(ReaderDirTest, ReaderOrdersFilesAndReadsNamedFilesOfAnyExtension) {
  Write("b.txt", "Second.");
  Write("a.TXT", "First.");
  Write("sub/c.txt", "Third.");
  Write("notes.md", "Named explicitly.");
  const auto batch = ReadInputs({dir_.string(), (dir_ / "notes.md").string()}, {});
  ASSERT_EQ(batch.documents.size(), 4u);
  EXPECT_EQ(batch.documents[0].body, "First.");
  EXPECT_EQ(batch.documents[1].body, "Second.");
  EXPECT_EQ(batch.documents[2].body, "Third.");
  EXPECT_EQ(batch.documents[3].body, "Named explicitly.");
  EXPECT_TRUE(batch.errors.empty());
}

TEST_F(ReaderDirTest, ReaderMissingFileAndEmptyDirectory) {
  fs::create_directories(dir_ / "nothing");
  const auto batch =
      ReadInputs({(dir_ / "missing.txt").string(), (dir_ / "nothing").string()}, {});
  EXPECT_TRUE(batch.documents.empty());
  ASSERT_EQ(batch.errors.size(), 1u);
  EXPECT_EQ(batch.errors[0].path, (dir_ / "missing.txt").string());
  EXPECT_EQ(batch.errors[0].reason, "cannot open: No such file or directory");
  ASSERT_EQ(batch.warnings.size(), 1u);
  EXPECT_EQ(batch.warnings[0], (dir_ / "nothing").string() + ": no input files found (.txt, .html, .xml, .jsonl, .warc, .gz, ...)");
}

TEST_F(ReaderDirTest, ReaderRepairModeInDirectory) {
  Write("bad.txt", "caf\xE9 au lait");
  ReadOptions options;
  options.repair = true;
  const auto batch = ReadInputs({dir_.string()}, options);
  ASSERT_EQ(batch.documents.size(), 1u);
  EXPECT_EQ(batch.documents[0].body, "caf\xEF\xBF\xBD au lait");
  ASSERT_EQ(batch.warnings.size(), 1u);
  EXPECT_EQ(batch.warnings[0], (dir_ / "bad.txt").string() + ": repaired 1 invalid UTF-8 sequence");
}

}  // namespace
}  // namespace chronicle::ingest
