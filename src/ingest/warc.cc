// WARC records, streamed.
//
// A record is a "WARC/1.x" line, header lines, a blank line, Content-Length
// bytes of block and two CRLFs. The reader holds one record block at a time
// (at most ReadOptions::max_record_bytes; larger blocks and records it does
// not want are skipped without being kept). After each block it checks that
// the next record (or the end of the file) follows; if not, Content-Length
// lied, the record is reported and dropped, and the reader resynchronises:
// first inside the block it read (a Content-Length that is too long swallows
// the next records, which are put back), else by scanning forward for a line
// that starts with "WARC/1.". Offsets are byte offsets in the uncompressed
// stream.
//
// From `response` records whose HTTP payload is text/html or
// application/xhtml+xml with a 2xx status (and `resource` records of those
// types) it makes documents: the HTTP headers give the charset, chunked
// transfer coding and gzip/deflate content coding are undone (bounded), the
// page is extracted by ReadHtml with WARC-Target-URI as its URL, and
// WARC-Date is the fallback publication date.
#include <zlib.h>

#include <charconv>
#include <map>

#include "ingest/charset.h"
#include "ingest/dates.h"
#include "ingest/formats.h"
#include "ingest/html.h"

namespace chronicle::ingest {
namespace {

constexpr size_t kMaxHeaderLine = 64 * 1024;
constexpr size_t kMaxHeaderLines = 1000;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

using Headers = std::map<std::string, std::string>;  // lower-case name -> value

// "Name: value" lines; continuation lines (starting with a blank) extend
// the previous value.
void AddHeaderLine(std::string_view line, Headers* headers, std::string* last) {
  if (!line.empty() && (line[0] == ' ' || line[0] == '\t') && !last->empty()) {
    (*headers)[*last] += " " + std::string(Trim(line));
    return;
  }
  const size_t colon = line.find(':');
  if (colon == std::string_view::npos) return;
  *last = Lower(Trim(line.substr(0, colon)));
  (*headers)[*last] = std::string(Trim(line.substr(colon + 1)));
}

std::string Header(const Headers& h, const char* name) {
  const auto it = h.find(name);
  return it == h.end() ? std::string() : it->second;
}

std::optional<uint64_t> ParseLength(std::string_view s) {
  s = Trim(s);
  uint64_t v = 0;
  if (s.empty() || s.size() > 19) return std::nullopt;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size()) return std::nullopt;
  return v;
}

// Undoes chunked transfer coding. Returns a reason or nullopt.
std::optional<std::string> Dechunk(std::string_view in, std::string* out) {
  size_t i = 0;
  while (true) {
    const size_t eol = in.find('\n', i);
    if (eol == std::string_view::npos) return "bad chunked encoding (no chunk size)";
    std::string_view size_text = Trim(in.substr(i, eol - i));
    size_text = size_text.substr(0, size_text.find(';'));
    uint64_t size = 0;
    const auto [end, ec] = std::from_chars(size_text.data(), size_text.data() + size_text.size(), size, 16);
    if (ec != std::errc() || end != size_text.data() + size_text.size() || size_text.empty()) {
      return "bad chunked encoding (chunk size '" + OneLine(size_text, 20) + "')";
    }
    i = eol + 1;
    if (size == 0) return std::nullopt;
    if (size > in.size() - i) return "bad chunked encoding (chunk longer than the record)";
    out->append(in.substr(i, size));
    i += size;
    if (in.compare(i, 2, "\r\n") == 0) {
      i += 2;
    } else if (in.compare(i, 1, "\n") == 0) {
      i += 1;
    }
  }
}

// Undoes gzip or deflate content coding, producing at most max_bytes.
std::optional<std::string> Inflate(std::string_view in, size_t max_bytes, bool raw, std::string* out) {
  z_stream strm{};
  if (inflateInit2(&strm, raw ? -15 : 15 + 32) != Z_OK) return "cannot start decompression";
  strm.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  strm.avail_in = static_cast<uInt>(std::min<size_t>(in.size(), UINT32_MAX));
  std::optional<std::string> error;
  char buf[64 * 1024];
  while (true) {
    strm.next_out = reinterpret_cast<Bytef*>(buf);
    strm.avail_out = sizeof buf;
    const int rc = inflate(&strm, Z_NO_FLUSH);
    out->append(buf, sizeof buf - strm.avail_out);
    if (out->size() > max_bytes) {
      error = "decompressed body larger than " + FormatBytes(max_bytes);
      break;
    }
    if (rc == Z_STREAM_END) break;
    if (rc != Z_OK) {
      error = rc == Z_BUF_ERROR ? "truncated compressed body" : "corrupt compressed body";
      break;
    }
  }
  inflateEnd(&strm);
  return error;
}

struct Payload {
  bool wanted = false;  // an HTML page with a 2xx status
  std::string charset;
  std::string body;
};

// Parses the HTTP response in a record block. Returns a reason or nullopt.
std::optional<std::string> ParseHttp(std::string_view block, size_t max_bytes, Payload* p) {
  size_t end = block.find("\r\n\r\n");
  size_t body_start = end + 4;
  if (const size_t lf = block.find("\n\n"); lf < end) {
    end = lf;
    body_start = lf + 2;
  }
  if (end == std::string_view::npos) return "HTTP headers not terminated";
  const std::string_view head = block.substr(0, end);
  if (!head.starts_with("HTTP/")) return "not an HTTP response";
  const size_t sp = head.find(' ');
  if (sp == std::string_view::npos || sp + 4 > head.size()) return "bad HTTP status line";
  const std::string_view code = head.substr(sp + 1, 3);
  if (code[0] != '2') return std::nullopt;  // redirects, errors: not an article
  Headers headers;
  std::string last;
  size_t i = head.find('\n');
  while (i != std::string_view::npos && i < head.size()) {
    const size_t next = head.find('\n', i + 1);
    AddHeaderLine(Trim(head.substr(i + 1, next == std::string_view::npos ? std::string_view::npos : next - i - 1)),
                  &headers, &last);
    i = next;
  }
  const std::string type = Header(headers, "content-type");
  const std::string mime = Lower(Trim(type.substr(0, type.find(';'))));
  if (mime != "text/html" && mime != "application/xhtml+xml") return std::nullopt;
  p->wanted = true;
  p->charset = CharsetFromContentType(type);
  std::string_view body = block.substr(std::min(body_start, block.size()));
  std::string dechunked, inflated;
  if (Lower(Header(headers, "transfer-encoding")).find("chunked") != std::string::npos) {
    if (auto err = Dechunk(body, &dechunked)) return err;
    body = dechunked;
  }
  const std::string coding = Lower(Trim(Header(headers, "content-encoding")));
  if (coding == "gzip" || coding == "x-gzip" || coding == "deflate") {
    auto err = Inflate(body, max_bytes, false, &inflated);
    if (err && coding == "deflate") {  // some servers send raw deflate
      inflated.clear();
      err = Inflate(body, max_bytes, true, &inflated);
    }
    if (err) return err;
    body = inflated;
  } else if (!coding.empty() && coding != "identity") {
    return "unsupported Content-Encoding '" + OneLine(coding, 20) + "'";
  }
  p->body.assign(body);
  return std::nullopt;
}

class WarcReader {
 public:
  WarcReader(StreamReader& in, const std::string& name, const ReadOptions& options, const DocumentSink& sink)
      : in_(in), name_(name), options_(options), sink_(sink) {}

  void Run() {
    while (true) {
      SkipBlankLines();
      if (in_.AtEnd()) break;
      if (!Record()) break;
    }
    if (!in_.error().empty()) sink_.on_error(ReadError{name_, in_.error()});
  }

 private:
  void Error(const std::string& path, std::string reason) { sink_.on_error(ReadError{path, std::move(reason)}); }

  void SkipBlankLines() {
    while (true) {
      const std::string_view v = in_.Peek(1);
      if (v.empty() || (v[0] != '\r' && v[0] != '\n')) return;
      in_.Skip(1);
    }
  }

  // Scans forward to the next line that starts with "WARC/1." (or 0.);
  // returns false at the end of the data.
  bool Resync() {
    std::string line;
    while (true) {
      const LineStatus s = in_.ReadLine(&line, kMaxHeaderLine);
      if (s == LineStatus::kEnd) return false;
      if (s == LineStatus::kLine && (line.starts_with("WARC/1.") || line.starts_with("WARC/0."))) {
        line += '\n';
        in_.Unread(line);
        return true;
      }
    }
  }

  // Puts back the part of `block` from the first line that starts a record
  // (after its first byte). Returns whether there was one.
  bool RecoverFrom(std::string_view block) {
    for (size_t at = block.find("\nWARC/", 0); at != std::string_view::npos; at = block.find("\nWARC/", at + 1)) {
      if (block.compare(at + 1, 7, "WARC/1.") == 0 || block.compare(at + 1, 7, "WARC/0.") == 0) {
        in_.Unread(block.substr(at + 1));
        return true;
      }
    }
    return false;
  }

  // After a block: the record's closing CRLF CRLF (whatever follows it is
  // the next record's business), or else only CR/LF bytes and then the next
  // record or the end.
  bool NextRecordFollows() {
    if (in_.Peek(4).starts_with("\r\n\r\n")) {
      in_.Skip(4);
      return true;
    }
    while (true) {
      const std::string_view v = in_.Peek(8);
      if (v.empty()) return true;
      if (v[0] == '\r' || v[0] == '\n') {
        in_.Skip(1);
        continue;
      }
      return v.starts_with("WARC/");
    }
  }

  // One record; false when reading cannot go on.
  bool Record() {
    const uint64_t start = in_.offset();
    std::string line;
    const LineStatus s = in_.ReadLine(&line, 256);
    if (s == LineStatus::kEnd) return false;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (s != LineStatus::kLine || !line.starts_with("WARC/")) {
      Error(name_, "no WARC record at offset " + std::to_string(start) + " (found '" + OneLine(line, 20) +
                       "'); skipped to the next record");
      return Resync();
    }
    const std::string path = name_ + "#record" + std::to_string(++records_);
    const std::string at = " (record at offset " + std::to_string(start) + ")";
    Headers headers;
    std::string last;
    for (size_t lines = 0;; ++lines) {
      const LineStatus hs = in_.ReadLine(&line, kMaxHeaderLine);
      if (hs == LineStatus::kEnd) {
        Error(path, "truncated record: the file ends in its headers" + at);
        return false;
      }
      if (hs == LineStatus::kTooLong || lines > kMaxHeaderLines) {
        Error(path, "record headers too long" + at + "; skipped");
        return Resync();
      }
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) break;
      AddHeaderLine(line, &headers, &last);
    }
    const auto length = ParseLength(Header(headers, "content-length"));
    if (!length) {
      Error(path, "no valid Content-Length" + at + "; skipped");
      return Resync();
    }
    const std::string type = Lower(Header(headers, "warc-type"));
    const std::string content_type = Lower(Header(headers, "content-type"));
    const bool response = type == "response" && content_type.starts_with("application/http");
    const bool resource = type == "resource" && (content_type.starts_with("text/html") ||
                                                 content_type.starts_with("application/xhtml+xml"));
    if ((!response && !resource) || *length > options_.max_record_bytes) {
      // Not wanted, or too large to hold: skipped without being kept.
      const uint64_t skipped = in_.Skip(*length);
      if (skipped < *length) {
        Error(path, "truncated record: Content-Length " + std::to_string(*length) + " but only " +
                        std::to_string(skipped) + " bytes before the end of the file" + at);
        return false;
      }
      if (response || resource) {
        Error(path, "record of " + FormatBytes(*length) + " is larger than the limit of " +
                        FormatBytes(options_.max_record_bytes) + " for one record" + at + "; skipped");
      }
      if (!NextRecordFollows()) {
        Error(path, "Content-Length " + std::to_string(*length) + " does not match the record: no record at offset " +
                        std::to_string(in_.offset()) + at + "; skipped to the next record");
        return Resync();
      }
      return true;
    }
    std::string block;
    const size_t got = in_.Read(&block, static_cast<size_t>(*length));
    if (got < *length) {
      Error(path, "truncated record: Content-Length " + std::to_string(*length) + " but only " + std::to_string(got) +
                      " bytes before the end of the file" + at);
      return RecoverFrom(block);
    }
    if (!NextRecordFollows()) {
      Error(path, "Content-Length " + std::to_string(*length) + " does not match the record: no record at offset " +
                      std::to_string(in_.offset()) + at + "; skipped to the next record");
      return RecoverFrom(block) || Resync();
    }
    Emit(path, at, headers, std::move(block), resource ? Header(headers, "content-type") : "");
    return true;
  }

  void Emit(const std::string& path, const std::string& at, const Headers& headers, std::string block,
            const std::string& resource_type) {
    Payload payload;
    if (!resource_type.empty()) {
      payload.wanted = true;
      payload.charset = CharsetFromContentType(resource_type);
      payload.body = std::move(block);
    } else if (auto err = ParseHttp(block, options_.max_record_bytes, &payload)) {
      return Error(path, *err + at);
    }
    if (!payload.wanted) return;
    std::string uri(Trim(Header(headers, "warc-target-uri")));
    if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') uri = uri.substr(1, uri.size() - 2);
    if (payload.body.size() > options_.max_markup_bytes) {
      return Error(path, "HTML of " + FormatBytes(payload.body.size()) + " is larger than the limit of " +
                             FormatBytes(options_.max_markup_bytes) + at);
    }
    HtmlPage page;
    if (auto err = ReadHtml(payload.body, payload.charset, HtmlOptionsFor(options_, uri, false), &page)) {
      return Error(path, *err + at);
    }
    Document doc;
    if (auto err = DocumentFromPage(path, std::move(page), options_, sink_, &doc)) return Error(path, *err + at);
    if (!doc.published) doc.published = NormaliseDate(Header(headers, "warc-date"));
    sink_.on_document(std::move(doc));
  }

  StreamReader& in_;
  const std::string& name_;
  const ReadOptions& options_;
  const DocumentSink& sink_;
  size_t records_ = 0;
};

}  // namespace

void ReadWarc(StreamReader& in, const std::string& name, const ReadOptions& options, const DocumentSink& sink) {
  WarcReader(in, name, options, sink).Run();
}

}  // namespace chronicle::ingest
