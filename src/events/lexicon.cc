#include "events/lexicon.h"

#include <cstdlib>
#include <iostream>
#include <sstream>
#include <unordered_map>

#include "util/embedded_data.h"

namespace chronicle::events {
namespace {

// Byte classes for the tokenizer's inner loops: one table lookup per byte.
enum : uint8_t { kWordByte = 1, kNumberByte = 2 };  // [A-Za-z0-9]; [0-9,.]
struct ByteTable {
  uint8_t cls[256] = {};
  uint8_t lower[256] = {};
  constexpr ByteTable() {
    for (int c = 0; c < 256; ++c) {
      const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
      const bool digit = c >= '0' && c <= '9';
      cls[c] =
          static_cast<uint8_t>((letter || digit ? kWordByte : 0) | (digit || c == ',' || c == '.' ? kNumberByte : 0));
      lower[c] = static_cast<uint8_t>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
  }
};
constexpr ByteTable kBytes;

bool IsAsciiWordByte(unsigned char c) { return (kBytes.cls[c] & kWordByte) != 0; }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }

// Length of a UTF-8 punctuation sequence at text[i] that ends a word: the
// typographic quotes ‘ ’ “ ” (E2 80 98..9D), dashes – — (E2 80 93/94), and the
// ellipsis (E2 80 A6). Returns 0 for anything else.
size_t PunctuationAt(std::string_view text, size_t i) {
  if (i + 2 < text.size() && static_cast<unsigned char>(text[i]) == 0xE2 &&
      static_cast<unsigned char>(text[i + 1]) == 0x80) {
    const auto c = static_cast<unsigned char>(text[i + 2]);
    if ((c >= 0x93 && c <= 0x9D) || c == 0xA6) return 3;
  }
  if (i + 1 < text.size() && static_cast<unsigned char>(text[i]) == 0xC2 &&
      (static_cast<unsigned char>(text[i + 1]) == 0xA0 || static_cast<unsigned char>(text[i + 1]) == 0xAB ||
       static_cast<unsigned char>(text[i + 1]) == 0xBB)) {
    return 2;  // no-break space, « »
  }
  return 0;
}

bool IsRightQuote(std::string_view text, size_t i) {
  return i + 2 < text.size() && static_cast<unsigned char>(text[i]) == 0xE2 &&
         static_cast<unsigned char>(text[i + 1]) == 0x80 && static_cast<unsigned char>(text[i + 2]) == 0x99;
}

std::vector<std::string> SplitOn(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t b = 0;
  while (b <= s.size()) {
    size_t e = s.find(sep, b);
    if (e == std::string_view::npos) e = s.size();
    out.emplace_back(s.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

bool WordMatches(const std::string& pattern, const std::string& word) {
  if (!pattern.empty() && pattern.back() == '*') {
    return word.size() >= pattern.size() - 1 &&
           word.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0;
  }
  return pattern == word;
}

}  // namespace

std::vector<Word> TokenizeWords(std::string_view text) {
  std::vector<Word> words;
  TokenizeWords(text, &words);
  return words;
}

void TokenizeWords(std::string_view text, std::vector<Word>* out_words) {
  std::vector<Word>& words = *out_words;
  words.clear();
  words.reserve(text.size() / 6 + 4);  // about one word per six bytes of news text
  const char* const p = text.data();
  const size_t n = text.size();
  auto byte = [p](size_t k) { return static_cast<unsigned char>(p[k]); };
  size_t i = 0;
  while (i < n) {
    const unsigned char c = byte(i);
    if (!IsAsciiWordByte(c)) {
      if (c < 0x80) {  // space or ASCII punctuation
        ++i;
        continue;
      }
      if (const size_t punct = PunctuationAt(text, i); punct != 0) {
        i += punct;
        continue;
      }
      // Any other byte >= 0x80 counts as a letter and starts a word.
    }
    Word& w = words.emplace_back();  // filled in place
    w.start = i;
    size_t j = i;
    for (;;) {
      // Most of a word is a run of ASCII letters and digits: skip it with one
      // table lookup per byte before looking at the rarer cases.
      while (j < n && IsAsciiWordByte(byte(j))) ++j;
      if (j >= n) break;
      const unsigned char d = byte(j);
      if (d >= 0x80) {
        if (PunctuationAt(text, j) != 0) {
          // A right single quote between letters is an apostrophe ("Putin’s").
          if (IsRightQuote(text, j) && j + 3 < n && IsAsciiWordByte(byte(j + 3)) && j > i) {
            j += 3;
            continue;
          }
          break;
        }
        ++j;
      } else if ((d == '-' || d == '\'' || d == '.' || d == ',') && j + 1 < n && j > i && IsAsciiWordByte(byte(j + 1))) {
        // Inner hyphen or apostrophe; a comma or point only inside a number.
        if ((d == '.' || d == ',') && !(IsDigit(byte(j - 1)) && IsDigit(byte(j + 1)))) break;
        ++j;
      } else {
        break;
      }
    }
    w.end = j;
    w.capitalised = (c >= 'A' && c <= 'Z') || (c >= 0xC3 && c <= 0xC5 && j > i + 1 && byte(i + 1) < 0x9F);
    // Drop a possessive ending.
    const char* const raw = p + i;
    const size_t raw_len = j - i;
    size_t len = raw_len;
    if (len > 2 && raw[len - 2] == '\'' && (raw[len - 1] == 's' || raw[len - 1] == 'S')) {
      len -= 2;
    } else if (len > 4 && IsRightQuote(text, j - 4) && (raw[len - 1] == 's' || raw[len - 1] == 'S')) {
      len -= 4;
    }
    // Lower-case into the word's own buffer through a local pointer (stores
    // through w.lower[k] would make the compiler reload the string's data
    // pointer for every byte), hashing the lowered byte as it is written.
    w.lower.resize(len);
    char* const out = w.lower.data();
    uint8_t all = kNumberByte;
    uint64_t hash = kFnvBasis;  // HashWord(w.lower), in the same pass
    for (size_t k = 0; k < len; ++k) {
      const auto ch = static_cast<unsigned char>(raw[k]);
      const uint8_t lower = kBytes.lower[ch];
      all &= kBytes.cls[ch];
      out[k] = static_cast<char>(lower);
      hash = (hash ^ lower) * kFnvPrime;
    }
    w.number = all != 0 && len == raw_len;  // a possessive is no number
    w.hash = hash;
    i = j;
  }
}

bool PhraseSet::Load(std::string_view text, bool with_value, std::string* error) {
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    std::string_view line = text.substr(pos, eol - pos);
    pos = eol + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    auto fields = SplitOn(line, '\t');
    const size_t need = with_value ? 3 : 2;
    if (fields.size() < need) {
      *error = "line " + std::to_string(line_no) + ": expected " + std::to_string(need) + " tab-separated fields";
      return false;
    }
    PhraseEntry e;
    e.kind = fields[0];
    e.value = with_value ? fields[1] : "";
    const std::string& pattern = fields[need - 1];
    if (fields.size() > need) e.options = fields[need];
    e.line = line_no;
    for (const auto& w : SplitOn(pattern, ' ')) {
      if (w.empty()) continue;
      e.words.push_back(SplitOn(w, '|'));
    }
    if (e.words.empty()) {
      *error = "line " + std::to_string(line_no) + ": empty pattern";
      return false;
    }
    entries_.push_back(std::move(e));
  }
  Index();
  return true;
}

void PhraseSet::Index() {
  std::unordered_map<std::string, size_t> list_of;
  lists_.clear();
  list_words_.clear();
  prefix_lists_.clear();
  short_prefixes_.clear();
  prefix_bucket_.assign(65536, 0);
  for (size_t k = 0; k < entries_.size(); ++k) {
    for (const auto& alt : entries_[k].words[0]) {
      if (!alt.empty() && alt.back() == '*') {
        if (alt.size() >= 3) {  // two bytes and the star
          const size_t b = static_cast<unsigned char>(alt[0]) * 256u + static_cast<unsigned char>(alt[1]);
          if (prefix_bucket_[b] == 0) {
            prefix_lists_.emplace_back();
            prefix_bucket_[b] = static_cast<uint16_t>(prefix_lists_.size());
          }
          prefix_lists_[prefix_bucket_[b] - 1].emplace_back(alt, k);
        } else {
          short_prefixes_.emplace_back(alt, k);
        }
      } else {
        const auto [pos, inserted] = list_of.try_emplace(alt, lists_.size());
        if (inserted) {
          lists_.emplace_back();
          list_words_.push_back(alt);
        }
        auto& list = lists_[pos->second];
        if (list.empty() || list.back() != k) list.push_back(k);
      }
    }
  }
  size_t size = 16;
  while (size < 2 * lists_.size()) size *= 2;
  slots_.assign(size, Slot{});
  for (size_t l = 0; l < lists_.size(); ++l) {
    const uint64_t h = HashWord(list_words_[l]);
    size_t i = static_cast<size_t>(h) & (size - 1);
    while (slots_[i].list != 0) i = (i + 1) & (size - 1);
    slots_[i] = Slot{h, static_cast<uint32_t>(l + 1)};
  }
}

std::vector<PhraseMatch> PhraseSet::FindEvery(const std::vector<Word>& words, size_t first, size_t last) const {
  std::vector<PhraseMatch> out;
  auto try_entry = [&](size_t i, size_t k) {
    const auto& e = entries_[k];
    if (i + e.words.size() > last) return;
    for (size_t p = 0; p < e.words.size(); ++p) {
      bool ok = false;
      for (const auto& alt : e.words[p]) ok = ok || WordMatches(alt, words[i + p].lower);
      if (!ok) return;
    }
    // An entry reached twice at i (by two of its first-word alternatives):
    // matches are appended in order of i, so only the last ones can start
    // at i (a scan of all of them was quadratic in the matches of a text).
    for (auto m = out.rbegin(); m != out.rend() && m->first == i; ++m) {
      if (m->entry == &e) return;
    }
    out.push_back({&e, i, i + e.words.size()});
  };
  for (size_t i = first; i < last; ++i) {
    if (const auto* list = ExactFirst(words[i])) {
      for (size_t k : *list) try_entry(i, k);
    }
    ForPrefixes(words[i].lower, [&](const std::string& prefix, size_t k) {
      if (WordMatches(prefix, words[i].lower)) try_entry(i, k);
    });
  }
  return out;
}

const PhraseEntry* PhraseSet::MatchAt(const std::vector<Word>& words, size_t i, size_t* last) const {
  const PhraseEntry* best = nullptr;
  size_t best_len = 0;
  auto consider = [&](size_t k) {
    const auto& e = entries_[k];
    if (i + e.words.size() > words.size() || e.words.size() <= best_len) return;
    for (size_t p = 0; p < e.words.size(); ++p) {
      bool ok = false;
      for (const auto& alt : e.words[p]) {
        if (WordMatches(alt, words[i + p].lower)) {
          ok = true;
          break;
        }
      }
      if (!ok) return;
    }
    best = &e;
    best_len = e.words.size();
  };
  if (const auto* list = ExactFirst(words[i])) {
    for (size_t k : *list) consider(k);
  }
  ForPrefixes(words[i].lower, [&](const std::string& prefix, size_t k) {
    if (WordMatches(prefix, words[i].lower)) consider(k);
  });
  if (best != nullptr) *last = i + best_len;
  return best;
}

std::vector<PhraseMatch> PhraseSet::FindAll(const std::vector<Word>& words, size_t first, size_t last) const {
  std::vector<PhraseMatch> out;
  size_t i = first;
  while (i < last) {
    size_t end = 0;
    if (const PhraseEntry* e = MatchAt(words, i, &end); e != nullptr && end <= last) {
      out.push_back({e, i, end});
      i = end;
    } else {
      ++i;
    }
  }
  return out;
}

bool HasOption(std::string_view options, std::string_view name, std::string* value) {
  size_t b = 0;
  while (b <= options.size()) {
    size_t e = options.find(' ', b);
    if (e == std::string_view::npos) e = options.size();
    const std::string_view opt = options.substr(b, e - b);
    if (opt == name) return true;
    if (opt.size() > name.size() && opt.compare(0, name.size(), name) == 0 && opt[name.size()] == '=') {
      if (value != nullptr) *value = std::string(opt.substr(name.size() + 1));
      return true;
    }
    b = e + 1;
  }
  return false;
}

const EventLexicon& EventLexicon::Default() {
  static const EventLexicon* lexicon = [] {
    auto* lex = new EventLexicon();
    std::string error;
    for (auto [file, set, with_value] :
         {std::tuple{"events/triggers.txt", &lex->triggers, false}, std::tuple{"events/cues.txt", &lex->cues, true},
          std::tuple{"events/concepts.txt", &lex->concepts, false}}) {
      auto text = util::DataFile(file);
      if (!text) {
        std::cerr << "chronicle: data file " << file << " is missing\n";
        std::abort();
      }
      if (!set->Load(*text, with_value, &error)) {
        std::cerr << "chronicle: data/" << file << ": " << error << "\n";
        std::abort();
      }
    }
    return lex;
  }();
  return *lexicon;
}

}  // namespace chronicle::events
