// Fuzz target for JSON Lines, read through the bounded stream reader with a
// small record limit (so that the too-long path is reached) and, when the
// input is gzip data, through the gzip decoder.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ingest/formats.h"
#include "ingest/source.h"
#include "ingest_checks.h"

using namespace chronicle;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (bool repair : {false, true}) {
    ingest::ReadOptions options;
    options.repair = repair;
    options.max_record_bytes = repair ? 512 : 64 * 1024;
    options.jsonl.title = "meta.title";
    ingest::MemorySource source(bytes);
    ingest::StreamReader in(source);
    ingest::ReadJsonl(in, "f.jsonl", options, fuzz::CheckingSink("f.jsonl"));
  }
  // The whole reader: sniffing, gzip, any format.
  ingest::ReadBuffer("f.jsonl", bytes, {}, fuzz::CheckingSink("f.jsonl"));
  return 0;
}
