#include <gtest/gtest.h>
#include "util/embedded_data.h"
TEST(EmbeddedData, MissingFileIsNullopt) {
  EXPECT_FALSE(chronicle::util::DataFile("no/such/file.txt").has_value());
}

#include <limits>

#include "util/json_writer.h"

namespace {

// A small document with every kind of value and both empty containers.
std::string WriteSample(int indent) {
  std::string out;
  chronicle::util::JsonWriter w(&out, indent);
  w.BeginObject();
  w.Key("name");
  w.String("a \"quoted\"\n line");
  w.Key("list");
  w.BeginArray();
  w.Int(-3);
  w.Double(2.5);
  w.Double(3);
  w.Null();
  w.EndArray();
  w.Key("none");
  w.BeginArray();
  w.EndArray();
  w.Key("empty");
  w.BeginObject();
  w.EndObject();
  w.Key("nested");
  w.BeginObject();
  w.Key("ok");
  w.Bool(true);
  w.Key("nan");
  w.Double(std::numeric_limits<double>::quiet_NaN());
  w.EndObject();
  w.EndObject();
  return out;
}

}  // namespace

TEST(JsonWriter, CompactOnOneLine) {
  EXPECT_EQ(WriteSample(0),
            R"({"name":"a \"quoted\"\n line","list":[-3,2.5,3.0,null],"none":[],"empty":{},)"
            R"("nested":{"ok":true,"nan":null}})");
}

TEST(JsonWriter, IndentedOneValuePerLineWithEmptyContainersInline) {
  EXPECT_EQ(WriteSample(2), R"({
  "name": "a \"quoted\"\n line",
  "list": [
    -3,
    2.5,
    3.0,
    null
  ],
  "none": [],
  "empty": {},
  "nested": {
    "ok": true,
    "nan": null
  }
})");
}

TEST(JsonWriter, DoublesReadBackExactly) {
  std::string out;
  chronicle::util::JsonWriter w(&out);
  w.Double(0.1 + 0.2);
  EXPECT_EQ(out, "0.30000000000000004");
}

TEST(JsonWriter, StringsShortAndLongPlainAndEscaped) {
  using chronicle::util::AppendJsonString;
  // Short plain strings take a shortcut; every other string the general
  // loop: both must write the same JSON, on both sides of the cut-off.
  for (size_t n : {0u, 1u, 61u, 62u, 63u, 200u}) {
    const std::string plain(n, 'x');
    std::string out = "[";
    AppendJsonString(&out, plain);
    EXPECT_EQ(out, "[\"" + plain + "\"") << n;
    std::string escaped = plain + "\"\\\t\x01\x7F" + "\xC3\xA9" + "\xFF";
    out.clear();
    AppendJsonString(&out, escaped);
    EXPECT_EQ(out, "\"" + plain + "\\\"\\\\\\t\\u0001\x7F\xC3\xA9\xEF\xBF\xBD\"") << n;
  }
}
