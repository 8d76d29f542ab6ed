// Lighthouse (mobile preset: slow 4G, 4x CPU slowdown) on the release build served as the common
// static hosts serve it (HTTPS with HTTP/2, gzip as GitHub Pages does, long cache for hashed
// files) under a sub-path, against the installed Chromium: the root page, a lesson link and an
// embed link, each three times, the median of each figure checked against issue 13's goals.
// The embed link is also measured with brotli (Netlify, Cloudflare Pages), for information.
// Exits 1 when any goal is missed.
//
//   LIGHTHOUSE_HOME=<folder where lighthouse is installed> CHROME=… node e2e/bench/lighthouse.mjs
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { serve } from '../harness.mjs';

const RUNS = 3;
const GOALS = { score: 95, lcpMs: 2000, tbtMs: 150, cls: 0 };
const home = process.env.LIGHTHOUSE_HOME;
if (!home || !process.env.CHROME) throw new Error('set LIGHTHOUSE_HOME and CHROME');
const modules = path.join(path.resolve(home), 'node_modules');
const { default: lighthouse } = await import(pathToFileURL(path.join(modules, 'lighthouse/core/index.js')).href);
const chromeLauncher = await import(pathToFileURL(path.join(modules, 'chrome-launcher/dist/index.js')).href);

const servers = {
  gzip: await serve(undefined, undefined, { hosting: true, encoding: 'gzip' }),
  br: await serve(undefined, undefined, { hosting: true, encoding: 'br' }),
};
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROME,
  // The servers' certificate is self-signed.
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--ignore-certificate-errors'],
});
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
let missed = 0;
try {
  for (const [name, query, encoding, checked] of [
    ['root page', '', 'gzip', true],
    ['lesson link', '?lesson=scale-out', 'gzip', true],
    ['embed link', '?embed=1&scenario=statefulset-headless', 'gzip', true],
    ['embed link with brotli', '?embed=1&scenario=statefulset-headless', 'br', false],
  ]) {
    const runs = [];
    for (let run = 0; run < RUNS; run++) {
      const { lhr } = await lighthouse(`${servers[encoding].url}${query}`, {
        port: chrome.port,
        onlyCategories: ['performance'],
        logLevel: 'error',
        output: 'json',
      });
      const audit = (id) => lhr.audits[id].numericValue;
      runs.push({
        score: Math.round(lhr.categories.performance.score * 100),
        fcpMs: audit('first-contentful-paint'),
        lcpMs: audit('largest-contentful-paint'),
        tbtMs: audit('total-blocking-time'),
        cls: audit('cumulative-layout-shift'),
      });
    }
    const figure = (key) => median(runs.map((r) => r[key]));
    const result = { score: figure('score'), fcpMs: figure('fcpMs'), lcpMs: figure('lcpMs'), tbtMs: figure('tbtMs'), cls: figure('cls') };
    const misses = !checked ? [] : [
      result.score < GOALS.score && `score ${result.score} < ${GOALS.score}`,
      result.lcpMs > GOALS.lcpMs && `LCP ${Math.round(result.lcpMs)} ms > ${GOALS.lcpMs}`,
      result.tbtMs > GOALS.tbtMs && `TBT ${Math.round(result.tbtMs)} ms > ${GOALS.tbtMs}`,
      result.cls > GOALS.cls && `CLS ${result.cls.toFixed(3)} > ${GOALS.cls}`,
    ].filter(Boolean);
    missed += misses.length;
    console.log(
      `Lighthouse mobile, ${name}, median of ${RUNS}: performance ${result.score}, FCP ${Math.round(result.fcpMs)} ms, LCP ${Math.round(result.lcpMs)} ms, TBT ${Math.round(result.tbtMs)} ms, CLS ${result.cls.toFixed(3)}` +
        ` (scores ${runs.map((r) => r.score).join(', ')}) — ${!checked ? 'not checked' : misses.length ? `MISSED: ${misses.join('; ')}` : 'goals met'}`,
    );
  }
} finally {
  await chrome.kill();
  for (const server of Object.values(servers)) await server.close();
}
process.exitCode = missed ? 1 : 0;
