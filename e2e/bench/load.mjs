// What the benchmarks share: the busy scene they load and how a frame's script time is read.

/** Each of the three clients' rate for 200 requests/s in all, per minute. */
export const PER_CLIENT_PER_MINUTE = Math.round((200 * 60) / 3);

/** The budgeted playground scene: adder-memory scaled to 16 pods, 200 requests/s in all. */
export const BUSY_PLAYGROUND_QUERY = `scenario=adder-memory&seed=1&actions=0.n.16~${[0, 1, 2]
  .map((client) => `0.r.${client}.${PER_CLIENT_PER_MINUTE}`)
  .join('~')}`;

/**
 * Script time of every animation frame during `ms`, from a Chrome trace, sorted: each
 * FireAnimationFrame event covers the frame callback and the microtasks it queued (Leptos's DOM
 * updates), i.e. all the script the app runs for one frame.
 */
export async function frameScriptTimes(browser, page, ms) {
  await browser.startTracing(page, { categories: ['devtools.timeline'] });
  await page.waitForTimeout(ms);
  const trace = JSON.parse((await browser.stopTracing()).toString());
  const frames = trace.traceEvents
    .filter((event) => event.name === 'FireAnimationFrame' && event.ph === 'X' && typeof event.dur === 'number')
    .map((event) => event.dur / 1000)
    .sort((a, b) => a - b);
  if (frames.length === 0) throw new Error('no animation frames in the trace');
  return frames;
}

/** The q-quantile of sorted times. */
export const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** One line for the log: p50/p95/p99/max. */
export const describeTimes = (sorted) =>
  `p50 ${quantile(sorted, 0.5).toFixed(2)} ms, p95 ${quantile(sorted, 0.95).toFixed(2)} ms, p99 ${quantile(sorted, 0.99).toFixed(2)} ms, max ${sorted.at(-1).toFixed(2)} ms`;
