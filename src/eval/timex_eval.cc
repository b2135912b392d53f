// The timex evaluation driver. It lists the gold files (and the optional raw
// input files) with std::filesystem, using the error_code overloads so an
// unreadable directory becomes a report error instead of an exception, reads
// each with ReadTimeML (*.tml) or ReadCat (*.xml), tags the text with the
// default tagger anchored at the gold DCT, drops the system timexes a CAT
// document does not score, and scores all documents at once with
// ScoreTimexes. The same alignment is used to list the individual errors for
// development.
#include "eval/timex_eval.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <system_error>
#include <utility>

#include "time/timex.h"

namespace chronicle::eval {
namespace {

namespace fs = std::filesystem;

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Regular files under `dir` whose name ends with one of `suffixes` (all
// files when empty), sorted. Problems go to *errors.
std::vector<std::string> ListFiles(const std::string& dir, const std::vector<std::string>& suffixes,
                                   std::vector<std::string>* errors) {
  std::vector<std::string> files;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    errors->push_back(dir + ": not a directory");
    return files;
  }
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) {
    errors->push_back(dir + ": " + ec.message());
    return files;
  }
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) {
      errors->push_back(dir + ": " + ec.message());
      break;
    }
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec)) continue;
    const std::string path = it->path().string();
    const std::string name = it->path().filename().string();
    bool wanted = suffixes.empty();
    for (const auto& s : suffixes) wanted = wanted || EndsWith(name, s);
    if (wanted) files.push_back(path);
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string OneLine(std::string s) {
  for (char& c : s) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return s;
}

void AddMismatch(std::vector<std::string>* out, const std::string& docid, const char* kind,
                 const std::string& gold, const std::string& system) {
  out->push_back(docid + "\t" + kind + "\t" + OneLine(gold) + "\t" + OneLine(system));
}

void ListMismatches(const std::string& docid, const DocPair& doc, std::vector<std::string>* out) {
  const TimexAlignment a = AlignTimexes(doc.gold, doc.system);
  for (size_t gi = 0; gi < doc.gold.size(); ++gi) {
    const GoldTimex& g = doc.gold[gi];
    if (!a.gold_to_system[gi]) {
      AddMismatch(out, docid, "missed", g.text + "|" + g.value, "");
      continue;
    }
    const time::Timex& s = doc.system[*a.gold_to_system[gi]];
    if (g.type != s.type) {
      AddMismatch(out, docid, "wrong-type", g.text + "|" + g.type, s.text + "|" + s.type);
    }
    if (g.value != s.value) {
      AddMismatch(out, docid, "wrong-value", g.text + "|" + g.value, s.text + "|" + s.value);
    }
  }
  for (size_t si = 0; si < doc.system.size(); ++si) {
    if (a.system_to_gold[si]) continue;
    const time::Timex& s = doc.system[si];
    AddMismatch(out, docid, "spurious", "", s.text + "|" + s.value);
  }
}

// Replaces each byte that is not part of a well-formed UTF-8 sequence with
// U+FFFD.
std::string ValidUtf8(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
    if (c < 0x80) {
      len = 1;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    }
    bool ok = len > 0 && i + len <= s.size();
    for (size_t k = 1; ok && k < len; ++k) {
      const auto b = static_cast<unsigned char>(s[i + k]);
      ok = k == 1 ? (b >= lo && b <= hi) : (b >= 0x80 && b <= 0xBF);
    }
    if (ok) {
      out.append(s, i, len);
      i += len;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

nlohmann::json StringList(const std::vector<std::string>& items) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& s : items) list.push_back(ValidUtf8(s));
  return list;
}

nlohmann::json Prf(int matches, double p, double r, double f1) {
  return {{"matches", matches}, {"precision", p}, {"recall", r}, {"f1", f1}};
}

}  // namespace

EvalReport RunTimexEval(const EvalOptions& opts) {
  EvalReport report;
  report.cat_sentences = opts.cat_sentences;

  // DOCID -> text of the raw input documents.
  std::map<std::string, std::string> inputs;
  if (!opts.input_dir.empty()) {
    for (const std::string& path : ListFiles(opts.input_dir, {}, &report.errors)) {
      std::string error;
      std::optional<TimeMLDoc> in = ReadTimeML(path, &error);
      if (!in) {
        report.errors.push_back(error);
        continue;
      }
      if (!inputs.emplace(in->docid, std::move(in->text)).second) {
        report.warnings.push_back(path + ": duplicate input DOCID " + in->docid + " ignored");
      }
    }
  }

  std::vector<DocPair> pairs;
  const auto& tagger = time::TimexTagger::Default();
  // Tags one gold document and adds it to the scoring. For a CAT document
  // (cat not null, gold == &cat->doc), system timexes overlapping its DCT
  // markable are dropped, and those starting after its scored sentences.
  auto add_document = [&](TimeMLDoc* gold, const CatDoc* cat) {
    if (!gold->dct) {
      report.warnings.push_back(gold->docid + ": no usable DCT (value \"" + gold->dct_value +
                                "\"); tagging without one");
    }
    const std::string* text = &gold->text;
    if (!opts.input_dir.empty()) {
      const auto it = inputs.find(gold->docid);
      if (it == inputs.end()) {
        report.warnings.push_back(gold->docid + ": no input document; using the gold text");
      } else if (it->second != gold->text) {
        report.warnings.push_back(gold->docid +
                                  ": input text differs from the gold text; using the gold text");
      } else {
        text = &it->second;
      }
    }
    DocPair pair;
    pair.system = tagger.Tag(*text, gold->dct).timexes;
    if (cat != nullptr && cat->dct_timex) {
      const GoldTimex& dct = *cat->dct_timex;
      report.cat_system_dropped += static_cast<int>(std::erase_if(
          pair.system, [&](const time::Timex& t) { return t.start < dct.end && dct.start < t.end; }));
    }
    if (cat != nullptr) {
      const size_t scored_end = CatScoredEnd(*cat, opts.cat_sentences);
      report.cat_system_out_of_scope += static_cast<int>(std::erase_if(
          pair.system, [&](const time::Timex& t) { return t.start >= scored_end; }));
    }
    pair.gold = std::move(gold->timexes);
    ListMismatches(gold->docid, pair, &report.mismatches);
    pairs.push_back(std::move(pair));
    ++report.documents;
  };

  for (const std::string& path : ListFiles(opts.gold_dir, {".tml", ".xml"}, &report.errors)) {
    std::string error;
    if (EndsWith(path, ".tml")) {
      std::optional<TimeMLDoc> gold = ReadTimeML(path, &error);
      if (!gold) {
        report.errors.push_back(error);
        continue;
      }
      add_document(&*gold, nullptr);
      continue;
    }
    CatError kind = CatError::kNone;
    std::optional<CatDoc> cat = ReadCat(path, &error, &kind);
    if (!cat) {
      if (kind == CatError::kNotCat) {
        report.warnings.push_back(path + ": .xml file that is not a CAT document; skipped");
      } else {
        report.errors.push_back(error);
      }
      continue;
    }
    ++report.cat_documents;
    if (cat->dct_timex) ++report.cat_dct_excluded;
    report.cat_unanchored += cat->unanchored;
    add_document(&cat->doc, &*cat);
  }
  report.scores = ScoreTimexes(pairs);
  return report;
}

std::string FormatReport(const EvalReport& report) {
  const TimexScores& s = report.scores;
  std::string out;
  char line[160];
  auto add = [&](const char* label, const char* fmt, auto... values) {
    int n = std::snprintf(line, sizeof line, "%-16s", label);
    if (n > 0) out.append(line, static_cast<size_t>(n));
    n = std::snprintf(line, sizeof line, fmt, values...);
    if (n > 0) out.append(line, std::min(static_cast<size_t>(n), sizeof line - 1));
    out += '\n';
  };
  add("documents", "%d", report.documents);
  add("gold timexes", "%d", s.gold);
  add("system timexes", "%d", s.system);
  out += "\n                P       R       F1      matches\n";
  add("strict", "%.3f   %.3f   %.3f   %d", s.strict_p, s.strict_r, s.strict_f1, s.strict_match);
  add("relaxed", "%.3f   %.3f   %.3f   %d", s.relaxed_p, s.relaxed_r, s.relaxed_f1,
      s.relaxed_match);
  out += "\n                accuracy  F1      correct\n";
  add("type", "%.3f     %.3f   %d", s.type_accuracy, s.type_f1, s.type_correct);
  add("value", "%.3f     %.3f   %d", s.value_accuracy, s.value_f1, s.value_correct);
  out += '\n';
  if (report.cat_documents > 0) {
    add("CAT documents", "%d", report.cat_documents);
    add("  DCT", "%d not scored, %d system timexes on them dropped", report.cat_dct_excluded,
        report.cat_system_dropped);
    add("  no anchors", "%d TIMEX3 skipped", report.cat_unanchored);
    if (report.cat_sentences == 0) {
      add("  scored", "%s", "whole text");
    } else {
      add("  scored", "first %zu sentences, %d system timexes after them dropped",
          report.cat_sentences, report.cat_system_out_of_scope);
    }
    out += '\n';
  }
  add("warnings", "%zu", report.warnings.size());
  add("errors", "%zu", report.errors.size());
  for (const auto& e : report.errors) out += "  error: " + e + "\n";
  return out;
}

nlohmann::json ReportJson(const EvalReport& report) {
  const TimexScores& s = report.scores;
  nlohmann::json j = {
      {"documents", report.documents},
      {"gold", s.gold},
      {"system", s.system},
      {"strict", Prf(s.strict_match, s.strict_p, s.strict_r, s.strict_f1)},
      {"relaxed", Prf(s.relaxed_match, s.relaxed_p, s.relaxed_r, s.relaxed_f1)},
      {"type", {{"correct", s.type_correct}, {"accuracy", s.type_accuracy}, {"f1", s.type_f1}}},
      {"value", {{"correct", s.value_correct}, {"accuracy", s.value_accuracy}, {"f1", s.value_f1}}},
      {"warnings", StringList(report.warnings)},
      {"errors", StringList(report.errors)},
      {"mismatches", StringList(report.mismatches)},
  };
  if (report.cat_documents > 0) {
    j["cat"] = {{"documents", report.cat_documents},
                {"dct_excluded", report.cat_dct_excluded},
                {"system_dropped", report.cat_system_dropped},
                {"sentences", report.cat_sentences},
                {"system_out_of_scope", report.cat_system_out_of_scope},
                {"unanchored", report.cat_unanchored}};
  }
  return j;
}

}  // namespace chronicle::eval
