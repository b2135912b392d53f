#!/usr/bin/env node
// Writes a synthetic corpus of news-like articles about one made-up, unfolding
// story (a dispute over a detained cargo ship and its crew), of any size and
// the same for the same seed. Sentences are recombined from templates, with
// real date patterns ("on 27 June 2025", "last Tuesday", "three days later",
// "in early February", "on Christmas Day 2024"), actors (countries, demonyms,
// capitals, people with titles, organisations), event verbs, counts and hedges.
//
//   node bench/gen_corpus.js --n 100000 --format jsonl --out /tmp/corpus.jsonl [--seed 1]
//   node bench/gen_corpus.js --n 500 --format txt --out /tmp/corpus/      # 000/a0000001.txt ...
//   node bench/gen_corpus.js --n 10 --format jsonl --out -                # stdout
//
// txt: one file per article with a Title/Source/Published header block closed
// by "---", 1,000 files per subdirectory. jsonl: one object per line with
// text, title, source, published (what `chronicle build` reads from JSONL).
// Articles are 1.5-3 KB (the target size of each is drawn from that range).
// Prints "articles=N bytes=B out=PATH" on stderr when done.
'use strict';
const fs = require('fs');
const path = require('path');

function usage(msg) {
  if (msg) process.stderr.write(`gen_corpus: ${msg}\n`);
  process.stderr.write('usage: gen_corpus.js --n N --format txt|jsonl --out PATH|- [--seed S]\n');
  process.exit(2);
}

const args = { n: NaN, format: 'jsonl', out: '', seed: 1 };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  const v = process.argv[i + 1];
  if (a === '--n') { args.n = Number(v); i++; }
  else if (a === '--format') { args.format = v; i++; }
  else if (a === '--out') { args.out = v; i++; }
  else if (a === '--seed') { args.seed = Number(v); i++; }
  else usage(`unknown argument ${a}`);
}
if (!Number.isInteger(args.n) || args.n < 0) usage('--n must be a whole number');
if (args.format !== 'txt' && args.format !== 'jsonl') usage('--format must be txt or jsonl');
if (!args.out) usage('--out is required');
if (args.format === 'txt' && args.out === '-') usage('txt output needs a directory');
if (!Number.isInteger(args.seed)) usage('--seed must be an integer');

// mulberry32: a small, fast, seedable generator (deterministic across Node versions).
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
let rand = rng(args.seed);
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));  // inclusive
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const cap = (s) => s.charAt(0).toUpperCase() + s.slice(1);

// ---- the world of the story --------------------------------------------------

const countries = [
  { name: 'Norway', adj: 'Norwegian', capital: 'Oslo' },
  { name: 'Poland', adj: 'Polish', capital: 'Warsaw' },
  { name: 'Turkey', adj: 'Turkish', capital: 'Ankara' },
  { name: 'Azerbaijan', adj: 'Azerbaijani', capital: 'Baku' },
  { name: 'Russia', adj: 'Russian', capital: 'Moscow' },
  { name: 'Ukraine', adj: 'Ukrainian', capital: 'Kyiv' },
  { name: 'France', adj: 'French', capital: 'Paris' },
  { name: 'Germany', adj: 'German', capital: 'Berlin' },
  { name: 'Japan', adj: 'Japanese', capital: 'Tokyo' },
  { name: 'Brazil', adj: 'Brazilian', capital: 'Brasília' },
  { name: 'Egypt', adj: 'Egyptian', capital: 'Cairo' },
  { name: 'Georgia', adj: 'Georgian', capital: 'Tbilisi' },
  { name: 'Finland', adj: 'Finnish', capital: 'Helsinki' },
  { name: 'Kazakhstan', adj: 'Kazakh', capital: 'Astana' },
];
const firstNames = ['Anna', 'Marek', 'Leyla', 'Tomas', 'Ingrid', 'Oleksandr', 'Claire', 'Jonas', 'Aiko', 'Rafael',
  'Nadia', 'Emre', 'Sofia', 'Viktor', 'Hanna', 'Dmitri', 'Mariam', 'Lukas', 'Yusuf', 'Elena'];
const lastNames = ['Lindqvist', 'Kowalczyk', 'Mammadova', 'Berger', 'Halvorsen', 'Petrenko', 'Duval', 'Richter',
  'Tanaka', 'Oliveira', 'Hassan', 'Yilmaz', 'Virtanen', 'Sokolov', 'Nowak', 'Aliyeva', 'Moreau', 'Fischer',
  'Kaya', 'Ivanova'];
const titles = ['Foreign Minister', 'President', 'Prime Minister', 'Defence Minister', 'Interior Minister',
  'Ambassador', 'spokesman', 'spokeswoman', 'prosecutor', 'Deputy Foreign Minister'];
const organisations = ['the FSB', 'NATO', 'the United Nations', 'the European Union', 'the Red Cross', 'Interpol',
  'the International Maritime Organization', 'the OSCE', 'Amnesty International', 'the coast guard'];
const outlets = ['The Northern Courier', 'Harbour Daily', 'The Meridian Post', 'Baltic Wire', 'The Evening Ledger',
  'Coastal Herald', 'The Strait Times Review', 'Capital Observer', 'Global Dispatch', 'The Morning Bulletin',
  'Riverside Tribune', 'Eastern Mail'];
const ships = ['the Aurora Star', 'the Blue Heron', 'the Kestrel', 'the Nordic Dawn', 'the Silver Tern',
  'the Caspian Pearl', 'the Marigold', 'the Polar Wind'];
const ports = ['the port of Gdańsk', 'a harbour near Trabzon', 'the Bosphorus', 'the port of Poti',
  'the Gulf of Finland', 'a terminal outside Aktau', 'the port of Constanța', 'Novorossiysk'];
const cargo = ['grain', 'fertiliser', 'steel pipes', 'medical supplies', 'timber', 'machine parts', 'fuel oil'];
const crewNouns = ['sailors', 'crew members', 'employees', 'engineers', 'passengers', 'journalists',
  'fishermen', 'dockworkers', 'inspectors', 'officers'];
const numberWords = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'fifteen', 'twenty'];
const countWords = ['two', 'three', 'four', 'five', 'six', 'seven', 'ten'];
const monthNames = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September',
  'October', 'November', 'December'];
const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

// ---- dates ---------------------------------------------------------------------

const DAY = 86400000;
const iso = (t) => new Date(t).toISOString().slice(0, 10);
const dmy = (t) => { const d = new Date(t); return `${d.getUTCDate()} ${monthNames[d.getUTCMonth()]} ${d.getUTCFullYear()}`; };
const md = (t) => { const d = new Date(t); return `${monthNames[d.getUTCMonth()]} ${d.getUTCDate()}`; };
const weekday = (t) => weekdays[new Date(t).getUTCDay()];

// A date phrase for a day `t` in an article published on `pub` (both UTC
// midnights); `prev` is the previous happening of the article, if any.
function datePhrase(t, pub, prev) {
  const ago = Math.round((pub - t) / DAY);
  const d = new Date(t);
  const options = [];
  options.push(`on ${dmy(t)}`, `on ${dmy(t)}`, `on ${md(t)}`);
  if (ago === 0) options.push('today', 'earlier today');
  if (ago === 1) options.push('yesterday', 'on ' + weekday(t));
  if (ago >= 2 && ago <= 6) options.push(`on ${weekday(t)}`, `last ${weekday(t)}`);
  if (ago >= 7 && ago <= 13) options.push(`last ${weekday(t)}`, 'last week');
  if (ago > 20) options.push(`in ${monthNames[d.getUTCMonth()]} ${d.getUTCFullYear()}`);
  if (d.getUTCDate() <= 10 && ago > 20) options.push(`in early ${monthNames[d.getUTCMonth()]}`);
  if (d.getUTCDate() >= 21 && ago > 20) options.push(`in late ${monthNames[d.getUTCMonth()]}`);
  if (d.getUTCMonth() === 11 && d.getUTCDate() === 25) options.push(`on Christmas Day ${d.getUTCFullYear()}`);
  if (d.getUTCMonth() === 0 && d.getUTCDate() === 1) options.push(`on New Year's Day ${d.getUTCFullYear()}`);
  if (prev !== undefined && t > prev) {
    const gap = Math.round((t - prev) / DAY);
    if (gap >= 1 && gap < numberWords.length + 1) {
      options.push(gap === 1 ? 'the next day' : `${numberWords[gap - 2]} days later`);
    }
    if (gap === 7) options.push('a week later');
  }
  return pick(options);
}

// ---- sentence templates --------------------------------------------------------
// Each takes a context (the article's cast, its dates) and returns one sentence.

const happenings = [
  (c, when) => `${cap(when)}, ${c.a.adj} border guards detained ${pick(numberWords)} ${pick(crewNouns)} of ${c.ship} in ${c.port}.`,
  (c, when) => `${c.a.adj} officials seized ${c.ship} and its cargo of ${c.cargo} ${when}, according to the ship's owners.`,
  (c, when) => `${cap(when)}, ${c.person1.full} met ${c.person2.full} in ${c.b.capital} to discuss the fate of the crew.`,
  (c, when) => `The two governments signed a memorandum on the release of the ${pick(crewNouns)} ${when}.`,
  (c, when) => `Hundreds of people protested outside the ${c.a.adj} embassy in ${c.b.capital} ${when}, demanding the crew's release.`,
  (c, when) => `${c.a.capital} denied ${when} that the ${pick(crewNouns)} had been mistreated in custody.`,
  (c, when) => `A drone allegedly struck a warehouse near ${c.port} ${when}, killing ${pick(countWords)} ${pick(['guards', 'workers', 'dockworkers'])}.`,
  (c, when) => `${cap(when)}, ${c.b.name} expelled ${pick(countWords)} ${c.a.adj} diplomats over the affair.`,
  (c, when) => `The ${c.b.adj} ambassador was summoned to the foreign ministry in ${c.a.capital} ${when}.`,
  (c, when) => `${cap(when)}, ${pick(organisations)} called for an independent investigation into the seizure.`,
  (c, when) => {
    const total = int(20, 90);
    const part = int(3, total - 1);
    return `Of the ${total} passengers on board, ${part} were released ${when}, officials said.`;
  },
  (c, when) => `${c.b.adj} prosecutors opened a criminal case against the ship's captain ${when}.`,
  (c, when) => `${cap(when)}, ${c.a.name} and ${c.b.name} held talks in ${c.venue.capital} under the auspices of ${pick(organisations)}.`,
  (c, when) => `${c.person1.full} condemned the detention as unlawful ${when}.`,
  (c, when) => `According to ${c.outletOther}, ${c.a.adj} special forces raided the offices of the shipping company ${when}.`,
  (c, when) => `The ship's operator reportedly paid a fine of ${int(2, 90)} million euros ${when}.`,
  (c, when) => `${cap(when)}, ${c.a.adj} authorities arrested ${int(2, 40)} ${pick(crewNouns)} and accused them of smuggling ${c.cargo}.`,
  (c, when) => `${c.b.name} suspended direct flights to ${c.a.capital} ${when} in response.`,
  (c, when) => `${cap(when)}, ${c.person2.full} announced that ${pick(numberWords)} of the detained ${pick(crewNouns)} would be freed.`,
  (c, when) => `Divers inspected the hull of ${c.ship} ${when} and found no trace of explosives, the coast guard said.`,
];

const background = [
  (c) => `The dispute has soured relations between ${c.a.capital} and ${c.b.capital}, which had only recently restored full diplomatic ties.`,
  (c) => `${c.ship} sails under the ${c.b.adj} flag and is owned by a company registered in ${c.venue.name}.`,
  (c) => `Analysts say the affair could affect the wider trade in ${c.cargo} across the region.`,
  (c) => `It is widely believed in ${c.b.capital} that the seizure was meant as a political signal.`,
  (c) => `${c.a.adj} state media described the crew as suspects in a smuggling ring, a claim that could not be verified.`,
  (c) => `Unconfirmed reports suggest that ${pick(countWords)} more vessels are being held at ${c.port}.`,
  (c) => `The ${c.b.adj} government has repeatedly said that the ship was in international waters.`,
  (c) => `Families of the ${pick(crewNouns)} have gathered every evening outside the ministry in ${c.b.capital}.`,
  (c) => `${pick(organisations).replace(/^t/, 'T')} has not commented on the case.`,
  (c) => `The insurers of the vessel estimate the losses at ${int(3, 60)} million dollars.`,
];

const quotes = [
  (c) => `"We will not accept the detention of our citizens," ${c.person2.short} told reporters.`,
  (c) => `"The investigation is proceeding in accordance with the law," a ${c.a.adj} ${pick(['spokesman', 'spokeswoman'])} said.`,
  (c) => `${c.person1.short} said the talks had been "difficult but useful".`,
  (c) => `A diplomat who asked not to be named said a deal was "close, but not done".`,
  (c) => `"Nobody has told us where my brother is," the sister of one sailor said.`,
];

const forecasts = [
  (c) => `Further talks are expected in ${c.venue.capital} next month.`,
  (c) => `Officials said a court hearing could take place in the coming weeks.`,
  (c) => `The foreign ministers are due to meet again before the end of the year.`,
];

const headlines = [
  (c) => `${c.a.name} detains crew of ${c.ship.replace(/^the /, '')}`,
  (c) => `${c.b.adj} anger as ${c.a.adj} officials seize cargo ship`,
  (c) => `Talks in ${c.venue.capital} over detained ${pick(crewNouns)}`,
  (c) => `${c.person1.full} condemns seizure of ${c.ship.replace(/^the /, '')}`,
  (c) => `Ship dispute: ${c.a.name} and ${c.b.name} trade accusations`,
  (c) => `Crew of ${c.ship.replace(/^the /, '')} still held in ${c.port.replace(/^the /, '')}`,
];

// ---- articles ------------------------------------------------------------------

const T0 = Date.UTC(2024, 9, 1);   // the story runs from October 2024 ...
const SPAN = 365;                  // ... for a year

function makePerson(country) {
  const first = pick(firstNames);
  const last = pick(lastNames);
  return { full: `${country.adj} ${pick(titles)} ${first} ${last}`, short: last };
}

function article() {
  const a = pick(countries);
  let b = pick(countries);
  while (b === a) b = pick(countries);
  const venue = pick(countries);
  const c = {
    a, b, venue,
    ship: pick(ships),
    port: pick(ports),
    cargo: pick(cargo),
    outletOther: pick(outlets),
  };
  c.person1 = makePerson(b);
  c.person2 = makePerson(pick([a, b, venue]));
  const pub = T0 + int(30, SPAN) * DAY;
  const source = pick(outlets);
  const title = pick(headlines)(c);
  const target = int(1500, 3000);

  // Happenings in story order, from some weeks before publication up to it.
  let t = pub - int(5, 90) * DAY;
  let prev;
  const paragraphs = [];
  let size = title.length + source.length + 40;
  let para = [];
  const used = new Set();  // each template at most once per article (while any is left)
  const fresh = (xs) => {
    let f = pick(xs);
    for (let k = 0; k < 8 && used.has(f); k++) f = pick(xs);
    used.add(f);
    return f;
  };
  while (size < target) {
    const r = rand();
    let s;
    if (r < 0.6) {
      s = fresh(happenings)(c, datePhrase(t, pub, prev));
      prev = t;
      t = Math.min(pub, t + int(0, 9) * DAY);
    } else if (r < 0.8) {
      s = fresh(background)(c);
    } else if (r < 0.93) {
      s = fresh(quotes)(c);
    } else {
      s = fresh(forecasts)(c);
    }
    s = cap(s);
    para.push(s);
    size += s.length + 1;
    if (para.length >= int(2, 4)) {
      paragraphs.push(para.join(' '));
      para = [];
      size += 1;
    }
  }
  if (para.length) paragraphs.push(para.join(' '));
  return { title, source, published: iso(pub), text: paragraphs.join('\n\n') + '\n' };
}

// ---- output --------------------------------------------------------------------

let bytes = 0;
if (args.format === 'jsonl') {
  const fd = args.out === '-' ? 1 : fs.openSync(args.out, 'w');
  let buf = [];
  let bufLen = 0;
  const flush = () => { if (buf.length) { fs.writeSync(fd, buf.join('')); buf = []; bufLen = 0; } };
  for (let i = 0; i < args.n; i++) {
    const x = article();
    const line = JSON.stringify({ title: x.title, source: x.source, published: x.published, text: x.text }) + '\n';
    bytes += Buffer.byteLength(line);
    buf.push(line);
    bufLen += line.length;
    if (bufLen > (1 << 22)) flush();
  }
  flush();
  if (fd !== 1) fs.closeSync(fd);
} else {
  fs.mkdirSync(args.out, { recursive: true });
  for (let i = 0; i < args.n; i++) {
    const x = article();
    const dir = path.join(args.out, String(Math.floor(i / 1000)).padStart(3, '0'));
    if (i % 1000 === 0) fs.mkdirSync(dir, { recursive: true });
    const body = `Title: ${x.title}\nSource: ${x.source}\nPublished: ${x.published}\n---\n${x.text}`;
    bytes += Buffer.byteLength(body);
    fs.writeFileSync(path.join(dir, `a${String(i + 1).padStart(7, '0')}.txt`), body);
  }
}
process.stderr.write(`articles=${args.n} bytes=${bytes} out=${args.out}\n`);
