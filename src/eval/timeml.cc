// TimeML reader and writer.
//
// Reading: pugixml parses the document with its default options plus
// parse_ws_pcdata. The default options drop text nodes made only of
// whitespace, which would lose the space in "<SIGNAL>on</SIGNAL> <TIMEX3>"
// and shift every later offset; with parse_ws_pcdata the text is kept byte
// for byte. pugixml never reads a DTD, so only the XML predefined entities
// and character references are decoded; anything else stays verbatim.
//
// The text of <TEXT> is then collected in one pass over its subtree, walked
// iteratively through the parent/sibling links (no recursion, so a deeply
// nested hostile document cannot overflow the stack). A TIMEX3 records the
// text length when it is entered and when it is left; those are its offsets.
//
// Writing: timexes are sorted into document order, overlapping ones dropped,
// and the text is emitted piecewise with the tags in between.
#include "eval/timeml.h"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <utility>

#include <pugixml.hpp>

namespace chronicle::eval {
namespace {

constexpr unsigned kParseOptions = pugi::parse_default | pugi::parse_ws_pcdata;

void SetError(std::string* error, std::string message) {
  if (error != nullptr) *error = std::move(message);
}

bool IsElement(const pugi::xml_node& node, const char* name) {
  return node.type() == pugi::node_element && std::strcmp(node.name(), name) == 0;
}

std::string_view Trim(std::string_view s) {
  const char* ws = " \t\r\n";
  const size_t first = s.find_first_not_of(ws);
  if (first == std::string_view::npos) return {};
  const size_t last = s.find_last_not_of(ws);
  return s.substr(first, last - first + 1);
}

// All descendant text of an element, concatenated.
std::string DescendantText(const pugi::xml_node& element) {
  std::string out;
  for (pugi::xml_node n = element.first_child(); n;) {
    if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) out += n.value();
    if (n.first_child()) {
      n = n.first_child();
      continue;
    }
    while (n != element && !n.next_sibling()) n = n.parent();
    if (n == element) break;
    n = n.next_sibling();
  }
  return out;
}

// Appends the text of `text_element` to doc->text and records its TIMEX3s.
void CollectText(const pugi::xml_node& text_element, TimeMLDoc* doc) {
  struct Open {
    pugi::xml_node node;
    size_t start;
  };
  std::vector<Open> open;  // TIMEX3 elements entered but not yet left
  auto enter = [&](const pugi::xml_node& n) {
    if (n.type() == pugi::node_pcdata || n.type() == pugi::node_cdata) {
      doc->text += n.value();
    } else if (IsElement(n, "TIMEX3")) {
      open.push_back({n, doc->text.size()});
    }
  };
  auto leave = [&](const pugi::xml_node& n) {
    if (!IsElement(n, "TIMEX3") || open.empty() || open.back().node != n) return;
    GoldTimex t;
    t.start = open.back().start;
    t.end = doc->text.size();
    t.text = doc->text.substr(t.start, t.end - t.start);
    t.tid = n.attribute("tid").value();
    t.type = n.attribute("type").value();
    t.value = n.attribute("value").value();
    t.mod = n.attribute("mod").value();
    doc->timexes.push_back(std::move(t));
    open.pop_back();
  };

  pugi::xml_node n = text_element.first_child();
  while (n) {
    enter(n);
    if (n.first_child()) {
      n = n.first_child();
      continue;
    }
    // n is a leaf: leave it and every ancestor it closes, then go on to the
    // next sibling of the innermost one that has one.
    while (n != text_element) {
      leave(n);
      if (n.next_sibling()) break;
      n = n.parent();
    }
    if (n == text_element) break;
    n = n.next_sibling();
  }
  // Inner timexes are left before outer ones; put them in document order.
  std::stable_sort(doc->timexes.begin(), doc->timexes.end(),
                   [](const GoldTimex& a, const GoldTimex& b) {
                     if (a.start != b.start) return a.start < b.start;
                     return a.end > b.end;
                   });
}

bool ParseDigits(std::string_view s, int* out) {
  if (s.empty()) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

void AppendEscaped(std::string_view s, bool attribute, std::string* out) {
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '&': *out += "&amp;"; break;
      case '<': *out += "&lt;"; break;
      case '>': *out += "&gt;"; break;
      case '"':
        if (attribute) *out += "&quot;"; else *out += '"';
        break;
      case '\'':
        if (attribute) *out += "&apos;"; else *out += '\'';
        break;
      case 0: *out += ' '; break;
      default:
        // \t and \n are literal in text; everywhere else a control character
        // is a reference, since the parser normalises a literal \r (and in
        // attributes any whitespace) away.
        if (c < 0x20 && (attribute || (c != '\t' && c != '\n'))) {
          *out += "&#" + std::to_string(c) + ";";
        } else {
          *out += ch;
        }
    }
  }
}

void AppendAttribute(std::string_view name, std::string_view value, std::string* out) {
  *out += ' ';
  *out += name;
  *out += "=\"";
  AppendEscaped(value, /*attribute=*/true, out);
  *out += '"';
}

}  // namespace

std::optional<time::CalendarDate> ParseTimeMLDate(std::string_view value) {
  value = Trim(value);
  // The date part ends at a time ("T09:42") or at the end.
  const size_t t = value.find('T');
  std::string_view date = value.substr(0, t);
  time::CalendarDate d;
  if (date.size() == 8 && date.find('-') == std::string_view::npos) {
    // Basic format YYYYMMDD.
    if (!ParseDigits(date.substr(0, 4), &d.year) || !ParseDigits(date.substr(4, 2), &d.month) ||
        !ParseDigits(date.substr(6, 2), &d.day)) {
      return std::nullopt;
    }
  } else {
    if (date.size() != 4 && date.size() != 7 && date.size() != 10) return std::nullopt;
    if (!ParseDigits(date.substr(0, 4), &d.year)) return std::nullopt;
    if (date.size() >= 7 && (date[4] != '-' || !ParseDigits(date.substr(5, 2), &d.month))) {
      return std::nullopt;
    }
    if (date.size() == 10 && (date[7] != '-' || !ParseDigits(date.substr(8, 2), &d.day))) {
      return std::nullopt;
    }
  }
  if (d.year == 0) return std::nullopt;
  if (date.size() >= 7 && (d.month < 1 || d.month > 12)) return std::nullopt;
  if (d.day != 0 || date.size() == 8 || date.size() == 10) {
    if (d.day < 1 || d.day > DaysInMonth(d.year, d.month)) return std::nullopt;
  }
  return d;
}

std::string FormatTimeMLDate(const time::CalendarDate& date) {
  char buf[32];
  if (date.month == 0) {
    std::snprintf(buf, sizeof buf, "%04d", date.year);
  } else if (date.day == 0) {
    std::snprintf(buf, sizeof buf, "%04d-%02d", date.year, date.month);
  } else {
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.year, date.month, date.day);
  }
  return buf;
}

std::optional<TimeMLDoc> ParseTimeML(std::string_view xml, std::string* error) {
  pugi::xml_document xdoc;
  const pugi::xml_parse_result parsed =
      xdoc.load_buffer(xml.data(), xml.size(), kParseOptions, pugi::encoding_auto);
  if (!parsed) {
    SetError(error, "XML parse error at byte " + std::to_string(parsed.offset) + ": " +
                        parsed.description());
    return std::nullopt;
  }
  const pugi::xml_node text_element =
      xdoc.find_node([](const pugi::xml_node& n) { return IsElement(n, "TEXT"); });
  if (!text_element) {
    SetError(error, "no <TEXT> element");
    return std::nullopt;
  }

  TimeMLDoc doc;
  const pugi::xml_node docid =
      xdoc.find_node([](const pugi::xml_node& n) { return IsElement(n, "DOCID"); });
  if (docid) doc.docid = std::string(Trim(DescendantText(docid)));

  const pugi::xml_node dct = xdoc.find_node([](const pugi::xml_node& n) {
    return IsElement(n, "TIMEX3") &&
           std::strcmp(n.attribute("functionInDocument").value(), "CREATION_TIME") == 0;
  });
  if (dct) {
    doc.dct_value = dct.attribute("value").value();
    doc.dct = ParseTimeMLDate(doc.dct_value);
  }

  CollectText(text_element, &doc);
  return doc;
}

bool ReadFileBytes(const std::string& path, std::string* bytes, std::string* error) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) {
    SetError(error, path + ": cannot open file");
    return false;
  }
  bytes->clear();
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) bytes->append(buf, n);
  const bool read_failed = std::ferror(f) != 0;
  std::fclose(f);
  if (read_failed) {
    SetError(error, path + ": read error");
    return false;
  }
  return true;
}

std::string FileStem(const std::string& path, std::initializer_list<std::string_view> suffixes) {
  std::string name = path.substr(path.find_last_of('/') + 1);
  for (const std::string_view e : suffixes) {
    if (name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0) {
      name.resize(name.size() - e.size());
    }
  }
  return name;
}

std::optional<TimeMLDoc> ReadTimeML(const std::string& path, std::string* error) {
  // Read the bytes ourselves so the parse goes through ParseTimeML.
  std::string bytes;
  if (!ReadFileBytes(path, &bytes, error)) return std::nullopt;

  std::string parse_error;
  std::optional<TimeMLDoc> doc = ParseTimeML(bytes, &parse_error);
  if (!doc) {
    SetError(error, path + ": " + parse_error);
    return std::nullopt;
  }
  if (doc->docid.empty()) doc->docid = FileStem(path, {".TE3input", ".tml"});
  return doc;
}

std::string WriteTimeML(std::string_view docid, std::string_view text,
                        const std::vector<time::Timex>& timexes,
                        std::optional<time::CalendarDate> dct) {
  // Document order; on equal starts the longer span first, so the outer one
  // of a nested pair is the one kept.
  std::vector<const time::Timex*> order;
  order.reserve(timexes.size());
  for (const auto& t : timexes) {
    if (t.start < t.end && t.end <= text.size()) order.push_back(&t);
  }
  std::stable_sort(order.begin(), order.end(), [](const time::Timex* a, const time::Timex* b) {
    if (a->start != b->start) return a->start < b->start;
    return a->end > b->end;
  });

  std::string out;
  out.reserve(text.size() + text.size() / 4 + 512);
  out +=
      "<?xml version=\"1.0\" ?>\n"
      "<TimeML xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:noNamespaceSchemaLocation=\"http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd\">\n\n"
      "<DOCID>";
  AppendEscaped(docid, /*attribute=*/false, &out);
  out += "</DOCID>\n\n";
  if (dct) {
    const std::string value = FormatTimeMLDate(*dct);
    out += "<DCT><TIMEX3";
    AppendAttribute("tid", "t0", &out);
    AppendAttribute("type", "DATE", &out);
    AppendAttribute("value", value, &out);
    AppendAttribute("temporalFunction", "false", &out);
    AppendAttribute("functionInDocument", "CREATION_TIME", &out);
    out += '>';
    AppendEscaped(value, /*attribute=*/false, &out);
    out += "</TIMEX3></DCT>\n\n";
  }

  out += "<TEXT>";
  size_t pos = 0;  // text[0, pos) has been written
  int tid = 0;
  for (const time::Timex* t : order) {
    if (t->start < pos) continue;  // overlaps the previous kept timex
    AppendEscaped(text.substr(pos, t->start - pos), /*attribute=*/false, &out);
    out += "<TIMEX3";
    AppendAttribute("tid", "t" + std::to_string(++tid), &out);
    AppendAttribute("type", t->type, &out);
    AppendAttribute("value", t->value, &out);
    if (!t->mod.empty()) AppendAttribute("mod", t->mod, &out);
    out += '>';
    AppendEscaped(text.substr(t->start, t->end - t->start), /*attribute=*/false, &out);
    out += "</TIMEX3>";
    pos = t->end;
  }
  AppendEscaped(text.substr(pos), /*attribute=*/false, &out);
  out += "</TEXT>\n\n</TimeML>\n";
  return out;
}

}  // namespace chronicle::eval
