// Time to seek in a long busy run, in headless Chromium: adder-memory at 16 pods and 200
// requests/s is played to 10 minutes of virtual time, paused, then the timeline's slider is moved
// to 80 moments spread over the run (scattered order). Each seek is timed from the input event
// until its script is done: the handler and the microtasks it queued (Leptos's DOM updates; the
// clock is checked to show the new moment then). That is the budgeted figure, like the frame
// budget's script time. The time until the next frame has been drawn (style, layout, paint too)
// is printed beside it. Exits 1 when the median script p95 of three runs is over the budget.
import { openApp } from '../harness.mjs';
import { medianOfRuns } from './median.mjs';
import { BUSY_PLAYGROUND_QUERY } from './load.mjs';

const RUN_MS = 600_000;
const SEEKS = 80;
const P95_BUDGET_MS = 16;

async function measure(browser, server) {
  const { page, errors } = await openApp(browser, `${server.url}?${BUSY_PLAYGROUND_QUERY}`, { viewport: { width: 1280, height: 900 } });
  await page.selectOption('#speed', '6'); // 16x: ten virtual minutes in under 40 s
  await page.waitForFunction(
    (end) => Number(document.querySelector('#timeline').max) >= end,
    RUN_MS,
    { timeout: 240_000, polling: 500 },
  );
  await page.click('#play');
  const times = await page.evaluate(async ({ seeks, runMs }) => {
    const slider = document.querySelector('#timeline');
    // Leptos updates the DOM in microtasks; a long chain of awaits runs after all of them.
    const afterMicrotasks = async () => {
      for (let hop = 0; hop < 200; hop++) await null;
    };
    const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
    const out = [];
    for (let i = 0; i < seeks; i++) {
      const at = Math.floor(((i * 37) % seeks) * (runMs / seeks) / 100) * 100;
      await nextFrame();
      await new Promise((resolve) => setTimeout(resolve, 20));
      const started = performance.now();
      slider.value = String(at);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      await afterMicrotasks();
      const script = performance.now() - started;
      const shown = document.querySelector('.clock').textContent;
      const expected = `t = ${Math.floor(at / 1000)}.${Math.floor((at % 1000) / 100)} s`;
      if (shown !== expected) throw new Error(`after the seek to ${at} the clock shows ${shown}`);
      await nextFrame();
      await nextFrame();
      out.push([script, performance.now() - started]);
    }
    return out;
  }, { seeks: SEEKS, runMs: RUN_MS });
  const quantile = (values, q) => values[Math.min(values.length - 1, Math.floor(q * values.length))];
  const script = times.map(([s]) => s).sort((a, b) => a - b);
  const drawn = times.map(([, d]) => d).sort((a, b) => a - b);
  const pods = await page.$$eval('#scene .pod', (nodes) => nodes.length);
  console.log(`seeks: ${times.length} over ${RUN_MS / 60_000} min; pods on screen: ${pods}; script p50 ${quantile(script, 0.5).toFixed(2)} ms, p95 ${quantile(script, 0.95).toFixed(2)} ms, max ${script.at(-1).toFixed(2)} ms; until the next frame is drawn p50 ${quantile(drawn, 0.5).toFixed(2)} ms, p95 ${quantile(drawn, 0.95).toFixed(2)} ms`);
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  await page.context().close();
  return quantile(script, 0.95);
}

await medianOfRuns('seek script p95', P95_BUDGET_MS, measure);
