// Fuzz target for header parsing and document loading: the body is always
// the file's tail from body_offset, and a loaded document is valid UTF-8 with
// a non-blank body.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/header.h"
#include "ingest/reader.h"
#include "text/utf8.h"

using namespace chronicle;

#define FUZZ_CHECK(cond) \
  do {                   \
    if (!(cond)) std::abort(); \
  } while (0)

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);

  ingest::Document doc;
  ingest::ParseHeader(bytes, doc);
  FUZZ_CHECK(doc.body_offset <= bytes.size());
  FUZZ_CHECK(doc.body == std::string_view(bytes).substr(doc.body_offset));
  if (doc.body_offset <= 3) FUZZ_CHECK(!doc.title && !doc.url && !doc.language);

  for (bool repair : {false, true}) {
    ingest::ReadOptions options;
    options.repair = repair;
    ingest::Document loaded;
    std::vector<std::string> warnings;
    const auto error = ingest::LoadDocument("fuzz.txt", bytes, options, loaded, warnings);
    if (error) {
      FUZZ_CHECK(!error->reason.empty());
      FUZZ_CHECK(error->reason.find('\n') == std::string::npos);
      FUZZ_CHECK(error->path == "fuzz.txt");
    } else {
      FUZZ_CHECK(!text::ValidateUtf8(loaded.body));
      FUZZ_CHECK(loaded.body.find_first_not_of(" \t\r\n\v\f") != std::string::npos);
      FUZZ_CHECK(loaded.path == "fuzz.txt");
      if (!repair) FUZZ_CHECK(loaded.body == std::string_view(bytes).substr(loaded.body_offset));
    }
  }
  return 0;
}
