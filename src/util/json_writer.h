// A small streaming JSON writer for hot output paths (one object per
// document), where building a DOM first would cost more than the analysis.
//
//   std::string out;
//   chronicle::util::JsonWriter w(&out);
//   w.BeginObject(); w.Key("file"); w.String(path); w.EndObject();
//
// Strings are escaped per RFC 8259; invalid UTF-8 is replaced by U+FFFD so
// the output is always valid JSON.
#pragma once

#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace chronicle::util {

// Appends s to out as a JSON string literal (with quotes).
void AppendJsonString(std::string* out, std::string_view s);
// True when every byte of s is printable ASCII other than '"' and '\\':
// written between quotes as it is.
bool IsPlainJsonText(std::string_view s);

class JsonWriter {
 public:
  // indent 0: compact, on one line. indent n: one member or element per
  // line, nested n spaces deeper, "key": value, and empty containers as {}
  // or [] (the layout of nlohmann::json::dump(n)).
  explicit JsonWriter(std::string* out, int indent = 0) : out_(out), indent_(indent) {}
  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view k) {
    // Compact output and a short key that needs no escaping (every key we
    // write): the separator, the quoted key and the colon in one append.
    if (indent_ == 0 && !after_key_ && k.size() <= kShortKey && IsPlainJsonText(k)) {
      char buf[kShortKey + 4];
      size_t n = 0;
      if (!first_) buf[n++] = ',';
      first_ = false;
      buf[n++] = '"';
      std::memcpy(buf + n, k.data(), k.size());
      n += k.size();
      buf[n++] = '"';
      buf[n++] = ':';
      out_->append(buf, n);
      after_key_ = true;
      return;
    }
    Separate();
    AppendJsonString(out_, k);
    if (indent_ > 0) {
      out_->append(": ", 2);
    } else {
      out_->push_back(':');
    }
    after_key_ = true;  // the value follows without a separator
  }
  void String(std::string_view s) {
    Separate();
    AppendJsonString(out_, s);
  }
  void Int(int64_t v) {
    Separate();
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    out_->append(buf, static_cast<size_t>(r.ptr - buf));
  }
  // The shortest form that reads back as the same double, with ".0" when
  // it would look like an integer; NaN and infinities (no JSON form) as null.
  void Double(double v);
  void Bool(bool v) {
    Separate();
    out_->append(v ? "true" : "false");
  }
  void Null() {
    Separate();
    out_->append("null");
  }
  // A string, or null when empty.
  void StringOrNull(std::string_view s) { s.empty() ? Null() : String(s); }

 private:
  void Separate() {
    if (after_key_) {
      after_key_ = false;
      return;
    }
    if (!first_) out_->push_back(',');
    first_ = false;
    if (indent_ > 0 && depth_ > 0) NewLine();
  }
  void NewLine() {
    out_->push_back('\n');
    out_->append(static_cast<size_t>(depth_ * indent_), ' ');
  }
  void Open(char c) {
    Separate();
    out_->push_back(c);
    ++depth_;
    first_ = true;
  }
  void Close(char c) {
    --depth_;
    if (!first_ && indent_ > 0) NewLine();
    out_->push_back(c);
    first_ = false;
  }
  static constexpr size_t kShortKey = 48;
  std::string* out_;
  int indent_ = 0;
  int depth_ = 0;
  bool first_ = true;      // nothing written yet in the current container
  bool after_key_ = false;  // a key was written, its value is next
};

}  // namespace chronicle::util
