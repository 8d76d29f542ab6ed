// Remakes the README's screenshots of the lessons and the screen from the release build:
//   CHROME=/usr/bin/chromium node e2e/docs-screenshots.mjs
// (not a test: `make test` does not run it; the e2e tests check what these pictures show).
import path from 'node:path';
import { serve, launchBrowser, openApp, ROOT } from './harness.mjs';

const DOCS = path.join(ROOT, 'docs');
const server = await serve();
const browser = await launchBrowser();

async function answer(page, { choice = 0, skip = true } = {}) {
  await page.locator('#lesson-question input[type=radio]').nth(choice).check();
  await page.click('#lesson-run');
  if (skip && (await page.locator('#lesson-skip').isVisible())) await page.click('#lesson-skip');
  await page.waitForFunction(() => document.querySelector('#lesson-answer').textContent.length > 0, null, { timeout: 30_000 });
  await page.waitForTimeout(400);
}

async function shot(name, query, options, act) {
  const { page, context } = await openApp(browser, `${server.url}?${query}`, options);
  await page.waitForTimeout(300);
  await act(page);
  console.log(`docs/${name}.png`);
  await context.close();
}

await shot('screenshot-lessons', 'lesson=one-server', { viewport: { width: 1100, height: 800 } }, async (page) => {
  await answer(page, { choice: 1 });
  await page.locator('#lessons').screenshot({ path: path.join(DOCS, 'screenshot-lessons.png') });
});
await shot('screenshot-phone', 'lesson=one-server', { viewport: { width: 375, height: 667 }, deviceScaleFactor: 2 }, async (page) => {
  await answer(page, { choice: 1 });
  await page.screenshot({ path: path.join(DOCS, 'screenshot-phone.png') });
});
await shot('screenshot-screen-running', 'lesson=went-down', { viewport: { width: 1280, height: 800 } }, async (page) => {
  await page.locator('#lesson-question input[type=radio]').first().check();
  await page.click('#lesson-run');
  await page.waitForTimeout(2_500);
  await page.screenshot({ path: path.join(DOCS, 'screenshot-screen-running.png') });
});
await shot('screenshot-time-machine', 'lesson=went-down', { viewport: { width: 1280, height: 800 } }, async (page) => {
  await answer(page);
  await page.click('#lesson-jump');
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(DOCS, 'screenshot-time-machine.png') });
});
await shot('screenshot-fork', 'scenario=shared-volume-no-lock&seed=5', { viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce' }, async (page) => {
  await page.click('#play');
  await page.waitForFunction(() => document.querySelector('#verdict [data-kind="lost update"]') !== null, null, { timeout: 60_000 });
  await page.click('#play');
  await page.click('#verdict [data-kind="lost update"] button.jump');
  await page.click('#step-back');
  await page.check('#lock');
  await page.waitForTimeout(400);
  await page.evaluate(() => document.querySelector('#playground-title').scrollIntoView());
  await page.screenshot({ path: path.join(DOCS, 'screenshot-fork.png') });
});

/** The terminal in the StatefulSet scene: adder-1 deleted, then back with its claim. */
async function terminalSession(page) {
  await page.waitForTimeout(2_000);
  await page.click('#play');
  await page.click('#terminal summary');
  const type = async (line, expect) => {
    await page.fill('#terminal-input', line);
    await page.press('#terminal-input', 'Enter');
    await page.waitForFunction((text) => document.querySelector('#terminal-output').textContent.includes(text), expect);
  };
  await type('kubectl delete pod adder-1', 'deleted from default namespace');
  await page.selectOption('#speed', '6');
  await page.click('#play');
  await page.waitForFunction(() => document.querySelector('#scene .pod[data-pod="adder-1"] title')?.textContent === 'adder-1: Ready', null, { timeout: 30_000 });
  await page.click('#play');
  await type('kubectl get pods', 'adder-2');
  await type('kubectl get pvc -o name', 'persistentvolumeclaim/data-adder-2');
  await type('nslookup adder-1.adder', 'Server:');
  await page.evaluate(() => document.querySelector('#terminal').scrollIntoView({ block: 'end' }));
  await page.waitForTimeout(300);
}
await shot('screenshot-terminal', 'scenario=statefulset-headless&seed=3', { viewport: { width: 1280, height: 800 } }, async (page) => {
  await terminalSession(page);
  await page.screenshot({ path: path.join(DOCS, 'screenshot-terminal.png') });
});
await shot('screenshot-terminal-phone', 'scenario=statefulset-headless&seed=3', { viewport: { width: 375, height: 667 }, deviceScaleFactor: 2 }, async (page) => {
  await terminalSession(page);
  await page.screenshot({ path: path.join(DOCS, 'screenshot-terminal-phone.png') });
});

/** The YAML panel's editor: clusterIP: None added to the ClusterIP Service, and Apply refusing it. */
async function applySession(page) {
  await page.click('details.yaml > summary');
  await page.click('#yaml-edit');
  await page.waitForFunction(() => document.querySelector('#yaml-editor')?.value.includes('kind: Service'), null, { timeout: 15_000 });
  const yaml = await page.inputValue('#yaml-editor');
  await page.fill('#yaml-editor', yaml.replace('  type: ClusterIP\n', '  type: ClusterIP\n  clusterIP: None\n'));
  await page.evaluate(() => {
    const editor = document.querySelector('#yaml-editor');
    const at = editor.value.indexOf('clusterIP: None');
    editor.setSelectionRange(at, at);
    editor.scrollTop = Math.max(0, editor.value.slice(0, at).split('\n').length * 16 - 120);
  });
  await page.click('#yaml-apply');
  await page.waitForFunction(() => document.querySelector('#yaml-result').textContent.includes('field is immutable'));
  await page.evaluate(() => document.querySelector('#yaml-apply').scrollIntoView({ block: 'center' }));
  await page.waitForTimeout(300);
}
await shot('screenshot-apply', 'scenario=adder-memory&seed=3', { viewport: { width: 1280, height: 800 } }, async (page) => {
  await applySession(page);
  await page.screenshot({ path: path.join(DOCS, 'screenshot-apply.png') });
});
await shot('screenshot-apply-phone', 'scenario=adder-memory&seed=3', { viewport: { width: 375, height: 667 }, deviceScaleFactor: 2 }, async (page) => {
  await applySession(page);
  await page.screenshot({ path: path.join(DOCS, 'screenshot-apply-phone.png') });
});

await browser.close();
await server.close();
