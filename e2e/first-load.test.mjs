// The first load: every file is fetched once (the favicon used to be fetched twice, because the
// app rewrote the address at start and Chromium looks for the icon again), the bare address is
// kept until the learner changes something, nothing else is requested after the start, and the
// console stays silent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, LIVE } from './harness.mjs';

const site = useSite();

test('the first load fetches each file once and keeps the bare address', async () => {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  const requested = [];
  const messages = [];
  page.on('request', (request) => requested.push(new URL(request.url()).pathname));
  page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
  await page.goto(site.server.url);
  await page.waitForSelector(LIVE, { state: 'attached' });
  await page.waitForTimeout(2_000);
  const counts = [...new Set(requested)].map((path) => [path, requested.filter((other) => other === path).length]);
  assert.deepEqual(counts.filter(([, count]) => count > 1), [], `fetched more than once: ${JSON.stringify(counts)}`);
  assert.equal(requested.filter((path) => /favicon-[0-9a-f]+\.svg$/.test(path)).length, 1, 'the favicon, once');
  assert.deepEqual(
    requested.map((path) => path.replace(/-[0-9a-f]{8,16}(?=[._])/, '-<hash>')).sort(),
    ['/course/adder-lab/', '/course/adder-lab/adder-lab-<hash>.js', '/course/adder-lab/adder-lab-<hash>_bg.wasm', '/course/adder-lab/favicon-<hash>.svg', '/course/adder-lab/main-<hash>.css'],
    'the page, its glue, its wasm, its icon and its style: nothing else',
  );
  assert.equal(page.url(), site.server.url, 'the bare address is kept');
  // The pre-rendered first screen paints before the app's files are asked for (Trunk.toml's
  // loader), so they do not compete with the CSS on a slow network.
  const [paintMs, wasmMs, glueMs] = await page.evaluate(() => [
    // When the main thread painted it (`startTime` is when the frame reached the screen, later).
    performance.getEntriesByName('first-contentful-paint')[0].paintTime,
    performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('_bg.wasm')).startTime,
    performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('.js')).startTime,
  ]);
  assert.ok(paintMs <= wasmMs && paintMs <= glueMs, `painted at ${paintMs} ms, wasm asked for at ${wasmMs} ms, glue at ${glueMs} ms`);
  // No warning either (Chromium used to warn that it ignores `integrity` on the wasm's preload).
  assert.deepEqual(messages, []);
  // The first change writes the page's link.
  await page.selectOption('#scenario', 'shared-volume-lock');
  await page.waitForFunction(() => location.search.includes('scenario=shared-volume-lock'));
  await context.close();
});
