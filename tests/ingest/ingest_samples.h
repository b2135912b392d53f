// Small samples of every input format, written for these tests, and the
// hostile corpus of issue 4 §3, generated at test time (nothing big is
// committed). Used by tests/ingest/*_test.cc and tests/cli/ingest_cli_test.cc.
#pragma once

#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace chronicle::testing {

// One gzip member holding `data`.
inline std::string Gzip(const std::string& data) {
  z_stream s{};
  deflateInit2(&s, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&s, static_cast<uLong>(data.size())) + 32, '\0');
  s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  s.avail_in = static_cast<uInt>(data.size());
  s.next_out = reinterpret_cast<Bytef*>(out.data());
  s.avail_out = static_cast<uInt>(out.size());
  deflate(&s, Z_FINISH);
  out.resize(s.total_out);
  deflateEnd(&s);
  return out;
}

// A WARC record with the given type, target and block; `length` overrides
// Content-Length (to make it lie).
inline std::string WarcRecord(const std::string& type, const std::string& uri, const std::string& block,
                              const std::string& content_type = "application/http; msgtype=response",
                              long long length = -1) {
  return "WARC/1.1\r\nWARC-Type: " + type + "\r\nWARC-Target-URI: " + uri +
         "\r\nWARC-Date: 2024-08-01T12:00:00Z\r\nWARC-Record-ID: <urn:uuid:0>\r\nContent-Type: " + content_type +
         "\r\nContent-Length: " + std::to_string(length >= 0 ? length : static_cast<long long>(block.size())) +
         "\r\n\r\n" + block + "\r\n\r\n";
}

inline std::string HttpResponse(const std::string& body, const std::string& content_type = "text/html; charset=utf-8",
                                const std::string& extra_headers = "") {
  return "HTTP/1.1 200 OK\r\nContent-Type: " + content_type + "\r\n" + extra_headers + "\r\n" + body;
}

inline const char kArticleHtml[] = R"(<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Harbour depot struck | The Coastal Ledger</title>
<meta property="og:title" content="Drones strike harbour fuel depot">
<meta property="og:site_name" content="The Coastal Ledger">
<meta property="article:published_time" content="2024-05-10T08:30:00+03:00">
<link rel="canonical" href="https://ledger.example/2024/05/10/depot-strike">
<script>var teaser = "<p>not article text</p>";</script>
<style>p { color: black }</style>
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<header class="site-header"><h1>The Coastal Ledger</h1></header>
<main>
<article>
<h1>Drones strike harbour fuel depot</h1>
<p>On 9 May 2024, drones struck a fuel depot near the harbour, killing two guards.</p>
<div class="share-bar"><a href="#">Share this story</a></div>
<h2>Aftermath</h2>
<p>Firefighters worked through the night &amp; the blaze
   was contained by morning.</p>
<div class="ad-slot">Buy a boat today</div>
<aside class="related"><p>Related: an older story about the port.</p></aside>
</article>
<section id="comments"><p>Reader comment: terrible news.</p></section>
</main>
<footer><p>Copyright the Ledger.</p></footer>
</body></html>
)";

inline const char kArticleText[] =
    "Drones strike harbour fuel depot\n\n"
    "On 9 May 2024, drones struck a fuel depot near the harbour, killing two guards.\n\n"
    "Aftermath\n\n"
    "Firefighters worked through the night & the blaze was contained by morning.\n";

inline const char kRssFeed[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>Valley Gazette</title>
<link>https://gazette.example/</link>
<item>
<title>Bridge reopens after repairs</title>
<link>https://gazette.example/news/bridge</link>
<pubDate>Tue, 02 Jul 2024 09:15:00 +0200</pubDate>
<description>Short summary.</description>
<content:encoded><![CDATA[<p>The old bridge reopened on Monday after <b>three months</b> of repairs.</p><p>Traffic was light.</p>]]></content:encoded>
</item>
<item>
<title>Council vote &amp; budget</title>
<guid>https://gazette.example/news/budget</guid>
<dc:date>2024-07-03</dc:date>
<description>&lt;p&gt;The council approved the budget on Wednesday.&lt;/p&gt;</description>
</item>
</channel>
</rss>
)";

// A small page for WARC responses.
inline std::string NewsPage(const std::string& title, const std::string& paragraph) {
  return "<html><head><title>" + title + "</title></head><body><nav>Menu</nav><article><p>" + paragraph +
         "</p></article></body></html>";
}

struct HostileCorpus {
  std::vector<std::string> good_paths;  // Document::path of every good document, in read order
  struct Bad {
    std::string path;    // ReadError::path
    std::string reason;  // a substring of ReadError::reason
  };
  std::vector<Bad> bad;
};

// Writes the corpus of issue 4 §3 into `dir` (which must exist): every
// kind of broken input beside good inputs of every format. `huge_line`
// is the size of the single-line file (100 MB in the issue), written in
// pieces so the test itself stays small in memory.
inline HostileCorpus WriteHostileCorpus(const std::filesystem::path& dir, size_t huge_line) {
  namespace fs = std::filesystem;
  HostileCorpus c;
  auto write = [&](const std::string& name, const std::string& bytes) {
    std::ofstream(dir / name, std::ios::binary) << bytes;
    return (dir / name).string();
  };
  auto bad = [&](const std::string& path, const std::string& reason) { c.bad.push_back({path, reason}); };
  // Files are read in byte order of their paths; the expectations follow it.
  const std::string text = write("a_article.txt",
                                 "Title: Depot strike\nPublished: 2024-05-10\n---\n"
                                 "On 9 May 2024, drones struck a fuel depot in Odesa, killing two guards.\n");
  c.good_paths.push_back(text);

  // Binary data (with NUL bytes; not starting with the gzip magic).
  std::string blob(4096, '\0');
  std::mt19937 rng(42);
  for (char& ch : blob) ch = static_cast<char>(rng() & 0xFF);
  blob[0] = 'B';
  blob[100] = '\0';
  bad(write("b_binary.txt", blob), "binary file");

  bad(write("c_empty.txt", ""), "empty file");
  bad(write("c_empty.jsonl", ""), "empty file");

  // A feed with an entity-expansion bomb.
  bad(write("d_bomb.xml",
            "<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n <!ENTITY a \"aaaaaaaaaa\">\n"
            " <!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">\n <!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">\n"
            " <!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">\n]>\n"
            "<rss><channel><item><title>&d;</title><description>&d;&d;&d;</description></item></channel></rss>\n"),
      "DOCTYPE declares entities");

  // A good feed with two items.
  const std::string feed = write("e_feed.xml", kRssFeed);
  c.good_paths.push_back(feed + "#item1");
  c.good_paths.push_back(feed + "#item2");

  // HTML nested 100,000 levels deep.
  std::string deep = "<!DOCTYPE html><html><body>";
  for (int i = 0; i < 100000; ++i) deep += "<div>";
  deep += "<p>Too deep to reach on Monday.</p></body></html>";
  bad(write("f_deep.html", deep), "nested deeper than");

  const std::string page = write("g_page.html", kArticleHtml);
  c.good_paths.push_back(page);

  // Invalid UTF-8 in text and in HTML without a charset.
  bad(write("h_latin1.txt", "The caf\xE9 closed on Monday.\n"), "invalid UTF-8 at byte 7");
  bad(write("h_latin1.html", "<html><body><p>The caf\xE9 closed on Monday.</p></body></html>"),
      "invalid UTF-8 at byte");

  // JSONL: a good line, a 0-byte line, wrong types, not JSON, another good line.
  const std::string jsonl =
      write("i_dump.jsonl",
            "{\"text\":\"On Monday the mayor resigned.\",\"title\":\"Mayor quits\",\"url\":\"https://city.example/a\"}\n"
            "\n"
            "{\"text\":42,\"title\":\"Numbers\"}\n"
            "{\"text\":\"fine\",\"title\":[\"not\",\"a\",\"string\"]}\n"
            "{not json\n"
            "{\"html\":\"<p>The river rose on Friday.</p>\",\"source\":\"River Times\"}\n");
  c.good_paths.push_back(jsonl + ":1");
  bad(jsonl + ":2", "empty line");
  bad(jsonl + ":3", "field 'text' is a number, expected a string");
  bad(jsonl + ":4", "field 'title' is an array, expected a string");
  bad(jsonl + ":5", "not JSON");
  c.good_paths.push_back(jsonl + ":6");

  // A single line of huge_line bytes between two good lines.
  {
    const std::string huge = (dir / "j_huge.jsonl").string();
    std::FILE* f = std::fopen(huge.c_str(), "wb");
    std::fputs("{\"text\":\"The first line is fine and dated Monday.\"}\n{\"text\":\"", f);
    const std::string chunk(1 << 20, 'x');
    for (size_t done = 0; done < huge_line; done += chunk.size()) {
      std::fwrite(chunk.data(), 1, std::min(chunk.size(), huge_line - done), f);
    }
    std::fputs("\"}\n{\"text\":\"The last line is fine too, on Tuesday.\"}\n", f);
    std::fclose(f);
    c.good_paths.push_back(huge + ":1");
    bad(huge + ":2", "longer than the limit");
    c.good_paths.push_back(huge + ":3");
  }

  // Truncated gzip.
  const std::string gz = Gzip(std::string("A full article that was cut short on Monday. ") + std::string(2000, 'z'));
  bad(write("k_truncated.txt.gz", gz.substr(0, gz.size() / 2)), "truncated gzip data");

  // WARC.gz with two good responses (one gzip member per record).
  const std::string warc_gz = write(
      "l_crawl.warc.gz",
      Gzip(WarcRecord("warcinfo", "", "software: test\r\n", "application/warc-fields")) +
          Gzip(WarcRecord("response", "https://a.example/2024/07/29/bridge",
                          HttpResponse(NewsPage("Bridge", "The bridge opened on Monday.")))) +
          Gzip(WarcRecord("response", "https://a.example/logo.png", HttpResponse("\x89PNG", "image/png"))) +
          Gzip(WarcRecord("response", "https://b.example/ferry",
                          HttpResponse(NewsPage("Ferry", "The ferry sank on Friday.")))));
  c.good_paths.push_back(warc_gz + "#record2");
  c.good_paths.push_back(warc_gz + "#record4");

  // A WARC whose second record is truncated by the end of the file.
  const std::string rec1 = WarcRecord("response", "https://c.example/one",
                                      HttpResponse(NewsPage("One", "The first record is whole, from Monday.")));
  const std::string rec2 = WarcRecord("response", "https://c.example/two",
                                      HttpResponse(NewsPage("Two", "The second record is cut off on Tuesday.")));
  const std::string truncated = write("m_truncated.warc", rec1 + rec2.substr(0, rec2.size() - 60));
  c.good_paths.push_back(truncated + "#record1");
  bad(truncated + "#record2", "truncated record");

  // A WARC whose first record claims a Content-Length 25 bytes too short.
  const std::string block = HttpResponse(NewsPage("Lie", "This record lies about its length."));
  const std::string lying =
      write("n_lying.warc", WarcRecord("response", "https://d.example/lie", block, "application/http; msgtype=response",
                                       static_cast<long long>(block.size()) - 25) +
                                WarcRecord("response", "https://d.example/next",
                                           HttpResponse(NewsPage("Next", "The next record reads fine on Monday."))));
  bad(lying + "#record1", "does not match the record");
  c.good_paths.push_back(lying + "#record2");
  return c;
}

}  // namespace chronicle::testing
