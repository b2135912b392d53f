// Abbreviation table for the sentence splitter.
//
// The list lives in data/text/abbreviations.txt so that it reads as data; the
// build does not embed data/text yet, so the file's text is also compiled in
// below as kAbbreviationsFile. Parsing is a line split: "<class>: words",
// '#' starts a comment. Lookups are exact and case-sensitive.
#include "text/abbreviations.h"

#include <algorithm>
#include <optional>

#include "util/embedded_data.h"

namespace chronicle::text {

const std::string_view kAbbreviationsFile = R"abbrev(# Abbreviations that do not end a sentence, for the sentence splitter
# (src/text/sentences.cc). A copy of this file is compiled into the library
# (src/text/abbreviations.cc, kAbbreviationsFile; a unit test keeps the two
# identical). If CHRONICLE_DATA_DIR is set and holds text/abbreviations.txt,
# that file is used instead, so the list can be tried out without a rebuild.
#
# Format: "<class>: word word ...". Words are written without their final
# period and are case-sensitive; internal periods stay ("U.S" is "U.S.").
#
#   title         never ends a sentence, not even at the end of a line
#                 ("Mr.\nSmith" is one sentence)
#   never         never ends a sentence inside a line
#   before-digit  does not end a sentence when a digit follows ("No. 5",
#                 "Oct. 7", "Fig. 3"); ends one before a capital ("Say No.
#                 Then...")
#
# Not listed because the splitter handles them by rule:
#   - single capital letters, initials ("John F. Kennedy") and dotted capitals
#     ("D.C.", "J.R.R.") never end a sentence;
#   - a list number or letter at the start of a line ("1.", "a.", "iv.");
#   - decimal points ("$3.6 billion", "32.1%") are not followed by a space;
#   - "etc.", "a.m." and "p.m." end a sentence before a capital but not before
#     a lower-case word, which is the rule for every period anyway.
title: Mr Mrs Ms Messrs Dr Prof Gen Col Lt Sgt Capt Maj Adm Cmdr Gov Sen Rep Rev Hon Pres
never: St Jr Sr vs Inc Corp Co Ltd e.g i.e E.g I.e cf viz U.S U.K U.N E.U
before-digit: No Nos Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
before-digit: Fig Figs Vol Vols Art Sec Ch p pp para approx ca
)abbrev";

namespace {

std::string_view Trim(std::string_view s) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::optional<AbbreviationClass> ClassNamed(std::string_view name) {
  if (name == "title") return AbbreviationClass::kTitle;
  if (name == "never") return AbbreviationClass::kNever;
  if (name == "before-digit") return AbbreviationClass::kBeforeDigit;
  return std::nullopt;
}

}  // namespace

AbbreviationTable AbbreviationTable::Parse(std::string_view file_text) {
  AbbreviationTable table;
  while (!file_text.empty()) {
    const size_t nl = file_text.find('\n');
    std::string_view line = file_text.substr(0, nl);
    file_text.remove_prefix(nl == std::string_view::npos ? file_text.size() : nl + 1);
    if (const size_t hash = line.find('#'); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    const size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    const auto cls = ClassNamed(Trim(line.substr(0, colon)));
    if (!cls) continue;
    std::string_view words = line.substr(colon + 1);
    while (true) {
      words = Trim(words);
      if (words.empty()) break;
      const size_t space = words.find_first_of(" \t");
      const std::string_view word = words.substr(0, space);
      table.words_.emplace(std::string(word), *cls);
      table.longest_ = std::max(table.longest_, word.size());
      words.remove_prefix(word.size());
    }
  }
  return table;
}

const AbbreviationTable& AbbreviationTable::Default() {
  static const AbbreviationTable table = [] {
    if (auto file = util::DataFile("text/abbreviations.txt")) {
      AbbreviationTable parsed = Parse(*file);
      if (parsed.size() > 0) return parsed;
    }
    return Parse(kAbbreviationsFile);
  }();
  return table;
}

AbbreviationClass AbbreviationTable::Lookup(std::string_view word) const {
  if (word.size() > longest_) return AbbreviationClass::kNone;
  const auto it = words_.find(word);
  return it == words_.end() ? AbbreviationClass::kNone : it->second;
}

}  // namespace chronicle::text
