// Internal to src/time: the tense of the clause around an expression, from
// cue words of the lexicon (classes TENSE_PAST, TENSE_FUTURE, REPORTING and
// NOT_PAST_ED), so a cue costs no lookup beyond Grammar::Prepare's.
#pragma once

#include <cstdint>
#include <vector>

#include "time/grammar.h"
#include "time/normalizer.h"
#include "time/tokenizer.h"

namespace chronicle::time {

// The class bits of the cue words.
struct CueClasses {
  uint64_t past = 0, future = 0, reporting = 0, not_past_ed = 0;
  // Words that can open a date after "postponed to" / "brought forward to"
  // (lexicon classes MONTH, WEEKDAY, SEASON, HOLIDAY, PART, CALUNIT).
  uint64_t date_word = 0, month = 0;
};

enum : int8_t { kCueUnknown = -1, kCueNone = 0, kCuePast = 1, kCueFuture = 2, kCueReporting = 3 };

// The cue of token i (kCueNone, kCuePast, kCueFuture or kCueReporting),
// memoised in `cues` as TenseAround does.
int8_t CueAt(const std::vector<Token>& toks, const std::vector<TokenInfo>& info, const CueClasses& cc,
             std::vector<int8_t>& cues, size_t i);

// The tense around tokens [begin, end); `cues` memoises each token's cue
// (size it to the tokens, filled with kCueUnknown). When the tense is future
// and the word that decided it is "will", "shall" or "'ll", *sure_future is
// set: such a clause cannot be a future told in the past ("said it would").
Tense TenseAround(const std::vector<Token>& toks, const std::vector<TokenInfo>& info, const CueClasses& cc,
                  std::vector<int8_t>& cues, int begin, int end, bool* sure_future = nullptr);

}  // namespace chronicle::time
