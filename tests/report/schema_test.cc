// Checks timeline.json against docs/timeline.schema.json with a small JSON
// Schema validator written here for the keywords that schema uses (type,
// required, properties, additionalProperties, items, enum, const, anyOf,
// pattern, minimum, $ref into $defs). A keyword it does not know makes the
// test fail, so the schema cannot outgrow the validator silently.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "events/analysis.h"
#include "ingest/reader.h"
#include "merge/timeline.h"
#include "report/report.h"
#include "timeline_fixture.h"

namespace {

using nlohmann::json;

json LoadSchema() {
  std::ifstream in(std::string(CHRONICLE_SOURCE_DIR) + "/docs/timeline.schema.json");
  EXPECT_TRUE(in.good()) << "docs/timeline.schema.json missing";
  return json::parse(in);
}

class Validator {
 public:
  explicit Validator(const json& root) : root_(root) {}

  // Returns the problems found; empty when `value` is valid.
  std::vector<std::string> Validate(const json& value) {
    errors_.clear();
    Check(root_, value, "$");
    return errors_;
  }

 private:
  const json& Resolve(const json& schema) {
    if (!schema.is_object() || !schema.contains("$ref")) return schema;
    const std::string ref = schema["$ref"];
    const std::string prefix = "#/$defs/";
    if (ref.rfind(prefix, 0) != 0 || !root_["$defs"].contains(ref.substr(prefix.size()))) {
      static const json kNever = {{"enum", json::array()}};
      errors_.push_back("unresolvable $ref " + ref);
      return kNever;
    }
    return Resolve(root_["$defs"][ref.substr(prefix.size())]);
  }

  static bool HasType(const json& v, const std::string& type) {
    if (type == "object") return v.is_object();
    if (type == "array") return v.is_array();
    if (type == "string") return v.is_string();
    if (type == "integer") return v.is_number_integer();
    if (type == "number") return v.is_number();
    if (type == "boolean") return v.is_boolean();
    if (type == "null") return v.is_null();
    return false;
  }

  // True when valid; appends errors otherwise.
  bool Check(const json& schema_in, const json& v, const std::string& where) {
    const json& schema = Resolve(schema_in);
    const size_t before = errors_.size();
    if (schema.contains("type")) {
      const json& t = schema["type"];
      bool ok = false;
      if (t.is_string()) {
        ok = HasType(v, t);
      } else {
        for (const auto& one : t) ok = ok || HasType(v, one);
      }
      if (!ok) errors_.push_back(where + ": expected type " + t.dump() + ", got " + v.dump());
    }
    if (schema.contains("enum")) {
      bool found = false;
      for (const auto& option : schema["enum"]) found = found || option == v;
      if (!found) errors_.push_back(where + ": " + v.dump() + " not in enum " + schema["enum"].dump());
    }
    if (schema.contains("const") && schema["const"] != v) {
      errors_.push_back(where + ": expected " + schema["const"].dump() + ", got " + v.dump());
    }
    if (schema.contains("pattern") && v.is_string()) {
      const std::regex re(schema["pattern"].get<std::string>(), std::regex::ECMAScript);
      if (!std::regex_search(v.get<std::string>(), re)) {
        errors_.push_back(where + ": " + v.dump() + " does not match " + schema["pattern"].dump());
      }
    }
    if (schema.contains("minimum") && v.is_number() && v.get<double>() < schema["minimum"].get<double>()) {
      errors_.push_back(where + ": " + v.dump() + " below minimum");
    }
    if (schema.contains("anyOf")) {
      bool any = false;
      for (const auto& option : schema["anyOf"]) {
        Validator sub(root_);
        sub.errors_.clear();
        if (sub.Check(option, v, where)) any = true;
      }
      if (!any) errors_.push_back(where + ": matches no anyOf option: " + v.dump());
    }
    if (v.is_object()) {
      if (schema.contains("required")) {
        for (const auto& key : schema["required"]) {
          if (!v.contains(key.get<std::string>())) errors_.push_back(where + ": missing required " + key.dump());
        }
      }
      const json* props = schema.contains("properties") ? &schema["properties"] : nullptr;
      for (const auto& [key, child] : v.items()) {
        if (props != nullptr && props->contains(key)) {
          Check((*props)[key], child, where + "." + key);
        } else if (schema.contains("additionalProperties")) {
          const json& extra = schema["additionalProperties"];
          if (extra.is_boolean()) {
            if (!extra.get<bool>()) errors_.push_back(where + ": unexpected property " + key);
          } else {
            Check(extra, child, where + "." + key);
          }
        }
      }
    }
    if (v.is_array() && schema.contains("items")) {
      for (size_t i = 0; i < v.size(); ++i) Check(schema["items"], v[i], where + "[" + std::to_string(i) + "]");
    }
    return errors_.size() == before;
  }

  const json& root_;
  std::vector<std::string> errors_;
};

std::string Join(const std::vector<std::string>& errors) {
  std::string out;
  for (const auto& e : errors) out += e + "\n";
  return out;
}

json SmallJson() { return json::parse(chronicle::report::TimelineJson(chronicle::testing::SmallTimeline())); }

// Walks every subschema and collects the keywords it uses.
void CollectKeywords(const json& schema, std::set<std::string>* keywords) {
  if (!schema.is_object()) return;
  for (const auto& [key, child] : schema.items()) {
    keywords->insert(key);
    if (key == "properties" || key == "$defs") {
      for (const auto& [name, sub] : child.items()) CollectKeywords(sub, keywords);
    } else if (key == "items" || key == "additionalProperties") {
      CollectKeywords(child, keywords);
    } else if (key == "anyOf") {
      for (const auto& sub : child) CollectKeywords(sub, keywords);
    }
  }
}

TEST(ReportSchema, UsesOnlyKeywordsTheValidatorKnows) {
  const json schema = LoadSchema();
  EXPECT_EQ(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
  std::set<std::string> keywords;
  CollectKeywords(schema, &keywords);
  const std::set<std::string> known = {"$schema",     "$id",  "$defs",    "$ref",       "title",
                                       "description", "type", "required", "properties", "additionalProperties",
                                       "items",       "enum", "const",    "anyOf",      "pattern",
                                       "minimum"};
  for (const auto& k : keywords) EXPECT_TRUE(known.count(k)) << "validator does not implement " << k;
}

TEST(ReportSchema, EveryPropertyIsDescribed) {
  const json schema = LoadSchema();
  std::vector<const json*> objects = {&schema};
  for (const auto& [name, def] : schema["$defs"].items()) objects.push_back(&def);
  size_t described = 0;
  while (!objects.empty()) {
    const json* o = objects.back();
    objects.pop_back();
    if (!o->contains("properties")) continue;
    for (const auto& [name, prop] : (*o)["properties"].items()) {
      const bool has = prop.contains("description") || prop.contains("$ref");
      EXPECT_TRUE(has) << "property " << name << " has no description";
      if (prop.contains("properties")) objects.push_back(&prop);
      ++described;
    }
    // Every property must be required: readers may rely on each key being there.
    for (const auto& [name, prop] : (*o)["properties"].items()) {
      bool required = false;
      for (const auto& r : o->value("required", json::array())) required = required || r == name;
      EXPECT_TRUE(required) << name << " is not required";
    }
  }
  EXPECT_GT(described, 40u);
  for (const auto& [name, def] : schema["$defs"].items()) EXPECT_TRUE(def.contains("description")) << name;
}

TEST(ReportSchema, HandMadeTimelineValidates) {
  const json schema = LoadSchema();
  Validator validator(schema);
  const auto errors = validator.Validate(SmallJson());
  EXPECT_TRUE(errors.empty()) << Join(errors);
}

// The real thing: the timeline of the five seed articles and of our examples.
TEST(ReportSchema, SeedAndExampleTimelinesValidate) {
  const json schema = LoadSchema();
  Validator validator(schema);
  for (const std::string& dir :
       {std::string(CHRONICLE_SHARED_DIR) + "/seeds", std::string(CHRONICLE_SOURCE_DIR) + "/examples"}) {
    if (!std::filesystem::is_directory(dir)) continue;  // no seeds beside this checkout
    auto batch = chronicle::ingest::ReadInputs({dir}, {});
    ASSERT_FALSE(batch.documents.empty()) << dir;
    std::vector<chronicle::events::DocumentAnalysis> docs;
    for (size_t i = 0; i < batch.documents.size(); ++i) {
      docs.push_back(chronicle::events::AnalyseDocument(std::move(batch.documents[i]), std::nullopt));
      docs.back().id = "d" + std::to_string(i + 1);
    }
    const auto j = json::parse(chronicle::report::TimelineJson(chronicle::merge::BuildTimeline(docs)));
    EXPECT_FALSE(j["events"].empty()) << dir;
    const auto errors = validator.Validate(j);
    EXPECT_TRUE(errors.empty()) << dir << ": " << Join(errors);
  }
}

TEST(ReportSchema, EmptyTimelineValidates) {
  const json schema = LoadSchema();
  Validator validator(schema);
  const auto errors = validator.Validate(json::parse(chronicle::report::TimelineJson({})));
  EXPECT_TRUE(errors.empty()) << Join(errors);
}

// Each broken variant must be rejected, naming the problem.
struct Breakage {
  const char* name;
  void (*apply)(json*);
  const char* expected;
};

TEST(ReportSchema, RejectsBrokenDocuments) {
  const json schema = LoadSchema();
  const Breakage cases[] = {
      {"missing event date", [](json* j) { (*j)["events"][0].erase("date"); }, "missing required \"date\""},
      {"missing top-level conflicts", [](json* j) { j->erase("conflicts"); }, "missing required \"conflicts\""},
      {"missing mention sentence", [](json* j) { (*j)["events"][1]["mentions"][0].erase("sentence"); },
       "missing required \"sentence\""},
      {"unknown conflict kind", [](json* j) { (*j)["conflicts"][0]["kind"] = "vibes"; }, "not in enum"},
      {"unknown precision", [](json* j) { (*j)["events"][0]["precision"] = "week"; }, "not in enum"},
      {"unknown actor type", [](json* j) { (*j)["events"][0]["actors"][0]["type"] = "planet"; }, "not in enum"},
      {"unknown role", [](json* j) { (*j)["events"][0]["actors"][0]["role"] = "hero"; }, "not in enum"},
      {"unknown class", [](json* j) { (*j)["events"][0]["class"] = "party"; }, "not in enum"},
      {"unknown hedge", [](json* j) { (*j)["events"][0]["mentions"][0]["hedge"] = "maybe"; }, "matches no anyOf"},
      {"score as string", [](json* j) { (*j)["events"][0]["score"] = "high"; }, "expected type"},
      {"number value as float", [](json* j) { (*j)["events"][0]["numbers"][0]["value"] = 38.5; }, "expected type"},
      {"title as number", [](json* j) { (*j)["documents"][0]["title"] = 7; }, "expected type"},
      {"bad date", [](json* j) { (*j)["events"][0]["date"] = "25 December"; }, "does not match"},
      {"bad published date", [](json* j) { (*j)["documents"][1]["published"] = "July 2025"; }, "matches no anyOf"},
      {"negative offset", [](json* j) { (*j)["events"][0]["mentions"][0]["timex_begin"] = -1; }, "below minimum"},
      {"wrong schema number", [](json* j) { (*j)["chronicle"]["schema"] = 2; }, "expected 1"},
      {"extra property", [](json* j) { (*j)["events"][0]["mood"] = "grim"; }, "unexpected property mood"},
  };
  for (const auto& c : cases) {
    json broken = SmallJson();
    c.apply(&broken);
    Validator validator(schema);
    const auto errors = validator.Validate(broken);
    ASSERT_FALSE(errors.empty()) << c.name << " was accepted";
    EXPECT_NE(Join(errors).find(c.expected), std::string::npos) << c.name << ":\n" << Join(errors);
  }
}

TEST(ReportSchema, ValidatorFollowsRefsAndTypeLists) {
  const json schema = json::parse(R"({
    "type": "object", "required": ["a"], "additionalProperties": false,
    "properties": {"a": {"type": "array", "items": {"$ref": "#/$defs/x"}}},
    "$defs": {"x": {"type": ["integer", "null"], "minimum": 0}}
  })");
  Validator validator(schema);
  EXPECT_TRUE(validator.Validate(json::parse(R"({"a": [1, null, 2]})")).empty());
  EXPECT_FALSE(validator.Validate(json::parse(R"({"a": [1, "x"]})")).empty());
  EXPECT_FALSE(validator.Validate(json::parse(R"({"a": [-1]})")).empty());
  EXPECT_FALSE(validator.Validate(json::parse(R"({})")).empty());
  EXPECT_FALSE(validator.Validate(json::parse(R"({"a": [], "b": 1})")).empty());
  EXPECT_FALSE(validator.Validate(json::parse(R"([])")).empty());
}

}  // namespace
