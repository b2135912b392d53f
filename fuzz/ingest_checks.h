// Checks shared by the fuzz targets of the ingest readers: every document
// has a non-blank body and metadata of valid UTF-8, every error names its
// input and is one line.
#pragma once

#include <cstdlib>
#include <string>
#include <string_view>

#include "ingest/reader.h"
#include "text/utf8.h"

#define FUZZ_CHECK(cond)         \
  do {                           \
    if (!(cond)) std::abort();   \
  } while (0)

namespace chronicle::fuzz {

inline bool OneLine(std::string_view s) {
  return !s.empty() && s.find('\n') == std::string_view::npos && s.find('\r') == std::string_view::npos;
}

inline ingest::DocumentSink CheckingSink(const std::string& name) {
  return {[name](ingest::Document&& d) {
            FUZZ_CHECK(d.path.starts_with(name));
            FUZZ_CHECK(!text::ValidateUtf8(d.body));
            FUZZ_CHECK(d.body.find_first_not_of(" \t\r\n\v\f") != std::string::npos);
            for (const auto* f : {&d.title, &d.source, &d.url, &d.published}) {
              if (*f) FUZZ_CHECK(!text::ValidateUtf8(**f));
            }
          },
          [name](ingest::ReadError&& e) {
            FUZZ_CHECK(e.path.starts_with(name));
            FUZZ_CHECK(OneLine(e.reason));
          },
          [](std::string&& w) { FUZZ_CHECK(OneLine(w)); }};
}

}  // namespace chronicle::fuzz
