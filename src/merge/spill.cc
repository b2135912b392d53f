#include "merge/spill.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "merge/timeline.h"

namespace chronicle::merge {
namespace {

// Bytes gathered before a write() to the file.
constexpr size_t kBuffer = size_t{1} << 20;

[[noreturn]] void Fail(const char* what) {
  throw SpillError(std::string("spill: ") + what + ": " + std::strerror(errno));
}

void WriteAll(int fd, const char* p, size_t n) {
  while (n > 0) {
    const ssize_t w = ::write(fd, p, n);
    if (w < 0) {
      if (errno == EINTR) continue;
      Fail("write");
    }
    p += w;
    n -= static_cast<size_t>(w);
  }
}

void PutVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

void PutSigned(int64_t v, std::string* out) {
  PutVarint((static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63), out);  // zigzag
}

void PutString(std::string_view s, std::string* out) {
  PutVarint(s.size(), out);
  out->append(s);
}

// Reads back what the Put functions wrote; throws on bytes that end early.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : rest_(bytes) {}
  uint64_t Varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (rest_.empty()) Broken();
      const auto b = static_cast<unsigned char>(rest_.front());
      rest_.remove_prefix(1);
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) return v;
    }
    Broken();
  }
  int64_t Signed() {
    const uint64_t v = Varint();
    return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1));
  }
  void String(std::string* out) {
    const uint64_t n = Varint();
    if (n > rest_.size()) Broken();
    out->assign(rest_.data(), static_cast<size_t>(n));
    rest_.remove_prefix(static_cast<size_t>(n));
  }
  bool done() const { return rest_.empty(); }
  [[noreturn]] static void Broken() { throw SpillError("spill: broken mention record"); }

 private:
  std::string_view rest_;
};

}  // namespace

std::unique_ptr<Spill> Spill::InMemory() { return std::unique_ptr<Spill>(new Spill()); }

std::unique_ptr<Spill> Spill::InDirectory(const std::string& dir, std::string* error, size_t resident) {
  std::unique_ptr<Spill> spill(new Spill());
  spill->resident_limit_ = resident;
  // Reserved once (address space; pages are used as they are written), so
  // that the copy never grows by doubling.
  spill->resident_.reserve(resident);
  spill->fd_ = ::open(dir.c_str(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
  if (spill->fd_ < 0) {
    // A file system without unnamed files: a named one, unlinked at once.
    std::string name = dir + "/.chronicle-spill-XXXXXX";
    spill->fd_ = ::mkostemp(name.data(), O_CLOEXEC);
    if (spill->fd_ < 0) {
      if (error != nullptr) *error = "cannot create a temporary file in " + dir + ": " + std::strerror(errno);
      return nullptr;
    }
    ::unlink(name.c_str());
  }
  return spill;
}

Spill::~Spill() {
  if (fd_ >= 0) ::close(fd_);
}

SpillRef Spill::Append(std::string_view bytes) {
  if (bytes.size() > std::numeric_limits<uint32_t>::max()) throw SpillError("spill: a record of 4 GiB or more");
  SpillRef ref{size(), static_cast<uint32_t>(bytes.size())};
  if (fd_ >= 0 && buffer_.size() + bytes.size() > kBuffer) {
    Flush();
    if (bytes.size() >= kBuffer) {
      KeepResident(bytes);
      WriteAll(fd_, bytes.data(), bytes.size());
      flushed_ += bytes.size();
      return ref;
    }
  }
  if (fd_ >= 0 && buffer_.capacity() < kBuffer) buffer_.reserve(kBuffer);
  buffer_.append(bytes);
  return ref;
}

void Spill::KeepResident(std::string_view written) {
  // Only a prefix of the file: resident_ ends where the file did before this write.
  if (resident_.size() != flushed_ || resident_.size() >= resident_limit_) return;
  resident_.append(written.substr(0, std::min(written.size(), resident_limit_ - resident_.size())));
}

void Spill::Flush() {
  if (fd_ < 0) return;
  KeepResident(buffer_);
  WriteAll(fd_, buffer_.data(), buffer_.size());
  flushed_ += buffer_.size();
  std::string().swap(buffer_);
}

void Spill::Read(SpillRef ref, std::string* out) const {
  if (ref.offset + ref.size > size()) throw SpillError("spill: a reference past the end");
  if (ref.offset >= flushed_) {
    out->assign(buffer_, static_cast<size_t>(ref.offset - flushed_), ref.size);
    return;
  }
  if (ref.offset + ref.size <= resident_.size()) {
    out->assign(resident_, static_cast<size_t>(ref.offset), ref.size);
    return;
  }
  out->resize(ref.size);
  size_t done = 0;
  while (done < ref.size) {
    const ssize_t r = ::pread(fd_, out->data() + done, ref.size - done, static_cast<off_t>(ref.offset + done));
    if (r < 0) {
      if (errno == EINTR) continue;
      Fail("read");
    }
    if (r == 0) throw SpillError("spill: the file ends early");
    done += static_cast<size_t>(r);
  }
}

void EncodeMention(const EventMentionRef& m, std::string* out) {
  PutString(m.doc, out);
  PutString(m.sentence, out);
  PutString(m.timex, out);
  PutString(m.timex_value, out);
  out->push_back(m.timex_in_sentence ? 1 : 0);
  PutVarint(m.timex_begin, out);
  PutVarint(m.timex_end, out);
  PutString(m.trigger, out);
  PutString(m.cls, out);
  PutString(m.hedge, out);
  PutString(m.attributed_to, out);
  PutSigned(m.sentence_index, out);
  PutSigned(m.mention_index, out);
}

namespace {

// Appends the `count` values encoded in `bytes` to *out, each read by
// decode(reader, value); throws unless they take up `bytes` exactly.
template <typename T, typename Decode>
void DecodeAll(std::string_view bytes, size_t count, std::vector<T>* out, Decode decode) {
  Reader r(bytes);
  for (size_t i = 0; i < count; ++i) decode(r, out->emplace_back());
  if (!r.done()) Reader::Broken();
}

}  // namespace

void DecodeMentions(std::string_view bytes, size_t count, std::vector<EventMentionRef>* out) {
  DecodeAll(bytes, count, out, [](Reader& r, EventMentionRef& m) {
    r.String(&m.doc);
    r.String(&m.sentence);
    r.String(&m.timex);
    r.String(&m.timex_value);
    const uint64_t in_sentence = r.Varint();
    if (in_sentence > 1) Reader::Broken();
    m.timex_in_sentence = in_sentence == 1;
    m.timex_begin = static_cast<size_t>(r.Varint());
    m.timex_end = static_cast<size_t>(r.Varint());
    r.String(&m.trigger);
    r.String(&m.cls);
    r.String(&m.hedge);
    r.String(&m.attributed_to);
    m.sentence_index = r.Signed();
    m.mention_index = r.Signed();
  });
}

void EncodeClaim(const Claim& c, std::string* out) {
  PutString(c.doc, out);
  PutString(c.value, out);
  PutString(c.quote, out);
}

void DecodeClaims(std::string_view bytes, size_t count, std::vector<Claim>* out) {
  DecodeAll(bytes, count, out, [](Reader& r, Claim& c) {
    r.String(&c.doc);
    r.String(&c.value);
    r.String(&c.quote);
  });
}

void ReadSpilled(const Spill& spill, const SpilledRun& where, std::string* bytes, std::vector<EventMentionRef>* out) {
  out->clear();
  spill.Read({where.offset, where.bytes}, bytes);
  DecodeMentions(*bytes, where.count, out);
}

void ReadSpilled(const Spill& spill, const SpilledRun& where, std::string* bytes, std::vector<Claim>* out) {
  out->clear();
  spill.Read({where.offset, where.bytes}, bytes);
  DecodeClaims(*bytes, where.count, out);
}

namespace {

// `own` when it is not empty or nothing was spilled, else what `where` holds
// read back into *buffer.
template <typename T>
const std::vector<T>& OwnOrSpilled(const Timeline& t, const std::vector<T>& own, const SpilledRun& where,
                                   std::string* bytes, std::vector<T>* buffer) {
  if (!own.empty() || where.count == 0) return own;
  if (t.spill == nullptr) throw SpillError("spill: a spilled event or conflict of a timeline without its spill");
  ReadSpilled(*t.spill, where, bytes, buffer);
  return *buffer;
}

}  // namespace

const std::vector<EventMentionRef>& SpillReader::Mentions(const Event& e) {
  return OwnOrSpilled(timeline_, e.mentions, e.spilled, &bytes_, &mentions_);
}

const std::vector<Claim>& SpillReader::Claims(const Conflict& c) {
  return OwnOrSpilled(timeline_, c.claims, c.spilled, &bytes_, &claims_);
}

}  // namespace chronicle::merge
