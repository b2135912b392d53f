// Reading and writing TimeML 1.2.1 documents, the format of the TempEval-3
// gold data (TimeBank, AQUAINT, TE3 platinum) and of its system input.
//
//   std::string error;
//   auto doc = chronicle::eval::ReadTimeML("gold/AP_20130322.tml", &error);
//   if (!doc) { std::cerr << error; return; }
//   for (const auto& t : doc->timexes)
//     assert(doc->text.substr(t.start, t.end - t.start) == t.text);
//
//   std::string xml = chronicle::eval::WriteTimeML(doc->docid, doc->text,
//                                                  system_timexes, doc->dct);
//
// The reader keeps only what timex evaluation needs: the document id, the
// plain text of <TEXT>, the creation time and the TIMEX3 spans inside <TEXT>.
// EVENT, SIGNAL and link tags are dropped but their text is kept, so the text
// is exactly what a tagger sees in the corresponding raw input.
#pragma once

#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "time/timex.h"

namespace chronicle::eval {

// A TIMEX3 annotated in a gold document.
struct GoldTimex {
  size_t start = 0;   // byte offset into TimeMLDoc::text of the first byte
  size_t end = 0;     // byte offset one past the last byte
  std::string text;   // TimeMLDoc::text[start, end)
  std::string tid;
  std::string type;
  std::string value;
  std::string mod;
};

struct TimeMLDoc {
  std::string docid;  // <DOCID>, whitespace-trimmed
  // Plain text of <TEXT>: all descendant text concatenated in document order,
  // tags removed, the XML predefined entities and character references
  // decoded, whitespace kept exactly (line ends normalised to \n as XML
  // requires).
  std::string text;
  // Date of the TIMEX3 with functionInDocument="CREATION_TIME" (the first
  // one in document order); nullopt when there is none or its value does not
  // start with a valid date. Time of day is dropped.
  std::optional<time::CalendarDate> dct;
  std::string dct_value;  // that TIMEX3's value attribute, verbatim
  // The TIMEX3 elements inside <TEXT>, ordered by start (outer before inner
  // when nested).
  std::vector<GoldTimex> timexes;
};

// Parses a TimeML document held in memory. Returns nullopt and sets *error
// (when error is not null) if the XML is malformed or has no <TEXT> element.
// Entities other than the five XML predefined ones are not expanded (a DTD is
// never read), so hostile documents cannot make the parser grow without bound.
std::optional<TimeMLDoc> ParseTimeML(std::string_view xml, std::string* error);

// Reads and parses a file. As ParseTimeML; the error message names the path.
// A document without a <DOCID> gets the file name without its extensions
// (".tml", ".TE3input") as docid.
std::optional<TimeMLDoc> ReadTimeML(const std::string& path, std::string* error);

// Reads a whole file into *bytes. Returns false and sets *error (when not
// null) to "PATH: cannot open file" or "PATH: read error" on failure.
bool ReadFileBytes(const std::string& path, std::string* bytes, std::string* error);

// The file name of `path` without its directories and with each suffix of
// `suffixes` that ends it removed in turn ("a/x.tml.TE3input" with
// {".TE3input", ".tml"} gives "x"). A suffix is kept when it is the whole name.
std::string FileStem(const std::string& path, std::initializer_list<std::string_view> suffixes);

// Parses a TimeML date value ("1998-08-07", "1998-12-05T09:42", "2013-03",
// "1998", also the basic form "19980807"). Returns nullopt for anything else,
// including out-of-range months and days.
std::optional<time::CalendarDate> ParseTimeMLDate(std::string_view value);

// Formats a date as a TimeML value at its precision: "2025-07-25", "2025-07"
// or "2025".
std::string FormatTimeMLDate(const time::CalendarDate& date);

// Writes a TimeML 1.2.1 document: DOCID, a DCT (omitted when dct is nullopt)
// and the text with a TIMEX3 tag (tid t1.., type, value, and mod when not
// empty) around each span. Timexes are taken in document order (by start,
// the longer first on a tie); one that overlaps an earlier kept one is
// skipped, as is one with an empty span or a span outside the text. Text and
// attributes are XML-escaped (& < > and, in attributes, quotes); \r, \t and
// \n in attributes and \r and other C0 control characters in text are written
// as character references so ParseTimeML reads back the same bytes. NUL, which
// XML cannot represent at all, is written as a space.
std::string WriteTimeML(std::string_view docid, std::string_view text,
                        const std::vector<time::Timex>& timexes,
                        std::optional<time::CalendarDate> dct);

}  // namespace chronicle::eval
