// The lesson track in the release build: every step loads its scene and its question is
// answered by running it; progress survives a reload, in localStorage or (without it) the URL.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, screenshot, text } from './harness.mjs';

const site = useSite();
const open = site.open;

// Each step: its id, the playground scenario it loads, and what the source story says the run shows.
const STEPS = [
  ['one-server', 'one-server', '20'],
  ['scale-out', 'adder-memory', 'No'],
  ['went-down', 'adder-memory', 'Yes'],
  ['shared-volume-lock', 'shared-volume-lock', 'Yes'],
  ['no-lock', 'shared-volume-no-lock', 'Yes'],
  ['read-write-once', 'shared-volume-rwo', 'Only the pod on one node; the others wait'],
  ['emptydir', 'adder-emptydir', 'When the pod is deleted'],
  ['identity', 'statefulset-headless', 'adder-1, with its claim data-adder-1 and its total'],
  ['headless', 'statefulset-headless', 'No: she picks among all ready pods'],
  ['misconceptions', 'adder-memory', 'No: it is a load-balanced ClusterIP Service'],
  ['three-tiers', 'three-tier', 'No'],
];

/** Picks the first choice, runs the open step (skipping ahead unless `watch`), returns the answer. */
async function answer(page, { watch = false } = {}) {
  await page.locator('#lesson-question input[type=radio]').first().check();
  await page.click('#lesson-run');
  if (!watch && (await page.locator('#lesson-skip').isVisible())) await page.click('#lesson-skip');
  await page.waitForFunction(() => document.querySelector('#lesson-answer').textContent.length > 0, null, {
    timeout: 30_000,
  });
  return text(page, '#lesson-answer');
}

test('every step loads its scene, and running it answers its question', async () => {
  const { page, context, foreign, errors } = await open('');
  assert.equal(await text(page, '#lesson-start'), 'Start with step 1: One server: stateful and stateless');
  await page.click('#lesson-start');
  for (const [index, [id, scenario, shown]] of STEPS.entries()) {
    assert.match(await text(page, '#lesson-title'), new RegExp(`^Step ${index + 1} of 12: `));
    assert.equal(await page.getAttribute(`[data-lesson="${id}"]`, 'aria-current'), 'step');
    assert.equal(await page.inputValue('#scenario'), scenario, `${id} loads its scene`);
    assert.match(await text(page, '.clock'), /t = 0\.0 s/, `${id} starts paused at its beginning`);
    // Predicting first is the point: running without a choice is refused with a message.
    await page.click('#lesson-run');
    assert.match(await text(page, '#lesson-notice'), /Choose an answer first/);
    // The first step is watched at its own pace; the rest skip ahead to the answer.
    const revealed = await answer(page, { watch: index === 0 });
    assert.ok(revealed.startsWith(`The run shows: ${shown}.`), `${id}: ${revealed}`);
    if (id === 'misconceptions') {
      // The step's scene really ran in the playground, as its answer says.
      assert.match(await text(page, '.clock'), /t = 60\.0 s/);
      assert.match(revealed, /ran this scene for 60 s/);
      assert.ok((await page.locator('#request-log tbody tr').count()) > 5, 'the log shows the run');
      assert.equal(await page.locator('#service-comparison .comparison-side').count(), 2);
      await screenshot(page, 'lesson-misconceptions', '#lessons');
    }
    assert.match(await text(page, '#lesson-progress'), new RegExp(`^${index + 1} of 12 steps done`));
    assert.match(page.url(), new RegExp(`[?&]lesson=${id}(&|$)`));
    if (index + 1 < STEPS.length) await page.click('#lesson-next');
  }
  // The last step here leads to the closing step, on the compare page.
  assert.equal(await text(page, '#lesson-next'), 'Next step: 12. Compare them all');
  assert.match(await page.getAttribute('#lesson-next', 'href'), /^compare\/\?compare=.*&lesson=compare-all$/);
  assert.equal(await page.locator('.lesson-step.done').count(), 11, 'every step is ticked');
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the first step really plays: the run moves the clock until the answer', async () => {
  const { page, context } = await open('lesson=one-server');
  await page.locator('#lesson-question input[type=radio]').nth(1).check();
  await page.click('#lesson-run');
  await page.waitForFunction(() => /Running the scene: [1-9]/.test(document.querySelector('#lesson-status').textContent));
  assert.equal(await text(page, '#play'), 'Pause', 'the playground is playing the scene');
  await page.waitForFunction(() => document.querySelector('#lesson-answer').textContent.length > 0, null, { timeout: 20_000 });
  assert.match(await text(page, '#lesson-answer'), /^The run shows: 20\. You predicted that\./);
  assert.match(await text(page, '.clock'), /t = 10\.0 s/, 'paused exactly at the question\u2019s time');
  assert.equal(await text(page, '#play'), 'Play');
  await screenshot(page, 'lesson-one-server', '#lessons');
  await context.close();
});

test('progress survives a reload, and a fresh visit offers to continue', async () => {
  const { page, context } = await open('');
  await page.click('#lesson-start');
  await answer(page);
  await page.click('#lesson-next');
  await answer(page);
  assert.match(page.url(), /lesson=scale-out/);
  assert.doesNotMatch(page.url(), /done=/, 'with localStorage, progress stays out of the link');
  await page.reload();
  await page.waitForSelector('#lesson-title');
  assert.match(await text(page, '#lesson-progress'), /^2 of 12 steps done/);
  assert.match(await text(page, '#lesson-title'), /^Step 2 of 12/);
  // A visit without a lesson in the link: the list keeps its ticks and offers the next step.
  await page.goto(site.server.url);
  await page.waitForSelector('#lesson-start');
  assert.match(await text(page, '#lesson-progress'), /^2 of 12 steps done/);
  assert.match(await text(page, '#lesson-start'), /^Continue with step 3: Same Deployment, a longer run$/);
  // Forgetting asks first; keeping them keeps them.
  let asked = '';
  page.once('dialog', (dialog) => { asked = dialog.message(); dialog.dismiss(); });
  await page.click('#lesson-forget');
  assert.equal(asked, 'Forget the 2 steps done? This cannot be undone.');
  assert.match(await text(page, '#lesson-progress'), /^2 of 12 steps done/);
  page.once('dialog', (dialog) => dialog.accept());
  await page.click('#lesson-forget');
  assert.match(await text(page, '#lesson-progress'), /^0 of 12 steps done/);
  await context.close();
});

test('without localStorage, progress is kept in the URL', async () => {
  const context = await site.browser.newContext();
  await context.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('The operation is insecure.', 'SecurityError');
      },
    });
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${site.server.url}?lesson=no-lock`);
  await page.waitForSelector('#lesson-title');
  await answer(page);
  assert.match(page.url(), /[?&]lesson=no-lock&done=no-lock(&|$)/);
  await page.reload();
  await page.waitForSelector('#lesson-title');
  assert.match(await text(page, '#lesson-progress'), /^1 of 12 steps done/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('reduced motion: the run jumps straight to the answer', async () => {
  const { page, context } = await open('lesson=three-tiers', { reducedMotion: 'reduce' });
  await page.locator('#lesson-question input[type=radio]').nth(1).check();
  await page.click('#lesson-run');
  assert.match(await text(page, '#lesson-answer'), /^The run shows: No\. You predicted that\./);
  assert.equal(await page.isVisible('#lesson-skip'), false, 'nothing to skip');
  assert.equal(await text(page, '#play'), 'Play');
  await context.close();
});

test('embed with &lesson= shows that one step, themed, without the track', async () => {
  const { page, context, errors } = await open('embed=1&lesson=headless&theme=dark', { colorScheme: 'light' });
  await page.waitForSelector('#lesson-title');
  assert.equal(await page.isVisible('#lesson-title'), true);
  assert.equal(await page.isVisible('.lesson-list'), false);
  assert.equal(await page.isVisible('.site-header'), false);
  assert.equal(await page.inputValue('#scenario'), 'statefulset-headless');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, 'rgb(15, 18, 24)');
  const entries = await page.evaluate(() => history.length);
  await answer(page);
  assert.equal(await page.evaluate(() => history.length), entries, 'no history entries');
  assert.match(page.url(), /^[^?]*\?embed=1&theme=dark&lesson=headless&scenario=statefulset-headless/);
  await screenshot(page, 'embed-lesson');
  assert.deepEqual(errors, []);
  await context.close();
});

test('keyboard only: open, predict, run, and focus follows the step', async () => {
  const { page, context } = await open('', { reducedMotion: 'reduce' });
  const focused = () => page.evaluate(() => document.activeElement?.id ?? '');
  // Focus moves on the next frame, once the step has rendered.
  const focusMovesTo = (id) => page.waitForFunction((i) => document.activeElement?.id === i, id, { timeout: 5_000 });
  await page.focus('#lesson-start');
  await page.keyboard.press('Enter');
  await focusMovesTo('lesson-title');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'choice-0-0', 'the choices come next');
  await page.keyboard.press('ArrowDown');
  assert.equal(await focused(), 'choice-0-1');
  assert.equal(await page.isChecked('#choice-0-1'), true, 'arrow keys choose, as in any radio group');
  await page.keyboard.press('Tab');
  assert.equal(await focused(), 'lesson-run');
  await page.keyboard.press('Enter');
  await focusMovesTo('lesson-answer');
  assert.match(await text(page, '#lesson-answer'), /^The run shows: 20\. You predicted that\./);
  await context.close();
});

test('a broken lesson link is explained and the page still works', async () => {
  const { page, context, errors } = await open('lesson=nope&done=one-server.bogus');
  assert.match(await text(page, '#lesson-problems'), /There is no lesson \u201cnope\u201d/);
  assert.match(await text(page, '#lesson-problems'), /\u201cbogus\u201d/);
  assert.match(await text(page, '#lesson-progress'), /^1 of 12 steps done/);
  assert.equal(await page.inputValue('#scenario'), 'adder-memory');
  await page.click('#lesson-start');
  assert.match(await text(page, '#lesson-title'), /^Step 2 of 12/);
  // The step navigation: back one step, then out of the lessons.
  await page.click('#lesson-prev');
  assert.match(await text(page, '#lesson-title'), /^Step 1 of 12/);
  assert.equal(await page.inputValue('#scenario'), 'one-server');
  await page.click('#lesson-close');
  assert.equal(await page.locator('#lesson').count(), 0);
  assert.equal(await page.isVisible('#lesson-start'), true);
  assert.doesNotMatch(page.url(), /lesson=/);
  assert.deepEqual(errors, []);
  await context.close();
});
