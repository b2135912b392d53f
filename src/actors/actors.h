// Actors: the countries, people and organisations a news text talks about.
//
//   const auto& finder = chronicle::actors::ActorFinder::Default();
//   for (const auto& m : finder.Find(body))
//     std::cout << m.text << " -> " << m.actor.name << " (" << ToString(m.actor.type) << ")\n";
//
// Countries come from Debian's iso-codes (ISO 3166-1 names) plus our own
// tables under data/actors/: short forms ("the US", "Türkiye"), demonyms
// ("Azerbaijani" -> Azerbaijan) and capitals or seats of power used as
// metonyms ("Moscow", "the Kremlin" -> Russia). People are full names found in
// the text (title cues such as "President", "spokesman"; or two capitalised
// name words), and later surname-only mentions link to the full name seen
// earlier in the same document ("Aliyev" -> "Ilham Aliyev"). Organisations come
// from a lexicon (FSB, SOCAR, CSTO, NATO, Sputnik Azerbaijan ...) and from
// patterns ("the X Ministry", "X Airlines"). Find() is linear in the text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace chronicle::actors {

enum class ActorType { kCountry, kPerson, kOrganisation };

// "country", "person" or "organisation".
std::string_view ToString(ActorType type);
// The type ToString names, or nullopt.
std::optional<ActorType> ActorTypeFromString(std::string_view name);

struct Actor {
  std::string name;  // canonical name: "Russia", "Ilham Aliyev", "FSB"
  ActorType type = ActorType::kCountry;
  std::string country;  // canonical country the actor belongs to, "" if unknown
                        // (a country's own country is itself)
  bool operator==(const Actor&) const = default;
};

struct ActorMention {
  size_t start = 0;  // byte offset into the text given to Find()
  size_t end = 0;    // one past the last byte
  std::string text;  // as written: "the Kremlin", "Russian", "Aliyev"
  Actor actor;
  // How the text names the actor: kName "Azerbaijan", "Ilham Aliyev", "the
  // FSB"; kDemonym "Azerbaijani"; kMetonym "Baku", "the Kremlin"; kSurname
  // "Aliyev" (linked to the latest full name of the document, else to a
  // well-known person); kTitle "the Azerbaijani president" (the holder of
  // that office: the one the document named, else the one of 2025).
  enum class Form { kName, kDemonym, kMetonym, kSurname, kTitle } form = Form::kName;
};

// "name", "demonym", "metonym", "surname" or "title".
std::string_view ToString(ActorMention::Form form);
// The form ToString names, or nullopt.
std::optional<ActorMention::Form> FormFromString(std::string_view name);

class ActorFinder {
 public:
  // The finder built from iso-codes and data/actors/*.txt, loaded once.
  // If the data cannot be loaded, the reason is printed to stderr once and
  // the finder finds nothing (ok() is false).
  static const ActorFinder& Default();

  // A new finder built from the same data; nullptr and *error set (if not
  // null) when a data file is missing or malformed.
  static std::unique_ptr<ActorFinder> Create(std::string* error);

  // False when the data could not be loaded; error() says why.
  bool ok() const;
  const std::string& error() const;

  // All actor mentions of one document, in text order, non-overlapping.
  // `text` must be valid UTF-8. With `work`, also the work done: tokens,
  // lexicon lookups and the steps of the scan's loops, each of a cost
  // bounded by a constant (the longest phrase, a few words of context), so
  // Find is linear in the text when this stays within a constant factor of
  // the token count; a test checks that on adversarial input.
  std::vector<ActorMention> Find(std::string_view text, uint64_t* work = nullptr) const;

  ~ActorFinder();
  ActorFinder(const ActorFinder&) = delete;
  ActorFinder& operator=(const ActorFinder&) = delete;

  struct Impl;

 private:
  explicit ActorFinder(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace chronicle::actors
