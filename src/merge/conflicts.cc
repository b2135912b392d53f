#include "merge/conflicts.h"

#include <algorithm>
#include <map>
#include <set>

#include "events/lexicon.h"

namespace chronicle::merge {
namespace {

using actors::ActorType;
using events::EventClass;

// An agent that names no one in particular ("the Azerbaijani authorities"):
// a word of its name is a `generic` cue of data/events/cues.txt.
bool IsGeneric(std::string_view name) {
  const auto words = events::TokenizeWords(name);
  const auto& cues = events::EventLexicon::Default().cues;
  for (size_t i = 0; i < words.size(); ++i) {
    size_t last = 0;
    const auto* cue = cues.MatchAt(words, i, &last);
    if (cue != nullptr && cue->kind == "generic") return true;
  }
  return false;
}

int Specificity(const FactActor& a) {
  if (a.type == ActorType::kCountry) return 0;
  if (IsGeneric(a.name)) return 0;
  return a.type == ActorType::kOrganisation ? 2 : 1;
}

std::string_view CountryOf(const FactActor& a) { return a.type == ActorType::kCountry ? a.name : a.country; }

// Whether two agents can be the same doer, from their names, countries and
// specificities (Specificity(a), Specificity(b), computed once by the caller).
bool AgentsAgree(const FactActor& a, int specificity_a, const FactActor& b, int specificity_b) {
  if (a.name == b.name) return true;
  const std::string_view ca = CountryOf(a), cb = CountryOf(b);
  if (!ca.empty() && !cb.empty() && ca != cb) return false;
  if (specificity_a == 0 || specificity_b == 0) return !ca.empty() && ca == cb;
  return false;  // two different specific bodies
}

std::string Quote(const MentionEvidence& ev) { return std::string(ev.mention->sentence); }

bool IsActionClass(EventClass c) {
  return c == EventClass::kAttack || c == EventClass::kArrest || c == EventClass::kPressure;
}

std::string NormaliseNoun(const std::string& n) {
  static const std::map<std::string, std::string> kSame = {{"staff", "employee"},      {"worker", "employee"},
                                                           {"employee", "employee"},   {"correspondent", "journalist"},
                                                           {"reporter", "journalist"}, {"journalist", "journalist"},
                                                           {"man", "person"},          {"people", "person"},
                                                           {"person", "person"}};
  if (auto it = kSame.find(n); it != kSame.end()) return it->second;
  return n;
}

bool NounIsPeople(const std::string& n) {
  static const std::set<std::string> kPeople = {"employee",  "journalist", "brother",  "person",      "citizen",
                                                "national",  "tourist",    "worker",   "businessman", "officer",
                                                "passenger", "soldier",    "civilian", "russian",     "azerbaijani"};
  return kPeople.count(n) != 0;
}

}  // namespace

std::vector<Conflict> FindConflicts(const std::vector<MentionEvidence>& evidence) {
  std::vector<Conflict> out;
  // Conflicts need two sources.
  if (std::all_of(evidence.begin(), evidence.end(),
                  [&](const MentionEvidence& ev) { return ev.doc_index == evidence.front().doc_index; })) {
    return out;
  }

  // Agent.
  {
    // Per document, its most specific agent.
    struct Agent {
      const FactActor* actor = nullptr;
      const MentionEvidence* ev = nullptr;
      int specificity = 0;
    };
    std::map<size_t, Agent> per_doc;
    for (const auto& ev : evidence) {
      if (!IsActionClass(ev.mention->cls)) continue;
      for (const auto& ra : ev.mention->actors) {
        if (ra.role != "agent") continue;
        auto& slot = per_doc[ev.doc_index];
        const int specificity = Specificity(ra);
        if (slot.actor == nullptr || specificity > slot.specificity) slot = {&ra, &ev, specificity};
      }
    }
    // Whether two agents agree depends on their names, countries and
    // specificities only: the documents' agents are compared once per
    // distinct kind (an event told by hundreds of sources names a few), and
    // the first pair that disagrees settles it.
    std::vector<const Agent*> kinds;
    for (const auto& entry : per_doc) {
      // (A named reference, not a structured binding: clang before 16 does
      // not let a lambda capture one.)
      const Agent& slot = entry.second;
      const bool known = std::any_of(kinds.begin(), kinds.end(), [&](const Agent* k) {
        return k->actor->name == slot.actor->name && CountryOf(*k->actor) == CountryOf(*slot.actor) &&
               k->specificity == slot.specificity;
      });
      if (!known) kinds.push_back(&slot);
    }
    bool disagree = false;
    for (size_t a = 0; a < kinds.size() && !disagree; ++a) {
      for (size_t b = a + 1; b < kinds.size() && !disagree; ++b) {
        disagree = !AgentsAgree(*kinds[a]->actor, kinds[a]->specificity, *kinds[b]->actor, kinds[b]->specificity);
      }
    }
    if (disagree) {
      Conflict c;
      c.kind = "agent";
      c.what = "who did it";
      for (const auto& [di, slot] : per_doc)
        c.claims.push_back({std::string(slot.ev->doc), std::string(slot.actor->name), Quote(*slot.ev)});
      out.push_back(std::move(c));
    }
  }

  // Number.
  {
    // (Keyed by views into the facts, which outlive this call.)
    std::map<std::string_view, std::map<size_t, std::pair<int64_t, const MentionEvidence*>>> per_what;
    for (const auto& ev : evidence) {
      for (const auto& q : ev.mention->numbers) {
        auto& slot = per_what[q.what][ev.doc_index];
        if (slot.second == nullptr || q.value > slot.first) slot = {q.value, &ev};
      }
    }
    for (const auto& [what, by_doc] : per_what) {
      if (by_doc.size() < 2) continue;
      std::set<int64_t> values;
      for (const auto& [di, slot] : by_doc) values.insert(slot.first);
      if (values.size() < 2) continue;
      Conflict c;
      c.kind = "number";
      c.what = std::string(what);
      for (const auto& [di, slot] : by_doc)
        c.claims.push_back({std::string(slot.second->doc), std::to_string(slot.first), Quote(*slot.second)});
      out.push_back(std::move(c));
    }
  }

  // Date: own dates of the same precision that differ.
  {
    std::map<size_t, const MentionEvidence*> per_doc;
    for (const auto& ev : evidence) {
      if (!ev.mention->own_date || !ev.mention->has_timex) continue;
      auto& slot = per_doc[ev.doc_index];
      if (slot == nullptr || (ev.mention->date.has_day() && !slot->mention->date.has_day())) slot = &ev;
    }
    std::set<std::string> day_values, month_values;
    for (const auto& [di, ev] : per_doc) {
      const auto& d = ev->mention->date;
      if (d.has_day()) day_values.insert(d.Iso());
      if (d.month != 0) month_values.insert(d.Iso().substr(0, 7));
    }
    if (day_values.size() > 1 || month_values.size() > 1) {
      Conflict c;
      c.kind = "date";
      c.what = "when it happened";
      for (const auto& [di, ev] : per_doc) {
        c.claims.push_back({std::string(ev->doc), ev->mention->date.Iso(), Quote(*ev)});
      }
      out.push_back(std::move(c));
    }
  }

  // Attribute: opposite cue values, counted people, fact vs denial.
  {
    using ByDoc = std::map<size_t, std::pair<std::string, const MentionEvidence*>>;
    std::map<std::string, ByDoc, std::less<>> per_kind;
    // The slot of `kind`, made when first met (a kind met again, the common
    // case on an event of many sources, costs no string).
    auto slots_of = [&](std::string_view kind) -> ByDoc& {
      auto at = per_kind.find(kind);
      if (at == per_kind.end()) at = per_kind.emplace(std::string(kind), ByDoc{}).first;
      return at->second;
    };
    std::string kind_key;
    for (const auto& ev : evidence) {
      for (const auto& cue : ev.mention->cues) {
        if (cue.kind == "framing" || cue.kind == "motive") continue;
        auto& slots = slots_of(cue.kind);
        if (slots.count(ev.doc_index) == 0) {
          slots.try_emplace(ev.doc_index, std::string(cue.value) + ": " + std::string(cue.text), &ev);
        }
      }
      for (const auto& q : ev.mention->numbers) {
        if (q.what == q.noun) continue;
        const std::string noun = NormaliseNoun(std::string(q.noun));
        if (NounIsPeople(noun) && noun != "person") {
          kind_key.assign("who (").append(q.what).append(")");
          slots_of(kind_key).try_emplace(ev.doc_index, noun, &ev);
        }
      }
      const auto h = ev.mention->hedge;
      if (h == events::Hedge::kDenied || h == events::Hedge::kUnverified) {
        per_kind["status"].try_emplace(ev.doc_index, std::string(events::ToString(h)), &ev);
      }
    }
    // Fact: sources that assert an action of the event.
    if (per_kind.count("status") != 0) {
      for (const auto& ev : evidence) {
        if (ev.mention->hedge == events::Hedge::kAsserted && IsActionClass(ev.mention->cls)) {
          per_kind["status"].try_emplace(ev.doc_index, "asserted", &ev);
        }
      }
    }
    for (const auto& [kind, by_doc] : per_kind) {
      if (by_doc.size() < 2) continue;
      std::set<std::string> values;
      for (const auto& [di, slot] : by_doc) values.insert(slot.first.substr(0, slot.first.find(':')));
      if (values.size() < 2) continue;
      Conflict c;
      c.kind = "attribute";
      c.what = kind;
      for (const auto& [di, slot] : by_doc) {
        c.claims.push_back({std::string(slot.second->doc), slot.first, Quote(*slot.second)});
      }
      out.push_back(std::move(c));
    }
  }

  // Framing.
  for (const std::string kind : {"framing", "motive"}) {
    std::map<size_t, std::pair<std::set<std::string>, std::pair<std::string, const MentionEvidence*>>> per_doc;
    for (const auto& ev : evidence) {
      for (const auto& cue : ev.mention->cues) {
        if (cue.kind != kind) continue;
        auto& slot = per_doc[ev.doc_index];
        slot.first.insert(std::string(cue.value));
        // Keep the words of the strongest (loaded/political) cue as the claim.
        const bool strong = cue.value == "loaded" || cue.value == "political";
        if (slot.second.second == nullptr || strong) slot.second = {std::string(cue.text), &ev};
      }
    }
    std::map<size_t, std::string> label;
    std::set<std::string> labels;
    for (const auto& [di, slot] : per_doc) {
      std::string l;
      if (kind == "framing")
        l = slot.first.count("loaded") ? "loaded" : "neutral";
      else
        l = slot.first.count("political") ? "political" : "routine";
      label[di] = l;
      labels.insert(l);
    }
    if (labels.size() < 2) continue;
    Conflict c;
    c.kind = "framing";
    c.what = kind == "framing" ? "wording" : "motive";
    for (const auto& [di, slot] : per_doc) {
      c.claims.push_back(
          {std::string(slot.second.second->doc), label[di] + ": " + slot.second.first, Quote(*slot.second.second)});
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace chronicle::merge
