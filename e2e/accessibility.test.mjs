// axe-core (WCAG 2.x A and AA rules) on the states a learner passes through: the first screen, a
// lesson running, the playground back in time with a finding's requests highlighted, after a
// fork, on a phone and in the dark theme. Any violation fails, listed with where it is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { useSite } from './harness.mjs';

const site = useSite();
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

async function violations(page) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() =>
    window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }),
  );
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(', ')}`);
}

for (const [name, query, viewport] of [
  ['first screen, 1280', '', { width: 1280, height: 800 }],
  ['phone, dark theme', 'theme=dark', { width: 375, height: 667 }],
]) {
  test(`no WCAG A/AA violations: ${name}`, async () => {
    const { page, context, errors } = await site.open(query, { viewport });
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('no WCAG A/AA violations: a lesson running, then back in time at its first anomaly, then a fork', async () => {
  const { page, context, errors } = await site.open('lesson=went-down', { viewport: { width: 1280, height: 800 } });
  await page.locator('#lesson-question input[type=radio]').first().check();
  await page.click('#lesson-run');
  await page.waitForTimeout(1_000);
  assert.deepEqual(await violations(page), [], 'running');
  await page.click('#lesson-skip');
  await page.click('#lesson-jump');
  await page.waitForTimeout(200);
  assert.deepEqual(await violations(page), [], 'back in time, requests highlighted');
  await page.fill('#replicas', '1');
  await page.click('#scale');
  await page.waitForTimeout(200);
  assert.deepEqual(await violations(page), [], 'after a fork');
  assert.deepEqual(errors, []);
  await context.close();
});

for (const [name, viewport, theme] of [
  ['1280', { width: 1280, height: 900 }, ''],
  ['phone, dark theme', { width: 375, height: 667 }, '&theme=dark'],
]) {
  test(`no WCAG A/AA violations on the compare page (${name}): the closing step revealed, back in time, a fork`, async () => {
    const context = await site.browser.newContext({ viewport, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(`${site.server.url}compare/?compare=adder-memory.shared-volume-lock.statefulset-headless&seed=3&lesson=compare-all${theme}`);
    await page.waitForSelector('#compare-lesson');
    assert.deepEqual(await violations(page), [], 'before the run');
    await page.check('#compare-lesson-question input[value="2"]');
    await page.click('#compare-lesson-run');
    await page.click('#compare-lesson-skip');
    await page.waitForSelector('#compare-lesson-answer p');
    for (const summary of await page.locator('.lane-log summary').all()) await summary.click();
    await page.waitForTimeout(200);
    assert.deepEqual(await violations(page), [], 'revealed, request logs open');
    await page.click('#compare-mark-previous');
    await page.click('.lane[data-lane="0"] .lane-fail');
    await page.waitForTimeout(200);
    assert.deepEqual(await violations(page), [], 'back in time, then a fork');
    await context.close();
  });
}
