// The abbreviation list used by the sentence splitter, read from
// data/text/abbreviations.txt (see that file for the format and classes).
//
//   const auto& abbrevs = chronicle::text::AbbreviationTable::Default();
//   if (abbrevs.Lookup("Dr") == chronicle::text::AbbreviationClass::kTitle) ...
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "util/string_map.h"

namespace chronicle::text {

enum class AbbreviationClass { kNone, kTitle, kNever, kBeforeDigit };

class AbbreviationTable {
 public:
  // Parses the data file format. Lines with an unknown class are ignored.
  static AbbreviationTable Parse(std::string_view file_text);

  // The table from CHRONICLE_DATA_DIR/text/abbreviations.txt or the embedded
  // data file if there is one, else from kAbbreviationsFile. Built once.
  static const AbbreviationTable& Default();

  // Class of `word` (written without its final period), kNone if unlisted.
  AbbreviationClass Lookup(std::string_view word) const;

  size_t size() const { return words_.size(); }

 private:
  // Looked up for every full stop after a word (the sentence splitter, the
  // temporal tokenizer): a hash table, and no lookup at all for a word
  // longer than every abbreviation.
  util::StringMap<AbbreviationClass> words_;
  size_t longest_ = 0;
};

// A compiled-in copy of data/text/abbreviations.txt (kept identical by a test).
extern const std::string_view kAbbreviationsFile;

}  // namespace chronicle::text
