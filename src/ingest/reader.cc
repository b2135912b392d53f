// Input reading.
//
// ForEachDocument resolves paths to byte streams (stdin, a file, or the
// sorted supported files under a directory, walked with std::filesystem
// using error_code overloads so nothing throws), peeks at the first 4 KiB to
// sniff the format (formats.h; gzip is decompressed on the fly and sniffed
// again) and hands the stream to the reader of that format: WARC and JSONL
// are read record by record; text, HTML and feeds are read whole, up to
// their size limit. Plain text goes to LoadDocument, which checks the bytes
// in order of cheapness and of how useful the message is: empty file; NUL
// byte (memchr over the whole file) or more than 10% control characters in
// the first 64 KiB, either of which means "binary"; UTF-8 well-formedness
// (one pass, text::ValidateUtf8), or repair; then the header block
// (ParseHeader) and a final check that the body is not blank. All checks are
// linear in the file size.
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

#include "ingest/dates.h"
#include "ingest/formats.h"
#include "ingest/header.h"
#include "ingest/html.h"
#include "ingest/source.h"
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
  // Sixteen bytes at a time (a GCC/Clang vector: SSE2 on x86-64): a block
  // with no byte below 0x20 and none equal to 0x7F holds no control
  // character (most blocks of text); the others are counted byte by byte.
  using Bytes16 = unsigned char __attribute__((vector_size(16)));
  for (; i + 16 <= sample.size(); i += 16) {
    Bytes16 v;
    std::memcpy(&v, sample.data() + i, sizeof v);
    const auto suspect = (v < 0x20) | (v == 0x7F);
    uint64_t lanes[2];
    std::memcpy(lanes, &suspect, sizeof lanes);
    if ((lanes[0] | lanes[1]) == 0) continue;
    for (size_t k = i; k < i + 16; ++k) controls += kIsControl[static_cast<unsigned char>(sample[k])];
  }
  for (; i < sample.size(); ++i) controls += kIsControl[static_cast<unsigned char>(sample[i])];
  if (controls < kMinControlChars) return 0;
  return controls * 100 / sample.size();
}

std::string ErrnoMessage(int err) { return std::error_code(err, std::generic_category()).message(); }

constexpr size_t kSniffBytes = 4096;

std::string LowerExtension(std::string_view name) {
  const size_t slash = name.find_last_of('/');
  const size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return "";
  std::string ext(name.substr(dot));
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

bool IsInputFile(const fs::path& p) {
  const std::string ext = LowerExtension(p.filename().string());
  return std::any_of(std::begin(kInputExtensions), std::end(kInputExtensions),
                     [&](const char* e) { return ext == e; });
}

void Fail(const DocumentSink& sink, const std::string& path, std::string reason) {
  sink.on_error(ReadError{path, std::move(reason)});
}

void Warn(const DocumentSink& sink, std::string warning) {
  if (sink.on_warning) sink.on_warning(std::move(warning));
}

// Text, HTML and feeds: the whole file (up to its limit) at once.
void ReadWhole(StreamReader& in, const std::string& name, Format format, std::optional<uint64_t> size,
               const ReadOptions& options, const DocumentSink& sink) {
  const bool text = format == Format::kText;
  const size_t limit = text ? options.max_record_bytes : options.max_markup_bytes;
  const std::string kind = text ? "one document" : format == Format::kHtml ? "one HTML page" : "one feed";
  if (size && *size > limit) {
    return Fail(sink, name, "file of " + FormatBytes(*size) + " is larger than the limit of " + FormatBytes(limit) +
                                " for " + kind);
  }
  std::string bytes;
  if (!in.ReadAll(&bytes, limit)) {
    return Fail(sink, name, "file larger than the limit of " + FormatBytes(limit) + " for " + kind);
  }
  if (!in.error().empty()) return Fail(sink, name, in.error());
  if (format == Format::kFeed) return ReadFeed(bytes, name, options, sink);
  if (text) {
    Document doc;
    std::vector<std::string> warnings;
    auto error = LoadDocument(name, std::move(bytes), options, doc, warnings);
    for (auto& w : warnings) Warn(sink, std::move(w));
    if (error) return sink.on_error(std::move(*error));
    return sink.on_document(std::move(doc));
  }
  HtmlPage page;
  if (auto err = ReadHtml(bytes, "", HtmlOptionsFor(options, "", false), &page)) return Fail(sink, name, *err);
  Document doc;
  if (auto err = DocumentFromPage(name, std::move(page), options, sink, &doc)) return Fail(sink, name, *err);
  sink.on_document(std::move(doc));
}

void Dispatch(StreamReader& in, const std::string& name, Format format, std::optional<uint64_t> size,
              const ReadOptions& options, const DocumentSink& sink) {
  switch (format) {
    case Format::kWarc:
      return ReadWarc(in, name, options, sink);
    case Format::kJsonl:
      return ReadJsonl(in, name, options, sink);
    case Format::kGzip:
      return Fail(sink, name, "gzip data inside gzip data is not supported");
    default:
      return ReadWhole(in, name, format, size, options, sink);
  }
}

void ReadSource(const std::string& name, ByteSource& source, std::optional<uint64_t> size,
                const ReadOptions& options, const DocumentSink& sink) {
  StreamReader raw(source);
  const std::string_view head = raw.Peek(kSniffBytes);
  if (head.empty()) return Fail(sink, name, raw.error().empty() ? "empty file" : raw.error());
  std::string ext = LowerExtension(name);
  const Format format = SniffFormat(head, ext);
  if (format != Format::kGzip) return Dispatch(raw, name, format, size, options, sink);
  GzipSource gzip(raw);
  StreamReader in(gzip);
  const std::string_view inner = in.Peek(kSniffBytes);
  if (inner.empty()) return Fail(sink, name, in.error().empty() ? "empty file (no data in the gzip stream)" : in.error());
  if (ext == ".gz") ext = LowerExtension(std::string_view(name).substr(0, name.size() - 3));
  Dispatch(in, name, SniffFormat(inner, ext), std::nullopt, options, sink);
}

void ReadFile(const std::string& path, const ReadOptions& options, const DocumentSink& sink) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) return Fail(sink, path, "cannot open: " + ErrnoMessage(errno));
  FileSource source(file);
  ReadSource(path, source, source.size(), options, sink);
}

// True for a report Chronicle wrote into one of options.output_dirs.
bool IsOwnReport(const fs::path& file, const ReadOptions& options) {
  if (options.output_dirs.empty()) return false;
  const std::string name = file.filename().string();
  if (name != "timeline.json" && name != "timeline.html" && name != "timeline.md") return false;
  std::error_code ec;
  const fs::path parent = fs::weakly_canonical(file.parent_path(), ec);
  if (ec) return false;
  for (const auto& dir : options.output_dirs) {
    std::error_code dir_ec;
    if (fs::weakly_canonical(dir, dir_ec) == parent && !dir_ec) return true;
  }
  return false;
}

void ReadDirectory(const std::string& dir, const ReadOptions& options, const DocumentSink& sink) {
  std::vector<std::string> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) return Fail(sink, dir, "cannot open directory: " + ec.message());
  for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
    if (ec) break;
    std::error_code type_ec;
    if (it->is_regular_file(type_ec) && IsInputFile(it->path()) && !IsOwnReport(it->path(), options)) {
      files.push_back(it->path().string());
    }
  }
  if (ec) Fail(sink, dir, "cannot read directory: " + ec.message());
  if (files.empty() && !ec) Warn(sink, dir + ": no input files found (.txt, .html, .xml, .jsonl, .warc, .gz, ...)");
  std::sort(files.begin(), files.end());
  for (const auto& file : files) ReadFile(file, options, sink);
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
  const size_t bom = bytes.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  ParseHeaderAndTake(std::move(bytes), doc);  // the body keeps the bytes' buffer
  if (IsBlank(doc.body)) {
    const bool header_only = doc.body_offset > bom;
    return ReadError{std::move(path), header_only ? "empty file (header only, no body text)"
                                                  : "empty file"};
  }
  out = std::move(doc);
  return std::nullopt;
}

std::optional<std::string> CheckText(std::string* text, bool repair, size_t* repaired) {
  if (repaired != nullptr) *repaired = 0;
  if (IsBlank(*text)) return "no text";
  if (const void* nul = std::memchr(text->data(), '\0', text->size())) {
    return "NUL byte at " + std::to_string(static_cast<const char*>(nul) - text->data()) + " of the text";
  }
  if (const size_t percent = ControlPercent(*text); percent > 10) {
    return "binary data in the text (" + std::to_string(percent) + "% control characters)";
  }
  if (auto bad = text::ValidateUtf8(*text)) {
    if (!repair) return "invalid UTF-8 at byte " + std::to_string(bad->offset) + " of the text (" + bad->reason + ")";
    *text = text::RepairUtf8(*text, repaired);
  }
  return std::nullopt;
}

std::optional<std::string> DocumentFromPage(std::string path, HtmlPage&& page, const ReadOptions& options,
                                            const DocumentSink& sink, Document* doc) {
  doc->path = std::move(path);
  doc->body = std::move(page.text);
  doc->body_offset = 0;
  doc->title = std::move(page.title);
  doc->source = std::move(page.source);
  doc->url = std::move(page.url);
  doc->published = std::move(page.published);
  if (auto err = CheckText(&doc->body, options.repair, nullptr)) {
    return *err == "no text" ? "no article text in the HTML" : *err;
  }
  if (page.repaired > 0) {
    Warn(sink, doc->path + ": repaired " + std::to_string(page.repaired) + " invalid " +
                   (page.charset.empty() ? std::string("UTF-8") : OneLine(page.charset, 40)) +
                   (page.repaired == 1 ? " sequence" : " sequences"));
  }
  return std::nullopt;
}

HtmlOptions HtmlOptionsFor(const ReadOptions& options, std::string url, bool fragment) {
  HtmlOptions h;
  h.url = std::move(url);
  h.fragment = fragment;
  h.repair = options.repair;
  h.max_depth = options.max_html_depth;
  return h;
}

std::string OneLine(std::string_view s, size_t max_bytes) {
  size_t cut = std::min(max_bytes, s.size());
  while (cut > 0 && cut < s.size() && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // whole code points
  std::string out;
  for (char c : s.substr(0, cut)) {
    const auto u = static_cast<unsigned char>(c);
    out += u < 0x20 || u == 0x7F ? ' ' : c;
  }
  if (cut < s.size()) out += "...";
  if (text::ValidateUtf8(out)) out = text::RepairUtf8(out, nullptr);
  return out;
}

std::string FormatBytes(uint64_t n) {
  constexpr uint64_t kKiB = 1024, kMiB = kKiB * 1024;
  char buf[32];
  if (n >= kMiB) {
    if (n % kMiB == 0) return std::to_string(n / kMiB) + " MiB";
    std::snprintf(buf, sizeof buf, "%.1f MiB", static_cast<double>(n) / static_cast<double>(kMiB));
    return buf;
  }
  if (n >= kKiB) {
    if (n % kKiB == 0) return std::to_string(n / kKiB) + " KiB";
    std::snprintf(buf, sizeof buf, "%.1f KiB", static_cast<double>(n) / static_cast<double>(kKiB));
    return buf;
  }
  return std::to_string(n) + (n == 1 ? " byte" : " bytes");
}

void ReadBuffer(const std::string& name, std::string_view bytes, const ReadOptions& options,
                const DocumentSink& sink) {
  MemorySource source(bytes);
  ReadSource(name, source, bytes.size(), options, sink);
}

void ForEachDocument(const std::vector<std::string>& paths, const ReadOptions& options,
                     const std::function<void(Document&&)>& on_document,
                     const std::function<void(ReadError&&)>& on_error,
                     const std::function<void(std::string&&)>& on_warning) {
  const DocumentSink sink{on_document, on_error, on_warning};
  for (const auto& path : paths) {
    if (path == "-") {
      FileSource in(stdin, /*owned=*/false);
      ReadSource(path, in, std::nullopt, options, sink);
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
      ReadDirectory(path, options, sink);
    } else {
      ReadFile(path, options, sink);
    }
  }
}

ReadBatch ReadInputs(const std::vector<std::string>& paths, const ReadOptions& options) {
  ReadBatch batch;
  ForEachDocument(
      paths, options, [&](Document&& doc) { batch.documents.push_back(std::move(doc)); },
      [&](ReadError&& error) { batch.errors.push_back(std::move(error)); },
      [&](std::string&& warning) { batch.warnings.push_back(std::move(warning)); });
  return batch;
}

}  // namespace chronicle::ingest
