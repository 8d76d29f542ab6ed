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
    // Each lane's request log (rows are there once its log has been opened).
    logs: [...document.querySelectorAll('.lane')].map((lane) => [...lane.querySelectorAll('.lane-log tbody tr')].map((tr) => tr.textContent)),
  }));

/** Opens every lane's request log. */
const openLogs = async (page) => {
  for (const summary of await page.locator('.lane-log summary').all()) await summary.click();
  // A details element reports its toggle in a later task: wait for the rows it brings (none
  // yet at 0 s, when there is nothing to wait for).
  await page
    .waitForFunction(() => [...document.querySelectorAll('.lane-log tbody')].every((body) => body.children.length > 0), null, { timeout: 2_000 })
    .catch(() => {});
};

/** Moves the timeline's slider to `ms` as a drag would (an input event). */
const scrubTo = (page, ms) =>
  page.$eval(
    '#compare-timeline',
    (slider, value) => {
      slider.value = String(value);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
    },
    ms,
  );

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
  await openLogs(page);
  now = await lanes(page);
  assert.ok(now.logs.every((log) => log.length > 10), 'every lane has answered requests in its log');
  assert.notDeepEqual(now.logs[0], now.logs[1], 'each lane answers in its own way');
  const link = page.url();
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);

  const copy = await context.newPage();
  await copy.goto(link);
  await copy.waitForSelector('.lane');
  await seconds(copy, 50);
  await openLogs(copy);
  assert.deepEqual(await lanes(copy), now, 'the copied link replays every lane exactly, request logs too');
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

test('one timeline drives every lane; acting back in time starts a branch that the link replays', async () => {
  const { page, context, errors } = await openCompare(QUERY);
  await openLogs(page);
  await seconds(page, 20);
  await page.locator('.lane[data-lane="1"] .lane-fail').click();
  await seconds(page, 20);
  const end = await lanes(page);
  assert.equal(await page.getAttribute('#compare-timeline', 'max'), '40000');
  assert.equal(await page.locator('.timeline .marks .mark-action').count(), 1, 'the fault is marked');
  assert.equal(await page.locator('.timeline .marks .mark-finding').count(), 1, 'lane 1’s first finding is marked, no other lane has one');

  // Back to 10 s: every lane as a fresh replay of the link shows it at 10 s.
  await scrubTo(page, 10_000);
  const past = await lanes(page);
  assert.equal(past.clock, 't = 10.0 s');
  assert.match(await text(page, '#compare-timeline-status'), /^Every lane is back at 10\.0 s of 40\.0 s\./);
  assert.equal(await page.locator('.lane[data-lane="1"] .node-down').count(), 0, 'node-2 has not failed yet');
  const fresh = await context.newPage();
  await fresh.goto(page.url());
  await fresh.waitForSelector('.lane');
  await openLogs(fresh);
  await seconds(fresh, 10);
  assert.deepEqual(await lanes(fresh), past, 'the moment is the one a replay passes through');
  await fresh.close();

  await page.click('#compare-timeline-end');
  assert.deepEqual(await lanes(page), end, 'the end is as it was left');

  // A fork at 10 s: the old future (30 s and the fault) is dropped, the link holds the branch.
  await scrubTo(page, 10_000);
  await page.selectOption('#compare-rate', '600');
  assert.match(
    await text(page, '#compare-timeline-status'),
    /^A new branch starts at 10\.0 s: the old run’s next 30\.0 s and 1 action were dropped\./,
  );
  assert.equal(await page.getAttribute('#compare-timeline', 'max'), '10000');
  assert.doesNotMatch(page.url(), /node-2/);
  assert.match(page.url(), /actions=10000\.a\.r\.0\.600~10000\.a\.r\.1\.600~10000\.a\.r\.2\.600/);
  await seconds(page, 5);
  const branch = await lanes(page);
  const copy = await context.newPage();
  await copy.goto(page.url());
  await copy.waitForSelector('.lane');
  await openLogs(copy);
  await seconds(copy, 15);
  assert.deepEqual(await lanes(copy), branch, 'the branch replays from its link');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the stream’s rate, a restart in every lane, and copying the link', async () => {
  const { page, context, errors } = await openCompare(QUERY, { permissions: ['clipboard-read', 'clipboard-write'] });
  await page.selectOption('#compare-rate', '4000');
  await seconds(page, 2);
  const inFlight = await page.$$eval('.lane-scene .markers', (groups) => groups.map((g) => g.children.length));
  assert.ok(inFlight.every((count) => count > 0), `requests in flight in every lane: ${inFlight}`);
  // Lane 2's lock queue is one shape per client and spot, labelled with its length.
  await seconds(page, 8);
  const waiting = Number((await text(page, '.lane[data-lane="1"] .scene-svg')).match(/(\d+) waiting/)[1]);
  const drawn = await page.$$eval('.lane[data-lane="1"] .markers .marker-label', (labels) => labels.map((l) => l.textContent));
  assert.ok(waiting > 50 && drawn.length < waiting, `${waiting} waiting for the lock, ${drawn.length} shapes drawn`);
  assert.ok(drawn.some((label) => /^×\d+$/.test(label)), `a queue's shape says how many: ${drawn.join(' ')}`);
  await page.click('#compare-restart-all');
  assert.match(page.url(), /~10000\.a\.o&/);
  await page.click('#compare-copy-link');
  await page.waitForFunction(() => document.querySelector('#compare-copy-link').textContent === 'Link copied');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await page.evaluate(() => location.href));
  assert.deepEqual(errors, []);
  await context.close();
});

for (const viewport of [
  { width: 1280, height: 900 },
  { width: 375, height: 667 },
]) {
  test(`the closing step: predict, run the three designs, the answer read off the lanes (${viewport.width} px)`, async () => {
    const context = await site.browser.newContext({ viewport });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.goto(site.server.url);
    await page.waitForSelector('#lesson-progress');
    assert.equal(await text(page, '#lesson-progress'), '0 of 12 steps done');
    await page.click('a.lesson-step-away');
    await page.waitForSelector('#compare-lesson');
    assert.match(page.url(), /\/compare\/\?compare=adder-memory\.shared-volume-lock\.statefulset-headless&seed=3.*&lesson=compare-all/);
    // Before the run: the question, nothing of the answer, nothing playing.
    const before = await page.textContent('body');
    for (const spoiler of ['The run shows', 'Try next', 'Lane 1: the Service spreads', 'anomalies found']) {
      assert.ok(!before.includes(spoiler), `nothing of the answer before the run: ${spoiler}`);
    }
    assert.equal(await text(page, '#compare-play'), 'Play');
    await page.click('#compare-lesson-run');
    assert.match(await text(page, '#compare-lesson-notice'), /^Choose an answer first/);
    await page.check('#compare-lesson-question input[value="1"]');
    await page.click('#compare-lesson-run');
    await page.waitForTimeout(1_000);
    assert.match(await text(page, '#compare-lesson-status'), /^Running the comparison: \d+ s of 60 s/);
    // The lanes are what the learner watches: the first lane's scene is on screen.
    const scene = await page.locator('.lane-scene').first().boundingBox();
    assert.ok(scene.y >= 0 && scene.y + scene.height / 2 <= viewport.height, `lane 1 in view while running: ${JSON.stringify(scene)}`);
    await page.waitForSelector('#compare-lesson-answer p', { timeout: 30_000 });
    assert.equal(await text(page, '.clock'), 't = 60.0 s', 'the answer is read at the question’s time exactly');
    const answer = await text(page, '#compare-lesson-answer');
    assert.match(answer, /^The run shows: Lanes 2 and 3 \(the locked volume and the StatefulSet\)/);
    assert.match(answer, /You predicted: Only lane 2 \(the locked shared volume\)\./);
    assert.match(answer, /Try next: /);
    const verdicts = await page.$$eval('.lane .verdict', (all) => all.map((v) => v.textContent));
    assert.match(verdicts[0], /anomalies found/);
    assert.match(verdicts[1], /No anomalies so far/);
    assert.match(verdicts[2], /No anomalies so far/);
    await screenshot(page, `compare-lesson-${viewport.width}`);

    await page.goto(site.server.url);
    assert.equal(await text(page, '#lesson-progress'), '1 of 12 steps done');
    assert.match(await page.getAttribute('a.lesson-step-away', 'class'), /\bdone\b/);
    page.once('dialog', (dialog) => dialog.accept());
    await page.click('#lesson-forget');
    assert.equal(await text(page, '#lesson-progress'), '0 of 12 steps done', 'forgetting forgets the closing step too');
    assert.doesNotMatch(await page.getAttribute('a.lesson-step-away', 'class'), /\bdone\b/);
    await page.reload();
    assert.equal(await text(page, '#lesson-progress'), '0 of 12 steps done');
    assert.deepEqual(errors, []);
    await context.close();
  });
}
