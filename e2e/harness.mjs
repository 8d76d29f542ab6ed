// Shared by the end-to-end tests: a static server for the release build under a sub-path,
// and a headless Chromium page that records every request and every error.
import http from 'node:http';
import http2 from 'node:http2';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { constants as zlib, gzipSync, brotliCompressSync } from 'node:zlib';
import { readFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = process.env.ADDER_LAB_DIST ?? path.join(ROOT, 'dist');
export const SCREENSHOTS = path.join(ROOT, 'target', 'e2e-screenshots');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Serves `dist` at `base` (e.g. "/course/adder-lab/") on a free loopback port; 404 elsewhere.
 * `types` sets the content type of some extensions (e.g. { '.wasm': 'application/octet-stream' }).
 * `hosting: true` serves as the common static hosts do (GitHub Pages, Netlify, Cloudflare
 * Pages; for the speed benchmarks): HTTPS with HTTP/2, compressed when the browser accepts it
 * (`encoding`: 'gzip', as GitHub Pages does, or 'br'), and a long cache for the hashed files.
 * Its certificate is self-signed (made with `openssl`): the browser must ignore certificate
 * errors.
 */
export async function serve(dist = DIST, base = '/course/adder-lab/', { hosting = false, encoding = 'gzip', types = {} } = {}) {
  const served = [];
  const compressed = new Map();
  const handle = async (request, response) => {
    const url = new URL(request.url, 'http://localhost');
    served.push(url.pathname);
    if (!url.pathname.startsWith(base)) {
      response.writeHead(404).end('outside the sub-path');
      return;
    }
    // A folder is served by its index.html, as static hosts do (the compare page is compare/).
    let relative = decodeURIComponent(url.pathname.slice(base.length));
    if (relative === '' || relative.endsWith('/')) relative += 'index.html';
    const file = path.join(dist, relative);
    if (!file.startsWith(dist + path.sep)) {
      response.writeHead(403).end();
      return;
    }
    try {
      let body = await readFile(file);
      // `types` overrides a type, as some hosts serve .wasm as application/octet-stream.
      const extension = path.extname(file);
      const headers = { 'content-type': types[extension] ?? TYPES[extension] ?? 'application/octet-stream' };
      if (hosting) {
        if (/-[0-9a-f]{8,16}(_bg)?\.\w+$/.test(file)) headers['cache-control'] = 'public, max-age=31536000, immutable';
        const accepted = (request.headers['accept-encoding'] ?? '').split(/\s*,\s*/);
        if (path.extname(file) !== '.png' && accepted.includes(encoding)) {
          // Compressed once per file, as a host's cache would: the time to compress is not the
          // server's response time (brotli's best level takes a second on the wasm).
          if (!compressed.has(file)) compressed.set(file, encoding === 'br' ? brotli(body) : gzipSync(body, { level: 9 }));
          body = compressed.get(file);
          headers['content-encoding'] = encoding;
        }
      }
      response.writeHead(200, headers);
      response.end(body);
    } catch {
      response.writeHead(404).end('not found');
    }
  };
  const server = hosting
    ? http2.createSecureServer({ ...(await selfSignedCertificate()), allowHTTP1: true }, handle)
    : http.createServer(handle);
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `${hosting ? 'https' : 'http'}://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: origin + base,
    served,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const brotli = (body) =>
  brotliCompressSync(body, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: body.length } });

/** A key and a certificate for 127.0.0.1, valid for a day (HTTP/2 in browsers needs TLS). */
async function selfSignedCertificate() {
  const folder = await mkdtemp(path.join(tmpdir(), 'adder-lab-cert-'));
  const [key, cert] = [path.join(folder, 'key.pem'), path.join(folder, 'cert.pem')];
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1',
  ], { stdio: 'ignore' });
  const pair = { key: await readFile(key), cert: await readFile(cert) };
  await rm(folder, { recursive: true });
  return pair;
}

export async function launchBrowser() {
  const executablePath = process.env.CHROME;
  if (!executablePath) throw new Error('CHROME is not set: scripts/test.sh sets it to the Chromium it found');
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Opens the app and waits until it has rendered. `foreign` collects every request to another
 * origin, `errors` every uncaught error, console error and Rust panic.
 */
export async function openApp(browser, url, options = {}) {
  // `ready`: what shows the page has mounted (the compare page has no adder card). By default
  // the main page's whole lab, whose run details are mounted last.
  const { ready = LAB_READY, ...contextOptions } = options;
  const opened = await openPage(browser, url, { viewport: { width: 1100, height: 800 }, ...contextOptions });
  // Attached, not visible: in embed mode the one-server cards are rendered but hidden.
  await opened.page.waitForSelector(ready, { state: 'attached' });
  return opened;
}

/**
 * Opens any page (a book, a docs site, an example) in a context of its own: `foreign` collects
 * every request to another origin or outside the sub-path `within`, `errors` every uncaught
 * error and console error (a failed load among them).
 */
export async function openPage(browser, url, { within = '/', ...contextOptions } = {}) {
  // The offline worker is blocked unless a test asks for it (`serviceWorkers: 'allow'`, as
  // e2e/offline.test.mjs does): filling its cache would add its fetches to every test.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'block', ...contextOptions });
  const page = await context.newPage();
  const origin = new URL(url).origin;
  const foreign = [];
  const errors = [];
  page.on('request', (request) => {
    const requested = new URL(request.url());
    if (requested.protocol === 'data:') return;
    if (requested.origin !== origin || !requested.pathname.startsWith(within)) foreign.push(request.url());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(url);
  return { page, context, foreign, errors };
}

/** The main page's live first screen (not its pre-rendered copy). */
export const LIVE = 'html[data-live] #adder-input';
/** The main page's lab, mounted in tasks after the live first screen (the details last). */
export const LAB_READY = 'html[data-live] #request-log';

/** Saves a screenshot of the whole page, or of one element (e.g. '.playground'). */
export async function screenshot(page, name, selector) {
  await mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  if (selector) await page.locator(selector).screenshot({ path: file });
  else await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * For a test file: serves the release build under the sub-path and launches the browser before
 * its tests, closes both after. `site.open(query, options)` opens the app with that query.
 */
export function useSite() {
  const site = {
    server: null,
    browser: null,
    open: (query = '', options = {}) =>
      openApp(site.browser, query ? `${site.server.url}?${query}` : site.server.url, options),
  };
  before(async () => {
    site.server = await serve();
    site.browser = await launchBrowser();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}

/** The text of the first element matching `selector`. */
// Waits for the element: the main page's lab is mounted a little after the page has loaded.
export const text = (page, selector) => page.locator(selector).first().textContent();

/** Plays at 16x until the page's clock passes `ms`, then pauses. */
export async function playPast(page, ms) {
  await page.selectOption('#speed', '6');
  if ((await text(page, '#play')) === 'Play') await page.click('#play');
  await page.waitForFunction(
    (target) => {
      const [, s, t] = document.querySelector('.clock').textContent.match(/t = (\d+)\.(\d) s/);
      return Number(s) * 1000 + Number(t) * 100 > target;
    },
    ms,
    { timeout: 60_000 },
  );
  await page.click('#play');
}

export const clockMs = async (page) => {
  const [, seconds, tenths] = (await text(page, '.clock')).match(/t = (\d+)\.(\d) s/);
  return Number(seconds) * 1000 + Number(tenths) * 100;
};
/** Moves the timeline's slider to `ms` as a drag would (an input event). */
export const scrubTo = (page, ms) =>
  page.$eval(
    '#timeline',
    (slider, value) => {
      slider.value = String(value);
      slider.dispatchEvent(new Event('input', { bubbles: true }));
    },
    ms,
  );
/** What the learner reads at this moment: the clock, the request log, the strips, the totals. */
export const moment = (page) =>
  page.evaluate(() => ({
    clock: document.querySelector('.clock').textContent,
    log: [...document.querySelectorAll('#request-log tbody tr')].map((tr) => tr.textContent),
    strips: document.querySelector('#clients').textContent,
    totals: document.querySelector('#totals').textContent,
  }));

/** The YAML panel's text: opens the panel (which loads the terminal's bundle, where the YAML is
 * made) and waits until it holds the scene's YAML. */
export async function sceneYaml(page) {
  if (!(await page.$eval('details.yaml', (details) => details.open))) await page.click('details.yaml > summary');
  await page.waitForFunction(() => !document.querySelector('#yaml').hasAttribute('aria-busy'), null, { timeout: 15_000 });
  return page.textContent('#yaml');
}
