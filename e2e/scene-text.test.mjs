// The scene's text as the learner reads it (issue 23): laid out for its box, so at 1280 px no
// text is under 11 px and at 375 px none under 10 px, in the playground's every scenario and
// in the compare page's lanes, in both themes; no line runs out of its box (a long pod name is
// shortened, its full name on hover); a request waiting at the DNS name never sits on its text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, screenshot, openApp } from './harness.mjs';

const site = useSite();

const SCENARIOS = ['one-server', 'converter-deployment', 'adder-memory', 'adder-emptydir', 'shared-volume-lock',
  'shared-volume-no-lock', 'shared-volume-rwo', 'statefulset-headless', 'three-tier'];
const SIZES = [{ width: 1280, height: 800, min: 11 }, { width: 375, height: 667, min: 10 }];

/**
 * Every non-empty text of the scenes matching `selector`: its drawn size in CSS px (font size
 * times the SVG's scale) and whether it runs out of the box (the rect) of its group.
 */
function measureTexts(page, selector) {
  return page.evaluate((selector) => {
    const texts = [];
    for (const svg of document.querySelectorAll(selector)) {
      const scale = svg.getScreenCTM().a;
      for (const text of svg.querySelectorAll('text')) {
        if (!text.textContent.trim()) continue;
        const px = parseFloat(getComputedStyle(text).fontSize) * scale;
        const rect = text.closest('g')?.querySelector(':scope > rect');
        let outside = false;
        if (rect) {
          const a = text.getBBox();
          const b = rect.getBBox();
          outside = a.x < b.x - 0.5 || a.x + a.width > b.x + b.width + 0.5 || a.y < b.y - 0.5 || a.y + a.height > b.y + b.height + 0.5;
        }
        texts.push({ px: Math.round(px * 10) / 10, text: text.textContent, outside });
      }
    }
    return texts;
  }, selector);
}

function check(texts, min, where) {
  assert.ok(texts.length > 5, `${where}: ${texts.length} texts`);
  const small = texts.filter((t) => t.px < min - 0.05);
  assert.deepEqual(small, [], `${where}: text under ${min} px`);
  const outside = texts.filter((t) => t.outside);
  assert.deepEqual(outside, [], `${where}: text out of its box`);
}

for (const theme of ['light', 'dark']) {
  for (const { width, height, min } of SIZES) {
    test(`${width}x${height}, ${theme}: the scene's text is at least ${min} px and inside its boxes, in every scenario`, async () => {
      for (const scenario of SCENARIOS) {
        const { page, context, errors } = await site.open(`scenario=${scenario}&seed=1&theme=${theme}`, { viewport: { width, height } });
        await page.locator('#scene .pod').first().waitFor();
        await page.waitForTimeout(1_500); // requests in flight, markers with labels
        check(await measureTexts(page, '#scene'), min, scenario);
        if (scenario === 'shared-volume-rwo' || scenario === 'statefulset-headless') {
          await screenshot(page, `scene-text-${scenario}-${width}-${theme}`, '#scene');
        }
        assert.deepEqual(errors, [], scenario);
        await context.close();
      }
    });

    test(`${width}x${height}, ${theme}: the compare page's lanes draw text at least ${min} px, inside its boxes`, async () => {
      const url = `${site.server.url}compare/?compare=adder-memory.shared-volume-rwo.statefulset-headless&seed=3&theme=${theme}`;
      const { page, context, errors } = await openApp(site.browser, url, { viewport: { width, height }, ready: '.lane-scene' });
      await page.locator('.lane-scene .pod').first().waitFor();
      await page.waitForTimeout(1_500);
      check(await measureTexts(page, '.lane-scene'), min, 'compare');
      await screenshot(page, `scene-text-compare-${width}-${theme}`, '.lanes');
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}

test('a generated pod name too long for its box is shortened, its full name on hover', async () => {
  const { page, context, errors } = await site.open('scenario=converter-deployment&seed=1', { viewport: { width: 375, height: 667 } });
  await page.locator('#scene .pod').first().waitFor();
  const pods = await page.$$eval('#scene .pod', (groups) => groups.map((g) => ({
    name: g.getAttribute('data-pod'),
    shown: g.querySelector('.pod-name').textContent,
    title: g.querySelector('title').textContent,
  })));
  assert.equal(pods.length, 3);
  for (const pod of pods) {
    assert.match(pod.name, /^converter-[a-z0-9]+-[a-z0-9]{5}$/);
    const suffix = pod.name.split('-').pop();
    assert.ok(pod.shown.includes('\u2026') && pod.shown.endsWith(`-${suffix}`), JSON.stringify(pod));
    assert.ok(pod.title.startsWith(`${pod.name}: `), JSON.stringify(pod));
  }
  // The details keep the full names.
  await page.locator('#details-title').scrollIntoViewIfNeeded();
  const details = await page.locator('.lab-more').textContent();
  for (const pod of pods) assert.ok(details.includes(pod.name), pod.name);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a DNS lookup's marker waits beside the headless Service, never on its text", async () => {
  for (const { width, height } of SIZES) {
    const { page, context, errors } = await site.open('scenario=statefulset-headless&seed=2', { viewport: { width, height } });
    await page.locator('#scene .pod-ready').first().waitFor({ timeout: 20_000 });
    const covering = [];
    for (let sample = 0; sample < 30; sample++) {
      covering.push(...await page.evaluate(() => {
        const boxes = [...document.querySelectorAll('#scene [data-service] text')].map((t) => [t.textContent, t.getBBox()]);
        const found = [];
        for (const marker of document.querySelectorAll('#scene .marker')) {
          for (const part of marker.children) {
            const a = part.getBBox();
            for (const [text, b] of boxes) {
              if (a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height) {
                found.push(`${marker.textContent} over "${text}"`);
              }
            }
          }
        }
        return found;
      }));
      await page.waitForTimeout(100);
    }
    assert.deepEqual(covering, [], `${width}px`);
    assert.deepEqual(errors, []);
    await context.close();
  }
});
