// The compare view through the real page: reached from the main page, the same stream in every
// lane, a fault in one lane only, a copied link replaying the same lanes, and embedding.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, screenshot, text } from './harness.mjs';

const site = useSite();
const QUERY = 'compare=adder-memory.shared-volume-lock.statefulset-headless&seed=3';

/** Opens the compare page via the main page's address (the redirect is part of what is tested). */
async function openCompare(query, options = {}) {
  const context = await site.browser.newContext({ reducedMotion: 'reduce', ...options });
  const page = await context.newPage();
  const errors = [];
  const foreign = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('request', (request) => { if (new URL(request.url()).origin !== site.server.origin) foreign.push(request.url()); });
  await page.goto(`${site.server.url}?${query}`);
  await page.waitForSelector('.lane');
  return { page, context, errors, foreign };
}

/** What the learner reads in every lane and in the rows. */
const lanes = (page) =>
  page.evaluate(() => ({
    clock: document.querySelector('.clock').textContent,
    verdicts: [...document.querySelectorAll('.lane .verdict')].map((v) => v.textContent),
    rows: [...document.querySelectorAll('#compare-rows tbody tr')].map((tr) => tr.textContent),
    pods: [...document.querySelectorAll('.lane')].map((lane) => [...lane.querySelectorAll('.pod')].map((pod) => pod.textContent)),
  }));

const seconds = async (page, count) => {
  for (let i = 0; i < count; i++) await page.click('#compare-step');
};

for (const viewport of [
  { width: 1280, height: 900 },
  { width: 375, height: 667 },
]) {
  test(`the main page links to the compare view; every lane is on the page (${viewport.width} px)`, async () => {
    const context = await site.browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(site.server.url);
    await page.click('#compare-link');
    await page.waitForSelector('.lane');
    assert.match(page.url(), /\/course\/adder-lab\/compare\/\?compare=adder-memory\.shared-volume-lock\.statefulset-headless&seed=1/);
    assert.equal(await page.locator('.lane').count(), 3);
    for (const lane of await page.locator('.lane-scene').all()) {
      const box = await lane.boundingBox();
      assert.ok(box.width > 200 && box.x >= 0 && box.x + box.width <= viewport.width, `a lane's scene fits: ${JSON.stringify(box)}`);
    }
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true, 'no sideways scrolling');
    await page.waitForTimeout(1500);
    await screenshot(page, `compare-${viewport.width}`);
    await context.close();
  });
}

test('the same stream in every lane tells the story; a fault hits one lane only; the link replays the lanes', async () => {
  const { page, context, errors, foreign } = await openCompare(QUERY);
  assert.equal(await text(page, '#compare-play'), 'Play', 'reduced motion starts paused');
  await seconds(page, 40);
  let now = await lanes(page);
  assert.equal(now.clock, 't = 40.0 s');
  assert.match(now.verdicts[0], /anomalies found/, 'memory: conflicting totals');
  assert.match(now.verdicts[1], /No anomalies so far/, 'the lock: one correct total');
  assert.match(now.verdicts[2], /No anomalies so far/, 'StatefulSet: each pod its own total');
  assert.equal(now.rows.length, 3);
  // Lane 2 only: node-2 fails there and nowhere else.
  await page.locator('.lane[data-lane="1"] .lane-fail').click();
  const down = await page.$$eval('.lane', (all) => all.map((lane) => lane.querySelectorAll('.node-down').length));
  assert.deepEqual(down, [0, 1, 0]);
  assert.match(page.url(), /actions=40000\.2\.f\.node-2/);
  await seconds(page, 10);
  now = await lanes(page);
  const link = page.url();
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);

  const copy = await context.newPage();
  await copy.goto(link);
  await copy.waitForSelector('.lane');
  await seconds(copy, 50);
  assert.deepEqual(await lanes(copy), now, 'the copied link replays every lane exactly');
  await context.close();
});

test('a broken comparison link is explained; what can be read still runs', async () => {
  const { page, context, errors } = await openCompare(`${QUERY}&actions=5000.9.o~6000.1.o`);
  assert.match(await text(page, '#compare-problems'), /Action 1 of the link \(\u201c5000\.9\.o\u201d\) cannot be read/);
  assert.equal(await page.locator('.lane').count(), 3);
  assert.deepEqual(errors, []);
  await context.close();
  const bad = await openCompare('compare=adder-memory.nonsense');
  assert.match(await text(bad.page, '#compare-problems'), /This comparison cannot be opened: .* Showing the story’s three designs instead\./);
  assert.equal(await bad.page.locator('.lane').count(), 3, 'the story\u2019s three lanes instead');
  await bad.context.close();
});

test('embedding a comparison: ?embed=1&compare=… opens it without the site chrome', async () => {
  const { page, context, errors } = await openCompare(`embed=1&${QUERY}`);
  assert.match(page.url(), /\/compare\/\?embed=1&compare=/);
  assert.equal(await page.locator('.site-header').isVisible(), false);
  assert.equal(await page.locator('.lane').count(), 3);
  assert.deepEqual(errors, []);
  await context.close();
});
