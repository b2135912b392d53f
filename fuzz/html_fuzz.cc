// Fuzz target for HTML: the nesting pre-scan, charset detection and
// conversion, gumbo parsing and the extraction (whole page and fragment).
// The text and metadata that come out are valid UTF-8; errors are one line.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ingest/html.h"
#include "ingest_checks.h"

using namespace chronicle;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  for (int mode = 0; mode < 3; ++mode) {
    ingest::HtmlOptions options;
    options.fragment = mode == 1;
    options.repair = mode != 0;
    options.max_depth = mode == 2 ? 16 : 1000;
    options.url = "https://fuzz.example/2024/01/02/page";
    ingest::HtmlPage page;
    const auto error = ingest::ReadHtml(bytes, mode == 2 ? "windows-1251" : "", options, &page);
    if (error) {
      FUZZ_CHECK(fuzz::OneLine(*error));
      continue;
    }
    FUZZ_CHECK(!text::ValidateUtf8(page.text));
    for (const auto* f : {&page.title, &page.source, &page.url, &page.published}) {
      if (*f) FUZZ_CHECK(!text::ValidateUtf8(**f));
    }
  }
  return 0;
}
