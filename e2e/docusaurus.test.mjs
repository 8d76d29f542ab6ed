// The web component in a real Docusaurus site: e2e/docusaurus is built with the pinned
// Docusaurus the bootstrap installs (DOCUSAURUS_HOME names the folder holding its
// node_modules), with the release build in static/adder-lab/, served under its base URL and
// clicked in Chromium: the MDX element becomes the app, survives React's hydration and the
// site's client-side navigation, and follows the site's colour mode.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, DIST, serve, launchBrowser, openPage, screenshot } from './harness.mjs';

const HOME = process.env.DOCUSAURUS_HOME;
const BASE = '/docs-site/';

let folder;
let site;
let browser;
/** No test may wait for ever on a message that never comes (node's runner has no limit). */
const LIMIT = { timeout: 120_000 };

before(async () => {
  assert.ok(HOME, 'DOCUSAURUS_HOME names where the bootstrap installed Docusaurus');
  folder = await mkdtemp(path.join(tmpdir(), 'adder-lab-docusaurus-'));
  await cp(path.join(ROOT, 'e2e', 'docusaurus'), folder, { recursive: true });
  await symlink(path.join(HOME, 'node_modules'), path.join(folder, 'node_modules'));
  await cp(DIST, path.join(folder, 'static', 'adder-lab'), { recursive: true });
  await cp(path.join(ROOT, 'style', 'favicon.svg'), path.join(folder, 'static', 'favicon.svg'));
  const built = spawnSync(process.execPath, [path.join(folder, 'node_modules', '@docusaurus', 'core', 'bin', 'docusaurus.mjs'), 'build'], {
    cwd: folder,
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, DOCUSAURUS_TELEMETRY_DISABLED: '1' },
  });
  assert.equal(built.status, 0, `docusaurus build failed:\n${built.stdout}\n${built.stderr}`);
  site = await serve(path.join(folder, 'build'), BASE);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

test('an <adder-lab> in MDX becomes the app, survives hydration and navigation, follows the colour mode', LIMIT, async () => {
  const { page, context, foreign, errors } = await openPage(browser, site.url, { within: BASE, viewport: { width: 1280, height: 900 }, colorScheme: 'light' });
  const frame = page.frameLocator('article adder-lab iframe');
  await frame.locator('html[data-live] #request-log').waitFor({ state: 'attached' });
  const src = new URL(await page.locator('article adder-lab iframe').getAttribute('src'));
  assert.equal(src.pathname, `${BASE}adder-lab/`);
  assert.equal(src.search, '?embed=1&scenario=adder-memory&theme=light');
  assert.equal(await frame.locator('#scenario').inputValue(), 'adder-memory');
  // React has hydrated the page by now and kept the frame (it lives in the element's shadow root).
  await page.waitForFunction(() => {
    const frame = document.querySelector('article adder-lab')?.shadowRoot?.querySelector('iframe');
    const content = frame?.contentDocument?.documentElement.scrollHeight ?? 0;
    return content > 0 && Math.abs(frame.getBoundingClientRect().height - content) <= 2;
  });
  // The site's own colour-mode switch.
  const toggle = page.locator('button[aria-label*="dark and light mode"]');
  for (let tries = 0; tries < 3 && (await page.getAttribute('html', 'data-theme')) !== 'dark'; tries++) await toggle.click();
  assert.equal(await page.getAttribute('html', 'data-theme'), 'dark');
  await frame.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
  await screenshot(page, 'docusaurus-dark');
  // Client-side navigation away and back makes the element again, in the mode the site is in.
  await page.click(`a[href="${BASE}next/"]`);
  await page.locator('h1:has-text("Next steps")').waitFor();
  await page.goBack();
  await frame.locator('html[data-live] #request-log').waitFor({ state: 'attached' });
  assert.match(await page.locator('article adder-lab iframe').getAttribute('src'), /theme=dark$/);
  assert.deepEqual(foreign, [], 'nothing asked of another origin or outside the site');
  assert.deepEqual(errors, []);
  await context.close();
});
