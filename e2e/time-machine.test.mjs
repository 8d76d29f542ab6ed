// The time machine through the real page: scrub the timeline, step back, jump to a finding with
// its requests highlighted, act in the past to fork a branch, and replay the branch from its
// copied link to the same request log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, screenshot, text, LAB_READY, playPast, clockMs, scrubTo, moment } from './harness.mjs';

const site = useSite();
const open = site.open;

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 375, height: 667 },
]) {
  test(`scrub back and forth, step back and forward: the page shows each moment as it was (${viewport.width} px)`, async () => {
    const { page, context, foreign, errors } = await open('scenario=adder-memory&seed=3', { viewport });
    await playPast(page, 20_000);
    await page.waitForTimeout(300);
    const end = await moment(page);
    const endMs = await clockMs(page);
    const max = Number(await page.getAttribute('#timeline', 'max'));
    assert.ok(max - endMs >= 0 && max - endMs < 200, `the slider spans the run: ${max} for ${endMs}`);

    await scrubTo(page, 8_000);
    await page.waitForTimeout(100);
    const at8 = await moment(page);
    assert.equal(at8.clock, 't = 8.0 s');
    assert.equal(await text(page, '#play'), 'Play', 'scrubbing pauses');
    assert.match(await text(page, '#timeline-status'), /^Back in time at 8\.0 s of /);
    const newest = (log) => Number(log[0].match(/^#(\d+)/)[1]);
    assert.ok(newest(at8.log) < newest(end.log), 'the log is as it was at 8 s');

    // Keyboard: Home goes to the start, End back to the end, where everything is as it was.
    await page.focus('#timeline');
    await page.keyboard.press('Home');
    await page.waitForTimeout(100);
    assert.equal((await moment(page)).clock, 't = 0.0 s');
    assert.equal((await moment(page)).log.length, 0, 'nothing answered at 0 s');
    await page.keyboard.press('End');
    await page.waitForTimeout(100);
    assert.deepEqual(await moment(page), end, 'back at the end, the same moment exactly');
    assert.equal(await text(page, '#timeline-status'), '');

    // The same moment reached again from elsewhere is the same.
    await scrubTo(page, 8_000);
    await page.waitForTimeout(100);
    assert.deepEqual(await moment(page), at8);

    // One event back, one event forward: the same moment again.
    await scrubTo(page, 15_000);
    await page.waitForTimeout(100);
    await page.click('#step');
    await page.click('#step');
    const stepped = await moment(page);
    await page.click('#step-back');
    await page.click('#step-back');
    await page.click('#step');
    await page.click('#step');
    assert.deepEqual(await moment(page), stepped);

    await screenshot(page, `time-machine-past-${viewport.width}`);
    assert.deepEqual(foreign, []);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('a finding in the verdict jumps to its moment, with its requests highlighted', async () => {
  const { page, context, errors } = await open('scenario=adder-memory&seed=3', { viewport: { width: 1280, height: 800 } });
  await playPast(page, 30_000);
  const jump = page.locator('#verdict .jump').first();
  const seekMs = Number(await jump.getAttribute('data-seek'));
  const requests = (await jump.getAttribute('data-requests')).split(' ');
  assert.ok(requests.length >= 1);
  await jump.click();
  await page.waitForTimeout(200);
  assert.equal(await clockMs(page), Math.floor(seekMs / 100) * 100, 'at the moment it happened');
  const highlighted = await page.$$eval('#request-log tr.highlight', (rows) => rows.map((row) => row.id));
  const answered = requests.filter((id) => highlighted.includes(`req-${id}`));
  assert.ok(answered.length >= 1, `highlighted ${highlighted} for ${requests}`);
  assert.ok((await page.locator('#clients li.highlight').count()) >= 1, 'and in the strips');
  // The moment the finding happened holds the answer that made it: its request is in the log.
  assert.ok(highlighted.includes(`req-${requests.at(-1)}`), 'the later answer has just arrived');

  // The timeline has a mark for it, and "next/previous mark" walk the marks by keyboard.
  assert.ok((await page.locator('.marks .mark-finding').count()) >= 1);
  await page.keyboard.press('Home'); // nothing focused that takes Home: harmless
  await scrubTo(page, 0);
  await page.click('#mark-next');
  await page.waitForTimeout(100);
  const firstMarkMs = Number(await page.locator('.marks .mark').first().getAttribute('data-seek'));
  assert.equal(await clockMs(page), Math.floor(firstMarkMs / 100) * 100);
  await screenshot(page, 'time-machine-finding');
  assert.deepEqual(errors, []);
  await context.close();
});

test('acting in the past forks a branch; its copied link replays the same request log', async () => {
  const { page, context, errors } = await open('scenario=adder-memory&seed=3', { viewport: { width: 1280, height: 800 } });
  await playPast(page, 20_000);
  await scrubTo(page, 10_000);
  await page.waitForTimeout(100);
  // Scale to one pod at 10 s: the old run's next 10 s are dropped, as the page says.
  await page.fill('#replicas', '1');
  await page.click('#scale');
  await page.waitForTimeout(100);
  assert.match(await text(page, '#timeline-status'), /^A new branch starts at 10\.0 s: the old run’s next \d+\.\d s were dropped\. Press Play to run it; the page’s link now replays this branch\.$/);
  assert.equal(await page.getAttribute('#timeline', 'max'), '10000', 'the old future is gone');
  assert.equal(await clockMs(page), 10_000);
  assert.match(page.url(), /actions=10000\.n\.1/);
  assert.equal((await page.locator('.marks .mark-action').count()), 1, 'the scale is marked');
  await playPast(page, 16_000);
  await scrubTo(page, 16_000);
  await page.waitForTimeout(100);
  const branch = await moment(page);
  const link = page.url();

  const copy = await context.newPage();
  await copy.goto(link);
  await copy.waitForSelector(LAB_READY, { state: 'attached' });
  await playPast(copy, 16_000);
  await scrubTo(copy, 16_000);
  await copy.waitForTimeout(100);
  assert.deepEqual(await moment(copy), branch, 'the link replays the branch exactly');
  assert.equal(await copy.locator('#scene .pod').count(), 1);
  assert.deepEqual(errors, []);
  await context.close();
});
