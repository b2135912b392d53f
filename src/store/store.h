// The SQLite store: every analysed document (sentences, temporal expressions,
// actor and event mentions) and the merged timeline, for `chronicle add`,
// `export` and `serve`. The schema is documented in src/store/README.md.
//
//   std::string error;
//   auto store = chronicle::store::Store::Open("chronicle.db", &error);
//   if (!store) { std::cerr << error << "\n"; return 1; }
//   for (const auto& analysis : analyses)
//     if (!store->WriteDocument(analysis, &error)) { ... }
//   if (!store->WriteTimeline(timeline, &error)) { ... }
//
// Each write is one transaction: on any failure it is rolled back and the
// database is as it was before the call, so a failed run never leaves half a
// document or half a timeline. Writing a document id that is already stored
// replaces it (and drops that document's rows from the stored timeline, which
// is then stale and should be written again). A Store is one connection; use
// it from one thread at a time.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dedup/near_duplicates.h"
#include "events/analysis.h"
#include "ingest/document.h"
#include "merge/timeline.h"
#include "time/timex.h"

namespace chronicle::store {

// The hash `documents.content_hash` holds: 16 hex digits of a 64-bit FNV-1a
// over the body and the metadata (not the path), so the same article read
// again, from anywhere, has the same hash.
std::string ContentHash(const ingest::Document& doc);

class Store {
 public:
  // Opens (creating if absent) the database at `path` (":memory:" for a
  // private in-memory one) and creates the schema when the file has none.
  // Foreign keys are enforced; file databases use WAL journaling. Returns
  // nullptr and sets *error when the file cannot be opened, is not an SQLite
  // database, or has a schema version this build does not know.
  static std::unique_ptr<Store> Open(const std::string& path, std::string* error);
  // Opens a new database at `path` straight into bulk mode (below), with the
  // schema itself written unsynced: nothing is synced until the caller syncs
  // the finished file (util::SyncFile) before moving it into place. Fails
  // for a file that holds a database already.
  static std::unique_ptr<Store> OpenBulk(const std::string& path, std::string* error);

  // The schema version written to PRAGMA user_version.
  static int SchemaVersion();

  // Bulk mode, for a database that is being built under a temporary name and
  // is thrown away if the run fails (as `chronicle build` does): the
  // rollback journal is kept in memory, writes are not synced, secondary
  // indexes are dropped, and SQLite checks neither foreign keys nor CHECK
  // constraints (each write checks what its data can get wrong itself).
  // EndBulk() rebuilds the indexes, returns to WAL, checkpoints the file
  // (all of it unsynced) and turns normal syncing back on: the caller syncs
  // the file before relying on it. A crash can leave the file unusable, but
  // savepoints and rollbacks of a failing document still work; a document id
  // that is already stored fails instead of being replaced. Both return
  // false with *error on failure.
  bool BeginBulk(std::string* error);
  bool EndBulk(std::string* error);
  // In bulk mode, builds the indexes of the per-document tables now, once the
  // last document is written, so that EndBulk has only the timeline's left
  // (chronicle build does this on the documents' thread while it merges).
  // Documents written afterwards update them row by row. False with *error
  // on failure.
  bool IndexDocuments(std::string* error);

  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // Writes one document with its sentences, timexes, actor mentions and event
  // mentions, replacing any stored document with the same id. Fails (and
  // changes nothing) on an inconsistent analysis, e.g. a mention whose
  // sentence or timex index does not exist.
  bool WriteDocument(const events::DocumentAnalysis& analysis, std::string* error);

  // Writes many documents in one transaction, each inside its own savepoint:
  // a document that fails is rolled back alone (its error, naming it, is
  // appended to *errors) and the others are kept. Much faster than one
  // WriteDocument per document, since the commit is paid once. Returns the
  // number of documents written; 0 with an error when the transaction
  // itself fails, in which case nothing is written.
  size_t WriteDocuments(const std::vector<events::DocumentAnalysis>& analyses, std::vector<std::string>* errors);
  // The same for documents handed over one at a time: next(i) returns
  // document i, or nullptr when there is none (the end), and may block until
  // it is ready (chronicle build stores each document as soon as its
  // analysis is done, while it is still reading the input).
  size_t WriteDocuments(const std::function<const events::DocumentAnalysis*(size_t)>& next,
                        std::vector<std::string>* errors);

  // Replaces the stored timeline (events with their actors, numbers, sources
  // and mentions; conflicts and claims) by `timeline`. Documents of the
  // timeline not yet in the store are added without a body. Fails (and
  // changes nothing) when the timeline refers to an event it does not
  // contain or to a document neither it nor the store holds, or repeats an
  // event or conflict id.
  bool WriteTimeline(const merge::Timeline& timeline, std::string* error);

  // A stored document as it was read, to analyse again (analysis is a pure
  // function of the document, so `chronicle add` re-analyses the stored
  // documents with the new ones and rebuilds the timeline).
  struct SourceDocument {
    std::string id;
    ingest::Document doc;
    // The document date when it was given (header or caller), to pass to
    // AnalyseDocument; nullopt when it was inferred or unknown.
    std::optional<time::CalendarDate> dct;
  };
  // Every document written by WriteDocument (those known only from a
  // timeline have no body and are skipped), in id order with shorter ids
  // first (d1, d2, ..., d10).
  bool ReadDocuments(std::vector<SourceDocument>* out, std::string* error) const;

  // The stored timeline, as WriteTimeline wrote it, for `chronicle export`
  // and `serve`. Its documents are all stored documents, in the order of
  // ReadDocuments; its version is empty (writers then print their own).
  bool ReadTimeline(merge::Timeline* out, std::string* error) const;

  // For `chronicle add`: the id, path and content hash of every stored
  // document with a body, in id order (d1, d2, ..., d10).
  struct DocumentKey {
    std::string id;
    std::string path;
    std::string content_hash;
  };
  bool ReadDocumentKeys(std::vector<DocumentKey>* out, std::string* error) const;
  // The content hashes of the stored near-copies (so that adding a copy
  // again changes nothing either).
  bool ReadCopyHashes(std::vector<std::string>* out, std::string* error) const;

  // Every stored document's analysis, as WriteDocument stored it, in id
  // order: what merging needs to rebuild the timeline without analysing the
  // documents again. (Actor mentions come back ordered by position.)
  bool ReadAnalyses(std::vector<events::DocumentAnalysis>* out, std::string* error) const;

  // Near-copies of stored documents (wire copies, re-posts): each is kept
  // as an extra source of the document it copies, without its text
  // (table document_copies). One transaction; false if `of` is not stored.
  struct DocumentCopy {
    std::string of;        // id of the stored document
    ingest::Document doc;  // the copy's path and metadata (its body is not stored)
    double similarity = 0;
    std::string content_hash;  // ContentHash of the copy as read
  };
  bool WriteCopies(const std::vector<DocumentCopy>& copies, std::string* error);

  // The MinHash signature of every stored document (documents.minhash), in
  // id order, for finding near-copies of them among new inputs.
  bool ReadSignatures(std::vector<std::pair<std::string, dedup::MinHash>>* out, std::string* error) const;

  struct Impl;

 private:
  explicit Store(std::unique_ptr<Impl> impl);
  static std::unique_ptr<Store> Open(const std::string& path, std::string* error, bool bulk);
  std::unique_ptr<Impl> impl_;
};

}  // namespace chronicle::store
