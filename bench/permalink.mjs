// Permalink length benchmark: median fragment length over the corpus, ours (v1: deflate
// with a preset dictionary + base64url) against lz-string's compressToEncodedURIComponent
// (what the TypeScript playground and Compiler Explorer use), on the same files.
//   node bench/permalink.mjs      (builds and runs examples/permalink_lengths)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import LZString from 'lz-string';

const ROOT = path.resolve(import.meta.dirname, '..');
const CORPUS = path.join(ROOT, 'tests/fixtures/corpus/files');
const out = execFileSync('cargo', ['run', '-q', '--release', '--example', 'permalink_lengths', '--', CORPUS], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
const ours = out.trim().split('\n').map((l) => JSON.parse(l));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const listed = new Set(fs.readFileSync(path.join(ROOT, 'tests/fixtures/corpus/buildkit-expected.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l).path));
const rows = ours.filter((r) => listed.has(r.p ?? r.path)).map(({ path: p, len }) => {
  const text = fs.readFileSync(path.join(CORPUS, p), 'utf8');
  return { p, ours: len, lz: LZString.compressToEncodedURIComponent(text).length, owner: p.split('+')[0] };
});
const report = (label, rs) => {
  const mo = median(rs.map((r) => r.ours)), ml = median(rs.map((r) => r.lz));
  const ratio = median(rs.map((r) => r.ours / r.lz));
  console.log(`${label.padEnd(34)} files ${String(rs.length).padStart(4)}  median ours ${String(mo).padStart(6)}  median lz-string ${String(ml).padStart(6)}  ratio of medians ${(mo / ml).toFixed(3)}  median per-file ratio ${ratio.toFixed(3)}`);
  return mo / ml;
};
const all = report('all corpus files', rows);
report('not docker-library (other owners)', rows.filter((r) => r.owner !== 'docker-library'));
for (const o of [...new Set(rows.map((r) => r.owner))].sort()) report(`  ${o}`, rows.filter((r) => r.owner === o));
console.log(`target <= 0.6: ${all <= 0.6 ? 'met' : 'NOT met'} (${all.toFixed(3)})`);
