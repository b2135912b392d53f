// Fuzz target for RSS/Atom feeds (pugixml, the DOCTYPE check, encodings, the
// HTML inside items).
#include <cstddef>
#include <cstdint>
#include <string>

#include "ingest/formats.h"
#include "ingest_checks.h"

using namespace chronicle;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (bool repair : {false, true}) {
    ingest::ReadOptions options;
    options.repair = repair;
    ingest::ReadFeed(bytes, "f.xml", options, fuzz::CheckingSink("f.xml"));
  }
  return 0;
}
