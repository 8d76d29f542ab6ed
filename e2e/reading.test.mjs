// What the learner reads, not only what is there (issue 23): the scene never lies over the text
// beside or under it, a revealed step can be read on a phone with most of the screen, a link
// lands on what it opens, and no title or intro states its step's answer before the run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, screenshot, text, openApp } from './harness.mjs';

const site = useSite();
const open = site.open;

// Each step's answer in words (as the model's `ANSWER_WORDS`): none may be in what the learner
// reads before predicting, the step's title and intro.
const ANSWER_WORDS = {
  'one-server': ['20', 'for everyone', 'shared', 'one total'],
  'scale-out': ['bug', 'conflict', 'disagree', 'inconsistent'],
  'went-down': ['went down', 'goes down', 'go down', 'smaller', 'decrease'],
  'shared-volume-lock': ['fix', 'correct', 'lost', 'exactly'],
  'no-lock': ['race', 'lost', 'lose', 'overwrite'],
  'read-write-once': ['only one', 'one node at a time', 'multi-attach', 'wait'],
  emptydir: ['survive', 'lost', 'lose', 'deleted with'],
  identity: ['same name', 'comes back', 'stable', 'same volume', 'outlive'],
  headless: ['load balancing', 'picks', 'every ready pod', 'one pod'],
  misconceptions: ['mistake', 'load-balanced', 'not headless', 'wrong'],
  'three-tiers': ['one total', 'conflict', 'consistent', 'same answer'],
};
const STEPS = Object.keys(ANSWER_WORDS);
// What the story calls a step's finding: shown with the answer, never before.
const NAMED = {
  'one-server': 'Stateful: the adder\u2019s answer depends',
  'scale-out': 'The bug of scaling out a stateful program',
  'went-down': '\u201cThe total went down\u201d',
  'shared-volume-lock': 'The story\u2019s fix',
  'no-lock': 'The race: lost updates.',
  'read-write-once': 'ReadWriteOnce is one node at a time',
  emptydir: 'An emptyDir lives as long as its pod.',
  identity: 'Stable identity',
  headless: 'A headless Service does no load balancing',
  misconceptions: 'Two common mistakes',
  'three-tiers': 'Stateless adders, one stateful database',
};

/** Runs the open step to its answer. */
async function reveal(page) {
  await page.locator('#lesson-question input[type=radio]').first().check();
  await page.click('#lesson-run');
  if (await page.locator('#lesson-skip').isVisible()) await page.click('#lesson-skip');
  await page.waitForFunction(() => document.querySelector('#lesson-answer').textContent.length > 0);
  await page.waitForTimeout(200);
}

/**
 * Scrolls through the whole page; at each position, every box of text in the lessons, the
 * controls and the details that is on screen must lie clear of the stage's box. Rectangles,
 * not elementFromPoint: text painted over the scene would hit the text, not the scene.
 */
async function overlapsWhileScrolling(page, stages = '#stage', around = '.lessons *, .playground *, .lab-more *') {
  return page.evaluate(async ([stages, around]) => {
    const found = [];
    const boxes = [...document.querySelectorAll(stages)];
    const texts = [...document.querySelectorAll(around)].filter((element) =>
      !boxes.some((box) => box.contains(element)) &&
      [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent.trim()));
    const height = document.documentElement.scrollHeight;
    for (let y = 0; y <= height; y += 120) {
      window.scrollTo(0, y);
      await new Promise(requestAnimationFrame);
      for (const box of boxes) {
        const s = box.getBoundingClientRect();
        for (const element of texts) {
          const r = element.getBoundingClientRect();
          if (r.width === 0 || r.height === 0 || r.bottom < 0 || r.top > innerHeight) continue;
          const apart = r.right <= s.left || r.left >= s.right || r.bottom <= s.top || r.top >= s.bottom;
          if (!apart) found.push(`${y}: "${element.textContent.trim().slice(0, 40)}" at ${[r.left, r.top, r.right, r.bottom].map(Math.round)} vs ${stages} ${[s.left, s.top, s.right, s.bottom].map(Math.round)}`);
        }
      }
    }
    return found.slice(0, 5);
  }, [stages, around]);
}

for (const theme of ['light', 'dark']) {
  test(`compare page, ${theme}: no text of the page under a lane's scene at any scroll position, at 1280 and 375 px`, async () => {
    for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 667 }]) {
      const url = `${site.server.url}compare/?compare=adder-memory.shared-volume-lock.statefulset-headless&seed=3&theme=${theme}`;
      const { page, context, errors } = await openApp(site.browser, url, { viewport, ready: '.lane-scene' });
      await page.locator('.lane-scene .pod').first().waitFor();
      await page.waitForTimeout(1_000);
      assert.deepEqual(await overlapsWhileScrolling(page, '.lane-scene', 'main *'), [], `${viewport.width}`);
      assert.deepEqual(errors, []);
      await context.close();
    }
  });

  test(`1280x800, ${theme}: no text of the lessons, controls or details under the scene at any scroll position`, async () => {
    for (const query of [`scenario=adder-memory&seed=1&theme=${theme}`, `lesson=went-down&theme=${theme}`]) {
      const { page, context, errors } = await open(query, { viewport: { width: 1280, height: 800 } });
      if (query.startsWith('lesson')) await reveal(page);
      else await page.waitForTimeout(2_000); // a running scene, with rows in the log
      assert.deepEqual(await overlapsWhileScrolling(page), [], query);
      await page.evaluate(() => document.querySelector('#details-title').scrollIntoView());
      await screenshot(page, `reading-details-1280-${theme}-${query.split('=')[0]}`);
      assert.deepEqual(errors, []);
      await context.close();
    }
  });

  test(`375x667, ${theme}: after each step's reveal, its first lines are on screen and uncovered, with at least 60% of the screen to read`, async () => {
    const { page, context, errors } = await open(`lesson=one-server&theme=${theme}`, { viewport: { width: 375, height: 667 } });
    for (const [index, id] of STEPS.entries()) {
      await page.waitForTimeout(150);
      await reveal(page);
      const seen = await page.evaluate(() => {
        const first = document.querySelector('#lesson-answer p');
        const box = first.getBoundingClientRect();
        const hits = [[box.left + 4, box.top + 4], [box.right - 4, box.bottom - 4]].map(([x, y]) => {
          const hit = document.elementFromPoint(x, y);
          return hit !== null && (hit === first || first.contains(hit));
        });
        const stage = document.querySelector('#stage').getBoundingClientRect();
        const covered = Math.max(0, Math.min(innerHeight, stage.bottom) - Math.max(0, stage.top));
        return {
          inside: box.top >= 0 && box.bottom <= innerHeight,
          uncovered: hits.every(Boolean),
          readingShare: (innerHeight - covered) / innerHeight,
        };
      });
      assert.ok(seen.inside && seen.uncovered, `${id}: the answer's first line: ${JSON.stringify(seen)}`);
      assert.ok(seen.readingShare >= 0.6, `${id}: ${Math.round(seen.readingShare * 100)}% of the screen left to read`);
      if (index === 0) await screenshot(page, `reading-revealed-375-${theme}`);
      // The scene comes back on request, and folds again for reading.
      if (index === 0) {
        await page.click('#stage-toggle');
        assert.equal(await page.locator('#stage-toggle').innerText(), '\u25BC Hide the scene');
        assert.ok(await page.isVisible('#scene'));
        await page.click('#stage-toggle');
        assert.equal(await page.isVisible('#scene'), false);
        assert.equal(await page.locator('#stage-toggle').innerText(), '\u25B2 Show the scene');
      }
      if (index + 1 < STEPS.length) await page.click('#lesson-next');
    }
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('no step title or intro contains its answer before the reveal; the story names it after', async () => {
  const { page, context, errors } = await open('lesson=one-server', { viewport: { width: 1280, height: 800 } });
  for (const [index, id] of STEPS.entries()) {
    assert.equal(await page.getAttribute('.lesson-step[aria-current]', 'data-lesson'), id);
    const before = `${await text(page, '#lesson-title')} ${await text(page, '#lesson-text')}`.toLowerCase();
    for (const word of ANSWER_WORDS[id]) assert.ok(!before.includes(word), `${id}: "${word}" in ${before}`);
    assert.ok(!(await page.evaluate(() => document.body.innerText)).includes(NAMED[id]), `${id}: named only after the reveal`);
    await reveal(page);
    assert.ok((await text(page, '#lesson-answer')).includes(NAMED[id]), `${id}: the story's name comes with the answer`);
    if (index + 1 < STEPS.length) await page.click('#lesson-next');
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test('a link lands on what it opens: a playground run, a broken link\'s notice', async () => {
  for (const [query, selector] of [
    ['scenario=statefulset-headless&seed=2&actions=3000.d.adder-1&v=1', '#playground-title'],
    ['scenario=bogus&seed=1', '#link-problems'],
    ['lesson=nope', '#lesson-problems'],
  ]) {
    for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 667 }]) {
      const { page, context } = await open(query, { viewport });
      await page.waitForTimeout(500);
      const top = await page.$eval(selector, (element) => element.getBoundingClientRect().top);
      assert.ok(top >= -1 && top < viewport.height / 3, `${query} at ${viewport.width}: ${selector} at ${Math.round(top)} px`);
      await context.close();
    }
  }
});

test('keyboard: the timeline comes right after the open step, before the many controls', async () => {
  const { page, context } = await open('lesson=scale-out', { viewport: { width: 1280, height: 800 } });
  await page.focus('#lesson-close');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'timeline');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'play');
  await context.close();
});

test('after acting in the past, Play is under the scene and the note says to press it', async () => {
  const { page, context, errors } = await open('scenario=adder-memory&seed=1', { viewport: { width: 375, height: 667 } });
  await page.waitForTimeout(3_000);
  await page.fill('#timeline', '1000');
  await page.dispatchEvent('#timeline', 'input');
  await page.fill('#replicas', '1');
  await page.click('#scale');
  assert.match(await text(page, '#timeline-status'), /Press Play to run it/);
  const play = await page.$eval('#play', (element) => {
    const box = element.getBoundingClientRect();
    return { onScreen: box.top >= 0 && box.bottom <= innerHeight, label: element.textContent };
  });
  assert.deepEqual(play, { onScreen: true, label: 'Play' });
  await page.click('#play');
  await page.waitForTimeout(500);
  assert.equal(await page.getAttribute('#play', 'aria-pressed'), 'true');
  assert.deepEqual(errors, []);
  await context.close();
});
