// The SQLite store: rows written for documents and timelines, replacement on
// re-write, and all-or-nothing writes. Results are read back through a second
// connection with the plain sqlite3 C API, as an outside reader would.
#include "store/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "../report/timeline_fixture.h"
#include "events/analysis.h"
#include "ingest/reader.h"
#include "merge/timeline.h"
#include "report/report.h"

namespace {

namespace fs = std::filesystem;
using chronicle::store::Store;

// Field-by-field builders, so the test keeps compiling when a struct of the
// data model gains a member.
chronicle::actors::Actor MakeActorValue(std::string name, chronicle::actors::ActorType type, std::string country) {
  chronicle::actors::Actor a;
  a.name = std::move(name);
  a.type = type;
  a.country = std::move(country);
  return a;
}

chronicle::events::Sentence MakeSentence(size_t start, size_t end, std::string text) {
  chronicle::events::Sentence s;
  s.start = start;
  s.end = end;
  s.text = std::move(text);
  return s;
}

chronicle::events::RoleActor MakeRoleActor(chronicle::actors::Actor actor, std::string role, std::string text) {
  chronicle::events::RoleActor r;
  r.actor = std::move(actor);
  r.role = std::move(role);
  r.text = std::move(text);
  return r;
}

chronicle::events::Quantity MakeQuantity(int64_t value, std::string what, std::string text) {
  chronicle::events::Quantity q;
  q.value = value;
  q.what = std::move(what);
  q.text = std::move(text);
  return q;
}

// A document whose sentences include the d1 sentences of SmallTimeline, so
// timeline mentions can be linked to stored sentences and mentions.
chronicle::events::DocumentAnalysis SampleAnalysis(const std::string& id = "d1") {
  using namespace chronicle;
  events::DocumentAnalysis a;
  a.id = id;
  a.doc.path = "seeds/01_airliner.txt";
  a.doc.title = "Azerbaijani airliner: what we know";
  a.doc.source = "Example Analysis";
  a.doc.url = "https://example.org/airliner";
  a.doc.published = "25 July 2025";
  a.doc.body_offset = 120;
  const std::string s0 = "An Azerbaijan Airlines plane was shot down near Grozny on 25 December.";
  const std::string s1 = "In late June, police raided the Sputnik Azerbaijan office in Baku, Trend reported.";
  const std::string s2 = "Seven employees were detained.";
  a.doc.body = s0 + " " + s1 + " " + s2;
  a.dct.date.year = 2025;
  a.dct.date.month = 7;
  a.dct.date.day = 25;
  a.dct.inferred = false;
  a.dct.method = "given";
  const auto& body = a.doc.body;
  for (const auto* s : {&s0, &s1, &s2}) {
    const size_t at = body.find(*s);
    a.sentences.push_back(MakeSentence(at, at + s->size(), *s));
  }
  auto timex = [&](const std::string& text, const std::string& value, const std::string& mod) {
    time::Timex t;
    t.start = body.find(text);
    t.end = t.start + text.size();
    t.text = text;
    t.type = "DATE";
    t.value = value;
    t.mod = mod;
    t.anchor = "dct";
    a.timexes.push_back(t);
  };
  timex("on 25 December", "2024-12-25", "");
  timex("In late June", "2025-06", "END");
  auto actor = [&](const std::string& text, const std::string& name, actors::ActorType type, const std::string& country,
                   actors::ActorMention::Form form) {
    actors::ActorMention m;
    m.start = body.find(text);
    m.end = m.start + text.size();
    m.text = text;
    m.actor = MakeActorValue(name, type, country);
    m.form = form;
    a.actors.push_back(m);
  };
  actor("Azerbaijan Airlines", "Azerbaijan Airlines", actors::ActorType::kOrganisation, "Azerbaijan",
        actors::ActorMention::Form::kName);
  actor("Grozny", "Russia", actors::ActorType::kCountry, "Russia", actors::ActorMention::Form::kMetonym);
  actor("Sputnik Azerbaijan", "Sputnik Azerbaijan", actors::ActorType::kOrganisation, "Russia",
        actors::ActorMention::Form::kName);
  actor("Baku", "Azerbaijan", actors::ActorType::kCountry, "Azerbaijan", actors::ActorMention::Form::kMetonym);
  auto mention = [&](size_t sentence, const std::string& trigger, events::EventClass cls, int tx, bool own) {
    events::EventMention m;
    m.sentence = sentence;
    m.trigger = trigger;
    m.trigger_start = body.find(trigger);
    m.trigger_end = m.trigger_start + trigger.size();
    m.cls = cls;
    m.timex = tx;
    m.own_date = own;
    m.date.year = tx == 0 ? 2024 : 2025;
    m.date.month = tx == 0 ? 12 : 6;
    m.date.day = tx == 0 ? 25 : 0;
    m.in_timeline = true;
    m.clause_start = a.sentences[sentence].start;
    m.clause_end = a.sentences[sentence].end;
    m.day_lo = tx == 0 ? 20082 : 20240;  // 2024-12-25; June 2025
    m.day_hi = tx == 0 ? 20082 : 20269;
    a.mentions.push_back(m);
    return &a.mentions.back();
  };
  auto* m0 = mention(0, "shot down", events::EventClass::kAttack, 0, true);
  m0->actors.push_back(
      MakeRoleActor(MakeActorValue("Azerbaijan Airlines", actors::ActorType::kOrganisation, "Azerbaijan"), "target",
                    "Azerbaijan Airlines"));
  auto* m1 = mention(1, "raided", events::EventClass::kArrest, 1, true);
  m1->actors.push_back(
      MakeRoleActor(MakeActorValue("Azerbaijan", actors::ActorType::kCountry, "Azerbaijan"), "agent", "police"));
  m1->actors.push_back(MakeRoleActor(MakeActorValue("Sputnik Azerbaijan", actors::ActorType::kOrganisation, "Russia"),
                                     "target", "Sputnik Azerbaijan"));
  m1->attributed_to = "Trend";
  m1->hedge = events::Hedge::kReported;
  auto* m2 = mention(2, "detained", events::EventClass::kArrest, 1, false);
  m2->numbers.push_back(MakeQuantity(7, "employees", "Seven employees"));
  m2->numbers.back().noun = "employee";
  chronicle::events::Cue cue;
  cue.kind = "framing";
  cue.value = "loaded";
  cue.text = "shot down";
  a.mentions[0].cues.push_back(cue);  // m0 may have moved since
  // An undated opinion: stored, but not on the timeline.
  events::EventMention opinion;
  opinion.sentence = 2;
  opinion.trigger = "were";
  opinion.trigger_start = body.find("were");
  opinion.trigger_end = opinion.trigger_start + 4;
  opinion.cls = events::EventClass::kOther;
  opinion.hedge = events::Hedge::kBelieved;
  opinion.negated = true;
  opinion.excluded = "undated";
  a.mentions.push_back(opinion);
  return a;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("chronicle-store-" + std::to_string(getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "chronicle.db").string();
  }
  void TearDown() override {
    if (reader_ != nullptr) sqlite3_close(reader_);
    fs::remove_all(dir_);
  }

  std::unique_ptr<Store> OpenStore() {
    std::string error;
    auto store = Store::Open(path_, &error);
    EXPECT_NE(store, nullptr) << error;
    return store;
  }

  sqlite3* Reader() {
    if (reader_ == nullptr) {
      EXPECT_EQ(sqlite3_open_v2(path_.c_str(), &reader_, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    }
    return reader_;
  }

  // The single value of a query with bound text parameters, as text ("NULL"
  // for NULL); fails the test when the query does not give exactly one row.
  std::string Value(const std::string& sql, const std::vector<std::string>& params = {}) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(Reader(), sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << sql << ": " << sqlite3_errmsg(Reader());
      return "";
    }
    for (size_t i = 0; i < params.size(); ++i) {
      sqlite3_bind_text(stmt, static_cast<int>(i + 1), params[i].c_str(), -1, SQLITE_TRANSIENT);
    }
    std::string out;
    if (sqlite3_step(stmt) == SQLITE_ROW) {
      const auto* text = sqlite3_column_text(stmt, 0);
      out = sqlite3_column_type(stmt, 0) == SQLITE_NULL
                ? "NULL"
                : std::string(reinterpret_cast<const char*>(text), static_cast<size_t>(sqlite3_column_bytes(stmt, 0)));
      EXPECT_EQ(sqlite3_step(stmt), SQLITE_DONE) << sql << " gave more than one row";
    } else {
      ADD_FAILURE() << sql << " gave no row";
    }
    sqlite3_finalize(stmt);
    return out;
  }
  int Count(const std::string& table, const std::string& where = "1") {
    return std::stoi(Value("SELECT count(*) FROM " + table + " WHERE " + where));
  }
  // Row counts of every per-document table for one document.
  // SQL for the key of the document whose id is `id` (an SQL expression).
  static std::string KeyOf(const std::string& id) { return "(SELECT key FROM documents WHERE id = " + id + ")"; }
  std::string DocumentRows(const std::string& doc) {
    std::string out;
    for (const char* table : {"documents", "sentences", "timexes", "document_actors", "mentions", "mention_actors",
                              "mention_numbers", "mention_cues"}) {
      // Rows name their document by key (documents.key), not by id.
      const std::string where = std::string(table) == "documents" ? "id = ?1" : "doc = " + KeyOf("?1");
      out += std::string(table) + "=" + Value(std::string("SELECT count(*) FROM ") + table + " WHERE " + where, {doc}) +
             " ";
    }
    return out;
  }
  std::string TimelineRows() {
    std::string out;
    for (const char* table :
         {"events", "event_actors", "event_numbers", "event_sources", "event_mentions", "conflicts", "claims"}) {
      out += std::string(table) + "=" + std::to_string(Count(table)) + " ";
    }
    return out;
  }

  fs::path dir_;
  std::string path_;
  sqlite3* reader_ = nullptr;
};

TEST_F(StoreTest, CreatesSchemaWithVersionAndForeignKeys) {
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(Value("PRAGMA user_version"), std::to_string(Store::SchemaVersion()));
  EXPECT_EQ(Store::SchemaVersion(), 4);
  for (const char* table : {"documents", "sentences", "timexes", "actors", "document_actors", "mentions",
                            "mention_actors", "mention_numbers", "mention_cues", "events", "event_actors",
                            "event_numbers", "event_sources", "event_mentions", "conflicts", "claims"}) {
    EXPECT_EQ(Value("SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = ?1", {table}), "1") << table;
  }
  EXPECT_EQ(Value("PRAGMA journal_mode"), "wal");
  // Opening again does not recreate or fail.
  store.reset();
  EXPECT_NE(OpenStore(), nullptr);
}

TEST_F(StoreTest, WritesOneDocumentWithAllItsParts) {
  auto store = OpenStore();
  std::string error;
  ASSERT_TRUE(store->WriteDocument(SampleAnalysis(), &error)) << error;
  EXPECT_EQ(DocumentRows("d1"),
            "documents=1 sentences=3 timexes=2 document_actors=4 mentions=4 mention_actors=3 mention_numbers=1 "
            "mention_cues=1 ");
  EXPECT_EQ(Value("SELECT title FROM documents WHERE id = 'd1'"), "Azerbaijani airliner: what we know");
  EXPECT_EQ(Value("SELECT published FROM documents WHERE id = 'd1'"), "25 July 2025");
  EXPECT_EQ(Value("SELECT dct || ' ' || dct_precision || ' ' || dct_inferred || ' ' || dct_method FROM documents"),
            "2025-07-25 day 0 given");
  EXPECT_EQ(Value("SELECT language FROM documents"), "NULL");
  EXPECT_EQ(Value("SELECT body_offset FROM documents"), "120");
  EXPECT_EQ(Value("SELECT text FROM sentences WHERE doc = " + KeyOf("'d1'") + " AND idx = 2"),
            "Seven employees were detained.");
  EXPECT_EQ(Value("SELECT substr(d.body, s.start_offset + 1, s.end_offset - s.start_offset) = s.text"
                  " FROM sentences s JOIN documents d ON d.key = s.doc WHERE s.idx = 1"),
            "1");
  EXPECT_EQ(Value("SELECT value || ' ' || mod FROM timexes WHERE idx = 1"), "2025-06 END");
  EXPECT_EQ(Value("SELECT mod FROM timexes WHERE idx = 0"), "NULL");
  EXPECT_EQ(Value("SELECT a.name || ' ' || a.type || ' ' || a.country || ' ' || m.forms FROM document_actors m"
                  " JOIN actors a ON a.id = m.actor WHERE m.text = 'Grozny'"),
            "Russia country Russia metonym");
  // Canonical actors are stored once, however often they are named.
  EXPECT_EQ(Count("actors"), 4);
  EXPECT_EQ(Value("SELECT class || ' ' || timex || ' ' || own_date || ' ' || date || ' ' || date_precision || ' ' ||"
                  " hedge || ' ' || attributed_to FROM mentions WHERE idx = 1"),
            "arrest 1 1 2025-06 month reported Trend");
  EXPECT_EQ(Value("SELECT (timex IS NULL) || ' ' || (date IS NULL) || ' ' || negated || ' ' || in_timeline || ' ' ||"
                  " excluded || ' ' || hedge FROM mentions WHERE idx = 3"),
            "1 1 1 0 undated believed");
  EXPECT_EQ(Value("SELECT group_concat(a.name || ':' || ma.role, ',') FROM"
                  " (SELECT * FROM mention_actors WHERE mention = 1 ORDER BY idx) ma JOIN actors a ON a.id = ma.actor"),
            "Azerbaijan:agent,Sputnik Azerbaijan:target");
  EXPECT_EQ(Value("SELECT value || ' ' || what || ' ' || text || ' ' || noun FROM mention_numbers"),
            "7 employees Seven employees employee");
  EXPECT_EQ(Value("SELECT mention || ' ' || kind || ' ' || value || ' ' || text FROM mention_cues"),
            "0 framing loaded shot down");
  EXPECT_EQ(Value("SELECT clause_start || ' ' || clause_end || ' ' || day_lo || ' ' || day_hi FROM mentions"
                  " WHERE idx = 1"),
            "71 153 20240 20269");
  EXPECT_EQ(Value("SELECT (day_lo IS NULL) || (day_hi IS NULL) FROM mentions WHERE idx = 3"), "11");
}

TEST_F(StoreTest, RewritingADocumentReplacesIt) {
  auto store = OpenStore();
  std::string error;
  ASSERT_TRUE(store->WriteDocument(SampleAnalysis(), &error)) << error;
  ASSERT_TRUE(store->WriteDocument(SampleAnalysis("d2"), &error)) << error;
  auto changed = SampleAnalysis();
  changed.doc.title = "Updated title";
  changed.mentions.pop_back();
  changed.actors.pop_back();
  ASSERT_TRUE(store->WriteDocument(changed, &error)) << error;
  ASSERT_TRUE(store->WriteDocument(changed, &error)) << error;
  EXPECT_EQ(DocumentRows("d1"),
            "documents=1 sentences=3 timexes=2 document_actors=3 mentions=3 mention_actors=3 mention_numbers=1 "
            "mention_cues=1 ");
  EXPECT_EQ(Value("SELECT title FROM documents WHERE id = 'd1'"), "Updated title");
  // The other document is untouched, and actors are not duplicated.
  EXPECT_EQ(DocumentRows("d2"),
            "documents=1 sentences=3 timexes=2 document_actors=4 mentions=4 mention_actors=3 mention_numbers=1 "
            "mention_cues=1 ");
  EXPECT_EQ(Count("documents"), 2);
  EXPECT_EQ(Count("actors"), 4);
}

TEST_F(StoreTest, FailedWriteLeavesNoPartialDocument) {
  auto store = OpenStore();
  std::string error;
  ASSERT_TRUE(store->WriteDocument(SampleAnalysis("d2"), &error)) << error;
  auto bad = SampleAnalysis("d1");
  // The document, its sentences, timexes and actor mentions are inserted
  // before the mentions; the last mention points at a sentence that does not
  // exist, so the write fails after all of them.
  bad.mentions.back().sentence = 99;
  bad.actors.push_back(bad.actors.back());
  bad.actors.back().actor = MakeActorValue("Brand New Org", chronicle::actors::ActorType::kOrganisation, "");
  EXPECT_FALSE(store->WriteDocument(bad, &error));
  EXPECT_NE(error.find("FOREIGN KEY"), std::string::npos) << error;
  EXPECT_NE(error.find("insert mention"), std::string::npos) << error;
  EXPECT_NE(error.find("d1"), std::string::npos) << error;
  EXPECT_EQ(DocumentRows("d1"),
            "documents=0 sentences=0 timexes=0 document_actors=0 mentions=0 mention_actors=0 mention_numbers=0 "
            "mention_cues=0 ");
  EXPECT_EQ(Count("actors", "name = 'Brand New Org'"), 0);
  // A bad timex index fails the same way.
  auto bad_timex = SampleAnalysis("d3");
  bad_timex.mentions[0].timex = 5;
  EXPECT_FALSE(store->WriteDocument(bad_timex, &error));
  EXPECT_EQ(Count("documents", "id = 'd3'"), 0);
  // The store is still usable afterwards.
  ASSERT_TRUE(store->WriteDocument(SampleAnalysis("d1"), &error)) << error;
  EXPECT_EQ(Count("documents"), 2);
  // An actor first seen in the failed write is created afresh (no id from
  // the rolled-back transaction is reused), after another new actor took the
  // next free id.
  auto other = SampleAnalysis("d4");
  other.actors.back().actor = MakeActorValue("Another Org", chronicle::actors::ActorType::kOrganisation, "");
  ASSERT_TRUE(store->WriteDocument(other, &error)) << error;
  auto again = SampleAnalysis("d5");
  again.actors.back().actor = MakeActorValue("Brand New Org", chronicle::actors::ActorType::kOrganisation, "");
  ASSERT_TRUE(store->WriteDocument(again, &error)) << error;
  EXPECT_EQ(Value("SELECT a.name FROM document_actors m JOIN actors a ON a.id = m.actor WHERE m.doc = " +
                  KeyOf("'d5'") + " AND m.idx = 3"),
            "Brand New Org");
  EXPECT_EQ(Value("SELECT a.name FROM document_actors m JOIN actors a ON a.id = m.actor WHERE m.doc = " +
                  KeyOf("'d4'") + " AND m.idx = 3"),
            "Another Org");
}

TEST_F(StoreTest, WriteDocumentsKeepsTheGoodOnes) {
  auto store = OpenStore();
  std::vector<chronicle::events::DocumentAnalysis> batch = {SampleAnalysis("d1"), SampleAnalysis("d2"),
                                                            SampleAnalysis("d3"), SampleAnalysis("d1")};
  batch[1].mentions.back().sentence = 99;  // fails
  batch[1].actors.back().actor = MakeActorValue("Lost Org", chronicle::actors::ActorType::kOrganisation, "");
  batch[3].doc.title = "second d1";  // replaces the first d1
  std::vector<std::string> errors;
  EXPECT_EQ(store->WriteDocuments(batch, &errors), 3u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("d2"), std::string::npos) << errors[0];
  EXPECT_EQ(Count("documents"), 2);
  EXPECT_EQ(Value("SELECT title FROM documents WHERE id = 'd1'"), "second d1");
  EXPECT_EQ(DocumentRows("d2"),
            "documents=0 sentences=0 timexes=0 document_actors=0 mentions=0 mention_actors=0 mention_numbers=0 "
            "mention_cues=0 ");
  EXPECT_EQ(DocumentRows("d3"),
            "documents=1 sentences=3 timexes=2 document_actors=4 mentions=4 mention_actors=3 mention_numbers=1 "
            "mention_cues=1 ");
  EXPECT_EQ(Count("actors", "name = 'Lost Org'"), 0);
  // The actor of the failed document is created properly when it comes back.
  auto later = SampleAnalysis("d2");
  later.actors.back().actor = MakeActorValue("Lost Org", chronicle::actors::ActorType::kOrganisation, "");
  errors.clear();
  EXPECT_EQ(store->WriteDocuments({later}, &errors), 1u);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(Value("SELECT a.name FROM document_actors m JOIN actors a ON a.id = m.actor WHERE m.doc = " +
                  KeyOf("'d2'") + " AND m.idx = 3"),
            "Lost Org");
  EXPECT_EQ(store->WriteDocuments(std::vector<chronicle::events::DocumentAnalysis>{}, &errors), 0u);
  EXPECT_TRUE(errors.empty());
}

TEST_F(StoreTest, BulkModeStillRollsBackAFailingDocumentAndEndsInWal) {
  std::string error;
  {
    auto store = OpenStore();
    ASSERT_TRUE(store->BeginBulk(&error)) << error;
    std::vector<chronicle::events::DocumentAnalysis> batch = {SampleAnalysis("d1"), SampleAnalysis("d2")};
    batch[1].mentions.back().sentence = 99;  // fails
    std::vector<std::string> errors;
    EXPECT_EQ(store->WriteDocuments(batch, &errors), 1u);
    EXPECT_EQ(errors.size(), 1u);
    ASSERT_TRUE(store->EndBulk(&error)) << error;
  }
  EXPECT_EQ(Value("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(Count("documents"), 1);
  EXPECT_EQ(DocumentRows("d2"),
            "documents=0 sentences=0 timexes=0 document_actors=0 mentions=0 mention_actors=0 mention_numbers=0 "
            "mention_cues=0 ");
}

TEST_F(StoreTest, OpenBulkStartsANewStoreInBulkModeAndRefusesAnExistingOne) {
  std::string error;
  {
    auto store = Store::OpenBulk(path_, &error);
    ASSERT_NE(store, nullptr) << error;
    // In bulk mode already: the journal is in memory, nothing is synced,
    // and a document id stored twice fails instead of being replaced.
    std::vector<std::string> errors;
    EXPECT_EQ(store->WriteDocuments({SampleAnalysis("d1")}, &errors), 1u);
    EXPECT_EQ(store->WriteDocuments({SampleAnalysis("d1")}, &errors), 0u);
    EXPECT_EQ(errors.size(), 1u);
    ASSERT_TRUE(store->EndBulk(&error)) << error;
  }
  EXPECT_EQ(Value("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(Count("documents"), 1);
  EXPECT_EQ(Value("PRAGMA user_version"), std::to_string(Store::SchemaVersion()));
  error.clear();
  EXPECT_EQ(Store::OpenBulk(path_, &error), nullptr);
  EXPECT_NE(error.find("already holds a database"), std::string::npos) << error;
  // A normal open of the same file still works.
  EXPECT_NE(OpenStore(), nullptr);
}

TEST_F(StoreTest, BulkModeChecksReferencesBeforeWriting) {
  std::string error;
  auto store = OpenStore();
  ASSERT_TRUE(store->BeginBulk(&error)) << error;
  // A bad sentence index is still refused per document, before any row.
  auto bad = SampleAnalysis("d1");
  bad.mentions.back().sentence = 99;
  EXPECT_FALSE(store->WriteDocument(bad, &error));
  EXPECT_NE(error.find("FOREIGN KEY"), std::string::npos) << error;
  ASSERT_TRUE(store->WriteDocument(SampleAnalysis("d1"), &error)) << error;
  // Nothing is replaced in bulk mode: the same id again fails on the key.
  EXPECT_FALSE(store->WriteDocument(SampleAnalysis("d1"), &error));
  EXPECT_NE(error.find("UNIQUE"), std::string::npos) << error;
  // A conflict on a missing event, or a source that is no document, fails
  // the timeline before any row of it is written.
  auto dangling = chronicle::testing::SmallTimeline();
  dangling.conflicts[0].event = "e9";
  EXPECT_FALSE(store->WriteTimeline(dangling, &error));
  EXPECT_NE(error.find("foreign key check failed: a row of conflicts"), std::string::npos) << error;
  dangling = chronicle::testing::SmallTimeline();
  dangling.events[0].sources.push_back("d404");
  EXPECT_FALSE(store->WriteTimeline(dangling, &error));
  EXPECT_NE(error.find("foreign key check failed: a row of event_sources"), std::string::npos) << error;
  ASSERT_TRUE(store->WriteTimeline(chronicle::testing::SmallTimeline(), &error)) << error;
  ASSERT_TRUE(store->EndBulk(&error)) << error;
  EXPECT_EQ(Count("events"), static_cast<int>(chronicle::testing::SmallTimeline().events.size()));
}

TEST_F(StoreTest, BulkModeStillRefusesABadRange) {
  // SQLite's CHECKs are off in bulk mode; the store checks the ranges itself.
  std::string error;
  auto store = OpenStore();
  ASSERT_TRUE(store->BeginBulk(&error)) << error;
  auto bad = SampleAnalysis("d1");
  bad.sentences[1].end = bad.sentences[1].start - 1;
  EXPECT_FALSE(store->WriteDocument(bad, &error));
  EXPECT_NE(error.find("CHECK constraint failed: sentences"), std::string::npos) << error;
  bad = SampleAnalysis("d1");
  bad.mentions[0].clause_end = bad.mentions[0].clause_start - 1;
  EXPECT_FALSE(store->WriteDocument(bad, &error));
  EXPECT_NE(error.find("CHECK constraint failed: mentions.clause_end"), std::string::npos) << error;
  EXPECT_EQ(Count("documents"), 0);
  ASSERT_TRUE(store->WriteDocument(SampleAnalysis("d1"), &error)) << error;
  ASSERT_TRUE(store->EndBulk(&error)) << error;
}

TEST_F(StoreTest, DocumentIndexesCanBeBuiltBeforeTheEndOfBulkMode) {
  std::string error;
  auto store = OpenStore();
  const std::string names =
      "SELECT group_concat(name, ' ') FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL";
  std::string schema;  // read on a connection of its own: bulk mode needs the file to itself
  {
    sqlite3* db = nullptr;
    sqlite3_stmt* stmt = nullptr;
    ASSERT_EQ(sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_prepare_v2(db, names.c_str(), -1, &stmt, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
    schema = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    sqlite3_finalize(stmt);
    sqlite3_close(db);
  }
  ASSERT_TRUE(store->BeginBulk(&error)) << error;
  ASSERT_TRUE(store->WriteDocument(SampleAnalysis("d1"), &error)) << error;
  ASSERT_TRUE(store->IndexDocuments(&error)) << error;
  EXPECT_EQ(Count("sqlite_schema", "type = 'index' AND name = 'mention_actors_by_actor'"), 1);
  EXPECT_EQ(Count("sqlite_schema", "type = 'index' AND name = 'event_mentions_by_sentence'"), 0);
  // A document written after it updates the index row by row.
  ASSERT_TRUE(store->WriteDocument(SampleAnalysis("d2"), &error)) << error;
  ASSERT_TRUE(store->WriteTimeline(chronicle::testing::SmallTimeline(), &error)) << error;
  ASSERT_TRUE(store->EndBulk(&error)) << error;
  // Every index back, in the schema's order, and consistent with its table.
  EXPECT_EQ(Value(names), schema);
  EXPECT_EQ(Value("PRAGMA integrity_check"), "ok");
  EXPECT_EQ(Value("SELECT count(*) FROM mention_actors INDEXED BY mention_actors_by_actor WHERE doc = " +
                  KeyOf("'d2'") + " AND actor > 0"),
            std::to_string(Count("mention_actors", "doc = " + KeyOf("'d2'"))));
}

TEST_F(StoreTest, EvidenceIsLinkedByTheIndicesTheTimelineCarries) {
  auto store = OpenStore();
  std::string error;
  ASSERT_TRUE(store->BeginBulk(&error)) << error;
  ASSERT_TRUE(store->WriteDocument(SampleAnalysis(), &error)) << error;
  auto t = chronicle::testing::SmallTimeline();
  t.events[1].mentions[0].sentence_index = 1;
  t.events[1].mentions[0].mention_index = 1;
  // An index the stored analysis does not have is left NULL, and so is a
  // sentence whose text is not the evidence's.
  t.events[0].mentions[0].sentence_index = 0;
  t.events[0].mentions[0].mention_index = 7;
  t.events[0].mentions[1].sentence_index = 1;
  t.events[0].mentions[1].mention_index = 1;
  ASSERT_TRUE(store->WriteTimeline(t, &error)) << error;
  ASSERT_TRUE(store->EndBulk(&error)) << error;
  EXPECT_EQ(Value("SELECT sentence || ' ' || mention FROM event_mentions WHERE event = 'e2'"), "1 1");
  EXPECT_EQ(Value("SELECT (sentence IS NULL) || (mention IS NULL) FROM event_mentions WHERE event = 'e1' AND idx = 1"),
            "11");
  EXPECT_EQ(Value("SELECT sentence || ' ' || (mention IS NULL) FROM event_mentions WHERE event = 'e1' AND idx = 0"),
            "0 1");
  // The indexes dropped for the bulk load are back.
  EXPECT_EQ(Value("SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND name = 'document_actors_by_actor'"),
            "1");
}

TEST_F(StoreTest, ActorCountryIsFilledInLater) {
  auto store = OpenStore();
  std::string error;
  auto a = SampleAnalysis("d1");
  a.actors[2].actor.country = "";  // Sputnik Azerbaijan, country unknown at first
  a.mentions[1].actors[1].actor.country = "";
  ASSERT_TRUE(store->WriteDocument(a, &error)) << error;
  EXPECT_EQ(Value("SELECT country FROM actors WHERE name = 'Sputnik Azerbaijan'"), "");
  ASSERT_TRUE(store->WriteDocument(SampleAnalysis("d2"), &error)) << error;
  EXPECT_EQ(Value("SELECT country FROM actors WHERE name = 'Sputnik Azerbaijan'"), "Russia");
  // A known country is kept.
  auto b = SampleAnalysis("d3");
  b.actors[2].actor.country = "Azerbaijan";
  ASSERT_TRUE(store->WriteDocument(b, &error)) << error;
  EXPECT_EQ(Value("SELECT country FROM actors WHERE name = 'Sputnik Azerbaijan'"), "Russia");
  EXPECT_EQ(Count("actors"), 4);
}

TEST_F(StoreTest, FailedRewriteKeepsThePreviousVersion) {
  auto store = OpenStore();
  std::string error;
  ASSERT_TRUE(store->WriteDocument(SampleAnalysis(), &error)) << error;
  const std::string before = DocumentRows("d1");
  auto bad = SampleAnalysis();
  bad.doc.title = "Half-written";
  bad.sentences[1].end = bad.sentences[1].start - 1;  // violates end_offset >= start_offset
  EXPECT_FALSE(store->WriteDocument(bad, &error));
  EXPECT_NE(error.find("CHECK"), std::string::npos) << error;
  EXPECT_EQ(DocumentRows("d1"), before);
  EXPECT_EQ(Value("SELECT title FROM documents WHERE id = 'd1'"), "Azerbaijani airliner: what we know");
}

TEST_F(StoreTest, DocumentWithoutIdIsRejected) {
  auto store = OpenStore();
  std::string error;
  auto a = SampleAnalysis("");
  EXPECT_FALSE(store->WriteDocument(a, &error));
  EXPECT_NE(error.find("id"), std::string::npos);
  EXPECT_EQ(Count("documents"), 0);
}

TEST_F(StoreTest, HostileTextIsStoredVerbatim) {
  auto store = OpenStore();
  std::string error;
  auto a = SampleAnalysis();
  const std::string evil = "x'); DROP TABLE documents; -- \"<script>alert(1)</script>";
  a.doc.title = evil;
  a.doc.body += " " + evil;
  a.sentences.push_back(MakeSentence(a.doc.body.size() - evil.size(), a.doc.body.size(), evil));
  a.actors[0].actor.name = evil;
  ASSERT_TRUE(store->WriteDocument(a, &error)) << error;
  EXPECT_EQ(Value("SELECT title FROM documents"), evil);
  EXPECT_EQ(Value("SELECT text FROM sentences WHERE idx = 3"), evil);
  EXPECT_EQ(Value("SELECT count(*) FROM actors WHERE name = ?1", {evil}), "1");
  EXPECT_EQ(Count("documents"), 1);
}

TEST_F(StoreTest, WritesTheTimeline) {
  auto store = OpenStore();
  std::string error;
  ASSERT_TRUE(store->WriteDocument(SampleAnalysis(), &error)) << error;
  ASSERT_TRUE(store->WriteTimeline(chronicle::testing::SmallTimeline(), &error)) << error;
  EXPECT_EQ(TimelineRows(),
            "events=2 event_actors=4 event_numbers=2 event_sources=3 event_mentions=3 conflicts=1 claims=2 ");
  EXPECT_EQ(Value("SELECT group_concat(id, ',') FROM (SELECT id FROM events ORDER BY position)"), "e1,e2");
  EXPECT_EQ(Value("SELECT date || ' ' || precision || ' ' || class || ' ' || disputed || ' ' || score"
                  " FROM events WHERE id = 'e1'"),
            "2024-12-25 day attack 1 2.5");
  EXPECT_EQ(Value("SELECT group_concat(d.id, ',') FROM (SELECT doc FROM event_sources WHERE event = 'e1'"
                  " ORDER BY position) s JOIN documents d ON d.key = s.doc"),
            "d1,d2");
  EXPECT_EQ(Value("SELECT group_concat(a.name || ':' || a.type || ':' || ea.role, ',') FROM"
                  " (SELECT * FROM event_actors WHERE event = 'e1' ORDER BY idx) ea JOIN actors a ON a.id = ea.actor"),
            "Russia:country:agent,Azerbaijan Airlines:organisation:target");
  // Actors named by documents and events are the same rows.
  EXPECT_EQ(Count("actors"), 4);
  EXPECT_EQ(Value("SELECT group_concat(value || ' ' || what || ' ' || d.id, ',') FROM"
                  " (SELECT * FROM event_numbers ORDER BY event, idx) n JOIN documents d ON d.key = n.doc"),
            "38 killed d1,39 killed d2");
  EXPECT_EQ(Value("SELECT kind || ' ' || what || ' ' || event FROM conflicts"), "number killed e1");
  EXPECT_EQ(Value("SELECT quote FROM claims WHERE conflict = 'c1' AND idx = 1"), "39 people died");
  // d2 was not analysed into this store: it is added from the timeline,
  // without a body.
  EXPECT_EQ(Value("SELECT path || ' ' || dct || ' ' || dct_precision || ' ' || dct_inferred || ' ' ||"
                  " (body IS NULL) || ' ' || (title IS NULL) FROM documents WHERE id = 'd2'"),
            "seeds/02_opinion.txt 2025-07 month 1 1 1");
  // Evidence sentences are linked to the stored sentences and mentions of d1.
  EXPECT_EQ(Value("SELECT sentence || ' ' || mention || ' ' || timex_begin || ' ' || timex_end || ' ' || hedge"
                  " FROM event_mentions WHERE event = 'e2'"),
            "1 1 0 12 reported");
  EXPECT_EQ(Value("SELECT sentence || ' ' || mention FROM event_mentions WHERE event = 'e1' AND idx = 0"), "0 0");
  EXPECT_EQ(Value("SELECT (sentence IS NULL) || (mention IS NULL) || (timex_begin IS NULL) || ' ' || timex"
                  " FROM event_mentions WHERE event = 'e1' AND idx = 1"),
            "111 Christmas Day");
  // A row linked to a stored sentence does not repeat its text; a row of a
  // document whose analysis is not stored keeps it.
  EXPECT_EQ(Value("SELECT count(*) FROM event_mentions WHERE sentence IS NOT NULL AND sentence_text IS NULL"), "2");
  EXPECT_EQ(Value("SELECT count(*) FROM event_mentions WHERE sentence IS NULL AND sentence_text IS NOT NULL"), "1");
}

TEST_F(StoreTest, RewritingTheTimelineReplacesIt) {
  auto store = OpenStore();
  std::string error;
  ASSERT_TRUE(store->WriteTimeline(chronicle::testing::SmallTimeline(), &error)) << error;
  ASSERT_TRUE(store->WriteTimeline(chronicle::testing::SmallTimeline(), &error)) << error;
  EXPECT_EQ(TimelineRows(),
            "events=2 event_actors=4 event_numbers=2 event_sources=3 event_mentions=3 conflicts=1 claims=2 ");
  auto smaller = chronicle::testing::SmallTimeline();
  smaller.events.erase(smaller.events.begin());
  smaller.conflicts.clear();
  ASSERT_TRUE(store->WriteTimeline(smaller, &error)) << error;
  EXPECT_EQ(TimelineRows(),
            "events=1 event_actors=2 event_numbers=0 event_sources=1 event_mentions=1 conflicts=0 claims=0 ");
  EXPECT_EQ(Value("SELECT id || ' ' || position FROM events"), "e2 0");
  EXPECT_EQ(Count("documents"), 2);
}

TEST_F(StoreTest, FailedTimelineWriteKeepsThePreviousTimeline) {
  auto store = OpenStore();
  std::string error;
  ASSERT_TRUE(store->WriteTimeline(chronicle::testing::SmallTimeline(), &error)) << error;
  const std::string before = TimelineRows();

  auto dangling = chronicle::testing::SmallTimeline();
  dangling.conflicts[0].event = "e9";
  EXPECT_FALSE(store->WriteTimeline(dangling, &error));
  EXPECT_NE(error.find("insert conflict"), std::string::npos) << error;
  EXPECT_EQ(TimelineRows(), before);

  auto duplicate = chronicle::testing::SmallTimeline();
  duplicate.events[1].id = "e1";
  EXPECT_FALSE(store->WriteTimeline(duplicate, &error));
  EXPECT_NE(error.find("insert event"), std::string::npos) << error;
  EXPECT_EQ(TimelineRows(), before);

  auto unknown_doc = chronicle::testing::SmallTimeline();
  unknown_doc.events[1].sources.push_back("d7");
  unknown_doc.events[0].summary = "changed";
  EXPECT_FALSE(store->WriteTimeline(unknown_doc, &error));
  EXPECT_NE(error.find("FOREIGN KEY"), std::string::npos) << error;
  EXPECT_EQ(TimelineRows(), before);
  EXPECT_EQ(Value("SELECT summary FROM events WHERE id = 'e1'"), chronicle::testing::SmallTimeline().events[0].summary);
}

TEST_F(StoreTest, RewritingADocumentDropsItsTimelineRows) {
  auto store = OpenStore();
  std::string error;
  ASSERT_TRUE(store->WriteDocument(SampleAnalysis(), &error)) << error;
  ASSERT_TRUE(store->WriteTimeline(chronicle::testing::SmallTimeline(), &error)) << error;
  ASSERT_TRUE(store->WriteDocument(SampleAnalysis(), &error)) << error;
  EXPECT_EQ(Count("event_sources", "doc = " + KeyOf("'d1'")), 0);
  EXPECT_EQ(Count("event_mentions", "doc = " + KeyOf("'d1'")), 0);
  EXPECT_EQ(Count("claims", "doc = " + KeyOf("'d1'")), 0);
  EXPECT_EQ(Count("event_sources", "doc = " + KeyOf("'d2'")), 1);
  EXPECT_EQ(Count("events"), 2);
}

TEST_F(StoreTest, ReadTimelineGivesBackWhatWasWritten) {
  for (auto timeline : {chronicle::testing::SmallTimeline(), chronicle::testing::HostileTimeline()}) {
    timeline.version = "";  // not stored: writers print their own
    std::string error;
    auto store = Store::Open(":memory:", &error);
    ASSERT_NE(store, nullptr) << error;
    ASSERT_TRUE(store->WriteTimeline(timeline, &error)) << error;
    chronicle::merge::Timeline back;
    ASSERT_TRUE(store->ReadTimeline(&back, &error)) << error;
    EXPECT_EQ(chronicle::report::TimelineJson(back), chronicle::report::TimelineJson(timeline));
  }
  // With the analysis of d1 stored first, d1's metadata comes from it, and
  // here agrees with the timeline's.
  auto store = OpenStore();
  std::string error;
  ASSERT_TRUE(store->WriteDocument(SampleAnalysis(), &error)) << error;
  auto timeline = chronicle::testing::SmallTimeline();
  timeline.version = "";
  ASSERT_TRUE(store->WriteTimeline(timeline, &error)) << error;
  chronicle::merge::Timeline back;
  ASSERT_TRUE(store->ReadTimeline(&back, &error)) << error;
  EXPECT_EQ(chronicle::report::TimelineJson(back), chronicle::report::TimelineJson(timeline));
}

TEST_F(StoreTest, ReadTimelineOfAnEmptyStore) {
  auto store = OpenStore();
  std::string error;
  chronicle::merge::Timeline back;
  back.events.resize(3);
  ASSERT_TRUE(store->ReadTimeline(&back, &error)) << error;
  EXPECT_TRUE(back.documents.empty());
  EXPECT_TRUE(back.events.empty());
  EXPECT_TRUE(back.conflicts.empty());
}

TEST_F(StoreTest, ReadDocumentsForReanalysis) {
  auto store = OpenStore();
  std::string error;
  auto inferred = SampleAnalysis("d10");
  inferred.dct.inferred = true;
  inferred.doc.title.reset();
  ASSERT_TRUE(store->WriteDocument(inferred, &error)) << error;
  ASSERT_TRUE(store->WriteDocument(SampleAnalysis("d2"), &error)) << error;
  ASSERT_TRUE(store->WriteTimeline(chronicle::testing::SmallTimeline(), &error)) << error;  // adds d1 without a body
  std::vector<Store::SourceDocument> docs;
  ASSERT_TRUE(store->ReadDocuments(&docs, &error)) << error;
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].id, "d2");
  EXPECT_EQ(docs[1].id, "d10");
  const auto original = SampleAnalysis("d2");
  EXPECT_EQ(docs[0].doc.path, original.doc.path);
  EXPECT_EQ(docs[0].doc.body, original.doc.body);
  EXPECT_EQ(docs[0].doc.body_offset, original.doc.body_offset);
  EXPECT_EQ(docs[0].doc.title, original.doc.title);
  EXPECT_EQ(docs[0].doc.published, original.doc.published);
  EXPECT_FALSE(docs[0].doc.language.has_value());
  ASSERT_TRUE(docs[0].dct.has_value());
  EXPECT_EQ(docs[0].dct->Iso(), "2025-07-25");
  EXPECT_FALSE(docs[1].dct.has_value());
  EXPECT_FALSE(docs[1].doc.title.has_value());
}

TEST_F(StoreTest, DataSurvivesReopening) {
  {
    auto store = OpenStore();
    std::string error;
    ASSERT_TRUE(store->WriteDocument(SampleAnalysis(), &error)) << error;
    ASSERT_TRUE(store->WriteTimeline(chronicle::testing::SmallTimeline(), &error)) << error;
  }
  auto store = OpenStore();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(Count("sentences"), 3);
  EXPECT_EQ(Count("events"), 2);
}

TEST_F(StoreTest, InMemoryDatabase) {
  std::string error;
  auto store = Store::Open(":memory:", &error);
  ASSERT_NE(store, nullptr) << error;
  EXPECT_TRUE(store->WriteDocument(SampleAnalysis(), &error)) << error;
  EXPECT_TRUE(store->WriteTimeline(chronicle::testing::SmallTimeline(), &error)) << error;
}

TEST_F(StoreTest, OpenRejectsAFileThatIsNotADatabase) {
  {
    std::ofstream out(path_, std::ios::binary);
    out << "this is a plain text file, long enough to look like a header of something.\n";
    for (int i = 0; i < 100; ++i) out << "padding padding padding padding\n";
  }
  std::string error;
  EXPECT_EQ(Store::Open(path_, &error), nullptr);
  EXPECT_NE(error.find("not a database"), std::string::npos) << error;
}

TEST_F(StoreTest, OpenRejectsANewerSchema) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  std::string error;
  EXPECT_EQ(Store::Open(path_, &error), nullptr);
  EXPECT_NE(error.find("schema version 99"), std::string::npos) << error;
}

TEST_F(StoreTest, OpenRejectsAnOlderSchema) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version = 1", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  std::string error;
  EXPECT_EQ(Store::Open(path_, &error), nullptr);
  EXPECT_NE(error.find("schema version 1, older"), std::string::npos) << error;
}

TEST_F(StoreTest, AnActorNamedAgainIsOneRowWithAllItsMentions) {
  auto store = OpenStore();
  std::string error;
  auto a = SampleAnalysis("d1");
  // Russia again, later, by its demonym, then by its metonym again.
  auto again = a.actors[1];
  again.start = 90;
  again.end = 97;
  again.text = "Russian";
  again.form = chronicle::actors::ActorMention::Form::kDemonym;
  a.actors.push_back(again);
  again.start = 140;
  again.end = 146;
  again.text = "Grozny";
  again.form = chronicle::actors::ActorMention::Form::kMetonym;
  a.actors.push_back(again);
  ASSERT_TRUE(store->WriteDocument(a, &error)) << error;
  EXPECT_EQ(Count("document_actors", "doc = " + KeyOf("'d1'")), 4);
  const std::string first = std::to_string(a.actors[1].start) + "," + std::to_string(a.actors[1].end);
  EXPECT_EQ(Value("SELECT idx || ' ' || mentions || ' ' || text || ' ' || forms || ' ' || spans FROM document_actors"
                  " WHERE actor = (SELECT id FROM actors WHERE name = 'Russia')"),
            "1 3 Grozny metonym,demonym [[" + first + ",\"metonym\"],[90,97,\"demonym\"],[140,146,\"metonym\"]]");
  // The spans are JSON that SQLite can take apart.
  EXPECT_EQ(Value("SELECT group_concat(json_extract(value, '$[0]'), ',') FROM document_actors, json_each(spans)"
                  " WHERE idx = 1"),
            std::to_string(a.actors[1].start) + ",90,140");
}

TEST_F(StoreTest, OpenFailsInAMissingDirectory) {
  std::string error;
  EXPECT_EQ(Store::Open((dir_ / "no" / "such" / "dir" / "x.db").string(), &error), nullptr);
  EXPECT_NE(error.find("cannot open"), std::string::npos) << error;
}

}  // namespace

TEST_F(StoreTest, AnalysesReadBackGiveTheSameTimeline) {
  // The example corpus, analysed, stored, read back and merged again: the
  // timeline is the same to the byte, so `chronicle add` need not analyse
  // stored documents again.
  auto batch = chronicle::ingest::ReadInputs({std::string(CHRONICLE_SOURCE_DIR) + "/examples"}, {});
  ASSERT_GE(batch.documents.size(), 3u);
  std::vector<chronicle::events::DocumentAnalysis> analyses;
  for (size_t i = 0; i < batch.documents.size(); ++i) {
    analyses.push_back(chronicle::events::AnalyseDocument(batch.documents[i], std::nullopt));
    analyses.back().id = "d" + std::to_string(i + 1);
  }
  auto store = OpenStore();
  std::vector<std::string> errors;
  ASSERT_EQ(store->WriteDocuments(analyses, &errors), analyses.size());
  std::vector<chronicle::events::DocumentAnalysis> back;
  std::string error;
  ASSERT_TRUE(store->ReadAnalyses(&back, &error)) << error;
  ASSERT_EQ(back.size(), analyses.size());
  for (size_t i = 0; i < back.size(); ++i) {
    EXPECT_EQ(back[i].id, analyses[i].id);
    EXPECT_EQ(back[i].sentences.size(), analyses[i].sentences.size());
    EXPECT_EQ(back[i].timexes.size(), analyses[i].timexes.size());
    EXPECT_EQ(back[i].actors.size(), analyses[i].actors.size());
    ASSERT_EQ(back[i].mentions.size(), analyses[i].mentions.size());
    EXPECT_EQ(back[i].dct.date, analyses[i].dct.date);
  }
  const auto expected = chronicle::report::TimelineJson(chronicle::merge::BuildTimeline(analyses));
  const auto actual = chronicle::report::TimelineJson(chronicle::merge::BuildTimeline(back));
  EXPECT_EQ(actual, expected);
  // The content hash is stored, and is that of the document.
  std::vector<Store::DocumentKey> keys;
  ASSERT_TRUE(store->ReadDocumentKeys(&keys, &error)) << error;
  ASSERT_EQ(keys.size(), analyses.size());
  EXPECT_EQ(keys[0].content_hash, chronicle::store::ContentHash(analyses[0].doc));
  EXPECT_EQ(keys[0].path, analyses[0].doc.path);
}

TEST(ContentHash, DependsOnTextAndMetadataNotOnPath) {
  chronicle::ingest::Document a;
  a.path = "one.txt";
  a.body = "Body text.";
  a.title = "Title";
  auto b = a;
  b.path = "elsewhere/two.txt";
  EXPECT_EQ(chronicle::store::ContentHash(a), chronicle::store::ContentHash(b));
  EXPECT_EQ(chronicle::store::ContentHash(a).size(), 16u);
  b.body = "Body text!";
  EXPECT_NE(chronicle::store::ContentHash(a), chronicle::store::ContentHash(b));
  // Bytes moved from one field to the next make another hash.
  auto c = a;
  c.body = "Body text.T";
  c.title = "itle";
  EXPECT_NE(chronicle::store::ContentHash(a), chronicle::store::ContentHash(c));
  auto d = a;
  d.title.reset();
  EXPECT_NE(chronicle::store::ContentHash(a), chronicle::store::ContentHash(d));
}
