// Bytes kept out of memory while a large timeline is built: the sentences and
// clauses of the candidate mentions (written as the documents are added),
// each event's mentions and each conflict's claims (written when the events
// are made), read back when the reports and the store's timeline tables are
// written.
//
//   std::string error;
//   auto spill = chronicle::merge::Spill::InDirectory("out", &error);  // or Spill::InMemory()
//   const chronicle::merge::SpillRef ref = spill->Append("a sentence");
//   std::string text;
//   spill->Read(ref, &text);  // "a sentence"
//
// The file has no name: it is created with O_TMPFILE (or created and unlinked
// at once where the file system lacks it), so it is gone when the process
// ends, however it ends, and never in the way of a later run. The first
// `resident` bytes (16 MiB by default) are also kept in memory, so a
// timeline of up to some 2,500 articles is read back without a system
// call: Finish reads every mention's sentence, most of them a few dozen
// bytes, and a pread() each cost more than the copy. Beyond that, reads are
// pread()s of the bytes asked for (never a mapping of the file): the page
// cache may keep the file, but it is not the process's memory.
//
// A failed write or read throws SpillError (a full disk, an I/O error).
#pragma once

#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace chronicle::merge {

struct Claim;
struct EventMentionRef;
struct SpilledRun;

// A run of bytes of a spill.
struct SpillRef {
  uint64_t offset = 0;
  uint32_t size = 0;
};

class SpillError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Spill {
 public:
  // All bytes in memory (small inputs, tests).
  static std::unique_ptr<Spill> InMemory();
  // An unnamed temporary file in the existing directory `dir`, whose first
  // `resident` bytes are also kept in memory; nullptr, with *error set, when
  // it cannot be created.
  static constexpr size_t kResident = size_t{16} << 20;
  static std::unique_ptr<Spill> InDirectory(const std::string& dir, std::string* error, size_t resident = kResident);
  ~Spill();
  Spill(const Spill&) = delete;
  Spill& operator=(const Spill&) = delete;

  // Appends `bytes` (at most 4 GiB - 1 at once). Not thread-safe.
  SpillRef Append(std::string_view bytes);
  // Writes out what is still buffered and frees the buffer (in a file).
  void Flush();
  // Sets *out to the bytes of `ref`. Safe from several threads at once when
  // no Append runs.
  void Read(SpillRef ref, std::string* out) const;

  bool in_file() const { return fd_ >= 0; }
  uint64_t size() const { return flushed_ + buffer_.size(); }

 private:
  Spill() = default;
  // Copies the bytes about to be written at the end of the file into
  // resident_, as far as its limit allows.
  void KeepResident(std::string_view written);
  int fd_ = -1;
  std::string buffer_;    // in memory: every byte; in a file: those not written yet
  uint64_t flushed_ = 0;  // bytes in the file
  size_t resident_limit_ = 0;
  std::string resident_;  // in a file: a copy of its first bytes, up to resident_limit_
};

// An event's mentions, one after the other: the encoding of spilled events
// (every field, strings with their length first).
void EncodeMention(const EventMentionRef& m, std::string* out);
// Appends the `count` mentions encoded in `bytes` to *out; throws SpillError
// when `bytes` is not `count` encoded mentions.
void DecodeMentions(std::string_view bytes, size_t count, std::vector<EventMentionRef>* out);
// A conflict's claims, the same way.
void EncodeClaim(const Claim& c, std::string* out);
void DecodeClaims(std::string_view bytes, size_t count, std::vector<Claim>* out);
// Sets *out to the mentions of a spilled event, or the claims of a spilled
// conflict (*bytes: room to read them).
void ReadSpilled(const Spill& spill, const SpilledRun& where, std::string* bytes, std::vector<EventMentionRef>* out);
void ReadSpilled(const Spill& spill, const SpilledRun& where, std::string* bytes, std::vector<Claim>* out);

}  // namespace chronicle::merge
