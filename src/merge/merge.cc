// Merging event mentions of many documents into events.
//
// Each dated timeline mention becomes an item with a date range, a class, a
// bag of content stems (words of its clause, six-letter prefixes, weighted by
// inverse document frequency over all clauses of the corpus) and its actors.
// Items are clustered greedily: day-precise items first, then coarser ones,
// each joining the event it is most similar to when their dates are
// compatible (the ranges overlap: "February 2025" contains "20 February
// 2025") and the similarity passes a threshold; otherwise it starts an event.
// Similarity is the cosine of the weighted bags plus bonuses for the same
// class and the same day. Mentions with no date of their own that clearly
// describe an event (a higher threshold; the event is not later than their
// document) then join it as further evidence: that is where most
// disagreements live. Events are sorted by date; conflicts are found per
// event (conflicts.cc).
#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <deque>
#include <map>
#include <memory>
#include <set>
#include <span>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "events/lexicon.h"
#include "merge/conflicts.h"
#include "merge/spill.h"
#include "merge/timeline.h"
#include "time/calendar.h"
#include "util/resident.h"

namespace chronicle::merge {
namespace {

// Days an article whose date is inferred (the latest day its text names) may
// be younger than that date.
constexpr int64_t kInferredDateSlack = 14;

using events::DocumentAnalysis;

const std::unordered_set<std::string_view>& StopWords() {
  static const std::unordered_set<std::string_view> kWords = {
      "the",   "a",      "an",    "and",   "or",   "of",     "to",        "in",      "on",       "at",
      "by",    "for",    "with",  "from",  "as",   "that",   "this",      "these",   "those",    "its",
      "it",    "his",    "her",   "their", "they", "he",     "she",       "was",     "were",     "is",
      "are",   "be",     "been",  "had",   "has",  "have",   "which",     "who",     "whom",     "what",
      "when",  "while",  "into",  "also",  "not",  "but",    "after",     "before",  "than",     "then",
      "there", "over",   "only",  "such",  "both", "all",    "any",       "some",    "more",     "most",
      "other", "would",  "could", "will",  "can",  "may",    "did",       "does",    "do",       "so",
      "if",    "out",    "up",    "about", "even", "very",   "just",      "where",   "how",      "why",
      "one",   "two",    "three", "new",   "own",  "said",   "first",     "days",    "later",    "earlier",
      "since", "during", "week",  "last",  "year", "month",  "early",     "late",    "january",  "february",
      "march", "april",  "may",   "june",  "july", "august", "september", "october", "november", "december",
      "2020",  "2021",   "2022",  "2023",  "2024", "2025",   "2026"};
  return kWords;
}

std::string_view Stem(std::string_view w) { return w.substr(0, 6); }

// (Laid out small: a large corpus holds one per candidate mention, and
// they are most of what the builder keeps.)
struct Item {
  uint32_t doc = 0;
  uint32_t mention = 0;
  // The fields of the mention that similarity() reads, kept here so that
  // comparing two items reads the items only.
  uint32_t sentence = 0;
  int32_t timex = -1;
  events::EventClass cls = events::EventClass::kOther;
  // A noun trigger that names the happening ("the 2020 war", "the 2021
  // declaration"): its concept (or stem) id + 1, 0 for a verb trigger.
  uint32_t named = 0;
  uint32_t shape_id = 0;  // equal for items SameShape() finds alike (set in Finish)
  uint16_t target_count = 0, people_count = 0;  // of name_list
  int8_t precision = 0;   // 3 day, 2 month, 1 year
  bool own = false;
  bool next_step = false;  // its sentence opens with a step of the story
  int64_t day_lo = 0, day_hi = -1;
  SpillRef record;  // where the spill has what the events and the conflicts read of it (RecordHead)
  // How far before the record its sentence starts in the spill (both are
  // then read at once), kFarSentence when too far for that.
  uint32_t sentence_back = 0;
  std::vector<std::pair<uint32_t, double>> vec;  // feature id -> raw weight, then tf-idf weight; sorted by id
  double norm = 0;
  uint64_t shape = 0;      // hash of what similarity() reads of an item of another document
  uint64_t paragraph = 0;  // where the paragraph of its sentence starts in the body
  // Its named (non-country) targets, then the people of a meeting, sorted
  // (views into the builder's names, in the builder's lists).
  const std::string_view* name_list = nullptr;

  std::span<const std::string_view> targets() const { return {name_list, target_count}; }
  std::span<const std::string_view> people() const { return {name_list + target_count, people_count}; }
};

// True when a and b look the same to similarity() with any item of a third
// document: same vector, date, class, named targets and people. Comparing
// with one of them is comparing with both (copies of one sentence).
bool SameShape(const Item& a, const Item& b) {
  return a.shape == b.shape && a.norm == b.norm && a.own == b.own && a.precision == b.precision &&
         a.day_lo == b.day_lo && a.cls == b.cls && a.vec == b.vec && std::ranges::equal(a.targets(), b.targets()) &&
         std::ranges::equal(a.people(), b.people());
}

// Classes that tell one happening from two sides: words (a statement and the
// protest it makes) and force (a raid and its arrests).
bool RelatedClasses(events::EventClass a, events::EventClass b) {
  using events::EventClass;
  auto speech = [](EventClass c) { return c == EventClass::kStatement || c == EventClass::kProtest; };
  auto force = [](EventClass c) { return c == EventClass::kAttack || c == EventClass::kArrest; };
  return a == b || (speech(a) && speech(b)) || (force(a) && force(b));
}

// Openings that move a story on to its next happening.
bool OpensWithNextStep(std::string_view sentence) {
  static constexpr std::string_view kSteps[] = {
      "in response",  "immediately afterwards", "afterwards",        "then",      "later",          "after that",
      "subsequently", "the next day",           "the following day", "meanwhile", "in retaliation", "in turn"};
  // The first 64 bytes, ASCII lower-cased (no allocation: this runs for
  // every candidate mention).
  char buffer[64];
  const size_t n = std::min(sentence.size(), sizeof buffer);
  for (size_t k = 0; k < n; ++k) {
    const char c = sentence[k];
    buffer[k] = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  }
  const std::string_view head(buffer, n);
  auto ascii_letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  for (const auto step : kSteps) {
    if (head.substr(0, step.size()) == step && (head.size() == step.size() || !ascii_letter(head[step.size()]))) {
      return true;
    }
  }
  // A subject that answers what came before: "Baku answered by arresting
  // ...", "Moscow retaliated with ...", within the sentence's first words.
  static constexpr std::string_view kResponses[] = {" responded by ",  " responded with ",  " answered by ",
                                                    " answered with ", " retaliated by ",   " retaliated with ",
                                                    " reacted by ",    " hit back by ",     " hit back with "};
  size_t words = 0, end = 0;
  while (end < head.size() && words < 5) {
    if (head[end] == ' ') ++words;
    if (head[end] == ',' || head[end] == ';') break;
    ++end;
  }
  // (An answer starting before `end` lies within its first end + 17 bytes:
  // the longest is 17.)
  const std::string_view start = head.substr(0, end + 17);
  for (const auto response : kResponses) {
    const size_t at = start.find(response);
    if (at != std::string_view::npos && at < end) return true;
  }
  return false;
}

int PrecisionRank(const time::CalendarDate& d) { return d.day != 0 ? 3 : d.month != 0 ? 2 : 1; }

// One item's weights spread over a dense array, so that its cosine with
// many others is a lookup per feature of theirs instead of a merge of two
// lists (whose branches the processor cannot predict).
struct Probe {
  const Item* item = nullptr;
  std::vector<double> dense;  // feature id -> the probe item's weight

  void Set(const Item& it) {
    if (item != nullptr) {
      for (const auto& [id, w] : item->vec) dense[id] = 0;
    }
    item = &it;
    for (const auto& [id, w] : it.vec) dense[id] = w;
  }
  // The dot product with `other`: the same terms in the same (id) order as a
  // merge of the two sorted lists, so the same value to the last bit.
  double Dot(const Item& other) const { return Dot(other.vec); }
  double Dot(const std::vector<std::pair<uint32_t, double>>& vec) const {
    double dot = 0;
    for (const auto& [id, w] : vec) dot += dense[id] * w;
    return dot;
  }
};

// Cosine of two sorted sparse vectors: through the probe when one of them is
// its item, else one merge pass.
double Cosine(const Item& a, const Item& b, const Probe* probe = nullptr) {
  if (a.norm == 0 || b.norm == 0) return 0;
  if (probe != nullptr && (probe->item == &a || probe->item == &b)) {
    return probe->Dot(probe->item == &a ? b : a) / (a.norm * b.norm);
  }
  double dot = 0;
  size_t i = 0, j = 0;
  while (i < a.vec.size() && j < b.vec.size()) {
    if (a.vec[i].first < b.vec[j].first) {
      ++i;
    } else if (b.vec[j].first < a.vec[i].first) {
      ++j;
    } else {
      dot += a.vec[i++].second * b.vec[j++].second;
    }
  }
  return dot / (a.norm * b.norm);
}

// True when both mentions name organisations or people as targets and no
// name of one contains a name of the other.
bool DisjointTargets(const Item& a, const Item& b) {
  if (a.target_count == 0 || b.target_count == 0) return false;
  for (const auto x : a.targets()) {
    for (const auto y : b.targets()) {
      if (x.find(y) != std::string_view::npos || y.find(x) != std::string_view::npos) return false;
    }
  }
  return true;
}

// True for two meetings where each has a person the other lacks (Aliyev with
// Zelensky / Aliyev with Pezeshkian).
bool DifferentParticipants(const Item& a, const Item& b) {
  if (a.cls != events::EventClass::kMeeting || b.cls != events::EventClass::kMeeting) return false;
  auto has_other = [](std::span<const std::string_view> x, std::span<const std::string_view> y) {
    for (const auto n : x) {
      if (!std::binary_search(y.begin(), y.end(), n)) return true;
    }
    return false;
  };
  return has_other(a.people(), b.people()) && has_other(b.people(), a.people());
}

// The members of an event an item was compared with, so that a copy of one
// of them (SameShape, from another document than the item's) is skipped: the
// similarity would be the same. The comparison budget is not changed.
class RepeatFilter {
 public:
  bool Seen(const Item& item, const Item& member) {
    if (member.doc == item.doc) return false;
    for (size_t j = 0; j < count_; ++j) {
      if (compared_[j]->shape_id == member.shape_id) return true;  // SameShape()
    }
    if (count_ < kSize) compared_[count_++] = &member;
    return false;
  }

 private:
  static constexpr size_t kSize = 16;
  const Item* compared_[kSize] = {};
  size_t count_ = 0;
};

struct Cluster {
  std::vector<size_t> items;
  // Feature id -> the largest weight / norm it has in the members compared
  // with (the first ones), sorted by id: the cosine of any item with those
  // members is at most its dot product with this vector over the item's norm.
  std::vector<std::pair<uint32_t, double>> bound;
};

// Folds the normalised weights of `it` into an event's bound.
void AddToBound(const Item& it, std::vector<std::pair<uint32_t, double>>* bound) {
  if (it.norm == 0) return;
  std::vector<std::pair<uint32_t, double>> merged;
  merged.reserve(bound->size() + it.vec.size());
  size_t i = 0, j = 0;
  while (i < bound->size() || j < it.vec.size()) {
    if (j == it.vec.size() || (i < bound->size() && (*bound)[i].first < it.vec[j].first)) {
      merged.push_back((*bound)[i++]);
    } else {
      const double w = it.vec[j].second / it.norm;
      if (i < bound->size() && (*bound)[i].first == it.vec[j].first) {
        merged.emplace_back(it.vec[j].first, std::max((*bound)[i++].second, w));
      } else {
        merged.emplace_back(it.vec[j].first, w);
      }
      ++j;
    }
  }
  *bound = std::move(merged);
}

bool Overlaps(int64_t alo, int64_t ahi, int64_t blo, int64_t bhi) { return alo <= bhi && blo <= ahi; }

// a + b, held at the ends of int64_t.
int64_t SaturatingAdd(int64_t a, int64_t b) {
  int64_t sum = 0;
  if (!__builtin_add_overflow(a, b, &sum)) return sum;
  return b > 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
}

// Copies of strings in blocks that never move, so that views of them stay
// valid while the builder lives (and cost no allocation each).
class TextArena {
 public:
  std::string_view Add(std::string_view s) {
    if (s.empty()) return "";
    if (blocks_.empty() || used_ + s.size() > size_) {
      size_ = std::max(kBlock, s.size());
      blocks_.emplace_back(new char[size_]);
      used_ = 0;
    }
    char* p = blocks_.back().get() + used_;
    std::memcpy(p, s.data(), s.size());
    used_ += s.size();
    return {p, s.size()};
  }

 private:
  static constexpr size_t kBlock = size_t{1} << 20;
  std::vector<std::unique_ptr<char[]>> blocks_;
  size_t used_ = 0, size_ = 0;
};

// Runs of n values in blocks that never move.
template <typename T>
class SpanArena {
 public:
  std::span<T> Allocate(size_t n) {
    if (n == 0) return {};
    if (blocks_.empty() || used_ + n > size_) {
      size_ = std::max(kBlock, n);
      blocks_.emplace_back(new T[size_]);
      used_ = 0;
    }
    T* p = blocks_.back().get() + used_;
    used_ += n;
    return {p, n};
  }

 private:
  static constexpr size_t kBlock = 4096;
  std::vector<std::unique_ptr<T[]>> blocks_;
  size_t used_ = 0, size_ = 0;
};

// Each distinct string once (names, roles, triggers, cue words, date
// values), with a number (0 for "") that a record in the spill names it by.
class NamePool {
 public:
  NamePool() : views_{""} {}
  std::string_view Intern(std::string_view s) { return views_[Id(s)]; }
  uint32_t Id(std::string_view s) {
    if (s.empty()) return 0;
    if (const auto it = index_.find(s); it != index_.end()) return it->second;
    const std::string_view kept = text_.Add(s);
    const auto id = static_cast<uint32_t>(views_.size());
    views_.push_back(kept);
    index_.emplace(kept, id);
    return id;
  }
  // The string of an id Id() gave; "" for any other.
  std::string_view View(uint32_t id) const { return id < views_.size() ? views_[id] : std::string_view(); }

 private:
  TextArena text_;
  std::unordered_map<std::string_view, uint32_t> index_;
  std::vector<std::string_view> views_;
};

// What the events and the conflicts read of one candidate mention (all the
// builder keeps of it besides its Item): its facts, and the fields an
// EventMentionRef and the summary take. Its sentence and clause are in the
// spill; facts.sentence is left empty.
struct Record {
  MentionFacts facts;
  uint32_t sentence = 0;
  bool timex_in_sentence = false;
  uint32_t timex_begin = 0, timex_end = 0;
  SpillRef clause_text;     // the body's clause_start..clause_end
  std::string_view timex;   // the date expression as written, "" if none
  std::string_view timex_value;
  std::string_view trigger;
  std::string_view attributed_to;
  std::string_view sentence_bytes;  // the sentence, as RecordLoader read it back
};

// Item::sentence_back when the sentence is too far before the record to be
// read with it.
constexpr uint32_t kFarSentence = UINT32_MAX;
constexpr uint64_t kNearSentence = uint64_t{1} << 16;

// A record in the spill (EncodeRecord): its fixed part, then its actors,
// numbers and cues, every string as its NamePool id. The records are most of
// what the builder would otherwise keep per mention (some 270 bytes with
// their facts: 5 KB per article); they are read back once, when the events
// are made.
struct RecordHead {
  uint64_t sentence_offset = 0, clause_offset = 0;
  uint32_t sentence_size = 0, clause_size = 0;
  uint32_t sentence = 0;
  uint32_t timex_begin = 0, timex_end = 0;
  uint32_t timex = 0, timex_value = 0, trigger = 0, attributed_to = 0;
  int32_t year = 0, month = 0, day = 0;
  uint16_t actors = 0, numbers = 0, cues = 0;
  uint8_t cls = 0, hedge = 0, own_date = 0, has_timex = 0, timex_in_sentence = 0;
};
struct ActorRow {
  uint32_t name = 0, country = 0, role = 0;
  uint8_t type = 0;
};
struct NumberRow {
  int64_t value = 0;
  uint32_t what = 0, noun = 0;
};
struct CueRow {
  uint32_t kind = 0, value = 0, text = 0;
};

template <typename T>
void AppendPod(const T& v, std::string* out) {
  out->append(reinterpret_cast<const char*>(&v), sizeof v);
}
template <typename T>
T ReadPod(std::string_view bytes, size_t* at) {
  T v;
  if (*at + sizeof v > bytes.size()) throw SpillError("merge: a record in the spill is cut short");
  std::memcpy(&v, bytes.data() + *at, sizeof v);
  *at += sizeof v;
  return v;
}

// Reads records back from the spill and decodes them; the records of the
// last Load() stay valid until the next (their facts point into the
// loader's rows and the builder's names).
class RecordLoader {
 public:
  RecordLoader(const Spill& spill, const NamePool& names) : spill_(spill), names_(names) {}
  // The records of `items`, with their sentences: one read of the spill
  // each when the sentence is near before the record (written by the same
  // Add, as nearly always), two otherwise.
  template <typename ItemPtrs>
  void Load(const ItemPtrs& items) {
    blobs_.clear();
    places_.clear();
    size_t actors = 0, numbers = 0, cues = 0;
    for (const auto* item : items) {
      const SpillRef ref = item->record;
      const bool near = item->sentence_back != kFarSentence;
      if (near) {
        spill_.Read({ref.offset - item->sentence_back, item->sentence_back + ref.size}, &blob_);
      } else {
        spill_.Read(ref, &blob_);
      }
      const size_t record_at = near ? item->sentence_back : 0;
      size_t at = record_at;
      const auto head = ReadPod<RecordHead>(blob_, &at);
      actors += head.actors;
      numbers += head.numbers;
      cues += head.cues;
      const size_t base = blobs_.size();
      Place& place = places_.emplace_back();
      place.record = base + record_at;
      place.record_end = base + record_at + ref.size;
      place.sentence_size = head.sentence_size;
      blobs_.append(blob_, 0, record_at + ref.size);
      if (near) {
        if (head.sentence_size > record_at) throw SpillError("merge: a record's sentence is not where it says");
        place.sentence = base;
      } else {
        spill_.Read({head.sentence_offset, head.sentence_size}, &blob_);
        place.sentence = blobs_.size();
        blobs_ += blob_;
      }
    }
    // Sized first: the records' spans point into them.
    actor_rows_.clear();
    actor_rows_.reserve(actors);
    number_rows_.clear();
    number_rows_.reserve(numbers);
    cue_rows_.clear();
    cue_rows_.reserve(cues);
    records_.resize(items.size());
    for (size_t i = 0; i < items.size(); ++i) {
      const Place& place = places_[i];
      const std::string_view bytes = std::string_view(blobs_).substr(place.record, place.record_end - place.record);
      size_t at = 0;
      const auto h = ReadPod<RecordHead>(bytes, &at);
      Record& r = records_[i];
      r.sentence = h.sentence;
      r.timex_in_sentence = h.timex_in_sentence != 0;
      r.timex_begin = h.timex_begin;
      r.timex_end = h.timex_end;
      r.clause_text = {h.clause_offset, h.clause_size};
      r.timex = names_.View(h.timex);
      r.timex_value = names_.View(h.timex_value);
      r.trigger = names_.View(h.trigger);
      r.attributed_to = names_.View(h.attributed_to);
      MentionFacts& f = r.facts;
      f = MentionFacts{};
      f.cls = static_cast<events::EventClass>(h.cls);
      f.hedge = static_cast<events::Hedge>(h.hedge);
      f.own_date = h.own_date != 0;
      f.has_timex = h.has_timex != 0;
      f.date = {h.year, h.month, h.day};
      const size_t first_actor = actor_rows_.size();
      for (size_t k = 0; k < h.actors; ++k) {
        const auto a = ReadPod<ActorRow>(bytes, &at);
        actor_rows_.push_back({names_.View(a.name), names_.View(a.country), names_.View(a.role),
                               static_cast<actors::ActorType>(a.type)});
      }
      f.actors = std::span<const FactActor>(actor_rows_.data() + first_actor, h.actors);
      const size_t first_number = number_rows_.size();
      for (size_t k = 0; k < h.numbers; ++k) {
        const auto q = ReadPod<NumberRow>(bytes, &at);
        number_rows_.push_back({q.value, names_.View(q.what), names_.View(q.noun)});
      }
      f.numbers = std::span<const FactNumber>(number_rows_.data() + first_number, h.numbers);
      const size_t first_cue = cue_rows_.size();
      for (size_t k = 0; k < h.cues; ++k) {
        const auto c = ReadPod<CueRow>(bytes, &at);
        cue_rows_.push_back({names_.View(c.kind), names_.View(c.value), names_.View(c.text)});
      }
      f.cues = std::span<const FactCue>(cue_rows_.data() + first_cue, h.cues);
      r.sentence_bytes = std::string_view(blobs_).substr(place.sentence, place.sentence_size);
    }
  }
  const Record& operator[](size_t i) const { return records_[i]; }

 private:
  const Spill& spill_;
  const NamePool& names_;
  // Where each record and its sentence are in blobs_.
  struct Place {
    size_t record = 0, record_end = 0;
    size_t sentence = 0, sentence_size = 0;
  };
  std::string blob_, blobs_;
  std::vector<Place> places_;
  std::vector<Record> records_;
  std::vector<FactActor> actor_rows_;
  std::vector<FactNumber> number_rows_;
  std::vector<FactCue> cue_rows_;
};

// Appends the encoding of every value of *values to the spill as one run,
// empties *values, and says where the run is.
template <typename T, typename Encode>
SpilledRun SpillRun(Spill& spill, std::span<const T> values, Encode encode, std::string* encoded) {
  encoded->clear();
  for (const auto& v : values) encode(v, encoded);
  const SpillRef where = spill.Append(*encoded);
  return {where.offset, where.size, static_cast<uint32_t>(values.size())};
}
template <typename T, typename Encode>
SpilledRun SpillAll(Spill& spill, std::vector<T>* values, Encode encode, std::string* encoded) {
  const SpilledRun run = SpillRun(spill, std::span<const T>(*values), encode, encoded);
  std::vector<T>().swap(*values);
  return run;
}

}  // namespace

struct TimelineBuilder::State {
  Timeline tl;
  std::deque<Item> items;    // timeline candidates
  std::deque<Item> undated;  // event-like mentions with no date of their own
  // Features (stems, "#concept", "@actor") get integer ids as they are met.
  std::unordered_map<std::string, uint32_t> feature_ids;
  std::vector<uint32_t> df;  // feature id -> clauses it occurs in
  std::string feature_key;
  size_t clauses = 0;
  // Per document: the first day after its date (INT64_MAX when unknown).
  std::vector<int64_t> limits;
  // Actor name -> the documents that name it.
  std::unordered_map<std::string, size_t> actor_docs;
  NamePool names;
  // The mentions' sentences and clauses, then the events' mentions: in
  // memory, or in a file (SpillTo).
  std::shared_ptr<Spill> spill = Spill::InMemory();
  std::string record_bytes;  // the record being encoded
  // The items' lists of target and participant names, and the lists of the
  // item being made.
  SpanArena<std::string_view> name_lists;
  std::vector<std::string_view> item_targets, item_people;
  // Of the document being added: where each sentence is in the spill, once
  // kept (kNotKept until then).
  static constexpr uint64_t kNotKept = UINT64_MAX;
  std::vector<SpillRef> sentence_refs;

  uint32_t Feature(std::string_view prefix, std::string_view name) {
    feature_key.assign(prefix);
    feature_key.append(name);
    const auto [pos, inserted] = feature_ids.try_emplace(feature_key, static_cast<uint32_t>(df.size()));
    if (inserted) df.push_back(0);
    return pos->second;
  }
  // What MakeItem asks of each word, kept per distinct word (found by the
  // hash TokenizeWords gives it): whether it is left out (a number, a stop
  // word, under three letters) and the feature of its stem, given when first
  // used, as Feature() would give it then. A bounded cache: past kMaxWords
  // distinct words, the others are worked out each time.
  static constexpr uint32_t kNoFeature = UINT32_MAX;
  static constexpr size_t kMaxWords = size_t{1} << 18;
  struct WordEntry {
    std::string word;
    bool skip = false;
    uint32_t feature = kNoFeature;
  };
  std::unordered_map<uint64_t, WordEntry> words_seen;
  WordEntry uncached;
  std::vector<events::Word> words;  // the clause being made an item
  WordEntry& LookUpWord(const events::Word& w) {
    auto pos = words_seen.find(w.hash);
    if (pos != words_seen.end() && pos->second.word == w.lower) return pos->second;
    WordEntry* e = &uncached;
    if (pos == words_seen.end() && words_seen.size() < kMaxWords) e = &words_seen[w.hash];
    e->word = w.lower;
    e->skip = w.number || w.lower.size() < 3 || StopWords().count(w.lower) != 0;
    e->feature = kNoFeature;
    return *e;
  }
  uint32_t StemFeature(WordEntry& e) {
    if (e.feature == kNoFeature) e.feature = Feature("", Stem(e.word));
    return e.feature;
  }
  Item MakeItem(const DocumentAnalysis& d, size_t di, size_t mi);
  void MakeRecord(const DocumentAnalysis& d, size_t mi, Item* it);
};

TimelineBuilder::TimelineBuilder() : state_(std::make_unique<State>()) {
#ifdef CHRONICLE_VERSION
  state_->tl.version = CHRONICLE_VERSION;
#endif
}

TimelineBuilder::~TimelineBuilder() = default;

size_t TimelineBuilder::size() const { return state_ == nullptr ? 0 : state_->tl.documents.size(); }

bool TimelineBuilder::SpillTo(const std::string& dir, std::string* error) {
  if (state_ == nullptr || !state_->tl.documents.empty()) {
    if (error != nullptr) *error = "merge: SpillTo() after Add()";
    return false;
  }
  auto spill = Spill::InDirectory(dir, error);
  if (spill == nullptr) return false;
  state_->spill = std::move(spill);
  return true;
}

// Bags of stems per mention clause, with document frequencies over clauses.
Item TimelineBuilder::State::MakeItem(const DocumentAnalysis& d, size_t di, size_t mi) {
  auto feature = [&](std::string_view prefix, std::string_view name) { return Feature(prefix, name); };
  const auto& m = d.mentions[mi];
  Item it;
  it.doc = static_cast<uint32_t>(di);
  it.mention = static_cast<uint32_t>(mi);
  it.day_lo = m.day_lo;
  it.day_hi = m.day_hi;
  it.cls = m.cls;
  it.sentence = static_cast<uint32_t>(m.sentence);
  it.timex = static_cast<int32_t>(m.timex);
  const std::string_view clause(d.doc.body.data() + m.clause_start, m.clause_end - m.clause_start);
  events::TokenizeWords(clause, &words);
  const auto& concepts = events::EventLexicon::Default().concepts;
  // Words near the trigger tell the happening; the rest of the clause counts less.
  size_t trigger_word = 0;
  while (trigger_word < words.size() && m.clause_start + words[trigger_word].start < m.trigger_start) ++trigger_word;
  for (size_t wi = 0; wi < words.size(); ++wi) {
    WordEntry& entry = LookUpWord(words[wi]);
    if (entry.skip) continue;
    const size_t dist = wi > trigger_word ? wi - trigger_word : trigger_word - wi;
    const double weight = dist <= 8 ? 1.0 : 0.25;
    size_t last = 0;
    if (const auto* c = concepts.MatchAt(words, wi, &last); c != nullptr) {
      it.vec.emplace_back(feature("#", c->kind), 2.5 * weight);
    } else {
      it.vec.emplace_back(StemFeature(entry), weight);
    }
  }
  item_targets.clear();
  item_people.clear();
  for (const auto& ra : m.actors) {
    it.vec.emplace_back(feature("@", ra.actor.name), 1.0);
    if (ra.role == "target" && ra.actor.type != actors::ActorType::kCountry) {
      item_targets.push_back(names.Intern(ra.actor.name));
    }
    if (ra.actor.type == actors::ActorType::kPerson) item_people.push_back(names.Intern(ra.actor.name));
  }
  // One entry per feature, its weights summed in the order they came.
  // (Stable: the weights of a feature are summed in the order they came. A
  // clause has a few dozen features, sorted in place; stable_sort would take
  // a buffer from the heap for each.)
  if (it.vec.size() <= 64) {
    for (size_t i = 1; i < it.vec.size(); ++i) {
      const auto x = it.vec[i];
      size_t j = i;
      for (; j > 0 && it.vec[j - 1].first > x.first; --j) it.vec[j] = it.vec[j - 1];
      it.vec[j] = x;
    }
  } else {
    std::stable_sort(it.vec.begin(), it.vec.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
  }
  size_t out = 0;
  for (size_t i = 0; i < it.vec.size(); ++i) {
    if (out > 0 && it.vec[out - 1].first == it.vec[i].first) {
      it.vec[out - 1].second += it.vec[i].second;
    } else {
      it.vec[out++] = it.vec[i];
    }
  }
  it.vec.resize(out);
  std::sort(item_people.begin(), item_people.end());
  // (An analysis names a few actors per mention; beyond 65,535 they are cut.)
  it.target_count = static_cast<uint16_t>(std::min<size_t>(item_targets.size(), UINT16_MAX));
  it.people_count = static_cast<uint16_t>(std::min<size_t>(item_people.size(), UINT16_MAX));
  if (it.target_count + it.people_count > 0) {
    auto list = name_lists.Allocate(size_t{it.target_count} + it.people_count);
    std::copy_n(item_targets.begin(), it.target_count, list.begin());
    std::copy_n(item_people.begin(), it.people_count, list.begin() + it.target_count);
    it.name_list = list.data();
  }
  // A noun trigger: what it names, as a concept when it is one.
  for (size_t wi = trigger_word; wi < words.size() && m.clause_start + words[wi].start < m.trigger_end; ++wi) {
    size_t last = 0;
    const auto* entry = events::EventLexicon::Default().triggers.MatchAt(words, wi, &last);
    if (entry == nullptr) continue;
    if (events::HasOption(entry->options, "nominal")) {
      size_t concept_last = 0;
      const auto* c = concepts.MatchAt(words, wi, &concept_last);
      std::string_view stem = Stem(words[wi].lower);
      if (stem.size() > 3 && stem.back() == 's') stem.remove_suffix(1);
      it.named = 1 + (c != nullptr ? feature("#", c->kind) : feature("", stem));
    }
    break;
  }
  it.next_step = OpensWithNextStep(d.sentences[m.sentence].text);
  it.precision = static_cast<int8_t>(m.date.year != 0 ? PrecisionRank(m.date) : 0);
  it.own = m.own_date;
  return it;
}

// The record of mention mi of d, written to the spill; *it learns where it
// is, and how far before it its sentence is.
void TimelineBuilder::State::MakeRecord(const DocumentAnalysis& d, size_t mi, Item* it) {
  const auto& m = d.mentions[mi];
  const auto& sentence = d.sentences[m.sentence];
  RecordHead h;
  h.sentence = static_cast<uint32_t>(m.sentence);
  // A sentence of several mentions is kept once.
  SpillRef& kept = sentence_refs[m.sentence];
  if (kept.offset == kNotKept) kept = spill->Append(sentence.text);
  h.sentence_offset = kept.offset;
  h.sentence_size = kept.size;
  h.cls = static_cast<uint8_t>(m.cls);
  h.hedge = static_cast<uint8_t>(m.hedge);
  h.own_date = m.own_date ? 1 : 0;
  h.has_timex = m.timex >= 0 ? 1 : 0;
  h.year = m.date.year;
  h.month = m.date.month;
  h.day = m.date.day;
  const std::string_view body(d.doc.body);
  const std::string_view clause = body.substr(m.clause_start, m.clause_end - m.clause_start);
  // The clause is part of its sentence (kept already) unless the analysis
  // says otherwise.
  const std::string_view sentence_text(sentence.text);
  SpillRef clause_text;
  if (m.clause_start >= sentence.start && m.clause_end <= sentence.end &&
      m.clause_end - sentence.start <= sentence_text.size() &&
      sentence_text.substr(m.clause_start - sentence.start, clause.size()) == clause) {
    clause_text = {kept.offset + (m.clause_start - sentence.start), static_cast<uint32_t>(clause.size())};
  } else {
    clause_text = spill->Append(clause);
  }
  h.clause_offset = clause_text.offset;
  h.clause_size = clause_text.size;
  if (m.timex >= 0) {
    const auto& t = d.timexes[static_cast<size_t>(m.timex)];
    h.timex = names.Id(t.text);
    h.timex_value = names.Id(t.value);
    if (t.start >= sentence.start && t.end <= sentence.end) {
      h.timex_in_sentence = 1;
      h.timex_begin = static_cast<uint32_t>(t.start - sentence.start);
      h.timex_end = static_cast<uint32_t>(t.end - sentence.start);
    }
  }
  h.trigger = names.Id(m.trigger);
  h.attributed_to = names.Id(m.attributed_to);
  // (An analysis gives a mention a few actors, numbers and cues; more than
  // 65,535 of one would be cut.)
  h.actors = static_cast<uint16_t>(std::min<size_t>(m.actors.size(), UINT16_MAX));
  h.numbers = static_cast<uint16_t>(std::min<size_t>(m.numbers.size(), UINT16_MAX));
  h.cues = static_cast<uint16_t>(std::min<size_t>(m.cues.size(), UINT16_MAX));
  record_bytes.clear();
  AppendPod(h, &record_bytes);
  for (size_t k = 0; k < h.actors; ++k) {
    const auto& ra = m.actors[k];
    AppendPod(ActorRow{names.Id(ra.actor.name), names.Id(ra.actor.country), names.Id(ra.role),
                       static_cast<uint8_t>(ra.actor.type)},
              &record_bytes);
  }
  for (size_t k = 0; k < h.numbers; ++k) {
    const auto& q = m.numbers[k];
    AppendPod(NumberRow{q.value, names.Id(q.what), names.Id(q.noun)}, &record_bytes);
  }
  for (size_t k = 0; k < h.cues; ++k) {
    const auto& c = m.cues[k];
    AppendPod(CueRow{names.Id(c.kind), names.Id(c.value), names.Id(c.text)}, &record_bytes);
  }
  it->record = spill->Append(record_bytes);
  const uint64_t back = it->record.offset - kept.offset;
  it->sentence_back = back <= kNearSentence ? static_cast<uint32_t>(back) : kFarSentence;
}

void TimelineBuilder::Add(const DocumentAnalysis& d) {
  State& st = *state_;
  const size_t di = st.tl.documents.size();
  TimelineDocument td;
  td.id = d.id;
  td.path = d.doc.path;
  td.title = d.doc.title.value_or("");
  // Without metadata, an article's opening heading line is its title.
  if (td.title.empty() && !d.sentences.empty()) {
    const auto& first = d.sentences[0];
    const std::string_view body(d.doc.body);
    const bool own_line = first.end >= body.size() || body[first.end] == '\n' || body[first.end] == '\r';
    const size_t words = static_cast<size_t>(std::count(first.text.begin(), first.text.end(), ' ')) + 1;
    if (first.heading || (own_line && words <= 16 && !first.text.empty() && first.text.back() == '?')) {
      td.title = first.text;
    }
  }
  td.source = d.doc.source.value_or("");
  td.url = d.doc.url.value_or("");
  if (d.dct.date.year != 0) {
    td.published = d.dct.date.Iso();
    td.published_precision = d.dct.date.Precision();
  }
  td.published_inferred = d.dct.inferred;
  st.tl.documents.push_back(std::move(td));

  int64_t limit = INT64_MAX;
  if (d.dct.date.year != 0) {
    limit = time::cal::DaysFromCivil(d.dct.date.year, std::max(1, d.dct.date.month), std::max(1, d.dct.date.day));
    // An inferred date is the latest day the text names: the article may be
    // some weeks younger, and its undated sentences may tell those weeks.
    if (d.dct.inferred) limit += kInferredDateSlack;
  }
  st.limits.push_back(limit);
  // Actor centrality: in how many documents an actor appears.
  {
    std::set<std::string_view> named;
    for (const auto& am : d.actors) named.insert(am.actor.name);
    for (const auto name : named) ++st.actor_docs[std::string(name)];
  }

  st.sentence_refs.assign(d.sentences.size(), SpillRef{State::kNotKept, 0});
  for (size_t mi = 0; mi < d.mentions.size(); ++mi) {
    const auto& m = d.mentions[mi];
    Item it = st.MakeItem(d, di, mi);
    ++st.clauses;
    for (const auto& [id, v] : it.vec) ++st.df[id];
    const bool undated = !m.in_timeline && (m.excluded == "no date" ||
                                            (m.excluded == "present state" && m.date.year != 0));
    if (!m.in_timeline && !undated) continue;
    it.vec.shrink_to_fit();
    st.MakeRecord(d, mi, &it);
    const size_t start = d.sentences[m.sentence].start;
    const size_t nl = start == 0 ? std::string::npos : d.doc.body.rfind('\n', start - 1);
    it.paragraph = nl == std::string::npos ? uint64_t{0} : nl + 1;
    if (m.in_timeline) {
      st.items.push_back(std::move(it));
    } else {
      // (A dated present state, "the 2021 declaration is becoming the
      // framework", names a happening it does not tell: it may join that
      // happening's event as one more source, but makes none.)
      st.undated.push_back(std::move(it));
    }
  }
}

Timeline BuildTimeline(const std::vector<DocumentAnalysis>& docs) {
  TimelineBuilder builder;
  for (const auto& d : docs) builder.Add(d);
  return builder.Finish();
}

Timeline TimelineBuilder::Finish() {
  State& st = *state_;
  // With CHRONICLE_TIMING set, the seconds each step of the merge took, on stderr.
  const bool timing = std::getenv("CHRONICLE_TIMING") != nullptr;
  auto step_start = std::chrono::steady_clock::now();
  auto step = [&](const char* what) {
    if (!timing) return;
    const auto now = std::chrono::steady_clock::now();
    std::fprintf(stderr, "timing: merge: %s %.3f s, %s MB resident\n", what,
                 std::chrono::duration<double>(now - step_start).count(), util::ResidentMegabytes().c_str());
    step_start = now;
  };
  Timeline tl = std::move(st.tl);
  const size_t doc_count = tl.documents.size();
  auto& items_added = st.items;
  auto& undated = st.undated;
  const auto& df = st.df;
  const size_t clauses = st.clauses;
  // Each vector's raw weights become tf-idf weights.
  std::vector<double> idf(df.size());
  for (size_t id = 0; id < df.size(); ++id) {
    // (A feature met only as a named happening's key is in no vector.)
    idf[id] = df[id] == 0 ? 0.0 : std::log(1.0 + static_cast<double>(clauses) / static_cast<double>(df[id]));
  }
  auto weigh = [&](Item& it) {
    double n2 = 0;
    for (auto& [id, v] : it.vec) {
      v = (v >= 1.0 ? 1.0 + std::log(v) : v) * idf[id];
      n2 += v * v;
    }
    it.norm = std::sqrt(n2);
    uint64_t h = 1469598103934665603ull;
    auto mix = [&](uint64_t v) { h = (h ^ v) * 1099511628211ull; };
    for (const auto& [id, v] : it.vec) {
      uint64_t bits = 0;
      std::memcpy(&bits, &v, sizeof bits);
      mix(id);
      mix(bits);
    }
    mix(static_cast<uint64_t>(it.day_lo));
    mix(static_cast<uint64_t>(it.cls));
    mix(static_cast<uint64_t>(it.precision) * 2 + (it.own ? 1 : 0));
    it.shape = h;
  };
  for (auto& it : items_added) weigh(it);
  for (auto& it : undated) weigh(it);
  step("weights");
  // Items SameShape() finds alike get one shape id, found here once per item
  // rather than by comparing whole vectors in every RepeatFilter check (a
  // corpus with copies of one article spent 3% of the build there).
  // The items are sorted by shape hash into a flat array (a hash map of
  // lists here held 120 MB on 100,000 articles); among items of one hash,
  // each takes the shape of the first earlier item SameShape() finds alike,
  // and ids are given in input order.
  {
    const size_t n = items_added.size();
    auto item_at = [&](size_t g) -> Item& { return g < n ? items_added[g] : undated[g - n]; };
    std::vector<std::pair<uint64_t, uint32_t>> by_shape;  // (hash, item), items then undated
    by_shape.reserve(n + undated.size());
    for (size_t g = 0; g < n + undated.size(); ++g) by_shape.emplace_back(item_at(g).shape, static_cast<uint32_t>(g));
    std::sort(by_shape.begin(), by_shape.end());
    // first[g]: the first item of g's shape (g itself for a new one).
    std::vector<uint32_t> first(by_shape.size());
    std::vector<uint32_t> kinds;  // the first items of the shapes of one hash
    for (size_t a = 0; a < by_shape.size();) {
      size_t b = a;
      while (b < by_shape.size() && by_shape[b].first == by_shape[a].first) ++b;
      kinds.clear();
      for (size_t k = a; k < b; ++k) {
        const uint32_t g = by_shape[k].second;
        first[g] = g;
        for (const uint32_t kind : kinds) {
          if (SameShape(item_at(kind), item_at(g))) {
            first[g] = kind;
            break;
          }
        }
        if (first[g] == g) kinds.push_back(g);
      }
      a = b;
    }
    uint32_t next_shape = 0;
    for (size_t g = 0; g < first.size(); ++g) {
      Item& it = item_at(g);
      it.shape_id = first[g] == g ? next_shape++ : item_at(first[g]).shape_id;
    }
  }
  step("shapes");
  // Features shared by many clauses ("Russia", "Azerbaijan") do not point
  // at candidate events; the rest index the events they occur in.
  const double common = std::max(64.0, 0.05 * static_cast<double>(clauses));
  auto indexable = [&](uint32_t id) { return static_cast<double>(df[id]) <= common; };
  // Candidate events of an item: those sharing an indexed feature with one
  // of their first members, and those with a member from the same document.
  // An entry of a feature's index: the event, and its date range when the
  // entry was made. Ranges only narrow as members join, so an entry whose
  // range misses the dates a search may accept names an event the search
  // would turn down: it is passed over without reading the event's slot
  // (at 20,000 articles 83% of the events the search met were turned down
  // for their dates, each a cache miss).
  struct IndexEntry {
    int64_t lo = 0, hi = 0;
    uint32_t c = 0;
  };
  std::vector<std::vector<IndexEntry>> feature_clusters(idf.size());
  std::vector<std::vector<uint32_t>> doc_clusters(doc_count);
  // Per event, what the search for candidates reads of it, in one place:
  // the search visits some 1,400 index entries per mention, and with these
  // in three arrays each entry cost three cache misses on a large corpus.
  struct Slot {
    int64_t lo = 0, hi = 0;  // intersection of the members' own date ranges
    double score = 0;        // tf-idf weight shared with the item searched for
    uint32_t mark = 0;       // == stamp: seen by the current search
  };
  std::vector<Slot> slots;
  uint32_t stamp = 0;
  // Bounds that keep merging linear on a large corpus of one story, where
  // most features are shared by thousands of events: a feature points at
  // its kRecent latest events only (items come in date order, so those are
  // the events near the item's date), and an item is compared with the
  // kCandidates events that share the most tf-idf weight with it (and every
  // event of its own document). A small corpus never reaches either bound.
  constexpr size_t kRecent = 256;
  constexpr size_t kCandidates = 64;
  std::vector<Cluster> clusters;
  auto index_member = [&](const Item& it, uint32_t c) {
    AddToBound(it, &clusters[c].bound);
    for (const auto& [id, w] : it.vec) {
      if (!indexable(id)) continue;
      auto& list = feature_clusters[id];
      if (!list.empty() && list.back().c == c) continue;
      list.push_back({slots[c].lo, slots[c].hi, c});
      if (list.size() >= 2 * kRecent) list.erase(list.begin(), list.begin() + static_cast<std::ptrdiff_t>(kRecent));
    }
    auto& dl = doc_clusters[it.doc];
    if (dl.empty() || dl.back() != c) dl.push_back(c);
  };
  // Candidate events of `it` that pass keep(c), in increasing order. keep(c)
  // may pass only events whose date range meets [from, to].
  auto candidates = [&](const Item& it, std::vector<uint32_t>* out, int64_t from, int64_t to, auto keep) {
    ++stamp;
    out->clear();
    for (const auto& [id, w] : it.vec) {
      if (!indexable(id)) continue;
      const auto& list = feature_clusters[id];
      for (size_t k = list.size() > kRecent ? list.size() - kRecent : 0; k < list.size(); ++k) {
        if (list[k].hi < from || list[k].lo > to) continue;
        const uint32_t c = list[k].c;
        if (slots[c].mark != stamp) {
          slots[c].mark = stamp;
          slots[c].score = 0;
          if (!keep(c)) {
            slots[c].score = -1;  // seen and left out
            continue;
          }
          out->push_back(c);
        }
        if (slots[c].score >= 0) slots[c].score += w;
      }
    }
    if (out->size() > kCandidates) {
      std::nth_element(out->begin(), out->begin() + kCandidates, out->end(), [&](uint32_t a, uint32_t b) {
        return slots[a].score != slots[b].score ? slots[a].score > slots[b].score : a < b;
      });
      out->resize(kCandidates);
    }
    for (uint32_t c : doc_clusters[it.doc]) {
      if (slots[c].mark != stamp) {
        // (Its score is set too: an event the document names twice is met
        // twice here, and the second time must see it turned down.)
        slots[c].mark = stamp;
        if (keep(c)) {
          slots[c].score = 0;
          out->push_back(c);
        } else {
          slots[c].score = -1;
        }
      } else if (slots[c].score >= 0 &&
                 std::find(out->begin(), out->end(), c) == out->end()) {
        out->push_back(c);
      }
    }
    std::sort(out->begin(), out->end());
    out->erase(std::unique(out->begin(), out->end()), out->end());
  };
  std::vector<uint32_t> cand;

  // Greedy clustering, precise dates first.
  // The items are put in that order where they are (moved along the cycles
  // of the permutation: a second array of them was a sixth of the peak
  // memory on 100,000 articles), and each vector is then copied afresh in
  // that order, so that the members of an event (items of nearby dates) lie
  // near each other in memory.
  auto& items = items_added;
  {
    // Own dates first, then by precision, then by day; in input order among
    // equals. The keys are copied out of the items so that the sort reads a
    // flat array (comparing through the deque cost as much as the rest of
    // the ordering on 100,000 articles).
    struct Key {
      bool borrowed;       // !own
      int coarseness;      // -precision
      int64_t day;
      size_t index;
      bool operator<(const Key& o) const {
        return std::tie(borrowed, coarseness, day, index) < std::tie(o.borrowed, o.coarseness, o.day, o.index);
      }
    };
    std::vector<Key> order;
    order.reserve(items.size());
    for (size_t i = 0; i < items.size(); ++i) {
      const Item& it = items[i];
      order.push_back({!it.own, -it.precision, it.day_lo, i});
    }
    std::sort(order.begin(), order.end());
    // Position j takes the item at order[j].index; a position filled has
    // its index set to itself.
    for (size_t start = 0; start < order.size(); ++start) {
      if (order[start].index == start) continue;
      Item held = std::move(items[start]);
      size_t j = start;
      for (;;) {
        const size_t from = order[j].index;
        order[j].index = j;
        if (from == start) {
          items[j] = std::move(held);
          break;
        }
        items[j] = std::move(items[from]);
        j = from;
      }
    }
    for (auto& it : items) it.vec = std::vector<std::pair<uint32_t, double>>(it.vec);
  }
  step("order");
  constexpr double kJoin = 0.30;
  constexpr double kAttach = 0.34;
  constexpr double kAttachStatement = 0.4;
  constexpr double kContinue = 0.10;
  constexpr double kClash = 0.6;  // cosine for one happening told on different days
  constexpr int64_t kClashDays = 10;
  // An item is compared with the first members of an event only (the most
  // precisely dated ones): enough to recognise it, and it keeps merging
  // linear in the corpus for a given number of events.
  constexpr size_t kCompared = 16;
  constexpr double kSettled = 0.95;  // a member this similar settles the comparison with its event
  Probe probe;
  probe.dense.assign(df.size(), 0.0);
  auto similarity = [&](const Item& a, const Item& b) {
    double s = Cosine(a, b, &probe);
    const bool same_day = a.own && b.own && a.precision == 3 && b.precision == 3 && a.day_lo == b.day_lo;
    if (a.cls == b.cls) {
      s += same_day ? 0.12 : 0.06;
    } else if (same_day && RelatedClasses(a.cls, b.cls)) {
      s += 0.08;
    }
    if (same_day) s += 0.08;
    // Two sources naming the same happening by a noun and the same date
    // ("the 2020 Nagorno-Karabakh war", "the 44-day war ... in 2020").
    if (a.named != 0 && a.named == b.named && a.doc != b.doc && a.own && b.own && a.precision < 3 &&
        a.precision == b.precision && a.day_lo == b.day_lo && a.day_hi == b.day_hi) {
      s += 0.2;
    }
    // One article telling one happening in two places on the same day.
    if (same_day && a.doc == b.doc && RelatedClasses(a.cls, b.cls)) s += 0.1;
    if (a.doc == b.doc && a.sentence == b.sentence) s += 0.15;
    // A clause that took its date from the one before it in the paragraph
    // tells more of that happening.
    // Unless it opens with a step of the story ("In response", "Immediately
    // afterwards"): then it tells the next happening.
    if (a.doc == b.doc && a.timex >= 0 && a.timex == b.timex && (!a.own || !b.own)) {
      const Item& inherited = a.own ? b : a;
      if (!inherited.next_step) {
        s += 0.3;
      } else if (a.cls != b.cls) {
        s -= 0.15;  // "In response, Belarus closed the border": a new happening
      }
    }
    // Different named bodies or people acted on: different happenings
    // ("the closure of the Russian House" / "the closure of Sputnik").
    if (DisjointTargets(a, b) || DifferentParticipants(a, b)) s -= 0.2;
    return s;
  };
  // The candidates of an item are visited in decreasing order of a bound on
  // their similarity with it (the cosine bound of the event plus the largest
  // bonus possible; no bound for events with a member of the item's own
  // document, where the bonuses are larger): once a bound cannot beat the
  // best similarity found, no later candidate can. The choice is the one of
  // a visit in event order (the highest similarity, the lowest event number
  // among equals), found with fewer comparisons.
  struct Ranked {
    double bound = 0;
    uint32_t c = 0;
    bool near_day = false;
  };
  std::vector<Ranked> ranked;
  auto similarity_bound = [&](const Item& it, uint32_t c, double bonus) {
    const auto& own = doc_clusters[it.doc];
    if (std::find(own.begin(), own.end(), c) != own.end()) return std::numeric_limits<double>::infinity();
    const double cosine = it.norm == 0 ? 0.0 : probe.Dot(clusters[c].bound) / it.norm;
    return cosine + bonus + 1e-9;  // the margin covers rounding
  };
  auto rank = [&] {
    std::sort(ranked.begin(), ranked.end(),
              [](const Ranked& a, const Ranked& b) { return a.bound != b.bound ? a.bound > b.bound : a.c < b.c; });
  };
  auto cannot_win = [](const Ranked& r, double best_sim, int best) {
    return r.bound < best_sim || (r.bound == best_sim && (best < 0 || r.c > static_cast<uint32_t>(best)));
  };
  auto wins = [](double sim, uint32_t c, double best_sim, int best) {
    return sim > best_sim || (sim == best_sim && best >= 0 && c < static_cast<uint32_t>(best));
  };
  // The largest bonus similarity() gives two items of different documents
  // (the same class on the same day, 0.12 + 0.08; or the same class and a
  // happening named by the same noun and date, 0.06 + 0.2).
  constexpr double kMaxBonus = 0.26;
  for (size_t idx = 0; idx < items.size(); ++idx) {
    const Item& it = items[idx];
    int64_t lo = it.day_lo, hi = it.day_hi;
    if (!it.own && it.precision == 3) hi += 7;  // an inherited day: a follow-up within the week
    int best = -1;
    double best_sim = kJoin;
    bool clash = false;
    probe.Set(it);
    // (A day ten days away may be a clash: see near_day below.)
    candidates(it, &cand, SaturatingAdd(lo, -kClashDays), SaturatingAdd(hi, kClashDays), [&](uint32_t c) {
      return Overlaps(lo, hi, slots[c].lo, slots[c].hi) ||
             (it.own && it.precision == 3 && slots[c].hi - slots[c].lo == 0 &&
              std::llabs(slots[c].lo - lo) <= kClashDays);
    });
    ranked.clear();
    for (uint32_t c : cand) {
      const bool overlap = Overlaps(lo, hi, slots[c].lo, slots[c].hi);
      // Two sources telling the same happening with days a little apart: one
      // event, with a date conflict. Only for nearly the same words.
      const bool near_day = !overlap && it.own && it.precision == 3 && slots[c].hi - slots[c].lo == 0 &&
                            std::llabs(slots[c].lo - lo) <= kClashDays;
      if (!overlap && !near_day) continue;
      const double bound = similarity_bound(it, c, near_day ? 0.0 : kMaxBonus);
      if (near_day && bound < kClash) continue;
      ranked.push_back({bound, c, near_day});
    }
    rank();
    for (const auto& r : ranked) {
      if (cannot_win(r, best_sim, best)) break;
      const uint32_t c = r.c;
      const bool near_day = r.near_day;
      double sim = 0;
      // Single link over the first members; a near copy settles it.
      RepeatFilter repeats;
      for (size_t k = 0; k < clusters[c].items.size() && k < kCompared && sim < kSettled; ++k) {
        const Item& other = items[clusters[c].items[k]];
        if (repeats.Seen(it, other)) continue;
        sim = std::max(sim, near_day ? (other.doc != it.doc ? Cosine(it, other, &probe) : 0.0) : similarity(it, other));
      }
      if (near_day && sim < kClash) continue;
      if (wins(sim, c, best_sim, best)) {
        best_sim = sim;
        best = static_cast<int>(c);
        clash = near_day;
      }
    }
    if (best < 0) {
      clusters.push_back({{idx}, {}});
      slots.push_back({lo, hi});
      index_member(it, static_cast<uint32_t>(clusters.size() - 1));
    } else {
      auto& c = clusters[static_cast<size_t>(best)];
      c.items.push_back(idx);
      if (c.items.size() <= kCompared) index_member(it, static_cast<uint32_t>(best));
      if (it.own && !clash) {
        auto& span = slots[static_cast<size_t>(best)];
        span.lo = std::max(span.lo, lo);
        span.hi = std::min(span.hi, hi);
      }
    }
  }

  step("clustering");
  // A second look at the day-dated events told by one document: an item is
  // compared with the members an event had when it came, so an event whose
  // first item came before the members it shares most with had joined
  // another event of the same day stays apart ("Three days earlier, special
  // forces burst into houses" before "a raid carried out by security
  // officers" joined "officers of the FSB carried out raids"). Such an event
  // joins the event of the same day whose members of other documents are
  // the most similar to its first item, when that passes kJoin.
  for (size_t c = 0; c < clusters.size(); ++c) {
    if (clusters[c].items.empty() || slots[c].lo != slots[c].hi) continue;
    const Item& seed = items[clusters[c].items.front()];
    if (!seed.own || seed.precision != 3) continue;
    const bool one_document = std::all_of(clusters[c].items.begin(), clusters[c].items.end(),
                                          [&](size_t j) { return items[j].doc == seed.doc; });
    if (!one_document) continue;
    probe.Set(seed);
    candidates(seed, &cand, slots[c].lo, slots[c].hi, [&](uint32_t o) {
      return o != c && !clusters[o].items.empty() && slots[o].lo == slots[c].lo && slots[o].hi == slots[c].hi;
    });
    int best = -1;
    double best_sim = kJoin;
    for (uint32_t o : cand) {
      double sim = 0;
      for (size_t k = 0; k < clusters[o].items.size() && k < kCompared; ++k) {
        const Item& other = items[clusters[o].items[k]];
        if (other.doc != seed.doc) sim = std::max(sim, similarity(seed, other));
      }
      if (wins(sim, o, best_sim, best)) {
        best_sim = sim;
        best = static_cast<int>(o);
      }
    }
    if (best < 0) continue;
    auto& into = clusters[static_cast<size_t>(best)];
    std::vector<size_t> moved;
    moved.swap(clusters[c].items);
    for (const size_t j : moved) {
      into.items.insert(std::upper_bound(into.items.begin(), into.items.end(), j), j);
      index_member(items[j], static_cast<uint32_t>(best));
    }
  }

  step("second look");
  // Undated mentions that clearly describe an event join it; the undated
  // sentences that follow one in its paragraph go on telling the same
  // happening and join it on weaker evidence.
  std::vector<std::vector<const Item*>> attached(clusters.size());
  auto paragraph_of = [&](const Item& it) { return it.paragraph; };
  int previous_cluster = -1;
  const Item* previous = nullptr;
  for (const auto& u : undated) {
    const int64_t limit = st.limits[u.doc];
    const bool continues = !u.own && previous != nullptr && previous->doc == u.doc && previous_cluster >= 0 &&
                           paragraph_of(*previous) == paragraph_of(u) && u.sentence <= previous->sentence + 2;
    int best = -1;
    // An undated statement ("Barrack floated a proposal: ...") joins only an
    // event it is clearly like: sayings are many and alike. (0.4: on the seeds
    // and examples/ any value from kAttach to 0.42 gives the same timeline.)
    const bool statement = !u.own && u.cls == events::EventClass::kStatement;
    double best_sim = statement ? kAttachStatement : kAttach;
    probe.Set(u);
    // A dated present state joins only an event its date overlaps.
    auto allowed = [&](uint32_t c) {
      return slots[c].lo <= limit && (!u.own || Overlaps(u.day_lo, u.day_hi, slots[c].lo, slots[c].hi));
    };
    candidates(u, &cand, u.own ? u.day_lo : std::numeric_limits<int64_t>::min(),
               u.own ? std::min(u.day_hi, limit) : limit, allowed);
    if (continues && std::find(cand.begin(), cand.end(), static_cast<uint32_t>(previous_cluster)) == cand.end()) {
      cand.insert(std::upper_bound(cand.begin(), cand.end(), static_cast<uint32_t>(previous_cluster)),
                  static_cast<uint32_t>(previous_cluster));
    }
    ranked.clear();
    for (uint32_t c : cand) {
      if (!allowed(c)) continue;
      const bool previous_event = continues && static_cast<int>(c) == previous_cluster;
      // An undated item has no day: of the bonuses only that of the same
      // class; a dated one (never day-precise here) may also name the
      // happening, so any bonus of two documents' items may apply.
      ranked.push_back(
          {previous_event ? std::numeric_limits<double>::infinity() : similarity_bound(u, c, u.own ? kMaxBonus : 0.06),
           c});
    }
    rank();
    for (const auto& r : ranked) {
      if (cannot_win(r, best_sim, best)) break;
      const uint32_t c = r.c;
      double sim = 0;
      RepeatFilter repeats;
      for (size_t k = 0; k < clusters[c].items.size() && k < kCompared && sim < kSettled; ++k) {
        const Item& other = items[clusters[c].items[k]];
        if (repeats.Seen(u, other)) continue;
        sim = std::max(sim, similarity(u, other));
      }
      if (continues && static_cast<int>(c) == previous_cluster) sim += kAttach - kContinue;
      if (wins(sim, c, best_sim, best)) {
        best_sim = sim;
        best = static_cast<int>(c);
      }
    }
    if (best >= 0) {
      attached[static_cast<size_t>(best)].push_back(&u);
      if (!u.own) {
        previous = &u;
        previous_cluster = best;
      }
    } else if (!continues && !u.own) {
      previous = nullptr;
      previous_cluster = -1;
    }
  }

  step("undated mentions");
  // The vectors, the feature index and the bounds are not needed to build
  // the events: freed now, before the events are made (on a large corpus they
  // are several hundred bytes per mention).
  for (auto& it : items) std::vector<std::pair<uint32_t, double>>().swap(it.vec);
  for (auto& it : undated) std::vector<std::pair<uint32_t, double>>().swap(it.vec);
  for (auto& c : clusters) std::vector<std::pair<uint32_t, double>>().swap(c.bound);
  std::vector<std::vector<IndexEntry>>().swap(feature_clusters);
  std::vector<double>().swap(probe.dense);

  // Actor centrality: in how many documents an actor appears.
  auto actor_doc_count = [&](const std::string& name) -> size_t {
    const auto it = st.actor_docs.find(name);
    return it == st.actor_docs.end() ? 0 : it->second;
  };

  // Each event's mentions, with their sentences read back from the spill,
  // are found its conflicts (which quote the sentences); then the mentions
  // and the conflicts' claims go to the spill, event by event, and the event
  // and its conflicts keep where they are.
  Spill& spill = *st.spill;
  struct Built {
    Event event;
    int64_t sort_day = 0;
    std::vector<Conflict> conflicts;  // ids and event not set yet
  };
  std::vector<Built> built;
  std::string encoded;
  std::vector<MentionFacts> facts;
  std::vector<MentionEvidence> evidence;
  std::vector<EventMentionRef> scratch;
  RecordLoader records(spill, st.names);
  std::unordered_map<const Item*, size_t> record_of;
  // Per document, the last event it was found a source of.
  std::vector<uint32_t> source_seen(doc_count, 0);
  uint32_t source_stamp = 0;
  for (size_t c = 0; c < clusters.size(); ++c) {
    if (clusters[c].items.empty()) continue;  // joined another event on the second look
    Built b;
    Event& e = b.event;
    std::vector<const Item*> members;
    for (size_t j : clusters[c].items) members.push_back(&items[j]);
    // Most precise own date.
    const Item* date_item = nullptr;
    for (const Item* it : members) {
      if (!it->own) continue;
      if (date_item == nullptr || it->precision > date_item->precision ||
          (it->precision == date_item->precision &&
           it->day_hi - it->day_lo < date_item->day_hi - date_item->day_lo)) {
        date_item = it;
      }
    }
    if (date_item == nullptr) date_item = members.front();

    std::vector<const Item*> all = members;
    for (const Item* u : attached[c]) all.push_back(u);
    std::stable_sort(all.begin(), all.end(), [](const Item* a, const Item* b2) {
      if (a->doc != b2->doc) return a->doc < b2->doc;
      return a->mention < b2->mention;
    });
    // The records of all its mentions, read back from the spill.
    record_of.clear();
    for (size_t k = 0; k < all.size(); ++k) record_of.emplace(all[k], k);
    records.Load(all);
    auto record = [&](const Item* it) -> const Record& { return records[record_of.at(it)]; };
    e.date = record(date_item).facts.date.Iso();
    e.precision = record(date_item).facts.date.Precision();
    b.sort_day = date_item->day_lo;
    std::map<std::string, int> class_votes;
    std::map<std::pair<std::string, std::string>, std::pair<actors::ActorType, int>> actor_roles;
    // The event's mentions are made in `scratch`, whose strings keep their
    // room from one event to the next (making them afresh for every mention
    // was a third of this loop's time on 20,000 articles, in malloc), and
    // spilled from there. (Sized first: the facts quote the sentences.)
    if (scratch.size() < all.size()) scratch.resize(all.size());
    ++source_stamp;
    facts.clear();
    facts.reserve(all.size());
    evidence.clear();
    for (size_t k = 0; k < all.size(); ++k) {
      const Item* it = all[k];
      const Record& r = records[k];
      const MentionFacts& m = r.facts;
      const std::string& doc_id = tl.documents[it->doc].id;
      EventMentionRef& ref = scratch[k];
      ref.doc = doc_id;
      ref.sentence.assign(r.sentence_bytes);
      ref.timex_in_sentence = false;
      ref.timex_begin = ref.timex_end = 0;
      if (m.has_timex) {
        ref.timex = r.timex;
        ref.timex_value = r.timex_value;
        if (r.timex_in_sentence) {
          ref.timex_in_sentence = true;
          ref.timex_begin = r.timex_begin;
          ref.timex_end = r.timex_end;
        }
      } else {
        ref.timex.clear();
        ref.timex_value.clear();
      }
      ref.trigger = r.trigger;
      ref.cls = events::ToString(m.cls);
      ref.hedge = events::ToString(m.hedge);
      ref.attributed_to = r.attributed_to;
      ref.sentence_index = static_cast<int64_t>(r.sentence);
      ref.mention_index = static_cast<int64_t>(it->mention);
      facts.push_back(m);
      facts.back().sentence = ref.sentence;
      if (source_seen[it->doc] != source_stamp) {
        source_seen[it->doc] = source_stamp;
        e.sources.push_back(doc_id);
      }
      class_votes[std::string(events::ToString(m.cls))] += it->own ? 2 : 1;
      // The event's actors: those of its dated mentions, and the agents any
      // source names (so that disputed agents are all listed).
      for (const auto& ra : m.actors) {
        if (!it->own && ra.role != "agent") continue;
        auto& slot = actor_roles[{std::string(ra.name), std::string(ra.role)}];
        slot.first = ra.type;
        ++slot.second;
      }
      for (const auto& q : m.numbers) {
        bool dup = false;
        for (const auto& n : e.numbers) {
          if (n.value == q.value && n.what == q.what && n.doc == doc_id) dup = true;
        }
        if (!dup) e.numbers.push_back({q.value, std::string(q.what), doc_id});
      }
      evidence.push_back({it->doc, doc_id, &facts.back()});
    }
    b.conflicts = FindConflicts(evidence);
    e.spilled = SpillRun(spill, std::span<const EventMentionRef>(scratch.data(), all.size()), EncodeMention, &encoded);
    for (auto& conflict : b.conflicts) conflict.spilled = SpillAll(spill, &conflict.claims, EncodeClaim, &encoded);
    int best_votes = -1;
    for (const auto& [cls, votes] : class_votes) {
      if (votes > best_votes) {
        best_votes = votes;
        e.cls = cls;
      }
    }
    // Each actor once, with its most frequent role.
    std::map<std::string, std::pair<std::string, int>> best_role;
    std::map<std::string, actors::ActorType> types;
    for (const auto& [key, val] : actor_roles) {
      auto& br = best_role[key.first];
      if (val.second > br.second) br = {key.second, val.second};
      types[key.first] = val.first;
    }
    // Centrality: the mean share of documents that name the event's three
    // most widely named actors.
    std::vector<double> shares;
    for (const auto& [name, role] : best_role) {
      e.actors.push_back({name, types[name], role.first});
      shares.push_back(static_cast<double>(actor_doc_count(name)) /
                       static_cast<double>(std::max<size_t>(1, doc_count)));
    }
    std::sort(shares.rbegin(), shares.rend());
    double centrality = 0;
    for (size_t k = 0; k < shares.size() && k < 3; ++k) centrality += shares[k] / 3.0;
    // Summary: the clause of the best own-dated mention at the event's precision.
    const Item* summary_item = nullptr;
    double best_quality = -1e9;
    for (const Item* it : members) {
      const auto& m = record(it).facts;
      const double len = static_cast<double>(record(it).clause_text.size);
      double q = (it->own ? 3 : 0) + (it->precision == date_item->precision ? 2 : 0) +
                 (m.hedge == events::Hedge::kAsserted ? 1 : 0) + 0.5 * static_cast<double>(m.actors.size()) -
                 std::abs(len - 160.0) / 80.0;
      if (q > best_quality) {
        best_quality = q;
        summary_item = it;
      }
    }
    {
      std::string s;
      spill.Read(record(summary_item).clause_text, &s);
      while (!s.empty() && (s.back() == ',' || s.back() == ';' || s.back() == ' ')) s.pop_back();
      size_t b0 = 0;
      while (b0 < s.size() && (s[b0] == ',' || s[b0] == ';' || s[b0] == ' ')) ++b0;
      e.summary = s.substr(b0);
    }
    e.score = 2.0 * static_cast<double>(e.sources.size()) + centrality + 0.1 * static_cast<double>(all.size()) +
              (e.precision == "day" ? 0.5 : 0.0);
    built.push_back(std::move(b));
  }

  step("events and conflicts");
  std::stable_sort(built.begin(), built.end(), [](const Built& a, const Built& b) {
    if (a.sort_day != b.sort_day) return a.sort_day < b.sort_day;
    return a.event.score > b.event.score;
  });
  size_t conflict_no = 0;
  for (size_t i = 0; i < built.size(); ++i) {
    Event& e = built[i].event;
    e.id = "e" + std::to_string(i + 1);
    auto& conflicts = built[i].conflicts;
    for (auto& c : conflicts) {
      c.id = "c" + std::to_string(++conflict_no);
      c.event = e.id;
      tl.conflicts.push_back(std::move(c));
    }
    e.disputed = !conflicts.empty();
    tl.events.push_back(std::move(e));
  }
  std::vector<Built>().swap(built);
  if (spill.in_file()) {
    spill.Flush();
    tl.spill = std::move(st.spill);
  } else {
    // In memory, every event's mentions and every conflict's claims are
    // read back into it.
    std::string bytes;
    for (auto& e : tl.events) {
      ReadSpilled(spill, e.spilled, &bytes, &e.mentions);
      e.spilled = {};
    }
    for (auto& c : tl.conflicts) {
      ReadSpilled(spill, c.spilled, &bytes, &c.claims);
      c.spilled = {};
    }
  }
  state_.reset();  // the records, names and spill
  step("order and release");
  return tl;
}

std::vector<size_t> TopEvents(const Timeline& timeline, size_t n) {
  std::vector<size_t> idx(timeline.events.size());
  for (size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::stable_sort(idx.begin(), idx.end(),
                   [&](size_t a, size_t b) { return timeline.events[a].score > timeline.events[b].score; });
  if (idx.size() > n) idx.resize(n);
  std::sort(idx.begin(), idx.end());
  return idx;
}

}  // namespace chronicle::merge
