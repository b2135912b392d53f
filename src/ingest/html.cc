// HTML extraction.
//
// CheckHtmlNesting runs first: a tokenizer that follows the HTML5 tokenizer
// closely enough to find the same tags (comments, bogus comments, raw-text
// and RCDATA elements, script escaping, quoted attribute values) and a model
// of the stack of open elements that never pops more than the tree builder
// would: implied end tags are applied only in the cases the standard gives
// (p closed by a block, li/dd/dt by their siblings, rows and cells), end tags
// pop only within their scope, and formatting elements removed by an end tag
// of another element are kept as "floating" (the tree builder reopens them).
// The estimate may exceed the real depth; it is used only as a limit.
//
// ExtractHtml parses with gumbo (errors not recorded: max_errors = 0) and
// makes two passes over the tree, both with explicit stacks: the first
// collects metadata and, per element, the text held in its <p> descendants;
// the second writes the text of the chosen root in document order.
#include "ingest/html.h"

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "ingest/charset.h"
#include "ingest/dates.h"
#include "ingest/formats.h"
#include "text/utf8.h"

namespace chronicle::ingest {
namespace {

using NameSet = std::unordered_set<std::string_view>;

const NameSet kVoid = {"area", "base",  "basefont", "bgsound", "br",    "col",    "embed", "frame",
                       "hr",   "image", "img",      "input",   "keygen", "link",  "meta",  "param",
                       "source", "track", "wbr"};
const NameSet kRawText = {"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"};
const NameSet kFormatting = {"a",     "b",      "big",    "code", "em", "font", "i",
                             "nobr",  "s",      "small",  "strike", "strong", "tt", "u"};
const NameSet kSpecial = {
    "address", "applet",   "area",   "article",  "aside",    "base",    "basefont", "bgsound", "blockquote",
    "body",    "br",       "button", "caption",  "center",   "col",     "colgroup", "dd",      "details",
    "dir",     "div",      "dl",     "dt",       "embed",    "fieldset", "figcaption", "figure", "footer",
    "form",    "frame",    "frameset", "h1",     "h2",       "h3",      "h4",       "h5",      "h6",
    "head",    "header",   "hgroup", "hr",       "html",     "iframe",  "img",      "input",   "keygen",
    "li",      "link",     "listing", "main",    "marquee",  "menu",    "meta",     "nav",     "noembed",
    "noframes", "noscript", "object", "ol",      "p",        "param",   "plaintext", "pre",    "script",
    "section", "select",   "source", "style",    "summary",  "table",   "tbody",    "td",      "template",
    "textarea", "tfoot",   "th",     "thead",    "title",    "tr",      "track",    "ul",      "wbr",
    "xmp"};
const NameSet kScopeBoundary = {"applet", "caption", "html", "table", "td", "th", "marquee", "object", "template"};
const NameSet kClosesP = {"address", "article", "aside", "blockquote", "center", "details", "dialog", "dir",
                          "div",     "dl",      "fieldset", "figcaption", "figure", "footer", "header", "hgroup",
                          "main",    "menu",    "nav",   "ol",         "p",      "section", "summary", "ul",
                          "h1",      "h2",      "h3",    "h4",         "h5",     "h6",      "pre",     "listing",
                          "form",    "xmp"};

bool IsHeadingName(std::string_view n) { return n.size() == 2 && n[0] == 'h' && n[1] >= '1' && n[1] <= '6'; }

char LowerChar(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// The stack-of-open-elements model of CheckHtmlNesting.
class NestingModel {
 public:
  size_t depth() const { return stack_.size() + floating_total_; }
  bool foreign() const { return Count("svg") + Count("math") > 0; }

  void Start(const std::string& name, std::string_view attrs) {
    if (kClosesP.contains(name) && InScope("p", /*button=*/true)) PopThrough("p");
    if (name == "li") CloseListItem({"li"});
    if (name == "dd" || name == "dt") CloseListItem({"dd", "dt"});
    if (IsHeadingName(name) && !stack_.empty() && IsHeadingName(stack_.back().name)) Pop();
    if (name == "option" && Top("option")) Pop();
    if (name == "optgroup") {
      if (Top("option")) Pop();
      if (Top("optgroup")) Pop();
    }
    if (name == "td" || name == "th") PopToFirst({"td", "th"}, {"tr", "table", "html", "template"});
    if (name == "tr") PopToFirst({"tr"}, {"table", "tbody", "thead", "tfoot", "html", "template"});
    if (name == "tbody" || name == "thead" || name == "tfoot") {
      PopToFirst({"tbody", "thead", "tfoot"}, {"table", "html", "template"});
    }
    if ((name == "a" || name == "nobr") && Count(name) > 0) RemoveOne(name);
    if (name == "button" && InScope("button", false)) PopThrough("button");
    std::string key;
    if (kFormatting.contains(name)) key = name + '\x01' + std::string(attrs.substr(0, 256));
    ++count_[name];
    stack_.push_back({name, std::move(key)});
  }

  void End(const std::string& name) {
    if (Count(name) == 0) {
      if (kFormatting.contains(name)) DropFloating(name);
      return;
    }
    const bool special = kSpecial.contains(name);
    for (size_t k = stack_.size(); k-- > 0;) {
      const std::string& open = stack_[k].name;
      if (open == name) {
        if (kFormatting.contains(name)) {
          // The adoption agency removes the element; what it had opened
          // stays open (possibly under a clone of it).
          --count_[name];
          stack_.erase(stack_.begin() + static_cast<std::ptrdiff_t>(k));
        } else {
          PopFrom(k);
        }
        return;
      }
      const bool boundary = kScopeBoundary.contains(open) || (name == "p" && open == "button");
      if (boundary || (!special && kSpecial.contains(open))) return;  // not in scope: ignored
    }
  }

 private:
  struct Open {
    std::string name;
    std::string key;  // formatting elements: name and attributes
  };

  size_t Count(const std::string& name) const {
    const auto it = count_.find(name);
    return it == count_.end() ? 0 : static_cast<size_t>(it->second);
  }
  bool Top(std::string_view name) const { return !stack_.empty() && stack_.back().name == name; }

  bool InScope(const std::string& name, bool button) const {
    if (Count(name) == 0) return false;
    for (size_t k = stack_.size(); k-- > 0;) {
      const std::string& open = stack_[k].name;
      if (open == name) return true;
      if (kScopeBoundary.contains(open) || (button && open == "button")) return false;
    }
    return false;
  }

  void Pop() { PopFrom(stack_.size() - 1); }

  // Pops stack_[k..]; formatting elements among them other than the last
  // one popped (the target) float: the tree builder may reopen them.
  void PopFrom(size_t k) {
    for (size_t j = stack_.size(); j-- > k;) {
      Open& open = stack_[j];
      --count_[open.name];
      if (j != k && !open.key.empty()) {
        int& n = floating_[open.key];
        if (n < 3) {  // the "Noah's Ark" clause keeps at most three alike
          ++n;
          ++floating_total_;
        }
      }
    }
    stack_.resize(k);
  }

  void PopThrough(const std::string& name) {
    for (size_t k = stack_.size(); k-- > 0;) {
      if (stack_[k].name == name) {
        PopFrom(k);
        return;
      }
    }
  }

  void PopToFirst(std::initializer_list<std::string_view> targets, std::initializer_list<std::string_view> stops) {
    for (size_t k = stack_.size(); k-- > 0;) {
      const std::string& open = stack_[k].name;
      if (std::find(targets.begin(), targets.end(), open) != targets.end()) {
        PopFrom(k);
        return;
      }
      if (std::find(stops.begin(), stops.end(), open) != stops.end()) return;
    }
  }

  void CloseListItem(std::initializer_list<std::string_view> items) {
    for (size_t k = stack_.size(); k-- > 0;) {
      const std::string& open = stack_[k].name;
      if (std::find(items.begin(), items.end(), open) != items.end()) {
        PopFrom(k);
        return;
      }
      if (kSpecial.contains(open) && open != "address" && open != "div" && open != "p") return;
    }
  }

  void RemoveOne(const std::string& name) {
    for (size_t k = stack_.size(); k-- > 0;) {
      if (stack_[k].name == name) {
        --count_[name];
        stack_.erase(stack_.begin() + static_cast<std::ptrdiff_t>(k));
        return;
      }
    }
  }

  void DropFloating(const std::string& name) {
    auto it = floating_.lower_bound(name + '\x01');
    if (it == floating_.end() || !it->first.starts_with(name + '\x01')) return;
    --floating_total_;
    if (--it->second == 0) floating_.erase(it);
  }

  std::vector<Open> stack_;
  std::unordered_map<std::string, int> count_;
  std::map<std::string, int> floating_;
  size_t floating_total_ = 0;
};

// Case-insensitive search for "</name" followed by a tag-ending character.
size_t FindEndTag(std::string_view html, size_t from, std::string_view name) {
  for (size_t i = html.find("</", from); i != std::string_view::npos; i = html.find("</", i + 1)) {
    if (i + 2 + name.size() > html.size()) return std::string_view::npos;
    bool match = true;
    for (size_t k = 0; k < name.size() && match; ++k) match = LowerChar(html[i + 2 + k]) == name[k];
    const size_t after = i + 2 + name.size();
    if (match && (after == html.size() || IsSpace(html[after]) || html[after] == '/' || html[after] == '>')) return i;
  }
  return std::string_view::npos;
}

// Whether html[i..] starts with `word` (lower case) case-insensitively, then
// a character that ends a tag name.
bool TagAt(std::string_view html, size_t i, std::string_view word) {
  if (i + word.size() > html.size()) return false;
  for (size_t k = 0; k < word.size(); ++k) {
    if (LowerChar(html[i + k]) != word[k]) return false;
  }
  const size_t after = i + word.size();
  return after == html.size() || IsSpace(html[after]) || html[after] == '/' || html[after] == '>';
}

// The end of a <script> element's text starting at `from`, following the
// tokenizer's script data, escaped and double-escaped states.
size_t ScriptEnd(std::string_view html, size_t from) {
  enum { kData, kEscaped, kDouble } state = kData;
  for (size_t i = from; i < html.size(); ++i) {
    if (html.compare(i, 4, "<!--") == 0 && state == kData) {
      state = kEscaped;
      i += 3;
    } else if (html.compare(i, 3, "-->") == 0 && state != kData) {
      state = kData;
      i += 2;
    } else if (html[i] == '<' && state == kEscaped && TagAt(html, i + 1, "script")) {
      state = kDouble;
    } else if (html.compare(i, 2, "</") == 0 && TagAt(html, i + 2, "script")) {
      if (state == kDouble) {
        state = kEscaped;
      } else {
        return i;
      }
    }
  }
  return html.size();
}

}  // namespace

std::optional<std::string> CheckHtmlNesting(std::string_view html, size_t max_depth) {
  NestingModel model;
  const size_t n = html.size();
  size_t i = 0;
  while (i < n) {
    const size_t lt = html.find('<', i);
    if (lt == std::string_view::npos) break;
    i = lt + 1;
    if (html.compare(i, 3, "!--") == 0) {
      i += 3;
      if (html.compare(i, 1, ">") == 0) {
        ++i;
        continue;
      }
      if (html.compare(i, 2, "->") == 0) {
        i += 2;
        continue;
      }
      // The comment ends at "-->" or "--!>" (one forward scan).
      size_t e = html.find("--", i);
      while (e != std::string_view::npos && html.compare(e + 2, 1, ">") != 0 && html.compare(e + 2, 2, "!>") != 0) {
        e = html.find("--", e + 1);
      }
      i = e == std::string_view::npos ? n : e + (html.compare(e + 2, 1, ">") == 0 ? 3 : 4);
      continue;
    }
    bool end_tag = false;
    if (i < n && (html[i] == '!' || html[i] == '?' || (html[i] == '/' && i + 1 < n && !IsAlpha(html[i + 1])))) {
      const size_t e = html.find('>', i);  // bogus comment or doctype
      i = e == std::string_view::npos ? n : e + 1;
      continue;
    }
    if (i < n && html[i] == '/') {
      end_tag = true;
      ++i;
    }
    if (i >= n || !IsAlpha(html[i])) continue;
    std::string name;
    while (i < n && !IsSpace(html[i]) && html[i] != '/' && html[i] != '>') {
      if (name.size() < 32) name += LowerChar(html[i]);
      ++i;
    }
    // Attributes: a quote only opens a value right after '='.
    const size_t attr_start = i;
    bool self_closing = false;
    while (i < n && html[i] != '>') {
      if (IsSpace(html[i])) {
        ++i;
        continue;
      }
      if (html[i] == '/') {
        self_closing = i + 1 < n && html[i + 1] == '>';
        ++i;
        continue;
      }
      self_closing = false;
      ++i;  // the first character of a name may be anything, even '='
      while (i < n && !IsSpace(html[i]) && html[i] != '/' && html[i] != '>' && html[i] != '=') ++i;
      while (i < n && IsSpace(html[i])) ++i;
      if (i < n && html[i] == '=') {
        ++i;
        while (i < n && IsSpace(html[i])) ++i;
        if (i < n && (html[i] == '"' || html[i] == '\'')) {
          const size_t e = html.find(html[i], i + 1);
          i = e == std::string_view::npos ? n : e + 1;
        } else {
          while (i < n && !IsSpace(html[i]) && html[i] != '>') ++i;
        }
      }
    }
    const std::string_view attrs = html.substr(attr_start, std::min(i, n) - attr_start);
    if (i < n) ++i;  // '>'
    if (end_tag) {
      model.End(name);
      continue;
    }
    if (name == "plaintext") break;  // the rest is text
    if (kRawText.contains(name)) {
      const size_t e = name == "script" ? ScriptEnd(html, i) : FindEndTag(html, i, name);
      i = e == std::string_view::npos ? n : e;
      continue;  // raw-text elements hold no elements
    }
    if (kVoid.contains(name) || (self_closing && model.foreign())) continue;
    model.Start(name, attrs);
    if (model.depth() > max_depth) {
      return "HTML nested deeper than " + std::to_string(max_depth) + " elements (at byte " + std::to_string(lt) + ")";
    }
  }
  return std::nullopt;
}

namespace {

// ---- the gumbo tree ----

const GumboVector& Children(const GumboNode* node) {
  return node->type == GUMBO_NODE_DOCUMENT ? node->v.document.children : node->v.element.children;
}

bool IsElement(const GumboNode* node) {
  return node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE;
}

std::string_view Attr(const GumboNode* node, const char* name) {
  if (!IsElement(node)) return {};
  const GumboAttribute* a = gumbo_get_attribute(&node->v.element.attributes, name);
  return a != nullptr && a->value != nullptr ? std::string_view(a->value) : std::string_view();
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = LowerChar(c);
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Whitespace runs become one space; at most max_bytes (cut at a code point).
std::string Collapse(std::string_view s, size_t max_bytes = 2000) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (IsSpace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
    if (out.size() > max_bytes) {
      // Cut at a code point boundary.
      size_t cut = max_bytes;
      while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
      out.resize(cut);
      break;
    }
  }
  return out;
}

// All text below `node`, whitespace collapsed (explicit stack).
std::string TextOf(const GumboNode* node, size_t max_bytes = 2000) {
  std::string raw;
  std::vector<const GumboNode*> stack = {node};
  while (!stack.empty() && raw.size() < max_bytes * 2) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
      raw += n->v.text.text;
      raw += ' ';
    } else if (IsElement(n)) {
      const GumboVector& kids = n->v.element.children;
      for (unsigned k = kids.length; k-- > 0;) stack.push_back(static_cast<const GumboNode*>(kids.data[k]));
    }
  }
  return Collapse(raw, max_bytes);
}

std::optional<std::string> NonEmpty(std::string s) {
  if (Trim(s).empty()) return std::nullopt;
  return s;
}

// Words of a class or id attribute: split at anything not a letter or digit.
bool HasBoilerplateWord(std::string_view value) {
  static const NameSet kWords = {
      "comment",   "comments",     "advert",     "advertisement", "advertising", "ad",          "ads",
      "adsense",   "adslot",       "dfp",        "sponsor",       "sponsored",   "promo",       "promoted",
      "share",     "sharing",      "social",     "related",       "recommended", "newsletter",  "subscribe",
      "subscription", "cookie",    "cookies",    "consent",       "gdpr",        "sidebar",     "widget",
      "popup",     "modal",        "breadcrumb", "breadcrumbs",   "outbrain",    "taboola",     "disqus",
      "footer",    "header",       "nav",        "navbar",        "navigation",  "menu",        "masthead",
      "toolbar",   "banner"};
  std::string word;
  for (size_t i = 0; i <= value.size(); ++i) {
    const char c = i < value.size() ? value[i] : ' ';
    if (std::isalnum(static_cast<unsigned char>(c))) {
      if (word.size() < 32) word += LowerChar(c);
      continue;
    }
    if (!word.empty() && kWords.contains(word)) return true;
    word.clear();
  }
  return false;
}

enum class Skip { kNo, kAlways, kSidebar };

// Whether an element is outside the article text: by tag, by attributes
// (hidden, ARIA roles), by class/id words. kSidebar marks navigation-like
// parts whose <time> elements do not date the article.
Skip Boilerplate(const GumboNode* node) {
  switch (node->v.element.tag) {
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FOOTER:
      return Skip::kSidebar;
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_FRAMESET:
    case GUMBO_TAG_APPLET:
    case GUMBO_TAG_INPUT:
      return Skip::kAlways;
    default:
      break;
  }
  if (gumbo_get_attribute(&node->v.element.attributes, "hidden") != nullptr) return Skip::kAlways;
  if (Lower(Attr(node, "aria-hidden")) == "true") return Skip::kAlways;
  const std::string style = Lower(Attr(node, "style"));
  std::string compact;
  for (char c : style) {
    if (!IsSpace(c)) compact += c;
  }
  if (compact.find("display:none") != std::string::npos || compact.find("visibility:hidden") != std::string::npos) {
    return Skip::kAlways;
  }
  static const NameSet kRoles = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "menu"};
  if (kRoles.contains(Lower(Trim(Attr(node, "role"))))) return Skip::kSidebar;
  switch (node->v.element.tag) {
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_ARTICLE:
      return Skip::kNo;  // class names on these describe the page, not a part
    default:
      break;
  }
  if (Lower(Attr(node, "itemprop")) == "articlebody") return Skip::kNo;
  if (HasBoilerplateWord(Attr(node, "class")) || HasBoilerplateWord(Attr(node, "id"))) return Skip::kSidebar;
  return Skip::kNo;
}

bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_LEGEND:
      return true;
    default:
      return false;
  }
}

// Writes text with collapsed whitespace and paragraph breaks.
class TextWriter {
 public:
  void Text(std::string_view s) {
    for (char c : s) {
      if (IsSpace(c)) {
        space_ = true;
        continue;
      }
      if (!out_.empty()) {
        if (breaks_ > 0) {
          out_.append(breaks_ >= 2 ? "\n\n" : "\n");
        } else if (space_) {
          out_ += ' ';
        }
      }
      breaks_ = 0;
      space_ = false;
      out_ += c;
    }
  }
  void Break(int n) { breaks_ = std::max(breaks_, n); }
  std::string Take() { return std::move(out_); }

 private:
  std::string out_;
  int breaks_ = 0;
  bool space_ = false;
};

// The first object below a JSON-LD value that has a string datePublished
// (else the first with a headline), searched with an explicit stack.
const nlohmann::json* FindArticleObject(const nlohmann::json& root) {
  const nlohmann::json* with_headline = nullptr;
  std::vector<const nlohmann::json*> stack = {&root};
  size_t visited = 0;
  while (!stack.empty() && ++visited < 10000) {
    const nlohmann::json* j = stack.back();
    stack.pop_back();
    if (j->is_object()) {
      const auto date = j->find("datePublished");
      if (date != j->end() && date->is_string()) return j;
      const auto headline = j->find("headline");
      if (with_headline == nullptr && headline != j->end() && headline->is_string()) with_headline = j;
      std::vector<const nlohmann::json*> kids;
      for (const auto& [key, value] : j->items()) {
        if (value.is_structured()) kids.push_back(&value);
      }
      for (auto it = kids.rbegin(); it != kids.rend(); ++it) stack.push_back(*it);
    } else if (j->is_array()) {
      for (auto it = j->rbegin(); it != j->rend(); ++it) {
        if (it->is_structured()) stack.push_back(&*it);
      }
    }
  }
  return with_headline;
}

struct JsonLd {
  std::optional<std::string> headline, published, publisher;
};

void ReadJsonLd(std::string_view text, JsonLd* out) {
  if (text.size() > (1u << 20) || JsonNestingDepth(text) > 64) return;
  const auto j = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return;
  const nlohmann::json* a = FindArticleObject(j);
  if (a == nullptr) return;
  auto str = [](const nlohmann::json& o, const char* key) -> std::optional<std::string> {
    const auto it = o.find(key);
    if (it == o.end() || !it->is_string()) return std::nullopt;
    return NonEmpty(Collapse(it->get_ref<const std::string&>()));
  };
  if (!out->headline) out->headline = str(*a, "headline");
  if (!out->published) out->published = str(*a, "datePublished");
  if (!out->publisher) {
    const auto p = a->find("publisher");
    if (p != a->end()) {
      if (p->is_object()) out->publisher = str(*p, "name");
      if (p->is_array() && !p->empty() && p->front().is_object()) out->publisher = str(p->front(), "name");
    }
  }
}

struct Entry {
  const GumboNode* node;
  size_t parent;      // index in the entries, SIZE_MAX for the root
  size_t own_p = 0;   // for <p>: bytes of its text
  size_t sub_p = 0;   // bytes of <p> text in its subtree
  size_t score = 0;   // <p> text of its children, plus half that of its grandchildren
  Skip skip = Skip::kNo;
  bool skipped = false;  // it or an ancestor is boilerplate
};

constexpr size_t kNone = static_cast<size_t>(-1);
constexpr size_t kMinFormText = 500;  // a <form> holding this much paragraph text is the page (ASP.NET)

}  // namespace

std::optional<std::string> ExtractHtml(std::string_view utf8, const HtmlOptions& options, HtmlPage* page) {
  page->text.clear();
  page->title = page->source = page->url = page->published = std::nullopt;
  if (auto deep = CheckHtmlNesting(utf8, options.max_depth)) return deep;
  GumboOptions gopts = kGumboDefaultOptions;
  gopts.max_errors = 0;
  GumboOutput* output = gumbo_parse_with_options(&gopts, utf8.data(), utf8.size());
  if (output == nullptr) return "cannot parse HTML";
  struct Destroy {
    GumboOptions* o;
    GumboOutput* out;
    ~Destroy() { gumbo_destroy_output(o, out); }
  } destroy{&gopts, output};

  // Pass 1: metadata, paragraph text per element.
  std::optional<std::string> og_title, og_site, og_url, canonical, title_tag, h1, time_pub, time_first;
  std::optional<std::string> meta_published, itemprop_published, other_date;
  JsonLd jsonld;
  std::vector<Entry> entries;
  size_t body = kNone;
  std::vector<size_t> articles, article_bodies;
  {
    struct Item {
      const GumboNode* node;
      size_t parent;
      size_t p;  // the enclosing <p> entry, or kNone
      bool skipped, sidebar;
    };
    std::vector<Item> stack = {{output->root, kNone, kNone, false, false}};
    while (!stack.empty()) {
      const Item item = stack.back();
      stack.pop_back();
      const GumboNode* node = item.node;
      if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
        if (item.p != kNone && !item.skipped) entries[item.p].own_p += Collapse(node->v.text.text, SIZE_MAX).size();
        continue;
      }
      if (!IsElement(node)) continue;
      const GumboTag tag = node->v.element.tag;
      const size_t index = entries.size();
      entries.push_back({node, item.parent});
      Entry& e = entries.back();
      e.skip = Boilerplate(node);
      const bool sidebar = item.sidebar || e.skip == Skip::kSidebar;
      e.skipped = item.skipped || e.skip != Skip::kNo;
      switch (tag) {
        case GUMBO_TAG_TITLE:
          if (!title_tag) title_tag = NonEmpty(TextOf(node));
          break;
        case GUMBO_TAG_H1:
          if (!h1 && !sidebar) h1 = NonEmpty(TextOf(node));
          break;
        case GUMBO_TAG_BODY:
          if (body == kNone) body = index;
          break;
        case GUMBO_TAG_ARTICLE:
          articles.push_back(index);
          break;
        case GUMBO_TAG_META: {
          const std::string key = Lower(Trim(!Attr(node, "property").empty() ? Attr(node, "property")
                                             : !Attr(node, "name").empty()   ? Attr(node, "name")
                                                                             : Attr(node, "itemprop")));
          const std::string_view content = Attr(node, "content");
          auto set = [&](std::optional<std::string>& slot) {
            if (!slot) slot = NonEmpty(Collapse(content));
          };
          if (key == "og:title") set(og_title);
          if (key == "og:site_name") set(og_site);
          if (key == "og:url") set(og_url);
          if (key == "article:published_time") set(meta_published);
          if (key == "datepublished") set(itemprop_published);
          if (key == "pubdate" || key == "publishdate" || key == "date" || key == "dc.date" ||
              key == "dc.date.issued" || key == "dcterms.created" || key == "dcterms.date" ||
              key == "parsely-pub-date" || key == "sailthru.date" || key == "article.published") {
            set(other_date);
          }
          break;
        }
        case GUMBO_TAG_LINK:
          if (!canonical) {
            const std::string rel = Lower(Attr(node, "rel"));
            if (rel == "canonical") canonical = NonEmpty(Collapse(Attr(node, "href")));
          }
          break;
        case GUMBO_TAG_SCRIPT:
          if (Lower(Trim(Attr(node, "type"))) == "application/ld+json") ReadJsonLd(TextOf(node, 1u << 20), &jsonld);
          break;
        case GUMBO_TAG_TIME: {
          const std::string_view dt = Attr(node, "datetime");
          if (!dt.empty() && !sidebar) {
            const bool marked = gumbo_get_attribute(&node->v.element.attributes, "pubdate") != nullptr ||
                                Lower(Attr(node, "itemprop")) == "datepublished";
            if (marked && !time_pub) time_pub = NormaliseDate(dt);
            if (!time_first) time_first = NormaliseDate(dt);
          }
          break;
        }
        default:
          break;
      }
      if (Lower(Attr(node, "itemprop")) == "articlebody") article_bodies.push_back(index);
      const size_t p = tag == GUMBO_TAG_P ? index : item.p;
      const GumboVector& kids = Children(node);
      for (unsigned k = kids.length; k-- > 0;) {
        stack.push_back({static_cast<const GumboNode*>(kids.data[k]), index, p, e.skipped, sidebar});
      }
    }
  }
  // Subtree sums: every entry comes after its parent, so a reverse sweep
  // sees children first.
  for (size_t k = entries.size(); k-- > 0;) {
    Entry& e = entries[k];
    if (e.own_p > 0) {
      e.sub_p += e.own_p;
      if (e.parent != kNone) {
        entries[e.parent].score += e.own_p;
        const size_t grand = entries[e.parent].parent;
        if (grand != kNone) entries[grand].score += e.own_p / 2;
      }
    }
    if (e.parent != kNone) entries[e.parent].sub_p += e.sub_p;
  }
  // A large <form> is the page itself (ASP.NET wraps everything in one).
  auto skip_here = [&](const Entry& e) {
    if (e.skip == Skip::kNo) return false;
    return !(e.node->v.element.tag == GUMBO_TAG_FORM && e.sub_p >= kMinFormText);
  };
  // Recompute "skipped" now that the sums are known: a form that is kept
  // does not hide its content. Parents come before their children.
  for (Entry& e : entries) e.skipped = (e.parent != kNone && entries[e.parent].skipped) || skip_here(e);

  size_t root = kNone;
  for (size_t a : article_bodies) {
    if (root == kNone && !entries[a].skipped && entries[a].sub_p > 0) root = a;
  }
  if (options.fragment) {
    root = body;
  } else if (root == kNone) {
    for (size_t a : articles) {
      if (!entries[a].skipped && entries[a].sub_p > 0 && (root == kNone || entries[a].sub_p > entries[root].sub_p)) {
        root = a;
      }
    }
    if (root == kNone) {
      size_t best = 0;
      for (size_t k = 0; k < entries.size(); ++k) {
        if (!entries[k].skipped && entries[k].score > best) {
          best = entries[k].score;
          root = k;
        }
      }
    }
    if (root == kNone) root = body;
  }

  // Pass 2: the text of the root, in document order.
  TextWriter writer;
  if (root != kNone) {
    std::unordered_map<const GumboNode*, size_t> index_of;
    index_of.reserve(entries.size());
    for (size_t k = 0; k < entries.size(); ++k) index_of.emplace(entries[k].node, k);
    struct Item {
      const GumboNode* node;
      bool close;  // the end of a block element
    };
    std::vector<Item> stack = {{entries[root].node, false}};
    while (!stack.empty()) {
      const Item item = stack.back();
      stack.pop_back();
      const GumboNode* node = item.node;
      if (item.close) {
        writer.Break(2);
        continue;
      }
      if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA || node->type == GUMBO_NODE_WHITESPACE) {
        writer.Text(node->v.text.text);
        continue;
      }
      if (!IsElement(node)) continue;
      const auto it = index_of.find(node);
      if (it == index_of.end()) continue;
      if (node != entries[root].node && skip_here(entries[it->second])) continue;
      const GumboTag tag = node->v.element.tag;
      if (tag == GUMBO_TAG_BR) {
        writer.Break(1);
        continue;
      }
      const bool block = IsBlock(tag);
      if (block) {
        writer.Break(2);
        stack.push_back({node, true});
      }
      const GumboVector& kids = node->v.element.children;
      for (unsigned k = kids.length; k-- > 0;) stack.push_back({static_cast<const GumboNode*>(kids.data[k]), false});
    }
  }
  page->text = writer.Take();
  if (!page->text.empty()) page->text += '\n';

  page->title = og_title ? og_title : jsonld.headline ? jsonld.headline : title_tag ? title_tag : h1;
  page->url = canonical ? canonical : og_url;
  if (!page->url && !options.url.empty()) page->url = options.url;
  page->source = og_site ? og_site : jsonld.publisher;
  if (!page->source && page->url) page->source = HostOfUrl(*page->url);
  if (!page->source && !options.url.empty()) page->source = HostOfUrl(options.url);
  for (const auto* candidate : {&meta_published, &itemprop_published, &jsonld.published, &other_date}) {
    if (page->published) break;
    if (*candidate) page->published = NormaliseDate(**candidate);
  }
  if (!page->published) page->published = time_pub ? time_pub : time_first;
  if (!page->published && page->url) page->published = DateFromUrlPath(*page->url);
  if (!page->published && !options.url.empty()) page->published = DateFromUrlPath(options.url);
  // gumbo replaces ill-formed input by U+FFFD, so the text is valid UTF-8;
  // metadata cut by Collapse stays valid. Check anyway: it is cheap.
  for (auto* field : {&page->title, &page->source, &page->url, &page->published}) {
    if (*field && text::ValidateUtf8(**field)) *field = text::RepairUtf8(**field, nullptr);
  }
  if (text::ValidateUtf8(page->text)) page->text = text::RepairUtf8(page->text, nullptr);
  return std::nullopt;
}

std::optional<std::string> ReadHtml(std::string_view bytes, std::string_view transport_charset,
                                    const HtmlOptions& options, HtmlPage* page) {
  page->charset = DetectHtmlCharset(bytes, transport_charset);
  std::string utf8;
  if (auto err = ToUtf8(bytes, page->charset, options.repair, /*html=*/true, &utf8, &page->repaired)) {
    if (!page->charset.empty() && !IsUtf8Charset(page->charset) && err->starts_with("byte ")) {
      return *err + " (declared charset)";
    }
    return err;
  }
  return ExtractHtml(utf8, options, page);
}

}  // namespace chronicle::ingest
