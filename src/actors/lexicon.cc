// Building the actor lexicon.
//
// Countries come first: every ISO 3166-1 entry of iso-codes becomes a country
// actor named by its common_name, else its name; all its names (name,
// common_name, official_name) become phrases. data/actors/countries.txt then
// renames entries ("Russian Federation" -> "Russia", "Türkiye" -> "Turkey")
// and adds short forms ("the US", "Britain"). Organisations, demonyms,
// metonyms, people, titles, stop phrases and organisation patterns follow,
// each from its own file under data/actors/. Files are line-based: '#'
// starts a comment, fields are separated by '|'.
#include "actors/lexicon.h"

#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>

#include "util/embedded_data.h"

namespace chronicle::actors {

extern const char kIso3166Json[];
extern const size_t kIso3166JsonSize;

namespace {

uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

uint64_t Load64(const char* p) {
  uint64_t w;
  std::memcpy(&w, p, 8);
  return w;
}
uint64_t Load32(const char* p) {
  uint32_t w;
  std::memcpy(&w, p, 4);
  return w;
}

// A hash of a token key, read a word at a time (every token of a text is
// looked up, so a byte-at-a-time hash was most of Child's cost). The loads
// never leave the key and, with the length, determine every byte of it:
// 1-3 bytes by the first, middle and last byte, 4-8 by two overlapping
// 4-byte loads, longer keys by 8-byte chunks and the last 8 bytes; a key of
// up to 8 bytes (most words) costs one multiply here and EdgeKey's Mix. Edge
// keys live only in memory, so the hash may change freely (as before, two
// edges with one 64-bit key would share a slot of edges_; Child checks the
// label, parent and spacing of what it finds).
inline uint64_t KeyHash(std::string_view key) {
  constexpr uint64_t kOdd = 0x9E3779B97F4A7C15ULL;  // one multiply per word: EdgeKey mixes the result
  const char* p = key.data();
  const size_t n = key.size();
  uint64_t w = 0;
  if (n > 8) {
    uint64_t h = n;
    for (size_t i = 0; i + 8 < n; i += 8) h = Mix(h ^ Load64(p + i));
    w = h ^ Load64(p + n - 8);
  } else if (n == 8) {
    w = Load64(p);
  } else if (n >= 4) {
    w = Load32(p) | (Load32(p + n - 4) << 32);
  } else if (n > 0) {
    w = static_cast<unsigned char>(p[0]) | (static_cast<uint64_t>(static_cast<unsigned char>(p[n / 2])) << 8) |
        (static_cast<uint64_t>(static_cast<unsigned char>(p[n - 1])) << 16);
  }
  return (w ^ n) * kOdd;
}

inline uint64_t EdgeKey(uint32_t node, std::string_view key, bool spaced) {
  return Mix(KeyHash(key) ^ (static_cast<uint64_t>(node) << 1) ^ (spaced ? 1 : 0));
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// The '|'-separated fields of each non-comment, non-blank line.
std::vector<std::vector<std::string>> ReadTable(const std::string& content) {
  std::vector<std::vector<std::string>> rows;
  size_t pos = 0;
  while (pos < content.size()) {
    size_t nl = content.find('\n', pos);
    if (nl == std::string::npos) nl = content.size();
    std::string_view line(content.data() + pos, nl - pos);
    pos = nl + 1;
    if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = Trim(line);
    if (line.empty()) continue;
    std::vector<std::string> fields;
    size_t b = 0;
    for (;;) {
      size_t bar = line.find('|', b);
      fields.emplace_back(Trim(line.substr(b, bar == std::string_view::npos ? std::string_view::npos : bar - b)));
      if (bar == std::string_view::npos) break;
      b = bar + 1;
    }
    rows.push_back(std::move(fields));
  }
  return rows;
}

bool Load(const std::string& file, std::vector<std::vector<std::string>>* rows, std::string* error) {
  auto content = util::DataFile("actors/" + file);
  if (!content) {
    *error = "data file actors/" + file + " is missing";
    return false;
  }
  *rows = ReadTable(*content);
  return true;
}

// English plural of a demonym: "Russian" -> "Russians"; none for "Turkish",
// "French", "Chinese", "Swiss".
std::optional<std::string> Plural(const std::string& d) {
  auto ends = [&](std::string_view s) {
    return d.size() >= s.size() && d.compare(d.size() - s.size(), s.size(), s) == 0;
  };
  if (ends("sh") || ends("ch") || ends("ese") || ends("s") || ends("x") || ends("z")) return std::nullopt;
  return d + "s";
}

// Adds `phrase` as written and, when it is ASCII with words of four letters
// or more, in capitals too: headlines write "RUSSIA", "AZERBAIJANI".
void AddWithCapitals(Lexicon* lex, const std::string& phrase, const LexEntry& e) {
  lex->AddPhrase(phrase, e);
  std::string_view bare = phrase;
  if (bare.substr(0, 6) == "[the] ") bare.remove_prefix(6);
  std::string upper;
  size_t word = 0;
  bool ok = true;
  for (char c : bare) {
    if (static_cast<unsigned char>(c) >= 0x80) ok = false;
    if (c == ' ') {
      if (word < 4) ok = false;
      word = 0;
    } else {
      ++word;
    }
    upper += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  if (word < 4) ok = false;
  if (ok && upper != bare) lex->AddPhrase(upper, e);
}

}  // namespace

uint32_t Lexicon::AddActor(const std::string& name, ActorType type, const std::string& country) {
  if (auto it = by_name_.find(name); it != by_name_.end()) return it->second;
  const auto id = static_cast<uint32_t>(actors.size());
  actors.push_back(Actor{name, type, type == ActorType::kCountry ? name : country});
  by_name_.emplace(name, id);
  return id;
}

int32_t Lexicon::FindActor(const std::string& name) const {
  auto it = by_name_.find(name);
  return it == by_name_.end() ? -1 : static_cast<int32_t>(it->second);
}

void Lexicon::Freeze() {
  size_t cap = 16;
  while (cap < edges_.size() * 2) cap *= 2;
  table_.assign(cap, {0, 0});
  mask_ = cap - 1;
  for (const auto& [key, child] : edges_) {
    size_t slot = key & mask_;
    while (table_[slot].second != 0) slot = (slot + 1) & mask_;
    table_[slot] = {key, child + 1};
  }
  root_filter_.assign(kRootFilterBits / 64, 0);
  for (size_t n = 1; n < nodes_.size(); ++n) {
    if (nodes_[n].parent != 0) continue;
    const size_t bit = RootFilterBit(nodes_[n].label);
    root_filter_[bit / 64] |= uint64_t{1} << (bit % 64);
  }
}

int32_t Lexicon::Child(uint32_t node, std::string_view key, bool spaced) const {
  const uint64_t h = EdgeKey(node, key, spaced);
  uint32_t found = 0;
  if (!table_.empty()) {
    for (size_t slot = h & mask_; table_[slot].second != 0; slot = (slot + 1) & mask_) {
      if (table_[slot].first == h) {
        found = table_[slot].second;
        break;
      }
    }
    if (found == 0) return -1;
    --found;
  } else {
    auto it = edges_.find(h);
    if (it == edges_.end()) return -1;
    found = it->second;
  }
  const Node& n = nodes_[found];
  if (n.parent != node || n.spaced != spaced || n.label != key) return -1;
  return static_cast<int32_t>(found);
}

bool Lexicon::AddOne(std::string_view phrase, int32_t entry) {
  table_.clear();  // unfreeze
  root_filter_.clear();
  std::vector<Token> toks = TokenizeForActors(phrase);
  if (toks.empty()) return false;
  uint32_t node = 0;
  for (size_t k = 0; k < toks.size(); ++k) {
    const bool spaced = k == 0 || toks[k].space_before;
    std::string_view key = TokenKey(phrase, toks[k]);
    int32_t child = Child(node, key, spaced);
    if (child < 0) {
      child = static_cast<int32_t>(nodes_.size());
      nodes_.push_back(Node{std::string(key), node, spaced, -1});
      edges_[EdgeKey(node, key, spaced)] = static_cast<uint32_t>(child);
    }
    node = static_cast<uint32_t>(child);
  }
  if (nodes_[node].entry < 0) nodes_[node].entry = entry;
  if (toks.size() > max_phrase_) max_phrase_ = toks.size();
  return true;
}

bool Lexicon::AddPhrase(std::string_view phrase, const LexEntry& entry) {
  phrase = Trim(phrase);
  const auto id = static_cast<int32_t>(entries.size());
  entries.push_back(entry);
  constexpr std::string_view kOptionalThe = "[the] ";
  if (phrase.substr(0, kOptionalThe.size()) == kOptionalThe) {
    std::string bare(phrase.substr(kOptionalThe.size()));
    const bool a = AddOne("the " + bare, id);
    const bool b = AddOne(bare, id);
    return a && b;
  }
  return AddOne(phrase, id);
}

size_t Lexicon::Walk(std::string_view text, const std::vector<Token>& toks, size_t i, std::string_view first_key,
                     int32_t* entry) const {
  size_t best = 0;
  *entry = -1;
  uint32_t node = 0;
  const size_t limit = std::min(toks.size(), i + max_phrase_);
  for (size_t k = i; k < limit; ++k) {
    const bool spaced = k == i || toks[k].space_before;
    const std::string_view key = k == i ? first_key : TokenKey(text, toks[k]);
    const int32_t child = Child(node, key, spaced);
    if (child < 0) break;
    node = static_cast<uint32_t>(child);
    if (nodes_[node].entry >= 0) {
      best = k - i + 1;
      *entry = nodes_[node].entry;
    }
  }
  return best;
}

TrieMatch Lexicon::Longest(std::string_view text, const std::vector<Token>& toks, size_t i) const {
  TrieMatch m;
  if (i >= toks.size()) return m;
  const std::string_view key = TokenKey(text, toks[i]);
  // Most words start no phrase: the filter turns them away before the walk
  // hashes them (every word of a text is looked up here).
  if (MayStartPhrase(key)) m.tokens = Walk(text, toks, i, key, &m.entry);
  if (key == "The" || key == "THE") {
    int32_t e = -1;
    const size_t n = Walk(text, toks, i, "the", &e);
    if (n > m.tokens) {
      m.tokens = n;
      m.entry = e;
    }
  }
  return m;
}

bool BuildLexicon(Lexicon* lex, std::string* error) {
  using Kind = LexEntry::Kind;
  using Form = ActorMention::Form;

  // ISO 3166-1: the override directory first, then the compiled-in copy.
  std::string json_text;
  if (auto f = util::DataFile("iso-codes/iso_3166-1.json")) {
    json_text = std::move(*f);
  } else {
    json_text.assign(kIso3166Json, kIso3166JsonSize);
  }
  nlohmann::json iso = nlohmann::json::parse(json_text, nullptr, /*allow_exceptions=*/false);
  if (iso.is_discarded() || !iso.contains("3166-1") || !iso["3166-1"].is_array()) {
    *error = "iso-codes ISO 3166-1 JSON is missing or malformed";
    return false;
  }
  struct IsoCountry {
    std::vector<std::string> names;  // name, common_name, official_name
    std::string canonical;
  };
  std::vector<IsoCountry> iso_countries;
  for (const auto& e : iso["3166-1"]) {
    IsoCountry c;
    for (const char* field : {"common_name", "name", "official_name"}) {
      if (e.contains(field) && e[field].is_string()) c.names.push_back(e[field].get<std::string>());
    }
    if (c.names.empty()) continue;
    c.canonical = c.names.front();
    iso_countries.push_back(std::move(c));
  }

  // countries.txt: canonical | other names. A line naming an ISO entry
  // renames it; any other line adds a country.
  std::vector<std::vector<std::string>> rows;
  if (!Load("countries.txt", &rows, error)) return false;
  std::vector<std::pair<std::string, std::vector<std::string>>> extra;
  for (const auto& row : rows) {
    IsoCountry* hit = nullptr;
    for (auto& c : iso_countries) {
      for (const auto& f : row) {
        for (const auto& n : c.names) {
          if (n == f) hit = &c;
        }
      }
      if (hit != nullptr) break;
    }
    if (hit != nullptr) {
      hit->canonical = row[0];
      for (const auto& f : row) hit->names.push_back(f);
    } else {
      extra.emplace_back(row[0], row);
    }
  }
  for (const auto& c : iso_countries) extra.emplace_back(c.canonical, c.names);
  for (const auto& [canonical, names] : extra) {
    LexEntry e;
    e.actor = lex->AddActor(canonical, ActorType::kCountry, canonical);
    AddWithCapitals(lex, canonical, e);
    for (const auto& n : names) AddWithCapitals(lex, n, e);
  }

  // organisations.txt: canonical | country ("-" for none) | other names.
  if (!Load("organisations.txt", &rows, error)) return false;
  for (const auto& row : rows) {
    std::string country = row.size() > 1 && row[1] != "-" ? row[1] : "";
    if (!country.empty() && lex->FindActor(country) < 0) {
      *error = "actors/organisations.txt: unknown country '" + country + "' for " + row[0];
      return false;
    }
    LexEntry e;
    e.actor = lex->AddActor(row[0], ActorType::kOrganisation, country);
    lex->AddPhrase(row[0], e);
    for (size_t k = 2; k < row.size(); ++k) lex->AddPhrase(row[k], e);
  }

  // demonyms.txt and metonyms.txt: actor | forms.
  for (const auto& [file, form] :
       {std::pair{"demonyms.txt", Form::kDemonym}, std::pair{"metonyms.txt", Form::kMetonym}}) {
    if (!Load(file, &rows, error)) return false;
    for (const auto& row : rows) {
      const int32_t id = lex->FindActor(row[0]);
      if (id < 0) {
        *error = std::string("actors/") + file + ": unknown actor '" + row[0] + "'";
        return false;
      }
      LexEntry e;
      e.actor = static_cast<uint32_t>(id);
      e.form = form;
      for (size_t k = 1; k < row.size(); ++k) {
        AddWithCapitals(lex, row[k], e);
        if (form == Form::kDemonym) {
          if (k == 1) lex->adjective.emplace(e.actor, row[k]);
          if (auto p = Plural(row[k])) AddWithCapitals(lex, *p, e);
        }
      }
    }
  }

  // people.txt: full name | country ("-" if none) | other names. One-word
  // names (and the last word of the full name) are surnames.
  if (!Load("people.txt", &rows, error)) return false;
  for (const auto& row : rows) {
    std::string country = row.size() > 1 && row[1] != "-" ? row[1] : "";
    if (!country.empty() && lex->FindActor(country) < 0) {
      *error = "actors/people.txt: unknown country '" + country + "' for " + row[0];
      return false;
    }
    LexEntry e;
    e.actor = lex->AddActor(row[0], ActorType::kPerson, country);
    lex->AddPhrase(row[0], e);
    const std::string& full = row[0];
    const size_t sp = full.rfind(' ');
    if (sp != std::string::npos) {
      lex->surnames.emplace(full.substr(sp + 1), e.actor);
      lex->given_names.insert(full.substr(0, full.find(' ')));
    }
    for (size_t k = 2; k < row.size(); ++k) {
      if (row[k].find(' ') == std::string::npos) {
        lex->surnames.emplace(row[k], e.actor);
      } else {
        lex->AddPhrase(row[k], e);
      }
    }
  }

  // offices.txt: country | holder | title | title ...
  if (!Load("offices.txt", &rows, error)) return false;
  for (const auto& row : rows) {
    const int32_t person = row.size() >= 3 ? lex->FindActor(row[1]) : -1;
    if (lex->FindActor(row[0]) < 0 || person < 0) {
      *error = "actors/offices.txt: unknown country or person in line '" + row[0] + "'";
      return false;
    }
    for (size_t k = 2; k < row.size(); ++k) {
      std::string key = row[0] + "|";
      AppendLowerAscii(row[k], &key);
      lex->offices.emplace(std::move(key), static_cast<uint32_t>(person));
    }
  }

  // titles.txt: one cue per line, matched capitalised or not.
  if (!Load("titles.txt", &rows, error)) return false;
  for (const auto& row : rows) {
    LexEntry e;
    e.kind = Kind::kTitle;
    std::string lower = row[0], upper = row[0];
    for (size_t k = 0; k < lower.size(); ++k) {
      const bool word_start = k == 0 || lower[k - 1] == ' ';
      if (word_start && lower[k] >= 'A' && lower[k] <= 'Z') lower[k] = static_cast<char>(lower[k] - 'A' + 'a');
      if (word_start && upper[k] >= 'a' && upper[k] <= 'z') upper[k] = static_cast<char>(upper[k] - 'a' + 'A');
    }
    lex->AddPhrase(row[0], e);
    lex->AddPhrase(lower, e);
    lex->AddPhrase(upper, e);
    if (lower != row[0]) {
      std::string first_up = lower;
      if (first_up[0] >= 'a' && first_up[0] <= 'z') first_up[0] = static_cast<char>(first_up[0] - 'a' + 'A');
      lex->AddPhrase(first_up, e);
    }
  }

  // not_actors.txt: phrases that are no actor; one-word ones also never
  // belong to a person's name.
  if (!Load("not_actors.txt", &rows, error)) return false;
  for (const auto& row : rows) {
    LexEntry e;
    e.kind = Kind::kStop;
    if (row[0].find(' ') == std::string::npos && row[0].find('-') == std::string::npos) {
      lex->stop_words.insert(row[0]);
    } else {
      lex->AddPhrase(row[0], e);
    }
  }

  // given_names.txt, common_words.txt and name_verbs.txt: words, several to
  // a line.
  for (const auto& [file, set] :
       {std::pair{"given_names.txt", &lex->given_names}, std::pair{"common_words.txt", &lex->common_words},
        std::pair{"name_verbs.txt", &lex->name_verbs}}) {
    if (!Load(file, &rows, error)) return false;
    for (const auto& row : rows) {
      std::string_view line = row[0];
      size_t b = 0;
      while (b < line.size()) {
        size_t sp = line.find(' ', b);
        if (sp == std::string_view::npos) sp = line.size();
        if (sp > b) set->emplace(line.substr(b, sp - b));
        b = sp + 1;
      }
    }
  }

  // org_patterns.txt: "head | phrase | canonical", "suffix | word",
  // "prefix | word", "noun | word".
  if (!Load("org_patterns.txt", &rows, error)) return false;
  for (const auto& row : rows) {
    if (row[0] == "head" && row.size() >= 3) {
      LexEntry e;
      e.kind = Kind::kOrgHead;
      e.head = row[2];
      lex->AddPhrase(row[1], e);
    } else if (row[0] == "suffix" && row.size() >= 2) {
      lex->org_suffixes.insert(row[1]);
    } else if (row[0] == "prefix" && row.size() >= 2) {
      lex->org_prefixes.insert(row[1]);
    } else if (row[0] == "noun" && row.size() >= 2) {
      lex->org_nouns.insert(row[1]);
    } else {
      *error = "actors/org_patterns.txt: bad line starting '" + row[0] + "'";
      return false;
    }
  }
  lex->Freeze();
  return true;
}

}  // namespace chronicle::actors
