// Store: a thin layer over the SQLite C API. All statements are prepared once
// in Open (their text is in sql.cc) and every value is bound, never spliced
// into SQL. A write runs inside BEGIN IMMEDIATE ... COMMIT; any failed step
// returns false through the Transaction guard, whose destructor rolls back.
#include "store/store.h"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <map>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "store/sql.h"
#include "util/string_map.h"

namespace chronicle::store {

namespace {

// A bound statement for one execution: binds by parameter number, steps, and
// resets itself (clearing the bindings) when it goes out of scope, so the
// next use starts clean even after an error.
class Bound {
 public:
  explicit Bound(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~Bound() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }
  Bound(const Bound&) = delete;
  Bound& operator=(const Bound&) = delete;

  // Text that outlives the statement's execution (a field of the analysis
  // or the timeline being written, or a literal) is bound without a copy.
  Bound& Text(int i, std::string_view s) {
    Check(sqlite3_bind_text64(stmt_, i, s.data(), static_cast<sqlite3_uint64>(s.size()), SQLITE_STATIC, SQLITE_UTF8));
    return *this;
  }
  // A temporary string is copied (SQLITE_TRANSIENT): it is gone before Run().
  Bound& Text(int i, std::string&& s) {
    Check(
        sqlite3_bind_text64(stmt_, i, s.data(), static_cast<sqlite3_uint64>(s.size()), SQLITE_TRANSIENT, SQLITE_UTF8));
    return *this;
  }
  // NULL for an empty string: the store's "unknown".
  Bound& TextOrNull(int i, std::string_view s) { return s.empty() ? Null(i) : Text(i, s); }
  Bound& OptionalText(int i, const std::optional<std::string>& s) { return s ? Text(i, *s) : Null(i); }
  Bound& Int(int i, int64_t v) {
    Check(sqlite3_bind_int64(stmt_, i, static_cast<sqlite3_int64>(v)));
    return *this;
  }
  Bound& Size(int i, size_t v) { return Int(i, static_cast<int64_t>(v)); }
  Bound& Bool(int i, bool v) { return Int(i, v ? 1 : 0); }
  Bound& Real(int i, double v) {
    Check(sqlite3_bind_double(stmt_, i, v));
    return *this;
  }
  // Bytes, copied (SQLITE_TRANSIENT).
  Bound& Blob(int i, const void* data, size_t size) {
    Check(sqlite3_bind_blob64(stmt_, i, data, static_cast<sqlite3_uint64>(size), SQLITE_TRANSIENT));
    return *this;
  }
  Bound& Null(int i) {
    Check(sqlite3_bind_null(stmt_, i));
    return *this;
  }

  // One step of a query: SQLITE_ROW, SQLITE_DONE or an error code.
  int Step() { return bind_error_ != SQLITE_OK ? bind_error_ : sqlite3_step(stmt_); }
  sqlite3_stmt* stmt() const { return stmt_; }

  // Runs a statement that returns no row. False on error.
  bool Run() {
    if (bind_error_ != SQLITE_OK) return false;
    return sqlite3_step(stmt_) == SQLITE_DONE;
  }
  // Runs a statement that returns one row with one integer column.
  bool RunForInt(int64_t* out) {
    if (bind_error_ != SQLITE_OK || sqlite3_step(stmt_) != SQLITE_ROW) return false;
    *out = sqlite3_column_int64(stmt_, 0);
    return sqlite3_step(stmt_) == SQLITE_DONE;
  }

 private:
  void Check(int rc) {
    if (bind_error_ == SQLITE_OK) bind_error_ = rc;
  }
  sqlite3_stmt* stmt_;
  int bind_error_ = SQLITE_OK;
};

// Column access for the current row of a query.
class Row {
 public:
  explicit Row(sqlite3_stmt* stmt) : stmt_(stmt) {}
  bool IsNull(int i) const { return sqlite3_column_type(stmt_, i) == SQLITE_NULL; }
  // "" for NULL.
  std::string Text(int i) const {
    const auto* p = sqlite3_column_text(stmt_, i);
    if (p == nullptr) return std::string();
    return std::string(reinterpret_cast<const char*>(p), static_cast<size_t>(sqlite3_column_bytes(stmt_, i)));
  }
  std::optional<std::string> OptionalText(int i) const {
    if (IsNull(i)) return std::nullopt;
    return Text(i);
  }
  int64_t Int(int i) const { return static_cast<int64_t>(sqlite3_column_int64(stmt_, i)); }
  size_t Size(int i) const {
    const int64_t v = Int(i);
    return v < 0 ? 0 : static_cast<size_t>(v);
  }
  double Real(int i) const { return sqlite3_column_double(stmt_, i); }
  // Copies a blob of exactly `size` bytes; false for another size or NULL.
  bool Blob(int i, void* out, size_t size) const {
    const void* p = sqlite3_column_blob(stmt_, i);
    if (p == nullptr || static_cast<size_t>(sqlite3_column_bytes(stmt_, i)) != size) return false;
    std::memcpy(out, p, size);
    return true;
  }

 private:
  sqlite3_stmt* stmt_;
};

// The document of a row whose columns 1..8 are path, title, source, url,
// published, language, body, body_offset (the document selects of sql.cc).
ingest::Document StoredDocument(const Row& r) {
  ingest::Document doc;
  doc.path = r.Text(1);
  doc.title = r.OptionalText(2);
  doc.source = r.OptionalText(3);
  doc.url = r.OptionalText(4);
  doc.published = r.OptionalText(5);
  doc.language = r.OptionalText(6);
  doc.body = r.Text(7);
  doc.body_offset = r.Size(8);
  return doc;
}

// The spans column of document_actors: [[start,end,"form"],...], as written
// by InsertDocument. Malformed parts are skipped.
template <typename F>
void ForEachSpan(std::string_view spans, F&& f) {
  size_t i = 0;
  auto number = [&](size_t* v) {
    while (i < spans.size() && (spans[i] < '0' || spans[i] > '9')) ++i;
    if (i >= spans.size()) return false;
    *v = 0;
    while (i < spans.size() && spans[i] >= '0' && spans[i] <= '9') *v = *v * 10 + static_cast<size_t>(spans[i++] - '0');
    return true;
  };
  for (;;) {
    size_t start = 0, end = 0;
    if (!number(&start) || !number(&end)) return;
    const size_t q1 = spans.find('"', i);
    const size_t q2 = q1 == std::string_view::npos ? q1 : spans.find('"', q1 + 1);
    if (q2 == std::string_view::npos) return;
    f(start, end, spans.substr(q1 + 1, q2 - q1 - 1));
    i = q2 + 1;
  }
}

// The CHECK constraints that the values of an analysis can break: a range
// that ends before it starts, or an offset past what SQLite's integers hold.
// Checked by InsertDocument for every row it writes, because bulk mode turns
// SQLite's own CHECKs off: a CHECK with an IN list of three or more values
// (the date precisions) makes SQLite build a temporary b-tree for every row
// inserted. The other CHECKs hold by construction (indices, counts,
// booleans, precisions and types are written by this code).
bool CheckRange(size_t start, size_t end, const char* what, std::string* error) {
  if (start <= end && end <= static_cast<size_t>(INT64_MAX)) return true;
  if (error != nullptr) *error = std::string("store: CHECK constraint failed: ") + what;
  return false;
}

// The tables WriteTimeline fills; the others are filled by WriteDocument.
constexpr const char* kTimelineTables[] = {"event_actors",   "event_numbers", "event_sources",
                                           "event_mentions", "conflicts",     "claims"};

// Appends the decimal digits of v.
void AppendNumber(std::string* out, size_t v) {
  char digits[24];
  const auto end = std::to_chars(digits, digits + sizeof(digits), v).ptr;
  out->append(digits, end);
}

bool IsTimelineTable(std::string_view table) {
  return std::find(std::begin(kTimelineTables), std::end(kTimelineTables), table) != std::end(kTimelineTables);
}

}  // namespace

struct Store::Impl {
  sqlite3* db = nullptr;
  // Between BeginBulk and EndBulk: foreign keys are checked once at the end.
  bool bulk = false;
  // The indexes BeginBulk dropped that are not built again yet: name, table
  // and the statement that creates it, in schema order.
  struct DroppedIndex {
    std::string name, table, sql;
  };
  std::vector<DroppedIndex> dropped_indexes;
  std::array<sqlite3_stmt*, sql::kNumQueries> stmts{};
  // The inserts of rows (sql::InsertRowsText): row_stmts[q][k] holds 2^k
  // rows, up to kMaxRows, and is prepared when first needed.
  static constexpr size_t kMaxRows = 16;
  static constexpr size_t kRowSizes = 5;  // 1, 2, 4, ..., kMaxRows
  std::array<std::array<sqlite3_stmt*, kRowSizes>, sql::kNumQueries> row_stmts{};

  ~Impl() {
    for (sqlite3_stmt* s : stmts) sqlite3_finalize(s);
    for (const auto& sizes : row_stmts) {
      for (sqlite3_stmt* s : sizes) sqlite3_finalize(s);
    }
    sqlite3_close(db);
  }

  // The statement of `q` for `rows` rows, a power of two up to kMaxRows;
  // nullptr, with *error, if it cannot be prepared.
  sqlite3_stmt* RowsStatement(sql::Query q, size_t rows, std::string* error) {
    size_t k = 0;
    while ((size_t{1} << k) < rows) ++k;
    sqlite3_stmt*& stmt = row_stmts[q][k];
    if (stmt == nullptr) {
      const std::string text = sql::InsertRowsText(q, rows);
      if (text.empty() || (size_t{1} << k) != rows || k >= kRowSizes ||
          sqlite3_prepare_v3(db, text.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
        sqlite3_finalize(stmt);
        stmt = nullptr;
        if (error != nullptr) *error = Error(std::string("prepare ") + sql::QueryName(q) + " rows");
        return nullptr;
      }
    }
    return stmt;
  }

  std::string Error(std::string_view what) const {
    return std::string("store: ") + std::string(what) + ": " + sqlite3_errmsg(db);
  }
  bool Fail(sql::Query q, std::string* error) const {
    if (error != nullptr) *error = Error(sql::QueryName(q));
    return false;
  }
  bool Exec(const char* sql_text, std::string_view what, std::string* error) const {
    char* message = nullptr;
    if (sqlite3_exec(db, sql_text, nullptr, nullptr, &message) == SQLITE_OK) return true;
    if (error != nullptr) {
      *error = std::string("store: ") + std::string(what) + ": " + (message != nullptr ? message : "unknown error");
    }
    sqlite3_free(message);
    return false;
  }
  Bound Use(sql::Query q) const { return Bound(stmts[q]); }
  // Runs query `q`, which has no parameters and returns no row.
  bool Step(sql::Query q, std::string* error) const { return Use(q).Run() || Fail(q, error); }

  // Id of the canonical actor (name, type), created when new. The upsert is
  // the costliest statement of a document write, and documents name the same
  // actors again and again, so ids are cached across writes. Actor rows are
  // never deleted, so a committed id stays valid; entries made inside a
  // transaction are dropped if it rolls back (DropPendingActors).
  bool ActorId(const actors::Actor& actor, int64_t* id, std::string* error) {
    // Looked up without copying the name (ActorKeyLess is transparent).
    const auto it = actor_cache.find(std::pair<std::string_view, int>(actor.name, static_cast<int>(actor.type)));
    if (it != actor_cache.end() && (it->second.has_country || actor.country.empty())) {
      *id = it->second.id;
      return true;
    }
    if (!Use(sql::kUpsertActor)
             .Text(1, actor.name)
             .Text(2, actors::ToString(actor.type))
             .Text(3, actor.country)
             .RunForInt(id)) {
      return Fail(sql::kUpsertActor, error);
    }
    const bool has_country = !actor.country.empty() || (it != actor_cache.end() && it->second.has_country);
    auto key = std::make_pair(actor.name, static_cast<int>(actor.type));
    if (it != actor_cache.end()) {
      it->second = CachedActor{*id, has_country};
    } else {
      actor_cache.emplace(key, CachedActor{*id, has_country});
    }
    pending_actors.push_back(std::move(key));
    return true;
  }
  void KeepPendingActors() { pending_actors.clear(); }
  void DropPendingActors(size_t since = 0) {
    for (size_t i = since; i < pending_actors.size(); ++i) actor_cache.erase(pending_actors[i]);
    pending_actors.resize(since);
  }

  struct CachedActor {
    int64_t id = 0;
    bool has_country = false;  // the stored row has a country
  };
  // Orders (name, type) keys held as std::string and looked up as string_view.
  struct ActorKeyLess {
    using is_transparent = void;
    template <typename A, typename B>
    bool operator()(const A& a, const B& b) const {
      const std::string_view an = a.first, bn = b.first;
      return an != bn ? an < bn : a.second < b.second;
    }
  };
  std::map<std::pair<std::string, int>, CachedActor, ActorKeyLess> actor_cache;
  std::vector<std::pair<std::string, int>> pending_actors;

  // Runs query `q` (no parameters) and calls row(Row) for each result row.
  template <typename F>
  bool ForEachRow(sql::Query q, F&& row, std::string* error) const {
    Bound b = Use(q);
    for (;;) {
      const int rc = b.Step();
      if (rc == SQLITE_DONE) return true;
      if (rc != SQLITE_ROW) return Fail(q, error);
      row(Row(b.stmt()));
    }
  }

  bool InsertDocument(const events::DocumentAnalysis& a, std::string* error);
  bool SelectDocuments(std::vector<SourceDocument>* out, std::string* error) const;
  bool SelectTimeline(merge::Timeline* out, std::string* error) const;
  bool InsertTimeline(const merge::Timeline& t, std::string* error);
  bool CheckTimelineReferences(const merge::Timeline& t, std::string* error);
};

namespace {

// BEGIN IMMEDIATE (a write) or BEGIN (a read: one consistent snapshot for
// several queries) on construction; ROLLBACK on destruction unless committed.
class Transaction {
 public:
  enum Mode { kWrite, kRead };
  Transaction(sqlite3* db, std::string* error, Mode mode = kWrite) : db_(db) {
    active_ = sqlite3_exec(db_, mode == kWrite ? "BEGIN IMMEDIATE" : "BEGIN", nullptr, nullptr, nullptr) == SQLITE_OK;
    if (!active_ && error != nullptr) *error = std::string("store: begin transaction: ") + sqlite3_errmsg(db_);
  }
  ~Transaction() {
    if (active_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  bool ok() const { return active_; }
  bool Commit(std::string* error) {
    if (sqlite3_exec(db_, "COMMIT", nullptr, nullptr, nullptr) != SQLITE_OK) {
      if (error != nullptr) *error = std::string("store: commit: ") + sqlite3_errmsg(db_);
      return false;  // the destructor rolls back
    }
    active_ = false;
    return true;
  }

 private:
  sqlite3* db_;
  bool active_ = false;
};

// The rows of one insert (an sql.cc query marked for rows), held until
// Write binds them to statements of up to Impl::kMaxRows rows each: one step
// of SQLite for many rows costs much less than a step per row. Parameters
// are set by their number in the one-row query (a row's parameters not set
// are NULL). Text is bound without a copy (SQLITE_STATIC), so a view must
// stay valid until the rows are written; a temporary string (std::string&&)
// is copied into the rows' own arena. Next writes the rows held when
// kMaxRows are, so that a table of any size takes bounded memory; a caller
// writing tables that refer to each other writes the referred rows first.
class Rows {
 public:
  Rows(Store::Impl* impl, sql::Query q)
      : impl_(impl), q_(q), columns_(static_cast<size_t>(sqlite3_bind_parameter_count(impl->stmts[q]))) {}
  Rows(const Rows&) = delete;
  Rows& operator=(const Rows&) = delete;

  // Starts a row. False, with *error, when writing the rows held fails.
  bool Next(std::string* error) {
    if (values_.size() >= Store::Impl::kMaxRows * columns_ && !Write(error)) return false;
    base_ = values_.size();
    values_.resize(base_ + columns_);
    return true;
  }
  Rows& Text(int i, std::string_view s) { return Set(i, {Value::kText, 0, 0, s.data(), s.size()}); }
  Rows& Text(int i, std::string&& s) {
    const size_t at = arena_.size();
    arena_ += s;
    return Set(i, {Value::kArena, static_cast<int64_t>(at), 0, nullptr, s.size()});
  }
  Rows& TextOrNull(int i, std::string_view s) { return s.empty() ? Null(i) : Text(i, s); }
  Rows& Int(int i, int64_t v) { return Set(i, {Value::kInt, v}); }
  Rows& Size(int i, size_t v) { return Int(i, static_cast<int64_t>(v)); }
  Rows& Bool(int i, bool v) { return Int(i, v ? 1 : 0); }
  Rows& Real(int i, double v) { return Set(i, {Value::kReal, 0, v}); }
  Rows& Null(int i) { return Set(i, {}); }

  // Writes the rows held. False, with *error (naming the query), on failure.
  bool Write(std::string* error) {
    const size_t rows = columns_ == 0 ? 0 : values_.size() / columns_;
    for (size_t done = 0; done < rows;) {
      size_t n = Store::Impl::kMaxRows;
      while (n > rows - done) n /= 2;
      sqlite3_stmt* stmt = impl_->RowsStatement(q_, n, error);
      if (stmt == nullptr) return false;
      int rc = SQLITE_OK;
      const Value* v = &values_[done * columns_];
      for (size_t p = 0; p < n * columns_ && rc == SQLITE_OK; ++p) rc = Bind(stmt, static_cast<int>(p + 1), v[p]);
      if (rc == SQLITE_OK) rc = sqlite3_step(stmt);
      const bool ok = rc == SQLITE_DONE || impl_->Fail(q_, error);
      sqlite3_reset(stmt);
      if (!ok) return false;
      done += n;
    }
    values_.clear();
    arena_.clear();
    return true;
  }

 private:
  struct Value {
    enum Kind : uint8_t { kNull, kInt, kReal, kText, kArena } kind = kNull;
    int64_t i = 0;
    double d = 0;
    const char* text = nullptr;  // kText; a kArena text starts at arena_[i]
    size_t size = 0;
  };
  Rows& Set(int i, const Value& v) {
    values_[base_ + static_cast<size_t>(i - 1)] = v;
    return *this;
  }
  int Bind(sqlite3_stmt* stmt, int p, const Value& v) const {
    switch (v.kind) {
      case Value::kInt:
        return sqlite3_bind_int64(stmt, p, static_cast<sqlite3_int64>(v.i));
      case Value::kReal:
        return sqlite3_bind_double(stmt, p, v.d);
      case Value::kText:
      case Value::kArena:
        return sqlite3_bind_text64(stmt, p, v.kind == Value::kText ? v.text : arena_.data() + v.i,
                                   static_cast<sqlite3_uint64>(v.size), SQLITE_STATIC, SQLITE_UTF8);
      case Value::kNull:
        break;
    }
    return sqlite3_bind_null(stmt, p);
  }

  Store::Impl* impl_;
  sql::Query q_;
  size_t columns_;
  size_t base_ = 0;
  std::vector<Value> values_;
  std::string arena_;
};

}  // namespace

bool Store::Impl::InsertDocument(const events::DocumentAnalysis& a, std::string* error) {
  const std::string& id = a.id;
  if (id.empty()) {
    if (error != nullptr) *error = "store: a document needs an id";
    return false;
  }
  // The references SQLite would check row by row, checked here once: with
  // foreign keys off in bulk mode this is what keeps a bad analysis out.
  for (const auto& m : a.mentions) {
    if (m.sentence >= a.sentences.size() || (m.timex >= 0 && static_cast<size_t>(m.timex) >= a.timexes.size())) {
      if (error != nullptr) {
        *error = "store: insert mention: FOREIGN KEY constraint failed (sentence " + std::to_string(m.sentence) +
                 " of " + std::to_string(a.sentences.size()) + ", timex " + std::to_string(m.timex) + " of " +
                 std::to_string(a.timexes.size()) + ")";
      }
      return false;
    }
  }
  // A new database in bulk mode has nothing to replace (and without foreign
  // keys the delete would not cascade): a repeated id fails on the key.
  if (!bulk && !Use(sql::kDeleteDocument).Text(1, id).Run()) return Fail(sql::kDeleteDocument, error);

  const auto& doc = a.doc;
  if (!CheckRange(0, doc.body_offset, "documents.body_offset >= 0", error)) return false;
  const bool has_dct = a.dct.date.year != 0;
  {
    auto b = Use(sql::kInsertDocument);
    b.Text(1, id).Text(2, doc.path).OptionalText(3, doc.title).OptionalText(4, doc.source).OptionalText(5, doc.url);
    b.OptionalText(6, doc.published).OptionalText(7, doc.language);
    if (has_dct) {
      b.Text(8, a.dct.date.Iso()).Text(9, a.dct.date.Precision());
    } else {
      b.Null(8).Null(9);
    }
    b.Bool(10, a.dct.inferred).TextOrNull(11, a.dct.method).Text(12, doc.body).Size(13, doc.body_offset);
    if (a.content_hash.empty()) {
      b.Text(14, ContentHash(doc));
    } else {
      b.Text(14, a.content_hash);
    }
    const dedup::MinHash sig = a.minhash ? *a.minhash : dedup::Signature(doc.body);
    b.Blob(15, sig.data(), sizeof(sig));
    if (!b.Run()) return Fail(sql::kInsertDocument, error);
  }
  // The rows below name the document by its key, the rowid just assigned.
  const int64_t key = sqlite3_last_insert_rowid(db);
  // The rows of each table are written several to a statement (Rows), each
  // table before the ones that refer to it.
  Rows sentences(this, sql::kInsertSentence);
  for (size_t i = 0; i < a.sentences.size(); ++i) {
    const auto& s = a.sentences[i];
    if (!CheckRange(s.start, s.end, "sentences.end_offset >= start_offset", error) || !sentences.Next(error)) {
      return false;
    }
    sentences.Int(1, key).Size(2, i).Size(3, s.start).Size(4, s.end).Text(5, s.text).Bool(6, s.heading);
  }
  if (!sentences.Write(error)) return false;
  Rows timexes(this, sql::kInsertTimex);
  for (size_t i = 0; i < a.timexes.size(); ++i) {
    const auto& t = a.timexes[i];
    if (!CheckRange(t.start, t.end, "timexes.end_offset >= start_offset", error) || !timexes.Next(error)) return false;
    timexes.Int(1, key).Size(2, i).Size(3, t.start).Size(4, t.end).Text(5, t.text).Text(6, t.type).Text(7, t.value);
    timexes.TextOrNull(8, t.mod).TextOrNull(9, t.anchor);
  }
  if (!timexes.Write(error)) return false;
  // One row per actor the document names, in the order of first mention,
  // with every mention's range and form in `spans`.
  struct Named {
    int64_t actor = 0;
    const actors::ActorMention* first = nullptr;
    size_t count = 0;
    std::vector<std::string_view> forms;
    std::string spans;
  };
  std::vector<Named> named;
  std::unordered_map<int64_t, size_t> slot;
  for (const auto& m : a.actors) {
    int64_t actor = 0;
    if (!ActorId(m.actor, &actor, error)) return false;
    const auto [pos, inserted] = slot.try_emplace(actor, named.size());
    if (inserted) named.push_back({actor, &m, 0, {}, "["});
    Named& n = named[pos->second];
    const std::string_view form = actors::ToString(m.form);
    if (n.count > 0) n.spans += ',';
    n.spans += '[';
    AppendNumber(&n.spans, m.start);
    n.spans += ',';
    AppendNumber(&n.spans, m.end);
    n.spans += ",\"";
    n.spans += form;
    n.spans += "\"]";
    if (std::find(n.forms.begin(), n.forms.end(), form) == n.forms.end()) n.forms.push_back(form);
    ++n.count;
  }
  Rows document_actors(this, sql::kInsertDocumentActor);
  for (size_t i = 0; i < named.size(); ++i) {
    Named& n = named[i];
    n.spans += ']';
    std::string forms;
    for (const auto f : n.forms) {
      if (!forms.empty()) forms += ',';
      forms += f;
    }
    if (!CheckRange(n.first->start, n.first->end, "document_actors.end_offset >= start_offset", error) ||
        !document_actors.Next(error)) {
      return false;
    }
    document_actors.Int(1, key).Size(2, i).Int(3, n.actor).Size(4, n.count).Size(5, n.first->start);
    document_actors.Size(6, n.first->end).Text(7, n.first->text).Text(8, std::move(forms)).Text(9, n.spans);
  }
  if (!document_actors.Write(error)) return false;
  Rows mentions(this, sql::kInsertMention);
  for (size_t i = 0; i < a.mentions.size(); ++i) {
    const auto& m = a.mentions[i];
    if (!CheckRange(m.trigger_start, m.trigger_end, "mentions.trigger_end >= trigger_start", error) ||
        !CheckRange(m.clause_start, m.clause_end, "mentions.clause_end >= clause_start", error) ||
        !mentions.Next(error)) {
      return false;
    }
    auto& b = mentions;
    b.Int(1, key).Size(2, i).Size(3, m.sentence).Text(4, m.trigger).Size(5, m.trigger_start).Size(6, m.trigger_end);
    b.Text(7, events::ToString(m.cls));
    if (m.timex >= 0) b.Int(8, m.timex);
    b.Bool(9, m.own_date);
    if (m.date.year != 0) b.Text(10, m.date.Iso()).Text(11, m.date.Precision());
    b.TextOrNull(12, m.attributed_to).Text(13, events::ToString(m.hedge)).Bool(14, m.negated).Bool(15, m.in_timeline);
    b.TextOrNull(16, m.excluded).Size(17, m.clause_start).Size(18, m.clause_end);
    if (m.day_hi >= m.day_lo) b.Int(19, m.day_lo).Int(20, m.day_hi);
  }
  if (!mentions.Write(error)) return false;
  // A mention's actors, numbers and cues, after all the mentions.
  Rows mention_actors(this, sql::kInsertMentionActor);
  Rows mention_numbers(this, sql::kInsertMentionNumber);
  Rows mention_cues(this, sql::kInsertMentionCue);
  for (size_t i = 0; i < a.mentions.size(); ++i) {
    const auto& m = a.mentions[i];
    for (size_t k = 0; k < m.actors.size(); ++k) {
      const auto& ra = m.actors[k];
      int64_t actor = 0;
      if (!ActorId(ra.actor, &actor, error) || !mention_actors.Next(error)) return false;
      mention_actors.Int(1, key).Size(2, i).Size(3, k).Int(4, actor).Text(5, ra.role).Text(6, ra.text);
    }
    for (size_t k = 0; k < m.numbers.size(); ++k) {
      const auto& q = m.numbers[k];
      if (!mention_numbers.Next(error)) return false;
      mention_numbers.Int(1, key).Size(2, i).Size(3, k).Int(4, q.value).Text(5, q.what).Text(6, q.text);
      mention_numbers.TextOrNull(7, q.noun);
    }
    for (size_t k = 0; k < m.cues.size(); ++k) {
      const auto& c = m.cues[k];
      if (!mention_cues.Next(error)) return false;
      mention_cues.Int(1, key).Size(2, i).Size(3, k).Text(4, c.kind).Text(5, c.value).Text(6, c.text);
    }
  }
  return mention_actors.Write(error) && mention_numbers.Write(error) && mention_cues.Write(error);
}

// The references of a timeline's rows that SQLite would check row by row
// with foreign keys on, checked once, before any row, for bulk mode: the
// event of a conflict, and the document of every source, number, mention
// and claim (one of the timeline's documents, which are all inserted, or a
// stored one). The other references cannot dangle: an event mention's
// sentence and mention are looked up, actor ids come from ActorId, and a
// row's event or conflict is the one it is written with.
bool Store::Impl::CheckTimelineReferences(const merge::Timeline& t, std::string* error) {
  std::unordered_set<std::string_view> events, docs;
  for (const auto& e : t.events) events.insert(e.id);
  for (const auto& d : t.documents) docs.insert(d.id);
  std::string missing;
  auto doc = [&](std::string_view id, const char* table) {
    if (!missing.empty() || docs.count(id) != 0) return;
    int64_t key = 0;
    if (Use(sql::kSelectDocumentKey).Text(1, id).RunForInt(&key)) {
      docs.insert(id);
    } else {
      missing = std::string("a row of ") + table + " points at a missing row of documents";
    }
  };
  for (const auto& e : t.events) {
    for (const auto& n : e.numbers) doc(n.doc, "event_numbers");
    for (const auto& d : e.sources) doc(d, "event_sources");
    for (const auto& m : e.mentions) doc(m.doc, "event_mentions");
  }
  for (const auto& c : t.conflicts) {
    if (missing.empty() && events.count(c.event) == 0) missing = "a row of conflicts points at a missing row of events";
    for (const auto& claim : c.claims) doc(claim.doc, "claims");
  }
  if (missing.empty()) return true;
  if (error != nullptr) *error = "store: foreign key check failed: " + missing;
  return false;
}

bool Store::Impl::InsertTimeline(const merge::Timeline& t, std::string* error) {
  // Foreign keys are off in bulk mode.
  if (bulk && !CheckTimelineReferences(t, error)) return false;
  if (!Use(sql::kDeleteConflicts).Run()) return Fail(sql::kDeleteConflicts, error);
  if (!Use(sql::kDeleteEvents).Run()) return Fail(sql::kDeleteEvents, error);
  for (const auto& d : t.documents) {
    auto b = Use(sql::kInsertDocumentIfMissing);
    b.Text(1, d.id).Text(2, d.path).TextOrNull(3, d.title).TextOrNull(4, d.source).TextOrNull(5, d.url);
    const bool dated = !d.published.empty();
    b.TextOrNull(6, d.published);
    if (dated && !d.published_precision.empty()) {
      b.Text(7, d.published_precision);
    } else {
      b.Null(7);
    }
    b.Bool(8, d.published_inferred);
    if (!b.Run()) return Fail(sql::kInsertDocumentIfMissing, error);
  }
  // The rows name their document by its key: each id is looked up once.
  // An id that names no document gets key -1, so that its row fails its
  // foreign key (in bulk mode CheckTimelineReferences has refused it).
  util::StringMap<int64_t> keys;
  keys.reserve(t.documents.size());
  // (An event's mentions come grouped by document: the last answer is kept.)
  std::string last_id;
  int64_t last_key = -1;
  auto key_of = [&](std::string_view id) -> int64_t {
    if (id == last_id) return last_key;
    if (const auto it = keys.find(id); it != keys.end()) {
      last_key = it->second;
    } else {
      if (!Use(sql::kSelectDocumentKey).Text(1, id).RunForInt(&last_key)) last_key = -1;
      keys.emplace(std::string(id), last_key);
    }
    last_id.assign(id);
    return last_key;
  };
  // A spilled timeline's mentions and claims are read back one event or
  // conflict at a time, into the reader's buffer.
  merge::SpillReader spilled(t);
  // Each table's rows several to a statement (Rows), the events before the
  // rows that refer to them, the conflicts before their claims. Events and
  // conflicts are written in the order of their ids as text ("e1", "e10",
  // "e100", ..., "e2"), the order of the primary keys of their rows and of
  // their children's (event, idx): each row then goes at the end of its
  // table's B-tree. In timeline order, each event's rows went to some page
  // in the middle of a table larger than SQLite's cache, read back from the
  // file first (100,000 articles: 2 million mention rows).
  auto by_id = [](const auto& values) {
    std::vector<size_t> order(values.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return values[a].id < values[b].id; });
    return order;
  };
  const std::vector<size_t> event_order = by_id(t.events);
  Rows events(this, sql::kInsertEvent);
  for (const size_t i : event_order) {
    const auto& e = t.events[i];
    if (!events.Next(error)) return false;
    events.Text(1, e.id).Size(2, i).Text(3, e.date).Text(4, e.precision).Text(5, e.summary).Text(6, e.cls);
    events.Bool(7, e.disputed).Real(8, e.score);
  }
  if (!events.Write(error)) return false;
  Rows event_actors(this, sql::kInsertEventActor);
  Rows event_numbers(this, sql::kInsertEventNumber);
  Rows event_sources(this, sql::kInsertEventSource);
  Rows event_mentions(this, sql::kInsertEventMentionAt);
  for (const size_t i : event_order) {
    const auto& e = t.events[i];
    for (size_t k = 0; k < e.actors.size(); ++k) {
      const auto& a = e.actors[k];
      actors::Actor actor;
      actor.name = a.name;
      actor.type = a.type;
      int64_t actor_id = 0;
      if (!ActorId(actor, &actor_id, error) || !event_actors.Next(error)) return false;
      event_actors.Text(1, e.id).Size(2, k).Int(3, actor_id).Text(4, a.role);
    }
    for (size_t k = 0; k < e.numbers.size(); ++k) {
      const auto& n = e.numbers[k];
      if (!event_numbers.Next(error)) return false;
      event_numbers.Text(1, e.id).Size(2, k).Int(3, n.value).Text(4, n.what).Int(5, key_of(n.doc));
    }
    for (size_t k = 0; k < e.sources.size(); ++k) {
      if (!event_sources.Next(error)) return false;
      event_sources.Text(1, e.id).Size(2, k).Int(3, key_of(e.sources[k]));
    }
    const auto& mentions = spilled.Mentions(e);
    for (size_t k = 0; k < mentions.size(); ++k) {
      const auto& m = mentions[k];
      const bool span = m.timex_in_sentence && m.timex_begin <= m.timex_end && m.timex_end <= m.sentence.size();
      auto row = [&](auto& b) {
        b.Text(1, e.id).Size(2, k).Int(3, key_of(m.doc)).Text(4, m.sentence).TextOrNull(5, m.timex);
        b.TextOrNull(6, m.timex_value);
        if (span) {
          b.Size(7, m.timex_begin).Size(8, m.timex_end);
        } else {
          b.Null(7).Null(8);
        }
        b.TextOrNull(9, m.trigger).TextOrNull(10, m.cls).TextOrNull(11, m.hedge).TextOrNull(12, m.attributed_to);
      };
      if (m.sentence_index >= 0 && m.mention_index >= 0) {
        if (!event_mentions.Next(error)) return false;
        row(event_mentions);
        event_mentions.Int(13, m.sentence_index).Int(14, m.mention_index);
      } else {
        // Where the mention stands in its document is looked up (one row).
        auto b = Use(sql::kInsertEventMention);
        row(b);
        if (!b.Run()) return Fail(sql::kInsertEventMention, error);
      }
    }
    // Mentions read back from a spill live in the reader's buffer until the
    // next Mentions(): their rows are written before it (Rows do not copy).
    if (&mentions != &e.mentions && !event_mentions.Write(error)) return false;
  }
  if (!event_actors.Write(error) || !event_numbers.Write(error) || !event_sources.Write(error) ||
      !event_mentions.Write(error)) {
    return false;
  }
  const std::vector<size_t> conflict_order = by_id(t.conflicts);
  Rows conflicts(this, sql::kInsertConflict);
  for (const size_t i : conflict_order) {
    const auto& c = t.conflicts[i];
    if (!conflicts.Next(error)) return false;
    conflicts.Text(1, c.id).Size(2, i).Text(3, c.event).Text(4, c.kind).TextOrNull(5, c.what);
  }
  if (!conflicts.Write(error)) return false;
  Rows claims(this, sql::kInsertClaim);
  for (const size_t i : conflict_order) {
    const auto& c = t.conflicts[i];
    const auto& cs = spilled.Claims(c);
    for (size_t k = 0; k < cs.size(); ++k) {
      const auto& claim = cs[k];
      if (!claims.Next(error)) return false;
      claims.Text(1, c.id).Size(2, k).Int(3, key_of(claim.doc)).Text(4, claim.value).Text(5, claim.quote);
    }
    // Rows bind their texts without copying: claims read back from a spill
    // live in the reader's buffer until the next Claims(), so they are
    // written before it.
    if (&cs != &c.claims && !claims.Write(error)) return false;
  }
  return claims.Write(error);
}

bool Store::Impl::SelectDocuments(std::vector<SourceDocument>* out, std::string* error) const {
  out->clear();
  return ForEachRow(
      sql::kSelectSourceDocuments,
      [&](const Row& r) {
        SourceDocument d;
        d.id = r.Text(0);
        d.doc = StoredDocument(r);
        if (!r.IsNull(9) && r.Int(10) == 0) d.dct = time::ParseIsoDate(r.Text(9));
        out->push_back(std::move(d));
      },
      error);
}

bool Store::Impl::SelectTimeline(merge::Timeline* out, std::string* error) const {
  *out = merge::Timeline();
  auto& t = *out;
  bool ok = ForEachRow(
      sql::kSelectTimelineDocuments,
      [&](const Row& r) {
        merge::TimelineDocument d;
        d.id = r.Text(0);
        d.path = r.Text(1);
        d.title = r.Text(2);
        d.source = r.Text(3);
        d.url = r.Text(4);
        d.published = r.Text(5);
        d.published_precision = r.Text(6);
        d.published_inferred = r.Int(7) != 0;
        t.documents.push_back(std::move(d));
      },
      error);
  std::map<std::string, size_t, std::less<>> events;
  ok = ok && ForEachRow(
                 sql::kSelectEvents,
                 [&](const Row& r) {
                   merge::Event e;
                   e.id = r.Text(0);
                   e.date = r.Text(1);
                   e.precision = r.Text(2);
                   e.summary = r.Text(3);
                   e.cls = r.Text(4);
                   e.disputed = r.Int(5) != 0;
                   e.score = r.Real(6);
                   events.emplace(e.id, t.events.size());
                   t.events.push_back(std::move(e));
                 },
                 error);
  // Child rows come sorted by event, then position; the foreign keys
  // guarantee their event exists.
  auto event_of = [&](const Row& r) -> merge::Event* {
    const auto it = events.find(r.Text(0));
    return it == events.end() ? nullptr : &t.events[it->second];
  };
  ok = ok && ForEachRow(
                 sql::kSelectEventActors,
                 [&](const Row& r) {
                   if (auto* e = event_of(r)) {
                     merge::EventActor a;
                     a.name = r.Text(1);
                     a.type = actors::ActorTypeFromString(r.Text(2)).value_or(actors::ActorType::kCountry);
                     a.role = r.Text(3);
                     e->actors.push_back(std::move(a));
                   }
                 },
                 error);
  ok = ok && ForEachRow(
                 sql::kSelectEventNumbers,
                 [&](const Row& r) {
                   if (auto* e = event_of(r)) {
                     merge::EventNumber n;
                     n.value = r.Int(1);
                     n.what = r.Text(2);
                     n.doc = r.Text(3);
                     e->numbers.push_back(std::move(n));
                   }
                 },
                 error);
  ok = ok && ForEachRow(
                 sql::kSelectEventSources,
                 [&](const Row& r) {
                   if (auto* e = event_of(r)) e->sources.push_back(r.Text(1));
                 },
                 error);
  ok = ok && ForEachRow(
                 sql::kSelectEventMentions,
                 [&](const Row& r) {
                   if (auto* e = event_of(r)) {
                     merge::EventMentionRef m;
                     m.doc = r.Text(1);
                     m.sentence = r.Text(2);
                     m.timex = r.Text(3);
                     m.timex_value = r.Text(4);
                     m.timex_in_sentence = !r.IsNull(5);
                     m.timex_begin = r.Size(5);
                     m.timex_end = r.Size(6);
                     m.trigger = r.Text(7);
                     m.cls = r.Text(8);
                     m.hedge = r.Text(9);
                     m.attributed_to = r.Text(10);
                     e->mentions.push_back(std::move(m));
                   }
                 },
                 error);
  std::map<std::string, size_t, std::less<>> conflicts;
  ok = ok && ForEachRow(
                 sql::kSelectConflicts,
                 [&](const Row& r) {
                   merge::Conflict c;
                   c.id = r.Text(0);
                   c.event = r.Text(1);
                   c.kind = r.Text(2);
                   c.what = r.Text(3);
                   conflicts.emplace(c.id, t.conflicts.size());
                   t.conflicts.push_back(std::move(c));
                 },
                 error);
  ok = ok && ForEachRow(
                 sql::kSelectClaims,
                 [&](const Row& r) {
                   const auto it = conflicts.find(r.Text(0));
                   if (it == conflicts.end()) return;
                   merge::Claim claim;
                   claim.doc = r.Text(1);
                   claim.value = r.Text(2);
                   claim.quote = r.Text(3);
                   t.conflicts[it->second].claims.push_back(std::move(claim));
                 },
                 error);
  return ok;
}

Store::Store(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Store::~Store() = default;

int Store::SchemaVersion() { return sql::kSchemaVersion; }

bool Store::BeginBulk(std::string* error) {
  if (!impl_->Exec("PRAGMA journal_mode = MEMORY", "enter bulk mode", error) ||
      !impl_->Exec("PRAGMA synchronous = OFF", "enter bulk mode", error) ||
      !impl_->Exec("PRAGMA foreign_keys = OFF", "enter bulk mode", error) ||
      // InsertDocument checks what an analysis can get wrong itself.
      !impl_->Exec("PRAGMA ignore_check_constraints = ON", "enter bulk mode", error)) {
    return false;
  }
  // The secondary indexes are built once at the end, from sorted data,
  // instead of being updated row by row.
  std::vector<Impl::DroppedIndex> indexes;
  {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(impl_->db,
                           "SELECT name, tbl_name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL"
                           " ORDER BY rowid",
                           -1, &stmt, nullptr) != SQLITE_OK) {
      if (error != nullptr) *error = impl_->Error("enter bulk mode");
      return false;
    }
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      auto text = [&](int i) { return std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, i))); };
      indexes.push_back({text(0), text(1), text(2)});
    }
    sqlite3_finalize(stmt);
  }
  for (const auto& index : indexes) {
    // Index names come from our own schema (sql.cc), never from data.
    if (!impl_->Exec(("DROP INDEX \"" + index.name + "\"").c_str(), "enter bulk mode", error)) return false;
  }
  impl_->dropped_indexes = std::move(indexes);
  impl_->bulk = true;
  return true;
}

bool Store::IndexDocuments(std::string* error) {
  auto& dropped = impl_->dropped_indexes;
  for (auto it = dropped.begin(); it != dropped.end();) {
    if (IsTimelineTable(it->table)) {
      ++it;
      continue;
    }
    // The statement SQLite kept from our own schema (sql.cc).
    if (!impl_->Exec(it->sql.c_str(), "build the indexes", error)) return false;
    it = dropped.erase(it);
  }
  return true;
}

bool Store::EndBulk(std::string* error) {
  // No foreign key check is left: WriteDocument checks the only references
  // an analysis can get wrong (sentence and timex indices) and makes the
  // others itself (the document row first, actor ids by upsert, a mention
  // before its parts); WriteTimeline checks a timeline's before its rows.
  if (!impl_->Exec(sql::kCreateSchema, "build the indexes", error)) return false;
  impl_->dropped_indexes.clear();
  impl_->bulk = false;
  return impl_->Exec("PRAGMA foreign_keys = ON", "leave bulk mode", error) &&
         impl_->Exec("PRAGMA ignore_check_constraints = OFF", "leave bulk mode", error) &&
         impl_->Exec("PRAGMA journal_mode = WAL", "leave bulk mode", error) &&
         impl_->Exec("PRAGMA wal_checkpoint(TRUNCATE)", "checkpoint", error) &&
         // Syncing comes back only now: the switch to WAL and the checkpoint
         // above are written unsynced (five fsyncs, up to 50 ms on a busy
         // disk); the caller syncs the finished file once (util::SyncFile)
         // before moving it into place.
         impl_->Exec("PRAGMA synchronous = NORMAL", "leave bulk mode", error);
}

std::unique_ptr<Store> Store::OpenBulk(const std::string& path, std::string* error) {
  return Open(path, error, /*bulk=*/true);
}

std::unique_ptr<Store> Store::Open(const std::string& path, std::string* error) {
  return Open(path, error, /*bulk=*/false);
}

std::unique_ptr<Store> Store::Open(const std::string& path, std::string* error, bool bulk) {
  auto impl = std::make_unique<Impl>();
  auto fail = [&](std::string message) -> std::unique_ptr<Store> {
    if (error != nullptr) *error = std::move(message);
    return nullptr;
  };
  // Before the library initialises: no global memory statistics (a mutex
  // per allocation). A Store is one connection used by one thread at a time,
  // so the connection needs no mutex of its own either (SQLITE_OPEN_NOMUTEX).
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return sqlite3_initialize() == SQLITE_OK;
  }();
  if (!configured) return fail("store: cannot initialise SQLite");
  const int rc = sqlite3_open_v2(path.c_str(), &impl->db,
                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    return fail("store: cannot open " + path + ": " +
                (impl->db != nullptr ? sqlite3_errmsg(impl->db) : sqlite3_errstr(rc)));
  }
  sqlite3_extended_result_codes(impl->db, 1);
  sqlite3_busy_timeout(impl->db, 5000);
  std::string message;
  // Reading user_version is the first access to the file: a file that is not
  // a database fails here.
  int version = 0;
  {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(impl->db, "PRAGMA user_version", -1, &stmt, nullptr) != SQLITE_OK ||
        sqlite3_step(stmt) != SQLITE_ROW) {
      std::string why = impl->Error("cannot read " + path);
      sqlite3_finalize(stmt);
      return fail(why);
    }
    version = sqlite3_column_int(stmt, 0);
    sqlite3_finalize(stmt);
  }
  if (version > sql::kSchemaVersion) {
    return fail("store: " + path + " has schema version " + std::to_string(version) + "; this Chronicle knows up to " +
                std::to_string(sql::kSchemaVersion));
  }
  if (bulk && version != 0) return fail("store: " + path + " already holds a database");
  if (version != 0 && version < sql::kSchemaVersion) {
    return fail("store: " + path + " has schema version " + std::to_string(version) + ", older than this Chronicle's " +
                std::to_string(sql::kSchemaVersion) + "; build it again with `chronicle build`");
  }
  if (!impl->Exec("PRAGMA foreign_keys = ON", "enable foreign keys", &message)) return fail(message);
  // WAL lets readers (chronicle serve) work while a writer adds documents.
  // In-memory databases keep their own journal mode; the pragma is harmless.
  // (A bulk build writes even the schema unsynced: see OpenBulk.)
  if (!impl->Exec(bulk ? "PRAGMA journal_mode = MEMORY" : "PRAGMA journal_mode = WAL", "set journal mode", &message)) {
    return fail(message);
  }
  if (!impl->Exec(bulk ? "PRAGMA synchronous = OFF" : "PRAGMA synchronous = NORMAL", "set synchronous", &message)) {
    return fail(message);
  }
  // A 64 MiB page cache keeps the indexes of a large build in memory instead
  // of reading pages back from the file.
  if (!impl->Exec("PRAGMA cache_size = -65536", "set cache size", &message)) return fail(message);
  if (version == 0) {
    Transaction tx(impl->db, &message);
    if (!tx.ok()) return fail(message);
    if (!impl->Exec(sql::kCreateSchema, "create schema", &message)) return fail(message);
    const std::string set_version = "PRAGMA user_version = " + std::to_string(sql::kSchemaVersion);
    if (!impl->Exec(set_version.c_str(), "set schema version", &message)) return fail(message);
    if (!tx.Commit(&message)) return fail(message);
  }
  for (int q = 0; q < sql::kNumQueries; ++q) {
    const auto query = static_cast<sql::Query>(q);
    if (sqlite3_prepare_v3(impl->db, sql::QueryText(query), -1, SQLITE_PREPARE_PERSISTENT, &impl->stmts[q], nullptr) !=
        SQLITE_OK) {
      return fail(impl->Error(std::string("prepare ") + sql::QueryName(query)));
    }
  }
  auto store = std::unique_ptr<Store>(new Store(std::move(impl)));
  if (bulk && !store->BeginBulk(&message)) return fail(message);
  return store;
}

bool Store::WriteDocument(const events::DocumentAnalysis& analysis, std::string* error) {
  Transaction tx(impl_->db, error);
  if (!tx.ok()) return false;
  std::string why;
  bool ok = impl_->InsertDocument(analysis, &why);
  if (!ok && error != nullptr) *error = why + " (document " + analysis.id + ")";
  ok = ok && tx.Commit(error);
  if (ok) {
    impl_->KeepPendingActors();
  } else {
    impl_->DropPendingActors();
  }
  return ok;
}

size_t Store::WriteDocuments(const std::vector<events::DocumentAnalysis>& analyses, std::vector<std::string>* errors) {
  return WriteDocuments(
      [&](size_t i) -> const events::DocumentAnalysis* { return i < analyses.size() ? &analyses[i] : nullptr; },
      errors);
}

size_t Store::WriteDocuments(const std::function<const events::DocumentAnalysis*(size_t)>& next,
                             std::vector<std::string>* errors) {
  auto report = [&](std::string message) {
    if (errors != nullptr) errors->push_back(std::move(message));
  };
  std::string error;
  Transaction tx(impl_->db, &error);
  if (!tx.ok()) {
    report(error);
    return 0;
  }
  size_t written = 0;
  for (size_t i = 0;; ++i) {
    const events::DocumentAnalysis* next_analysis = next(i);
    if (next_analysis == nullptr) break;
    const events::DocumentAnalysis& analysis = *next_analysis;
    if (!impl_->Step(sql::kSavepoint, &error)) {
      report(error);
      impl_->DropPendingActors();
      return 0;
    }
    const size_t mark = impl_->pending_actors.size();
    std::string why;
    if (impl_->InsertDocument(analysis, &why)) {
      ++written;
    } else {
      report(why + " (document " + analysis.id + ")");
      impl_->DropPendingActors(mark);
      if (!impl_->Step(sql::kRollbackToSavepoint, &error)) {
        report(error);
        impl_->DropPendingActors();
        return 0;
      }
    }
    if (!impl_->Step(sql::kReleaseSavepoint, &error)) {
      report(error);
      impl_->DropPendingActors();
      return 0;
    }
  }
  if (!tx.Commit(&error)) {
    report(error);
    impl_->DropPendingActors();
    return 0;
  }
  impl_->KeepPendingActors();
  return written;
}

bool Store::WriteTimeline(const merge::Timeline& timeline, std::string* error) {
  Transaction tx(impl_->db, error);
  if (!tx.ok()) return false;
  const bool ok = impl_->InsertTimeline(timeline, error) && tx.Commit(error);
  if (ok) {
    impl_->KeepPendingActors();
  } else {
    impl_->DropPendingActors();
  }
  return ok;
}

bool Store::ReadDocuments(std::vector<SourceDocument>* out, std::string* error) const {
  Transaction tx(impl_->db, error, Transaction::kRead);
  if (!tx.ok()) return false;
  return impl_->SelectDocuments(out, error) && tx.Commit(error);
}

bool Store::ReadTimeline(merge::Timeline* out, std::string* error) const {
  Transaction tx(impl_->db, error, Transaction::kRead);
  if (!tx.ok()) return false;
  return impl_->SelectTimeline(out, error) && tx.Commit(error);
}

std::string ContentHash(const ingest::Document& doc) {
  uint64_t h = 14695981039346656037ull;
  auto add = [&](std::string_view part) {
    // The length first, so that moving bytes between fields changes the hash.
    const uint64_t n = part.size();
    for (int k = 0; k < 8; ++k) {
      h ^= (n >> (8 * k)) & 0xFF;
      h *= 1099511628211ull;
    }
    for (const char c : part) {
      h ^= static_cast<unsigned char>(c);
      h *= 1099511628211ull;
    }
  };
  add(doc.body);
  for (const auto* field : {&doc.title, &doc.source, &doc.url, &doc.published, &doc.language}) {
    add(field->has_value() ? std::string_view("+") : std::string_view("-"));
    add(field->value_or(""));
  }
  static const char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int k = 0; k < 16; ++k) out[static_cast<size_t>(k)] = kHex[(h >> (60 - 4 * k)) & 0xF];
  return out;
}

bool Store::ReadDocumentKeys(std::vector<DocumentKey>* out, std::string* error) const {
  out->clear();
  return impl_->ForEachRow(
      sql::kSelectDocumentKeys,
      [&](const Row& r) {
        out->push_back({r.Text(0), r.Text(1), r.Text(2)});
      },
      error);
}

bool Store::ReadCopyHashes(std::vector<std::string>* out, std::string* error) const {
  out->clear();
  return impl_->ForEachRow(
      sql::kSelectCopyHashes, [&](const Row& r) { out->push_back(r.Text(0)); }, error);
}

bool Store::ReadAnalyses(std::vector<events::DocumentAnalysis>* out, std::string* error) const {
  out->clear();
  Transaction tx(impl_->db, error, Transaction::kRead);
  if (!tx.ok()) return false;
  std::map<std::string, size_t, std::less<>> index;
  bool ok = impl_->ForEachRow(
      sql::kSelectAnalysedDocuments,
      [&](const Row& r) {
        events::DocumentAnalysis a;
        a.id = r.Text(0);
        a.doc = StoredDocument(r);
        if (!r.IsNull(9)) {
          if (const auto d = time::ParseIsoDate(r.Text(9))) a.dct.date = *d;
        }
        a.dct.inferred = r.Int(10) != 0;
        a.dct.method = r.Text(11);
        index.emplace(a.id, out->size());
        out->push_back(std::move(a));
      },
      error);
  // Rows of a document without a body (known only from a timeline) have no
  // analysis to go to and are skipped.
  auto doc_of = [&](const Row& r) -> events::DocumentAnalysis* {
    const auto it = index.find(r.Text(0));
    return it == index.end() ? nullptr : &(*out)[it->second];
  };
  ok = ok && impl_->ForEachRow(
                 sql::kSelectAllSentences,
                 [&](const Row& r) {
                   if (auto* a = doc_of(r)) a->sentences.push_back({r.Size(1), r.Size(2), r.Text(3), r.Int(4) != 0});
                 },
                 error);
  ok =
      ok && impl_->ForEachRow(
                sql::kSelectAllTimexes,
                [&](const Row& r) {
                  if (auto* a = doc_of(r)) {
                    a->timexes.push_back({r.Size(1), r.Size(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), r.Text(7)});
                  }
                },
                error);
  ok = ok && impl_->ForEachRow(
                 sql::kSelectAllDocumentActors,
                 [&](const Row& r) {
                   auto* a = doc_of(r);
                   if (a == nullptr) return;
                   actors::Actor actor;
                   actor.name = r.Text(1);
                   actor.type = actors::ActorTypeFromString(r.Text(2)).value_or(actors::ActorType::kCountry);
                   actor.country = r.Text(3);
                   ForEachSpan(r.Text(4), [&](size_t start, size_t end, std::string_view form) {
                     if (start > end || end > a->doc.body.size()) return;
                     actors::ActorMention m;
                     m.start = start;
                     m.end = end;
                     m.text = a->doc.body.substr(start, end - start);
                     m.actor = actor;
                     m.form = actors::FormFromString(form).value_or(actors::ActorMention::Form::kName);
                     a->actors.push_back(std::move(m));
                   });
                 },
                 error);
  for (auto& a : *out) {
    std::stable_sort(a.actors.begin(), a.actors.end(),
                     [](const actors::ActorMention& x, const actors::ActorMention& y) { return x.start < y.start; });
  }
  ok = ok && impl_->ForEachRow(
                 sql::kSelectAllMentions,
                 [&](const Row& r) {
                   auto* a = doc_of(r);
                   if (a == nullptr) return;
                   events::EventMention m;
                   m.sentence = r.Size(2);
                   m.trigger = r.Text(3);
                   m.trigger_start = r.Size(4);
                   m.trigger_end = r.Size(5);
                   m.cls = events::EventClassFromString(r.Text(6)).value_or(events::EventClass::kOther);
                   m.timex = r.IsNull(7) ? -1 : static_cast<int>(r.Int(7));
                   m.own_date = r.Int(8) != 0;
                   if (!r.IsNull(9)) {
                     if (const auto d = time::ParseIsoDate(r.Text(9))) m.date = *d;
                   }
                   m.attributed_to = r.Text(10);
                   m.hedge = events::HedgeFromString(r.Text(11)).value_or(events::Hedge::kAsserted);
                   m.negated = r.Int(12) != 0;
                   m.in_timeline = r.Int(13) != 0;
                   m.excluded = r.Text(14);
                   m.clause_start = r.Size(15);
                   m.clause_end = r.Size(16);
                   if (!r.IsNull(17) && !r.IsNull(18)) {
                     m.day_lo = r.Int(17);
                     m.day_hi = r.Int(18);
                   }
                   a->mentions.push_back(std::move(m));
                 },
                 error);
  auto mention_of = [&](const Row& r) -> events::EventMention* {
    auto* a = doc_of(r);
    const size_t k = r.Size(1);
    return a == nullptr || k >= a->mentions.size() ? nullptr : &a->mentions[k];
  };
  ok = ok && impl_->ForEachRow(
                 sql::kSelectAllMentionActors,
                 [&](const Row& r) {
                   if (auto* m = mention_of(r)) {
                     events::RoleActor ra;
                     ra.actor.name = r.Text(2);
                     ra.actor.type = actors::ActorTypeFromString(r.Text(3)).value_or(actors::ActorType::kCountry);
                     ra.actor.country = r.Text(4);
                     ra.role = r.Text(5);
                     ra.text = r.Text(6);
                     m->actors.push_back(std::move(ra));
                   }
                 },
                 error);
  ok = ok && impl_->ForEachRow(
                 sql::kSelectAllMentionNumbers,
                 [&](const Row& r) {
                   if (auto* m = mention_of(r)) m->numbers.push_back({r.Int(2), r.Text(3), r.Text(4), r.Text(5)});
                 },
                 error);
  ok = ok && impl_->ForEachRow(
                 sql::kSelectAllMentionCues,
                 [&](const Row& r) {
                   if (auto* m = mention_of(r)) m->cues.push_back({r.Text(2), r.Text(3), r.Text(4)});
                 },
                 error);
  if (!ok) out->clear();
  return ok;
}

bool Store::WriteCopies(const std::vector<DocumentCopy>& copies, std::string* error) {
  if (copies.empty()) return true;
  Transaction tx(impl_->db, error);
  if (!tx.ok()) return false;
  for (const auto& c : copies) {
    auto b = impl_->Use(sql::kInsertDocumentCopy);
    b.Text(1, c.of).Text(2, c.doc.path).OptionalText(3, c.doc.title).OptionalText(4, c.doc.source);
    b.OptionalText(5, c.doc.url).OptionalText(6, c.doc.published).Real(7, c.similarity).Text(8, c.content_hash);
    if (!b.Run()) return impl_->Fail(sql::kInsertDocumentCopy, error);
    // INSERT ... SELECT inserts nothing, without an error, when `of` is not stored.
    if (sqlite3_changes(impl_->db) != 1) {
      if (error != nullptr) *error = "store: insert document copy: no stored document " + c.of;
      return false;
    }
  }
  return tx.Commit(error);
}

bool Store::ReadSignatures(std::vector<std::pair<std::string, dedup::MinHash>>* out, std::string* error) const {
  out->clear();
  return impl_->ForEachRow(
      sql::kSelectSignatures,
      [&](const Row& r) {
        dedup::MinHash sig{};
        if (r.Blob(1, sig.data(), sizeof(sig))) out->emplace_back(r.Text(0), sig);
      },
      error);
}

}  // namespace chronicle::store
