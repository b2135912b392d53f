// Fuzz target for WARC: record framing, resynchronisation after lying
// Content-Lengths, HTTP parsing (chunked, gzip/deflate content coding), and
// the same input as a .warc.gz when it is gzip data.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ingest/formats.h"
#include "ingest/source.h"
#include "ingest_checks.h"

using namespace chronicle;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  ingest::ReadOptions options;
  options.max_record_bytes = 4096;
  ingest::MemorySource source(bytes);
  ingest::StreamReader in(source);
  ingest::ReadWarc(in, "f.warc", options, fuzz::CheckingSink("f.warc"));
  ingest::ReadBuffer("f.warc.gz", bytes, {}, fuzz::CheckingSink("f.warc.gz"));
  return 0;
}
