// Offline use (issue 26): after one visit the release's service worker has every file, so the
// lab works with the network off (a lesson, the playground with its terminal, the compare page);
// a second release's files replace the first's in one piece once no page of the first is open;
// the worker is scoped to the app's folder, so a page embedding the app is never under it; the
// lab can be installed (its web app manifest).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cp, readFile, writeFile, mkdtemp, rm } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DIST, ROOT, serve, launchBrowser, openPage, LAB_READY, text } from './harness.mjs';

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** A copy of the release build that a test may change (as a second release would). */
async function copyOfRelease() {
  const folder = await mkdtemp(path.join(tmpdir(), 'adder-lab-release-'));
  await cp(DIST, folder, { recursive: true });
  return folder;
}

/** Waits until the page is controlled by an activated worker; returns the worker's scope. */
async function controlled(page) {
  return page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((done) => navigator.serviceWorker.addEventListener('controllerchange', done, { once: true }));
    }
    return registration.scope;
  });
}

const cacheNames = (page) => page.evaluate(() => caches.keys());

/** Polls `condition` in the page (it may be async) until it holds, for at most 20 s. */
async function until(page, condition, argument) {
  const deadline = Date.now() + 20_000;
  while (!(await page.evaluate(condition, argument))) {
    assert.ok(Date.now() < deadline, `still not so after 20 s: ${condition}`);
    await page.waitForTimeout(200);
  }
}

test('after one visit the lab works offline: a lesson, the playground and its terminal, the compare page', async () => {
  const site = await serve();
  try {
    const { page, context, errors, foreign } = await openPage(browser, site.url, { serviceWorkers: 'allow' });
    await page.waitForSelector(LAB_READY, { state: 'attached' });
    assert.equal(await controlled(page), site.url, 'the worker is scoped to the app folder');
    assert.equal((await cacheNames(page)).length, 1);
    // Installable: Chromium finds nothing missing in the manifest.
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    // Playwright's contexts are incognito, where Chromium installs nothing; that is all it says.
    assert.deepEqual(installabilityErrors.map((error) => error.errorId), ['in-incognito']);

    await context.setOffline(true);
    // A lesson step, opened by its link, predicted, run and revealed with the network off.
    await page.goto(`${site.url}?lesson=scale-out`);
    await page.waitForSelector(LAB_READY, { state: 'attached' });
    await page.locator('#lesson-question input[type=radio]').first().check();
    await page.click('#lesson-run');
    if (await page.locator('#lesson-skip').isVisible()) await page.click('#lesson-skip');
    await page.waitForFunction(() => document.querySelector('#lesson-answer').textContent.length > 0, null, { timeout: 30_000 });
    assert.match(await text(page, '#lesson-answer'), /^The run shows: No\./);
    // The playground's terminal: its bundle, never opened online, comes from the cache.
    await page.goto(`${site.url}?scenario=statefulset-headless&seed=2`);
    await page.waitForSelector(LAB_READY, { state: 'attached' });
    await page.click('#terminal summary');
    await page.waitForFunction(() => document.activeElement?.id === 'terminal-input', null, { timeout: 20_000 });
    await page.fill('#terminal-input', 'kubectl get statefulsets');
    await page.press('#terminal-input', 'Enter');
    await page.waitForFunction(() => document.querySelector('#terminal-output').textContent.includes('adder   '), null, { timeout: 20_000 });
    // The compare page, never visited online.
    await page.goto(`${site.url}?compare=adder-memory.shared-volume-lock&seed=4`);
    await page.waitForSelector('.lane', { timeout: 20_000 });
    assert.match(page.url(), /\/compare\/\?compare=/);
    assert.equal(await page.locator('.lane').count(), 2);
    assert.deepEqual(foreign, []);
    assert.deepEqual(errors.filter((error) => !/net::ERR_INTERNET_DISCONNECTED/.test(error)), []);
    await context.close();
  } finally {
    await site.close();
  }
});

test("a second release's files replace the first's, in one piece, once no page of the first is open", async () => {
  const release = await copyOfRelease();
  const site = await serve(release);
  try {
    const { page, context, errors } = await openPage(browser, site.url, { serviceWorkers: 'allow' });
    await page.waitForSelector(LAB_READY, { state: 'attached' });
    await controlled(page);
    const [first] = await cacheNames(page);
    // The second release: another page and another script, as a new build has.
    const index = path.join(release, 'index.html');
    await writeFile(index, (await readFile(index, 'utf8')).replace('<title>Adder Lab</title>', '<title>Adder Lab, release 2</title>'));
    const script = path.join(release, 'embed', 'adder-lab.js');
    await writeFile(script, (await readFile(script, 'utf8')) + '\n// release 2\n');
    execFileSync('node', [path.join(ROOT, 'scripts', 'offline.mjs'), release]);
    // A page of the first release that is open keeps the first release, whole.
    await page.reload();
    await page.waitForSelector(LAB_READY, { state: 'attached' });
    assert.equal(await page.title(), 'Adder Lab');
    await until(page, async () => Boolean((await navigator.serviceWorker.getRegistration()).waiting));
    // Once it is closed (watched from a page of the origin outside the app's folder, which no
    // worker controls), the second release takes over, and the first's cache is gone.
    await page.close();
    const next = await context.newPage();
    await next.goto(site.origin + '/course/');
    await until(
      next,
      async (scope) => {
        const registration = await navigator.serviceWorker.getRegistration(scope);
        return Boolean(registration) && !registration.waiting && (await caches.keys()).length === 1;
      },
      site.url,
    );
    await next.goto(site.url);
    assert.equal(await next.title(), 'Adder Lab, release 2');
    await next.waitForSelector(LAB_READY, { state: 'attached' });
    const names = await cacheNames(next);
    assert.equal(names.length, 1);
    assert.notEqual(names[0], first);
    const cached = await next.evaluate(async (url) => (await (await caches.open((await caches.keys())[0])).match(url)).text(), site.url + 'embed/adder-lab.js');
    assert.ok(cached.endsWith('// release 2\n'), "the cached script is the second release's");
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await site.close();
    await rm(release, { recursive: true });
  }
});

test("the worker is the app folder's: an embed link is under it, a page beside the app is not", async () => {
  const site = await serve();
  try {
    const { page, context } = await openPage(browser, site.url, { serviceWorkers: 'allow' });
    await page.waitForSelector(LAB_READY, { state: 'attached' });
    await controlled(page);
    await page.goto(`${site.url}?embed=1&lesson=scale-out`);
    await page.waitForSelector(LAB_READY, { state: 'attached' });
    assert.equal(await page.evaluate(() => Boolean(navigator.serviceWorker.controller)), true);
    // Same origin, outside the folder (as a course page or a book beside the app would be).
    await page.goto(site.origin + '/course/other-page');
    assert.equal(await page.evaluate(() => Boolean(navigator.serviceWorker?.controller)), false);
    await context.close();
  } finally {
    await site.close();
  }
});
