// Finding actors in one document.
//
// One pass over the tokens (tokens.h). At each token the lexicon trie gives
// the longest known phrase starting there (lexicon.h): a country, demonym,
// metonym, organisation or well-known person is a mention; a stop phrase
// ("Victory Day") is skipped; a title cue ("President", "spokesman") makes the
// capitalised words after it a person's name. A country mention followed by
// an organisation head ("Russia's Foreign Ministry", "Azerbaijani security
// forces") or by capitalised words ending in an organisation word ("Turkish
// Air Force", "Baku TV") becomes that organisation, with the country.
//
// Other capitalised words are grouped into runs. A run of two or three name
// words (capitalised, not in the lexicon, not stop words) is a new person if
// its context says so: mid-sentence, not in a heading, not inside a quoted
// title-case phrase, not next to another capitalised word; at a sentence start
// only with a known given name or an apposition ("X Y, Putin's spokesman").
// A one-word run is a surname: it links to the latest person of the document
// with that surname, else to a well-known person of people.txt. A country
// with a title and no name ("the Azerbaijani president") is the holder of
// that office (offices.txt, or the one the document named). Capitalised words
// ending in an organisation word ("Parliamentary Commission on ...") are an
// organisation. Every step looks at a bounded number of tokens around the
// current one, so the pass is linear in the text.
#include "actors/actors.h"

#include <cstdio>
#include <unordered_map>

#include "actors/lexicon.h"
#include "actors/tokens.h"

namespace chronicle::actors {

std::string_view ToString(ActorType type) {
  switch (type) {
    case ActorType::kCountry:
      return "country";
    case ActorType::kPerson:
      return "person";
    case ActorType::kOrganisation:
      return "organisation";
  }
  return "country";
}

std::optional<ActorType> ActorTypeFromString(std::string_view name) {
  for (const auto t : {ActorType::kCountry, ActorType::kPerson, ActorType::kOrganisation}) {
    if (ToString(t) == name) return t;
  }
  return std::nullopt;
}

std::string_view ToString(ActorMention::Form form) {
  using Form = ActorMention::Form;
  switch (form) {
    case Form::kName:
      return "name";
    case Form::kDemonym:
      return "demonym";
    case Form::kMetonym:
      return "metonym";
    case Form::kSurname:
      return "surname";
    case Form::kTitle:
      return "title";
  }
  return "name";
}

std::optional<ActorMention::Form> FormFromString(std::string_view name) {
  using Form = ActorMention::Form;
  for (const Form f : {Form::kName, Form::kDemonym, Form::kMetonym, Form::kSurname, Form::kTitle}) {
    if (ToString(f) == name) return f;
  }
  return std::nullopt;
}

struct ActorFinder::Impl {
  Lexicon lex;
  bool ok = false;
  std::string error;
};

ActorFinder::ActorFinder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ActorFinder::~ActorFinder() = default;

std::unique_ptr<ActorFinder> ActorFinder::Create(std::string* error) {
  auto impl = std::make_unique<Impl>();
  if (!BuildLexicon(&impl->lex, &impl->error)) {
    if (error != nullptr) *error = impl->error;
    return nullptr;
  }
  impl->ok = true;
  return std::unique_ptr<ActorFinder>(new ActorFinder(std::move(impl)));
}

const ActorFinder& ActorFinder::Default() {
  static const ActorFinder* const finder = [] {
    std::string error;
    std::unique_ptr<ActorFinder> f = Create(&error);
    if (f == nullptr) {
      std::fprintf(stderr, "chronicle: actors: %s; no actors will be found\n", error.c_str());
      auto impl = std::make_unique<Impl>();
      impl->error = error;
      f.reset(new ActorFinder(std::move(impl)));
    }
    return f.release();
  }();
  return *finder;
}

bool ActorFinder::ok() const { return impl_->ok; }
const std::string& ActorFinder::error() const { return impl_->error; }

namespace {

using Form = ActorMention::Form;
using Kind = LexEntry::Kind;

// The state of one Find() call.
class Scan {
 public:
  Scan(const Lexicon& lex, std::string_view text)
      : lex_(lex), text_(text), toks_(TokenizeForActors(text)), memo_(toks_.size()) {}

  std::vector<ActorMention> Run();
  // Work done: loop steps and lexicon lookups, each of bounded cost (see
  // ActorFinder::Find).
  uint64_t steps() const { return steps_ + toks_.size(); }

 private:
  const Lexicon& lex_;
  std::string_view text_;
  std::vector<Token> toks_;
  std::vector<ActorMention> out_;
  size_t last_end_tok_ = SIZE_MAX;                  // token index one past the latest mention
  std::unordered_map<std::string, Actor> people_;   // surname -> latest person of that name
  std::unordered_map<std::string, Actor> offices_;  // "country|title" -> latest holder named
  mutable uint64_t steps_ = 0;                      // work done, for steps()
  size_t last_title_tok_ = SIZE_MAX;                // the latest title cue
  std::string last_title_country_;                  // and the country before it

  std::string_view Text(size_t b, size_t e) const {  // tokens [b, e)
    return text_.substr(toks_[b].start, toks_[e - 1].end - toks_[b].start);
  }
  std::string_view Word(size_t i) const { return text_.substr(toks_[i].start, toks_[i].end - toks_[i].start); }
  bool IsPunct(size_t i, char c) const { return i < toks_.size() && !toks_[i].word && toks_[i].punct == c; }
  // A possessive "'s" at toks[i]: returns its length in tokens (0 if none).
  size_t Possessive(size_t i) const {
    if (IsPunct(i, '\'') && !toks_[i].space_before && i + 1 < toks_.size() && toks_[i + 1].word &&
        !toks_[i + 1].space_before && Word(i + 1) == "s") {
      return 2;
    }
    return 0;
  }
  // The longest lexicon phrase at toks[i], looked up once per token (the
  // rules ask about the same tokens several times).
  const LexEntry* EntryAt(size_t i, size_t* len) const {
    ++steps_;  // a lookup: its walk is bounded by the longest phrase
    if (i >= toks_.size()) {
      *len = 0;
      return nullptr;
    }
    if (memo_[i].entry == kUnknown) {
      const TrieMatch m = lex_.Longest(text_, toks_, i);
      memo_[i] = Memo{m.entry, static_cast<uint32_t>(m.tokens)};
    }
    *len = memo_[i].tokens;
    return memo_[i].entry < 0 ? nullptr : &lex_.entries[static_cast<size_t>(memo_[i].entry)];
  }
  static constexpr int32_t kUnknown = -2;
  struct Memo {
    int32_t entry = kUnknown;
    uint32_t tokens = 0;
  };
  mutable std::vector<Memo> memo_;
  bool IsNameWord(size_t i) const;
  struct NameSpan {
    size_t end = 0;    // token after the name
    size_t words = 0;  // name words in it
  };
  NameSpan NameRun(size_t i, size_t max) const;
  size_t NameWordEnd(size_t i) const;
  bool IsParticle(size_t i) const;
  void Emit(size_t b, size_t e, const Actor& actor, Form form);
  void Remember(const Actor& person);
  const Actor* Surname(std::string_view word) const;
  std::string ContextCountry(size_t title_start) const;
  std::string AppositionCountry(size_t after, bool* has_title) const;
  size_t ActorMentionAt(size_t i, size_t len, const LexEntry& e);
  size_t TitleAt(size_t i, size_t len);
  size_t CapitalRun(size_t i);
  std::string TitleKey(size_t b, size_t e) const;
  void RememberOffice(const std::string& country, const std::string& title, const Actor& person);
  const Actor* Office(const std::string& country, const std::string& title) const;
  bool InTitleCase(size_t i, size_t end) const;
  bool DemonymBefore(size_t i) const;
  size_t OrgPhrase(size_t i);
  size_t QuotedOrg(size_t i);
  size_t BareHead(size_t i, size_t len, const LexEntry& e);
  int32_t OfCountry(size_t k, size_t* end) const;
  void SharedSurname(size_t i, size_t end, const Actor& second);
  std::string TitleBeforeCountry(size_t i) const;
  Actor NewPerson(size_t b, size_t e, const std::string& country) const;
  bool TitleCaseNeighbourhood(size_t i, size_t end) const;
};

bool Scan::IsNameWord(size_t i) const {
  if (i >= toks_.size()) return false;
  const Token& t = toks_[i];
  if (!t.word || !t.capitalized || t.has_digit || t.all_caps || t.end - t.start < 2) return false;
  if (lex_.stop_words.count(std::string(Word(i))) != 0) return false;
  if (lex_.org_suffixes.count(std::string(Word(i))) != 0) return false;
  size_t len = 0;
  return EntryAt(i, &len) == nullptr;
}

// One name word at i, possibly hyphenated ("Kassym-Jomart"): returns the
// token after it, or i if there is none.
size_t Scan::NameWordEnd(size_t i) const {
  if (!IsNameWord(i)) return i;
  if (IsPunct(i + 1, '-') && !toks_[i + 1].space_before && i + 2 < toks_.size() && !toks_[i + 2].space_before &&
      IsNameWord(i + 2)) {
    return i + 3;
  }
  return i + 1;
}

// Lower-case particles inside names: "Thomas de Waal", "Bashar al-Assad".
bool Scan::IsParticle(size_t i) const {
  static constexpr std::string_view kParticles[] = {"de",  "da",  "di",  "del",  "della", "van", "von",
                                                    "der", "den", "du",  "le",   "la",    "al",  "el",
                                                    "bin", "ibn", "ben", "bint", "dos",   "das"};
  if (i >= toks_.size() || !toks_[i].word) return false;
  for (std::string_view p : kParticles) {
    if (Word(i) == p) return true;
  }
  return false;
}

// The consecutive name words from i, separated by spaces only, with
// particles between them: the end token and the number of words (counting
// stops at max + 1, meaning "longer").
Scan::NameSpan Scan::NameRun(size_t i, size_t max) const {
  NameSpan span{i, 0};
  size_t k = i;
  while (span.words <= max && k < toks_.size()) {
    ++steps_;
    if (span.words > 0 && !toks_[k].space_before) break;
    size_t next = NameWordEnd(k);
    if (next == k && span.words > 0 && IsParticle(k)) {
      // "de Waal", "al-Assad", "bin Zayed"
      size_t p = k;
      if (IsParticle(p + 1) && toks_[p + 1].space_before) ++p;  // "van der Berg"
      const size_t after = IsPunct(p + 1, '-') && !toks_[p + 1].space_before ? p + 2 : p + 1;
      if (after < toks_.size() && (after == p + 2 ? !toks_[after].space_before : toks_[after].space_before)) {
        const size_t e = NameWordEnd(after);
        if (e != after) next = e;
      }
    }
    // An initial inside a name: "John F. Kennedy".
    if (next == k && span.words > 0 && toks_[k].word && toks_[k].capitalized && toks_[k].end - toks_[k].start == 1 &&
        IsPunct(k + 1, '.') && !toks_[k + 1].space_before && k + 2 < toks_.size() && toks_[k + 2].space_before &&
        NameWordEnd(k + 2) != k + 2) {
      next = k + 2;
      --span.words;  // the initial is not counted as a word
    }
    if (next == k) break;
    k = next;
    span.end = k;
    ++span.words;
  }
  return span;
}

void Scan::Emit(size_t b, size_t e, const Actor& actor, Form form) {
  ActorMention m;
  m.start = toks_[b].start;
  m.end = toks_[e - 1].end;
  m.text = std::string(Text(b, e));
  m.actor = actor;
  m.form = form;
  out_.push_back(std::move(m));
  last_end_tok_ = e;
}

void Scan::Remember(const Actor& person) {
  const size_t sp = person.name.rfind(' ');
  const std::string last = sp == std::string::npos ? person.name : person.name.substr(sp + 1);
  people_[last] = person;
  // "al-Assad" is also "Assad".
  if (const size_t dash = last.rfind('-'); dash != std::string::npos && dash + 1 < last.size()) {
    people_[last.substr(dash + 1)] = person;
  }
}

const Actor* Scan::Surname(std::string_view word) const {
  const std::string w(word);
  if (auto it = people_.find(w); it != people_.end()) return &it->second;
  if (auto it = lex_.surnames.find(w); it != lex_.surnames.end()) return &lex_.actors[it->second];
  return nullptr;
}

// The country of the mention just before a title ("Russian MP", "Kremlin
// spokesperson", "Trump's envoy"), "" if none.
std::string Scan::ContextCountry(size_t title_start) const {
  if (out_.empty() || last_end_tok_ > title_start) return "";
  size_t k = last_end_tok_ + Possessive(last_end_tok_);
  // Up to three capitalised words between: "US National Security Adviser".
  for (size_t n = 0; n < 3 && k < title_start && toks_[k].word && toks_[k].capitalized && toks_[k].space_before; ++n) {
    ++steps_;
    ++k;
  }
  return k == title_start ? out_.back().actor.country : "";
}

// After a name: ", U.S. Middle East Envoy" or ", Putin's spokesman". Sets
// *has_title if a title follows the comma within a few tokens; returns the
// country of a country mention between them.
std::string Scan::AppositionCountry(size_t after, bool* has_title) const {
  *has_title = false;
  if (!IsPunct(after, ',')) return "";
  std::string country;
  for (size_t k = after + 1; k < toks_.size() && k < after + 8;) {
    ++steps_;
    if (!toks_[k].word && toks_[k].punct != '\'' && toks_[k].punct != '.') break;
    size_t len = 0;
    const LexEntry* e = EntryAt(k, &len);
    if (e != nullptr && e->kind == Kind::kTitle) {
      *has_title = true;
      return country;
    }
    if (e != nullptr && e->kind == Kind::kActor && country.empty()) {
      const Actor& a = lex_.actors[e->actor];
      if (a.type == ActorType::kCountry) country = a.country;
    }
    k += len > 0 ? len : 1;
  }
  return "";
}

// A lexicon actor at [i, i + len); a country may grow into one of its bodies.
size_t Scan::ActorMentionAt(size_t i, size_t len, const LexEntry& e) {
  const Actor& actor = lex_.actors[e.actor];
  size_t end = i + len;
  if (actor.type == ActorType::kCountry) {
    size_t j = end + Possessive(end);
    size_t hlen = 0;
    const LexEntry* head = EntryAt(j, &hlen);
    // Heads take the country's adjective ("Moscow's peacekeepers" -> Russian
    // peacekeepers); written names keep a capital as written ("Baku City
    // Council").
    const auto adj = lex_.adjective.find(e.actor);
    const std::string adjective = adj != lex_.adjective.end() ? adj->second : actor.name;
    const std::string prefix = e.form == Form::kMetonym ? std::string(Text(i, end)) : adjective;
    if (head != nullptr && head->kind == Kind::kOrgHead && j < toks_.size() && toks_[j].space_before) {
      Emit(i, j + hlen, Actor{adjective + " " + head->head, ActorType::kOrganisation, actor.country}, Form::kName);
      return j + hlen;
    }
    // Capitalised words ending in an organisation word: "Turkish Air Force".
    size_t k = j;
    while (k < toks_.size() && k < j + 4 && toks_[k].word && toks_[k].capitalized && toks_[k].space_before &&
           !toks_[k].has_digit) {
      ++steps_;
      size_t l = 0;
      if (lex_.org_suffixes.count(std::string(Word(k))) != 0) {
        std::string name = prefix + " " + std::string(Text(j, k + 1));
        Emit(i, k + 1, Actor{name, ActorType::kOrganisation, actor.country}, Form::kName);
        return k + 1;
      }
      if (EntryAt(k, &l) != nullptr) break;
      ++k;
    }
  }
  if (actor.type == ActorType::kCountry) {
    // A title with no name after it: "the Azerbaijani president" is the
    // president of Azerbaijan the document named, or the one of offices.txt.
    const size_t j = end + Possessive(end);
    size_t tlen = 0, l = 0;
    const LexEntry* t = EntryAt(j, &tlen);
    if (t != nullptr && t->kind == Kind::kTitle && j < toks_.size() && toks_[j].space_before) {
      size_t after = j + tlen;
      std::string key = TitleKey(j, after);
      // A post abroad names the host country: "the US ambassador to Turkey"
      // holds the office "ambassador to turkey".
      if (after + 1 < toks_.size() && Word(after) == "to") {
        size_t clen = 0;
        const LexEntry* host = EntryAt(after + 1, &clen);
        if (host != nullptr && host->kind == Kind::kActor && lex_.actors[host->actor].type == ActorType::kCountry) {
          key += " to ";
          AppendLowerAscii(lex_.actors[host->actor].name, &key);
          after += 1 + clen;
        }
      }
      const bool named = EntryAt(after, &l) != nullptr || NameRun(after, 3).words > 0 ||
                         ((IsPunct(after, '\'') || IsPunct(after, '"')) && NameRun(after + 1, 3).words > 0);
      if (!named) {
        if (const Actor* p = Office(actor.name, key)) {
          const Actor holder = *p;
          Emit(i, after, holder, Form::kTitle);
          return after;
        }
      }
    }
  }
  if (actor.type == ActorType::kPerson) Remember(actor);
  Emit(i, end, actor, e.form);
  return end;
}

// A title cue at [i, i + len) and the name after it.
size_t Scan::TitleAt(size_t i, size_t len) {
  size_t j = i + len;
  if (IsPunct(j, '\'') || IsPunct(j, '"')) ++j;  // the 'war correspondent' Dmitry Steshin
  const std::string country = ContextCountry(i);
  const std::string title = TitleKey(i, i + len);
  last_title_tok_ = i;
  last_title_country_ = country;
  size_t l = 0;
  if (const LexEntry* e = EntryAt(j, &l)) {
    if (e->kind != Kind::kActor || lex_.actors[e->actor].type != ActorType::kPerson) return j;
    const Actor& known = lex_.actors[e->actor];
    const size_t end = ActorMentionAt(j, l, *e);
    RememberOffice(known.country.empty() ? country : known.country, title, known);
    return end;
  }
  const NameSpan name = NameRun(j, 3);
  if (name.words == 0 || name.words > 3) return j;
  if (name.words == 1) {
    if (const Actor* p = Surname(Text(j, name.end))) {
      const Actor person = *p;
      Emit(j, name.end, person, Form::kSurname);
      RememberOffice(person.country.empty() ? country : person.country, title, person);
      return name.end;
    }
  }
  const Actor person = NewPerson(j, name.end, country);
  Remember(person);
  RememberOffice(person.country, title, person);
  Emit(j, name.end, person, Form::kName);
  return name.end;
}

// The lookup form of a title: lower case, single spaces ("Prime Minister" ->
// "prime minister").
std::string Scan::TitleKey(size_t b, size_t e) const {
  std::string key;
  for (size_t k = b; k < e; ++k) {
    ++steps_;
    if (k > b && toks_[k].space_before) key += ' ';
    AppendLowerAscii(Word(k), &key);
  }
  return key;
}

void Scan::RememberOffice(const std::string& country, const std::string& title, const Actor& person) {
  if (!country.empty()) offices_[country + "|" + title] = person;
}

// The holder of `title` in `country`: the latest person of this document
// named with that title, else offices.txt.
const Actor* Scan::Office(const std::string& country, const std::string& title) const {
  const std::string key = country + "|" + title;
  if (auto it = offices_.find(key); it != offices_.end()) return &it->second;
  if (auto it = lex_.offices.find(key); it != lex_.offices.end()) return &lex_.actors[it->second];
  return nullptr;
}

// Capitalised words that are not in the lexicon, from toks[i].
size_t Scan::CapitalRun(size_t i) {
  const Token& t = toks_[i];
  // Company prefixes: "LLC Milk Products".
  if (t.word && lex_.org_prefixes.count(std::string(Word(i))) != 0) {
    size_t k = i + 1;
    while (k < toks_.size() && k < i + 4 && toks_[k].word && toks_[k].capitalized && toks_[k].space_before) {
      ++k;
      ++steps_;
    }
    if (k > i + 1) {
      Emit(i, k, Actor{std::string(Text(i, k)), ActorType::kOrganisation, ""}, Form::kName);
      return k;
    }
  }
  if (const size_t org_end = OrgPhrase(i)) return org_end;
  if (const size_t org_end = QuotedOrg(i)) return org_end;
  const NameSpan name = NameRun(i, 3);
  const size_t n = name.words;
  if (n == 0) return i + 1;
  const size_t end = name.end;
  // Capitalised words ending in an organisation word: "Minval Products".
  if (end < toks_.size() && toks_[end].word && toks_[end].space_before &&
      lex_.org_suffixes.count(std::string(Word(end))) != 0 && n <= 3) {
    Emit(i, end + 1, Actor{std::string(Text(i, end + 1)), ActorType::kOrganisation, ""}, Form::kName);
    return end + 1;
  }
  bool person = n >= 2 && n <= 3 && !t.heading && !InTitleCase(i, end);
  bool apposition = false;
  std::string country;
  if (person) country = AppositionCountry(end, &apposition);
  if (person && !apposition) person = !TitleCaseNeighbourhood(i, end);
  const bool given = lex_.given_names.count(std::string(Word(i))) != 0;
  // "Zakir Hasanov said", "Olena Kovalenko, who ...": a speech verb or a
  // relative clause after the name vouches for it at a sentence start.
  bool vouched = apposition;
  if (end < toks_.size() && toks_[end].word && lex_.name_verbs.count(std::string(Word(end))) != 0) vouched = true;
  if (IsPunct(end, ',') && end + 1 < toks_.size() && toks_[end + 1].word &&
      (Word(end + 1) == "who" || Word(end + 1) == "whose")) {
    vouched = true;
  }
  if (person && t.sentence_start) person = vouched || given;
  // "Apple Music", "World Cup": ordinary words are no name without a given name.
  if (person && !given) {
    for (size_t k = i; k < end && person; ++k) {
      ++steps_;
      if (!toks_[k].word) continue;
      std::string lower;
      AppendLowerAscii(Word(k), &lower);
      if (lex_.common_words.count(lower) != 0) person = false;
    }
  }
  // "Aliyev Overlooks": a known surname first is that person, not a new one.
  if (person && Surname(Word(i)) != nullptr && !given) person = false;
  if (person && country.empty()) country = TitleBeforeCountry(i);
  if (person && country.empty() && DemonymBefore(i)) country = out_.back().actor.country;
  // "Carnegie Endowment for International Peace": a thing's name goes on.
  if (person && end + 1 < toks_.size() && toks_[end].word &&
      (Word(end) == "for" || Word(end) == "of" || Word(end) == "on") && toks_[end + 1].word &&
      toks_[end + 1].capitalized) {
    size_t l = 0;
    if (EntryAt(end + 1, &l) == nullptr) person = false;
  }
  if (person) {
    const Actor p = NewPerson(i, end, country);
    SharedSurname(i, end, p);
    Remember(p);
    Emit(i, end, p, Form::kName);
    return end;
  }
  // Otherwise each word may still be a surname.
  for (size_t k = i; k < end; ++k) {
    ++steps_;
    if (toks_[k].word && toks_[k].capitalized) {
      if (const Actor* p = Surname(Word(k))) Emit(k, k + 1, *p, Form::kSurname);
    }
  }
  return end;
}

// "Azerbaijan's ambassador to Russia, Rahman Mustafayev": a name after a
// comma closing a phrase that began with a title takes the country of the
// mention before the title, else of the first mention in the phrase ("head
// of the Azerbaijani diaspora in the Urals, Shahin Shykhlinski").
std::string Scan::TitleBeforeCountry(size_t i) const {
  if (i == 0 || !IsPunct(i - 1, ',') || last_title_tok_ == SIZE_MAX || last_title_tok_ >= i ||
      i - last_title_tok_ > 16) {
    return "";
  }
  for (size_t k = last_title_tok_; k + 1 < i; ++k) {
    ++steps_;
    if (!toks_[k].word && (toks_[k].punct == ',' || toks_[k].punct == '.' || toks_[k].punct == ';')) return "";
  }
  const size_t title_start = toks_[last_title_tok_].start;
  std::string country;
  for (size_t m = out_.size(); m > 0 && out_[m - 1].start > title_start; --m) {
    ++steps_;
    if (!out_[m - 1].actor.country.empty()) country = out_[m - 1].actor.country;
  }
  return last_title_country_.empty() ? country : last_title_country_;
}

// The person named by tokens [b, e): a well-known person when the name is
// another spelling of theirs (same first word, a surname key of theirs:
// "Volodymyr Zelenskiy"), else a new person of `country`.
Actor Scan::NewPerson(size_t b, size_t e, const std::string& country) const {
  std::string name(Text(b, e));
  const size_t sp = name.rfind(' ');
  if (sp != std::string::npos) {
    if (auto it = lex_.surnames.find(name.substr(sp + 1)); it != lex_.surnames.end()) {
      const Actor& known = lex_.actors[it->second];
      if (known.name.compare(0, known.name.find(' '), name, 0, name.find(' ')) == 0) return known;
    }
  }
  return Actor{std::move(name), ActorType::kPerson, country};
}

// "Ziyaddin and Huseyn Safarov": a lone given name joined by "and" to a
// full name shares its surname.
void Scan::SharedSurname(size_t i, size_t end, const Actor& second) {
  if (i < 2 || end - i < 2 || !toks_[i - 1].word || Word(i - 1) != "and") return;
  const size_t k = i - 2;
  if (!out_.empty() && out_.back().end > toks_[k].start) return;
  if (!IsNameWord(k) || lex_.given_names.count(std::string(Word(k))) == 0 || Surname(Word(k)) != nullptr) return;
  if (k > 0 && toks_[k - 1].word && toks_[k - 1].capitalized && toks_[k].space_before) return;
  const size_t sp = second.name.rfind(' ');
  Emit(k, k + 1, Actor{std::string(Word(k)) + second.name.substr(sp), ActorType::kPerson, second.country}, Form::kName);
}

// "of [the] <country>" at toks[k]: the index of the country actor and the
// token after it, or -1.
int32_t Scan::OfCountry(size_t k, size_t* end) const {
  if (k >= toks_.size() || !toks_[k].word || Word(k) != "of") return -1;
  size_t c = k + 1;
  size_t l = 0;
  const LexEntry* e = EntryAt(c, &l);
  if (e == nullptr && c < toks_.size() && toks_[c].word && Word(c) == "the") e = EntryAt(++c, &l);
  if (e == nullptr || e->kind != Kind::kActor || lex_.actors[e->actor].type != ActorType::kCountry) return -1;
  *end = c + l;
  return static_cast<int32_t>(e->actor);
}

// An organisation head with no country before it: a capitalised one is an
// organisation ("the Foreign Ministry said"), of the country after it if
// there is one ("the Ministry of Defence of Azerbaijan"); a lower-case one
// ("police") is no actor.
size_t Scan::BareHead(size_t i, size_t len, const LexEntry& e) {
  // "Police said": a one-word head is capitalised by the sentence start only.
  if (!toks_[i].capitalized || (len == 1 && toks_[i].sentence_start)) return i + len;
  size_t end = i + len;
  const int32_t c = OfCountry(end, &end);
  if (c >= 0) {
    const auto adj = lex_.adjective.find(static_cast<uint32_t>(c));
    const Actor& country = lex_.actors[static_cast<size_t>(c)];
    const std::string prefix = adj != lex_.adjective.end() ? adj->second : country.name;
    Emit(i, end, Actor{prefix + " " + e.head, ActorType::kOrganisation, country.name}, Form::kName);
    return end;
  }
  Emit(i, end, Actor{std::string(Text(i, end)), ActorType::kOrganisation, ContextCountry(i)}, Form::kName);
  return end;
}

// A quoted capitalised name next to an organisation noun: "the development
// group 'Kievskaya Ploshchad'", "the 'Food City' trading complexes". The
// name inside the quotes is the organisation; the country is the one of a
// mention just before ("the Azerbaijani outlet 'Minval'"). Returns the end
// (after the closing quote), or 0.
size_t Scan::QuotedOrg(size_t i) {
  if (i == 0 || toks_[i - 1].word || (toks_[i - 1].punct != '\'' && toks_[i - 1].punct != '"') ||
      !toks_[i - 1].space_before || toks_[i].space_before) {
    return 0;
  }
  size_t c = i;
  while (c < toks_.size() && c < i + 5 && toks_[c].word && toks_[c].capitalized && (c == i || toks_[c].space_before)) {
    ++steps_;
    ++c;
  }
  size_t close = c;  // the closing quote, maybe after a comma: "'Kievskaya Ploshchad,' owned by"
  if ((IsPunct(c, ',') || IsPunct(c, '.')) && !toks_[c].space_before) ++close;
  if (c == i || !IsPunct(close, toks_[i - 1].punct) || toks_[close].space_before) return 0;
  auto noun = [&](size_t k) {
    if (k >= toks_.size() || !toks_[k].word) return false;
    std::string w(Word(k));
    for (char& ch : w) ch = (ch >= 'A' && ch <= 'Z') ? static_cast<char>(ch - 'A' + 'a') : ch;
    return lex_.org_nouns.count(w) != 0;
  };
  const bool before = i >= 2 && noun(i - 2);
  const bool after = close == c && (noun(c + 1) || (c + 2 < toks_.size() && toks_[c + 1].word && noun(c + 2)));
  if (!before && !after) return 0;
  std::string country;
  if (!out_.empty() && last_end_tok_ + 3 >= i - 1 && last_end_tok_ <= i - 1) country = out_.back().actor.country;
  Emit(i, c, Actor{std::string(Text(i, c)), ActorType::kOrganisation, country}, Form::kName);
  return close + 1;
}

// An organisation named by capitalised words ending in an organisation word,
// with an optional "of|on|for [the] Capitalised ..." tail: "Parliamentary
// Commission on Countering Foreign Interventions", "Bureau of Energy
// Resources". The country is the one of the mention right before ("the US
// State Department's Bureau ..."). Returns the end, or 0 if there is none.
size_t Scan::OrgPhrase(size_t i) {
  auto capital = [&](size_t k) {
    size_t l = 0;
    return k < toks_.size() && toks_[k].word && toks_[k].capitalized && !toks_[k].has_digit &&
           EntryAt(k, &l) == nullptr;
  };
  static constexpr std::string_view kDeterminers[] = {"The", "A",     "An",  "This", "That", "These", "Those",
                                                      "Its", "Their", "His", "Her",  "Our",  "Your"};
  for (std::string_view d : kDeterminers) {
    if (Word(i) == d) return 0;
  }
  size_t k = i;
  while (k < i + 4 && capital(k) && (k == i || toks_[k].space_before) &&
         lex_.org_suffixes.count(std::string(Word(k))) == 0) {
    ++k;
    ++steps_;
  }
  if (k >= toks_.size() || !capital(k) || (k > i && !toks_[k].space_before) ||
      lex_.org_suffixes.count(std::string(Word(k))) == 0) {
    return 0;
  }
  size_t end = k + 1;
  size_t after_country = 0;
  if (const int32_t c = OfCountry(end, &after_country); c >= 0) {
    // "Central Bank of Russia", "State Security Service of Azerbaijan"
    Emit(i, after_country,
         Actor{std::string(Text(i, after_country)), ActorType::kOrganisation, lex_.actors[static_cast<size_t>(c)].name},
         Form::kName);
    return after_country;
  }
  if (end + 1 < toks_.size() && toks_[end].word) {
    const std::string_view w = Word(end);
    if (w == "of" || w == "on" || w == "for") {
      size_t t = end + 1;
      if (t < toks_.size() && toks_[t].word && Word(t) == "the") ++t;
      size_t u = t;
      while (u < t + 4 && capital(u) && toks_[u].space_before) {
        ++u;
        ++steps_;
      }
      if (u > t) end = u;
    }
  }
  if (end == k + 1 && k == i) return 0;  // a lone "Commission", "Office"
  const std::string country = ContextCountry(i);
  Emit(i, end, Actor{std::string(Text(i, end)), ActorType::kOrganisation, country}, Form::kName);
  return end;
}

// A demonym right before toks[i]: "the Ukrainian Olena Kovalenko".
bool Scan::DemonymBefore(size_t i) const {
  return !out_.empty() && last_end_tok_ == i && out_.back().form == Form::kDemonym &&
         out_.back().actor.type == ActorType::kCountry;
}

// A run [i, end) that is part of a longer capitalised name or a quoted
// title: after an opening quote ('Kievskaya Ploshchad'), next to another
// capitalised word, after "Azerbaijan's" ('Azerbaijan's Achilles Heel'), or
// after "Capitalised of|on|for|to|the" ("Declaration on Allied Interaction").
bool Scan::InTitleCase(size_t i, size_t end) const {
  if (i > 0 && !toks_[i - 1].word && (toks_[i - 1].punct == '\'' || toks_[i - 1].punct == '"') &&
      toks_[i - 1].space_before) {
    return true;
  }
  if (i > 0 && toks_[i - 1].word && toks_[i - 1].capitalized &&
      !(toks_[i - 1].sentence_start && lex_.stop_words.count(std::string(Word(i - 1))) != 0) && !DemonymBefore(i)) {
    return true;
  }
  if (i >= 3 && Possessive(i - 2) == 2 && toks_[i - 3].word && toks_[i - 3].capitalized) return true;
  if (i >= 2 && toks_[i - 1].word && toks_[i - 2].word && toks_[i - 2].capitalized) {
    const std::string_view w = Word(i - 1);
    if (w == "of" || w == "on" || w == "for" || w == "to" || w == "the") return true;
  }
  return end < toks_.size() && toks_[end].word && toks_[end].space_before && toks_[end].capitalized;
}

// Title-case context: among the four words of three letters or more on each
// side of [i, end) on the same line (looking at most twelve tokens each way,
// so the check is constant time), at most one is in lower case.
bool Scan::TitleCaseNeighbourhood(size_t i, size_t end) const {
  constexpr size_t kWords = 4, kReach = 12;
  size_t seen = 0, lower = 0;
  auto look = [&](size_t k) {
    const Token& t = toks_[k];
    if (!t.word || t.end - t.start < 3) return;
    ++seen;
    if (!t.capitalized && !t.has_digit) ++lower;
  };
  for (size_t k = i, steps = 0; k > 0 && seen < kWords && steps < kReach; ++steps) {
    ++steps_;
    --k;
    look(k);
    if (toks_[k].newline_before) break;
  }
  const size_t before = seen;
  for (size_t k = end; k < toks_.size() && seen - before < kWords && k < end + kReach; ++k) {
    ++steps_;
    if (toks_[k].newline_before) break;
    look(k);
  }
  return seen >= kWords && lower <= 1;
}

std::vector<ActorMention> Scan::Run() {
  size_t i = 0;
  while (i < toks_.size()) {
    ++steps_;
    if (!toks_[i].word) {
      ++i;
      continue;
    }
    size_t len = 0;
    const LexEntry* e = EntryAt(i, &len);
    if (e != nullptr) {
      switch (e->kind) {
        case Kind::kStop:
          i += len;
          continue;
        case Kind::kOrgHead:
          i = BareHead(i, len, *e);
          continue;
        case Kind::kTitle:
          i = TitleAt(i, len);
          continue;
        case Kind::kActor:
          i = ActorMentionAt(i, len, *e);
          continue;
      }
    }
    if (!toks_[i].capitalized) {
      ++i;
      continue;
    }
    i = CapitalRun(i);
  }
  return std::move(out_);
}

}  // namespace

std::vector<ActorMention> ActorFinder::Find(std::string_view text, uint64_t* work) const {
  if (!impl_->ok) return {};
  Scan scan(impl_->lex, text);
  auto mentions = scan.Run();
  if (work != nullptr) *work = scan.steps();
  return mentions;
}

}  // namespace chronicle::actors
