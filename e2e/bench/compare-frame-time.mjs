// Script time per animation frame of the compare page, from a Chrome trace (`load.mjs`): the
// story's three designs side by side (in-memory Deployment, shared volume with a lock,
// StatefulSet), each scaled to 5 pods, fed 200 requests/s in all, at 4x speed. Exits 1 when the
// median p95 of three runs is over the budget (issue 12: 6 ms).
import { openApp } from '../harness.mjs';
import { medianOfRuns } from './median.mjs';
import { PER_CLIENT_PER_MINUTE, describeTimes, frameScriptTimes, quantile } from './load.mjs';

const P95_BUDGET_MS = 6;
const WARM_UP_MS = 3_000;
const MEASURE_MS = 6_000;
const rates = [0, 1, 2].map((client) => `0.a.r.${client}.${PER_CLIENT_PER_MINUTE}`).join('~');
const query = `compare=adder-memory.shared-volume-lock.statefulset-headless&seed=1&actions=0.a.n.5~${rates}`;

async function measure(browser, server) {
  const { page, errors } = await openApp(browser, `${server.url}compare/?${query}`, { viewport: { width: 1280, height: 900 }, ready: '.lane' });
  await page.selectOption('#compare-speed', '4'); // 4x
  await page.waitForTimeout(WARM_UP_MS);
  const frames = await frameScriptTimes(browser, page, MEASURE_MS);
  const pods = await page.$$eval('.lane-scene .pod', (nodes) => nodes.length);
  const markers = await page.$$eval('.lane-scene .markers', (groups) => groups.map((g) => g.children.length).join(' / '));
  const clock = await page.textContent('.clock');
  console.log(`frames measured: ${frames.length} over ${MEASURE_MS / 1000} s; pods on screen: ${pods}; requests in flight per lane: ${markers}; ${clock}`);
  console.log(`script time per frame: ${describeTimes(frames)}`);
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  await page.context().close();
  return quantile(frames, 0.95);
}

await medianOfRuns('compare frame script p95 (3 lanes x 5 pods)', P95_BUDGET_MS, measure);
