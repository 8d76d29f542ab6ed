// The learner's screen: for every lesson step, at a laptop's and a phone's size, the question,
// the Run button and the scene are on screen together after opening the step and while it runs;
// and nothing on the page gives the answer away before the reveal.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, screenshot, text } from './harness.mjs';

const site = useSite();
const open = site.open;
const STEPS = 11;

/** Sentences or phrases that would state a step's answer (what earlier versions showed). */
const TELLS = {
  'one-server': [/then 10, then 15/, /500 cm however often/],
  'scale-out': [/told conflicting totals/, /each pod adds to the total in its own memory/i],
  'went-down': [/a total can go down/, /answered from that smaller total/],
  'shared-volume-lock': [/every total is right/, /No add is lost/],
  'no-lock': [/add is lost/, /no further losses/],
  'read-write-once': [/wait in ContainerCreating/, /wait for the volume too/],
  emptydir: [/delete the pod and it is gone/],
  identity: [/returns with its name/],
  headless: [/No load balancing/, /see every request land there/],
  misconceptions: [/resolving to one virtual IP/],
  'three-tiers': [/any adder pod gives the right answer/],
};

/** Is the element wholly inside the viewport, and not covered by another (the sticky scene)? */
async function onScreen(page, selector) {
  return page.$eval(selector, (element) => {
    const box = element.getBoundingClientRect();
    const inside = box.top >= 0 && box.left >= 0 && box.bottom <= innerHeight && box.right <= innerWidth;
    // Sample the element's corners (inset) and centre: each must hit the element itself.
    const points = [
      [box.left + 4, box.top + 4],
      [box.right - 4, box.top + 4],
      [box.left + 4, box.bottom - 4],
      [box.right - 4, box.bottom - 4],
      [(box.left + box.right) / 2, (box.top + box.bottom) / 2],
    ];
    const uncovered = points.every(([x, y]) => {
      const hit = document.elementFromPoint(x, y);
      return hit !== null && (hit === element || element.contains(hit) || hit.contains(element));
    });
    return { inside, uncovered, box: [box.left, box.top, box.right, box.bottom].map(Math.round) };
  });
}

async function assertTogether(page, when) {
  for (const selector of ['#lesson-question', '#lesson-run', '#scene']) {
    const seen = await onScreen(page, selector);
    assert.ok(seen.inside && seen.uncovered, `${when}: ${selector} is not wholly on screen: ${JSON.stringify(seen)}`);
  }
}

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 375, height: 667 },
]) {
  test(`every step: question, Run button and scene on screen together, opened and running (${viewport.width}x${viewport.height})`, async () => {
    const { page, context, errors } = await open('', { viewport });
    await page.click('#lesson-start');
    for (let index = 0; index < STEPS; index++) {
      await page.waitForTimeout(150); // the step scrolls itself into view on the next frame
      const id = await page.getAttribute('.lesson-step[aria-current]', 'data-lesson');
      await assertTogether(page, `${id} opened`);
      await page.locator('#lesson-question input[type=radio]').first().check();
      await page.click('#lesson-run');
      await page.waitForTimeout(300);
      if (await page.locator('#lesson-skip').isVisible()) {
        await assertTogether(page, `${id} running`);
        if (index === 1) await screenshot(page, `screen-running-${viewport.width}`);
        await page.click('#lesson-skip');
      }
      await page.waitForFunction(() => document.querySelector('#lesson-answer').textContent.length > 0);
      if (index + 1 < STEPS) await page.click('#lesson-next');
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('no step shows its answer before the reveal; after it, the answer and "try next" are there', async () => {
  const { page, context, errors } = await open('lesson=one-server', { viewport: { width: 1280, height: 800 } });
  for (let index = 0; index < STEPS; index++) {
    const id = await page.getAttribute('.lesson-step[aria-current]', 'data-lesson');
    const before = await page.evaluate(() => document.body.innerText);
    assert.doesNotMatch(before, /The run shows:/, id);
    assert.doesNotMatch(before, /Try next:/, `${id}: "try next" builds on the answer`);
    assert.doesNotMatch(before, /No anomalies so far/, `${id}: no verdict on a scene that has not run`);
    for (const tell of TELLS[id]) assert.doesNotMatch(before, tell, `${id} shows ${tell} before the reveal`);

    await page.locator('#lesson-question input[type=radio]').first().check();
    await page.click('#lesson-run');
    if (await page.locator('#lesson-skip').isVisible()) await page.click('#lesson-skip');
    await page.waitForFunction(() => document.querySelector('#lesson-answer').textContent.length > 0);
    const answer = await text(page, '#lesson-answer');
    assert.match(answer, /^The run shows: /);
    assert.match(answer, /Try next: /);
    // No sentence of the revealed answer was on the page before it.
    const sentences = answer
      .replace(/^The run shows: [^.]*\. You predicted [^.]*\./, '')
      .split(/(?<=[.?!])\s+|Try next: /)
      .map((sentence) => sentence.trim())
      .filter((sentence) => sentence.length > 30);
    assert.ok(sentences.length >= 1, id);
    for (const sentence of sentences) assert.ok(!before.includes(sentence), `${id}: "${sentence}" was shown before the reveal`);
    if (index === 2) await screenshot(page, 'screen-revealed-went-down');
    if (index + 1 < STEPS) await page.click('#lesson-next');
  }
  // The one-server cards explain themselves only once tried.
  assert.doesNotMatch(await page.evaluate(() => document.body.innerText), /Stateful: the adder remembers/);
  for (let call = 0; call < 3; call++) await page.click('#adder-add');
  assert.match(await page.evaluate(() => document.body.innerText), /Stateful: the adder remembers/);
  assert.deepEqual(errors, []);
  await context.close();
});

test('after the reveal, "watch the total go down" goes back to the first went-down finding, its requests highlighted', async () => {
  const { page, context, errors } = await open('lesson=went-down', { viewport: { width: 1280, height: 800 } });
  await page.locator('#lesson-question input[type=radio]').first().check();
  await page.click('#lesson-run');
  await page.click('#lesson-skip');
  await page.waitForSelector('#lesson-jump');
  assert.match(await text(page, '#lesson-jump'), /^Watch the total go down, at \d+\.\d s$/);
  await page.click('#lesson-jump');
  await page.waitForTimeout(150);
  const [, seconds] = (await text(page, '#lesson-jump')).match(/at (\d+\.\d) s/);
  assert.equal(await text(page, '.clock'), `t = ${seconds} s`);
  assert.ok((await page.locator('#request-log tr.highlight').count()) >= 1);
  assert.match(await text(page, '#timeline-status'), /^Back in time at /);
  // The finding it went back to is the one the question is about: a total that went down.
  const marked = await page.evaluate((at) => [...document.querySelectorAll('#verdict li')]
    .filter((li) => li.querySelector(`button[data-seek]`)?.textContent.endsWith(`at ${at} s`))
    .map((li) => li.dataset.kind), seconds);
  assert.ok(marked.includes('went down'), `findings at ${seconds} s: ${marked}`);
  assert.deepEqual(errors, []);
  await context.close();
});
