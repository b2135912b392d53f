// Input reading.
//
// ReadInputs resolves paths to byte strings (stdin, a file, or the sorted
// *.txt files under a directory, walked with std::filesystem using
// error_code overloads so nothing throws) and hands each to LoadDocument,
// which checks the bytes in order of cheapness and of how useful the message
// is: empty file; NUL byte (memchr over the whole file) or more than 10%
// control characters in the first 64 KiB, either of which means "binary";
// UTF-8 well-formedness (one pass, text::ValidateUtf8), or repair; then the
// header block (ParseHeader) and a final check that the body is not blank.
// All checks are linear in the file size.
#include "ingest/reader.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <utility>

#include "ingest/header.h"
#include "text/utf8.h"

namespace chronicle::ingest {
namespace {

namespace fs = std::filesystem;

constexpr size_t kControlSampleBytes = 64 * 1024;
constexpr size_t kMinControlChars = 8;

bool IsBlank(std::string_view s) {
  return s.find_first_not_of(" \t\r\n\v\f") == std::string_view::npos;
}

// Share of control characters other than the usual whitespace, in percent,
// over the first kControlSampleBytes bytes; 0 if there are too few to judge.
size_t ControlPercent(std::string_view s) {
  const std::string_view sample = s.substr(0, kControlSampleBytes);
  // One table lookup per byte: control characters other than whitespace.
  static constexpr auto kIsControl = [] {
    std::array<uint8_t, 256> t{};
    for (int c = 0; c < 0x20; ++c) t[static_cast<size_t>(c)] = 1;
    for (int c : {'\t', '\n', '\r', '\v', '\f'}) t[static_cast<size_t>(c)] = 0;
    t[0x7F] = 1;
    return t;
  }();
  size_t controls = 0;
  size_t i = 0;
  // Eight bytes at a time: a word with no byte below 0x20 and none equal to
  // 0x7F holds no control character (most words of text).
  constexpr uint64_t kOnes = 0x0101010101010101ULL, kHigh = 0x8080808080808080ULL;
  for (; i + 8 <= sample.size(); i += 8) {
    uint64_t x;
    std::memcpy(&x, sample.data() + i, sizeof x);
    const uint64_t below_space = (x - kOnes * 0x20) & ~x & kHigh;
    const uint64_t y = x ^ (kOnes * 0x7F);
    const uint64_t is_del = (y - kOnes) & ~y & kHigh;
    if ((below_space | is_del) == 0) continue;
    for (size_t k = i; k < i + 8; ++k) controls += kIsControl[static_cast<unsigned char>(sample[k])];
  }
  for (; i < sample.size(); ++i) controls += kIsControl[static_cast<unsigned char>(sample[i])];
  if (controls < kMinControlChars) return 0;
  return controls * 100 / sample.size();
}

std::string ErrnoMessage(int err) { return std::error_code(err, std::generic_category()).message(); }

// Reads all of `file` into *bytes; returns an error reason or nullopt.
std::optional<std::string> ReadStream(std::FILE* file, std::string* bytes) {
  char buffer[64 * 1024];
  while (true) {
    const size_t n = std::fread(buffer, 1, sizeof buffer, file);
    bytes->append(buffer, n);
    if (n < sizeof buffer) break;
  }
  if (std::ferror(file)) return "cannot read: " + ErrnoMessage(errno);
  return std::nullopt;
}

std::optional<std::string> ReadFile(const std::string& path, std::string* bytes) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return "cannot open: " + ErrnoMessage(errno);
  auto error = ReadStream(file, bytes);
  std::fclose(file);
  return error;
}

bool HasTxtExtension(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".txt";
}

void Load(std::string path, std::string bytes, const ReadOptions& options, ReadBatch& batch) {
  Document doc;
  if (auto error = LoadDocument(std::move(path), std::move(bytes), options, doc, batch.warnings)) {
    batch.errors.push_back(std::move(*error));
  } else {
    batch.documents.push_back(std::move(doc));
  }
}

void ReadOne(const std::string& path, const ReadOptions& options, ReadBatch& batch) {
  std::string bytes;
  if (auto error = ReadFile(path, &bytes)) {
    batch.errors.push_back({path, std::move(*error)});
    return;
  }
  Load(path, std::move(bytes), options, batch);
}

void ReadDirectory(const std::string& dir, const ReadOptions& options, ReadBatch& batch) {
  std::vector<std::string> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    batch.errors.push_back({dir, "cannot open directory: " + ec.message()});
    return;
  }
  for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
    if (ec) break;
    std::error_code type_ec;
    if (it->is_regular_file(type_ec) && HasTxtExtension(it->path())) {
      files.push_back(it->path().string());
    }
  }
  if (ec) batch.errors.push_back({dir, "cannot read directory: " + ec.message()});
  if (files.empty() && !ec) batch.warnings.push_back(dir + ": no .txt files found");
  std::sort(files.begin(), files.end());
  for (const auto& file : files) ReadOne(file, options, batch);
}

}  // namespace

std::optional<ReadError> LoadDocument(std::string path, std::string bytes,
                                      const ReadOptions& options, Document& out,
                                      std::vector<std::string>& warnings) {
  if (bytes.empty()) return ReadError{std::move(path), "empty file"};
  if (const void* nul = std::memchr(bytes.data(), '\0', bytes.size())) {
    const auto at = static_cast<const char*>(nul) - bytes.data();
    return ReadError{std::move(path), "binary file (NUL byte at " + std::to_string(at) + ")"};
  }
  if (const size_t percent = ControlPercent(bytes); percent > 10) {
    return ReadError{std::move(path),
                     "binary file (" + std::to_string(percent) + "% control characters)"};
  }
  if (auto bad = text::ValidateUtf8(bytes)) {
    if (!options.repair) {
      return ReadError{std::move(path), "invalid UTF-8 at byte " + std::to_string(bad->offset) +
                                            " (" + bad->reason + ")"};
    }
    size_t replaced = 0;
    bytes = text::RepairUtf8(bytes, &replaced);
    warnings.push_back(path + ": repaired " + std::to_string(replaced) + " invalid UTF-8 " +
                       (replaced == 1 ? "sequence" : "sequences"));
  }

  Document doc;
  doc.path = path;
  ParseHeader(bytes, doc);
  if (IsBlank(doc.body)) {
    const size_t bom = bytes.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    const bool header_only = doc.body_offset > bom;
    return ReadError{std::move(path), header_only ? "empty file (header only, no body text)"
                                                  : "empty file"};
  }
  out = std::move(doc);
  return std::nullopt;
}

ReadBatch ReadInputs(const std::vector<std::string>& paths, const ReadOptions& options) {
  ReadBatch batch;
  for (const auto& path : paths) {
    if (path == "-") {
      std::string bytes;
      if (auto error = ReadStream(stdin, &bytes)) {
        batch.errors.push_back({path, std::move(*error)});
      } else {
        Load(path, std::move(bytes), options, batch);
      }
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      ReadDirectory(path, options, batch);
    } else {
      ReadOne(path, options, batch);
    }
  }
  return batch;
}

}  // namespace chronicle::ingest
