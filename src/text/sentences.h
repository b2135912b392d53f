// Sentence splitting for English news text.
//
//   auto spans = chronicle::text::SplitSentences(body);
//   for (const auto& s : spans) std::cout << body.substr(s.start, s.end - s.start) << "\n";
//
// Spans are byte offsets into the text, in order, non-overlapping, and never
// start or end with whitespace. A line is a paragraph: a line break ends a
// sentence unless the line is visibly hard-wrapped (it ends with a comma,
// semicolon, dash or title such as "Mr.", or the next line starts in lower
// case and the line is not a heading). Inside a line, ". ! ? …" end a sentence
// when followed by a space and a capital, digit or opening quote, except after
// the abbreviations of data/text/abbreviations.txt and initials. Linear time;
// any byte string is accepted (ill-formed UTF-8 is treated as U+FFFD).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace chronicle::text {

struct Span {
  size_t start = 0;  // byte offset of the first byte
  size_t end = 0;    // byte offset one past the last byte
  bool operator==(const Span&) const = default;
};

std::vector<Span> SplitSentences(std::string_view text);

}  // namespace chronicle::text
