// Time from pressing Apply to its answer under the editor, in headless Chromium: the
// three-tier scene (16 adder pods, 200 requests/s in all) running at 4x while its own
// manifests are applied with the replicas changed each time (15, 16, 15, …: each apply
// configures the Deployment and records a scale). Exits 1 when the median p95 of three runs
// is over the budget (100 ms).
import { openApp } from '../harness.mjs';
import { medianOfRuns } from './median.mjs';
import { BUSY_PLAYGROUND_QUERY, describeTimes, quantile } from './load.mjs';

const P95_BUDGET_MS = 100;
const APPLIES = 24;
const QUERY = BUSY_PLAYGROUND_QUERY.replace('scenario=adder-memory', 'scenario=three-tier');

/** Puts `text` in the editor, presses Apply, and resolves with the ms until the answer shows. */
const timeOne = (page, text) =>
  page.evaluate(
    (text) =>
      new Promise((resolve) => {
        const editor = document.querySelector('#yaml-editor');
        const result = document.querySelector('#yaml-result');
        editor.value = text;
        const start = performance.now();
        const observer = new MutationObserver(() => {
          observer.disconnect();
          resolve(performance.now() - start);
        });
        observer.observe(result, { childList: true, characterData: true, subtree: true });
        document.querySelector('#yaml-apply').click();
      }),
    text,
  );

async function measure(browser, server) {
  const { page, errors } = await openApp(browser, `${server.url}?${QUERY}`, { viewport: { width: 1280, height: 900 } });
  await page.selectOption('#speed', '4'); // 4x
  await page.waitForTimeout(3_000);
  await page.click('details.yaml > summary');
  await page.click('#yaml-edit');
  await page.waitForSelector('#yaml-editor');
  const yaml = await page.inputValue('#yaml-editor');
  if (!yaml.includes('replicas: 16')) throw new Error('the scene should run 16 adder pods');
  // The first apply rebuilds the worker's copy of the run from its link: not an apply's latency.
  const first = await timeOne(page, yaml);
  const times = [];
  for (let index = 0; index < APPLIES; index++) {
    const replicas = index % 2 === 0 ? 15 : 16;
    times.push(await timeOne(page, yaml.replace('replicas: 16', `replicas: ${replicas}`)));
  }
  const answer = await page.textContent('#yaml-result');
  if (!answer.includes('deployment.apps/adder configured')) throw new Error(`unexpected answer: ${answer}`);
  times.sort((a, b) => a - b);
  console.log(`first apply (the worker rebuilds the run): ${first.toFixed(1)} ms; then ${times.length} applies of ${yaml.split('\n---\n').length} documents`);
  console.log(`Apply to answer: ${describeTimes(times)}`);
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  await page.context().close();
  return quantile(times, 0.95);
}

await medianOfRuns('apply answer p95', P95_BUDGET_MS, measure);
