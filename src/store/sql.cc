// The store's schema and statements. Tables fall in two groups:
//
//  * per document, written by Store::WriteDocument and replaced as a whole
//    when the same document id is written again: documents, sentences,
//    timexes, document_actors, mentions, mention_actors, mention_numbers,
//    mention_cues;
//  * the merged timeline, replaced as a whole by Store::WriteTimeline:
//    events, event_actors, event_numbers, event_sources, event_mentions,
//    conflicts, claims.
//
// A document has two names: its id ("d1", "d2", ...: the one timeline.json
// and the reports use) and its key, an integer SQLite assigns in the order
// documents are written. Every other table names a document by its key
// (column doc): an integer key keeps each document's rows at the end of its
// tables as they are written (ids like "d10" sort before "d2") and the rows
// small. Join documents ON documents.key = t.doc for the id.
//
// actors holds the canonical actors both groups point to; it only grows.
// Child rows reference their parent with ON DELETE CASCADE, so deleting a
// document removes everything that came from it, including its rows in the
// stored timeline (which then needs writing again). Offsets are UTF-8 byte
// offsets; booleans are 0/1 integers; optional text is NULL when unknown.
#include "store/sql.h"

#include <algorithm>
#include <string_view>

namespace chronicle::store::sql {

const char* const kCreateSchema = R"sql(
CREATE TABLE IF NOT EXISTS documents (
  key           INTEGER PRIMARY KEY,
  id            TEXT NOT NULL UNIQUE,
  path          TEXT NOT NULL,
  title         TEXT,
  source        TEXT,
  url           TEXT,
  published     TEXT,
  language      TEXT,
  dct           TEXT,
  dct_precision TEXT CHECK (dct_precision IN ('year', 'month', 'day')),
  dct_inferred  INTEGER NOT NULL DEFAULT 0 CHECK (dct_inferred IN (0, 1)),
  dct_method    TEXT,
  body          TEXT,
  body_offset   INTEGER NOT NULL DEFAULT 0 CHECK (body_offset >= 0),
  content_hash  TEXT,
  minhash       BLOB
);

CREATE TABLE IF NOT EXISTS document_copies (
  doc        INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  idx        INTEGER NOT NULL CHECK (idx >= 0),
  path       TEXT NOT NULL,
  title      TEXT,
  source     TEXT,
  url        TEXT,
  published  TEXT,
  similarity REAL NOT NULL,
  content_hash TEXT NOT NULL,
  PRIMARY KEY (doc, idx)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS sentences (
  doc          INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  idx          INTEGER NOT NULL CHECK (idx >= 0),
  start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
  end_offset   INTEGER NOT NULL CHECK (end_offset >= start_offset),
  text         TEXT NOT NULL,
  heading      INTEGER NOT NULL CHECK (heading IN (0, 1)),
  PRIMARY KEY (doc, idx)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS timexes (
  doc          INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  idx          INTEGER NOT NULL CHECK (idx >= 0),
  start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
  end_offset   INTEGER NOT NULL CHECK (end_offset >= start_offset),
  text         TEXT NOT NULL,
  type         TEXT NOT NULL,
  value        TEXT NOT NULL,
  mod          TEXT,
  anchor       TEXT,
  PRIMARY KEY (doc, idx)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS actors (
  id      INTEGER PRIMARY KEY,
  name    TEXT NOT NULL,
  type    TEXT NOT NULL CHECK (type IN ('country', 'person', 'organisation')),
  country TEXT NOT NULL DEFAULT '',
  UNIQUE (name, type)
);

CREATE TABLE IF NOT EXISTS document_actors (
  doc          INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  idx          INTEGER NOT NULL CHECK (idx >= 0),
  actor        INTEGER NOT NULL REFERENCES actors(id),
  mentions     INTEGER NOT NULL CHECK (mentions > 0),
  start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
  end_offset   INTEGER NOT NULL CHECK (end_offset >= start_offset),
  text         TEXT NOT NULL,
  forms        TEXT NOT NULL,
  spans        TEXT NOT NULL,
  PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS document_actors_by_actor ON document_actors(actor);

CREATE TABLE IF NOT EXISTS mentions (
  doc            INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  idx            INTEGER NOT NULL CHECK (idx >= 0),
  sentence       INTEGER NOT NULL,
  trigger        TEXT NOT NULL,
  trigger_start  INTEGER NOT NULL CHECK (trigger_start >= 0),
  trigger_end    INTEGER NOT NULL CHECK (trigger_end >= trigger_start),
  class          TEXT NOT NULL,
  timex          INTEGER,
  own_date       INTEGER NOT NULL CHECK (own_date IN (0, 1)),
  date           TEXT,
  date_precision TEXT CHECK (date_precision IN ('year', 'month', 'day')),
  attributed_to  TEXT,
  hedge          TEXT NOT NULL,
  negated        INTEGER NOT NULL CHECK (negated IN (0, 1)),
  in_timeline    INTEGER NOT NULL CHECK (in_timeline IN (0, 1)),
  excluded       TEXT,
  clause_start   INTEGER NOT NULL CHECK (clause_start >= 0),
  clause_end     INTEGER NOT NULL CHECK (clause_end >= clause_start),
  day_lo         INTEGER,
  day_hi         INTEGER CHECK (day_hi >= day_lo),
  PRIMARY KEY (doc, idx),
  FOREIGN KEY (doc, sentence) REFERENCES sentences(doc, idx),
  FOREIGN KEY (doc, timex) REFERENCES timexes(doc, idx)
) WITHOUT ROWID;
-- (doc, sentence) covers the timeline's evidence join (a mention found by
-- document, index and sentence without reading its row: without it, storing
-- the timeline of 20,000 articles took 3.6-4.0 s instead of 3.3 s). No index
-- on (doc, timex): the primary key's first column finds a document's
-- mentions, which is all the foreign keys' checks need.
CREATE INDEX IF NOT EXISTS mentions_by_sentence ON mentions(doc, sentence);

CREATE TABLE IF NOT EXISTS mention_actors (
  doc     INTEGER NOT NULL,
  mention INTEGER NOT NULL,
  idx     INTEGER NOT NULL CHECK (idx >= 0),
  actor   INTEGER NOT NULL REFERENCES actors(id),
  role    TEXT NOT NULL,
  text    TEXT NOT NULL,
  PRIMARY KEY (doc, mention, idx),
  FOREIGN KEY (doc, mention) REFERENCES mentions(doc, idx) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS mention_actors_by_actor ON mention_actors(actor);

CREATE TABLE IF NOT EXISTS mention_numbers (
  doc     INTEGER NOT NULL,
  mention INTEGER NOT NULL,
  idx     INTEGER NOT NULL CHECK (idx >= 0),
  value   INTEGER NOT NULL,
  what    TEXT NOT NULL,
  text    TEXT NOT NULL,
  noun    TEXT,
  PRIMARY KEY (doc, mention, idx),
  FOREIGN KEY (doc, mention) REFERENCES mentions(doc, idx) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS mention_cues (
  doc     INTEGER NOT NULL,
  mention INTEGER NOT NULL,
  idx     INTEGER NOT NULL CHECK (idx >= 0),
  kind    TEXT NOT NULL,
  value   TEXT NOT NULL,
  text    TEXT NOT NULL,
  PRIMARY KEY (doc, mention, idx),
  FOREIGN KEY (doc, mention) REFERENCES mentions(doc, idx) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS events (
  id        TEXT PRIMARY KEY,
  position  INTEGER NOT NULL UNIQUE,
  date      TEXT NOT NULL,
  precision TEXT NOT NULL,
  summary   TEXT NOT NULL,
  class     TEXT NOT NULL,
  disputed  INTEGER NOT NULL CHECK (disputed IN (0, 1)),
  score     REAL NOT NULL
);

CREATE TABLE IF NOT EXISTS event_actors (
  event TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  idx   INTEGER NOT NULL CHECK (idx >= 0),
  actor INTEGER NOT NULL REFERENCES actors(id),
  role  TEXT NOT NULL,
  PRIMARY KEY (event, idx)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS event_actors_by_actor ON event_actors(actor);

CREATE TABLE IF NOT EXISTS event_numbers (
  event TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  idx   INTEGER NOT NULL CHECK (idx >= 0),
  value INTEGER NOT NULL,
  what  TEXT NOT NULL,
  doc   INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  PRIMARY KEY (event, idx)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS event_numbers_by_doc ON event_numbers(doc);

CREATE TABLE IF NOT EXISTS event_sources (
  event    TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  position INTEGER NOT NULL CHECK (position >= 0),
  doc      INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  PRIMARY KEY (event, position)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS event_sources_by_doc ON event_sources(doc);

CREATE TABLE IF NOT EXISTS event_mentions (
  event         TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  idx           INTEGER NOT NULL CHECK (idx >= 0),
  doc           INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  sentence      INTEGER,
  mention       INTEGER,
  sentence_text TEXT,
  timex         TEXT,
  timex_value   TEXT,
  timex_begin   INTEGER,
  timex_end     INTEGER,
  trigger       TEXT,
  class         TEXT,
  hedge         TEXT,
  attributed_to TEXT,
  PRIMARY KEY (event, idx),
  FOREIGN KEY (doc, sentence) REFERENCES sentences(doc, idx),
  FOREIGN KEY (doc, mention) REFERENCES mentions(doc, idx),
  CHECK ((timex_begin IS NULL) = (timex_end IS NULL) AND (timex_begin IS NULL OR timex_begin <= timex_end)),
  -- The text is kept only when no stored sentence has it (sentence NULL):
  -- otherwise it is that sentence's text (readers: COALESCE with it).
  CHECK ((sentence IS NULL) = (sentence_text IS NOT NULL))
) WITHOUT ROWID;
-- (A document's evidence rows are found through event_mentions_by_sentence,
-- whose first column is the document.)
CREATE INDEX IF NOT EXISTS event_mentions_by_sentence ON event_mentions(doc, sentence);
CREATE INDEX IF NOT EXISTS event_mentions_by_mention ON event_mentions(doc, mention);

CREATE TABLE IF NOT EXISTS conflicts (
  id       TEXT PRIMARY KEY,
  position INTEGER NOT NULL UNIQUE,
  event    TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  kind     TEXT NOT NULL,
  what     TEXT
);
CREATE INDEX IF NOT EXISTS conflicts_by_event ON conflicts(event);

CREATE TABLE IF NOT EXISTS claims (
  conflict TEXT NOT NULL REFERENCES conflicts(id) ON DELETE CASCADE,
  idx      INTEGER NOT NULL CHECK (idx >= 0),
  doc      INTEGER NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
  value    TEXT NOT NULL,
  quote    TEXT NOT NULL,
  PRIMARY KEY (conflict, idx)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS claims_by_doc ON claims(doc);
)sql";

namespace {

struct QueryDef {
  const char* name;
  const char* text;
  // Written several rows to a statement (InsertRowsText): an INSERT INTO
  // whose VALUES has one row.
  bool rows = false;
};

// Indexed by Query; the static_assert below keeps the two in step.
constexpr QueryDef kQueries[] = {
    // ?1 id
    {"delete document", "DELETE FROM documents WHERE id = ?1"},
    // ?1 id, ?2 path, ?3 title, ?4 source, ?5 url, ?6 published, ?7 language,
    // ?8 dct, ?9 dct_precision, ?10 dct_inferred, ?11 dct_method, ?12 body,
    // ?13 body_offset, ?14 content_hash, ?15 minhash. The key is the new
    // rowid (sqlite3_last_insert_rowid).
    {"insert document",
     "INSERT INTO documents (id, path, title, source, url, published, language, dct, dct_precision,"
     " dct_inferred, dct_method, body, body_offset, content_hash, minhash)"
     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)"},
    // A document known only from a timeline (no body): ?1 id, ?2 path,
    // ?3 title, ?4 source, ?5 url, ?6 dct, ?7 dct_precision, ?8 dct_inferred
    {"insert timeline document",
     "INSERT INTO documents (id, path, title, source, url, dct, dct_precision, dct_inferred)"
     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (id) DO NOTHING"},
    // ?1 doc (the document's key, as in every row below), ?2 idx,
    // ?3 start_offset, ?4 end_offset, ?5 text, ?6 heading
    {"insert sentence",
     "INSERT INTO sentences (doc, idx, start_offset, end_offset, text, heading) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", true},
    // ?1 doc, ?2 idx, ?3 start_offset, ?4 end_offset, ?5 text, ?6 type,
    // ?7 value, ?8 mod, ?9 anchor
    {"insert timex",
     "INSERT INTO timexes (doc, idx, start_offset, end_offset, text, type, value, mod, anchor)"
     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
     true},
    // ?1 name, ?2 type, ?3 country; returns the actor's id. A known country
    // is kept; an unknown one is filled in when a later writer knows it.
    {"upsert actor",
     "INSERT INTO actors (name, type, country) VALUES (?1, ?2, ?3)"
     " ON CONFLICT (name, type) DO UPDATE"
     " SET country = CASE WHEN actors.country = '' THEN excluded.country ELSE actors.country END"
     " RETURNING id"},
    // ?1 doc, ?2 idx, ?3 actor, ?4 mentions, ?5 start_offset, ?6 end_offset,
    // ?7 text, ?8 forms, ?9 spans
    {"insert document actor",
     "INSERT INTO document_actors (doc, idx, actor, mentions, start_offset, end_offset, text, forms, spans)"
     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
     true},
    // ?1 doc, ?2 idx, ?3 sentence, ?4 trigger, ?5 trigger_start, ?6 trigger_end,
    // ?7 class, ?8 timex, ?9 own_date, ?10 date, ?11 date_precision,
    // ?12 attributed_to, ?13 hedge, ?14 negated, ?15 in_timeline, ?16 excluded,
    // ?17 clause_start, ?18 clause_end, ?19 day_lo, ?20 day_hi
    {"insert mention",
     "INSERT INTO mentions (doc, idx, sentence, trigger, trigger_start, trigger_end, class, timex, own_date,"
     " date, date_precision, attributed_to, hedge, negated, in_timeline, excluded, clause_start, clause_end,"
     " day_lo, day_hi)"
     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20)",
     true},
    // ?1 doc, ?2 mention, ?3 idx, ?4 actor, ?5 role, ?6 text
    {"insert mention actor",
     "INSERT INTO mention_actors (doc, mention, idx, actor, role, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", true},
    // ?1 doc, ?2 mention, ?3 idx, ?4 value, ?5 what, ?6 text, ?7 noun
    {"insert mention number",
     "INSERT INTO mention_numbers (doc, mention, idx, value, what, text, noun) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
     true},
    // ?1 doc, ?2 mention, ?3 idx, ?4 kind, ?5 value, ?6 text
    {"insert mention cue",
     "INSERT INTO mention_cues (doc, mention, idx, kind, value, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", true},
    {"delete events", "DELETE FROM events"},
    {"delete conflicts", "DELETE FROM conflicts"},
    // ?1 id, ?2 position, ?3 date, ?4 precision, ?5 summary, ?6 class,
    // ?7 disputed, ?8 score
    {"insert event",
     "INSERT INTO events (id, position, date, precision, summary, class, disputed, score)"
     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
     true},
    // ?1 event, ?2 idx, ?3 actor, ?4 role
    {"insert event actor", "INSERT INTO event_actors (event, idx, actor, role) VALUES (?1, ?2, ?3, ?4)", true},
    // ?1 event, ?2 idx, ?3 value, ?4 what, ?5 doc
    {"insert event number", "INSERT INTO event_numbers (event, idx, value, what, doc) VALUES (?1, ?2, ?3, ?4, ?5)",
     true},
    // ?1 event, ?2 position, ?3 doc
    {"insert event source", "INSERT INTO event_sources (event, position, doc) VALUES (?1, ?2, ?3)", true},
    // ?1 event, ?2 idx, ?3 doc, ?4 sentence_text, ?5 timex, ?6 timex_value,
    // ?7 timex_begin, ?8 timex_end, ?9 trigger, ?10 class, ?11 hedge,
    // ?12 attributed_to. The sentence is found by its text among the
    // document's stored sentences (the first one that matches), and the
    // mention as the first of that sentence with the same trigger; both are
    // NULL when the document's analysis is not in the store. The text is
    // kept only then (a stored sentence has it otherwise).
    {"insert event mention",
     "INSERT INTO event_mentions (event, idx, doc, sentence, mention, sentence_text, timex, timex_value,"
     " timex_begin, timex_end, trigger, class, hedge, attributed_to)"
     " SELECT ?1, ?2, ?3, s.idx,"
     " (SELECT m.idx FROM mentions AS m WHERE m.doc = ?3 AND m.sentence = s.idx AND m.trigger = ?9"
     "  ORDER BY m.idx LIMIT 1),"
     " CASE WHEN s.idx IS NULL THEN ?4 END, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12"
     " FROM (SELECT (SELECT idx FROM sentences WHERE doc = ?3 AND text = ?4 ORDER BY idx LIMIT 1) AS idx) AS s"},
    // The same when the timeline knows where the mention stands in its
    // document: ?13 the sentence's idx, ?14 the mention's idx, each kept only
    // if the document's analysis is stored with that sentence (else NULL),
    // found by key. The rows are joined to the stored ones (one cursor on
    // each table for all the rows of a statement, where a scalar subquery per
    // column and row costs SQLite about twice as much); OR FAIL, as for every
    // insert of several rows, spares INSERT ... SELECT a statement journal.
    {"insert event mention at",
     "INSERT INTO event_mentions (event, idx, doc, sentence, mention, sentence_text, timex, timex_value,"
     " timex_begin, timex_end, trigger, class, hedge, attributed_to)"
     " SELECT v.column1, v.column2, v.column3, s.idx, m.idx, CASE WHEN s.idx IS NULL THEN v.column4 END,"
     " v.column5, v.column6, v.column7,"
     " v.column8, v.column9, v.column10, v.column11, v.column12"
     " FROM (VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)) AS v"
     " LEFT JOIN sentences AS s ON s.doc = v.column3 AND s.idx = v.column13 AND s.text = v.column4"
     " LEFT JOIN mentions AS m ON m.doc = v.column3 AND m.idx = v.column14 AND m.sentence = s.idx",
     true},
    // ?1 id, ?2 position, ?3 event, ?4 kind, ?5 what
    {"insert conflict", "INSERT INTO conflicts (id, position, event, kind, what) VALUES (?1, ?2, ?3, ?4, ?5)", true},
    // ?1 conflict, ?2 idx, ?3 doc, ?4 value, ?5 quote
    {"insert claim", "INSERT INTO claims (conflict, idx, doc, value, quote) VALUES (?1, ?2, ?3, ?4, ?5)", true},
    // Reads. Documents come in id order with shorter ids first, so d2 comes
    // before d10: the input order for ids assigned as d1, d2, ...
    {"select source documents",
     "SELECT id, path, title, source, url, published, language, body, body_offset, dct, dct_inferred"
     " FROM documents WHERE body IS NOT NULL ORDER BY length(id), id"},
    {"select timeline documents",
     "SELECT id, path, title, source, url, dct, dct_precision, dct_inferred FROM documents ORDER BY length(id), id"},
    {"select events", "SELECT id, date, precision, summary, class, disputed, score FROM events ORDER BY position"},
    {"select event actors",
     "SELECT ea.event, a.name, a.type, ea.role FROM event_actors AS ea JOIN actors AS a ON a.id = ea.actor"
     " ORDER BY ea.event, ea.idx"},
    // The timeline's rows name their document by id, as the timeline does.
    {"select event numbers",
     "SELECT n.event, n.value, n.what, d.id FROM event_numbers AS n JOIN documents AS d ON d.key = n.doc"
     " ORDER BY n.event, n.idx"},
    {"select event sources",
     "SELECT s.event, d.id FROM event_sources AS s JOIN documents AS d ON d.key = s.doc ORDER BY s.event, s.position"},
    {"select event mentions",
     "SELECT m.event, d.id, coalesce(m.sentence_text, s.text), m.timex, m.timex_value, m.timex_begin, m.timex_end,"
     " m.trigger, m.class, m.hedge, m.attributed_to FROM event_mentions AS m JOIN documents AS d ON d.key = m.doc"
     " LEFT JOIN sentences AS s ON s.doc = m.doc AND s.idx = m.sentence ORDER BY m.event, m.idx"},
    {"select conflicts", "SELECT id, event, kind, what FROM conflicts ORDER BY position"},
    {"select claims",
     "SELECT c.conflict, d.id, c.value, c.quote FROM claims AS c JOIN documents AS d ON d.key = c.doc"
     " ORDER BY c.conflict, c.idx"},
    // ?1 the document's id, ?2 path, ?3 title, ?4 source, ?5 url, ?6 published,
    // ?7 similarity, ?8 content_hash; idx is the next free one of the
    // document. Inserts nothing when no document has that id.
    {"insert document copy",
     "INSERT INTO document_copies (doc, idx, path, title, source, url, published, similarity, content_hash)"
     " SELECT d.key, (SELECT coalesce(max(c.idx) + 1, 0) FROM document_copies AS c WHERE c.doc = d.key),"
     " ?2, ?3, ?4, ?5, ?6, ?7, ?8 FROM documents AS d WHERE d.id = ?1"},
    {"select signatures", "SELECT id, minhash FROM documents WHERE minhash IS NOT NULL ORDER BY length(id), id"},
    // For chronicle add: what is stored, to tell new and changed inputs.
    {"select document keys",
     "SELECT id, path, content_hash FROM documents WHERE body IS NOT NULL ORDER BY length(id), id"},
    {"select copy hashes", "SELECT content_hash FROM document_copies"},
    // The stored analyses, read back whole (ReadAnalyses); every list comes
    // in document order (by key), then position, with the document's id
    // first.
    {"select analysed documents",
     "SELECT id, path, title, source, url, published, language, body, body_offset, dct, dct_inferred, dct_method"
     " FROM documents WHERE body IS NOT NULL ORDER BY length(id), id"},
    {"select all sentences",
     "SELECT d.id, s.start_offset, s.end_offset, s.text, s.heading FROM sentences AS s"
     " JOIN documents AS d ON d.key = s.doc ORDER BY s.doc, s.idx"},
    {"select all timexes",
     "SELECT d.id, t.start_offset, t.end_offset, t.text, t.type, t.value, t.mod, t.anchor FROM timexes AS t"
     " JOIN documents AS d ON d.key = t.doc ORDER BY t.doc, t.idx"},
    {"select all document actors",
     "SELECT d.id, a.name, a.type, a.country, da.spans FROM document_actors AS da JOIN actors AS a ON a.id = da.actor"
     " JOIN documents AS d ON d.key = da.doc ORDER BY da.doc, da.idx"},
    {"select all mentions",
     "SELECT d.id, m.idx, m.sentence, m.trigger, m.trigger_start, m.trigger_end, m.class, m.timex, m.own_date, m.date,"
     " m.attributed_to, m.hedge, m.negated, m.in_timeline, m.excluded, m.clause_start, m.clause_end, m.day_lo,"
     " m.day_hi FROM mentions AS m JOIN documents AS d ON d.key = m.doc ORDER BY m.doc, m.idx"},
    {"select all mention actors",
     "SELECT d.id, ma.mention, a.name, a.type, a.country, ma.role, ma.text FROM mention_actors AS ma"
     " JOIN actors AS a ON a.id = ma.actor JOIN documents AS d ON d.key = ma.doc ORDER BY ma.doc, ma.mention, ma.idx"},
    {"select all mention numbers",
     "SELECT d.id, n.mention, n.value, n.what, n.text, n.noun FROM mention_numbers AS n"
     " JOIN documents AS d ON d.key = n.doc ORDER BY n.doc, n.mention, n.idx"},
    {"select all mention cues",
     "SELECT d.id, c.mention, c.kind, c.value, c.text FROM mention_cues AS c JOIN documents AS d ON d.key = c.doc"
     " ORDER BY c.doc, c.mention, c.idx"},
    // ?1 id; the document's key when it is stored, no row otherwise.
    {"select document key", "SELECT key FROM documents WHERE id = ?1"},
    // WriteDocuments: each document inside a savepoint of its own.
    {"savepoint", "SAVEPOINT chronicle_document"},
    {"release savepoint", "RELEASE chronicle_document"},
    {"rollback document", "ROLLBACK TO chronicle_document"},
};
static_assert(sizeof(kQueries) / sizeof(kQueries[0]) == kNumQueries, "one QueryDef per Query");

}  // namespace

const char* QueryText(Query q) { return kQueries[q].text; }
const char* QueryName(Query q) { return kQueries[q].name; }

std::string InsertRowsText(Query q, size_t rows) {
  constexpr std::string_view kInsert = "INSERT INTO ", kValues = "VALUES ";
  const std::string_view text = kQueries[q].text;
  const size_t values = text.find(kValues);
  if (!kQueries[q].rows || rows == 0 || !text.starts_with(kInsert) || values == std::string_view::npos) return {};
  const std::string_view head = text.substr(kInsert.size(), values - kInsert.size());
  // The row: the parenthesised list after VALUES; what follows it is kept.
  size_t end = values + kValues.size();
  for (int depth = 0; end < text.size(); ++end) {
    depth += text[end] == '(' ? 1 : text[end] == ')' ? -1 : 0;
    if (depth == 0) break;
  }
  if (end == text.size()) return {};
  const std::string_view row = text.substr(values + kValues.size(), end + 1 - values - kValues.size());
  const std::string_view tail = text.substr(end + 1);
  // The number N of a parameter ?N at row[*i], moving *i to its last digit.
  auto parameter = [&](size_t* i) {
    size_t n = 0;
    while (*i + 1 < row.size() && row[*i + 1] >= '0' && row[*i + 1] <= '9') {
      n = n * 10 + static_cast<size_t>(row[++*i] - '0');
    }
    return n;
  };
  // The parameters of a row: ?1 to the highest ?N it names.
  size_t columns = 0;
  for (size_t i = 0; i < row.size(); ++i) {
    if (row[i] == '?') columns = std::max(columns, parameter(&i));
  }
  std::string out = "INSERT OR FAIL INTO ";
  out += head;
  out += kValues;
  for (size_t r = 0; r < rows; ++r) {
    if (r > 0) out += ", ";
    for (size_t i = 0; i < row.size(); ++i) {
      out += row[i];
      if (row[i] == '?') out += std::to_string(parameter(&i) + r * columns);
    }
  }
  out += tail;
  return out;
}

}  // namespace chronicle::store::sql
