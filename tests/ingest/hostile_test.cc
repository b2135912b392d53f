// Issue 4 §3: a corpus of broken and hostile inputs (generated here, see
// ingest_samples.h) read in one run beside good inputs of every format. Each
// bad input gives one error naming the file (and record or line) and the
// reason; every good input is read; memory stays bounded.
#include <gtest/gtest.h>
#include <sys/resource.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>

#include "ingest/reader.h"
#include "ingest_samples.h"

namespace chronicle::ingest {
namespace {

namespace fs = std::filesystem;

constexpr size_t kHugeLine = size_t{100} * 1000 * 1000;  // the 100 MB line

class HostileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("chronicle_hostile_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

long PeakRssKiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

TEST_F(HostileTest, EveryBadInputIsNamedAndEveryGoodOneRead) {
  const auto corpus = chronicle::testing::WriteHostileCorpus(dir_, kHugeLine);
  const auto start = std::chrono::steady_clock::now();
  const ReadBatch batch = ReadInputs({dir_.string()}, {});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  std::vector<std::string> paths;
  for (const auto& d : batch.documents) paths.push_back(d.path);
  EXPECT_EQ(paths, corpus.good_paths);

  std::string all;
  for (const auto& e : batch.errors) all += e.path + ": " + e.reason + "\n";
  EXPECT_EQ(batch.errors.size(), corpus.bad.size()) << all;
  for (const auto& expected : corpus.bad) {
    bool found = false;
    for (const auto& e : batch.errors) {
      found = found || (e.path == expected.path && e.reason.find(expected.reason) != std::string::npos);
    }
    EXPECT_TRUE(found) << "missing: " << expected.path << ": ..." << expected.reason << "...\ngot:\n" << all;
  }
  for (const auto& e : batch.errors) {
    EXPECT_FALSE(e.reason.empty());
    EXPECT_EQ(e.reason.find('\n'), std::string::npos) << e.reason;
    EXPECT_EQ(e.reason.find('\r'), std::string::npos) << e.reason;
  }
  for (const auto& d : batch.documents) {
    EXPECT_NE(d.body.find_first_not_of(" \n"), std::string::npos) << d.path;
  }
  EXPECT_LT(seconds, 15.0);
}

TEST_F(HostileTest, AHugeLineIsSkippedInBoundedMemory) {
  // The line is skipped chunk by chunk: with a 1 MiB record limit, reading
  // a 100 MB line must not raise the peak memory by more than a few MiB
  // (the reader's buffer), far below the size of the line.
  const auto corpus = chronicle::testing::WriteHostileCorpus(dir_, kHugeLine);
  ReadOptions options;
  options.max_record_bytes = size_t{1} << 20;
  const long before = PeakRssKiB();
  const ReadBatch batch = ReadInputs({(dir_ / "j_huge.jsonl").string()}, options);
  const long grown_mib = (PeakRssKiB() - before) / 1024;
  ASSERT_EQ(batch.documents.size(), 2u);
  ASSERT_EQ(batch.errors.size(), 1u);
  EXPECT_EQ(batch.errors[0].path, (dir_ / "j_huge.jsonl").string() + ":2");
  EXPECT_EQ(batch.errors[0].reason,
            "line of 95.4 MiB is longer than the limit of 1 MiB for one record; skipped");
  EXPECT_LT(grown_mib, 16) << "peak memory grew by " << grown_mib << " MiB";
}

TEST_F(HostileTest, StreamingNeverHoldsMoreThanOneRecord) {
  // 5,000 JSONL records and a WARC of 1,000 records: the streaming API hands
  // them out one by one (checked by counting in the callback, in order).
  std::string jsonl;
  for (int i = 0; i < 5000; ++i) jsonl += "{\"text\":\"Record " + std::to_string(i) + " on Monday.\"}\n";
  std::string warc;
  for (int i = 0; i < 1000; ++i) {
    warc += chronicle::testing::Gzip(chronicle::testing::WarcRecord(
        "response", "https://e.example/" + std::to_string(i),
        chronicle::testing::HttpResponse(chronicle::testing::NewsPage("T", "Page " + std::to_string(i) + "."))));
  }
  std::ofstream(dir_ / "many.jsonl", std::ios::binary) << jsonl;
  std::ofstream(dir_ / "many.warc.gz", std::ios::binary) << warc;
  size_t count = 0, errors = 0;
  bool in_order = true;
  ForEachDocument(
      {dir_.string()}, {},
      [&](Document&& d) {
        const size_t i = count++;
        if (i < 5000) {
          in_order = in_order && d.path == (dir_ / "many.jsonl").string() + ":" + std::to_string(i + 1);
        } else {
          in_order = in_order && d.path == (dir_ / "many.warc.gz").string() + "#record" + std::to_string(i - 4999);
        }
      },
      [&](ReadError&&) { ++errors; });
  EXPECT_EQ(count, 6000u);
  EXPECT_EQ(errors, 0u);
  EXPECT_TRUE(in_order);
}

}  // namespace
}  // namespace chronicle::ingest
