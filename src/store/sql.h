// Every SQL text of the store, in one place (sql.cc), so the schema and the
// statements that read and write it can be reviewed together. README.md in
// this folder documents each table and column.
#pragma once

#include <cstddef>
#include <string>

namespace chronicle::store::sql {

// PRAGMA user_version of a database with this schema.
inline constexpr int kSchemaVersion = 4;

// CREATE TABLE / INDEX IF NOT EXISTS statements for the whole schema, run
// with sqlite3_exec inside one transaction when user_version is 0.
extern const char* const kCreateSchema;

// The prepared statements. Parameters are numbered (?1, ?2 ...) in the order
// given by each statement's comment in sql.cc.
enum Query : int {
  kDeleteDocument,
  kInsertDocument,
  kInsertDocumentIfMissing,
  kInsertSentence,
  kInsertTimex,
  kUpsertActor,
  kInsertDocumentActor,
  kInsertMention,
  kInsertMentionActor,
  kInsertMentionNumber,
  kInsertMentionCue,
  kDeleteEvents,
  kDeleteConflicts,
  kInsertEvent,
  kInsertEventActor,
  kInsertEventNumber,
  kInsertEventSource,
  kInsertEventMention,
  kInsertEventMentionAt,
  kInsertConflict,
  kInsertClaim,
  kSelectSourceDocuments,
  kSelectTimelineDocuments,
  kSelectEvents,
  kSelectEventActors,
  kSelectEventNumbers,
  kSelectEventSources,
  kSelectEventMentions,
  kSelectConflicts,
  kSelectClaims,
  kInsertDocumentCopy,
  kSelectSignatures,
  kSelectDocumentKeys,
  kSelectCopyHashes,
  kSelectAnalysedDocuments,
  kSelectAllSentences,
  kSelectAllTimexes,
  kSelectAllDocumentActors,
  kSelectAllMentions,
  kSelectAllMentionActors,
  kSelectAllMentionNumbers,
  kSelectAllMentionCues,
  kSelectDocumentKey,
  kSavepoint,
  kReleaseSavepoint,
  kRollbackToSavepoint,
  kNumQueries,
};

// The SQL text of a query, and a short name for error messages.
const char* QueryText(Query q);
const char* QueryName(Query q);

// The same insert for `rows` rows in one statement, for the inserts of one
// VALUES row that sql.cc marks as such (per-document and timeline rows):
// INSERT OR FAIL INTO t (...) ... VALUES (row 1), (row 2), ... [the rest of
// the query], where row r's parameters are those of the one-row query
// shifted by (r - 1) times its number of parameters. "" for another query.
// OR FAIL: a row that breaks a
// constraint stops the statement with the rows before it kept, instead of
// the statement undoing its own rows (ABORT, the default, makes SQLite copy
// every page a statement of several rows changes into a statement journal
// first); every writer rolls back the whole document or transaction that
// fails anyway.
std::string InsertRowsText(Query q, size_t rows);

}  // namespace chronicle::store::sql
