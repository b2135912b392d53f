// RSS and Atom feeds with pugixml.
//
// pugixml never expands entities other than the five predefined ones and
// character references (an undeclared "&lol9;" stays as text), and it skips
// the DOCTYPE unless asked to keep it. A DOCTYPE that declares entities is
// refused outright with a clear error, so an entity-expansion bomb ("billion
// laughs") costs one scan of the prolog. Feeds declared in a charset other
// than UTF-8/16/32 are converted with ICU first. Names are compared by local
// name, so any namespace prefix works (content:encoded, atom:link, dc:date).
#include <pugixml.hpp>

#include <cstring>
#include <sstream>

#include "ingest/charset.h"
#include "ingest/dates.h"
#include "ingest/formats.h"
#include "ingest/html.h"

namespace chronicle::ingest {
namespace {

std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  const size_t colon = name.rfind(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& parent, std::string_view local) {
  for (pugi::xml_node c = parent.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_element && LocalName(c) == local) return c;
  }
  return {};
}

// The text of an element: its text and CDATA children, concatenated.
std::string OwnText(const pugi::xml_node& node) {
  std::string out;
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) out += c.value();
  }
  return out;
}

// The markup inside an element (Atom type="xhtml").
std::string InnerXml(const pugi::xml_node& node) {
  std::ostringstream out;
  for (pugi::xml_node c = node.first_child(); c; c = c.next_sibling()) c.print(out, "", pugi::format_raw);
  return out.str();
}

std::string Trimmed(std::string_view s) {
  const size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  const size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// Whitespace runs (line breaks included) become one space; trimmed.
std::optional<std::string> CollapseSpaces(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  if (out.empty()) return std::nullopt;
  return out;
}

// Text that may hold markup (titles with type="html", escaped HTML).
std::optional<std::string> PlainText(std::string_view s, const ReadOptions& options) {
  if (s.find('<') == std::string_view::npos && s.find('&') == std::string_view::npos) return CollapseSpaces(s);
  HtmlPage page;
  if (ExtractHtml(s, HtmlOptionsFor(options, "", true), &page)) return std::nullopt;
  return CollapseSpaces(page.text);
}

// Refuses a DOCTYPE with entity declarations. Returns a reason or nullopt.
std::optional<std::string> CheckDoctype(std::string_view xml) {
  size_t i = 0;
  while ((i = xml.find('<', i)) != std::string_view::npos) {
    if (xml.compare(i, 4, "<!--") == 0) {
      const size_t e = xml.find("-->", i + 4);
      if (e == std::string_view::npos) return std::nullopt;
      i = e + 3;
      continue;
    }
    if (xml.compare(i, 2, "<?") == 0) {
      i += 2;
      continue;
    }
    if (xml.compare(i, 9, "<!DOCTYPE") != 0) return std::nullopt;  // the root element: no DOCTYPE
    // The DOCTYPE ends at the first '>' outside its internal subset.
    const size_t open = xml.find_first_of("[>", i);
    if (open == std::string_view::npos || xml[open] == '>') return std::nullopt;
    const size_t close = xml.find("]", open);
    const std::string_view subset = xml.substr(open, close == std::string_view::npos ? xml.size() - open : close - open);
    if (subset.find("<!ENTITY") != std::string_view::npos) {
      return "the DOCTYPE declares entities (refused: entity expansion is not supported)";
    }
    return std::nullopt;
  }
  return std::nullopt;
}

// The encoding named in the XML declaration, lower-cased ("" if none).
std::string DeclaredEncoding(std::string_view xml) {
  if (xml.starts_with("\xEF\xBB\xBF")) xml.remove_prefix(3);
  if (!xml.starts_with("<?xml")) return "";
  const size_t end = xml.find("?>");
  const std::string_view decl = xml.substr(0, end == std::string_view::npos ? std::min<size_t>(xml.size(), 200) : end);
  const size_t at = decl.find("encoding");
  if (at == std::string_view::npos) return "";
  size_t q = decl.find_first_of("\"'", at);
  if (q == std::string_view::npos) return "";
  const size_t qe = decl.find(decl[q], q + 1);
  if (qe == std::string_view::npos) return "";
  std::string enc(decl.substr(q + 1, qe - q - 1));
  for (char& c : enc) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return enc;
}

struct FeedInfo {
  std::optional<std::string> title;  // the channel's or feed's title: the source
  std::optional<std::string> link;
};

void EmitItem(const pugi::xml_node& item, bool atom, const FeedInfo& feed, const std::string& path,
              const ReadOptions& options, const DocumentSink& sink) {
  Document doc;
  doc.path = path;
  auto error = [&](std::string reason) { sink.on_error(ReadError{path, std::move(reason)}); };

  if (const pugi::xml_node t = Child(item, "title")) doc.title = PlainText(OwnText(t), options);
  // Link.
  if (atom) {
    for (pugi::xml_node l = item.first_child(); l; l = l.next_sibling()) {
      if (l.type() != pugi::node_element || LocalName(l) != "link") continue;
      const std::string_view rel = l.attribute("rel").value();
      if (rel.empty() || rel == "alternate") {
        doc.url = Trimmed(l.attribute("href").value());
        break;
      }
    }
  } else {
    if (const pugi::xml_node l = Child(item, "link")) doc.url = Trimmed(OwnText(l));
    if ((!doc.url || doc.url->empty())) {
      const pugi::xml_node g = Child(item, "guid");
      const std::string guid = Trimmed(OwnText(g));
      if (g && std::strcmp(g.attribute("isPermaLink").value(), "false") != 0 && guid.starts_with("http")) {
        doc.url = guid;
      }
    }
  }
  if (doc.url && doc.url->empty()) doc.url.reset();
  // Date: the first one that parses; else the first one as written.
  std::optional<std::string> raw_date;
  for (const char* name : {"pubDate", "published", "date", "issued", "updated", "modified"}) {
    const pugi::xml_node d = Child(item, name);
    if (!d) continue;
    const std::string value = Trimmed(OwnText(d));
    if (value.empty()) continue;
    if (!raw_date) raw_date = value;
    if (auto iso = NormaliseDate(value)) {
      doc.published = std::move(iso);
      break;
    }
  }
  if (!doc.published) doc.published = raw_date;
  // Source: the item's own <source>, else the feed's title, else the host.
  if (const pugi::xml_node s = Child(item, "source")) {
    doc.source = PlainText(atom ? OwnText(Child(s, "title")) : OwnText(s), options);
  }
  if (!doc.source) doc.source = feed.title;
  if (!doc.source && doc.url) doc.source = HostOfUrl(*doc.url);
  if (!doc.source && feed.link) doc.source = HostOfUrl(*feed.link);

  // Body: full content first, then the summary.
  std::string html;
  bool found = false, is_text = false;
  static constexpr const char* kAtomBodies[] = {"content", "summary", nullptr, nullptr};
  static constexpr const char* kRssBodies[] = {"encoded", "content", "description", "summary"};
  for (const char* name : atom ? kAtomBodies : kRssBodies) {
    if (name == nullptr) break;
    const pugi::xml_node c = Child(item, name);
    if (!c) continue;
    const std::string_view type = c.attribute("type").value();
    if (atom && type == "xhtml") {
      html = InnerXml(c);
    } else {
      html = OwnText(c);
      is_text = atom && (type.empty() || type == "text");
    }
    if (Trimmed(html).empty()) continue;
    found = true;
    break;
  }
  if (!found) return error(atom ? "no text (no content or summary)" : "no text (no content:encoded or description)");
  if (is_text) {
    doc.body = std::move(html);
  } else {
    HtmlPage page;
    if (auto err = ExtractHtml(html, HtmlOptionsFor(options, doc.url.value_or(""), true), &page)) return error(*err);
    doc.body = std::move(page.text);
  }
  size_t repaired = 0;
  if (auto err = CheckText(&doc.body, options.repair, &repaired)) return error(*err);
  for (auto* field : {&doc.title, &doc.source, &doc.url, &doc.published}) {
    if (*field && CheckText(&**field, true, nullptr)) field->reset();
  }
  if (repaired > 0 && sink.on_warning) {
    sink.on_warning(path + ": repaired " + std::to_string(repaired) + " invalid UTF-8 " +
                    (repaired == 1 ? "sequence" : "sequences"));
  }
  sink.on_document(std::move(doc));
}

}  // namespace

void ReadFeed(std::string_view bytes, const std::string& name, const ReadOptions& options, const DocumentSink& sink) {
  auto fail = [&](std::string reason) { sink.on_error(ReadError{name, std::move(reason)}); };
  if (auto bomb = CheckDoctype(bytes)) return fail(*bomb);
  std::string converted;
  pugi::xml_encoding encoding = pugi::encoding_utf8;
  const std::string declared = DeclaredEncoding(bytes);
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF") || declared.starts_with("utf-16") ||
      declared.starts_with("utf-32")) {
    encoding = pugi::encoding_auto;  // pugixml converts the UTF-16/32 forms itself
  } else {
    size_t repaired = 0;
    if (auto err = ToUtf8(bytes, declared, options.repair, /*html=*/false, &converted, &repaired)) return fail(*err);
    bytes = converted;
    if (repaired > 0 && sink.on_warning) {
      sink.on_warning(name + ": repaired " + std::to_string(repaired) + " invalid " +
                      (declared.empty() ? std::string("UTF-8") : OneLine(declared, 40)) + (repaired == 1 ? " sequence" : " sequences"));
    }
  }
  pugi::xml_document doc;
  const pugi::xml_parse_result parsed =
      doc.load_buffer(bytes.data(), bytes.size(), pugi::parse_default, encoding);
  if (!parsed) {
    return fail(std::string("not well-formed XML: ") + parsed.description() + " at byte " +
                std::to_string(parsed.offset));
  }
  const pugi::xml_node root = doc.document_element();
  const std::string_view root_name = LocalName(root);
  const bool atom = root_name == "feed";
  if (root_name != "rss" && root_name != "RDF" && !atom) {
    return fail("XML root element <" + OneLine(root.name(), 40) + "> is neither an RSS nor an Atom feed");
  }
  const pugi::xml_node channel = atom ? root : Child(root, "channel");
  FeedInfo info;
  if (channel) {
    if (const pugi::xml_node t = Child(channel, "title")) info.title = PlainText(OwnText(t), options);
    if (const pugi::xml_node l = Child(channel, "link")) {
      info.link = atom ? Trimmed(l.attribute("href").value()) : Trimmed(OwnText(l));
    }
  }
  if (info.title && CheckText(&*info.title, true, nullptr)) info.title.reset();
  // RSS 2.0 puts items in the channel, RSS 1.0 (RDF) beside it.
  const char* item_name = atom ? "entry" : "item";
  size_t count = 0;
  for (const pugi::xml_node parent : {channel, root_name == "RDF" ? root : pugi::xml_node()}) {
    if (!parent) continue;
    for (pugi::xml_node item = parent.first_child(); item; item = item.next_sibling()) {
      if (item.type() != pugi::node_element || LocalName(item) != item_name) continue;
      ++count;
      EmitItem(item, atom, info, name + "#" + item_name + std::to_string(count), options, sink);
    }
  }
  if (count == 0 && sink.on_warning) sink.on_warning(name + ": feed has no " + item_name + " elements");
}

}  // namespace chronicle::ingest
