// Script time per animation frame in headless Chromium, from a Chrome trace (`load.mjs`).
// Scene: adder-memory scaled to 16 pods, 200 requests/s in all, 4x speed. Exits 1 when the
// median p95 of three runs is over the budget.
import { openApp } from '../harness.mjs';
import { medianOfRuns } from './median.mjs';
import { BUSY_PLAYGROUND_QUERY, describeTimes, frameScriptTimes, quantile } from './load.mjs';

const P95_BUDGET_MS = 4;

const WARM_UP_MS = 3_000;
const MEASURE_MS = 6_000;

/** One measurement in a fresh page: the script time per frame at p95, in ms. */
async function measure(browser, server) {
  const { page, errors } = await openApp(browser, `${server.url}?${BUSY_PLAYGROUND_QUERY}`, { viewport: { width: 1280, height: 900 } });
  await page.selectOption('#speed', '4'); // 4x
  await page.locator('#scene').scrollIntoViewIfNeeded();
  await page.waitForTimeout(WARM_UP_MS);
  const frames = await frameScriptTimes(browser, page, MEASURE_MS);
  const pods = await page.$$eval('#scene .pod', (nodes) => nodes.length);
  const markers = await page.$eval('#scene .markers', (g) => g.children.length);
  const answered = await page.$eval('#request-log tbody tr', (tr) => tr.id);
  console.log(`frames measured: ${frames.length} over ${MEASURE_MS / 1000} s; pods on screen: ${pods}; requests in flight now: ${markers}; latest answered: ${answered}`);
  console.log(`script time per frame: ${describeTimes(frames)}`);
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  await page.context().close();
  return quantile(frames, 0.95);
}

await medianOfRuns('frame script p95', P95_BUDGET_MS, measure);
