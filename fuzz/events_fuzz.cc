// Fuzz target for the per-document analysis and the merge: any text in,
// consistent mentions and a consistent timeline out.
//
// The input is repaired to valid UTF-8 (as the reader does with --repair) and
// analysed with a fixed document date; then it is merged with a second copy
// of itself cut in half, so that the cross-document stage sees overlapping
// sources. Checked, aborting on violation:
//   - sentences are in order, inside the body, and their text is the bytes
//     they select; every mention points at an existing sentence, its clause
//     and trigger lie inside that sentence, its timex index is -1 or valid;
//   - every event has a date, at least one source and one mention, each
//     mention's document exists and its sentence is one of that document's
//     sentences; every conflict names an existing event and has two or more
//     claims.
//
// Run it with CHRONICLE_DATA_DIR pointing at a copy of data/ that also holds
// iso-codes/iso_3166-1.json (fuzz/run.sh prepares it).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <set>
#include <string>

#include "events/analysis.h"
#include "merge/timeline.h"
#include "text/utf8.h"

#define FUZZ_CHECK(cond)       \
  do {                         \
    if (!(cond)) std::abort(); \
  } while (0)

namespace {

chronicle::events::DocumentAnalysis Analyse(std::string body, const std::string& id) {
  chronicle::ingest::Document doc;
  doc.path = id + ".txt";
  doc.body = std::move(body);
  auto a = chronicle::events::AnalyseDocument(std::move(doc), chronicle::time::CalendarDate{2025, 7, 20});
  a.id = id;
  const std::string& b = a.doc.body;
  size_t last_end = 0;
  for (const auto& s : a.sentences) {
    FUZZ_CHECK(s.start >= last_end && s.start < s.end && s.end <= b.size());
    FUZZ_CHECK(b.compare(s.start, s.end - s.start, s.text) == 0);
    last_end = s.end;
  }
  for (const auto& m : a.mentions) {
    FUZZ_CHECK(m.sentence < a.sentences.size());
    const auto& s = a.sentences[m.sentence];
    FUZZ_CHECK(m.clause_start >= s.start && m.clause_end <= s.end && m.clause_start <= m.clause_end);
    FUZZ_CHECK(m.trigger_start >= m.clause_start && m.trigger_end <= m.clause_end && m.trigger_start < m.trigger_end);
    FUZZ_CHECK(m.timex >= -1 && m.timex < static_cast<int>(a.timexes.size()));
    FUZZ_CHECK(!m.in_timeline || m.date.year != 0);
  }
  return a;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  size_t replaced = 0;
  const std::string repaired = chronicle::text::RepairUtf8(text, &replaced);
  if (repaired.empty()) return 0;
  std::vector<chronicle::events::DocumentAnalysis> docs;
  docs.push_back(Analyse(repaired, "d1"));
  const std::string half =
      chronicle::text::RepairUtf8(std::string_view(repaired).substr(repaired.size() / 2), &replaced);
  if (!half.empty()) docs.push_back(Analyse(half, "d2"));

  const auto tl = chronicle::merge::BuildTimeline(docs);
  std::set<std::string> doc_ids, event_ids;
  for (const auto& d : tl.documents) doc_ids.insert(d.id);
  for (const auto& e : tl.events) {
    event_ids.insert(e.id);
    FUZZ_CHECK(!e.date.empty() && !e.sources.empty() && !e.mentions.empty());
    for (const auto& m : e.mentions) {
      FUZZ_CHECK(doc_ids.count(m.doc) == 1);
      const auto& d = docs[m.doc == "d1" ? 0 : 1];
      bool found = false;
      for (const auto& s : d.sentences) found = found || s.text == m.sentence;
      FUZZ_CHECK(found);
      if (m.timex_in_sentence) FUZZ_CHECK(m.timex_begin <= m.timex_end && m.timex_end <= m.sentence.size());
    }
  }
  for (const auto& c : tl.conflicts) {
    FUZZ_CHECK(event_ids.count(c.event) == 1);
    FUZZ_CHECK(c.claims.size() >= 2);
  }
  (void)chronicle::merge::TopEvents(tl, 10);
  return 0;
}
