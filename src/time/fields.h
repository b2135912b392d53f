// What a rule says about an expression: its TIMEX3 type and its fields
// (key=value actions, see data/time/rules.txt).
//
// Field keys are a closed set, named once here: the grammar loader turns
// each key of the rules file into a Field (and rejects a key it does not
// know), so the passes over the expressions and the normaliser compare
// small integers, not strings, and whether an expression has a field is
// one bit test.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace chronicle::time {

// The type a rule gives its expressions; kNone is a blocker, which tags
// nothing but keeps other rules from matching its span.
enum class TimexType : uint8_t { kDate, kTime, kDuration, kSet, kNone };

// "DATE", "TIME", "DURATION", "SET" or "NONE".
const char* TypeName(TimexType t);
// The type named `name`; false for a name that is none of the above.
bool ParseTimexType(std::string_view name, TimexType* out);

// The field keys, in the order of kFieldNames (see fields.cc).
enum class Field : uint8_t {
  kA,         // first number of a numeric date (day or month, see dayfirst)
  kAfter,     // counts only right after a date's scan ("to March" after "from January")
  kAmpm,      // am / pm
  kAnchor,    // narr / dct / tense: what a relative expression counts from
  kB,         // second number of a numeric date
  kCentury,   // ordinal century
  kCmp,       // a comparison with an earlier period
  kD,         // day of the month
  kDayfirst,  // a numeric date read day first
  kDecade,    // decade (199 for the 1990s)
  kDir,       // this / last / next / past / future
  kDow,       // day of the week, 1 = Monday
  kDur,       // a duration's amount
  kFrac,      // a fraction added to the amount ("1/2")
  kGran,      // granularity of a shifted point (D: keep the day)
  kH,         // hour
  kHalf,      // H1 / H2
  kHhmm,      // a 24-hour clock as four digits
  kHoliday,   // a holiday's rule (MM-DD, easter+N, nth:...)
  kLatest,    // "the latest quarter"
  kM,         // month
  kMin,       // minute
  kMod,       // TIMEX3 mod
  kNoref,     // does not move the narrative time
  kOff,       // offset in units
  kPeriod,    // the reporting period in another year ("the 1988 quarter")
  kPod,       // part of the day
  kQ,         // quarter, 1-4
  kRef,       // the reference time itself
  kResults,   // the quarter's results are named (set by the tagger)
  kSeason,    // SP / SU / FA / WI
  kSpan,      // a reporting span of months ("the nine months")
  kUnit,      // calendar unit (D, W, M, Q, Y, DE, CE, H, MIN, S, WE)
  kValue,     // a literal TIMEX3 value
  kVia,       // before / after / later / ...: the word that makes it relative
  kWeekend,   // "the weekend"
  kWeekof,    // "the week of ..."
  kY,         // year
  kY2,        // the last two digits of a year in words
  kYoff,      // year counted from the document date ("this year": 0)
  kYw,        // the first two digits of a year in words (19, 20)
  kYy,        // two-digit year
  kCount
};
static_assert(static_cast<int>(Field::kCount) <= 64, "FieldList keeps a 64-bit mask of its keys");

// The key as written in the rules ("unit"), and its Field (false: no such key).
std::string_view FieldName(Field k);
bool ParseField(std::string_view name, Field* out);

struct FieldEntry {
  Field key;
  std::string value;
};

// An expression's fields, in the order the rule gives them (with any the
// tagger adds after). A key may in principle occur more than once; lookups
// find the first.
class FieldList {
 public:
  FieldList() = default;
  FieldList(std::initializer_list<FieldEntry> entries) {
    for (const FieldEntry& e : entries) Add(e.key, e.value);
  }
  // Whether any entry has key k (even with an empty value).
  bool Has(Field k) const { return ((mask_ >> static_cast<int>(k)) & 1) != 0; }
  // The first entry with key k, or nullptr.
  const std::string* Find(Field k) const {
    if (!Has(k)) return nullptr;
    for (const FieldEntry& e : entries_) {
      if (e.key == k) return &e.value;
    }
    return nullptr;
  }
  std::string* Find(Field k) { return const_cast<std::string*>(static_cast<const FieldList*>(this)->Find(k)); }
  // The value of the first entry with key k; empty when there is none.
  std::string_view Value(Field k) const {
    const std::string* v = Find(k);
    return v != nullptr ? std::string_view(*v) : std::string_view();
  }
  void Add(Field k, std::string value) {
    entries_.push_back(FieldEntry{k, std::move(value)});
    mask_ |= uint64_t{1} << static_cast<int>(k);
  }
  void Reserve(size_t n) { entries_.reserve(n); }
  size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  std::vector<FieldEntry>::const_iterator begin() const { return entries_.begin(); }
  std::vector<FieldEntry>::const_iterator end() const { return entries_.end(); }

 private:
  std::vector<FieldEntry> entries_;
  uint64_t mask_ = 0;  // bit k: some entry has key k
};

}  // namespace chronicle::time
