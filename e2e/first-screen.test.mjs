// The first screen is in index.html (pre-rendered from the app's own components): it paints
// before the wasm has arrived, reads as a document without JavaScript, and the live page takes
// its place without anything on it moving, keeping what the learner typed meanwhile.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, LIVE, screenshot } from './harness.mjs';

const site = useSite();

/** Every element of the header and the one-server section: what it says and where it is. */
const firstScreen = (page) =>
  page.$$eval('.site-header, .site-header *, #main > .scene, #main > .scene *', (elements) =>
    elements.map((element) => {
      const rect = element.getBoundingClientRect();
      const style = getComputedStyle(element);
      return [
        element.tagName,
        element.id,
        element.getAttribute('class') ?? '',
        element.childElementCount === 0 ? element.textContent : '',
        [rect.x, rect.y, rect.width, rect.height].map(Math.round).join(','),
        `${style.color} ${style.backgroundColor} ${style.fontSize} ${style.display}`,
      ].join(' | ');
    }),
  );

for (const width of [1280, 375]) {
  test(`at ${width} px the first screen paints before the wasm and the live page replaces it in place`, async () => {
    const context = await site.browser.newContext({ viewport: { width, height: 800 } });
    const page = await context.newPage();
    // Hold the wasm back until the pre-rendered screen has been looked at and typed into.
    let release;
    const held = new Promise((resolve) => (release = resolve));
    await page.route('**/*_bg.wasm', async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(site.server.url);
    await page.waitForSelector('#adder-title');
    assert.equal(await page.$('html[data-live]'), null, 'the wasm has not run');
    assert.equal(await page.isVisible('#adder-title'), true);
    assert.match(await page.innerText('.card.stateful'), /Add the same number three times\. What comes back each time\?/);
    assert.doesNotMatch(await page.innerText('#main'), /Stateful: the adder remembers/, 'the answer waits for three calls');
    await screenshot(page, `first-screen-static-${width}`);
    const before = await firstScreen(page);
    assert.ok(before.length > 40, `${before.length} elements`);

    // A learner who starts before the wasm: Enter must not reload the page.
    await page.evaluate(() => (window.sameDocument = true));
    await page.fill('#adder-input', '7');
    await page.press('#adder-input', 'Enter');
    assert.equal(await page.evaluate(() => window.sameDocument), true, 'no reload');
    assert.equal(await page.inputValue('#adder-input'), '7');

    release();
    await page.waitForSelector(LIVE, { state: 'attached' });
    await page.waitForSelector('#lessons');
    assert.deepEqual(await firstScreen(page), before, 'the live first screen is the pre-rendered one, in place');
    assert.equal(await page.$$eval('.site-header', (headers) => headers.length), 1, 'replaced, not added');
    await screenshot(page, `first-screen-live-${width}`);
    // What was typed and where the keyboard was carry over; the live adder takes it from there.
    assert.equal(await page.inputValue('#adder-input'), '7');
    assert.equal(await page.evaluate(() => document.activeElement.id), 'adder-input');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('#adder-total').textContent === '7');
    await context.close();
  });
}

test('without JavaScript the page is a document: the first screen, and a note on what needs JavaScript', async () => {
  const context = await site.browser.newContext({ viewport: { width: 375, height: 800 }, javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(site.server.url);
  const shown = await page.innerText('body');
  assert.match(shown, /^The lessons, the playground and the two programs below run in your browser with JavaScript/);
  assert.match(shown, /Adder Lab\n+Why a program that remembers things/);
  assert.match(shown, /function addAndReturnTotal\(number\)/);
  assert.match(shown, /function convertMetersToCentimeters\(meters\)/);
  assert.doesNotMatch(shown, /Stateful: the adder remembers|Stateless: the converter keeps nothing/);
  await screenshot(page, 'first-screen-no-javascript');
  await context.close();
});
