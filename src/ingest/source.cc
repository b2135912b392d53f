// Byte sources and the bounded StreamReader.
//
// StreamReader keeps one std::string buffer; consumed bytes at its front are
// dropped when they make up half of it, so it never holds more than the
// look-ahead asked for plus one chunk. GzipSource drives zlib's inflate by
// hand (not gzread) so that it can decode data that the format sniffer has
// already peeked at, and so that it can tell a clean end (after a complete
// member) from a truncated one.
#include "ingest/source.h"

#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

namespace chronicle::ingest {
namespace {

constexpr size_t kChunk = 64 * 1024;

}  // namespace

FileSource::FileSource(std::FILE* file, bool owned) : file_(file), owned_(owned) {
  struct stat st {};
  if (file_ != nullptr && ::fstat(fileno(file_), &st) == 0 && S_ISREG(st.st_mode)) {
    size_ = static_cast<uint64_t>(st.st_size);
  }
}

FileSource::~FileSource() {
  if (owned_ && file_ != nullptr) std::fclose(file_);
}

size_t FileSource::Read(char* buf, size_t n) {
  if (at_end_ || file_ == nullptr || n == 0) return 0;
  ssize_t got;
  do {
    got = ::read(fileno(file_), buf, n);
  } while (got < 0 && errno == EINTR);
  if (got < 0) {
    if (error_.empty()) error_ = "cannot read: " + std::error_code(errno, std::generic_category()).message();
    at_end_ = true;
    return 0;
  }
  if (got == 0 || (size_.has_value() && static_cast<size_t>(got) < n)) at_end_ = true;  // a regular file's short read
  return static_cast<size_t>(got);
}

size_t MemorySource::Read(char* buf, size_t n) {
  const size_t got = std::min(n, bytes_.size());
  std::memcpy(buf, bytes_.data(), got);
  bytes_.remove_prefix(got);
  return got;
}

struct GzipSource::State {
  z_stream strm{};
  bool initialised = false;
  bool in_member = false;
  bool done = false;
  size_t members = 0;
};

GzipSource::GzipSource(StreamReader& in) : in_(in), state_(std::make_unique<State>()) {}

GzipSource::~GzipSource() {
  if (state_->initialised) inflateEnd(&state_->strm);
}

size_t GzipSource::Read(char* buf, size_t n) {
  State& s = *state_;
  while (!s.done && n > 0) {
    if (!s.in_member) {
      const std::string_view magic = in_.Peek(2);
      if (magic.empty()) {
        s.done = true;
        if (!in_.error().empty()) error_ = in_.error();
        break;
      }
      if (magic.size() < 2 || magic[0] != '\x1f' || magic[1] != '\x8b') {
        error_ = "data after gzip member " + std::to_string(s.members) + " is not gzip (compressed offset " +
                 std::to_string(in_.offset()) + ")";
        s.done = true;
        break;
      }
      const int rc = s.initialised ? inflateReset2(&s.strm, 15 + 16) : inflateInit2(&s.strm, 15 + 16);
      if (rc != Z_OK) {
        error_ = "cannot start gzip decoding";
        s.done = true;
        break;
      }
      s.initialised = true;
      s.in_member = true;
    }
    const std::string_view input = in_.Peek(kChunk);
    if (input.empty()) {
      error_ = in_.error().empty() ? "truncated gzip data (unexpected end of file at compressed offset " +
                                         std::to_string(in_.offset()) + ")"
                                   : in_.error();
      s.done = true;
      break;
    }
    s.strm.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
    s.strm.avail_in = static_cast<uInt>(std::min<size_t>(input.size(), kChunk));
    s.strm.next_out = reinterpret_cast<Bytef*>(buf);
    s.strm.avail_out = static_cast<uInt>(std::min<size_t>(n, 1u << 30));
    const uInt in_before = s.strm.avail_in, out_before = s.strm.avail_out;
    const int rc = inflate(&s.strm, Z_NO_FLUSH);
    in_.Skip(in_before - s.strm.avail_in);
    const size_t produced = out_before - s.strm.avail_out;
    if (rc == Z_STREAM_END) {
      s.in_member = false;
      ++s.members;
    } else if ((rc != Z_OK && rc != Z_BUF_ERROR) || (produced == 0 && in_before == s.strm.avail_in)) {
      error_ = "corrupt gzip data at compressed offset " + std::to_string(in_.offset()) + " (" +
               (s.strm.msg != nullptr ? s.strm.msg : "inflate error " + std::to_string(rc)) + ")";
      s.done = true;
    }
    if (produced > 0) return produced;
  }
  return 0;
}

bool StreamReader::Fill() {
  if (end_) return false;
  if (pos_ > 0 && pos_ * 2 >= buf_.size()) {
    buf_.erase(0, pos_);
    pos_ = 0;
  }
  if (!chunk_) chunk_.reset(new char[kChunk]);  // not value-initialised
  const size_t got = source_.Read(chunk_.get(), kChunk);
  buf_.append(chunk_.get(), got);
  if (got == 0) end_ = true;
  return got > 0;
}

std::string_view StreamReader::Peek(size_t n) {
  while (Available().size() < n && Fill()) {
  }
  return Available();
}

LineStatus StreamReader::ReadLine(std::string* line, size_t max_bytes, uint64_t* too_long_bytes) {
  line->clear();
  size_t scanned = 0;
  while (true) {
    const std::string_view avail = Available();
    const size_t nl = avail.find('\n', scanned);
    if (nl != std::string_view::npos && nl <= max_bytes) {
      line->assign(avail.substr(0, nl));
      Consume(nl + 1);
      return LineStatus::kLine;
    }
    if (nl != std::string_view::npos || avail.size() > max_bytes) {
      // Too long: drop what we have and everything up to the next newline.
      uint64_t total = nl != std::string_view::npos ? nl : avail.size();
      Consume(nl != std::string_view::npos ? nl + 1 : avail.size());
      while (nl == std::string_view::npos && Fill()) {
        const std::string_view more = Available();
        const size_t end = more.find('\n');
        if (end != std::string_view::npos) {
          total += end;
          Consume(end + 1);
          break;
        }
        total += more.size();
        Consume(more.size());
      }
      if (too_long_bytes != nullptr) *too_long_bytes = total;
      return LineStatus::kTooLong;
    }
    scanned = avail.size();
    if (!Fill()) {  // (Fill may have moved the buffer: look again)
      const std::string_view rest = Available();
      if (rest.empty()) return LineStatus::kEnd;
      line->assign(rest);
      Consume(rest.size());
      return LineStatus::kLine;
    }
  }
}

size_t StreamReader::Read(std::string* out, size_t n) {
  size_t done = 0;
  while (done < n) {
    if (Available().empty() && !Fill()) break;
    const std::string_view avail = Available();
    const size_t take = std::min(n - done, avail.size());
    out->append(avail.substr(0, take));
    Consume(take);
    done += take;
  }
  return done;
}

bool StreamReader::ReadAll(std::string* out, size_t max_bytes) {
  const size_t got = Read(out, max_bytes + 1);
  return got <= max_bytes;
}

uint64_t StreamReader::Skip(uint64_t n) {
  uint64_t done = 0;
  while (done < n) {
    if (Available().empty() && !Fill()) break;
    const size_t take = static_cast<size_t>(std::min<uint64_t>(n - done, Available().size()));
    Consume(take);
    done += take;
  }
  return done;
}

void StreamReader::Unread(std::string_view bytes) {
  std::string rebuilt;
  rebuilt.reserve(bytes.size() + Available().size());
  rebuilt.append(bytes);
  rebuilt.append(Available());
  buf_ = std::move(rebuilt);
  pos_ = 0;
  offset_ -= bytes.size();
}

}  // namespace chronicle::ingest
