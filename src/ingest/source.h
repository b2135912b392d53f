// Byte streams for the readers of container formats (JSONL, WARC, gzip):
// a source delivers bytes in chunks, a StreamReader buffers them with a bound
// on how much it ever holds, so a file of any size is read in constant memory.
//
//   chronicle::ingest::FileSource file(std::fopen("crawl.warc.gz", "rb"));
//   chronicle::ingest::StreamReader raw(file);
//   chronicle::ingest::GzipSource gz(raw);          // multi-member gzip
//   chronicle::ingest::StreamReader in(gz);
//   std::string line;
//   while (in.ReadLine(&line, 1 << 20) == chronicle::ingest::LineStatus::kLine) ...
//   if (!in.error().empty()) ...                     // e.g. "truncated gzip data"
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace chronicle::ingest {

// A forward-only stream of bytes.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads up to n bytes into buf and returns how many; 0 means the end of the
  // data or an error, which error() then describes.
  virtual size_t Read(char* buf, size_t n) = 0;
  // Empty unless reading failed: a one-line reason.
  virtual const std::string& error() const { return error_; }

 protected:
  std::string error_;
};

// Reads a stdio stream's file descriptor directly (no stdio buffer in
// between: the stream must not have been read through stdio); closes the
// stream on destruction if `owned`. On a regular file a short read is taken
// as the end, so a small file costs one read(2), not three.
class FileSource final : public ByteSource {
 public:
  explicit FileSource(std::FILE* file, bool owned = true);
  ~FileSource() override;
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;
  size_t Read(char* buf, size_t n) override;
  // The size of a regular file when opened; nullopt for pipes and the like.
  std::optional<uint64_t> size() const { return size_; }

 private:
  std::FILE* file_;
  bool owned_;
  bool at_end_ = false;
  std::optional<uint64_t> size_;  // set only for a regular file
};

// Serves bytes from memory (tests, fuzzing).
class MemorySource final : public ByteSource {
 public:
  explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
  size_t Read(char* buf, size_t n) override;

 private:
  std::string_view bytes_;
};

class StreamReader;

// Decompresses gzip data read from `in` with zlib's inflate. Concatenated
// gzip members (the WARC.gz layout: one member per record) are decoded one
// after the other. Truncated or corrupt data ends the stream with an error
// naming the compressed byte offset.
class GzipSource final : public ByteSource {
 public:
  explicit GzipSource(StreamReader& in);
  ~GzipSource() override;
  GzipSource(const GzipSource&) = delete;
  GzipSource& operator=(const GzipSource&) = delete;
  size_t Read(char* buf, size_t n) override;

 private:
  struct State;
  StreamReader& in_;
  std::unique_ptr<State> state_;
};

enum class LineStatus {
  kLine,     // *line holds the next line, without its '\n'
  kEnd,      // no more data
  kTooLong,  // the line was longer than the limit; it was skipped up to its end
};

// Buffered reading with look-ahead over a ByteSource. The buffer holds at
// most the requested look-ahead or line length plus one chunk (64 KiB).
class StreamReader {
 public:
  explicit StreamReader(ByteSource& source) : source_(source) {}

  // The next line (a final line without '\n' counts). A line longer than
  // max_bytes is consumed chunk by chunk without being kept, and kTooLong is
  // returned; *too_long_bytes (if given) receives its length.
  LineStatus ReadLine(std::string* line, size_t max_bytes, uint64_t* too_long_bytes = nullptr);
  // Appends up to n bytes to *out; returns how many (fewer only at the end).
  size_t Read(std::string* out, size_t n);
  // Reads everything left, up to max_bytes; returns false (having read
  // max_bytes + 1 bytes) if there is more.
  bool ReadAll(std::string* out, size_t max_bytes);
  // Discards up to n bytes; returns how many.
  uint64_t Skip(uint64_t n);
  // At least n bytes of look-ahead, fewer only at the end of the data.
  std::string_view Peek(size_t n);
  // Puts bytes back in front of the stream (they are read again next).
  void Unread(std::string_view bytes);
  // Bytes consumed so far: the offset of the next byte in the stream.
  uint64_t offset() const { return offset_; }
  bool AtEnd() { return Peek(1).empty(); }
  const std::string& error() const { return source_.error(); }

 private:
  bool Fill();  // reads one more chunk; false at the end
  std::string_view Available() const { return std::string_view(buf_).substr(pos_); }
  void Consume(size_t n) {
    pos_ += n;
    offset_ += n;
  }

  ByteSource& source_;
  std::string buf_;
  // Where each chunk is read before it is appended to buf_: growing buf_
  // itself by a chunk would zero 64 KiB per read, most of it never filled
  // for a small file.
  std::unique_ptr<char[]> chunk_;
  size_t pos_ = 0;
  uint64_t offset_ = 0;
  bool end_ = false;
};

}  // namespace chronicle::ingest
