// The plain-text golden files shared by the tagger, actor and event tests:
//
//   == case name
//   key value            (optional header lines, for the keys the test names)
//   The text, one or more lines.
//   ----
//   expected line
//   ...
//
// ReadGoldenCases walks `dir` for *.txt files in name order and returns each
// case with its header values, its text lines and its expected lines (empty
// lines and lines starting with '#' after "----" are skipped). How the text
// lines are joined and how expected lines are compared is the test's choice.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace chronicle::testing {

struct GoldenCase {
  std::string file;  // file name, for messages
  int line = 0;      // line of the "== " header
  std::string name;
  std::map<std::string, std::string> headers;  // key -> value, from lines before the text
  std::vector<std::string> text;               // the text lines
  std::vector<std::string> expected;
};

inline std::vector<GoldenCase> ReadGoldenCases(const std::filesystem::path& dir,
                                               const std::vector<std::string>& header_keys) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    if (e.path().extension() == ".txt") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  std::vector<GoldenCase> cases;
  for (const auto& path : files) {
    std::ifstream in(path);
    std::string line;
    int line_no = 0;
    GoldenCase* cur = nullptr;
    bool in_text = false;
    while (std::getline(in, line)) {
      ++line_no;
      if (line.rfind("== ", 0) == 0) {
        cases.push_back(GoldenCase{path.filename().string(), line_no, line.substr(3), {}, {}, {}});
        cur = &cases.back();
        in_text = true;
        continue;
      }
      if (cur == nullptr) continue;
      if (in_text) {
        if (line == "----") {
          in_text = false;
          continue;
        }
        bool header = false;
        if (cur->text.empty()) {
          for (const auto& key : header_keys) {
            if (line.rfind(key + " ", 0) == 0) {
              cur->headers[key] = line.substr(key.size() + 1);
              header = true;
            }
          }
        }
        if (!header) cur->text.push_back(line);
      } else if (!line.empty() && line[0] != '#') {
        cur->expected.push_back(line);
      }
    }
  }
  return cases;
}

}  // namespace chronicle::testing
