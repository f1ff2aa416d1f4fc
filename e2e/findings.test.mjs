// Findings in the release build: listed by bytes saved, Apply fixes the text and the
// numbers move, Apply all safe fixes, Undo restores the previous text.
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

const APT = 'FROM debian:bookworm-slim\nRUN apt-get update && apt-get install -y curl\nRUN pip install flask\nCMD ["curl", "--version"]\n';
const bytes = async (p, id) => Number(await p.getAttribute(`[data-testid="${id}"]`, 'data-bytes'));

test('findings are sorted by saving; Apply, Apply all safe fixes and Undo work', async () => {
  const p = await (await browser.newContext()).newPage({ viewport: { width: 1400, height: 1100 } });
  const errors = [];
  p.on('pageerror', (e) => errors.push(String(e)));
  await p.goto(base);
  await p.fill('[data-testid="editor"]', APT);
  await p.waitForSelector('li.finding[data-code="SF001"]');
  const saves = await p.$$eval('li.finding', (ls) => ls.map((l) => Number(l.dataset.saves)));
  assert.deepEqual(saves, [...saves].sort((a, b) => b - a), 'largest saving first');
  const sf001 = Number(await p.getAttribute('li.finding[data-code="SF001"]', 'data-saves'));
  assert.ok(sf001 > 15e6, `lists cost ~20 MB: ${sf001}`);
  assert.ok(await p.$('.gutter .ln.hl'), 'finding lines highlighted');
  await p.screenshot({ path: path.join(OUT, 'findings.png'), fullPage: true });

  const before = await bytes(p, 'before-size');
  await p.click('[data-testid="apply-SF001"]');
  await p.waitForFunction(() => !document.querySelector('li.finding[data-code="SF001"]'));
  assert.match(await p.inputValue('[data-testid="editor"]'), /rm -rf \/var\/lib\/apt\/lists\/\*/);
  const fixed = await bytes(p, 'before-size');
  assert.ok(before - fixed > 15e6, `${before} -> ${fixed}`);

  await p.click('[data-testid="undo"]');
  assert.equal(await p.inputValue('[data-testid="editor"]'), APT);
  assert.equal(await bytes(p, 'before-size'), before);

  await p.click('[data-testid="apply-safe"]');
  const all = await p.inputValue('[data-testid="editor"]');
  assert.match(all, /rm -rf \/var\/lib\/apt\/lists\/\*/);
  assert.match(all, /pip install --no-cache-dir flask/);
  assert.doesNotMatch(all, /--no-install-recommends/, 'unsafe fixes are not applied in bulk');
  assert.ok(await bytes(p, 'before-size') < fixed);
  assert.deepEqual(errors, []);
});

test('development dependencies: Composer gets a priced fix, yarn a priced finding without one', async () => {
  const p = await (await browser.newContext()).newPage({ viewport: { width: 1400, height: 1100 } });
  const errors = [];
  p.on('pageerror', (e) => errors.push(String(e)));
  await p.goto(base);
  const php = 'FROM php:8.3-fpm\nWORKDIR /app\nCOPY composer.json composer.lock ./\nRUN composer install\nCOPY . .\n';
  await p.fill('[data-testid="editor"]', php);
  await p.waitForSelector('li.finding[data-code="SF013"]');
  const saves = Number(await p.getAttribute('li.finding[data-code="SF013"]', 'data-saves'));
  assert.ok(saves > 20e6, `vendor/ with and without its development packages: ${saves}`);
  const before = await bytes(p, 'before-size');
  await p.click('[data-testid="apply-SF013"]');
  await p.waitForFunction(() => !document.querySelector('li.finding[data-code="SF013"]'));
  assert.match(await p.inputValue('[data-testid="editor"]'), /composer install --no-dev/);
  assert.equal(before - await bytes(p, 'before-size'), saves, 'the saving shown is the saving made');

  await p.fill('[data-testid="editor"]', 'FROM node:20\nWORKDIR /app\nCOPY package.json yarn.lock ./\nRUN yarn install\nCOPY . .\nRUN yarn build\n');
  await p.waitForSelector('li.finding[data-code="SF013"]');
  // The surveyed Node apps' median with and without devDependencies: 96.0 against 42.4 MB.
  assert.ok(Number(await p.getAttribute('li.finding[data-code="SF013"]', 'data-saves')) > 50e6);
  assert.equal(await p.$('[data-testid="apply-SF013"]'), null, 'yarn gets no fix');
  assert.deepEqual(errors, []);
});

test('a rewrite can be copied, put into the editor, and Undo brings the original back', async () => {
  const ctx = await browser.newContext();
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const p = await ctx.newPage({ viewport: { width: 1400, height: 1100 } });
  const errors = [];
  p.on('pageerror', (e) => errors.push(String(e)));
  await p.goto(base);
  const go = 'FROM golang:1.22\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /app .\nCMD ["/app"]\n';
  await p.fill('[data-testid="editor"]', go);
  await p.waitForSelector('[data-testid="suggestion-multi-stage"]');
  await p.click('[data-testid="suggestion-multi-stage"]');
  const rewritten = await p.textContent('[data-testid="rewritten"]');
  const after = Number(await p.getAttribute('[data-testid="suggestion-multi-stage"]', 'data-bytes'));
  const before = await bytes(p, 'before-size');
  assert.equal(await p.textContent('[data-testid="copy-rewrite"]'), 'Copy');
  await p.click('[data-testid="copy-rewrite"]');
  await p.waitForFunction(() => document.querySelector('[data-testid="copy-rewrite"]').textContent === 'Copied');
  assert.equal(await p.evaluate(() => navigator.clipboard.readText()), rewritten);
  await p.click('[data-testid="use-rewrite"]');
  assert.equal(await p.inputValue('[data-testid="editor"]'), rewritten);
  // The editor's file is now the rewrite: its estimate is the suggestion's.
  assert.equal(await bytes(p, 'before-size'), after);
  assert.ok(after < before / 5, `${before} -> ${after}`);
  await p.screenshot({ path: path.join(OUT, 'use-rewrite.png'), fullPage: true });
  await p.click('[data-testid="undo"]');
  assert.equal(await p.inputValue('[data-testid="editor"]'), go);
  assert.equal(await bytes(p, 'before-size'), before);
  assert.deepEqual(errors, []);
});
