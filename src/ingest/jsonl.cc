// JSON Lines: one article per line, read with a bounded line buffer and
// parsed with nlohmann-json (after a linear check of the bracket depth, so no
// line can make the parser or the value's destructor go deep).
#include <nlohmann/json.hpp>

#include "ingest/dates.h"
#include "ingest/formats.h"
#include "text/utf8.h"

namespace chronicle::ingest {
namespace {

constexpr size_t kMaxJsonDepth = 64;

// The value at `path` ("title", or "meta.title" for a nested field: the
// literal key is tried first). nullptr when absent or null.
const nlohmann::json* Field(const nlohmann::json& object, const std::string& path) {
  if (path.empty()) return nullptr;
  if (const auto it = object.find(path); it != object.end()) return it->is_null() ? nullptr : &*it;
  const nlohmann::json* at = &object;
  size_t start = 0;
  while (start <= path.size()) {
    const size_t dot = std::min(path.find('.', start), path.size());
    if (!at->is_object()) return nullptr;
    const auto it = at->find(path.substr(start, dot - start));
    if (it == at->end()) return nullptr;
    at = &*it;
    start = dot + 1;
  }
  return at->is_null() ? nullptr : at;
}

// A short reason from nlohmann's parse_error message, without the input it
// quotes ("syntax error while parsing value - invalid literal").
std::string ParseReason(const nlohmann::json::exception& e) {
  std::string what = e.what();
  const size_t colon = what.find(": ");
  if (colon != std::string::npos) what.erase(0, colon + 2);
  const size_t last = what.find("; last read");
  if (last != std::string::npos) what.erase(last);
  return OneLine(what, 120);
}

}  // namespace

size_t JsonNestingDepth(std::string_view s) {
  size_t depth = 0, deepest = 0;
  bool in_string = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

void ReadJsonl(StreamReader& in, const std::string& name, const ReadOptions& options, const DocumentSink& sink) {
  const JsonlFields& f = options.jsonl;
  std::string line;
  for (size_t number = 1;; ++number) {
    uint64_t long_bytes = 0;
    const LineStatus status = in.ReadLine(&line, options.max_record_bytes, &long_bytes);
    if (status == LineStatus::kEnd) break;
    const std::string path = name + ":" + std::to_string(number);
    auto error = [&](std::string reason) { sink.on_error(ReadError{path, std::move(reason)}); };
    if (status == LineStatus::kTooLong) {
      error("line of " + FormatBytes(long_bytes) + " is longer than the limit of " +
            FormatBytes(options.max_record_bytes) + " for one record; skipped");
      continue;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);
    if (line.empty()) {
      error("empty line");
      continue;
    }
    if (line.find_first_not_of(" \t") == std::string::npos) {
      error("blank line");
      continue;
    }
    if (JsonNestingDepth(line) > kMaxJsonDepth) {
      error("JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
      continue;
    }
    size_t repaired = 0;
    if (options.repair && text::ValidateUtf8(line)) line = text::RepairUtf8(line, &repaired);
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
      error("not JSON (" + ParseReason(e) + " at byte " + std::to_string(e.byte > 0 ? e.byte - 1 : 0) + ")");
      continue;
    } catch (const nlohmann::json::exception& e) {  // e.g. a number out of range
      error("not JSON (" + ParseReason(e) + ")");
      continue;
    }
    if (!j.is_object()) {
      error(std::string("not a JSON object (") + (j.is_array() ? "an array" : j.type_name()) + ")");
      continue;
    }
    // Every mapped field present must be a string.
    std::optional<std::string> bad;
    auto get = [&](const std::string& key) -> std::optional<std::string> {
      const nlohmann::json* v = Field(j, key);
      if (v == nullptr) return std::nullopt;
      if (!v->is_string()) {
        if (!bad) bad = "field '" + OneLine(key, 40) + "' is " + (v->is_array() || v->is_object() ? "an " : "a ") +
                        v->type_name() + ", expected a string";
        return std::nullopt;
      }
      return v->get<std::string>();
    };
    std::optional<std::string> text = get(f.text), html = get(f.html);
    Document doc;
    doc.path = path;
    doc.title = get(f.title);
    doc.url = get(f.url);
    doc.source = get(f.source);
    const std::optional<std::string> published = get(f.published);
    if (bad) {
      error(*bad);
      continue;
    }
    if (!text && !html) {
      error("no '" + OneLine(f.text, 40) + "' or '" + OneLine(f.html, 40) + "' field");
      continue;
    }
    if (text) {
      doc.body = std::move(*text);
    } else {
      HtmlPage page;
      if (auto err = ExtractHtml(*html, HtmlOptionsFor(options, doc.url.value_or(""), false), &page)) {
        error(*err);
        continue;
      }
      doc.body = std::move(page.text);
      if (!doc.title) doc.title = page.title;
      if (!doc.url) doc.url = page.url;
      if (!doc.source) doc.source = page.source;
      if (!published) doc.published = page.published;
    }
    if (published) {
      auto iso = NormaliseDate(*published);
      doc.published = iso ? std::move(iso) : published;
    }
    if (!doc.source && doc.url) doc.source = HostOfUrl(*doc.url);
    if (auto err = CheckText(&doc.body, options.repair, nullptr)) {
      error(*err);
      continue;
    }
    if (repaired > 0 && sink.on_warning) {
      sink.on_warning(path + ": repaired " + std::to_string(repaired) + " invalid UTF-8 " +
                      (repaired == 1 ? "sequence" : "sequences"));
    }
    sink.on_document(std::move(doc));
  }
  if (!in.error().empty()) sink.on_error(ReadError{name, in.error()});
}

}  // namespace chronicle::ingest
