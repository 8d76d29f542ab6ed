// Script time per animation frame in headless Chromium, from a Chrome trace: each
// FireAnimationFrame event covers the frame callback and the microtasks it queued (Leptos's
// DOM updates), i.e. all the script the app runs for one frame.
// Scene: adder-memory scaled to 16 pods, 200 requests/s in all, 4x speed. Exits 1 when the
// median p95 of three runs is over the budget.
import { openApp } from '../harness.mjs';
import { medianOfRuns } from './median.mjs';

const P95_BUDGET_MS = 4;

const WARM_UP_MS = 3_000;
const MEASURE_MS = 6_000;
const perClientPerMinute = Math.round((200 * 60) / 3);
const query = `scenario=adder-memory&seed=1&actions=0.n.16~0.r.0.${perClientPerMinute}~0.r.1.${perClientPerMinute}~0.r.2.${perClientPerMinute}`;

/** One measurement in a fresh page: the script time per frame at p50/p95/p99/max, in ms. */
async function measure(browser, server) {
  const { page, errors } = await openApp(browser, `${server.url}?${query}`, { viewport: { width: 1280, height: 900 } });
  await page.selectOption('#speed', '4'); // 4x
  await page.locator('#scene').scrollIntoViewIfNeeded();
  await page.waitForTimeout(WARM_UP_MS);
  await browser.startTracing(page, { categories: ['devtools.timeline'] });
  await page.waitForTimeout(MEASURE_MS);
  const trace = JSON.parse((await browser.stopTracing()).toString());
  const frames = trace.traceEvents
    .filter((event) => event.name === 'FireAnimationFrame' && event.ph === 'X' && typeof event.dur === 'number')
    .map((event) => event.dur / 1000)
    .sort((a, b) => a - b);
  if (frames.length === 0) throw new Error('no animation frames in the trace');
  const at = (q) => frames[Math.min(frames.length - 1, Math.floor(q * frames.length))];
  const pods = await page.$$eval('#scene .pod', (nodes) => nodes.length);
  const markers = await page.$eval('#scene .markers', (g) => g.children.length);
  const answered = await page.$eval('#request-log tbody tr', (tr) => tr.id);
  console.log(`frames measured: ${frames.length} over ${MEASURE_MS / 1000} s; pods on screen: ${pods}; requests in flight now: ${markers}; latest answered: ${answered}`);
  console.log(`script time per frame: p50 ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, p99 ${at(0.99).toFixed(2)} ms, max ${frames.at(-1).toFixed(2)} ms`);
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  await page.context().close();
  return at(0.95);
}

await medianOfRuns('frame script p95', P95_BUDGET_MS, measure);
