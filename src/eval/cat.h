// Reading NewsReader CAT XML documents (the MEANTIME corpus format) into the
// gold document the TimeML reader produces, so both are scored alike.
//
//   std::string error;
//   CatError kind;
//   auto cat = chronicle::eval::ReadCat("corpus_airbus/100911_....xml", &error, &kind);
//   if (!cat) { /* kind: kMalformed (an error) or kNotCat (not this format) */ }
//   for (const auto& t : cat->doc.timexes)
//     assert(cat->doc.text.substr(t.start, t.end - t.start) == t.text);
//
// A CAT document is a root <Document doc_id=..> with <token t_id=..
// sentence=..>TEXT</token> children, then <Markables> whose <TIMEX3 m_id=..
// type=.. value=.. functionInDocument=..> elements point at tokens through
// <token_anchor t_id=".."/> children.
//
// The text is rebuilt from the tokens (CAT keeps no original spacing):
//   - tokens of different sentences (the `sentence` attribute changes) are
//     separated by "\n", tokens of one sentence by a single space, except:
//   - no space before a closing token: , . ; : ! ? ) ] } % ... , the
//     closing quotes '' ' ” ’ and the clitics 's 're 've 'll 'd 'm n't (in
//     any case);
//   - no space after an opening token: ( [ { `` ` “ ‘ and the currency
//     signs $ US$ £ € ¥;
//   - a straight double quote " alternates, counted over the document: the
//     1st, 3rd, ... open (no space after), the 2nd, 4th, ... close (no space
//     before).
// The XML predefined entities and character references are decoded by the
// parser; token text is otherwise copied byte for byte (UTF-8 stays UTF-8).
//
// A gold timex spans from the start of its first anchored token to the end of
// its last one (the anchors' smallest start and largest end).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eval/timeml.h"

namespace chronicle::eval {

struct CatDoc {
  // docid: the Document's doc_id attribute (the file name without ".xml"
  // when it has none); text: rebuilt as above; dct / dct_value: from the
  // first TIMEX3 with functionInDocument="CREATION_TIME", as in TimeML;
  // timexes: every other anchored TIMEX3, ordered by start (the longer first
  // on a tie), tid = m_id, with type, value and mod (when present).
  TimeMLDoc doc;
  // The creation-time TIMEX3's span in doc.text when it is anchored (it
  // usually covers the dateline). It is not in doc.timexes.
  std::optional<GoldTimex> dct_timex;
  // TIMEX3 markables other than the DCT that have no token_anchor (CAT's
  // empty, non-text-consuming timexes): skipped, counted here.
  int unanchored = 0;
  // The byte offset in doc.text where each sentence ends (before its "\n"),
  // in order; the last is doc.text.size().
  std::vector<size_t> sentence_ends;
};

enum class CatError {
  kNone,
  kMalformed,  // unreadable, not well-formed XML, or a CAT document with a broken anchor
  kNotCat,     // well-formed XML but not a CAT document (no <Document> root with <token>s)
};

// Parses a CAT document held in memory. Returns nullopt and sets *error and
// *kind (each when not null) on failure. An anchor naming a t_id that no
// token has makes the document kMalformed.
std::optional<CatDoc> ParseCat(std::string_view xml, std::string* error, CatError* kind);

// MEANTIME's document-level annotation (TIMEX3 among it) covers only the
// first sentences of each article: the title, the dateline and the first four
// body sentences, CAT sentences 0-5, in 117 of its 120 English articles (the
// other three are shorter or have a photo caption merged into a sentence,
// one annotated value then falls in sentence 6). Its cross-document layer
// adds entity and event mentions all through the text, so the extent of the
// markables cannot tell the annotated part. This is the default scope of the
// evaluation.
constexpr size_t kMeantimeAnnotatedSentences = 6;

// The byte offset where the scored part of a CAT document ends: the end of
// its first `sentences` sentences (the whole text when 0 or when it has no
// more), extended to the end of the sentence that holds the end of the last
// gold timex or DCT when that lies further, so no gold is ever left out.
size_t CatScoredEnd(const CatDoc& cat, size_t sentences);

// Reads and parses a file; as ParseCat, with the path in the error message.
std::optional<CatDoc> ReadCat(const std::string& path, std::string* error, CatError* kind);

// Whether a token takes no space before it (closing punctuation and quotes,
// clitics) or none after it (opening brackets and quotes, currency signs).
// The straight double quote is neither here; the text rebuilder alternates it.
bool CatNoSpaceBefore(std::string_view token);
bool CatNoSpaceAfter(std::string_view token);

}  // namespace chronicle::eval
