// The tagger ties the stages together for one text:
//   1. tokenize (tokenizer.h);
//   2. find expressions: at each token the longest grammar match wins and the
//      scan moves past it (grammar.h), so the text is read once;
//   3. choose the document date: given, or inferred (see InferDocumentDate);
//   4. normalise the matches in text order, carrying the narrative reference
//      time from each resolved date to the next expression (normalizer.h).
#include "time/timex.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

#include "text/normalize.h"
#include "time/calendar.h"
#include "time/document_date.h"
#include "time/found.h"
#include "time/grammar.h"
#include "time/normalizer.h"
#include "time/tense.h"
#include "time/tokenizer.h"
#include "util/embedded_data.h"

namespace chronicle::time {

std::string CalendarDate::Iso() const {
  // Every mention and date of `chronicle extract` and build is written with
  // this: snprintf was 1.6% of extract. Years 0..9999 and months and days
  // 0..99 (all real dates) are written by hand, exactly as "%04d-%02d-%02d"
  // would; anything else takes snprintf.
  if (char out[10]; cal::WriteIsoDigits(year, month, day, out)) {
    return std::string(out, day != 0 ? 10 : month != 0 ? 7 : 4);
  }
  char buf[32];
  if (day != 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  } else if (month != 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
  } else {
    std::snprintf(buf, sizeof buf, "%04d", year);
  }
  return buf;
}

std::string CalendarDate::Precision() const { return day != 0 ? "day" : month != 0 ? "month" : "year"; }

std::optional<CalendarDate> ParseIsoDate(std::string_view s) {
  auto num = [&](size_t pos, size_t len, int* out) {
    if (pos + len > s.size()) return false;
    for (size_t i = pos; i < pos + len; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
    }
    std::from_chars(s.data() + pos, s.data() + pos + len, *out);
    return true;
  };
  CalendarDate d;
  if (!num(0, 4, &d.year)) return std::nullopt;
  if (s.size() == 4) return d;
  if (s.size() < 7 || s[4] != '-' || !num(5, 2, &d.month) || d.month < 1 || d.month > 12) return std::nullopt;
  if (s.size() == 7) return d;
  if (s.size() < 10 || s[7] != '-' || !num(8, 2, &d.day) || !cal::IsValidDate(d.year, d.month, d.day)) {
    return std::nullopt;
  }
  if (s.size() > 10 && s[10] != 'T' && s[10] != ' ') return std::nullopt;
  return d;
}

struct TimexTagger::Impl {
  Grammar grammar;
  CueClasses cues;
  int month_class = -1;  // the lexicon class MONTH, for the document's date order
  uint64_t results = 0;  // the lexicon class RESULTS ("results", "earnings", ...)
  uint64_t pod_noun = 0;  // the lexicon class POD_NOUN ("sky", "shift", "news", ...)
};

TimexTagger::TimexTagger(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
TimexTagger::~TimexTagger() = default;

const TimexTagger& TimexTagger::Default() {
  static const TimexTagger* tagger = [] {
    auto impl = std::make_unique<Impl>();
    const auto lexicon = util::DataFile("time/lexicon.txt");
    const auto rules = util::DataFile("time/rules.txt");
    std::string error;
    if (!lexicon || !rules || !impl->grammar.Load(*lexicon, *rules, &error)) {
      // The data files are compiled in; failing to load them is a build bug.
      std::fprintf(stderr, "chronicle: cannot load temporal grammar: %s\n",
                   error.empty() ? "data files missing" : error.c_str());
      std::abort();
    }
    impl->cues.past = impl->grammar.ClassMask("TENSE_PAST");
    impl->cues.future = impl->grammar.ClassMask("TENSE_FUTURE");
    impl->cues.reporting = impl->grammar.ClassMask("REPORTING");
    impl->cues.not_past_ed = impl->grammar.ClassMask("NOT_PAST_ED");
    for (const char* cls : {"MONTH", "WEEKDAY", "SEASON", "HOLIDAY", "PART", "CALUNIT"}) {
      impl->cues.date_word |= impl->grammar.ClassMask(cls);
    }
    impl->cues.month = impl->grammar.ClassMask("MONTH");
    impl->results = impl->grammar.ClassMask("RESULTS");
    impl->pod_noun = impl->grammar.ClassMask("POD_NOUN");
    if (const uint64_t month = impl->grammar.ClassMask("MONTH"); month != 0) {
      impl->month_class = __builtin_ctzll(month);
    }
    return new TimexTagger(std::move(impl));
  }();
  return *tagger;
}

namespace {

// First token of a match's span (after leading context elements).
int SpanBegin(const Match& m) {
  for (size_t k = 0; k < m.captures.size(); ++k) {
    if (m.captures[k].begin >= 0 && !m.rule->elements[k].context) return m.captures[k].begin;
  }
  return m.end;
}

// The end of a match's span proper (before any trailing lookahead).
int SpanEnd(const Match& m) {
  int e = -1;
  for (size_t k = 0; k < m.captures.size(); ++k) {
    if (m.captures[k].begin >= 0 && !m.rule->elements[k].context) e = m.captures[k].end;
  }
  return e;
}

FieldList Substitute(const Match& m) {
  FieldList out;
  out.Reserve(m.rule->actions.size());
  for (const auto& [key, tmpl] : m.rule->actions) {
    std::string v;
    bool missing = false;
    size_t i = 0;
    while (i < tmpl.size() && !missing) {
      // The text up to the next reference, at once.
      size_t dollar = i;
      while (dollar < tmpl.size() && tmpl[dollar] != '$') ++dollar;
      v.append(tmpl, i, dollar - i);
      if (dollar == tmpl.size()) break;
      size_t j = dollar + 1;
      int num = 0;
      while (j < tmpl.size() && tmpl[j] >= '0' && tmpl[j] <= '9') num = num * 10 + (tmpl[j++] - '0');
      const Capture& c = m.captures[static_cast<size_t>(num - 1)];
      missing = c.begin < 0;  // the field is dropped
      if (c.is_number) {
        char buf[24];
        v.append(buf, std::to_chars(buf, buf + sizeof buf, c.number).ptr);
      } else {
        v.append(c.text);
      }
      i = j;
    }
    if (missing) continue;
    // "-$1" with a captured value becomes a negative number.
    if (v.size() > 1 && v[0] == '-' && v[1] == '-') v.erase(0, 2);
    out.Add(key, std::move(v));
  }
  return out;
}

int64_t DayKey(const TimePoint& p) { return static_cast<int64_t>(p.y) * 10000 + p.m * 100 + p.d; }
// The day `days` after a day point.
TimePoint ShiftDays(const TimePoint& p, int days) {
  const cal::Ymd c = cal::CivilFromDays(cal::DaysFromCivil(p.y, p.m, p.d) + days);
  return PointFromDate(c.y, c.m, c.d);
}
// The last day a point can mean, as a DayKey ("1997" ends at 19971231).
int64_t EndKey(const TimePoint& p) {
  return static_cast<int64_t>(p.y) * 10000 + (p.m != 0 ? p.m : 12) * 100 + (p.d != 0 ? p.d : 31);
}

// "has until Friday to respond", "postponed until Tuesday morning",
// "extended its deadline until 9 a.m. Tuesday": a weekday (or a time on one)
// after "until" is a deadline still ahead; so is one after "as early as" or
// "as soon as" ("could come as early as Tuesday"). Not opening its sentence:
// "Until Thursday, police had not named a suspect" bounds a past state.
bool DeadlineAhead(const std::vector<Token>& tokens, int begin) {
  if (begin <= 0) return false;
  const std::string_view before = tokens[static_cast<size_t>(begin - 1)].lower;
  const bool opens =
      begin < 2 || tokens[static_cast<size_t>(begin - 2)].sentence != tokens[static_cast<size_t>(begin)].sentence;
  const bool earliest = begin >= 3 && tokens[static_cast<size_t>(begin - 3)].lower == "as" &&
                        (tokens[static_cast<size_t>(begin - 2)].lower == "early" ||
                         tokens[static_cast<size_t>(begin - 2)].lower == "soon") &&
                        before == "as";
  return ((before == "until" || before == "till") && !opens) || earliest;
}

// Coordinated weekdays share their direction: in "next Tuesday and
// Wednesday" both days are next week's.
void ShareCoordinatedDirection(const std::vector<Token>& tokens, std::vector<Found>& found) {
  for (size_t i = 1; i < found.size(); ++i) {
    Found& prev = found[i - 1];
    Found& cur = found[i];
    if (!cur.fields.Has(Field::kDow) || cur.fields.Has(Field::kDir) || !prev.fields.Has(Field::kDow)) continue;
    const std::string_view dir = prev.fields.Value(Field::kDir);
    if (dir.empty() || cur.match.begin - prev.match.end != 1) continue;
    const std::string_view w = tokens[static_cast<size_t>(prev.match.end)].lower;
    if (w == "and" || w == "or" || w == ",") cur.fields.Add(Field::kDir, std::string(dir));
  }
}

// "on April 24 and 25", "April 25-27", "May 3 to 5": the bare day after a
// dated one is a date of the same month (and year); after a range word or a
// dash it must be a later day. The rule month_day_and_day tags the first day and
// leaves the second, which only this pass can date: it must be a day (1-31)
// that nothing else took, not followed by a word that makes it a count ("on
// March 2 and 25 people"). ("24 and 25 April" needs no pass: "25 April" is a
// date of its own.)
void AddCoordinatedDays(const std::vector<Token>& tokens, std::vector<Found>& found) {
  const int n = static_cast<int>(tokens.size());
  std::vector<std::pair<size_t, Found>> added;  // (insert after index, found)
  for (size_t i = 0; i < found.size(); ++i) {
    const Found& f = found[i];
    if (!f.match.rule->TypeIs(TimexType::kDate) || !f.fields.Has(Field::kM) || !f.fields.Has(Field::kD) ||
        f.fields.Has(Field::kDow) || f.fields.Has(Field::kH)) {
      continue;
    }
    // The end of the span proper, before any lookahead.
    int e = -1;
    size_t day_element = 0;
    for (size_t k = 0; k < f.match.captures.size(); ++k) {
      if (f.match.captures[k].begin >= 0 && !f.match.rule->elements[k].context) {
        e = f.match.captures[k].end;
        day_element = k;
      }
    }
    if (e < 1 || e + 1 >= n || tokens[static_cast<size_t>(e - 1)].kind != TokenKind::kNumber) continue;
    const Token& conj = tokens[static_cast<size_t>(e)];
    const Token& day = tokens[static_cast<size_t>(e + 1)];
    const int next_begin = i + 1 < found.size() ? found[i + 1].match.begin : n;
    // "April 25-27", "May 3 to 5": a range to a later day of the month.
    const bool range = conj.punct == '-' || conj.IsWord("to") || conj.IsWord("through") || conj.IsWord("until") ||
                       conj.IsWord("till");
    if (!(conj.IsWord("and") || conj.IsWord("or") || range) || day.kind != TokenKind::kNumber || day.digits > 2 ||
        day.number < 1 || day.number > 31 || day.sentence != conj.sentence || e + 1 >= next_begin ||
        (range && day.number <= tokens[static_cast<size_t>(e - 1)].number)) {
      continue;
    }
    if (e + 2 < n) {
      const Token& after = tokens[static_cast<size_t>(e + 2)];
      const bool count =
          after.sentence == day.sentence &&
          (after.kind == TokenKind::kNumber || after.punct == '%' ||
           (after.kind == TokenKind::kWord && !after.IsWord("and") && !after.IsWord("or") && !after.IsWord("in") &&
            !after.IsWord("at") && !after.IsWord("on") && !after.IsWord("to") && !after.IsWord("with") &&
            !after.IsWord("when") && !after.IsWord("respectively")));
      if (count) continue;
    }
    Found c = f;
    c.match.begin = e + 1;
    c.match.end = e + 2;
    Capture cap;
    cap.begin = e + 1;
    cap.end = e + 2;
    cap.is_number = true;
    cap.number = day.number;
    c.match.captures.assign(f.match.captures.size(), Capture{});
    c.match.captures[day_element] = cap;  // the span is that element's
    *c.fields.Find(Field::kD) = std::to_string(day.number);
    added.emplace_back(i, std::move(c));
  }
  if (added.empty()) return;  // the common case: nothing is copied
  std::vector<Found> out;
  out.reserve(found.size() + added.size());
  size_t next = 0;
  for (size_t i = 0; i < found.size(); ++i) {
    out.push_back(std::move(found[i]));
    for (; next < added.size() && added[next].first == i; ++next) out.push_back(std::move(added[next].second));
  }
  found = std::move(out);
}

// Joins a clock time and a date next to each other ("9 a.m. Tuesday",
// "Friday at 10:30", "5 p.m. EST, Nov. 6") into one TIME expression, so each
// grammar rule can stay small. Separators allowed between them: nothing, a
// comma, "on" or "at".
void MergeDateAndTime(const std::vector<Token>& tokens, std::vector<Found>& found) {
  auto is_clock = [](const Found& f) {
    return (f.fields.Has(Field::kH) || f.fields.Has(Field::kHhmm)) && !f.match.rule->TypeIs(TimexType::kDuration);
  };
  auto is_day = [](const Found& f) {
    if (!f.match.rule->TypeIs(TimexType::kDate) || f.fields.Has(Field::kH) || f.fields.Has(Field::kPod)) return false;
    if (f.fields.Has(Field::kDow) || f.fields.Has(Field::kD)) return true;
    for (const FieldEntry& e : f.fields) {
      if (e.key == Field::kUnit && e.value == "D") return true;
    }
    return false;
  };
  auto pod_only = [](const Found& f) {
    return f.match.rule->TypeIs(TimexType::kTime) && f.fields.Has(Field::kPod) && !f.fields.Has(Field::kH) &&
           f.fields.Value(Field::kAnchor) == "narr";
  };
  std::vector<Found> out;
  out.reserve(found.size());
  for (size_t i = 0; i < found.size(); ++i) {
    if (i + 1 < found.size()) {
      Found& a = found[i];
      Found& b = found[i + 1];
      // "mid-afternoon yesterday", "on Friday in the morning": a part of
      // the story's day (anchor=narr) joined with the day it names.
      const bool pod_pair = (pod_only(a) && is_day(b)) || (is_day(a) && pod_only(b));
      const bool pair = (is_clock(a) && is_day(b)) || (is_day(a) && is_clock(b)) || pod_pair;
      // ("noon local time tomorrow": "local time" may follow the clock time.)
      int t = a.match.end;
      if (is_clock(a) && t + 1 < b.match.begin && tokens[static_cast<size_t>(t)].lower == "local" &&
          tokens[static_cast<size_t>(t + 1)].lower == "time") {
        t += 2;
      }
      bool gap_ok = pair && b.match.begin - t <= 2;
      for (; gap_ok && t < b.match.begin; ++t) {
        const std::string_view w = tokens[static_cast<size_t>(t)].lower;
        gap_ok = w == "," || w == "on" || w == "at";
      }
      if (gap_ok) {
        Found merged = a;
        if (pod_pair) {
          const Found& day = pod_only(a) ? b : a;
          const Found& pod = pod_only(a) ? a : b;
          merged.fields = day.fields;
          for (Field key : {Field::kPod, Field::kMod}) {
            if (pod.fields.Has(key) && !merged.fields.Has(key)) {
              merged.fields.Add(key, std::string(pod.fields.Value(key)));
            }
          }
        } else {
          for (const FieldEntry& e : b.fields) {
            if (!merged.fields.Has(e.key)) merged.fields.Add(e.key, e.value);
          }
        }
        merged.match.end = b.match.end;
        // "until 9 a.m. EST Tuesday": the deadline test the weekday alone
        // would have passed, at the start of the joined expression.
        if (merged.fields.Has(Field::kDow) && !merged.fields.Has(Field::kDir) &&
            DeadlineAhead(tokens, merged.match.begin)) {
          merged.tense = Tense::kFuture;
        }
        // Keep both spans: captures of b are appended with their elements.
        merged.match.captures.insert(merged.match.captures.end(), b.match.captures.begin(), b.match.captures.end());
        merged.merged_rule = b.match.rule;
        out.push_back(std::move(merged));
        ++i;
        continue;
      }
    }
    out.push_back(std::move(found[i]));
  }
  found = std::move(out);
  // "from 8am to 8pm on 5 May": a clock time that opens a range takes the
  // day of the time that closes it.
  auto has_day = [](const Found& f) {
    for (Field key : {Field::kDow, Field::kD, Field::kM, Field::kY, Field::kUnit}) {
      if (f.fields.Has(key)) return true;
    }
    return false;
  };
  for (size_t i = 0; i + 1 < found.size(); ++i) {
    Found& a = found[i];
    const Found& b = found[i + 1];
    if (!is_clock(a) || !is_clock(b) || has_day(a) || !has_day(b) || b.match.begin - a.match.end != 1) continue;
    const std::string_view w = tokens[static_cast<size_t>(a.match.end)].lower;
    if (!(w == "to" || w == "until" || w == "till" || w == "-")) continue;
    for (const FieldEntry& e : b.fields) {
      if (e.key == Field::kH || e.key == Field::kMin || e.key == Field::kAmpm || e.key == Field::kHhmm ||
          e.key == Field::kPod || e.key == Field::kMod || a.fields.Has(e.key)) {
        continue;
      }
      a.fields.Add(e.key, e.value);
    }
    a.tense = b.tense;  // the same day, found the same way
  }
}

// Whether the expression starting at token `begin` is the object of "after",
// "following" or "since", over an article or possessive and words the
// grammar does not know ("after a flat second quarter", "since its weak
// first half").
bool FollowsTimeAfter(const std::vector<Token>& tokens, const std::vector<TokenInfo>& info, int begin) {
  if (begin <= 0) return false;
  const uint32_t sentence = tokens[static_cast<size_t>(begin)].sentence;
  for (int k = begin - 1; k >= 0 && begin - k <= 4; --k) {
    const Token& t = tokens[static_cast<size_t>(k)];
    if (t.sentence != sentence || t.kind != TokenKind::kWord) return false;
    const std::string_view w = t.lower;
    if (w == "after" || w == "following" || w == "since") return true;
    const bool article = w == "a" || w == "an" || w == "the" || w == "its" || w == "their";
    if (!article && (info[static_cast<size_t>(k)].word != nullptr || t.capitalized)) return false;
  }
  return false;
}

// Whether the capitalised words from token i on are the subject of a clause:
// a name of up to five words followed by a verb ("Qantas suspended", "Prime
// Minister Ruiz resigned", "Smith was elected", "Congress has voted"), not a
// possessive or a noun phrase ("Russia's strike", "Easter celebrations").
bool NameOpensClause(const std::vector<Token>& tokens, const std::vector<TokenInfo>& info, const CueClasses& cc,
                     std::vector<int8_t>& cues, int i) {
  const int n = static_cast<int>(tokens.size());
  const uint32_t sentence = tokens[static_cast<size_t>(i)].sentence;
  int k = i;
  while (k < n && k - i < 5 && tokens[static_cast<size_t>(k)].capitalized &&
         tokens[static_cast<size_t>(k)].kind == TokenKind::kWord && tokens[static_cast<size_t>(k)].sentence == sentence) {
    ++k;
  }
  if (k >= n || k == i || tokens[static_cast<size_t>(k)].sentence != sentence) return false;
  // ("after Gregory Craig, the family's lawyer, announced": the verb comes
  // after an apposition set off by commas.)
  if (tokens[static_cast<size_t>(k)].punct == ',') {
    int close = k + 1;
    while (close < n && close - k <= 15 && tokens[static_cast<size_t>(close)].sentence == sentence &&
           tokens[static_cast<size_t>(close)].punct != ',') {
      ++close;
    }
    if (close + 1 >= n || close - k > 15 || tokens[static_cast<size_t>(close)].punct != ',') return false;
    k = close + 1;
    if (tokens[static_cast<size_t>(k)].sentence != sentence) return false;
  }
  const Token& verb = tokens[static_cast<size_t>(k)];
  if (verb.kind != TokenKind::kWord) return false;  // "Russia's", "Kabul,"
  const std::string_view w = verb.lower;
  if (w == "is" || w == "are" || w == "has" || w == "have") return true;
  const int8_t c = CueAt(tokens, info, cc, cues, static_cast<size_t>(k));
  return c == kCuePast || c == kCueReporting || c == kCueFuture;
}

}  // namespace

TagResult TimexTagger::Tag(std::string_view text, std::optional<CalendarDate> dct) const {
  // Tag the NFC form (so "é" written as e + combining accent matches the
  // lexicon like the precomposed one) and map the offsets back to the text
  // as given. Almost all text is already NFC, and then nothing is mapped.
  if (text::IsNfc(text)) return TagNfc(text, dct);
  const text::NormalizedText nfc = text::NormalizeNfc(text);
  if (nfc.to_source.empty()) return TagNfc(text, dct);
  TagResult result = TagNfc(nfc.text, dct);
  for (Timex& t : result.timexes) {
    t.start = nfc.SourceOffset(t.start);
    t.end = nfc.SourceOffset(t.end);
    t.text = std::string(text.substr(t.start, t.end - t.start));
  }
  return result;
}

TagResult TimexTagger::TagNfc(std::string_view text, std::optional<CalendarDate> dct) const {
  TagResult result;
  TokenizedText tokenized;
  Tokenize(text, &tokenized);
  const std::vector<Token>& tokens = tokenized.tokens;
  const Grammar& g = impl_->grammar;

  std::vector<Found> found;
  const std::vector<TokenInfo> info = g.Prepare(tokens);
  std::vector<int8_t> cues(tokens.size(), kCueUnknown);
  MatchScratch scratch;
  const int n = static_cast<int>(tokens.size());
  int resume_after_last = -1;  // where scanning resumed after the last expression found
  for (int i = 0; i < n;) {
    Match m;
    if (g.MayStartAt(tokens, info, static_cast<size_t>(i)) && g.MatchAt(tokens, info, i, &m, scratch)) {
      // A rule with leading context ("in spring") must not hide a longer
      // expression starting at its span ("spring 2026").
      const int b = SpanBegin(m);
      Match inner;
      if (b > i && b < m.end && g.MatchAt(tokens, info, b, &inner, scratch) && inner.end > m.end) m = std::move(inner);
      Found f;
      f.fields = Substitute(m);
      // A rule marked after=date ("to March" closing "from January to
      // March") counts only where the previous date's scan ended.
      if (f.fields.Has(Field::kAfter) && (found.empty() || resume_after_last != m.begin || !HasOwnDate(found.back()))) {
        ++i;
        continue;
      }
      // "in the night sky", "by the morning rush hour", "in the evening
      // news": a part of the story's day used as a modifier of a noun
      // (lexicon class POD_NOUN) is not a time.
      if (f.fields.Has(Field::kPod) && !f.fields.Has(Field::kH) && f.fields.Value(Field::kAnchor) == "narr") {
        const int e = SpanEnd(m);
        if (e > 0 && e < n && (info[static_cast<size_t>(e)].classes & impl_->pod_noun) != 0 &&
            tokens[static_cast<size_t>(e)].sentence == tokens[static_cast<size_t>(e - 1)].sentence) {
          ++i;
          continue;
        }
      }
      f.tense = TenseAround(tokens, info, impl_->cues, cues, m.begin, m.end, &f.sure_future);
      if (std::string* anchor = f.fields.Find(Field::kAnchor); anchor != nullptr && *anchor == "tense") {
        *anchor = f.tense == Tense::kPast ? "narr" : "dct";
      }
      // "will report fourth-quarter earnings", "results for the third
      // quarter": a quarter whose results are named (the results come out
      // after the quarter has ended; see Normalize).
      if (f.fields.Has(Field::kQ) && !f.fields.Has(Field::kY)) {
        const int e = SpanEnd(m), sb = SpanBegin(m);
        auto results_at = [&](int k) {
          return k >= 0 && k < n && (info[static_cast<size_t>(k)].classes & impl_->results) != 0 &&
                 tokens[static_cast<size_t>(k)].sentence == tokens[static_cast<size_t>(m.begin)].sentence;
        };
        bool results = results_at(e) || results_at(e + 1);
        // ("expects to report net income of 15 cents a share for the third
        // quarter": a results word a few words before "for".)
        if (sb >= 2 && tokens[static_cast<size_t>(sb - 1)].lower == "for") {
          for (int k = sb - 2; k >= 0 && k >= sb - 10 && !results; --k) results = results_at(k);
        }
        if (results) {
          f.fields.Add(Field::kResults, "1");
        }
      }
      // "Wednesday's ruling": a weekday that owns an event names one the
      // news reports on, so it is past (or today).
      if (m.end + 1 < n && tokens[static_cast<size_t>(m.end)].punct == '\'' &&
          tokens[static_cast<size_t>(m.end + 1)].lower == "s" && !tokens[static_cast<size_t>(m.end)].space_before &&
          f.fields.Has(Field::kDow) && !f.fields.Has(Field::kDir)) {
        f.tense = Tense::kPast;
      }
      if (f.fields.Has(Field::kDow) && !f.fields.Has(Field::kDir) && DeadlineAhead(tokens, m.begin)) {
        f.tense = Tense::kFuture;
      }
      // Trailing context elements are lookahead: scanning resumes after the
      // span, so "October" in "October and November 2006" leaves "November
      // 2006" to be found in turn.
      int next = m.end;
      if (!m.rule->TypeIs(TimexType::kNone)) {
        for (size_t k = m.captures.size(); k-- > 0;) {
          const Capture& c = m.captures[k];
          if (c.begin < 0) continue;
          if (!m.rule->elements[k].context) break;
          next = c.begin;
        }
      }
      f.match = std::move(m);
      if (!f.match.rule->TypeIs(TimexType::kNone)) {
        found.push_back(std::move(f));
        resume_after_last = next;
      }
      i = next > i ? next : i + 1;
    } else {
      ++i;
    }
  }

  result.tokens = tokens.size();
  result.work = tokens.size() + scratch.attempts;
  AddCoordinatedDays(tokens, found);
  MergeDateAndTime(tokens, found);
  ShareCoordinatedDirection(tokens, found);

  if (dct) {
    result.dct.date = *dct;
    result.dct.inferred = false;
    result.dct.method = "given";
  } else {
    result.dct = InferDocumentDate(found, tokens);
  }
  // Resolves every expression against a document date. Also reports the
  // latest day reached by a forward step of the story ("a day later") in a
  // clause that is not future, for the document-date inference below.
  auto resolve_all = [&](const CalendarDate& dct_date, TimePoint* latest_forward) {
    std::vector<Timex> timexes;
    timexes.reserve(found.size());
    TimePoint dct_point;
    if (dct_date.year != 0) dct_point = PointFromDate(dct_date.year, dct_date.month, dct_date.day);
    // The order of numeric dates (03/07/2025) matters only to a text that
    // has one (the fields a and b; most texts have none).
    const bool numeric_dates =
        std::any_of(found.begin(), found.end(), [](const Found& f) { return f.fields.Has(Field::kA); });
    const bool prefer_dmy = numeric_dates && PreferDayFirst(found, dct_date, impl_->month_class);
    TimePoint narrative = dct_point;
    int64_t narrative_sentence = -10;
    bool narrative_year_given = true;
    // The narrative time was set by a time of day on a named day ("noon
    // Saturday"): it anchors "that evening" and "the next day", but a clock
    // time alone later on keeps the document's day.
    bool narrative_by_time = false;
    TimePoint period;  // the latest quarter or half named
    int64_t period_sentence = -1000;
    bool period_fiscal = false;  // the period was named as a fiscal one ("the fiscal first quarter")
    auto make_input = [&](const Found& f, const TimePoint& narr, int64_t narr_sentence) {
      const uint32_t sentence = tokens[static_cast<size_t>(f.match.begin)].sentence;
      NormalizeInput in;
      in.fields = &f.fields;
      in.type = f.merged_rule != nullptr ? TimexType::kTime : f.match.rule->type;
      in.dct = dct_point;
      in.narrative = narr;
      in.tense = f.tense;
      in.sure_future = f.sure_future && f.tense == Tense::kFuture;
      in.prefer_dmy = prefer_dmy;
      in.narrative_age = static_cast<int>(std::min<int64_t>(1000, static_cast<int64_t>(sentence) - narr_sentence));
      in.narrative_recent = in.narrative_age <= 1 && !narrative_by_time;
      in.narrative_year_given = narrative_year_given;
      in.period = period;
      in.period_age = static_cast<int>(std::min<int64_t>(1000, static_cast<int64_t>(sentence) - period_sentence));
      in.period_fiscal = period_fiscal;
      return in;
    };
    int64_t narrative_set_by = -1;  // index of the expression that set the narrative time
    TimePoint last_point;           // the value of the last expression tagged
    size_t last_point_idx = SIZE_MAX;
    for (size_t idx = 0; idx < found.size(); ++idx) {
      const Found& f = found[idx];
      const uint32_t sentence = tokens[static_cast<size_t>(f.match.begin)].sentence;
      NormalizeInput in = make_input(f, narrative, narrative_sentence);
      // An anaphoric expression followed by a date that pins it down:
      //  - apposition: "three weeks later, on 13 March" / "Days earlier on
      //    June 27": the expression takes that date;
      //  - "two days before the special operation in late February 2022": the
      //    date after "before"/"after" is the anchor, not the narrative time.
      // "resigned last Thursday, two days after the scandal broke": an
      // offset from an undated event, set off by a comma right after a date,
      // describes that date.
      const std::string_view via_word = f.fields.Value(Field::kVia);
      if (idx > 0 && IsAnaphoric(f) && (via_word == "before" || via_word == "after") &&
          narrative_set_by == static_cast<int64_t>(idx) - 1 && f.match.begin - found[idx - 1].match.end == 1 &&
          tokens[static_cast<size_t>(found[idx - 1].match.end)].lower == "," &&
          (narrative.gran == TimePoint::kDay ||
           (narrative.gran == TimePoint::kMonth && f.fields.Value(Field::kUnit) != "D"))) {
        // "In January, a month after the election": the same month.
        static const FieldList kSameDay = {{Field::kUnit, "D"}, {Field::kOff, "0"}, {Field::kAnchor, "narr"}};
        static const FieldList kSameMonth = {{Field::kUnit, "M"}, {Field::kOff, "0"}, {Field::kAnchor, "narr"}};
        in.fields = narrative.gran == TimePoint::kDay ? &kSameDay : &kSameMonth;
      }
      const bool described = in.fields != &f.fields;  // by the date before the comma
      bool pinned_forward = false;  // counted from a date after "before"/"after"
      const Found* next = idx + 1 < found.size() ? &found[idx + 1] : nullptr;
      const bool next_weekday = next != nullptr && next->match.rule->TypeIs(TimexType::kDate) &&
                                next->fields.Has(Field::kDow) && !next->fields.Has(Field::kUnit);
      if (!described && next != nullptr && IsAnaphoric(f) && (HasOwnDate(*next) || next_weekday) &&
          tokens[static_cast<size_t>(next->match.begin)].sentence == sentence) {
        const int gap = next->match.begin - f.match.end;
        bool appositive = gap <= 2;
        for (int t = f.match.end; appositive && t < next->match.begin; ++t) {
          const std::string_view w = tokens[static_cast<size_t>(t)].lower;
          appositive = w == "," || w == "on" || w == "in" || w == "-" || w == "(";
        }
        const std::string_view via = f.fields.Value(Field::kVia);
        // (A weekday pins only in apposition: "two days earlier, on Thursday".)
        const bool forward = !appositive && !next_weekday && gap <= 8 && (via == "before" || via == "after");
        if (appositive || forward) {
          const NormalizeOutput pinned = Normalize(make_input(*next, narrative, narrative_sentence));
          if (pinned.ok && pinned.type == TimexType::kDate && pinned.point.gran >= TimePoint::kMonth &&
              pinned.point.gran != TimePoint::kWeek) {
            if (appositive) {
              in.fields = &next->fields;
            } else {
              in.narrative = pinned.point;
              in.narrative_age = 0;
              in.narrative_recent = true;
              pinned_forward = true;
            }
          }
        }
      }
      NormalizeOutput o = Normalize(in);
      if (!o.ok) continue;
      // "the quarter ended Sept. 30", "the quarter ending July 31": the
      // calendar quarter that holds most of the three months up to that day
      // (unless a fiscal quarter was just named: then it is that one); so
      // "the week ended Friday" is the ISO week that holds most of the seven
      // days up to Friday, and "the month ended Oct. 31" the month.
      const std::string_view period_unit = f.fields.Value(Field::kUnit);
      const bool period_is_quarter = period_unit == "Q";
      if (next != nullptr && (period_is_quarter || period_unit == "W" || period_unit == "M") &&
          f.fields.Value(Field::kOff) == "0" && !f.fields.Has(Field::kDir) &&
          !(period_is_quarter && period_fiscal && in.period_age <= kPeriodContextSentences) &&
          tokens[static_cast<size_t>(next->match.begin)].sentence == sentence) {
        int t = f.match.end;
        if (t < next->match.begin && (tokens[static_cast<size_t>(t)].lower == "that" ||
                                      tokens[static_cast<size_t>(t)].lower == "which")) {
          ++t;
        }
        const std::string_view verb = t < next->match.begin ? tokens[static_cast<size_t>(t)].lower : "";
        if ((verb == "ended" || verb == "ending" || verb == "ends") && t + 1 == SpanBegin(next->match)) {
          const NormalizeOutput end = Normalize(make_input(*next, narrative, narrative_sentence));
          if (end.ok && end.type == TimexType::kDate && end.point.gran == TimePoint::kDay) {
            const TimePoint mid = ShiftDays(end.point, period_is_quarter ? -45 : period_unit == "M" ? -14 : -3);
            o.point = TimePoint{};
            if (period_is_quarter) {
              o.point.gran = TimePoint::kQuarter;
              o.point.y = mid.y;
              o.point.part = "Q" + std::to_string((mid.m - 1) / 3 + 1);
            } else if (period_unit == "M") {
              o.point = PointFromDate(mid.y, mid.m, 0);
            } else {
              o.point.gran = TimePoint::kWeek;
              cal::IsoWeek(cal::DaysFromCivil(mid.y, mid.m, mid.d), &o.point.y, &o.point.week);
            }
            o.value = o.point.Format();
            o.anchor = "narrative";
          }
        }
      }
      // "twenty years after the first astronauts were chosen", "one year
      // after he was killed": an offset from an event the text does not
      // date. Counted from the narrative time it would fall after the
      // document date in a clause that is not future, past or present ("a
      // year after the flood, families remain in shelters"), or, with
      // "before", before it in a future clause, which the clause rules out:
      // the event is not the story's time, so the expression says only how
      // long (TimeML: the duration, with "after" as its signal).
      // A step forward ("two decades later") that lands well beyond the
      // document date in a past clause is ruled out the same way; "well":
      // more than the 60 days by which such steps may move an inferred
      // document date (see below).
      // After "for" the offset is a length whatever its date would be: "held
      // for 48 hours before being released".
      FieldList offset_fields;
      const bool later = via_word == "later" || via_word == "afterwards";
      const bool after_for = f.match.begin > 0 && tokens[static_cast<size_t>(f.match.begin - 1)].lower == "for" &&
                             (via_word == "before" || via_word == "after");
      // "two years after taking office", "60 days after the law takes
      // effect", "two weeks before the deadline": counted from an event the
      // text does not date, the expression says only how long, as TimeBank
      // has it ("90 days after", "several months before"); not when a date
      // follows ("two days before Christmas") or one right before describes it.
      // The event is told as a clause: a pronoun ("after he was found"), a
      // gerund ("after taking office") or a name and its verb ("after Qantas
      // suspended flights", "after Prime Minister Ruiz resigned"); "a week
      // before the celebrations" and "three days after Russia's strike" (a
      // noun phrase, the name a possessive) may be the story's time, and in a
      // future clause the offset is the plan's date (all stay dates, counted
      // from the narrative time).
      bool event_offset = false;
      if ((via_word == "before" || via_word == "after") && !pinned_forward && f.tense != Tense::kFuture &&
          f.match.end < static_cast<int>(tokens.size()) &&
          (next == nullptr || next->match.begin != f.match.end)) {
        const Token& ev = tokens[static_cast<size_t>(f.match.end)];
        const std::string_view w = ev.lower;
        event_offset = ev.kind == TokenKind::kWord && ev.sentence == sentence &&
                       (w == "he" || w == "she" || w == "it" || w == "they" || w == "we" || w == "i" ||
                        w == "you" || w == "his" || w == "her" || w == "its" || w == "their" || w == "our" ||
                        (w.size() > 5 && w.ends_with("ing")) ||
                        (ev.capitalized && NameOpensClause(tokens, info, impl_->cues, cues, f.match.end)));
      }
      const bool offset_only =
          in.fields == &f.fields && o.type == TimexType::kDate && dct_point.gran >= TimePoint::kMonth &&
          IsAnaphoric(f) && o.point.known() &&
          tokens[static_cast<size_t>(f.match.begin)].lower != "the" &&  // "the day before" is not a count
          o.point.gran != TimePoint::kWeek &&
          (after_for || event_offset ||
           (via_word == "after" && f.tense != Tense::kFuture && DayKey(o.point) > DayKey(dct_point)) ||
           (later && f.tense == Tense::kPast && DayKey(o.point) > DayKey(ShiftDays(dct_point, 60))) ||
           (via_word == "before" && f.tense == Tense::kFuture && EndKey(o.point) < DayKey(dct_point)));
      if (offset_only) {
        std::string_view amount = f.fields.Value(Field::kOff);
        if (amount.starts_with('-')) amount.remove_prefix(1);
        offset_fields = {{Field::kDur, std::string(amount)}, {Field::kUnit, std::string(f.fields.Value(Field::kUnit))}};
        NormalizeInput d = in;
        d.type = TimexType::kDuration;
        d.fields = &offset_fields;
        o = Normalize(d);
        if (!o.ok) continue;
      }
      // "from May to September", "from June 1 to Nov. 30", "between
      // November and March": a month or day without a year that closes a
      // range is the first such one at or after the range's start.
      FieldList range_fields;
      if (!offset_only && in.fields == &f.fields && o.type == TimexType::kDate &&
          (o.point.gran == TimePoint::kMonth || o.point.gran == TimePoint::kDay) && IsPartialDate(f) &&
          !f.fields.Has(Field::kDir) && !f.fields.Has(Field::kYoff) && !f.fields.Has(Field::kDow) && idx > 0 &&
          last_point_idx == idx - 1 && last_point.gran == o.point.gran &&
          SpanBegin(f.match) - SpanEnd(found[idx - 1].match) == 1) {
        const std::string_view w = tokens[static_cast<size_t>(SpanBegin(f.match) - 1)].lower;
        const int start_tok = SpanBegin(found[idx - 1].match);
        const bool between = w == "and" && start_tok > 0 && tokens[static_cast<size_t>(start_tok - 1)].lower == "between";
        const int year = last_point.y + (o.point.m * 100 + o.point.d < last_point.m * 100 + last_point.d ? 1 : 0);
        if ((w == "to" || w == "through" || w == "until" || w == "till" || w == "-" || between) &&
            year != o.point.y) {
          range_fields = f.fields;
          range_fields.Add(Field::kY, std::to_string(year));
          NormalizeInput r = in;
          r.fields = &range_fields;
          const NormalizeOutput ranged = Normalize(r);
          if (ranged.ok) o = ranged;
        }
      }
      if (in.fields != &f.fields && in.fields != &range_fields) {
        o.anchor = "narrative";  // value taken from another expression
      }
      Timex t;
      // The span runs over the elements that are not context-only.
      // An offset alone ends before its anchor word ("after"), the last
      // element of the offset rules.
      int b = -1, e = -1, before_last = -1;
      const size_t first_count = f.match.rule->elements.size();
      for (size_t k = 0; k < f.match.captures.size(); ++k) {
        const Capture& c = f.match.captures[k];
        const Element& el = k < first_count ? f.match.rule->elements[k] : f.merged_rule->elements[k - first_count];
        if (c.begin < 0 || el.context) continue;
        if (b < 0) b = c.begin;
        before_last = e;
        e = c.end;
      }
      if (offset_only) e = before_last;
      if (b < 0 || e <= b) continue;
      const Token& first = tokens[static_cast<size_t>(b)];
      const Token& last = tokens[static_cast<size_t>(e - 1)];
      t.start = first.start;
      t.end = last.end;
      t.text = std::string(text.substr(t.start, t.end - t.start));
      t.type = TypeName(o.type);
      t.value = std::move(o.value);
      t.mod = std::move(o.mod);
      t.anchor = o.anchor;
      // A time of day on a day named ("noon Saturday", "10 p.m. on Friday",
      // "Tuesday night") moves the story to that day, as the day would.
      const bool dated_time = o.type == TimexType::kTime && o.point.gran == TimePoint::kDay &&
                              (f.merged_rule != nullptr || !f.fields.Value(Field::kDow).empty());
      // "After a flat second quarter, the company attributed the gain to
      // ...": a quarter or half named as the time after which (or since
      // which) the story runs is background; the report's period and the
      // story's time stay where they were.
      const bool background = (o.point.gran == TimePoint::kQuarter || o.point.gran == TimePoint::kHalf) &&
                              FollowsTimeAfter(tokens, info, SpanBegin(f.match));
      if ((o.type == TimexType::kDate || dated_time) && o.point.known() && o.point.gran >= TimePoint::kYear &&
          !f.fields.Has(Field::kNoref) && !LooksBack(f) && !IsComparison(f) && !background) {
        narrative = o.point;
        narrative_by_time = dated_time;
        narrative_year_given = !IsPartialDate(f);
        narrative_sentence = sentence;
        narrative_set_by = static_cast<int64_t>(idx);
      }
      // "For the nine months, net rose ... from a year earlier": a reporting
      // span of months makes the period its year, so comparisons that follow
      // compare years, not the quarter named before.
      if (o.type == TimexType::kDuration && f.fields.Has(Field::kSpan) && f.fields.Value(Field::kUnit) == "M" &&
          dct_point.known()) {
        const int span_year = period.known() && static_cast<int64_t>(sentence) - period_sentence <= kPeriodContextSentences
                                  ? period.y
                                  : dct_point.y;
        period = PointFromDate(span_year, 0, 0);
        period_sentence = sentence;
        period_fiscal = false;
      }
      if (o.type == TimexType::kDate && (o.point.gran == TimePoint::kQuarter || o.point.gran == TimePoint::kHalf) &&
          !IsComparison(f) && !f.fields.Has(Field::kPeriod) && !background) {
        period = o.point;
        period_sentence = sentence;
        period_fiscal = false;
        for (int k = f.match.begin; k < f.match.end; ++k) {
          period_fiscal = period_fiscal || tokens[static_cast<size_t>(k)].lower == "fiscal";
        }
      }
      if (!offset_only && IsAnaphoric(f) && !LooksBack(f) && f.tense != Tense::kFuture &&
          o.point.gran == TimePoint::kDay &&
          (!latest_forward->known() || DayKey(o.point) > DayKey(*latest_forward))) {
        *latest_forward = o.point;
      }
      last_point = o.point;
      last_point_idx = idx;
      timexes.push_back(std::move(t));
    }
    return timexes;
  };

  TimePoint latest_forward;
  result.timexes = resolve_all(result.dct.date, &latest_forward);
  // A report is written after the last step its story takes: "On 30 June
  // ... A day later they were charged" was written on 1 July or after.
  if (result.dct.inferred && result.dct.date.day != 0 && latest_forward.known()) {
    const int64_t dct_day = cal::DaysFromCivil(result.dct.date.year, result.dct.date.month, result.dct.date.day);
    const int64_t step_day = cal::DaysFromCivil(latest_forward.y, latest_forward.m, latest_forward.d);
    if (step_day > dct_day && step_day - dct_day <= 60) {
      result.dct.date = CalendarDate{latest_forward.y, latest_forward.m, latest_forward.d};
      result.dct.method += "+later-steps";
      TimePoint ignored;
      result.timexes = resolve_all(result.dct.date, &ignored);
    }
  }
  return result;
}

}  // namespace chronicle::time
