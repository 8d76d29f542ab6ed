// The playground in the release build: each mode shows what a learner should see.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, openApp, screenshot, text } from './harness.mjs';

const site = useSite();
const open = site.open;
const fast = (page) => page.selectOption('#speed', '6'); // 16x
const verdictHas = (page, words, timeout = 30_000) =>
  page.waitForFunction((w) => document.querySelector('#verdict').textContent.includes(w), words, { timeout });
const clockMs = async (page) => {
  const [, seconds, tenths] = (await text(page, '.clock')).match(/t = (\d+)\.(\d) s/);
  return Number(seconds) * 1000 + Number(tenths) * 100;
};

test('memory mode with 3 pods flags disagreement, and a total goes down', async () => {
  const { page, context, foreign, errors } = await open('scenario=adder-memory&seed=3');
  await page.locator('#scene').scrollIntoViewIfNeeded();
  await fast(page);
  await verdictHas(page, 'conflicting totals');
  await verdictHas(page, 'went down', 60_000);
  const pods = await page.$$eval('#scene .pod', (nodes) => nodes.length);
  assert.equal(pods, 3);
  // The panels under the scene follow the verdict within a few frames.
  await page.waitForFunction(() => /went down, though the adder never subtracts/.test(document.querySelector('#clients').textContent), null, { timeout: 5_000 });
  await screenshot(page, 'playground-memory', '.playground');
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a shared volume with the lock: no anomaly, stored total = acknowledged adds', async () => {
  const { page, context, errors } = await open('scenario=shared-volume-lock&seed=4');
  await fast(page);
  await page.waitForFunction(() => document.querySelectorAll('#request-log tbody tr').length >= 15, null, { timeout: 30_000 });
  await page.uncheck('#traffic-on');
  await page.waitForFunction(() => document.querySelector('#scene .markers').children.length === 0, null, { timeout: 30_000 });
  await page.waitForTimeout(300);
  assert.match(await text(page, '#verdict'), /No anomalies so far/);
  const stored = await text(page, '.stored-total');
  const acknowledged = await text(page, '.acknowledged-total');
  const trueTotal = await text(page, '.true-total');
  assert.equal(stored, acknowledged);
  assert.equal(stored, trueTotal);
  assert.ok(Number(stored) > 0);
  await screenshot(page, 'playground-lock', '.playground');
  assert.deepEqual(errors, []);
  await context.close();
});

test('without the lock, the checker flags a lost update', async () => {
  const { page, context, errors } = await open('scenario=shared-volume-no-lock&seed=5');
  await fast(page);
  await verdictHas(page, 'lost update');
  assert.match(await text(page, '#verdict'), /acknowledged adds sum to \d+, but the stored total is \d+/);
  assert.match(await text(page, '#scene .volume'), /no lock:writes can clash/); // two lines
  await screenshot(page, 'playground-no-lock', '.playground');
  // Turning the lock on is a recorded action, in the link.
  await page.check('#lock');
  await page.waitForFunction(() => location.search.includes('.l.1'));
  assert.deepEqual(errors, []);
  await context.close();
});

test('StatefulSet: deleted adder-1 returns as adder-1 with data-adder-1 and its old total', async () => {
  const { page, context, errors } = await open('scenario=statefulset-headless&seed=8');
  assert.match(await text(page, '#scene [data-service="adder"]'), /clusterIP: None.*a DNS name, no proxy/);
  await fast(page);
  const volumeTotal = () =>
    page.$eval('#scene [data-claim="data-adder-1"]', (g) => Number(g.textContent.match(/file: (\d+)/)[1]));
  await page.waitForFunction(() => {
    const volume = document.querySelector('#scene [data-claim="data-adder-1"]');
    return volume && Number(volume.textContent.match(/file: (\d+)/)[1]) > 0;
  }, null, { timeout: 30_000 });
  await page.click('#play'); // pause
  const before = await volumeTotal();
  await page.selectOption('#fault-pod', 'adder-1');
  await page.click('#delete-pod');
  assert.match(await text(page, '#scene [data-pod="adder-1"]'), /Terminating/);
  await page.click('#play');
  await page.waitForFunction(
    () => document.querySelector('#scene [data-pod="adder-1"]')?.classList.contains('pod-ready') &&
      document.querySelector('#events').textContent.includes('adder-1 mounted its old claim data-adder-1'),
    null,
    { timeout: 30_000 },
  );
  // Requests already inside adder-1 may still finish (and write) during its grace period, so
  // the file it mounts again holds at least what it held when the delete was clicked.
  const mounted = Number((await text(page, '#events')).match(/mounted its old claim data-adder-1 \(total (\d+)\)/)?.[1]);
  assert.ok(mounted >= before && mounted > 0, `its old total came back: ${mounted} after ${before}`);
  assert.ok((await volumeTotal()) >= mounted);
  await screenshot(page, 'playground-statefulset', '.playground');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a shared link reproduces the same request log', async () => {
  const first = await open('scenario=adder-memory&seed=7');
  await first.page.selectOption('#speed', '4'); // 4x
  await first.page.fill('#send-number', '42');
  await first.page.click('#send-add');
  await first.page.waitForFunction(() => document.querySelectorAll('#request-log tbody tr').length >= 6);
  await first.page.click('#delete-pod');
  await first.page.waitForFunction(() => document.querySelectorAll('#request-log tbody tr').length >= 25, null, { timeout: 30_000 });
  await first.page.click('#play'); // pause
  const link = await first.page.evaluate(() => location.href);
  assert.match(link, /actions=\d+\.s\.0\.42~\d+\.d\.adder-/);
  const rows = async (page) =>
    Object.fromEntries(await page.$$eval('#request-log tbody tr', (trs) =>
      trs.map((tr) => [tr.id, [...tr.cells].map((cell) => cell.textContent).join('|')])));
  const expected = await rows(first.page);
  const until = await clockMs(first.page);

  const second = await openApp(site.browser, link);
  await second.page.selectOption('#speed', '4');
  await second.page.waitForFunction((ms) => {
    const [, s, t] = document.querySelector('.clock').textContent.match(/t = (\d+)\.(\d) s/);
    return Number(s) * 1000 + Number(t) * 100 >= ms;
  }, until, { timeout: 30_000 });
  await second.page.click('#play');
  const replayed = await rows(second.page);
  const common = Object.keys(expected).filter((id) => id in replayed);
  assert.ok(common.length >= 10, `only ${common.length} rows in common`);
  for (const id of common) assert.equal(replayed[id], expected[id], id);
  assert.ok(Object.values(expected).some((row) => row.includes('add 42')), 'the hand-sent request is in the log');
  await first.context.close();
  await second.context.close();
});

test('a broken link explains itself and falls back to defaults', async () => {
  const { page, context, errors } = await open('scenario=blue-green&seed=x1&actions=10.zz');
  const problems = await text(page, '#link-problems');
  assert.match(problems, /no scenario called “blue-green”/);
  assert.match(problems, /not a whole number/);
  assert.match(problems, /cannot be read/);
  assert.equal(await page.$eval('#scenario', (select) => select.value), 'adder-memory');
  assert.deepEqual(errors, []);
  await context.close();
});

test('bad values get an inline message and change nothing', async () => {
  const { page, context } = await open('scenario=adder-memory&seed=1');
  await page.click('#play'); // pause
  const url = await page.evaluate(() => location.href);
  for (const [selector, value, submit, message] of [
    ['#replicas', '-1', '#scale', 'Replicas must be between 0 and 16'],
    ['#replicas', '10000', '#scale', 'Replicas must be between 0 and 16'],
    ['#send-number', 'five', '#send-add', 'is not a number'],
    ['#send-number', '5000000000', '#send-add', 'one request may add at most'],
    ['#seed', 'abc', '#seed ~ button', 'The seed “abc” is not a whole number'],
  ]) {
    await page.fill(selector, value);
    await page.click(submit);
    await page.waitForFunction((m) => document.querySelector('#notice').textContent.includes(m), message);
  }
  assert.equal(await page.$$eval('#scene .pod', (pods) => pods.length), 3);
  assert.equal(await page.evaluate(() => location.href), url, 'nothing was recorded');
  // The replicas field follows the workload when the scenario changes.
  await page.selectOption('#scenario', 'one-server');
  await page.waitForFunction(() => document.querySelector('#replicas').value === '1');
  await context.close();
});

test('keyboard only: pick a scenario, pause, step', async () => {
  const { page, context } = await open('scenario=adder-memory&seed=2');
  await page.focus('#scenario');
  await page.keyboard.press('ArrowDown'); // the next scenario
  await page.waitForFunction(() => document.querySelector('#scenario').value === 'adder-emptydir');
  assert.match(await text(page, '#watch-for'), /emptyDir/);
  // Play is under the scene, which comes before the controls in keyboard order.
  await page.keyboard.press('Shift+Tab');
  assert.ok(await page.evaluate(() => document.activeElement.closest('#stage') !== null), 'the stage is just before');
  await page.focus('#play');
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('#play').textContent === 'Play');
  const paused = await clockMs(page);
  await page.focus('#scenario');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'step-back');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'step');
  const events = async () => (await text(page, '#events')).length;
  const before = await events();
  for (let i = 0; i < 40; i++) await page.keyboard.press('Enter');
  // Forty events at least start the pods (each step runs one event; none is a stale no-op).
  assert.ok((await clockMs(page)) > paused, 'stepping moves time on');
  assert.notEqual(await events(), before, 'and the cluster events show what happened');
  assert.equal(await page.$eval('#play', (b) => b.getAttribute('aria-pressed')), 'false');
  await context.close();
});

test('reduced motion: nothing moves on its own; the narration speaks', async () => {
  const { page, context } = await open('scenario=one-server&seed=1', { reducedMotion: 'reduce' });
  assert.equal(await text(page, '#play'), 'Play');
  await page.waitForTimeout(500);
  assert.equal(await clockMs(page), 0);
  await page.click('#play');
  await page.waitForSelector('#scene .pod-ready', { timeout: 20_000 });
  await page.fill('#send-number', '5');
  await page.click('#send-add');
  await page.waitForFunction(() => document.querySelector('#narration').textContent.includes('total 5'), null, { timeout: 20_000 });
  assert.match(await text(page, '#narration'), /Request 1 from Alice \(add 5\) went to adder-\w+-\w+, total 5\./);
  await context.close();
});

test('at phone width no scenario and no lesson step makes the page scroll sideways', async () => {
  const queries = [
    ...['one-server', 'converter-deployment', 'adder-memory', 'adder-emptydir', 'shared-volume-lock',
      'shared-volume-no-lock', 'shared-volume-rwo', 'statefulset-headless', 'three-tier'].map((scenario) => `scenario=${scenario}`),
    'lesson=misconceptions',
  ];
  const { page, context } = await open('', { viewport: { width: 375, height: 800 } });
  for (const query of queries) {
    await page.goto(`${site.server.url}?${query}`);
    await page.waitForSelector('#scenario');
    if (query.startsWith('lesson=')) {
      await page.locator('#lesson-question input[type=radio]').first().check();
      await page.click('#lesson-run');
      await page.click('#lesson-skip');
      await page.waitForSelector('#service-comparison');
    }
    // The scene, the request log and code blocks scroll inside their own frames; the page must not.
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 375, query);
  }
  await context.close();
});

test('copy link: "Link copied" only once the clipboard has it; a refusal is said', async () => {
  const { page, context } = await open('scenario=adder-memory&seed=5', {
    permissions: ['clipboard-read', 'clipboard-write'],
  });
  await page.click('#copy-link');
  await page.waitForFunction(() => document.querySelector('#copy-link').textContent === 'Link copied');
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), await page.evaluate(() => location.href));
  await context.close();

  const refused = await open('scenario=adder-memory&seed=5');
  await refused.page.evaluate(() => {
    navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError'));
  });
  await refused.page.click('.yaml summary');
  await refused.page.click('#copy-yaml');
  await refused.page.waitForFunction(() => document.querySelector('#notice').textContent.includes('did not let the page copy the YAML'));
  assert.equal(await text(refused.page, '#copy-yaml'), 'Copy YAML');
  await refused.context.close();
});
