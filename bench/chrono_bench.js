#!/usr/bin/env node
// Throughput of chrono-node over a directory of text files.
//
//   node bench/chrono_bench.js DIR [REF_DATE=2025-07-25]
//
// Reads every regular file in DIR (sorted by name) into memory first, then
// times only the loop that calls chrono.parse(text, refDate) on each file, on
// one thread. Every file uses the same reference date: REF_DATE at 12:00 local
// time, so that no time zone can move it to another day. Prints one line of
// JSON:
//   {"files":N,"bytes":B,"seconds":S,"mb_per_s":X,"results":R}
// where bytes are UTF-8 bytes read, 1 MB = 1,000,000 bytes and R is the total
// number of date expressions chrono found.
'use strict';

const fs = require('fs');
const path = require('path');
const chrono = require('chrono-node');

function fail(msg) {
  process.stderr.write(`chrono_bench: ${msg}\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
if (args.length < 1 || args.length > 2) fail('usage: node chrono_bench.js DIR [REF_DATE=2025-07-25]');
const dir = args[0];
const refArg = args[1] || '2025-07-25';

const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(refArg);
if (!m) fail(`REF_DATE must be YYYY-MM-DD, got '${refArg}'`);
const refDate = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12, 0, 0);
if (refDate.getMonth() !== Number(m[2]) - 1 || refDate.getDate() !== Number(m[3])) fail(`invalid date '${refArg}'`);

let names;
try {
  names = fs.readdirSync(dir).sort();
} catch (e) {
  fail(`cannot read directory '${dir}': ${e.message}`);
}

// Read everything before timing.
const texts = [];
let bytes = 0;
for (const name of names) {
  const p = path.join(dir, name);
  if (!fs.statSync(p).isFile()) continue;
  const buf = fs.readFileSync(p);
  bytes += buf.length;
  texts.push(buf.toString('utf8'));
}
if (texts.length === 0) fail(`no files in '${dir}'`);

let results = 0;
const t0 = process.hrtime.bigint();
for (const text of texts) {
  results += chrono.parse(text, refDate).length;
}
const t1 = process.hrtime.bigint();

const seconds = Number(t1 - t0) / 1e9;
const out = {
  files: texts.length,
  bytes,
  seconds: Number(seconds.toFixed(6)),
  mb_per_s: Number((bytes / 1e6 / seconds).toFixed(3)),
  results,
};
process.stdout.write(JSON.stringify(out) + '\n');
