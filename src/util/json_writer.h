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

#include <cstdint>
#include <string>
#include <string_view>

namespace chronicle::util {

// Appends s to out as a JSON string literal (with quotes).
void AppendJsonString(std::string* out, std::string_view s);

class JsonWriter {
 public:
  explicit JsonWriter(std::string* out) : out_(out) {}
  void BeginObject() {
    Separate();
    out_->push_back('{');
    first_ = true;
  }
  void EndObject() {
    out_->push_back('}');
    first_ = false;
  }
  void BeginArray() {
    Separate();
    out_->push_back('[');
    first_ = true;
  }
  void EndArray() {
    out_->push_back(']');
    first_ = false;
  }
  void Key(std::string_view k) {
    Separate();
    AppendJsonString(out_, k);
    out_->push_back(':');
    first_ = true;  // the value follows without a comma
  }
  void String(std::string_view s) {
    Separate();
    AppendJsonString(out_, s);
  }
  void Int(int64_t v) {
    Separate();
    out_->append(std::to_string(v));
  }
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
    if (!first_) out_->push_back(',');
    first_ = false;
  }
  std::string* out_;
  bool first_ = true;
};

}  // namespace chronicle::util
