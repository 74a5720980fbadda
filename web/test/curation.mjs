// Browser tests of changing the graph from the pages, in Debian's Chromium
// driven by playwright-core. browser_curation_test.go starts the real
// server with the bundled articles and the test tokens, and runs
//
//   node web/test/curation.mjs BASE_URL OUT_DIR WRITE_TOKEN READ_TOKEN
//
// The tests add an article through the "Add article" page (with a preview
// first), see it arrive live on a timeline opened before and on a new one,
// retract a fact from the timeline, and merge two nodes in the explorer.
// As in browser.mjs, a request to another host or a console error fails
// a test. The last line is "N passed, M failed"; the exit status is 1 if
// any test failed.

import { chromium } from 'playwright-core';
import { mkdtemp, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';

const [base, outDir, writeToken, readToken] = process.argv.slice(2);
if (!base || !outDir || !writeToken || !readToken) {
  console.error('usage: node curation.mjs BASE_URL OUT_DIR WRITE_TOKEN READ_TOKEN');
  process.exit(2);
}
const origin = new URL(base).origin;
await mkdir(outDir, { recursive: true });

const profile = await mkdtemp(join(tmpdir(), 'diplograph-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.DIPLOGRAPH_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
    '--disable-sync', '--no-first-run', '--disable-quic'],
  viewport: { width: 1400, height: 900 },
  timeout: 60_000,
});
context.setDefaultTimeout(20_000);

let passed = 0;
let failed = 0;

/** Watches a page: requests to other hosts and console errors fail the test. */
function watch(page, name, problems, allowConsole = []) {
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith('data:') && !u.startsWith('blob:') && new URL(u).origin !== origin) problems.push(`${name}: request to ${u}`);
  });
  page.on('console', (m) => {
    if (m.type() === 'error' && !allowConsole.some((re) => re.test(m.text()))) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`uncaught: ${e.message}`));
}

/** Runs one test with fresh pages from newPage. */
async function test(name, fn, { allowConsole = [] } = {}) {
  const pages = [];
  const problems = [];
  const newPage = async () => {
    const p = await context.newPage();
    watch(p, name, problems, allowConsole);
    pages.push(p);
    return p;
  };
  const t0 = Date.now();
  try {
    await fn(newPage);
    assert.deepEqual(problems, [], 'requests off the server or console errors');
    passed++;
    console.log(`ok - ${name} (${Date.now() - t0} ms)`);
  } catch (err) {
    failed++;
    console.log(`not ok - ${name}\n${String(err.stack || err).replace(/^/gm, '    ')}`);
    for (const [i, p] of pages.entries()) {
      await p.screenshot({ path: join(outDir, `failed-${name.replace(/\W+/g, '-')}-${i}.png`) }).catch(() => {});
    }
  } finally {
    for (const p of pages) await p.close();
  }
}

/** Types text into a combobox and picks the suggestion that contains want. */
async function pick(page, selector, text, want) {
  const input = page.locator(selector);
  await input.fill('');
  await input.pressSequentially(text, { delay: 10 });
  const list = page.locator(`#${await input.getAttribute('aria-controls')}`);
  const option = list.locator('[role=option]', { hasText: want }).first();
  await option.waitFor();
  await option.click();
  assert.ok((await input.inputValue()).includes(want), `picked ${await input.inputValue()}, want ${want}`);
}

/** Enters a token in the page header and waits for the server to say who it is. */
async function useToken(page, token, who) {
  await page.locator('#token').fill(token);
  await page.locator('form.token button').click();
  await page.locator('#token-state', { hasText: who }).waitFor();
}

const tokyo = `Kono and Lavrov hold talks in Tokyo

Feb. 10, 2019 (EIRNS)—Russian Foreign Minister Sergey Lavrov met Japanese Foreign Minister Taro Kono in Tokyo on Feb. 9. Lavrov said Russia and Japan would continue talks on a peace treaty.`;

const meeting = 'Meeting of Sergey Lavrov and Taro Kono, 2019-02-09';

await test('add an article through the page; it arrives live on an open timeline', async (newPage) => {
  // A timeline opened before the article exists.
  const timeline = await newPage();
  await timeline.goto(`${base}/timeline?entity=person%3Asergey-lavrov`);
  await timeline.locator('#items li').first().waitFor();
  assert.doesNotMatch(await timeline.locator('#items').innerText(), /2019-02-09/);
  await timeline.waitForFunction(() => document.body.dataset.live === 'on');

  const add = await newPage();
  await add.goto(`${base}/add`);
  assert.equal(await add.title(), 'Add an article · diplograph');
  // A read-only token may not add.
  await useToken(add, readToken, 'read-only');
  assert.equal(await add.locator('#add').isDisabled(), true);
  await useToken(add, writeToken, 'may write');
  await add.locator('#text').fill(tokyo);
  await add.locator('#preview').click();
  await add.locator('#result-h', { hasText: 'What would be added' }).waitFor();
  const entities = add.locator('#entities');
  await entities.locator('li', { hasText: meeting }).waitFor();
  assert.match(await entities.locator('li', { hasText: meeting }).innerText(), /new/i);
  assert.match(await add.locator('#edges').innerText(), /Sergey Lavrov — participated in — Meeting of Sergey Lavrov and Taro Kono/);
  // Nothing is written by a preview.
  const before = await add.request.post(`${base}/graphql`, { data: { query: '{ entity(id: "event:meeting-of-sergey-lavrov-and-taro-kono-2019-02-09") { id } }' } });
  assert.equal((await before.json()).data.entity, null);
  await add.screenshot({ path: join(outDir, 'add-preview.png'), fullPage: true });

  await add.locator('#add').click();
  await add.locator('#status', { hasText: 'Added as article:' }).waitFor();
  await add.locator('#result-h', { hasText: 'Added' }).waitFor();
  await add.screenshot({ path: join(outDir, 'add-done.png'), fullPage: true });

  // The open timeline shows it without a reload.
  await timeline.locator('#items li', { hasText: '2019-02-09' }).first().waitFor({ timeout: 30_000 });
  await timeline.screenshot({ path: join(outDir, 'timeline-live.png'), fullPage: true });

  // And a timeline opened now, from the link of the result.
  await add.locator('#open-timeline').click();
  await add.locator('.vis-item', { hasText: 'Meeting of Sergey Lavrov and Taro Kono' }).first().waitFor();
  assert.match(await add.locator('#items').innerText(), /2019-02-09 \(day\)/);
});

await test('retract a fact from the timeline', async (newPage) => {
  const page = await newPage();
  await page.goto(`${base}/timeline?entity=person%3Asergey-lavrov`);
  await useToken(page, writeToken, 'may write');
  const office = page.locator('#items button', { hasText: /holds office/i }).first();
  await office.waitFor();
  const label = (await office.innerText()).trim();
  await office.click();
  await page.locator('#curate #retract').waitFor();
  await page.locator('#curate #reason-edge').fill('a test of retraction from the timeline');
  await page.locator('#curate #retract').click();
  // The timeline reloads without the fact.
  await page.waitForFunction((l) => ![...document.querySelectorAll('#items button')].some((b) => b.textContent.trim() === l), label, { timeout: 30_000 });
  const log = await page.request.post(`${base}/graphql`, { data: { query: '{ curationLog(first: 1) { nodes { op who reason } } }' } });
  assert.deepEqual((await log.json()).data.curationLog.nodes[0], { op: 'RETRACT_EDGE', who: 'alice', reason: 'a test of retraction from the timeline' });
});

await test('merge two nodes in the explorer', async (newPage) => {
  const page = await newPage();
  await page.goto(`${base}/explore?entity=state%3Arussia`);
  await useToken(page, writeToken, 'may write');
  const nodes = page.locator('#nodes');
  await nodes.locator('option[value="state:soviet-union"]').waitFor({ state: 'attached' });
  await nodes.selectOption('state:soviet-union');
  await page.locator('#curate #merge').waitFor();
  // Without a reason the log would not say why: refused in the page.
  await pick(page, '#merge-into', 'Russia', 'Russia');
  await page.locator('#curate #merge').click();
  await page.locator('#curate .status', { hasText: 'Say why' }).waitFor();
  await page.locator('#curate #reason-entity').fill('one state for this test');
  await page.locator('#curate #merge').click();
  // The merged node leaves the graph; Russia stays, with the history.
  await page.waitForFunction(() => !document.querySelector('#nodes option[value="state:soviet-union"]'));
  await nodes.locator('option[value="state:russia"]').waitFor({ state: 'attached' });
  await nodes.selectOption('state:russia');
  await page.locator('#history li', { hasText: 'merge entities by alice' }).waitFor();
  await page.screenshot({ path: join(outDir, 'explore-merge.png') });
  // The merged id resolves to the survivor.
  const r = await page.request.post(`${base}/graphql`, { data: { query: '{ entity(id: "state:soviet-union") { id aliases } }' } });
  const e = (await r.json()).data.entity;
  assert.equal(e.id, 'state:russia');
  assert.ok(e.aliases.includes('Soviet Union'), `aliases ${e.aliases}`);
});

await test('without a token the pages only read', async (newPage) => {
  const page = await newPage();
  await page.goto(`${base}/explore?entity=state%3Ajapan`);
  await page.locator('#nodes option[value="state:japan"]').waitFor({ state: 'attached' });
  await page.locator('#nodes').selectOption('state:japan');
  await page.locator('#curate', { hasText: 'Enter a token that may write' }).waitFor();
  assert.equal(await page.locator('#curate #merge').count(), 0);
  // A wrong token is refused.
  await page.locator('#token').fill('not-a-token-0123456789');
  await page.locator('form.token button').click();
  await page.locator('#token-state', { hasText: 'token refused' }).waitFor();
}, { allowConsole: [/status of 401/] });

await context.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
