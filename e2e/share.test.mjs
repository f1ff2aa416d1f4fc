// Share and embed, in the release build (dist/) on Debian's Chromium: permalink round
// trip, broken links, autosave, the embed mode and the demo docs page with three
// auto-height iframes, and no request to any other origin.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start } from './serve.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIST = path.join(ROOT, 'dist');
const OUT = path.join(ROOT, 'e2e', 'output');
let server, browser, base;

let env;
before(async () => {
  env = await start(DIST);
  ({ server, base, browser } = env);
  fs.mkdirSync(OUT, { recursive: true });
});
after(async () => { await env?.close(); });

async function page(ctx) {
  const p = await (ctx ?? browser).newPage({ viewport: { width: 1300, height: 900 } });
  p.foreign = [];
  p.errors = [];
  p.on('request', (r) => { const u = r.url(); if (!u.startsWith(base) && !u.startsWith('data:') && !u.startsWith('blob:')) p.foreign.push(u); });
  p.on('pageerror', (e) => p.errors.push(String(e)));
  return p;
}
const bytes = async (p, id) => Number(await p.getAttribute(`[data-testid="${id}"]`, 'data-bytes'));
const MINE = 'FROM golang:1.25-alpine AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /bin/app .\nFROM alpine:3.22\nCOPY --from=build /bin/app /bin/app\nENTRYPOINT ["/bin/app"]\n';

test('share round trip: the link opens the same text, suggestion and figures', async () => {
  const ctx = await browser.newContext();
  const p = await page(ctx);
  await p.goto(base);
  await p.waitForSelector('[data-testid="before-size"]');
  await p.click('[data-testid="suggestion-scratch"]');
  await p.fill('[data-testid="assume-context"]', '2');
  await p.dispatchEvent('[data-testid="assume-context"]', 'change');
  await p.click('[data-testid="share"]');
  const link = await p.inputValue('[data-testid="share-link"]');
  assert.match(link, /#v1\//);
  assert.match(await p.textContent('[data-testid="share-length"]'), new RegExp(`${link.length} characters`));
  const before = await bytes(p, 'before-size');
  const text = await p.inputValue('[data-testid="editor"]');

  const fresh = await page(await browser.newContext());
  await fresh.goto(link);
  await fresh.waitForSelector('[data-testid="before-size"]');
  assert.equal(await fresh.inputValue('[data-testid="editor"]'), text);
  assert.equal(await bytes(fresh, 'before-size'), before);
  assert.equal(await fresh.inputValue('[data-testid="assume-context"]'), '2');
  assert.equal(await fresh.getAttribute('[data-testid="suggestion-scratch"]', 'aria-selected'), 'true');
  assert.deepEqual([...p.foreign, ...fresh.foreign], []);
  assert.deepEqual([...p.errors, ...fresh.errors], []);
});

test('the build date picks the base image builds of then, and travels in the link', async () => {
  const ctx = await browser.newContext();
  const p = await page(ctx);
  await p.goto(base);
  await p.waitForSelector('[data-testid="before-size"]');
  await p.fill('[data-testid="editor"]', 'FROM alpine\nCMD ["sh"]\n');
  // Editing the example clears its date, and the new text is analysed (debounced): wait
  // for both, or the date typed next races the re-render that clears it.
  await p.waitForFunction(() => document.querySelector('[data-testid="assume-date"]')?.value === ''
    && Number(document.querySelector('[data-testid="before-size"]')?.dataset.bytes) < 50e6);
  const today = await bytes(p, 'before-size');
  await p.fill('[data-testid="assume-date"]', '2019-07');
  await p.dispatchEvent('[data-testid="assume-date"]', 'change');
  // Alpine 3.10 (June 2019) in the table: 5.58 MB, not today's build.
  await p.waitForFunction((t) => Number(document.querySelector('[data-testid="before-size"]').dataset.bytes) !== t, today);
  assert.equal(await bytes(p, 'before-size'), 5580000);
  assert.match(await p.textContent('body'), /as of 2019-07/);
  // Not a date: the estimate stays as it was.
  await p.fill('[data-testid="assume-date"]', 'last year');
  await p.dispatchEvent('[data-testid="assume-date"]', 'change');
  assert.equal(await bytes(p, 'before-size'), 5580000);
  await p.fill('[data-testid="assume-date"]', '2019-07');
  await p.dispatchEvent('[data-testid="assume-date"]', 'change');
  await p.click('[data-testid="share"]');
  const link = await p.inputValue('[data-testid="share-link"]');
  const fresh = await page(await browser.newContext());
  await fresh.goto(link);
  await fresh.waitForSelector('[data-testid="before-size"]');
  assert.equal(await fresh.inputValue('[data-testid="assume-date"]'), '2019-07');
  assert.equal(await bytes(fresh, 'before-size'), 5580000);
  assert.deepEqual([...p.errors, ...fresh.errors], []);
});

test('a build target (--target) estimates that stage, and travels in the link', async () => {
  const p = await page(await browser.newContext());
  await p.goto(base);
  await p.waitForSelector('[data-testid="before-size"]');
  await p.fill('[data-testid="editor"]', MINE);
  // The named stages are offered once the pasted text is analysed.
  await p.waitForSelector('[data-testid="assume-target"] option[value="build"]', { state: 'attached' });
  await p.waitForFunction(() => Number(document.querySelector('[data-testid="before-size"]')?.dataset.bytes) < 50e6);
  const last = await bytes(p, 'before-size');
  await p.selectOption('[data-testid="assume-target"]', 'build');
  // The Go builder ships now: hundreds of MB, and the note says why.
  await p.waitForFunction(() => Number(document.querySelector('[data-testid="before-size"]').dataset.bytes) > 200e6);
  assert.match(await p.textContent('[data-testid="final-stage"]'), /--target build/);
  await p.click('[data-testid="share"]');
  const link = await p.inputValue('[data-testid="share-link"]');
  const fresh = await page(await browser.newContext());
  await fresh.goto(link);
  await fresh.waitForSelector('[data-testid="before-size"]');
  assert.equal(await fresh.inputValue('[data-testid="assume-target"]'), 'build');
  assert.equal(await bytes(fresh, 'before-size'), await bytes(p, 'before-size'));
  // Back to the last stage.
  await fresh.selectOption('[data-testid="assume-target"]', '');
  await fresh.waitForFunction((t) => Number(document.querySelector('[data-testid="before-size"]').dataset.bytes) === t, last);
  assert.deepEqual([...p.errors, ...fresh.errors], []);
});

test('the address bar follows edits without adding history entries', async () => {
  const p = await page(await browser.newContext());
  await p.goto(base);
  await p.waitForSelector('[data-testid="before-size"]');
  const len = await p.evaluate(() => history.length);
  await p.fill('[data-testid="editor"]', MINE);
  await p.waitForFunction(() => location.hash.startsWith('#v1/'));
  await p.fill('[data-testid="editor"]', MINE + 'EXPOSE 8080\n');
  await p.waitForTimeout(500);
  assert.equal(await p.evaluate(() => history.length), len);
  const hash = await p.evaluate(() => location.hash);
  const again = await page(await browser.newContext());
  await again.goto(base + hash);
  await again.waitForSelector('[data-testid="before-size"]');
  assert.equal(await again.inputValue('[data-testid="editor"]'), MINE + 'EXPOSE 8080\n');
});

for (const [name, frag] of [['unknown version', '#v9/abc'], ['broken base64', '#v1/%%%***'], ['corrupt data', '#v1/AAAAAAAA'], ['garbage', '#hello']]) {
  test(`a broken link (${name}) shows a message, keeps the last text and does not crash`, async () => {
    const ctx = await browser.newContext();
    const p = await page(ctx);
    await p.goto(base);
    await p.fill('[data-testid="editor"]', MINE);
    await p.waitForTimeout(600); // autosave
    const q = await page(ctx);
    await q.goto(base + frag);
    await q.waitForSelector('[data-testid="link-error"]');
    assert.match(await q.textContent('[data-testid="link-error"]'), /could not be opened/);
    assert.equal(await q.inputValue('[data-testid="editor"]'), MINE);
    assert.deepEqual(q.errors, []);
  });
}

test('reload brings back autosaved text; a link wins over it', async () => {
  const ctx = await browser.newContext();
  const p = await page(ctx);
  await p.goto(base);
  await p.fill('[data-testid="editor"]', MINE);
  await p.waitForTimeout(600);
  await p.goto(base); // no fragment: the autosave
  await p.waitForSelector('[data-testid="before-size"]');
  assert.equal(await p.inputValue('[data-testid="editor"]'), MINE);
  await p.reload();
  assert.equal(await p.inputValue('[data-testid="editor"]'), MINE);
});

test('embed mode: compact view with the selected suggestion and an Open link', async () => {
  const p = await page();
  await p.goto(base);
  await p.waitForSelector('[data-testid="before-size"]');
  await p.click('[data-testid="share"]');
  const link = await p.inputValue('[data-testid="share-link"]');
  const frag = link.slice(link.indexOf('#'));
  await p.goto(`${base}?embed&theme=dark&view=diff&readonly${frag}`);
  await p.waitForSelector('[data-testid="embed"]');
  assert.ok(await p.$('.theme-dark'));
  assert.ok(await p.$('[data-testid="diff"]'));
  assert.ok(await p.$eval('[data-testid="editor"]', (t) => t.readOnly));
  const open = await p.getAttribute('[data-testid="open-in-slimfile"]', 'href');
  assert.ok(open.startsWith(base + '#v1/'), open);
  assert.ok(!open.includes('embed'));
  assert.deepEqual(p.errors, []);
});

test('the demo docs page renders three embeds that size themselves', async () => {
  const p = await page();
  await p.goto(base + 'demo/');
  await p.waitForFunction(() => document.querySelectorAll('iframe.slimfile-embed').length === 3);
  const frames = await p.$$('iframe.slimfile-embed');
  for (const f of frames) await f.scrollIntoViewIfNeeded();
  await p.waitForFunction(() => [...document.querySelectorAll('iframe.slimfile-embed')].every((f) => {
    const e = f.contentDocument?.querySelector('[data-testid="embed"]');
    return e && Math.abs(f.clientHeight - e.getBoundingClientRect().height) <= 6;
  }), null, { timeout: 10000 });
  for (const f of frames) {
    const inner = await f.contentFrame();
    const { sh, ch } = await inner.evaluate(() => ({ sh: document.documentElement.scrollHeight, ch: document.documentElement.clientHeight }));
    assert.ok(sh <= ch + 1, `no inner scrollbar (${sh} > ${ch})`);
    assert.ok(Number(await inner.getAttribute('[data-testid="before-size"]', 'data-bytes')) > 0);
  }
  const heights = await p.$$eval('iframe.slimfile-embed', (fs) => fs.map((f) => f.clientHeight));
  assert.ok(new Set(heights).size > 1 || heights.every((h) => h !== 320), `heights follow content: ${heights}`);
  await p.screenshot({ path: path.join(OUT, 'demo-docs.png'), fullPage: true });
  assert.deepEqual(p.foreign, []);
  assert.deepEqual(p.errors, []);
});
