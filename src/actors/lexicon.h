// The actor lexicon (internal): every phrase the finder knows, in one token
// trie, and the side tables the finder's rules consult. Built once from
// iso-codes and data/actors/*.txt by BuildLexicon().
//
// The trie is keyed by tokens (see tokens.h), so a phrase matches wherever
// its tokens appear with the same spacing; a walk from a token position
// finds the longest phrase starting there in time bounded by the longest
// phrase. Edges live in one hash map keyed by (node, token, spaced).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "actors/actors.h"
#include "actors/tokens.h"

namespace chronicle::actors {

// Appends `s` to *out with ASCII letters lower-cased (titles, offices and
// common words are ASCII; other bytes are kept as they are).
inline void AppendLowerAscii(std::string_view s, std::string* out) {
  for (char c : s) *out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

struct LexEntry {
  enum class Kind : uint8_t {
    kActor,    // a name of an actor: `actor`, written in `form`
    kTitle,    // a title cue: "President", "spokesman", "Prime Minister"
    kStop,     // a phrase that is no actor and no name: "Victory Day", "Middle Corridor"
    kOrgHead,  // an organisation when it follows a country: "foreign ministry", "police"
  };
  Kind kind = Kind::kActor;
  ActorMention::Form form = ActorMention::Form::kName;
  uint32_t actor = 0;  // index into Lexicon::actors (kActor)
  std::string head;    // canonical head of a kOrgHead: "Foreign Ministry"
};

struct TrieMatch {
  size_t tokens = 0;   // tokens matched, 0 if none
  int32_t entry = -1;  // index into Lexicon::entries
};

class Lexicon {
 public:
  std::vector<Actor> actors;
  std::vector<LexEntry> entries;

  // Country actor index -> the adjective names of its bodies start with
  // ("Russian" for Russia): the first demonym of demonyms.txt.
  std::unordered_map<uint32_t, std::string> adjective;
  // Surname -> well-known person (people.txt), used when the document has not
  // named anyone with that surname yet.
  std::unordered_map<std::string, uint32_t> surnames;
  // "country|title" -> the holder of that office (offices.txt), used when
  // the document names no holder: "the Azerbaijani president".
  std::unordered_map<std::string, uint32_t> offices;
  std::unordered_set<std::string> given_names;   // first names that may start a sentence
  std::unordered_set<std::string> name_verbs;    // "said", "told": a name at a sentence start before one is a person
  std::unordered_set<std::string> common_words;  // lower-case English words: "music", "cup"
  std::unordered_set<std::string> stop_words;    // capitalised words that are never part of a name
  std::unordered_set<std::string> org_suffixes;  // "Airlines", "TV", "Ministry": end an organisation name
  std::unordered_set<std::string> org_prefixes;  // "LLC", "JSC": start a company name
  std::unordered_set<std::string> org_nouns;     // "group", "party": a quoted name next to one is an organisation

  // Finds or adds an actor; returns its index.
  uint32_t AddActor(const std::string& name, ActorType type, const std::string& country);
  int32_t FindActor(const std::string& name) const;

  // Adds `phrase` (tokenised like text; a leading "[the] " adds the phrase
  // with and without "the") for `entry`. A phrase already present keeps its
  // first entry. Returns false if the phrase has no tokens.
  bool AddPhrase(std::string_view phrase, const LexEntry& entry);

  // Packs the trie's edges for fast look-ups; called once the phrases are in
  // (a later AddPhrase unpacks them again).
  void Freeze();

  // The longest phrase starting at toks[i]. A sentence-initial "The" also
  // matches a phrase's leading "the".
  TrieMatch Longest(std::string_view text, const std::vector<Token>& toks, size_t i) const;

 private:
  struct Node {
    std::string label;
    uint32_t parent = 0;
    bool spaced = false;
    int32_t entry = -1;
  };
  std::vector<Node> nodes_{Node{}};
  std::unordered_map<uint64_t, uint32_t> edges_;
  // After Freeze(): the edges again, in one open-addressing table (slot
  // value child + 1, 0 for empty) for fast look-ups.
  std::vector<std::pair<uint64_t, uint32_t>> table_;
  uint64_t mask_ = 0;
  std::unordered_map<std::string, uint32_t> by_name_;
  size_t max_phrase_ = 0;
  // After Freeze(): one bit per (first byte, last byte, length) of the
  // first tokens of phrases (the labels of the root's edges), set for every
  // one of them. A token whose bit is clear starts no phrase, and is not
  // hashed and looked up (on the synthetic news corpus the edge look-ups
  // fall from 446k to 177k).
  static constexpr size_t kRootFilterBits = 64 * 64 * 16;
  static size_t RootFilterBit(std::string_view key) {
    if (key.empty()) return 0;
    const size_t first = static_cast<unsigned char>(key.front()) & 63u;
    const size_t last = static_cast<unsigned char>(key.back()) & 63u;
    return (first << 10) | (last << 4) | (key.size() < 15 ? key.size() : 15);
  }
  bool MayStartPhrase(std::string_view key) const {
    if (root_filter_.empty()) return true;  // not frozen
    const size_t bit = RootFilterBit(key);
    return (root_filter_[bit / 64] >> (bit % 64) & 1) != 0;
  }
  std::vector<uint64_t> root_filter_;

  int32_t Child(uint32_t node, std::string_view key, bool spaced) const;
  bool AddOne(std::string_view phrase, int32_t entry);
  size_t Walk(std::string_view text, const std::vector<Token>& toks, size_t i, std::string_view first_key,
              int32_t* entry) const;
};

// Builds the lexicon from the iso-codes JSON and the data/actors files.
// Returns false and sets *error on a missing or malformed file.
bool BuildLexicon(Lexicon* lex, std::string* error);

}  // namespace chronicle::actors
