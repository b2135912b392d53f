// timeline.html: one self-contained page. Everything is inline (style and a
// short script) and a Content-Security-Policy forbids the page to fetch
// anything, so it opens offline and cannot leak that it was opened.
//
// Safety rules, since every string but our own labels comes from articles:
// all text and attribute values go through EscapeHtml; links are made only
// from http(s) URLs; the script reads article text only from data-attributes
// through `dataset` and writes only through textContent. The markup is also
// well-formed XML (quoted attributes, self-closed void elements, no named
// entities, script and style free of '<' and '&'), which lets the tests
// parse the page and check every element and attribute in it.
#include <map>
#include <set>
#include <string_view>

#include "report/common.h"
#include "report/escape.h"
#include "report/report.h"

namespace chronicle::report {

namespace {

constexpr std::string_view kStyle = R"css(
:root { --fg: #1d232a; --muted: #5b6570; --bg: #fbfbfa; --card: #ffffff; --line: #d9dde1;
        --accent: #1f5f99; --warn: #a4262c; --mark: #ffe58a; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e4e7ea; --muted: #9aa4ad; --bg: #15191d; --card: #1d2227; --line: #343b42;
          --accent: #7ab3e6; --warn: #ff8a8f; --mark: #6b5a12; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 64rem; padding: 1rem 1.25rem 3rem; background: var(--bg); color: var(--fg);
       font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
[hidden] { display: none !important; }
a { color: var(--accent); }
h1 { margin: 0.5rem 0 0.25rem; font-size: 1.6rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }
h3 { font-size: 1rem; margin: 0.75rem 0 0.25rem; }
.counts, .path, .meta, .muted { color: var(--muted); }
.path { font-size: 0.85rem; word-break: break-all; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid var(--line); padding: 0.35rem 0.5rem; text-align: left; vertical-align: top; }
th { background: var(--card); }
.inferred { font-size: 0.8rem; color: var(--muted); border: 1px solid var(--line); border-radius: 0.6rem;
            padding: 0 0.4rem; }
.key-dates ol { list-style: none; padding: 0; margin: 0; display: flex; gap: 0.5rem; overflow-x: auto; }
.key-dates li { flex: 0 0 15rem; background: var(--card); border: 1px solid var(--line); border-radius: 0.4rem;
                padding: 0.5rem; font-size: 0.9rem; }
.key-dates a { text-decoration: none; color: inherit; display: block; }
.date { font-weight: 600; font-variant-numeric: tabular-nums; }
.filter { margin: 1.5rem 0 0.5rem; display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; }
.day > h3 { font-size: 1.1rem; margin: 1.25rem 0 0.25rem; border-bottom: 2px solid var(--line);
            padding-bottom: 0.2rem; }
h4 { font-size: 0.95rem; margin: 0.6rem 0 0.2rem; font-weight: 600; }
.event { background: var(--card); border: 1px solid var(--line); border-left: 4px solid var(--accent);
         border-radius: 0.4rem; padding: 0.75rem 1rem; margin: 0.75rem 0; }
.event.is-disputed { border-left-color: var(--warn); }
.event-head { display: flex; gap: 0.5rem; align-items: center; flex-wrap: wrap; font-size: 0.9rem; }
.class { text-transform: uppercase; letter-spacing: 0.04em; font-weight: 600; color: var(--muted); }
.badge { border-radius: 0.6rem; padding: 0 0.5rem; font-size: 0.8rem; font-weight: 600; }
.badge.disputed { background: var(--warn); color: var(--card); }
.summary { margin: 0.35rem 0; font-size: 1.05rem; }
.actors, .numbers { list-style: none; padding: 0; margin: 0.25rem 0; display: flex; flex-wrap: wrap; gap: 0.35rem; }
.actors li, .numbers li { border: 1px solid var(--line); border-radius: 0.6rem; padding: 0 0.5rem; font-size: 0.85rem; }
.role { color: var(--muted); }
.conflict { margin: 0.75rem 0; }
.claims caption { text-align: left; font-weight: 600; color: var(--warn); padding-bottom: 0.25rem; }
.evidence summary { cursor: pointer; color: var(--accent); }
blockquote { margin: 0.35rem 0; padding: 0.25rem 0.75rem; border-left: 3px solid var(--line); }
blockquote p { margin: 0; }
mark { background: var(--mark); color: inherit; padding: 0 0.1rem; }
.page-footer { margin-top: 2rem; font-size: 0.85rem; color: var(--muted); }
@media print { .filter { display: none; } .event { break-inside: avoid; } }
)css";

// Hides the events that do not name the chosen actor, and the days and key
// dates left empty; opens the evidence before printing. Names come from data-actor attributes via dataset, so no
// article text is ever part of the script. Kept free of '<' and '&' so the page
// stays well-formed XML.
constexpr std::string_view kScript = R"js(
(function () {
  "use strict";
  // A printed report shows its evidence.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
  var select = document.getElementById("actor-filter");
  var status = document.getElementById("filter-status");
  if (select === null) return;
  var events = Array.prototype.slice.call(document.querySelectorAll("article.event"));
  function names(ev, name) {
    return Array.prototype.some.call(ev.querySelectorAll("[data-actor]"), function (el) {
      return el.dataset.actor === name;
    });
  }
  function apply() {
    var name = select.value;
    var shown = 0;
    events.forEach(function (ev) {
      var keep = name === "" || names(ev, name);
      ev.hidden = !keep;
      if (keep) shown += 1;
    });
    document.querySelectorAll("section.day").forEach(function (day) {
      day.hidden = day.querySelector("article.event:not([hidden])") === null;
    });
    document.querySelectorAll("[data-event]").forEach(function (item) {
      var ev = document.getElementById(item.dataset.event);
      item.hidden = ev !== null ? ev.hidden : false;
    });
    status.textContent = name === "" ? "" : shown + " of " + events.length + " events";
  }
  select.addEventListener("change", apply);
  apply();
})();
)js";

std::string Esc(std::string_view s) { return EscapeHtml(s); }

std::string EventAnchor(const merge::Event& e) { return "event-" + e.id; }

std::string Plural(size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

class HtmlWriter {
 public:
  HtmlWriter(const merge::Timeline& timeline, std::ostream& out)
      : t_(timeline),
        out_(out),
        docs_(internal::DocumentIndex(timeline)),
        by_event_(internal::ConflictsByEvent(timeline)) {}

  void Write(const std::vector<size_t>& top) {
    out_ << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n"
         << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n"
         << "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            "script-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\" />\n"
         << "<meta name=\"generator\" content=\"Chronicle " << Esc(internal::VersionOf(t_)) << "\" />\n"
         << "<title>Chronicle timeline</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n";
    Header();
    KeyDates(top);
    Filter();
    Events();
    out_ << "<footer class=\"page-footer\">Generated by Chronicle " << Esc(internal::VersionOf(t_))
         << ". Every entry quotes the sentences it comes from.</footer>\n";
    out_ << "<script>" << kScript << "</script>\n</body>\n</html>\n";
  }

 private:
  void Header() {
    out_ << "<header>\n<h1>Chronicle timeline</h1>\n<p class=\"counts\">"
         << Plural(t_.documents.size(), "document", "documents") << " · " << Plural(t_.events.size(), "event", "events")
         << " · " << Plural(t_.conflicts.size(), "conflict", "conflicts") << "</p>\n";
    if (t_.documents.empty()) {
      out_ << "</header>\n";
      return;
    }
    out_ << "<table class=\"documents\">\n<thead><tr><th scope=\"col\">id</th><th scope=\"col\">title</th>"
            "<th scope=\"col\">source</th><th scope=\"col\">published</th></tr></thead>\n<tbody>\n";
    for (const auto& d : t_.documents) {
      out_ << "<tr id=\"doc-" << Esc(d.id) << "\"><td>" << Esc(d.id) << "</td><td>";
      const std::string& label = d.title.empty() ? d.path : d.title;
      if (IsWebUrl(d.url)) {
        out_ << "<a href=\"" << Esc(d.url) << "\" rel=\"noopener noreferrer\">" << Esc(label) << "</a>";
      } else {
        out_ << Esc(label);
      }
      if (!d.title.empty()) out_ << "<div class=\"path\">" << Esc(d.path) << "</div>";
      if (!d.url.empty() && !IsWebUrl(d.url)) out_ << "<div class=\"path\">" << Esc(d.url) << "</div>";
      out_ << "</td><td>" << (d.source.empty() ? "<span class=\"muted\">unknown</span>" : Esc(d.source)) << "</td><td>";
      if (d.published.empty()) {
        out_ << "<span class=\"muted\">unknown</span>";
      } else {
        out_ << "<span class=\"date\">" << Esc(d.published) << "</span>";
        if (d.published_inferred) out_ << " <span class=\"inferred\" title=\"inferred from the text\">inferred</span>";
      }
      out_ << "</td></tr>\n";
    }
    out_ << "</tbody>\n</table>\n</header>\n";
  }

  void KeyDates(const std::vector<size_t>& top) {
    out_ << "<nav class=\"key-dates\" aria-label=\"Key dates\">\n<h2>Key dates</h2>\n";
    bool any = false;
    for (const size_t i : top) {
      if (i >= t_.events.size()) continue;
      if (!any) out_ << "<ol>\n";
      any = true;
      const auto& e = t_.events[i];
      out_ << "<li data-event=\"" << Esc(EventAnchor(e)) << "\"><a href=\"#" << Esc(EventAnchor(e))
           << "\"><span class=\"date\">" << Esc(e.date) << "</span> <span class=\"class\">" << Esc(e.cls) << "</span>";
      if (e.disputed) out_ << " <span class=\"badge disputed\">disputed</span>";
      out_ << "<br />" << Esc(e.summary) << "</a></li>\n";
    }
    out_ << (any ? "</ol>\n" : "<p class=\"muted\">No key dates.</p>\n") << "</nav>\n";
  }

  void Filter() {
    // Every actor of the timeline, by name; the label lists its types.
    std::map<std::string, std::set<std::string_view>> actors;
    for (const auto& e : t_.events) {
      for (const auto& a : e.actors) actors[a.name].insert(actors::ToString(a.type));
    }
    if (actors.empty()) return;
    out_ << "<section class=\"filter\">\n<label for=\"actor-filter\">Show events with</label>\n"
         << "<select id=\"actor-filter\">\n<option value=\"\">all actors</option>\n";
    for (const auto& [name, types] : actors) {
      std::string label;
      for (const auto type : types) {
        if (!label.empty()) label.append(", ");
        label.append(type);
      }
      out_ << "<option value=\"" << Esc(name) << "\">" << Esc(name) << " (" << label << ")</option>\n";
    }
    out_ << "</select>\n<span id=\"filter-status\" class=\"muted\" aria-live=\"polite\"></span>\n</section>\n";
  }

  void Events() {
    out_ << "<main>\n<h2>Timeline</h2>\n";
    if (t_.events.empty()) out_ << "<p class=\"muted\">No dated events.</p>\n";
    for (size_t i = 0; i < t_.events.size(); ++i) {
      const auto& e = t_.events[i];
      if (i == 0 || t_.events[i - 1].date != e.date) {
        if (i != 0) out_ << "</section>\n";
        out_ << "<section class=\"day\" data-date=\"" << Esc(e.date) << "\">\n<h3 class=\"date\">" << Esc(e.date)
             << "</h3>\n";
      }
      Event(e);
    }
    if (!t_.events.empty()) out_ << "</section>\n";
    out_ << "</main>\n";
  }

  void Event(const merge::Event& e) {
    out_ << "<article class=\"event" << (e.disputed ? " is-disputed" : "") << "\" id=\"" << Esc(EventAnchor(e))
         << "\">\n<div class=\"event-head\"><span class=\"class\">" << Esc(e.cls) << "</span>";
    if (e.precision != "day") out_ << "<span class=\"muted\">date known to the " << Esc(e.precision) << "</span>";
    if (e.disputed) out_ << "<span class=\"badge disputed\">disputed</span>";
    out_ << "<span class=\"muted\">" << Esc(e.id) << "</span></div>\n";
    out_ << "<p class=\"summary\">" << Esc(e.summary) << "</p>\n";
    if (!e.actors.empty()) {
      out_ << "<ul class=\"actors\">";
      for (const auto& a : e.actors) {
        out_ << "<li data-actor=\"" << Esc(a.name) << "\" title=\"" << actors::ToString(a.type) << "\">" << Esc(a.name)
             << " <span class=\"role\">" << Esc(a.role) << "</span></li>";
      }
      out_ << "</ul>\n";
    }
    if (!e.numbers.empty()) {
      out_ << "<ul class=\"numbers\">";
      for (const auto& n : e.numbers) {
        out_ << "<li>" << n.value << " " << Esc(n.what) << " <span class=\"muted\">(" << Esc(n.doc) << ")</span></li>";
      }
      out_ << "</ul>\n";
    }
    out_ << "<p class=\"sources\">Sources: ";
    for (size_t i = 0; i < e.sources.size(); ++i) {
      if (i != 0) out_ << ", ";
      DocLink(e.sources[i]);
    }
    if (e.sources.empty()) out_ << "none";
    out_ << "</p>\n";
    const auto it = by_event_.find(e.id);
    if (it != by_event_.end()) {
      for (const size_t c : it->second) Conflict(t_.conflicts[c]);
    }
    Evidence(e);
    out_ << "</article>\n";
  }

  void DocLink(const std::string& doc) {
    const auto it = docs_.find(doc);
    out_ << "<a href=\"#doc-" << Esc(doc) << "\"";
    if (it != docs_.end()) {
      const auto& d = t_.documents[it->second];
      const std::string& label = d.title.empty() ? d.path : d.title;
      out_ << " title=\"" << Esc(label) << "\"";
    }
    out_ << ">" << Esc(doc) << "</a>";
  }

  void Conflict(const merge::Conflict& c) {
    out_ << "<section class=\"conflict\" id=\"conflict-" << Esc(c.id) << "\">\n<table class=\"claims\">\n<caption>"
         << "Sources disagree (" << Esc(c.kind) << ")";
    if (!c.what.empty()) out_ << ": " << Esc(c.what);
    out_ << " <span class=\"muted\">" << Esc(c.id) << "</span></caption>\n<thead><tr><th scope=\"col\">document</th>";
    const auto& claims = spilled_.Claims(c);
    for (const auto& claim : claims) {
      out_ << "<th scope=\"col\">";
      DocLink(claim.doc);
      out_ << "</th>";
    }
    out_ << "</tr></thead>\n<tbody>\n<tr><th scope=\"row\">value</th>";
    for (const auto& claim : claims) out_ << "<td>" << Esc(claim.value) << "</td>";
    out_ << "</tr>\n<tr><th scope=\"row\">quote</th>";
    for (const auto& claim : claims) out_ << "<td><q>" << Esc(claim.quote) << "</q></td>";
    out_ << "</tr>\n</tbody>\n</table>\n</section>\n";
  }

  void Evidence(const merge::Event& e) {
    const auto& mentions = spilled_.Mentions(e);
    if (mentions.empty()) return;
    const internal::Evidence ev = internal::SelectEvidence(e, mentions);
    out_ << "<details class=\"evidence\">\n<summary>Evidence: " << Plural(mentions.size(), "sentence", "sentences")
         << " from " << Plural(ev.sources, "source", "sources") << "</summary>\n";
    for (const auto& g : ev.groups) {
      out_ << "<section class=\"source\">\n<h4>";
      DocLink(g.doc);
      const auto it = docs_.find(g.doc);
      if (it != docs_.end()) {
        const auto& d = t_.documents[it->second];
        out_ << " " << Esc(d.title.empty() ? d.path : d.title);
        if (!d.source.empty()) out_ << " <span class=\"muted\">" << Esc(d.source) << "</span>";
      }
      out_ << "</h4>\n";
      for (const auto* m : g.mentions) Mention(*m);
      out_ << "</section>\n";
    }
    if (ev.hidden_mentions > 0) {
      out_ << "<p class=\"muted\">… and " << Plural(ev.hidden_mentions, "more sentence", "more sentences");
      if (ev.hidden_sources > 0) out_ << " (" << Plural(ev.hidden_sources, "more source", "more sources") << ")";
      out_ << " in timeline.json</p>\n";
    }
    out_ << "</details>\n";
  }

  void Mention(const merge::EventMentionRef& m) {
    const std::string value_title = m.timex_value.empty() ? "" : " title=\"" + Esc(m.timex_value) + "\"";
    out_ << "<blockquote><p>";
    const bool marked = m.timex_in_sentence && internal::IsCharRange(m.sentence, m.timex_begin, m.timex_end);
    if (marked) {
      const std::string_view s = m.sentence;
      out_ << Esc(s.substr(0, m.timex_begin)) << "<mark" << value_title << ">"
           << Esc(s.substr(m.timex_begin, m.timex_end - m.timex_begin)) << "</mark>" << Esc(s.substr(m.timex_end));
    } else {
      out_ << Esc(m.sentence);
    }
    out_ << "</p></blockquote>\n<p class=\"meta\">";
    bool first = true;
    auto part = [&]() -> std::ostream& {
      if (!first) out_ << " · ";
      first = false;
      return out_;
    };
    if (!m.timex.empty() && !marked) part() << "date from <mark" << value_title << ">" << Esc(m.timex) << "</mark>";
    if (!m.timex_value.empty()) part() << "value " << Esc(m.timex_value);
    if (!m.trigger.empty()) part() << "trigger <q>" << Esc(m.trigger) << "</q>";
    if (!m.cls.empty()) part() << Esc(m.cls);
    if (!m.hedge.empty() && m.hedge != "asserted") part() << Esc(m.hedge);
    if (!m.attributed_to.empty()) part() << "according to " << Esc(m.attributed_to);
    out_ << "</p>\n";
  }

  const merge::Timeline& t_;
  std::ostream& out_;
  internal::IdMap<size_t> docs_;
  internal::IdMap<std::vector<size_t>> by_event_;
  merge::SpillReader spilled_{t_};
};

}  // namespace

void WriteTimelineHtml(const merge::Timeline& timeline, const std::vector<size_t>& top, std::ostream& out) {
  HtmlWriter(timeline, out).Write(top);
}

}  // namespace chronicle::report
