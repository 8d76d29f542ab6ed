// Embed mode: examples/embed.html loads the release build in an iframe, which hides the site
// chrome, honours &theme=, posts its height, and adds no history entries.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT, DIST, serve, launchBrowser, screenshot } from './harness.mjs';

let site;
let browser;

before(async () => {
  // The repository root, so examples/embed.html finds the build at ../dist/ as documented.
  assert.equal(path.resolve(DIST), path.join(ROOT, 'dist'), 'the embed example expects the build in dist/');
  site = await serve(ROOT, '/');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

test('the example page embeds one scene and sizes the iframe to it', async () => {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 }, colorScheme: 'light' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${site.origin}/examples/embed.html`);
  const frame = page.frameLocator('#adder-lab');
  await frame.locator('#scenario').waitFor();
  assert.equal(await frame.locator('#scenario').inputValue(), 'statefulset-headless');
  assert.equal(await frame.locator('.site-header').isVisible(), false, 'no site chrome');
  assert.equal(await frame.locator('#adder-input').isVisible(), false, 'only the playground');
  // The host received the height message and resized the iframe to the document's height.
  await page.waitForFunction(() => parseInt(document.getElementById('adder-lab').style.height, 10) > 800);
  const [frameHeight, contentHeight] = await page.evaluate(() => {
    const iframe = document.getElementById('adder-lab');
    return [parseInt(iframe.style.height, 10), iframe.contentDocument.documentElement.scrollHeight];
  });
  assert.ok(Math.abs(frameHeight - contentHeight) <= 2, `iframe ${frameHeight} px, content ${contentHeight} px`);
  // Acting in the embed records the action in its own URL, never as a history entry.
  const entries = await page.evaluate(() => history.length);
  await frame.locator('#roll-out').click();
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => history.length), entries);
  const src = await page.evaluate(() => document.getElementById('adder-lab').contentWindow.location.search);
  assert.match(src, /^\?embed=1&theme=auto&scenario=statefulset-headless&seed=1&actions=\d+\.o&v=2$/);
  await screenshot(page, 'embed');
  assert.deepEqual(errors, []);
  await context.close();
});

test('theme=dark is honoured whatever the system says; theme=light too', async () => {
  for (const [theme, system, background] of [
    ['dark', 'light', 'rgb(15, 18, 24)'],
    ['light', 'dark', 'rgb(246, 247, 251)'],
    ['auto', 'dark', 'rgb(15, 18, 24)'],
  ]) {
    const context = await browser.newContext({ colorScheme: system });
    const page = await context.newPage();
    await page.goto(`${site.origin}/dist/index.html?embed=1&scenario=three-tier&theme=${theme}`);
    await page.waitForSelector('#scenario');
    assert.equal(await page.evaluate(() => getComputedStyle(document.body).backgroundColor), background, `${theme} on ${system}`);
    await context.close();
  }
});
