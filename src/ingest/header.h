// The optional header block at the top of an input file:
//
//   Title: Azerbaijan and Russia
//   Source: Example News
//   URL: https://example.com/a
//   Published: 2025-07-03
//   Language: en
//   ---
//   Body text starts here.
//
// Keys are case-insensitive; unknown keys are allowed and ignored. The block
// must start on the first line (after an optional UTF-8 BOM), consist only of
// "Key: value" lines, and end with a line that is exactly "---" (a trailing
// \r is allowed) within the first kMaxHeaderLines lines. Otherwise the whole
// file is the body.
//
//   chronicle::ingest::Document doc;
//   chronicle::ingest::ParseHeader(file_bytes, doc);
//   // doc.body == file_bytes.substr(doc.body_offset)
#pragma once

#include <cstddef>
#include <string_view>

#include "ingest/document.h"

namespace chronicle::ingest {

inline constexpr size_t kMaxHeaderLines = 50;

// Fills doc.body, doc.body_offset and the metadata fields found (fields not
// in the header are reset to nullopt; doc.path is left alone). A UTF-8 BOM at
// the start is skipped and counted in body_offset.
void ParseHeader(std::string_view file_bytes, Document& doc);
// The same, taking the bytes' buffer as the body's instead of copying them.
void ParseHeaderAndTake(std::string&& file_bytes, Document& doc);

}  // namespace chronicle::ingest
