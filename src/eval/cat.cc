// CAT reader. pugixml parses the document with its default options (token
// text never starts or ends with whitespace that matters, and whitespace-only
// text between elements is layout). The tokens are appended to the text in
// document order with the spacing rules of cat.h, recording each token's byte
// span by t_id; the TIMEX3 markables are then resolved through those spans.
#include "eval/cat.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <unordered_map>
#include <utility>
#include <vector>

#include <pugixml.hpp>

namespace chronicle::eval {
namespace {

struct Span {
  size_t start = 0, end = 0;
  size_t sentence = 0;  // ordinal of the token's sentence in the document
};

void SetFailure(std::string* error, CatError* kind, CatError k, std::string message) {
  if (error != nullptr) *error = std::move(message);
  if (kind != nullptr) *kind = k;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}

template <size_t N>
bool IsOneOf(std::string_view token, const std::array<std::string_view, N>& set) {
  return std::find(set.begin(), set.end(), token) != set.end();
}

// A <Document> root with at least one <token> child.
bool IsCatRoot(const pugi::xml_node& root) {
  return root && std::strcmp(root.name(), "Document") == 0 && root.child("token");
}

// Rebuilds the text from the tokens; fills *spans (t_id -> byte span) and
// *sentence_ends (the end offset of each sentence, by ordinal).
void BuildText(const pugi::xml_node& root, std::string* text,
               std::unordered_map<std::string, Span>* spans,
               std::vector<size_t>* sentence_ends) {
  const char* sentence = nullptr;  // the previous token's sentence attribute
  bool space_allowed = false;      // may a space follow the text so far?
  int straight_quotes = 0;         // '"' tokens seen so far
  for (pugi::xml_node tok = root.child("token"); tok; tok = tok.next_sibling("token")) {
    const std::string_view word = tok.text().get();
    const char* s = tok.attribute("sentence").value();
    const bool quote = word == "\"";
    const bool opening_quote = quote && straight_quotes % 2 == 0;
    if (quote) ++straight_quotes;
    if (sentence != nullptr && std::strcmp(sentence, s) != 0) {
      sentence_ends->push_back(text->size());
      *text += '\n';
    } else if (space_allowed && !word.empty() && !CatNoSpaceBefore(word) &&
               !(quote && !opening_quote)) {
      *text += ' ';
    }
    sentence = s;
    const size_t start = text->size();
    *text += word;
    (*spans)[tok.attribute("t_id").value()] = {start, text->size(), sentence_ends->size()};
    if (!word.empty()) space_allowed = !CatNoSpaceAfter(word) && !opening_quote;
  }
  sentence_ends->push_back(text->size());
}

}  // namespace

bool CatNoSpaceBefore(std::string_view token) {
  static constexpr std::array<std::string_view, 16> kClosing = {
      ",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "...", "''", "'", "”", "’", "»"};
  static constexpr std::array<std::string_view, 7> kClitics = {"'s",  "'re", "'ve", "'ll",
                                                               "'d",  "'m",  "n't"};
  if (IsOneOf(token, kClosing)) return true;
  for (std::string_view c : kClitics) {
    if (EqualsIgnoreCase(token, c)) return true;
  }
  return false;
}

bool CatNoSpaceAfter(std::string_view token) {
  static constexpr std::array<std::string_view, 13> kOpening = {
      "(", "[", "{", "``", "`", "“", "‘", "«", "$", "US$", "£", "€", "¥"};
  return IsOneOf(token, kOpening);
}

std::optional<CatDoc> ParseCat(std::string_view xml, std::string* error, CatError* kind) {
  pugi::xml_document xdoc;
  const pugi::xml_parse_result parsed =
      xdoc.load_buffer(xml.data(), xml.size(), pugi::parse_default, pugi::encoding_auto);
  if (!parsed) {
    SetFailure(error, kind, CatError::kMalformed,
               "XML parse error at byte " + std::to_string(parsed.offset) + ": " +
                   parsed.description());
    return std::nullopt;
  }
  const pugi::xml_node root = xdoc.document_element();
  if (!IsCatRoot(root)) {
    SetFailure(error, kind, CatError::kNotCat, "not a CAT document (no <Document> with <token>s)");
    return std::nullopt;
  }

  CatDoc cat;
  TimeMLDoc& doc = cat.doc;
  doc.docid = root.attribute("doc_id").value();
  std::unordered_map<std::string, Span> spans;
  BuildText(root, &doc.text, &spans, &cat.sentence_ends);

  bool have_dct = false;
  for (pugi::xml_node markables = root.child("Markables"); markables;
       markables = markables.next_sibling("Markables")) {
    for (pugi::xml_node m = markables.child("TIMEX3"); m; m = m.next_sibling("TIMEX3")) {
      const bool is_dct =
          !have_dct &&
          std::strcmp(m.attribute("functionInDocument").value(), "CREATION_TIME") == 0;
      GoldTimex t;
      t.tid = m.attribute("m_id").value();
      t.type = m.attribute("type").value();
      t.value = m.attribute("value").value();
      t.mod = m.attribute("mod").value();
      bool anchored = false;
      for (pugi::xml_node a = m.child("token_anchor"); a; a = a.next_sibling("token_anchor")) {
        const char* t_id = a.attribute("t_id").value();
        const auto it = spans.find(t_id);
        if (it == spans.end()) {
          SetFailure(error, kind, CatError::kMalformed,
                     "TIMEX3 m_id=" + t.tid + " anchored to unknown token t_id=" + t_id);
          return std::nullopt;
        }
        t.start = anchored ? std::min(t.start, it->second.start) : it->second.start;
        t.end = anchored ? std::max(t.end, it->second.end) : it->second.end;
        anchored = true;
      }
      if (anchored) t.text = doc.text.substr(t.start, t.end - t.start);
      if (is_dct) {
        have_dct = true;
        doc.dct_value = t.value;
        doc.dct = ParseTimeMLDate(doc.dct_value);
        if (anchored) cat.dct_timex = std::move(t);
      } else if (anchored) {
        doc.timexes.push_back(std::move(t));
      } else {
        ++cat.unanchored;
      }
    }
  }
  std::stable_sort(doc.timexes.begin(), doc.timexes.end(),
                   [](const GoldTimex& a, const GoldTimex& b) {
                     if (a.start != b.start) return a.start < b.start;
                     return a.end > b.end;
                   });
  if (kind != nullptr) *kind = CatError::kNone;
  return cat;
}

size_t CatScoredEnd(const CatDoc& cat, size_t sentences) {
  const std::vector<size_t>& ends = cat.sentence_ends;
  if (ends.empty()) return 0;
  if (sentences == 0 || sentences >= ends.size()) return ends.back();
  size_t end = ends[sentences - 1];
  // Extend to the end of the sentence holding the last gold timex or DCT.
  size_t last_gold = cat.dct_timex ? cat.dct_timex->end : 0;
  for (const GoldTimex& t : cat.doc.timexes) last_gold = std::max(last_gold, t.end);
  if (last_gold > end) end = *std::lower_bound(ends.begin(), ends.end(), last_gold);
  return end;
}

std::optional<CatDoc> ReadCat(const std::string& path, std::string* error, CatError* kind) {
  std::string bytes;
  if (!ReadFileBytes(path, &bytes, error)) {
    if (kind != nullptr) *kind = CatError::kMalformed;
    return std::nullopt;
  }
  std::string parse_error;
  std::optional<CatDoc> cat = ParseCat(bytes, &parse_error, kind);
  if (!cat) {
    if (error != nullptr) *error = path + ": " + parse_error;
    return std::nullopt;
  }
  if (cat->doc.docid.empty()) cat->doc.docid = FileStem(path, {".xml"});
  return cat;
}

}  // namespace chronicle::eval
