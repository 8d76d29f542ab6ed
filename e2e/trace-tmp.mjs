import { serve, launchBrowser } from './harness.mjs';
const server = await serve(undefined, undefined, { hosting: true });
const browser = await launchBrowser();
const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
await browser.startTracing(page, { categories: ['devtools.timeline', 'v8', 'disabled-by-default-devtools.timeline'] });
await page.goto(server.url + (process.env.Q ?? ''));
await page.waitForSelector('#adder-input', { state: 'attached' });
await page.waitForTimeout(3000);
const trace = JSON.parse((await browser.stopTracing()).toString());
const main = trace.traceEvents.filter((e) => e.name === 'RunTask' && e.dur > 50000).map((e) => ({ ts: e.ts, dur: e.dur / 1000, tid: e.tid }));
console.log('long tasks', main);
for (const task of main) {
  const inside = trace.traceEvents.filter((e) => e.tid === task.tid && e.ts >= task.ts && e.ts <= task.ts + task.dur * 1000 && e.dur > 10000 && e.name !== 'RunTask');
  console.log('--- task', task.dur.toFixed(0), 'ms');
  console.log(inside.map((e) => `${e.name} ${(e.dur / 1000).toFixed(1)}ms ${JSON.stringify(e.args?.data?.url ?? e.args?.data?.functionName ?? '').slice(0, 80)}`).join('\n'));
}
await browser.close(); await server.close();
