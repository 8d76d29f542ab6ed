// The "one server" scene in the release build, served under /course/adder-lab/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, screenshot } from './harness.mjs';

const site = useSite();
const open = site.open;

async function add(page, value) {
  await page.fill('#adder-input', value);
  await page.click('#adder-add');
}

test('the page is titled Adder Lab and loads every asset from under the sub-path', async () => {
  const { page, context, foreign, errors } = await open('');
  assert.equal(await page.title(), 'Adder Lab');
  assert.equal(await page.textContent('h1'), 'Adder Lab');
  const outside = site.server.served.filter((p) => !p.startsWith('/course/adder-lab/'));
  assert.deepEqual(outside, [], 'every request stays under the sub-path');
  assert.deepEqual(foreign, [], 'nothing is requested from another origin');
  assert.deepEqual(errors, []);
  await context.close();
});

test('adding 5 three times shows 5, 10, 15', async () => {
  const { page, context, foreign, errors } = await open('');
  const totals = [];
  for (let i = 0; i < 3; i++) {
    await add(page, '5');
    await page.waitForFunction((n) => document.querySelectorAll('#adder-calls li').length === n, i + 1);
    totals.push(await page.textContent('#adder-total'));
  }
  assert.deepEqual(totals, ['5', '10', '15']);
  const calls = await page.$$eval('#adder-calls li', (items) => items.map((li) => li.textContent.trim()));
  assert.deepEqual(calls, [
    'addAndReturnTotal(5) returned 5',
    'addAndReturnTotal(5) returned 10',
    'addAndReturnTotal(5) returned 15',
  ]);
  await page.fill('#converter-input', '5');
  for (let i = 0; i < 3; i++) {
    await page.click('#converter-convert');
    await page.waitForFunction((n) => document.querySelectorAll('#converter-calls li').length === n, i + 1);
    assert.equal(await page.textContent('#converter-result'), '5 m = 500 cm');
  }
  await screenshot(page, 'one-server');
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('bad input shows a clear message and leaves the total unchanged', async () => {
  const { page, context, errors } = await open('');
  await add(page, '5');
  await page.waitForFunction(() => document.querySelector('#adder-total').textContent === '5');
  const cases = [
    ['', 'Type a whole number first'],
    ['five', '“five” is not a number'],
    ['2.5', 'fractional part'],
    ['-4', 'is negative'],
    ['123456789012345678901234567890', 'too large'],
    ['18446744073709551615', 'would pass 18446744073709551615'],
  ];
  for (const [bad, expected] of cases) {
    await add(page, bad);
    await page.waitForFunction((text) => document.querySelector('#adder-error').textContent.includes(text), expected);
    assert.equal(await page.textContent('#adder-total'), '5', `total unchanged after ${JSON.stringify(bad)}`);
    assert.equal(await page.getAttribute('#adder-input', 'aria-invalid'), 'true');
  }
  await screenshot(page, 'one-server-error');
  await page.fill('#converter-input', '1.234');
  await page.click('#converter-convert');
  await page.waitForFunction(() => document.querySelector('#converter-error').textContent.includes('two decimal places'));
  // A good add clears the message.
  await add(page, '1');
  await page.waitForFunction(() => document.querySelector('#adder-total').textContent === '6');
  assert.equal((await page.textContent('#adder-error')).trim(), '');
  assert.deepEqual(errors, [], 'no panic, no console error');
  await context.close();
});

test('the keyboard alone works: Tab to the input, type, Enter adds', async () => {
  const { page, context } = await open('');
  await page.keyboard.press('Tab'); // skip link
  assert.equal(await page.evaluate(() => document.activeElement.className), 'skip-link');
  await page.keyboard.press('Tab'); // the header's three links: lessons, playground, compare
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), '#lessons');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'compare-link');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'adder-input');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('7');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('#adder-total').textContent === '14');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'adder-add');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'converter-input');
  await context.close();
});

test('a phone-sized screen in dark mode shows both programs without sideways scrolling', async () => {
  const { page, context } = await open('', {
    viewport: { width: 375, height: 740 },
    colorScheme: 'dark',
  });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(background, 'rgb(15, 18, 24)', 'dark theme applied');
  await screenshot(page, 'one-server-phone-dark');
  await context.close();
});
