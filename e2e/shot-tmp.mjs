import { serve, launchBrowser } from './harness.mjs';
const server = await serve();
const browser = await launchBrowser();
for (const [w, h] of [[1280, 900], [375, 740]]) {
  const context = await browser.newContext({ viewport: { width: w, height: h } });
  const page = await context.newPage();
  await page.goto(`${server.url}?lesson=three-tiers`);
  await page.waitForSelector('#adder-input', { state: 'attached' });
  await page.click('.lesson-steps summary').catch(() => {});
  await page.screenshot({ path: `/tmp/shots/main-list-${w}.png` });
  await page.click('a.lesson-step-away');
  await page.waitForSelector('#compare-lesson');
  await page.screenshot({ path: `/tmp/shots/cl-before-${w}.png` });
  await page.check('input[name=compare-lesson-choice][value="1"]');
  await page.click('#compare-lesson-run');
  await page.waitForTimeout(2000);
  await page.screenshot({ path: `/tmp/shots/cl-running-${w}.png` });
  await page.waitForSelector('#compare-lesson-answer p', { timeout: 30000 });
  await page.screenshot({ path: `/tmp/shots/cl-after-${w}.png`, fullPage: true });
  console.log(w, page.url(), await page.textContent('.clock'));
  await page.goto(`${server.url}?lesson=three-tiers`);
  await page.waitForSelector('#adder-input', { state: 'attached' });
  console.log('done class', await page.getAttribute('a.lesson-step-away', 'class'));
  await context.close();
}
await browser.close(); await server.close();
