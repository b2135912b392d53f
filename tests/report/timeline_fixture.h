// Hand-made timelines for the report and store tests: a small realistic one
// (two documents, two events, one conflict) and a hostile one whose every
// string is an injection attempt.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "merge/timeline.h"

namespace chronicle::testing {

// Field-by-field builders, so the fixtures keep compiling when a struct of
// the data model gains a member.
inline merge::EventActor MakeActor(std::string name, actors::ActorType type, std::string role) {
  merge::EventActor a;
  a.name = std::move(name);
  a.type = type;
  a.role = std::move(role);
  return a;
}

inline merge::EventNumber MakeNumber(int64_t value, std::string what, std::string doc) {
  merge::EventNumber n;
  n.value = value;
  n.what = std::move(what);
  n.doc = std::move(doc);
  return n;
}

inline merge::Claim MakeClaim(std::string doc, std::string value, std::string quote) {
  merge::Claim c;
  c.doc = std::move(doc);
  c.value = std::move(value);
  c.quote = std::move(quote);
  return c;
}

inline merge::EventMentionRef MentionWithTimex(std::string doc, std::string sentence, std::string timex,
                                               std::string value) {
  merge::EventMentionRef m;
  m.doc = std::move(doc);
  m.sentence = std::move(sentence);
  m.timex = std::move(timex);
  m.timex_value = std::move(value);
  const size_t at = m.timex.empty() ? std::string::npos : m.sentence.find(m.timex);
  if (at != std::string::npos) {
    m.timex_in_sentence = true;
    m.timex_begin = at;
    m.timex_end = at + m.timex.size();
  }
  return m;
}

// Two documents (one with full metadata, one with an inferred month date and
// no title or URL), two events (a disputed attack on a day, an arrest known to
// the month), one number conflict.
inline merge::Timeline SmallTimeline() {
  merge::Timeline t;
  t.version = "0.0.0-test";

  merge::TimelineDocument d1;
  d1.id = "d1";
  d1.path = "seeds/01_airliner.txt";
  d1.title = "Azerbaijani airliner: what we know";
  d1.source = "Example Analysis";
  d1.url = "https://example.org/airliner";
  d1.published = "2025-07-25";
  d1.published_precision = "day";
  d1.published_inferred = false;
  merge::TimelineDocument d2;
  d2.id = "d2";
  d2.path = "seeds/02_opinion.txt";
  d2.source = "Opinion Daily";
  d2.published = "2025-07";
  d2.published_precision = "month";
  d2.published_inferred = true;
  t.documents = {d1, d2};

  merge::Event e1;
  e1.id = "e1";
  e1.date = "2024-12-25";
  e1.precision = "day";
  e1.summary = "An Azerbaijan Airlines plane was shot down near Grozny on 25 December.";
  e1.cls = "attack";
  e1.actors = {MakeActor("Russia", actors::ActorType::kCountry, "agent"),
               MakeActor("Azerbaijan Airlines", actors::ActorType::kOrganisation, "target")};
  e1.numbers = {MakeNumber(38, "killed", "d1"), MakeNumber(39, "killed", "d2")};
  e1.sources = {"d1", "d2"};
  {
    auto m = MentionWithTimex("d1", e1.summary, "on 25 December", "2024-12-25");
    m.trigger = "shot down";
    m.cls = "attack";
    m.hedge = "asserted";
    e1.mentions.push_back(m);
  }
  {
    // The date comes from an earlier sentence: nothing to mark in this one.
    auto m = MentionWithTimex("d2", "Baku says Moscow’s air defence hit the jet — 39 people died.", "Christmas Day",
                              "2024-12-25");
    m.timex_in_sentence = false;
    m.trigger = "hit";
    m.cls = "attack";
    m.hedge = "reported";
    m.attributed_to = "Baku";
    e1.mentions.push_back(m);
  }
  e1.disputed = true;
  e1.score = 2.5;

  merge::Event e2;
  e2.id = "e2";
  e2.date = "2025-06";
  e2.precision = "month";
  e2.summary = "Police raided the Sputnik Azerbaijan office in Baku.";
  e2.cls = "arrest";
  e2.actors = {MakeActor("Azerbaijan", actors::ActorType::kCountry, "agent"),
               MakeActor("Sputnik Azerbaijan", actors::ActorType::kOrganisation, "target")};
  e2.sources = {"d1"};
  {
    auto m =
        MentionWithTimex("d1", "In late June, police raided the Sputnik Azerbaijan office in Baku, Trend reported.",
                         "In late June", "2025-06");
    m.trigger = "raided";
    m.cls = "arrest";
    m.hedge = "reported";
    m.attributed_to = "Trend";
    e2.mentions.push_back(m);
  }
  e2.score = 1;
  t.events = {e1, e2};

  merge::Conflict c1;
  c1.id = "c1";
  c1.event = "e1";
  c1.kind = "number";
  c1.what = "killed";
  c1.claims = {MakeClaim("d1", "38", "killing 38 of the 67 people on board"), MakeClaim("d2", "39", "39 people died")};
  t.conflicts = {c1};
  return t;
}

inline constexpr const char* kScriptAttack = "<script>alert(1)</script>";
inline constexpr const char* kAttributeAttack = "\"><img src=x onerror=alert(1)>";
inline constexpr const char* kQuoteAttack = "' onmouseover='alert(1)";
// A web URL (so it becomes a link) that tries to break out of the attribute.
inline constexpr const char* kUrlAttack = "https://example.org/?q=\"><svg/onload=alert(1)>";

// Every article-derived string of SmallTimeline replaced by an attack.
inline merge::Timeline HostileTimeline() {
  merge::Timeline t = SmallTimeline();
  const std::string s = kScriptAttack;
  const std::string a = kAttributeAttack;
  const std::string q = kQuoteAttack;
  for (auto& d : t.documents) {
    d.path = a + "/" + s + ".txt";
    d.title = s + a + q;
    d.source = a + s;
    d.url = "javascript:alert(1)//" + a;
  }
  t.documents[1].url = std::string(kUrlAttack);
  for (auto& e : t.events) {
    e.summary = "# " + s + " | `code` " + a + q;
    for (auto& actor : e.actors) actor.name = a + s + q;
    e.actors[1].role = a;
    for (auto& n : e.numbers) n.what = s;
    for (auto& m : e.mentions) {
      m.sentence = "Before " + s + " the date " + a + " after " + q;
      m.timex = a;
      m.timex_value = s;
      m.timex_in_sentence = true;
      m.timex_begin = m.sentence.find(a);
      m.timex_end = m.timex_begin + a.size();
      m.trigger = s;
      m.attributed_to = a;
    }
  }
  // Ids and classes are Chronicle's own, but a bug upstream must not turn
  // them into markup either.
  const std::string d2 = a + "d2";
  t.documents[1].id = d2;
  t.events[1].id = s;
  t.events[1].cls = a;
  for (auto& e : t.events) {
    for (auto& src : e.sources) src = src == "d2" ? d2 : src;
    for (auto& n : e.numbers) n.doc = n.doc == "d2" ? d2 : n.doc;
    for (auto& m : e.mentions) m.doc = m.doc == "d2" ? d2 : m.doc;
  }
  for (auto& c : t.conflicts) {
    c.kind = q;
    for (auto& claim : c.claims) claim.doc = claim.doc == "d2" ? d2 : claim.doc;
    c.what = s + q;
    for (auto& claim : c.claims) {
      claim.value = a;
      claim.quote = s + " | " + q;
    }
  }
  return t;
}

}  // namespace chronicle::testing
