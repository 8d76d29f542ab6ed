// The <adder-lab> web component (dist/embed/adder-lab.js) and the two-way embed protocol,
// through examples/web-component.html: the frame is made when the element nears the screen,
// sized to its content, follows the page's theme, and its reports become events on the
// element; messages are taken from the right window only.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ROOT, DIST, serve, launchBrowser, openPage, screenshot } from './harness.mjs';

let site;
/** The same files on another origin: where a docs site's app would usually be hosted. */
let elsewhere;
let browser;
/** No test may wait for ever on a message that never comes (node's runner has no limit). */
const LIMIT = { timeout: 120_000 };

before(async () => {
  assert.equal(path.resolve(DIST), path.join(ROOT, 'dist'), 'the example expects the build in dist/');
  site = await serve(ROOT, '/');
  elsewhere = await serve(ROOT, '/');
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
  await elsewhere?.close();
});

const open = (options = {}) => openPage(browser, `${site.origin}/examples/web-component.html`, { colorScheme: 'light', ...options });

/** The frame's height equals the height of the document inside it. */
const fitsContent = (selector) =>
  `(() => { const frame = document.querySelector(${JSON.stringify(selector)}).shadowRoot?.querySelector('iframe');
     const content = frame?.contentDocument?.documentElement.scrollHeight ?? 0;
     return content > 0 && Math.abs(frame.getBoundingClientRect().height - content) <= 2; })()`;

test('the element makes the frame, sizes it to its content and loads the one below the fold later', LIMIT, async () => {
  const { page, context, foreign, errors } = await open();
  const scene = page.locator('#scene iframe');
  await scene.waitFor();
  assert.equal(new URL(await scene.getAttribute('src')).search, '?embed=1&scenario=statefulset-headless&theme=light');
  assert.equal(await scene.getAttribute('title'), 'Adder Lab: a StatefulSet behind a headless Service');
  await page.frameLocator('#scene iframe').locator('html[data-live] #request-log').waitFor({ state: 'attached' });
  await page.waitForFunction(fitsContent('#scene'));
  assert.equal(await page.locator('#scene > a').isVisible(), false, 'the fallback link gave way to the frame');
  assert.equal(await page.locator('#scene > a').count(), 1, "the page's own children stay (a framework may own them)");
  // The lesson is far below: no frame, nothing fetched for it, until the reader gets near.
  assert.equal(await page.locator('#lesson iframe').count(), 0);
  assert.ok((await page.locator('#lesson').boundingBox()).y > 800 + 400, 'far below the fold');
  await page.locator('#lesson').scrollIntoViewIfNeeded();
  await page.locator('#lesson iframe').waitFor();
  assert.equal(new URL(await page.locator('#lesson iframe').getAttribute('src')).search, '?embed=1&lesson=scale-out&theme=light');
  await page.frameLocator('#lesson iframe').locator('#lesson-title').waitFor();
  await page.waitForFunction(fitsContent('#lesson'));
  await screenshot(page, 'web-component');
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the frame follows the page theme, and the system setting when the page has none', LIMIT, async () => {
  const { page, context } = await open();
  const frame = page.frameLocator('#scene iframe');
  await frame.locator('html[data-live]').waitFor({ state: 'attached' });
  assert.equal(await frame.locator('html').getAttribute('data-theme'), 'light');
  await page.click('#theme'); // the page's own switch: <html class="dark">
  await frame.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
  await page.click('#theme');
  await frame.locator('html[data-theme="light"]').waitFor({ state: 'attached' });
  // The page paints no background now and allows both schemes (CSS color-scheme), so the
  // reader's system setting decides.
  await page.emulateMedia({ colorScheme: 'dark' });
  await frame.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
  // A fixed theme on the element wins over the page.
  await page.evaluate(() => document.getElementById('scene').setAttribute('theme', 'light'));
  await frame.locator('html[data-theme="light"]').waitFor({ state: 'attached' });
  await context.close();
});

test('a frame that loads near the screen neither scrolls the page nor takes its focus', LIMIT, async () => {
  const { page, context } = await open();
  await page.focus('#theme');
  // The scene above has its final height (the lesson's place depends on it).
  await page.frameLocator('#scene iframe').locator('html[data-live] #request-log').waitFor({ state: 'attached' });
  await page.waitForFunction(fitsContent('#scene'));
  // The lesson's element just below the screen: close enough to load, not yet in view.
  const top = await page.locator('#lesson').evaluate((element) => element.getBoundingClientRect().top + scrollY);
  await page.evaluate((y) => scrollTo(0, y), top - 800 - 200);
  const scrolled = await page.evaluate(() => scrollY);
  await page.frameLocator('#lesson iframe').locator('html[data-live] #request-log').waitFor({ state: 'attached' });
  await page.frameLocator('#lesson iframe').locator('#lesson-title').waitFor();
  await page.waitForTimeout(500);
  assert.equal(await page.evaluate(() => scrollY), scrolled, 'the page stayed where its reader left it');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'theme', "the reader's focus stayed on the page");
  await context.close();
});

test('a course page hears when a lesson is completed, with the prediction and the observation', LIMIT, async () => {
  const { page, context, errors } = await open({ reducedMotion: 'reduce' });
  await page.locator('#lesson').scrollIntoViewIfNeeded();
  const lesson = page.frameLocator('#lesson iframe');
  await lesson.locator('#lesson-run').waitFor();
  const heard = page.evaluate(
    () => new Promise((resolve) => document.getElementById('lesson').addEventListener('adder-lab:lesson-completed', (event) => resolve(event.detail))),
  );
  assert.equal(await page.textContent('#progress'), 'Lesson not done yet.');
  await lesson.locator('#lesson-question input[type=radio]').first().check();
  const predicted = await lesson.locator('#lesson-question label').first().textContent();
  await lesson.locator('#lesson-run').click();
  const detail = await heard;
  assert.equal(detail.type, 'adder-lab:lesson-completed');
  assert.equal(detail.id, 'scale-out');
  assert.equal(detail.predicted, predicted.trim());
  assert.equal(typeof detail.observed, 'string');
  assert.equal(detail.correct, detail.predicted === detail.observed);
  // What the frame revealed is what the page was told.
  assert.match(await lesson.locator('#lesson-answer').textContent(), new RegExp(`^The run shows: ${escape(detail.observed)}`));
  assert.match(await page.textContent('#progress'), /^Done: /);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the closing step, embedded, reports its completion too", LIMIT, async () => {
  const { page, context, errors } = await open({ reducedMotion: 'reduce' });
  const heard = page.evaluate(() => {
    const element = document.createElement('adder-lab');
    element.id = 'closing';
    element.setAttribute('compare', 'adder-memory shared-volume-lock statefulset-headless');
    element.setAttribute('seed', '3');
    element.setAttribute('lesson', 'compare-all');
    document.body.prepend(element);
    return new Promise((resolve) => element.addEventListener('adder-lab:lesson-completed', (event) => resolve(event.detail)));
  });
  const iframe = page.locator('#closing iframe');
  await iframe.waitFor();
  assert.equal(new URL(await iframe.getAttribute('src')).search,
    '?embed=1&compare=adder-memory.shared-volume-lock.statefulset-headless&lesson=compare-all&seed=3&theme=light');
  const frame = page.frameLocator('#closing iframe');
  await frame.locator('#compare-lesson-question input[type=radio]').first().check();
  await frame.locator('#compare-lesson-run').click();
  await frame.locator('#compare-lesson-skip').click({ timeout: 2000 }).catch(() => {}); // gone once the run has ended
  const detail = await heard;
  assert.equal(detail.id, 'compare-all');
  assert.equal(detail.predicted, (await frame.locator('#compare-lesson-question label').first().textContent()).trim());
  assert.match(await frame.locator('#compare-lesson-answer').textContent(), new RegExp(`The run shows: ${escape(detail.observed)}`));
  assert.deepEqual(errors, []);
  await context.close();
});

test('a course page hears each finding once, with its requests', LIMIT, async () => {
  const { page, context } = await open();
  // A scene whose checker finds conflicting totals quickly, added by the page.
  const findings = await page.evaluate(async () => {
    const element = document.createElement('adder-lab');
    element.setAttribute('scenario', 'adder-memory');
    element.id = 'memory';
    const heard = [];
    element.addEventListener('adder-lab:finding', (event) => heard.push(event.detail));
    document.body.prepend(element);
    const deadline = Date.now() + 20_000;
    while (heard.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    return heard;
  });
  assert.ok(findings.length >= 2, `findings heard: ${findings.length}`);
  for (const finding of findings) {
    assert.equal(finding.type, 'adder-lab:finding');
    assert.match(finding.kind, /^(went-down|stale-read|conflict|lost-update|state-lost)$/);
    assert.ok(finding.requests.length >= 1 && finding.requests.every(Number.isInteger), JSON.stringify(finding));
    assert.ok(finding.total >= 1 && typeof finding.text === 'string');
  }
  const said = findings.map((finding) => JSON.stringify([finding.kind, finding.requests, finding.atMs]));
  assert.equal(new Set(said).size, said.length, 'no finding told twice');
  // The requests named are the frame's own: rows of its request log (`#req-<id>`).
  const frame = page.frameLocator('#memory iframe');
  const latest = findings.at(-1).requests;
  const rows = await Promise.all(latest.map((id) => frame.locator(`#req-${id}`).count()));
  assert.ok(rows.some((count) => count === 1), `requests ${latest} in the frame's log`);
  await context.close();
});

test('messages from any other window are ignored, both ways', LIMIT, async () => {
  const { page, context } = await open();
  const frame = page.frameLocator('#scene iframe');
  await frame.locator('html[data-live]').waitFor({ state: 'attached' });
  await page.waitForFunction(fitsContent('#scene'));
  const height = await page.locator('#scene iframe').evaluate((iframe) => iframe.style.height);
  // The host page itself claims to be the frame: its height message is not the frame's.
  await page.evaluate(() => window.postMessage({ type: 'adder-lab:height', height: 17 }, '*'));
  // Inside the frame, a message from the frame's own window (not its parent) asks for dark.
  await frame.locator('html').evaluate(() => window.postMessage({ type: 'adder-lab:set-theme', theme: 'dark' }, '*'));
  // And a value the protocol does not know, from the real parent, is refused.
  await page.locator('#scene iframe').evaluate((iframe) => iframe.contentWindow.postMessage({ type: 'adder-lab:set-theme', theme: 'purple' }, '*'));
  await page.waitForTimeout(300);
  assert.equal(await page.locator('#scene iframe').evaluate((iframe) => iframe.style.height), height);
  assert.equal(await frame.locator('html').getAttribute('data-theme'), 'light');
  // The real parent is heard.
  await page.locator('#scene iframe').evaluate((iframe) => iframe.contentWindow.postMessage({ type: 'adder-lab:set-theme', theme: 'dark' }, '*'));
  await frame.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
  await context.close();
});

test('a page on a phone gets the frame at its width, with nothing outside it', LIMIT, async () => {
  const { page, context, errors } = await open({ viewport: { width: 375, height: 667 }, isMobile: true, colorScheme: 'dark' });
  const scene = page.locator('#scene iframe');
  await scene.waitFor();
  await page.frameLocator('#scene iframe').locator('html[data-live] #request-log').waitFor({ state: 'attached' });
  await page.waitForFunction(fitsContent('#scene'));
  const box = await scene.boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 375, `frame at ${box.x}..${box.x + box.width}`);
  assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 375, 'the page does not scroll sideways');
  await screenshot(page, 'web-component-phone');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the app hosted on another origin than the page: sized, themed and heard all the same', LIMIT, async () => {
  const { page, context, errors } = await open();
  assert.notEqual(elsewhere.origin, site.origin);
  const heard = page.evaluate((app) => {
    const element = document.createElement('adder-lab');
    element.id = 'remote';
    element.setAttribute('scenario', 'adder-memory');
    element.setAttribute('src', app);
    document.body.prepend(element);
    return new Promise((resolve) => element.addEventListener('adder-lab:finding', (event) => resolve(event.detail)));
  }, `${elsewhere.origin}/dist/`);
  const iframe = page.locator('#remote iframe');
  await iframe.waitFor();
  assert.equal(new URL(await iframe.getAttribute('src')).origin, elsewhere.origin);
  const frame = page.frameLocator('#remote iframe');
  await frame.locator('html[data-live] #request-log').waitFor({ state: 'attached' });
  // Cross-origin, the page cannot read the frame's document: the frame's own report is all.
  await page.waitForFunction(() => parseInt(document.getElementById('remote').shadowRoot.querySelector('iframe').style.height, 10) > 1000);
  const [shown, content] = [
    parseInt(await iframe.evaluate((element) => element.style.height), 10),
    await frame.locator('html').evaluate((root) => root.scrollHeight),
  ];
  assert.ok(Math.abs(shown - content) <= 2, `frame ${shown} px, content ${content} px`);
  await page.click('#theme');
  await frame.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
  assert.equal((await heard).type, 'adder-lab:finding');
  assert.deepEqual(errors, []);
  await context.close();
});

function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
