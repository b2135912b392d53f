// The event stage: from one document's sentences, date expressions and actor
// mentions to event mentions.
//
// 1. Sentences are split (text::SplitSentences); a short line without final
//    punctuation is a heading.
// 2. Each sentence is cut into clauses around its dated expressions: a
//    sentence with dates of two different values ("an apology on 28 December,
//    in the first days of the new year 2025, the president declared ...")
//    yields one clause per date, cut at the first clause boundary after each
//    date. A sentence without a date is one clause.
// 3. In each clause the trigger lexicon (data/events/triggers.txt) finds the
//    words that say what happened; the main trigger is the strongest class
//    nearest to the clause's date.
// 4. Actors of the clause get roles from their position and voice: in the
//    active voice the actor before the trigger is the agent and those after it
//    the targets; in the passive ("was shot down by Y") or after "blamed on"
//    the actor after "by" is the agent and the subject the target. Capitals
//    after "in", "at", "near" are places, not participants.
// 5. Numbers in the clause count the noun after them; a number that is an
//    argument of a counting trigger (killed, detained) counts that.
// 6. Cue words (data/events/cues.txt) set the hedge (alleged, believed,
//    unverified, denied), the attribution ("according to X", "X said"),
//    modality and opinion, and framing/motive/attribute cues that the merge
//    stage compares across sources.
// 7. A clause without a date of its own joins the dated happening told just
//    before it in the same paragraph when it narrates in the past tense (after
//    "On Christmas Day 2024, a jet ... was shot down", "The crash killed 38"
//    belongs to that day).
// Only dated, asserted-or-reported, non-modal happenings outside headings go
// on the timeline; everything else is kept with the reason it was left out.
#include "events/analysis.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <span>

#include "events/lexicon.h"
#include "events/word_set.h"
#include "text/sentences.h"
#include "time/calendar.h"

namespace chronicle::events {

std::string_view ToString(EventClass cls) {
  switch (cls) {
    case EventClass::kStatement:
      return "statement";
    case EventClass::kMeeting:
      return "meeting";
    case EventClass::kAgreement:
      return "agreement";
    case EventClass::kCooperation:
      return "cooperation";
    case EventClass::kPressure:
      return "pressure";
    case EventClass::kArrest:
      return "arrest";
    case EventClass::kAttack:
      return "attack";
    case EventClass::kProtest:
      return "protest";
    case EventClass::kInvestigation:
      return "investigation";
    case EventClass::kOther:
      return "other";
  }
  return "other";
}

std::string_view ToString(Hedge hedge) {
  switch (hedge) {
    case Hedge::kAsserted:
      return "asserted";
    case Hedge::kReported:
      return "reported";
    case Hedge::kAlleged:
      return "alleged";
    case Hedge::kBelieved:
      return "believed";
    case Hedge::kUnverified:
      return "unverified";
    case Hedge::kDenied:
      return "denied";
  }
  return "asserted";
}

std::optional<EventClass> EventClassFromString(std::string_view name) {
  for (const EventClass c : {EventClass::kStatement, EventClass::kMeeting, EventClass::kAgreement,
                             EventClass::kCooperation, EventClass::kPressure, EventClass::kArrest, EventClass::kAttack,
                             EventClass::kProtest, EventClass::kInvestigation, EventClass::kOther}) {
    if (ToString(c) == name) return c;
  }
  return std::nullopt;
}

std::optional<Hedge> HedgeFromString(std::string_view name) {
  for (const Hedge h :
       {Hedge::kAsserted, Hedge::kReported, Hedge::kAlleged, Hedge::kBelieved, Hedge::kUnverified, Hedge::kDenied}) {
    if (ToString(h) == name) return h;
  }
  return std::nullopt;
}

namespace {

// The class a lexicon names ("attack"); the names are those of ToString().
EventClass ClassFromName(std::string_view name) {
  for (int c = 0; c <= static_cast<int>(EventClass::kOther); ++c) {
    if (ToString(static_cast<EventClass>(c)) == name) return static_cast<EventClass>(c);
  }
  return EventClass::kOther;
}

int ClassPriority(EventClass cls) {
  switch (cls) {
    case EventClass::kAttack:
    case EventClass::kArrest:
      return 6;
    case EventClass::kMeeting:
    case EventClass::kAgreement:
    case EventClass::kPressure:
      return 5;
    case EventClass::kInvestigation:
    case EventClass::kProtest:
    case EventClass::kCooperation:
      return 4;
    case EventClass::kStatement:
      return 3;
    case EventClass::kOther:
      return 1;
  }
  return 1;
}

int HedgeStrength(Hedge h) {
  switch (h) {
    case Hedge::kAsserted:
      return 0;
    case Hedge::kReported:
      return 1;
    case Hedge::kBelieved:
      return 2;
    case Hedge::kAlleged:
      return 3;
    case Hedge::kUnverified:
      return 4;
    case Hedge::kDenied:
      return 5;
  }
  return 0;
}

// A date range of a TIMEX3 value usable as an event date, or false for
// values that name no happening's date (durations, PRESENT_REF, decades).
struct DateRange {
  time::CalendarDate date;  // display date at the event precision
  int64_t lo = 0, hi = -1;
};

bool ParseNum(std::string_view s, size_t pos, size_t len, int* out) {
  if (pos + len > s.size()) return false;
  for (size_t i = pos; i < pos + len; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  std::from_chars(s.data() + pos, s.data() + pos + len, *out);
  return true;
}

bool RangeOfValue(const time::Timex& t, DateRange* out) {
  if (t.type != "DATE" && t.type != "TIME") return false;
  const std::string& v = t.value;
  int y = 0;
  if (!ParseNum(v, 0, 4, &y)) return false;
  DateRange r;
  if (v.size() >= 6 && v[4] == '-' && v[5] == 'W') {
    int w = 0;
    if (!ParseNum(v, 6, 2, &w) || w < 1 || w > 53) return false;
    r.lo = time::cal::IsoWeekStart(y, w);
    r.hi = r.lo + 6;
    const auto thu = time::cal::CivilFromDays(r.lo + 3);
    r.date = {thu.y, thu.m, 0};
    *out = r;
    return true;
  }
  if (v.size() >= 7 && v[4] == '-' && (v[5] == 'Q' || v[5] == 'H')) {
    int q = 0;
    if (!ParseNum(v, 6, 1, &q)) return false;
    const int months = v[5] == 'Q' ? 3 : 6;
    const int first = (q - 1) * months + 1;
    if (q < 1 || first + months - 1 > 12) return false;
    r.date = {y, 0, 0};
    r.lo = time::cal::DaysFromCivil(y, first, 1);
    const int lm = first + months - 1;
    r.hi = time::cal::DaysFromCivil(y, lm, time::cal::DaysInMonth(y, lm));
    *out = r;
    return true;
  }
  if (v.size() >= 7 && v[4] == '-' &&
      (v.compare(5, 2, "SP") == 0 || v.compare(5, 2, "SU") == 0 || v.compare(5, 2, "FA") == 0 ||
       v.compare(5, 2, "WI") == 0)) {
    static constexpr std::array<std::pair<std::string_view, int>, 4> kSeasons = {
        {{"SP", 3}, {"SU", 6}, {"FA", 9}, {"WI", 12}}};
    int first = 3;
    for (const auto& [code, mo] : kSeasons) {
      if (v.compare(5, 2, code) == 0) first = mo;
    }
    r.date = {y, 0, 0};
    r.lo = time::cal::DaysFromCivil(y, first, 1);
    r.hi = r.lo + 91;
    *out = r;
    return true;
  }
  // Plain dates: a year, a month or a day (a time of day keeps its day).
  const auto date = time::ParseIsoDate(v);
  if (!date) return false;
  r.date = *date;
  if (date->has_day()) {
    r.lo = r.hi = time::cal::DaysFromCivil(date->year, date->month, date->day);
  } else {
    const int first = date->month != 0 ? date->month : 1;
    const int last = date->month != 0 ? date->month : 12;
    r.lo = time::cal::DaysFromCivil(date->year, first, 1);
    r.hi = time::cal::DaysFromCivil(date->year, last, time::cal::DaysInMonth(date->year, last));
  }
  *out = r;
  return true;
}

bool IsPastForm(std::string_view w);
const WordSet& BeWords();

bool IsHeading(std::string_view body, const text::Span& s, std::span<const Word> ws) {
  const size_t words = ws.size();
  // Whole line?
  const bool line_start = s.start == 0 || body[s.start - 1] == '\n';
  const bool line_end = s.end >= body.size() || body[s.end] == '\n' || body[s.end] == '\r';
  // A run-in label opening a paragraph ("The apology. Three days later, ..."):
  // an article and a noun or two, no verb, then the paragraph's text.
  if (line_start && !line_end && body[s.end - 1] == '.' && words >= 2 && words <= 3 &&
      (ws[0].lower == "the" || ws[0].lower == "a" || ws[0].lower == "an")) {
    bool verb = false;
    for (const Word& x : ws.subspan(1)) verb = verb || IsPastForm(x.lower) || BeWords().count(x.lower) != 0;
    if (!verb) return true;
  }
  if (!line_start || !line_end) return false;
  const char last = body[s.end - 1];
  if (last == '.' || last == '!' || last == '?' || last == ':' || last == ';' || last == ',') return false;
  // A closing quote ends a sentence too.
  if (s.end >= 3 && body.compare(s.end - 3, 3, "\xE2\x80\x9D") == 0) return false;
  if (body[s.start] == '-' || body[s.start] == '*') return false;  // a list item
  return words <= 16;
}

const WordSet& BeWords() {
  static const WordSet kWords = {"was", "were", "been", "be", "being", "is", "are", "got", "get"};
  return kWords;
}

// Prepositions that open an adjunct telling the circumstances of a happening.
bool IsAdjunctPreposition(std::string_view w) { return w == "in" || w == "during" || w == "over"; }

// Articles, possessives and a few adjectives before a noun ("a", "their",
// "a brief"): skipped when looking for the preposition of a noun.
bool IsModifier(const Word& w) {
  static const WordSet kWords = {"a",    "an",   "the",     "his",    "her",   "their", "its",
                                 "this", "that", "private", "public", "brief", "long",  "closed-door"};
  return kWords.count(w.lower) != 0;
}

const WordSet& PlacePrepositions() {
  static const WordSet kWords = {"in", "at", "near", "from", "via", "through", "across", "inside", "outside"};
  return kWords;
}

const WordSet& NegationWords() {
  static const WordSet kWords = {"not", "never", "no", "didn't", "did't", "without", "nor", "neither", "failed"};
  return kWords;
}

// Irregular past forms and past auxiliaries; regular past is "-ed".
const WordSet& PastWords() {
  static const WordSet kWords = {"was",   "were",  "had",   "did",   "took",    "went",   "came",   "struck", "shot",
                                 "bore",  "froze", "fled",  "met",   "sent",    "began",  "became", "made",   "said",
                                 "told",  "left",  "held",  "stood", "brought", "gave",   "saw",    "flew",   "knew",
                                 "broke", "led",   "fell",  "won",   "lost",    "caught", "sought", "spoke",  "wrote",
                                 "drew",  "rose",  "stole", "threw", "beaten",  "killed"};
  return kWords;
}

// A past-tense form: an irregular past of PastWords() or a regular "-ed".
bool IsPastForm(std::string_view w) {
  return (w.size() > 4 && w.ends_with("ed")) || PastWords().count(w) != 0;
}

int64_t ParseNumberWord(std::string_view w) {
  static constexpr std::array<std::pair<std::string_view, int64_t>, 28> kNumbers = {{
      {"one", 1},       {"two", 2},       {"three", 3},    {"four", 4},      {"five", 5},       {"six", 6},
      {"seven", 7},     {"eight", 8},     {"nine", 9},     {"ten", 10},      {"eleven", 11},    {"twelve", 12},
      {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16},  {"seventeen", 17}, {"eighteen", 18},
      {"nineteen", 19}, {"twenty", 20},   {"thirty", 30},  {"forty", 40},    {"fifty", 50},     {"sixty", 60},
      {"seventy", 70},  {"eighty", 80},   {"ninety", 90},  {"hundred", 100},
  }};
  // Most words are none of these: one WordSet look-up says so (a scan of
  // the table for every word of a clause was 0.9% of extract).
  // (The names are copied out by hand: clang with libstdc++ 12, which builds
  // the fuzz targets, cannot compile std::views::keys over this array.)
  static const WordSet kNames = [] {
    std::array<std::string_view, kNumbers.size()> names{};
    for (size_t i = 0; i < kNumbers.size(); ++i) names[i] = kNumbers[i].first;
    return WordSet(names.begin(), names.end());
  }();
  if (!kNames.contains(w)) return -1;
  for (const auto& [name, value] : kNumbers) {
    if (name == w) return value;
  }
  return -1;
}

int64_t ParseDigits(std::string_view w) {
  int64_t v = 0;
  bool any = false;
  for (char c : w) {
    if (c == ',') continue;
    if (c == '.') return -1;
    if (c < '0' || c > '9') return -1;
    v = v * 10 + (c - '0');
    any = true;
    if (v > 1'000'000'000'000LL) return -1;
  }
  return any ? v : -1;
}

// Words after a number that make it a measure, not a count of things.
const WordSet& MeasureWords() {
  static const WordSet kWords = {"percent", "per",    "million", "billion", "trillion", "thousand",   "years",
                                 "year",    "months", "month",   "days",    "day",      "weeks",      "week",
                                 "hours",   "hour",   "minutes", "minute",  "km",       "kilometres", "kilometers",
                                 "miles",   "times",  "of",      "and",     "or",       "to",         "%"};
  return kWords;
}

std::string Singular(std::string w) {
  if (w.size() > 4 && w.ends_with("ies")) return w.substr(0, w.size() - 3) + "y";
  if (w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's') w.pop_back();
  return w;
}

// True if words[from, to) are only auxiliaries, negation, articles and
// adverbs: a modal before them bears on the word at `to` ("could soon be
// signed"), not when a clause intervenes ("should remember that X signed").
bool OnlyAuxiliariesBetween(const std::vector<Word>& words, size_t from, size_t to, int allowed_verbs = 0) {
  static const WordSet kAux = {"be",   "been", "have", "has", "not", "also", "still",   "soon",       "then", "never",
                               "only", "the",  "a",    "an",  "to",  "get",  "finally", "eventually", "even"};
  for (size_t i = from; i < to; ++i) {
    const std::string& w = words[i].lower;
    if (kAux.count(w) != 0) continue;
    if (w.size() > 3 && w.ends_with("ly")) continue;
    if (allowed_verbs-- > 0) continue;  // "would file a lawsuit": the verb of a noun trigger
    return false;
  }
  return true;
}

struct Clause {
  size_t first_word = 0, last_word = 0;  // word indices [first, last)
  size_t start = 0, end = 0;             // byte offsets
  int timex = -1;                        // anchor timex, -1 if none
  DateRange range;
  // Years joined to the anchor year by "and" ("concluded in 2020 and
  // 2022"): the clause tells one happening in each.
  std::vector<std::pair<int, DateRange>> also;
};

// "the same day", "that very day": a day the words after it may name.
bool EndsWithSameDay(std::string_view text) {
  auto ends = [&](std::string_view suffix) {
    if (text.size() < suffix.size()) return false;
    for (size_t i = 0; i < suffix.size(); ++i) {
      const char c = text[text.size() - suffix.size() + i];
      if (static_cast<char>(std::tolower(static_cast<unsigned char>(c))) != suffix[i]) return false;
    }
    return true;
  };
  return ends("same day") || ends("very day");
}

// A trigger word without its inflection, to match "announced" with
// "announcement" and "agreed" with "agreement".
std::string TriggerStem(std::string_view w) {
  std::string s(w);
  for (const std::string_view suffix : {"ments", "ment", "ings", "ing", "ed", "es", "s"}) {
    if (s.size() > suffix.size() + 3 && s.ends_with(suffix)) {
      s.resize(s.size() - suffix.size());
      break;
    }
  }
  if (s.size() > 3 && s.back() == 'e') s.pop_back();
  return s;
}

// True when the clause [start, end) narrates in the past: a past form and
// no present, perfect or future auxiliary ("were seized", not "are held").
bool NarratesPast(const std::vector<Word>& words, size_t start, size_t end) {
  auto it = std::lower_bound(words.begin(), words.end(), start, [](const Word& x, size_t pos) { return x.start < pos; });
  bool past = false;
  for (; it != words.end() && it->end <= end; ++it) {
    const std::string_view lw = it->lower;
    if (IsPastForm(lw)) past = true;
    if (lw == "will" || lw == "would" || lw == "has" || lw == "have" || lw == "is" || lw == "are") return false;
  }
  return past;
}

// Undated happenings between two dated steps of the story. A paragraph that
// goes on from the previous one's last date and reaches its own date later
// ("On 1 July ..." / "In Voronezh, security forces stormed a home. Four
// businessmen were seized ... On 3 July, ...") tells its undated past-tense
// happenings between the two: they get the range from the one date to the
// other, shown at the precision both share (here 2025-07). Only a story told
// in order qualifies: the later date must not come before the earlier, the
// two must be at most a month apart, and the earlier one must close the
// previous paragraph or stand in the same one.
void DateBetweenSteps(DocumentAnalysis& a, const std::vector<Word>& words) {
  const std::string& body = a.doc.body;
  std::vector<size_t> newlines;
  for (size_t p = body.find('\n'); p != std::string::npos; p = body.find('\n', p + 1)) newlines.push_back(p);
  auto paragraph = [&](size_t pos) {
    return static_cast<size_t>(std::lower_bound(newlines.begin(), newlines.end(), pos) - newlines.begin());
  };
  auto& ms = a.mentions;
  const EventMention* prev = nullptr;  // the latest own-dated timeline mention
  for (size_t i = 0; i < ms.size();) {
    if (ms[i].own_date) {
      if (ms[i].in_timeline) prev = &ms[i];
      ++i;
      continue;
    }
    size_t j = i;
    while (j < ms.size() && !ms[j].own_date) ++j;
    if (prev == nullptr || j == ms.size() || !ms[j].in_timeline) {
      i = j;
      continue;
    }
    const EventMention& next = ms[j];
    const size_t next_paragraph = paragraph(a.sentences[next.sentence].start);
    const size_t prev_paragraph = paragraph(a.sentences[prev->sentence].start);
    const bool in_order = prev->date.month != 0 && next.date.month != 0 && prev->day_lo <= next.day_lo &&
                          next.day_hi - prev->day_lo <= 31 && prev->date.year == next.date.year;
    if (in_order && next_paragraph - prev_paragraph <= 1) {
      time::CalendarDate shared{prev->date.year, prev->date.month == next.date.month ? prev->date.month : 0, 0};
      for (size_t k = i; k < j; ++k) {
        EventMention& m = ms[k];
        if (m.excluded != "no date" || paragraph(a.sentences[m.sentence].start) != next_paragraph ||
            !NarratesPast(words, m.clause_start, m.clause_end)) {
          continue;
        }
        m.date = shared;
        m.day_lo = prev->day_lo;
        m.day_hi = next.day_hi;
        m.excluded.clear();
        m.in_timeline = true;
      }
    }
    i = j;
  }
}

}  // namespace

DocumentAnalysis AnalyseDocument(ingest::Document doc, std::optional<time::CalendarDate> dct) {
  DocumentAnalysis a;
  a.doc = std::move(doc);
  const std::string& body = a.doc.body;
  if (!dct && a.doc.published) dct = time::ParseIsoDate(*a.doc.published);
  auto tagged = time::TimexTagger::Default().Tag(body, dct);
  a.timexes = std::move(tagged.timexes);
  a.dct = tagged.dct;
  a.actors = actors::ActorFinder::Default().Find(body);

  const auto& lex = EventLexicon::Default();
  const std::vector<Word> words = TokenizeWords(body);
  // Lexicon matches are found once per document; clauses take their share.
  // trigger_at[i] is the trigger starting at word i (nullptr if none).
  // Words inside a date expression are neither triggers nor cues ("3 May").
  std::vector<char> word_in_timex(words.size(), 0);
  {
    size_t k = 0;
    for (size_t i = 0; i < words.size(); ++i) {
      while (k < a.timexes.size() && a.timexes[k].end <= words[i].start) ++k;
      if (k < a.timexes.size() && a.timexes[k].start < words[i].end) word_in_timex[i] = 1;
    }
  }
  std::vector<const PhraseEntry*> trigger_at(words.size(), nullptr);
  std::vector<size_t> trigger_end(words.size(), 0);
  for (size_t i = 0; i < words.size(); ++i) trigger_at[i] = lex.triggers.MatchAt(words, i, &trigger_end[i]);
  const std::vector<PhraseMatch> doc_cues = lex.cues.FindEvery(words, 0, words.size());
  auto triggers_in = [&](size_t first, size_t last) {
    std::vector<PhraseMatch> out;
    size_t i = first;
    while (i < last) {
      if (trigger_at[i] != nullptr && trigger_end[i] <= last) {
        out.push_back({trigger_at[i], i, trigger_end[i]});
        i = trigger_end[i];
      } else {
        ++i;
      }
    }
    return out;
  };
  auto cues_in = [&](size_t first, size_t last) {
    std::vector<PhraseMatch> out;
    auto it = std::lower_bound(doc_cues.begin(), doc_cues.end(), first,
                               [](const PhraseMatch& m, size_t w) { return m.first < w; });
    for (; it != doc_cues.end() && it->first < last; ++it) {
      if (it->last > last) continue;
      bool dated = false;
      for (size_t i = it->first; i < it->last; ++i) dated = dated || word_in_timex[i] != 0;
      if (!dated) out.push_back(*it);
    }
    return out;
  };
  const auto spans = text::SplitSentences(body);

  size_t w = 0;                  // first word of the current sentence
  size_t tx = 0;                 // first timex not before the current sentence
  size_t ax = 0;                 // first actor mention not before the current sentence
  bool paragraph_dated = false;  // the paragraph has had a date of its own
  size_t body_paragraphs = 0;    // paragraphs so far that do not open with a heading
  Clause last_anchor;            // the clause of that date
  // Day-dated clauses so far, with the stems of their trigger words: what
  // "the same day the treaty was announced" can name.
  std::vector<std::pair<DateRange, std::vector<std::string>>> day_steps;
  size_t last_paragraph_start = std::string::npos;
  size_t paragraph_start = 0;             // of the current sentence
  size_t next_newline = body.find('\n');  // the first line break not before it

  a.sentences.reserve(spans.size());
  for (size_t si = 0; si < spans.size(); ++si) {
    const auto& span = spans[si];
    while (w < words.size() && words[w].start < span.start) ++w;
    size_t we = w;
    while (we < words.size() && words[we].end <= span.end) ++we;
    // Only this sentence is added before the next one: the reference holds.
    const Sentence& sentence = a.sentences.emplace_back(
        Sentence{span.start, span.end, body.substr(span.start, span.end - span.start), IsHeading(body, span, std::span<const Word>(words.data() + w, we - w))});

    // Paragraph: the line the sentence starts on. Its start moves forward
    // over the line breaks before the sentence, each visited once (an rfind
    // from every sentence read its paragraph again and again: quadratic).
    while (next_newline < span.start) {
      paragraph_start = next_newline + 1;
      next_newline = body.find('\n', next_newline + 1);
    }
    if (paragraph_start != last_paragraph_start) {
      // The paragraph after a lead that dates its happening to the day goes
      // on telling it ("A missile hit the embassy on 14 November." / "Baku
      // lodged a protest and summoned the ambassador."): news puts the
      // details of the lead's happening right after it.
      // Only a paragraph without a date of its own: one with dates tells
      // its own steps (DateBetweenSteps).
      auto own_dates = [&] {
        const size_t paragraph_end = body.find('\n', paragraph_start);
        auto t = std::lower_bound(a.timexes.begin(), a.timexes.end(), paragraph_start,
                                  [](const auto& x, size_t at) { return x.start < at; });
        for (; t != a.timexes.end() && t->start < paragraph_end; ++t) {
          if (t->type == "DATE") return true;
        }
        return false;
      };
      const bool after_lead = body_paragraphs == 1 && paragraph_dated && last_anchor.range.lo == last_anchor.range.hi &&
                              last_anchor.range.date.has_day() && !own_dates();
      paragraph_dated = after_lead;
      last_paragraph_start = paragraph_start;
      if (!sentence.heading) ++body_paragraphs;
    }

    // Quoted passages of four words or more: words inside are someone's
    // speech, not the narration of what happened.
    std::vector<std::pair<size_t, size_t>> quotes;
    {
      // Both scans jump from one candidate byte to the next with find()
      // (memchr): most sentences hold no quote, and a loop over every byte
      // was 2% of `chronicle extract`.
      const std::string_view st(sentence.text);
      size_t open = std::string::npos;
      size_t next_e2 = st.find('\xE2'), next_dq = st.find('"');
      for (size_t p = std::min(next_e2, next_dq); p != std::string::npos; p = std::min(next_e2, next_dq)) {
        if (p == next_e2) {
          next_e2 = st.find('\xE2', p + 1);
        } else {
          next_dq = st.find('"', p + 1);
        }
        const bool curly = st[p] == '\xE2' && p + 2 < st.size() && st[p + 1] == '\x80';
        if (curly && st[p + 2] == '\x9C') open = p;
        if (curly && st[p + 2] == '\x9D' && open != std::string::npos) {
          quotes.emplace_back(span.start + open, span.start + p);
          open = std::string::npos;
        }
        if (st[p] == '"') {
          if (open == std::string::npos)
            open = p;
          else {
            quotes.emplace_back(span.start + open, span.start + p);
            open = std::string::npos;
          }
        }
      }
      // 'single quotes' around a passage of four or more words.
      size_t sq = std::string::npos;
      for (size_t p = st.find('\''); p != std::string::npos; p = st.find('\'', p + 1)) {
        const bool opening = (p == 0 || st[p - 1] == ' ') && p + 1 < st.size() && st[p + 1] != ' ';
        const bool closing =
            p > 0 && st[p - 1] != ' ' && (p + 1 >= st.size() || !std::isalpha(static_cast<unsigned char>(st[p + 1])));
        if (opening && sq == std::string::npos) {
          sq = p;
        } else if (closing && sq != std::string::npos) {
          const std::string_view inner = st.substr(sq, p - sq);
          if (std::count(inner.begin(), inner.end(), ' ') >= 3) quotes.emplace_back(span.start + sq, span.start + p);
          sq = std::string::npos;
        }
      }
    }
    auto in_quote = [&](size_t pos) {
      for (const auto& [qb, qe] : quotes) {
        if (pos > qb && pos < qe) return true;
      }
      return false;
    };
    // Dated expressions of the sentence.
    while (tx < a.timexes.size() && a.timexes[tx].start < span.start) ++tx;
    std::vector<std::pair<int, DateRange>> anchors;
    bool open_date = false;  // "a few years later": after the paragraph's date, not on it
    for (size_t k = tx; k < a.timexes.size() && a.timexes[k].start < span.end; ++k) {
      DateRange r;
      if (!RangeOfValue(a.timexes[k], &r)) continue;
      // "a few years later", "before 2020": an open side of a date is no date.
      const std::string_view mod = a.timexes[k].mod;
      if (mod == "AFTER" || mod == "BEFORE" || mod == "ON_OR_AFTER" || mod == "ON_OR_BEFORE") {
        open_date = true;
        continue;
      }
      if (in_quote(a.timexes[k].start)) continue;  // a date inside someone's words
      if (!anchors.empty() && a.timexes[static_cast<size_t>(anchors.back().first)].value == a.timexes[k].value) {
        continue;  // "three weeks later, on 13 March": one date
      }
      anchors.emplace_back(static_cast<int>(k), r);
    }

    // Cut into clauses: each date owns the text up to the first clause
    // boundary after it that closes a clause with a trigger in it; dates only
    // joined by "and"/"or" ("in 2010 and 2020") share one clause.
    auto has_trigger = [&](size_t from, size_t to) {
      size_t i = w;
      while (i < we && words[i].start < from) ++i;
      for (; i < we && words[i].end <= to; ++i) {
        if (trigger_at[i] != nullptr && word_in_timex[i] == 0) return true;
      }
      return false;
    };
    std::vector<Clause> clauses;
    if (anchors.empty()) {
      clauses.push_back({w, we, span.start, span.end, -1, {}, {}});
    } else {
      size_t cs = span.start;
      for (size_t k = 0; k < anchors.size(); ++k) {
        const auto& t = a.timexes[static_cast<size_t>(anchors[k].first)];
        size_t ce = span.end;
        size_t skip_to = k;
        while (skip_to + 1 < anchors.size()) {
          const size_t next = a.timexes[static_cast<size_t>(anchors[skip_to + 1].first)].start;
          const size_t prev_end = a.timexes[static_cast<size_t>(anchors[skip_to].first)].end;
          std::string_view gap(body.data() + prev_end, next - prev_end);
          bool coordinated = gap.size() <= 12 && gap.find(',') == std::string_view::npos &&
                             (gap.find(" and ") != std::string_view::npos ||
                              gap.find(" or ") != std::string_view::npos || gap.find(" to ") != std::string_view::npos);
          if (!coordinated) break;
          ++skip_to;
        }
        if (skip_to + 1 < anchors.size()) {
          const size_t next = a.timexes[static_cast<size_t>(anchors[skip_to + 1].first)].start;
          ce = next;
          size_t last_boundary = std::string::npos;
          for (size_t p = t.end; p < next; ++p) {
            if (body[p] == ',' || body[p] == ';') {
              last_boundary = p + 1;
              if (has_trigger(cs, p)) {
                ce = p + 1;
                break;
              }
            }
          }
          if (ce == next) {
            // No comma closes a clause with a trigger: a trigger nearer the next
            // date belongs to it ("... counted farmers after the drought struck
            // in 2019"); cut before the conjunction that opens its clause.
            size_t tw0 = w;
            while (tw0 < we && words[tw0].start < t.end) ++tw0;
            size_t next_word = tw0;
            while (next_word < we && words[next_word].start < next) ++next_word;
            size_t cut_word = std::string::npos;
            for (size_t i = next_word; i > tw0; --i) {
              if (trigger_at[i - 1] == nullptr) continue;
              if ((next_word - (i - 1)) < ((i - 1) - tw0)) {
                static const WordSet kOpeners = {"after", "before", "when", "while", "as",    "and", "but", "because",
                                                 "since", "until",  "then", "where", "which", "who", "once"};
                cut_word = i - 1;
                for (size_t b = i - 1; b > tw0 && (i - 1) - b < 5; --b) {
                  if (kOpeners.count(words[b - 1].lower) != 0) {
                    cut_word = b - 1;
                    break;
                  }
                }
              }
              break;
            }
            if (cut_word != std::string::npos) {
              ce = words[cut_word].start;
            } else if (last_boundary != std::string::npos) {
              ce = last_boundary;
            }
          }
        }
        clauses.push_back({0, 0, cs, ce, anchors[k].first, anchors[k].second, {}});
        for (size_t j = k + 1; j <= skip_to; ++j) {
          const auto& prev = a.timexes[static_cast<size_t>(anchors[j - 1].first)];
          const auto& tj = a.timexes[static_cast<size_t>(anchors[j].first)];
          const std::string_view gap(body.data() + prev.end, tj.start - prev.end);
          if (t.value.size() == 4 && tj.value.size() == 4 && gap.find(" and ") != std::string_view::npos) {
            clauses.back().also.push_back(anchors[j]);
          }
        }
        cs = ce;
        k = skip_to;
      }
      for (auto& c : clauses) {
        size_t f = w;
        while (f < we && words[f].start < c.start) ++f;
        size_t l = f;
        while (l < we && words[l].end <= c.end) ++l;
        c.first_word = f;
        c.last_word = l;
      }
    }

    while (ax < a.actors.size() && a.actors[ax].start < span.start) ++ax;

    // "On the very day the treaty was announced, ...": words right after "the
    // same day" / "the very day" name the happening that dates the clause. It
    // is the latest earlier day-dated clause with a trigger of the same stem;
    // the named happening's triggers are not this clause's happening.
    std::vector<std::pair<size_t, size_t>> named_day(clauses.size(), {0, 0});
    for (size_t ci = 0; ci < clauses.size(); ++ci) {
      auto& clause = clauses[ci];
      if (clause.timex < 0) continue;
      auto& t = a.timexes[static_cast<size_t>(clause.timex)];
      if (t.anchor != "narrative" || !EndsWithSameDay(t.text)) continue;
      size_t first = clause.first_word;
      while (first < clause.last_word && words[first].start < t.end) ++first;
      if (first == clause.last_word || body.find_first_not_of(' ', t.end) != words[first].start) continue;
      if (Is(words[first], "that") || Is(words[first], "when")) ++first;
      size_t last = first;
      while (last < clause.last_word && last - first < 12 &&
             (last == first || body.find_first_of(",;:", words[last - 1].end) >= words[last].start)) {
        ++last;
      }
      named_day[ci] = {first, last};
      // The named happening is its verb ("the treaty was announced"), or its
      // noun when it has none ("the same day as the vote").
      std::vector<std::string> named_stems;
      for (const bool verbs : {true, false}) {
        for (size_t i = first; i < last; ++i) {
          if (trigger_at[i] != nullptr && HasOption(trigger_at[i]->options, "nominal") != verbs) {
            named_stems.push_back(TriggerStem(words[i].lower));
          }
        }
        if (!named_stems.empty()) break;
      }
      for (auto step = day_steps.rbegin(); step != day_steps.rend(); ++step) {
        bool same = false;
        for (const auto& stem : named_stems) {
          same = same || std::find(step->second.begin(), step->second.end(), stem) != step->second.end();
        }
        if (!same) continue;
        clause.range = step->first;
        t.value = step->first.date.Iso();
        break;
      }
    }

    std::vector<char> bound_anchor(clauses.size(), 0);  // dates that only date a noun
    for (const auto& clause : clauses) {
      auto matches = triggers_in(clause.first_word, clause.last_word);
      const size_t anchor_word = [&] {
        if (clause.timex < 0) return clause.first_word;
        const size_t ts = a.timexes[static_cast<size_t>(clause.timex)].start;
        size_t i = clause.first_word;
        while (i < clause.last_word && words[i].start < ts) ++i;
        return i;
      }();
      // A date after "since" only dates a noun right after it ("since the
      // December 2024 downing"); the clause itself tells what goes on since.
      bool since = false;
      bool modifier = false;  // the date modifies a noun ("the 9 May celebrations"), no "since"
      size_t since_end = 0;
      if (clause.timex >= 0) {
        const auto& t = a.timexes[static_cast<size_t>(clause.timex)];
        if (anchor_word > clause.first_word && Is(words[anchor_word - 1], "since")) since = true;
        // So does a date used as a modifier: "a December 2024 airline tragedy",
        // "the 2021 Shusha Declaration".
        if (anchor_word > clause.first_word) {
          const std::string_view pw = words[anchor_word - 1].lower;
          const bool det = pw == "a" || pw == "an" || pw == "the" || pw == "its" || pw == "this" || pw == "their";
          size_t after = anchor_word;
          while (after < clause.last_word && words[after].start < t.end) ++after;
          auto joins = [](const Word& x) { return Is(x, "and") || Is(x, "or") || Is(x, "to") || Is(x, "of"); };
          const bool word_follows =
              after < clause.last_word && words[after].start == t.end + 1 && body[t.end] == ' ' && !joins(words[after]);
          if (det && word_follows && !since) since = modifier = true;
        }
        since_end = t.end;
        if (since) bound_anchor[static_cast<size_t>(&clause - clauses.data())] = 1;
        // "the tripartite agreement of 2020": a year after "of" names the
        // noun before it; the clause keeps that date, but the paragraph's
        // later sentences do not take it as the story's time.
        if (anchor_word >= clause.first_word + 2 && Is(words[anchor_word - 1], "of") &&
            trigger_at[anchor_word - 2] != nullptr && t.value.size() == 4) {
          bound_anchor[static_cast<size_t>(&clause - clauses.data())] = 1;
        }
      }
      const auto clause_cues = cues_in(clause.first_word, clause.last_word);
      auto modal_bound = [&](const PhraseMatch& m) {
        for (const auto& cue : clause_cues) {
          if (cue.entry->kind != "modal") continue;
          const int verbs = HasOption(m.entry->options, "nominal") ? 1 : 0;
          if (cue.last <= m.first && m.first - cue.last <= static_cast<size_t>(3 + verbs) &&
              OnlyAuxiliariesBetween(words, cue.last, m.first, verbs)) {
            return true;
          }
        }
        return false;
      };
      auto choose = [&](bool since_mode) -> const PhraseMatch* {
        const PhraseMatch* best = nullptr;
        int best_score = -1000000;
        for (size_t mi = 0; mi < matches.size(); ++mi) {
          const auto& m = matches[mi];
          if (word_in_timex[m.first] != 0 || in_quote(words[m.first].start)) continue;
          const auto& named = named_day[static_cast<size_t>(&clause - clauses.data())];
          if (m.first >= named.first && m.first < named.second) continue;
          const EventClass cls = ClassFromName(m.entry->kind);
          const bool weak = HasOption(m.entry->options, "weak");
          // "exports reached $2 billion": a level, not a happening.
          if (HasOption(m.entry->options, "measure")) {
            size_t p = words[m.last - 1].end;
            while (p < body.size() && body[p] == ' ') ++p;
            const bool amount = p < body.size() && (std::isdigit(static_cast<unsigned char>(body[p])) ||
                                                     body[p] == '$' || body.compare(p, 2, "\xC2\xA3") == 0 ||
                                                     body.compare(p, 3, "\xE2\x82\xAC") == 0);
            const std::string_view nw = m.last < clause.last_word ? std::string_view(words[m.last].lower) : "";
            if (amount || ParseNumberWord(nw) >= 0 || nw == "record" || nw == "a" || nw == "about" ||
                nw == "nearly" || nw == "almost" || nw == "over") {
              continue;
            }
          }
          if (weak && clause.timex < 0) continue;
          // A "named" noun is a happening only with its own date: before it
          // ("the 2020 war", checked below in since mode) or a few words after
          // it in the same phrase ("the war between them in 2020").
          if (HasOption(m.entry->options, "named") && !since_mode) {
            const bool near_after = clause.timex >= 0 && anchor_word >= m.last && anchor_word - m.last <= 5 &&
                                    std::string_view(body.data() + words[m.last - 1].end,
                                                     a.timexes[static_cast<size_t>(clause.timex)].start -
                                                         words[m.last - 1].end)
                                            .find_first_of(",;:.") == std::string_view::npos;
            if (!near_after) continue;
          }
          if (since_mode) {
            // Within the noun phrase: at most two words between ("the 2020
            // Russia-brokered ceasefire", "the December 2024 airline tragedy").
            size_t between = 0;
            for (size_t x = m.first; x > clause.first_word && words[x - 1].start >= since_end; --x) ++between;
            const bool right_after =
                words[m.first].start >= since_end && between <= 2 &&
                std::string_view(body.data() + since_end, words[m.first].start - since_end).find_first_of(",;:.") ==
                    std::string_view::npos;
            if (!right_after) continue;
          }
          const size_t dist = m.first > anchor_word ? m.first - anchor_word : anchor_word - m.first;
          int score = ClassPriority(cls) * 10 - (weak ? 25 : 0) - static_cast<int>(std::min<size_t>(dist, 30));
          // "the Shusha Declaration of 2021": the noun the year names is the
          // happening the clause dates.
          if (clause.timex >= 0 && m.last + 1 == anchor_word && Is(words[m.last], "of")) score += 40;
          // A participle after a comma (", killing five") tells a consequence.
          const std::string& first_lower = words[m.first].lower;
          if (m.first > clause.first_word && first_lower.size() > 4 &&
              first_lower.compare(first_lower.size() - 3, 3, "ing") == 0 &&
              body.compare(words[m.first - 1].end, 1, ",") == 0) {
            score -= 15;
          }
          // A plan ("would file a lawsuit") is not a happening; its announcement is.
          if (modal_bound(m)) score -= 35;
          // A verb after "to", with a trigger before it, is the aim of that
          // one ("launched an operation to regain control", "refused to
          // meet"): the earlier trigger tells what happened.
          if (mi > 0 && m.first > clause.first_word && Is(words[m.first - 1], "to") &&
              !HasOption(m.entry->options, "nominal") && matches[mi - 1].last < m.first) {
            score -= 20;
          }
          // A participle right after a noun is a reduced relative clause ("the
          // aircraft shot down by ..."): background to the main happening.
          const std::string_view tw = words[m.first].lower;
          const bool participle = tw.size() > 3 && (tw.compare(tw.size() - 2, 2, "ed") == 0 || tw == "shot" ||
                                                    tw == "struck" || tw == "brought" || tw == "beaten");
          if (participle && m.first > clause.first_word) {
            const std::string_view pw = words[m.first - 1].lower;
            if (BeWords().count(pw) == 0 && pw != "had" && pw != "has" && pw != "have" &&
                !words[m.first - 1].capitalised && pw.size() > 2 && pw.back() != 'y' &&
                (m.last < clause.last_word && Is(words[m.last], "by"))) {
              score -= 30;
            }
          }
          // A noun trigger in an adjunct after a verb trigger of another class
          // tells how or where that happened ("apologised ... in a telephone
          // conversation", "agreed during a meeting"): the verb is the happening.
          if (HasOption(m.entry->options, "nominal")) {
            size_t p = m.first;
            for (size_t k = 0; k < 2 && p > clause.first_word && IsModifier(words[p - 1]); ++k) --p;
            if (p > clause.first_word && IsAdjunctPreposition(words[p - 1].lower)) {
              for (size_t pj = 0; pj < mi; ++pj) {
                if (!HasOption(matches[pj].entry->options, "nominal") && matches[pj].last < p &&
                    ClassFromName(matches[pj].entry->kind) != cls) {
                  score -= 30;
                  break;
                }
              }
            }
          }
          // A past perfect in what a dated statement reports ("Earlier this
          // month, X conceded that air defence had brought down the jet")
          // happened before it: the clause's date is the statement's.
          if (clause.timex >= 0 && m.first >= clause.first_word + 2 &&
              (Is(words[m.first - 1], "had") || Is(words[m.first - 2], "had"))) {
            for (size_t pj = 0; pj < mi; ++pj) {
              if (ClassFromName(matches[pj].entry->kind) != EventClass::kStatement ||
                  anchor_word > matches[pj].first) {
                continue;
              }
              bool that = false;
              for (size_t x = matches[pj].last; x < m.first && !that; ++x) that = Is(words[x], "that");
              if (that) {
                score -= 40;
                break;
              }
            }
          }
          // Governed by a protest or statement just before it ("accused Moscow
          // of murder", "denied involvement"): that is the happening.
          for (size_t pj = 0; pj < mi; ++pj) {
            const EventClass pc = ClassFromName(matches[pj].entry->kind);
            const bool same_phrase =
                m.first >= matches[pj].last && std::string_view(body.data() + words[matches[pj].last - 1].end,
                                                                words[m.first].start - words[matches[pj].last - 1].end)
                                                       .find_first_of(",;:") == std::string_view::npos;
            const bool after_of = (m.first > 0 && Is(words[m.first - 1], "of")) ||
                                  (m.first > 1 && Is(words[m.first - 2], "of") &&
                                   (Is(words[m.first - 1], "the") || Is(words[m.first - 1], "a")));
            if ((pc == EventClass::kProtest || pc == EventClass::kInvestigation ||
                 (pc == EventClass::kStatement && after_of)) &&
                same_phrase && m.first - matches[pj].last <= (after_of ? 5u : 3u)) {
              score -= 40;
            }
          }
          if (score > best_score) {
            best_score = score;
            best = &m;
          }
        }
        return best;
      };
      const PhraseMatch* best = choose(since);
      bool undated_clause = false;
      if (best == nullptr && since) {
        // Nothing dated by the "since" phrase: the clause tells an undated happening.
        best = choose(false);
        undated_clause = true;
        // Unless the dated noun is what a trigger right before it acts on
        // ("stayed away from the 9 May celebrations", "boycotted the 2024
        // games"): that happening took place on the noun's date.
        if (best != nullptr && modifier && best->last <= anchor_word && anchor_word - best->last <= 3) {
          undated_clause = false;
          since = false;
          bound_anchor[static_cast<size_t>(&clause - clauses.data())] = 0;
        }
      }
      if (best == nullptr) continue;

      EventMention mention;
      mention.sentence = si;
      mention.clause_start = clause.start;
      mention.clause_end = clause.end;
      mention.cls = ClassFromName(best->entry->kind);
      mention.trigger_start = words[best->first].start;
      mention.trigger_end = words[best->last - 1].end;
      mention.trigger = body.substr(mention.trigger_start, mention.trigger_end - mention.trigger_start);
      const bool patient = HasOption(best->entry->options, "patient");
      // A participle between a determiner and its noun ("the downed plane",
      // "the detained journalists") names a happening told elsewhere; it
      // does not narrate one at the paragraph's time.
      bool adjectival = false;
      if (best->last == best->first + 1 && best->first > clause.first_word && best->last < clause.last_word &&
          IsPastForm(words[best->first].lower)) {
        static const WordSet kDeterminers = {"the", "a",    "an",   "its",   "their", "his",
                                             "her", "this", "that", "these", "those"};
        const bool noun_follows = body.compare(words[best->first].end, 1, " ") == 0 &&
                                  PlacePrepositions().count(words[best->last].lower) == 0 &&
                                  !Is(words[best->last], "by") && !Is(words[best->last], "on") &&
                                  !Is(words[best->last], "to");
        adjectival = kDeterminers.count(words[best->first - 1].lower) != 0 && noun_follows;
      }
      // A trigger that ends a verb phrase ("took two journalists into
      // custody"): the words between the verb and it are the verb's object.
      size_t object_from = SIZE_MAX;
      if (HasOption(best->entry->options, "object")) {
        for (size_t b = best->first; b > clause.first_word && best->first - b < 7; --b) {
          const std::string_view pw = words[b - 1].lower;
          if (pw == "took" || pw == "take" || pw == "takes" || pw == "taking") {
            object_from = b - 1;
            break;
          }
        }
      }

      // Cues.
      bool modal = false, opinion = false, passive = false, blamed_on = false;
      size_t blame_end = 0;  // word after a "blamed on" / "attributed to" cue
      size_t report_word = std::string::npos;
      bool according = false;
      for (const auto& cue : clause_cues) {
        const bool overlaps_trigger = cue.first < best->last && best->first < cue.last;
        const std::string text = body.substr(words[cue.first].start, words[cue.last - 1].end - words[cue.first].start);
        const std::string_view kind = cue.entry->kind;
        if (kind == "hedge") {
          if (overlaps_trigger) continue;
          if (cue.entry->value == "believed" &&
              (words[cue.first].lower.rfind("blame", 0) == 0 || words[cue.first].lower.rfind("attribut", 0) == 0)) {
            blamed_on = true;  // "blamed on X", "attributed to X": X is the agent
            blame_end = cue.last;
          }
          Hedge h = Hedge::kAsserted;
          if (cue.entry->value == "alleged") h = Hedge::kAlleged;
          if (cue.entry->value == "believed") h = Hedge::kBelieved;
          if (cue.entry->value == "unverified") h = Hedge::kUnverified;
          if (cue.entry->value == "denied") h = Hedge::kDenied;
          if (HedgeStrength(h) > HedgeStrength(mention.hedge)) mention.hedge = h;
        } else if (kind == "report") {
          if (overlaps_trigger) continue;
          if (HedgeStrength(Hedge::kReported) > HedgeStrength(mention.hedge)) mention.hedge = Hedge::kReported;
          report_word = cue.first;
          according = cue.entry->value == "according";
        } else if (kind == "modal") {
          // Modality binds the trigger when it comes shortly before it.
          const int verbs = HasOption(best->entry->options, "nominal") ? 1 : 0;
          if (cue.last <= best->first && best->first - cue.last <= static_cast<size_t>(3 + verbs) &&
              OnlyAuxiliariesBetween(words, cue.last, best->first, verbs)) {
            modal = true;
          }
          // A noun trigger as the subject of a modal: "a phone call could ...".
          if (HasOption(best->entry->options, "nominal") && cue.first >= best->last && cue.first - best->last <= 4) {
            modal = true;
          }
        } else if (kind == "opinion") {
          // The writer's own voice anywhere; a softener ("perhaps", "it
          // seems") only when it bears on the trigger.
          const bool first_person =
              Is(words[cue.first], "i") || Is(words[cue.first], "in") || Is(words[cue.first], "as");
          // The trigger (a noun) as the subject of the softener right after
          // it: "this week's arrests look less like law enforcement than ...".
          const bool subject = cue.first == best->last;
          if (first_person || (cue.last <= best->first && best->first - cue.last <= 4) ||
              cue.first <= clause.first_word + 1 || subject) {
            opinion = true;
          }
        } else if (kind == "generic") {
          continue;
        } else {
          std::string value = cue.entry->value;
          // "a supposedly routine operation": the source doubts the motive it names.
          if (kind == "motive" && value == "routine" && cue.first > clause.first_word) {
            const std::string_view pw = words[cue.first - 1].lower;
            if (pw == "supposedly" || pw == "allegedly" || pw == "so-called" || pw == "ostensibly") value = "political";
          }
          mention.cues.push_back({std::string(kind), value, text});
        }
      }
      for (size_t i = best->first; i > clause.first_word && best->first - i < 3; --i) {
        const std::string_view pw = words[i - 1].lower;
        if (BeWords().count(pw) != 0) passive = true;
        if (NegationWords().count(pw) != 0) mention.negated = true;
      }
      if (best->last < clause.last_word && Is(words[best->last], "by")) passive = true;
      if (best->last + 1 < clause.last_word && Is(words[best->last + 1], "by")) passive = true;

      // Actors and roles.
      bool explicit_agent = false;
      std::vector<size_t> actor_pos;  // parallel to mention.actors
      for (size_t k = ax; k < a.actors.size() && a.actors[k].start < clause.end; ++k) {
        const auto& am = a.actors[k];
        if (am.start < clause.start) continue;
        size_t aw = clause.first_word;
        while (aw < clause.last_word && words[aw].start < am.start) ++aw;
        const std::string_view prev = aw > clause.first_word ? std::string_view(words[aw - 1].lower) : "";
        if (PlacePrepositions().count(prev) != 0 && am.actor.type == actors::ActorType::kCountry &&
            am.form != actors::ActorMention::Form::kDemonym) {
          continue;  // "in Kyiv", "near Aktau": a place
        }
        // Before a date used as a modifier, actors are outside its phrase.
        if (since && !undated_clause && clause.timex >= 0 &&
            am.end <= a.timexes[static_cast<size_t>(clause.timex)].start)
          continue;
        RoleActor ra;
        ra.actor = am.actor;
        ra.text = am.text;
        const bool before = am.end <= mention.trigger_start;
        // "by X" names the agent when it follows the trigger closely, or a
        // passive participle ("orchestrated by Ukraine"); "a report by X" does not.
        bool after_by = false;
        size_t by_word = SIZE_MAX;  // "by" up to five words before the actor ("by the blasts of two Russian …")
        for (size_t b = aw; b > clause.first_word && aw - b < 5; --b) {
          if (Is(words[b - 1], "by")) {
            by_word = b - 1;
            break;
          }
          if (body.compare(words[b - 1].end, 1, ",") == 0) break;
        }
        // "responded by detaining staff of Sputnik": "by" and a gerund say
        // how, not who.
        if (by_word != SIZE_MAX && by_word + 1 < aw) {
          const Word& next = words[by_word + 1];
          if (!next.capitalised && next.lower.size() > 5 && next.lower.compare(next.lower.size() - 3, 3, "ing") == 0) {
            by_word = SIZE_MAX;
          }
        }
        if (by_word != SIZE_MAX) {
          size_t trigger_last_word = clause.first_word;
          while (trigger_last_word < clause.last_word && words[trigger_last_word].end < mention.trigger_end) {
            ++trigger_last_word;
          }
          bool other_trigger = false;  // "a lawsuit over the plane shot down by X": X downed it
          for (size_t x = trigger_last_word + 1; x < by_word && x < words.size(); ++x) {
            other_trigger = other_trigger || (trigger_at[x] != nullptr && word_in_timex[x] == 0);
          }
          const bool close =
              !other_trigger && by_word > trigger_last_word && by_word - trigger_last_word <= 6 &&
              std::string_view(body.data() + mention.trigger_end, words[by_word].start - mention.trigger_end)
                      .find_first_of(",;") == std::string_view::npos;
          bool participle = false;
          for (size_t b = by_word; b > clause.first_word && by_word - b < 2; --b) {
            const std::string_view pw = words[b - 1].lower;
            if (pw.size() > 4 && pw.compare(pw.size() - 2, 2, "ed") == 0) participle = true;
          }
          after_by = close || participle;
        }
        const bool after_blamed = blamed_on && aw >= blame_end && aw - blame_end <= 2;
        // A war or clashes named by a date ("the 44-day war between Azerbaijan
        // and Armenia in 2020") have sides, not an agent of the noun.
        if (mention.cls == EventClass::kMeeting || HasOption(best->entry->options, "named")) {
          ra.role = "participant";
        } else if (!before && (after_by || after_blamed)) {
          ra.role = "agent";
          explicit_agent = true;
        } else if (passive || patient) {
          ra.role = before ? "target" : "participant";
        } else if (before && object_from != SIZE_MAX && aw > object_from) {
          ra.role = "target";  // "took two journalists into custody"
        } else if (before) {
          // The object of a preposition before the trigger ("burst into the
          // office of Sputnik and arrested") is not its subject.
          static const WordSet kObjectPrepositions = {"of",  "into", "on",    "against", "to",
                                                      "for", "with", "about", "over"};
          ra.role = kObjectPrepositions.count(prev) != 0 ? "participant" : "agent";
        } else if (prev == "with") {
          ra.role = "participant";
        } else {
          ra.role = "target";
        }
        if (according && report_word != std::string::npos && aw > report_word && aw <= report_word + 3) {
          if (mention.attributed_to.empty()) mention.attributed_to = am.actor.name;
          continue;
        }
        bool dup = false;
        for (const auto& other : mention.actors) {
          if (other.actor.name == ra.actor.name && other.role == ra.role) dup = true;
        }
        if (!dup) {
          mention.actors.push_back(std::move(ra));
          actor_pos.push_back(am.start);
        }
      }
      // No named agent: a force named by its kind ("local police", "special
      // forces") before the trigger is one.
      {
        bool has_agent = false;
        for (const auto& ra : mention.actors) has_agent = has_agent || ra.role == "agent";
        if (!has_agent && !passive && !patient && !HasOption(best->entry->options, "weak")) {
          for (size_t i = clause.first_word; i < best->first; ++i) {
            const std::string_view lw = words[i].lower;
            const bool forces = lw == "forces" && i > clause.first_word &&
                                (Is(words[i - 1], "special") || Is(words[i - 1], "security"));
            if (lw != "police" && !forces) continue;
            size_t b0 = i;
            if (i > clause.first_word && (Is(words[i - 1], "local") || Is(words[i - 1], "riot") ||
                                          Is(words[i - 1], "special") || Is(words[i - 1], "security"))) {
              b0 = i - 1;
            }
            bool covered = false;
            for (size_t k = ax; k < a.actors.size() && a.actors[k].start < clause.end; ++k) {
              if (a.actors[k].start <= words[i].start && words[i].end <= a.actors[k].end) covered = true;
            }
            if (covered) break;
            RoleActor ra;
            ra.text = body.substr(words[b0].start, words[i].end - words[b0].start);
            std::string name = ra.text;
            for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
            ra.actor = {name, actors::ActorType::kOrganisation, ""};
            ra.role = "agent";
            mention.actors.push_back(std::move(ra));
            actor_pos.push_back(words[b0].start);
            break;
          }
        }
      }
      // An agent named with "by" or "blamed on" is the agent; an actor before
      // the trigger is then what the phrase is about.
      if (explicit_agent) {
        for (size_t k = 0; k < mention.actors.size(); ++k) {
          if (mention.actors[k].role == "agent" && actor_pos[k] < mention.trigger_start) {
            mention.actors[k].role = "target";
          }
        }
      }
      if (according && mention.attributed_to.empty() && report_word != std::string::npos) {
        // "According to The Jerusalem Post": the capitalised words after it.
        size_t i = report_word + 2;
        size_t j = i;
        while (j < clause.last_word && (words[j].capitalised || Is(words[j], "the")) && j - i < 5) {
          if (j > i && std::string_view(body.data() + words[j - 1].end, words[j].start - words[j - 1].end) != " ")
            break;
          ++j;
        }
        if (j > i) mention.attributed_to = body.substr(words[i].start, words[j - 1].end - words[i].start);
      } else if (!according && report_word != std::string::npos && mention.attributed_to.empty()) {
        for (const auto& ra : mention.actors) {
          if (ra.role == "agent" && report_word < best->first) {
            mention.attributed_to = ra.actor.name;
            break;
          }
        }
      }

      // Numbers.
      for (size_t i = clause.first_word; i < clause.last_word; ++i) {
        const Word& nw = words[i];
        if (word_in_timex[i] != 0) continue;
        int64_t value = nw.number ? ParseDigits(nw.lower) : ParseNumberWord(nw.lower);
        if (value < 0 && !nw.number) {
          // "thirty-eight": tens and units joined by a hyphen.
          const size_t dash = nw.lower.find('-');
          if (dash != std::string::npos) {
            const int64_t tens = ParseNumberWord(std::string_view(nw.lower).substr(0, dash));
            const int64_t units = ParseNumberWord(std::string_view(nw.lower).substr(dash + 1));
            if (tens >= 20 && tens <= 90 && tens % 10 == 0 && units >= 1 && units <= 9) value = tens + units;
          }
        }
        if (value < 0) continue;
        if (nw.start > 0 && (body[nw.start - 1] == '$' || body[nw.start - 1] == '-')) continue;
        if (nw.end < body.size() && (body[nw.end] == '%' || body[nw.end] == '-')) continue;
        if (i + 1 >= clause.last_word) continue;
        // The counted noun: the first lower-case word after the number and its
        // adjectives, within three words.
        size_t k = i + 1;
        std::string noun;
        bool of_whom = false;
        if (Is(words[k], "of") && k + 1 < clause.last_word &&
            (Is(words[k + 1], "whom") || Is(words[k + 1], "them") || Is(words[k + 1], "the"))) {
          of_whom = !Is(words[k + 1], "the");
          if (!of_whom) {
            k += 2;
            while (k < clause.last_word && (words[k].number || ParseNumberWord(words[k].lower) > 0)) ++k;
          }
        }
        if (MeasureWords().count(words[i + 1].lower) != 0 && !of_whom && !Is(words[i + 1], "of")) continue;
        if (!of_whom) {
          // The noun is the last word of the run of words after the number
          // (up to three, no punctuation or function word in between).
          static const WordSet kFunction = {
              "the",  "a",    "an",     "of",    "from",   "in",   "on",    "at",   "to",    "and",   "or",   "for",
              "with", "by",   "who",    "which", "that",   "were", "was",   "are",  "is",    "had",   "have", "as",
              "into", "more", "during", "after", "before", "over", "under", "near", "since", "while", "when", "than",
              "aboard"};
          for (size_t m = k; m < clause.last_word && m < k + 3; ++m) {
            // A trigger ends the noun phrase ("38 of the 67 passengers died").
            if (MeasureWords().count(words[m].lower) != 0 || kFunction.count(words[m].lower) != 0 || words[m].number ||
                (m > k && trigger_at[m] != nullptr))
              break;
            if (m > k) {
              std::string_view between(body.data() + words[m - 1].end, words[m].start - words[m - 1].end);
              if (between != " " && between != " '" && between != "' ") break;
            }
            noun = Singular(words[m].lower);
            if (m > k &&
                (words[m].lower.size() > 3 && (words[m].lower.compare(words[m].lower.size() - 3, 3, "ing") == 0)))
              break;
            k = m;
          }
        }
        // A model number ("Embraer 190") counts nothing.
        if (i > clause.first_word && words[i - 1].capitalised && nw.number &&
            body.compare(words[i - 1].end, 1, " ") == 0 && words[i - 1].end + 1 == nw.start) {
          continue;
        }
        Quantity q;
        q.value = value;
        q.noun = noun;
        const size_t text_end = of_whom ? words[i + 2 < clause.last_word ? i + 2 : i].end : words[k].end;
        q.text = body.substr(nw.start, text_end - nw.start);
        // An argument of a counting trigger of the clause counts what the
        // trigger says; the nearest such trigger wins, and one across an
        // "and" counts as farther ("two were killed and nine were detained").
        size_t best_distance = SIZE_MAX;
        // "Of the 40 people aboard, 12 were killed": the number after "of
        // the" is the whole, it counts its noun.
        const bool whole = i >= clause.first_word + 2 && Is(words[i - 1], "the") && Is(words[i - 2], "of");
        // A participle right after the counted noun modifies it ("two of the
        // men detained ... died"): the verb after it is what is counted.
        auto counts_later = [&](const PhraseMatch& m) {
          for (const auto& o : matches) {
            if (o.first > m.last && HasOption(o.entry->options, "count")) return true;
          }
          return false;
        };
        for (const auto& m : matches) {
          if (whole) break;
          std::string what;
          if (!HasOption(m.entry->options, "count", &what)) continue;
          if (!of_whom && m.first == k + 1 && k > i && IsPastForm(words[m.first].lower) && counts_later(m)) continue;
          const bool nom = HasOption(m.entry->options, "nominal");
          const bool near = (i >= m.last && i - m.last <= 2) || (i < m.first && m.first - i <= 8) ||
                            (nom && i < m.first && m.first - i <= 2);
          if (!near) continue;
          const size_t lo_w = std::min(i, m.first), hi_w = std::max(i, m.last);
          size_t distance = hi_w - lo_w;
          for (size_t x = lo_w; x < hi_w; ++x) {
            if (Is(words[x], "and") || Is(words[x], "but")) distance += 10;
          }
          if (distance < best_distance) {
            best_distance = distance;
            q.what = what;
          }
        }
        if (q.what.empty()) q.what = noun;
        if (q.what.empty()) continue;
        mention.numbers.push_back(std::move(q));
        i = std::max(i, k);
      }

      // Date.
      if (clause.timex >= 0 && !undated_clause) {
        mention.timex = clause.timex;
        mention.own_date = true;
        mention.date = clause.range.date;
        mention.day_lo = clause.range.lo;
        mention.day_hi = clause.range.hi;
        // An inferred document date is the latest day the text names, so the
        // article may be some days younger: "last week" may be a week later.
        {
          const auto& t = a.timexes[static_cast<size_t>(clause.timex)];
          const bool deictic = t.anchor == "dct" && t.text.find_first_of("0123456789") == std::string::npos;
          if (a.dct.inferred && deictic) mention.day_hi += 7;
        }
      } else if (paragraph_dated && !sentence.heading && !undated_clause && !open_date && !adjectival) {
        // Joins the happening told just before, if it narrates in the past.
        if (NarratesPast(words, clause.start, clause.end)) {
          mention.timex = last_anchor.timex;
          mention.date = last_anchor.range.date;
          mention.day_lo = last_anchor.range.lo;
          mention.day_hi = last_anchor.range.hi;
        }
      }

      // Timeline or store only?
      const bool question = sentence.text.find('?') != std::string::npos;
      // A dated clause that only describes a present state ("the 2021
      // declaration is becoming the framework") tells no happening.
      bool present_state = false;
      if (mention.own_date) {
        bool has_past = false, has_present = false;
        for (size_t i = clause.first_word; i < clause.last_word; ++i) {
          const std::string_view lw = words[i].lower;
          if (IsPastForm(lw)) has_past = true;
          if (lw == "is" || lw == "are" || lw == "remains" || lw == "remain" || lw == "becomes" || lw == "becoming" ||
              lw == "look" || lw == "looks" || lw == "seem" || lw == "seems") {
            has_present = true;
          }
        }
        present_state = has_present && !has_past;
      }
      const bool list_step = sentence.text.size() > 2 && std::isdigit(static_cast<unsigned char>(sentence.text[0])) &&
                             sentence.text.find(". ") < 4;
      if (sentence.heading) {
        mention.excluded = "heading";
      } else if (question) {
        mention.excluded = "question";
      } else if (modal || list_step) {
        mention.excluded = "modal";
      } else if (opinion) {
        mention.excluded = "opinion";
      } else if (mention.negated) {
        mention.excluded = "negated";
      } else if (present_state) {
        mention.excluded = "present state";
      } else if (mention.date.year == 0) {
        mention.excluded = "no date";
      } else if (a.dct.date.year != 0 && a.dct.date.has_day() &&
                 mention.day_lo > time::cal::DaysFromCivil(a.dct.date.year, a.dct.date.month, a.dct.date.day) + 1) {
        mention.excluded = "after the document date";
      } else {
        mention.in_timeline = true;
      }
      // "the agreements concluded in 2020 and 2022": one happening per year.
      std::vector<EventMention> copies;
      if (mention.in_timeline && mention.own_date && clause.timex >= 0 && !undated_clause) {
        for (const auto& [timex, range] : clause.also) {
          EventMention copy = mention;
          copy.timex = timex;
          copy.date = range.date;
          copy.day_lo = range.lo;
          copy.day_hi = range.hi;
          copies.push_back(std::move(copy));
        }
      }
      a.mentions.push_back(std::move(mention));
      for (auto& copy : copies) a.mentions.push_back(std::move(copy));
    }
    // The paragraph's latest own date, for the clauses that follow.
    for (size_t ci = 0; ci < clauses.size(); ++ci) {
      const auto& clause = clauses[ci];
      if (clause.timex >= 0 && bound_anchor[ci] == 0) {
        last_anchor = clause;
        paragraph_dated = true;
      }
      if (clause.timex >= 0 && clause.range.lo == clause.range.hi && clause.range.date.has_day()) {
        std::vector<std::string> stems;
        for (size_t i = clause.first_word; i < clause.last_word; ++i) {
          if (trigger_at[i] != nullptr && word_in_timex[i] == 0) stems.push_back(TriggerStem(words[i].lower));
        }
        day_steps.emplace_back(clause.range, std::move(stems));
      }
    }
    w = we;
  }
  DateBetweenSteps(a, words);
  return a;
}

}  // namespace chronicle::events
