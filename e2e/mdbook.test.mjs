// The mdBook preprocessor in the real tool: e2e/book is built with the pinned `mdbook` (the
// bootstrap installs it; MDBOOK names it) and `mdbook-adder-lab` (MDBOOK_ADDER_LAB names the
// folder it was built in), with the release build copied into the book as src/adder-lab/.
// The book is served under a sub-path and clicked in Chromium: each block is the embedded app,
// sized to its content, following the book's theme, with a plain link for readers without
// JavaScript, and nothing is asked of another origin. A bad block fails the build, naming its
// chapter and line.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, DIST, serve, launchBrowser, openPage, screenshot } from './harness.mjs';

const MDBOOK = process.env.MDBOOK ?? 'mdbook';
const PREPROCESSOR_DIR = process.env.MDBOOK_ADDER_LAB ?? path.join(ROOT, 'target', 'debug');
const BASE = '/docs/book/';

let folder;
let site;
let browser;
/** No test may wait for ever on a message that never comes (node's runner has no limit). */
const LIMIT = { timeout: 120_000 };

/** Copies e2e/book with the release build inside, changes what `edit` says, builds it. */
async function buildBook(name, edit = async () => {}) {
  const book = path.join(folder, name);
  await cp(path.join(ROOT, 'e2e', 'book'), book, { recursive: true });
  await cp(DIST, path.join(book, 'src', 'adder-lab'), { recursive: true });
  await edit(book);
  const built = spawnSync(MDBOOK, ['build'], {
    cwd: book,
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, PATH: `${PREPROCESSOR_DIR}${path.delimiter}${process.env.PATH}` },
  });
  if (built.error) throw built.error;
  return { book, status: built.status, stderr: built.stderr };
}

before(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'adder-lab-book-'));
  const { book, status, stderr } = await buildBook('good');
  assert.equal(status, 0, `mdbook build failed:\n${stderr}`);
  site = await serve(path.join(book, 'book'), BASE);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

const open = (chapter, options = {}) => openPage(browser, `${site.url}${chapter}`, { within: BASE, colorScheme: 'light', ...options });

/** Picks a theme in mdBook's own menu, as a reader does. */
async function pickBookTheme(page, theme) {
  const choice = page.locator(`#mdbook-theme-${theme}`);
  if (!(await choice.isVisible())) await page.click('#mdbook-theme-toggle');
  await choice.click();
}

test('a block becomes the playground, sized to its content and following the book theme', LIMIT, async () => {
  const { page, context, foreign, errors } = await open('stateful.html');
  const element = page.locator('main adder-lab');
  assert.equal(await element.count(), 1, 'one block, one embed (the sample inside a fence stays code)');
  assert.match(await page.locator('main pre code').last().textContent(), /```adder-lab\nscenario = "statefulset-headless"/);
  const iframe = element.locator('iframe');
  await iframe.waitFor();
  const src = new URL(await iframe.getAttribute('src'));
  assert.equal(src.pathname, `${BASE}adder-lab/`);
  assert.equal(src.search, '?embed=1&scenario=statefulset-headless&theme=light');
  const frame = page.frameLocator('main adder-lab iframe');
  await frame.locator('html[data-live] #request-log').waitFor({ state: 'attached' });
  assert.equal(await frame.locator('#scenario').inputValue(), 'statefulset-headless');
  // Sized to its content: the frame's height is the document's it posted.
  await page.waitForFunction(() => {
    const frame = document.querySelector('main adder-lab').shadowRoot?.querySelector('iframe');
    const content = frame.contentDocument?.documentElement.scrollHeight ?? 0;
    return content > 0 && Math.abs(frame.getBoundingClientRect().height - content) <= 2;
  });
  assert.equal(await frame.locator('html').getAttribute('data-theme'), 'light');
  await screenshot(page, 'mdbook-light');
  // The book's theme picker: Navy is dark, Rust is light again.
  await pickBookTheme(page, 'navy');
  await frame.locator('html[data-theme="dark"]').waitFor({ state: 'attached' });
  const background = await frame.locator('body').evaluate((body) => getComputedStyle(body).backgroundColor);
  assert.equal(background, 'rgb(15, 18, 24)');
  await element.scrollIntoViewIfNeeded();
  await screenshot(page, 'mdbook-navy');
  // mdBook hides its menu bar when the page scrolls down.
  await page.evaluate(() => scrollTo(0, 0));
  await pickBookTheme(page, 'rust');
  await frame.locator('html[data-theme="light"]').waitFor({ state: 'attached' });
  assert.deepEqual(foreign, [], 'nothing asked of another origin or outside the book');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a chapter in a folder embeds a lesson step and a comparison by relative addresses', LIMIT, async () => {
  const { page, context, foreign, errors } = await open('guide/headless.html', { colorScheme: 'dark' });
  const frames = page.locator('main adder-lab iframe');
  await frames.first().waitFor();
  const lesson = new URL(await frames.first().getAttribute('src'));
  assert.equal(lesson.pathname, `${BASE}adder-lab/`);
  // The book follows the system's dark preference with Navy, and the frame follows the book.
  assert.equal(lesson.search, '?embed=1&lesson=headless&theme=dark');
  const step = page.frameLocator('main adder-lab iframe >> nth=0');
  await step.locator('#lesson-title').waitFor();
  assert.match(await step.locator('#lesson-title').textContent(), /headless/i);
  // In the book's column the frame is narrow: its scene sits right under the step, so the
  // question, the Run button and the scene fit on one screen of the book.
  const [card, run, scene] = await Promise.all(['#lesson', '#lesson-run', '#scene'].map((selector) =>
    step.locator(selector).evaluate((element) => element.getBoundingClientRect().toJSON())));
  assert.ok(run.bottom < scene.top && scene.top - card.top < 600, `step at ${card.top}, Run at ${run.bottom}, scene at ${scene.top}`);
  assert.equal(await step.locator('.lesson-steps').isVisible(), false, 'no step list to open in an embed');
  await page.locator('main adder-lab').nth(1).scrollIntoViewIfNeeded();
  await frames.nth(1).waitFor();
  const compare = new URL(await frames.nth(1).getAttribute('src'));
  assert.equal(compare.pathname, `${BASE}adder-lab/compare/`);
  assert.equal(compare.search, '?embed=1&compare=adder-memory.shared-volume-lock.statefulset-headless&seed=3&theme=dark');
  assert.equal(await frames.nth(1).getAttribute('title'), 'Adder Lab: three designs side by side');
  await page.frameLocator('main adder-lab iframe >> nth=1').locator('.lane').first().waitFor();
  await screenshot(page, 'mdbook-nested');
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test("mdBook's print page, every chapter at the book's root, embeds each block from the right address", LIMIT, async () => {
  const { page, context, foreign, errors } = await open('print.html');
  const frames = page.locator('main adder-lab iframe');
  await page.waitForFunction(() => document.querySelectorAll('main adder-lab').length === 3);
  for (const index of [0, 1, 2]) {
    await page.locator('main adder-lab').nth(index).scrollIntoViewIfNeeded();
    await frames.nth(index).waitFor();
    const src = new URL(await frames.nth(index).getAttribute('src'));
    assert.ok(src.pathname.startsWith(`${BASE}adder-lab/`), src.href);
  }
  await page.frameLocator('main adder-lab iframe >> nth=1').locator('#lesson-title').waitFor();
  assert.deepEqual(foreign, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('without JavaScript a block is a plain link to the same scene', LIMIT, async () => {
  const { page, context } = await open('stateful.html', { javaScriptEnabled: false });
  const link = page.locator('main adder-lab > a');
  assert.equal(await link.isVisible(), true);
  assert.match(await link.textContent(), /^Open Adder Lab: /);
  assert.equal(await link.getAttribute('href'), 'adder-lab/?scenario=statefulset-headless');
  await context.close();
});

test('a bad block fails the build, naming its chapter and line', LIMIT, async () => {
  const { status, stderr } = await buildBook('bad', async (book) => {
    await writeFile(
      path.join(book, 'src', 'guide', 'headless.md'),
      '# Headless Services\n\nText.\n\n```adder-lab\nscenario = "statefulset-headless"\nthem = "dark"\n```\n',
    );
  });
  assert.notEqual(status, 0, 'the build fails');
  assert.match(stderr, /src\/guide\/headless\.md:7: unknown key `them`/);
  assert.match(stderr, /chapter “Headless Services”/);
});
