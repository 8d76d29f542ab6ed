// The machines are shared and noisy: a benchmark measures three times, each in a fresh page, and
// the median decides. Prints every run and the verdict; sets the exit code when over the budget.
import { serve, launchBrowser } from '../harness.mjs';

const RUNS = 3;

/** Runs `measure(browser, server)` (which returns one p95, in ms) three times against `budgetMs`. */
export async function medianOfRuns(label, budgetMs, measure) {
  const server = await serve();
  const browser = await launchBrowser();
  try {
    const p95s = [];
    for (let run = 0; run < RUNS; run++) p95s.push(await measure(browser, server));
    const median = [...p95s].sort((a, b) => a - b)[Math.floor(RUNS / 2)];
    const verdict = median <= budgetMs ? 'within' : 'OVER';
    console.log(`${label}, median of ${RUNS} runs: ${median.toFixed(2)} ms (runs: ${p95s.map((p) => p.toFixed(2)).join(', ')}) — ${verdict} the ${budgetMs} ms budget`);
    process.exitCode = median <= budgetMs ? 0 : 1;
  } finally {
    await browser.close();
    await server.close();
  }
}
