// timeline.md: a report that reads well as plain text in a terminal and
// renders on a forge. Plain paragraphs and top-level tables only (no nesting),
// since renderers differ most on nested blocks. Every piece of article text
// goes through EscapeMarkdown, which also keeps it on one line.
#include <sstream>
#include <string_view>

#include "report/common.h"
#include "report/escape.h"
#include "report/report.h"

namespace chronicle::report {

namespace {

std::string Plural(size_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

// A version such as "0.1.0" is printed as is (EscapeMarkdown would guard
// its "0." as if it began a numbered list); anything else is escaped.
std::string VersionText(const std::string& version) {
  for (const char c : version) {
    const bool plain =
        (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '.' || c == '-' || c == '+';
    if (!plain) return EscapeMarkdown(version);
  }
  return version;
}

std::string JoinSources(const std::vector<std::string>& sources) {
  std::string out;
  for (const auto& s : sources) {
    if (!out.empty()) out.append(", ");
    out.append(EscapeMarkdown(s));
  }
  return out.empty() ? "none" : out;
}

void WriteDocuments(const merge::Timeline& timeline, std::ostream& out) {
  out << "## Documents\n\n";
  if (timeline.documents.empty()) out << "No documents.\n";
  for (const auto& d : timeline.documents) {
    out << "- **" << EscapeMarkdown(d.id) << "** ";
    out << (d.title.empty() ? EscapeMarkdown(d.path) : EscapeMarkdown(d.title));
    out << " · source: " << (d.source.empty() ? "unknown" : EscapeMarkdown(d.source));
    out << " · published: ";
    if (d.published.empty()) {
      out << "unknown";
    } else {
      out << EscapeMarkdown(d.published) << (d.published_inferred ? " (inferred from the text)" : "");
    }
    if (!d.title.empty()) out << " · file: " << EscapeMarkdown(d.path);
    out << "\n";
  }
  out << "\n";
}

void WriteKeyDates(const merge::Timeline& timeline, const std::vector<size_t>& top, std::ostream& out) {
  out << "## Key dates\n\n";
  size_t written = 0;
  for (const size_t i : top) {
    if (i >= timeline.events.size()) continue;
    const auto& e = timeline.events[i];
    out << "- **" << EscapeMarkdown(e.date) << "** · " << EscapeMarkdown(e.cls) << " · " << EscapeMarkdown(e.summary)
        << " (" << JoinSources(e.sources) << ")" << (e.disputed ? " · **disputed**" : "") << "\n";
    ++written;
  }
  if (written == 0) out << "No key dates.\n";
  out << "\n";
}

void WriteConflict(const merge::Conflict& c, const std::vector<merge::Claim>& claims, std::ostream& out) {
  out << "Conflict " << EscapeMarkdown(c.id) << " (" << EscapeMarkdown(c.kind);
  if (!c.what.empty()) out << ": " << EscapeMarkdown(c.what);
  out << "):\n\n";
  if (claims.empty()) {
    out << "No claims.\n\n";
    return;
  }
  out << "| document |";
  for (const auto& claim : claims) out << " " << EscapeMarkdown(claim.doc) << " |";
  out << "\n| --- |";
  for (size_t i = 0; i < claims.size(); ++i) out << " --- |";
  out << "\n| value |";
  for (const auto& claim : claims) out << " " << EscapeMarkdown(claim.value) << " |";
  out << "\n| quote |";
  for (const auto& claim : claims) out << " " << EscapeMarkdown(claim.quote) << " |";
  out << "\n\n";
}

// The sentences behind an event, one line each, with the date expression
// and how the source presents it.
void WriteEvidence(const merge::Event& e, const std::vector<merge::EventMentionRef>& mentions, std::ostream& out) {
  if (mentions.empty()) return;
  out << "Evidence:\n\n";
  const internal::Evidence ev = internal::SelectEvidence(e, mentions);
  std::vector<const merge::EventMentionRef*> shown;
  for (const auto& g : ev.groups) shown.insert(shown.end(), g.mentions.begin(), g.mentions.end());
  for (const auto* mp : shown) {
    const auto& m = *mp;
    out << "- " << EscapeMarkdown(m.doc) << ": " << EscapeMarkdown(m.sentence);
    std::string notes;
    auto note = [&](const std::string& s) {
      if (!notes.empty()) notes.append("; ");
      notes.append(s);
    };
    if (!m.timex.empty()) {
      const bool same = m.timex_value.empty() || m.timex_value == m.timex;
      note(EscapeMarkdown(m.timex) + (same ? "" : " = " + EscapeMarkdown(m.timex_value)));
    }
    if (!m.hedge.empty() && m.hedge != "asserted") note(EscapeMarkdown(m.hedge));
    if (!m.attributed_to.empty()) note("according to " + EscapeMarkdown(m.attributed_to));
    if (!notes.empty()) out << " (" << notes << ")";
    out << "\n";
  }
  if (ev.hidden_mentions > 0) {
    out << "- … and " << Plural(ev.hidden_mentions, "more sentence", "more sentences");
    if (ev.hidden_sources > 0) out << " (" << Plural(ev.hidden_sources, "more source", "more sources") << ")";
    out << " in timeline.json\n";
  }
  out << "\n";
}

// Passes the text of `md` on to `out`, except its trailing newlines, which
// stay in `md`: the end of the report is trimmed to one newline.
void PassOn(std::ostringstream& md, std::ostream& out) {
  std::string text = std::move(md).str();
  size_t kept = text.size();
  while (kept > 0 && text[kept - 1] == '\n') --kept;
  out.write(text.data(), static_cast<std::streamsize>(kept));
  md.str(text.substr(kept));
  md.seekp(0, std::ios::end);
}

// The events go through `md` to `out` in pieces of about a megabyte: the
// whole report is never in memory (on a large corpus it is hundreds of MB).
void WriteEvents(const merge::Timeline& timeline, std::ostringstream& md, std::ostream& out) {
  std::ostream& text = md;
  text << "## Timeline\n\n";
  if (timeline.events.empty()) text << "No dated events.\n\n";
  const auto by_event = internal::ConflictsByEvent(timeline);
  merge::SpillReader spilled(timeline);
  for (size_t i = 0; i < timeline.events.size(); ++i) {
    const auto& e = timeline.events[i];
    if (i == 0 || timeline.events[i - 1].date != e.date) text << "### " << EscapeMarkdown(e.date) << "\n\n";
    text << "**" << EscapeMarkdown(e.cls) << "** · " << EscapeMarkdown(e.summary)
         << (e.disputed ? " · **disputed**" : "") << "\n\n";
    text << "Sources: " << JoinSources(e.sources) << " · event " << EscapeMarkdown(e.id);
    if (e.precision != "day") text << " · precision: " << EscapeMarkdown(e.precision);
    text << "\n\n";
    const auto it = by_event.find(e.id);
    if (it != by_event.end()) {
      for (const size_t c : it->second) {
        WriteConflict(timeline.conflicts[c], spilled.Claims(timeline.conflicts[c]), text);
      }
    }
    WriteEvidence(e, spilled.Mentions(e), text);
    if (md.tellp() >= std::streampos(1 << 20)) PassOn(md, out);
  }
}

}  // namespace

void WriteTimelineMarkdown(const merge::Timeline& timeline, const std::vector<size_t>& top, std::ostream& out) {
  std::ostringstream md;
  md << "# Chronicle timeline\n\n";
  md << Plural(timeline.documents.size(), "document", "documents") << " · "
     << Plural(timeline.events.size(), "event", "events") << " · "
     << Plural(timeline.conflicts.size(), "conflict", "conflicts") << " · Chronicle "
     << VersionText(internal::VersionOf(timeline)) << "\n\n";
  WriteDocuments(timeline, md);
  WriteKeyDates(timeline, top, md);
  WriteEvents(timeline, md, out);
  // Every block ends with a blank line; the file ends with one newline.
  std::string text = std::move(md).str();
  while (text.size() > 1 && text[text.size() - 1] == '\n' && text[text.size() - 2] == '\n') text.pop_back();
  out << text;
}

}  // namespace chronicle::report
