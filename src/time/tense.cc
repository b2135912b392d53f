#include "time/tense.h"

#include <string_view>

namespace chronicle::time {
namespace {

// Whether a date starts at token i: a number ("to 2026", "to 15 May"), a
// month, weekday, season, holiday, part or calendar unit word ("to March",
// "to Friday", "to autumn", "to the end of June", "to next week"), or a
// relative word ("to later this year", "to a later date"), after at most
// one article.
bool DateFollows(const std::vector<Token>& toks, const std::vector<TokenInfo>& info, const CueClasses& cc, size_t i) {
  if (i < toks.size() && (toks[i].lower == "the" || toks[i].lower == "a")) ++i;
  if (i >= toks.size() || toks[i].sentence != toks[i - 1].sentence) return false;
  const Token& t = toks[i];
  if (t.kind == TokenKind::kNumber) return true;
  if (t.kind != TokenKind::kWord) return false;
  const std::string_view w = t.lower;
  if (w == "next" || w == "later" || w == "following" || w == "coming" || w == "this" || w == "tomorrow" ||
      w == "after") {
    return true;
  }
  // (A month needs its capital: "pushed back to may" is not a date.)
  return (info[i].classes & cc.date_word) != 0 && (t.capitalized || (info[i].classes & cc.month) == 0);
}

int8_t ClassifyCue(const std::vector<Token>& toks, const std::vector<TokenInfo>& info, const CueClasses& cc, size_t i) {
  const Token& t = toks[i];
  if (t.kind != TokenKind::kWord) return kCueNone;
  const uint64_t cls = info[i].classes;
  const std::string_view w = t.lower;
  if (cls & cc.future) {
    // "had been due to expire Friday", "had been scheduled": a plan told in
    // the past perfect was for a time that has passed.
    if (i > 1 && toks[i - 1].lower == "been" && toks[i - 2].lower == "had") return kCuePast;
    // "would have", "should have" (+ participle): what might have been, in
    // the past ("the deal would have closed in May").
    if ((w == "would" || w == "should") && i + 1 < toks.size() && toks[i + 1].lower == "have") return kCuePast;
    // After a determiner, a possessive or a hyphen the word is a noun: "the
    // plan", "its forecast", "the year's end", "year-end".
    // After "to" it is an infinitive that takes its time from the verb
    // before it: "made it hard to meet demand into the summer".
    if (i > 0) {
      const std::string_view prev = toks[i - 1].lower;
      if (prev == "to") return kCueNone;
      if (prev == "the" || prev == "a" || prev == "an" || prev == "its" || prev == "their" || prev == "his" ||
          prev == "her" || prev == "-" || (prev == "s" && i > 1 && toks[i - 2].punct == '\'')) {
        return kCueNone;
      }
    }
    return kCueFuture;
  }
  if (w == "ll" && i > 0 && toks[i - 1].punct == '\'' && !t.space_before) return kCueFuture;  // "'ll"
  // "going to", "set to", "supposed to", "is to resume": intentions and
  // arrangements.
  if ((w == "going" || w == "set" || w == "supposed" || w == "planned" || w == "intended" || w == "hoped" ||
       w == "slated" || w == "poised") &&
      i + 1 < toks.size() && toks[i + 1].lower == "to") {
    return kCueFuture;
  }
  // "a hearing has been set for May 20", "the vote is slated for Tuesday":
  // a date fixed for something is ahead of the fixing.
  if ((w == "set" || w == "slated" || w == "penciled" || w == "pencilled" || w == "earmarked") && i + 1 < toks.size() &&
      toks[i + 1].lower == "for") {
    return kCueFuture;
  }
  // "postponed until Tuesday", "delayed to Jan. 31", "pushed back to Nov. 2",
  // "rescheduled for Monday", "brought forward to May": the date something is
  // put off (or brought forward) to is ahead of the putting off. After "to" a
  // date must follow: "was brought back to Kabul on Monday" moved a person,
  // not a plan.
  {
    size_t k = i + 1;
    bool mover = w == "postponed" || w == "delayed" || w == "deferred" || w == "rescheduled";
    if ((w == "pushed" || w == "put" || w == "brought") && k < toks.size() &&
        (toks[k].lower == "back" || toks[k].lower == "off" || toks[k].lower == "forward")) {
      mover = w != "put" || toks[k].lower == "off";
      ++k;
    }
    if (mover && k < toks.size()) {
      const std::string_view next = toks[k].lower;
      if (next == "until" || next == "till" || (next == "to" && DateFollows(toks, info, cc, k + 1)) ||
          (next == "for" && w == "rescheduled")) {
        return kCueFuture;
      }
    }
  }
  if ((w == "is" || w == "are") && i + 2 < toks.size() && toks[i + 1].lower == "to" &&
      toks[i + 2].kind == TokenKind::kWord) {
    return kCueFuture;
  }
  const bool past_form = (cls & cc.past) != 0 || (cls & cc.reporting) != 0 ||
                         (w.size() > 4 && w.substr(w.size() - 2) == "ed" && !(cls & cc.not_past_ed));
  if (!past_form) return kCueNone;
  // A regular "-ed" form after a determiner, or after a determiner and an
  // adverb, is an adjective: "a still unspecified date", "the newly
  // elected council", "an expanded programme".
  if ((cls & (cc.past | cc.reporting)) == 0 && i > 0) {
    auto determiner = [](std::string_view d) {
      return d == "a" || d == "an" || d == "the" || d == "its" || d == "their" || d == "his" || d == "her" ||
             d == "our" || d == "this" || d == "that" || d == "these" || d == "those" || d == "no" || d == "each" ||
             d == "every";
    };
    std::string_view prev = toks[i - 1].lower;
    if (i > 1 && (prev == "still" || prev == "yet" || prev == "so" || prev == "very" || prev == "more" ||
                  prev == "most" || prev == "less" || (prev.size() > 3 && prev.ends_with("ly")))) {
      prev = toks[i - 2].lower;
    }
    if (determiner(prev)) return kCueNone;
  }
  // "were planning", "was expected", "was due": the future word decides.
  if ((w == "was" || w == "were") && i + 1 < toks.size() && (info[i + 1].classes & cc.future) != 0) return kCueNone;
  // A participle after a present or infinitive auxiliary is not past:
  // "elections are held", "is expected", "to be signed".
  if (i > 0) {
    const std::string_view prev = toks[i - 1].lower;
    if (prev == "is" || prev == "are" || prev == "am" || prev == "be" || prev == "being" || prev == "get" ||
        prev == "gets") {
      return kCueNone;
    }
  }
  return (cls & cc.reporting) != 0 && (cls & cc.past) == 0 ? kCueReporting : kCuePast;
}

// The tense of the clause around tokens [begin, end). The verb that governs
// a temporal phrase usually precedes it ("talks will resume on Monday"), so
// the nearest cue to the left within the sentence decides; failing that, the
// nearest to the right ("On Monday, the leaders met"). Cues are memoised per
// token in `cues`, so each token is classified at most once.
}  // namespace

int8_t CueAt(const std::vector<Token>& toks, const std::vector<TokenInfo>& info, const CueClasses& cc,
             std::vector<int8_t>& cues, size_t i) {
  int8_t& c = cues[i];
  if (c == kCueUnknown) c = ClassifyCue(toks, info, cc, i);
  return c;
}

Tense TenseAround(const std::vector<Token>& toks, const std::vector<TokenInfo>& info, const CueClasses& cc,
                  std::vector<int8_t>& cues, int begin, int end, bool* sure_future) {
  const uint32_t s = toks[static_cast<size_t>(begin)].sentence;
  const int n = static_cast<int>(toks.size());
  // "will" decides a sure future unless it is quoted (a quotation keeps the
  // speaker's time: "'I will resign on 28 February,' he said") or written
  // with a capital (a title-case headline, a question).
  auto future_at = [&](int i) {
    if (sure_future != nullptr) {
      const Token& t = toks[static_cast<size_t>(i)];
      bool sure = !t.capitalized && (t.lower == "will" || t.lower == "shall" || t.lower == "ll");
      for (int k = i - 1; sure && k >= 0 && toks[static_cast<size_t>(k)].sentence == s; --k) {
        const Token& q = toks[static_cast<size_t>(k)];
        if (q.punct == '"' || (q.punct == '\'' && q.space_before)) sure = false;
      }
      *sure_future = sure;
    }
    return Tense::kFuture;
  };
  auto cue = [&](int i) { return CueAt(toks, info, cc, cues, static_cast<size_t>(i)); };
  // A reporting verb before the expression ("said the talks will resume on
  // Monday") dates the report, not the expression, so the search goes on
  // past it; after it ("On 20 March the ministry said ...") the expression
  // dates the saying, which is past.
  // Clauses end at ";" and at a comma before a coordinator (", and the
  // budget came ..."): cues beyond belong to another clause.
  auto clause_break = [&](int i) {
    const std::string_view w = toks[static_cast<size_t>(i)].lower;
    if (w == ";" || w == ":") return true;
    if (w != "," || i + 1 >= n) return false;
    const std::string_view next = toks[static_cast<size_t>(i + 1)].lower;
    return next == "and" || next == "but" || next == "while" || next == "whereas" || next == "although" ||
           next == "though" || next == "yet";
  };
  // "since March": the period has begun, so it is past.
  // (The match may start with "since" as its leading context.)
  if (toks[static_cast<size_t>(begin)].lower == "since" ||
      (begin > 0 && toks[static_cast<size_t>(begin - 1)].lower == "since")) {
    return Tense::kPast;
  }
  // A reporting verb right before the expression ("the ministry said
  // Friday", "announced on Tuesday", "said over the weekend") is dated by
  // it: the saying is past.
  {
    int i = begin - 1;
    if (i >= 0) {
      const std::string_view w = toks[static_cast<size_t>(i)].lower;
      if (w == "on" || w == "over" || w == "during" || w == "at" || w == "in" || w == "late" || w == "early") --i;
    }
    // Unless a future word follows the expression, which is then the subject
    // of what was said: "analysts said the second half should be stronger".
    const bool subject = end < n && toks[static_cast<size_t>(end)].sentence == s && cue(end) == kCueFuture;
    if (!subject && i >= 0 && toks[static_cast<size_t>(i)].sentence == s && cue(i) == kCueReporting) {
      return Tense::kPast;
    }
  }
  // A relative clause set off by commas (", who took office in 2010,", ",
  // which opened in 1990,") is an aside: its verb does not govern the rest
  // of the sentence. Given a token i, the comma at the other end of such an
  // aside when i is a comma that opens or closes one (a relative pronoun
  // right after the first of the two), or -1.
  auto relative = [&](int i) {
    const std::string_view w = toks[static_cast<size_t>(i)].lower;
    return w == "who" || w == "which" || w == "whose" || w == "whom" || w == "where";
  };
  auto aside_from = [&](int comma, int step) {
    if (toks[static_cast<size_t>(comma)].punct != ',') return -1;
    for (int k = comma + step, seen = 0; k >= 0 && k < n && seen < 20 && toks[static_cast<size_t>(k)].sentence == s;
         k += step, ++seen) {
      if (toks[static_cast<size_t>(k)].punct != ',') continue;
      const int first = step < 0 ? k : comma;
      return first + 1 < n && relative(first + 1) ? k : -1;
    }
    return -1;
  };
  for (int i = begin - 1, seen = 0; i >= 0 && seen < 15 && toks[static_cast<size_t>(i)].sentence == s; --i, ++seen) {
    if (clause_break(i)) break;
    if (const int other = aside_from(i, -1); other >= 0) {
      i = other;  // the loop steps on to the word before the aside
      continue;
    }
    const int8_t c = cue(i);
    if (c == kCuePast) return Tense::kPast;
    if (c == kCueFuture) return future_at(i);
  }
  // A date that opens its sentence ("In January, a week after the
  // anniversary, a bomb killed ...") is governed by the main verb, which may
  // come after a long aside: look further right.
  int first = begin;
  if (first > 0 && toks[static_cast<size_t>(first - 1)].sentence == s) {
    const std::string_view w = toks[static_cast<size_t>(first - 1)].lower;
    if (w == "in" || w == "on" || w == "by" || w == "since" || w == "until" || w == "at" || w == "during") --first;
  }
  const bool opens_sentence = first == 0 || toks[static_cast<size_t>(first - 1)].sentence != s;
  const int reach = opens_sentence ? 40 : 15;
  for (int i = end, seen = 0; i < n && seen < reach && toks[static_cast<size_t>(i)].sentence == s; ++i, ++seen) {
    if (clause_break(i)) break;
    if (const int other = aside_from(i, 1); other >= 0) {
      i = other;
      continue;
    }
    const int8_t c = cue(i);
    if (c == kCuePast || c == kCueReporting) return Tense::kPast;
    if (c == kCueFuture) return future_at(i);
  }
  return Tense::kNone;
}

}  // namespace chronicle::time
