// The course packages (issue 26) in a real SCORM runtime: scorm-again's LMS-side API (pinned in
// package.json) on a host page that frames the unzipped package from the same origin, as an LMS
// does. The learner predicts and runs steps; the runtime's data holds the interactions, the
// status, the progress and where to resume; a relaunch resumes there. Every file the manifest
// names is in the zip; the app starts when its .wasm is served as application/octet-stream.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFile, writeFile, mkdtemp, cp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT, serve, launchBrowser, openPage, LAB_READY } from './harness.mjs';

const PACKAGES = process.env.ADDER_LAB_PACKAGES ?? path.join(ROOT, 'packages');
// The browser build beside the package's main file (its exports map hides dist/ by name).
const SCORM_AGAIN = path.join(path.dirname(createRequire(import.meta.url).resolve('scorm-again')), 'scorm-again.min.js');

let browser;
before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});

/** The names in a zip's central directory. */
function zipNames(zip) {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const names = [];
  for (let i = 0; i < count; i++) {
    const [nameLength, extra, comment] = [zip.readUInt16LE(at + 28), zip.readUInt16LE(at + 30), zip.readUInt16LE(at + 32)];
    names.push(zip.toString('utf8', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extra + comment;
  }
  return names;
}

const unescapeXml = (text) => text.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

for (const [edition, name] of [['1.2', 'adder-lab-scorm12'], ['2004', 'adder-lab-scorm2004']]) {
  test(`SCORM ${edition}: the manifest is at the zip's root and names only files the zip holds`, async () => {
    const zip = await readFile(path.join(PACKAGES, `${name}.zip`));
    const names = zipNames(zip);
    assert.ok(names.includes('imsmanifest.xml'));
    const manifest = await readFile(path.join(PACKAGES, name, 'imsmanifest.xml'), 'utf8');
    assert.match(manifest, new RegExp(`<schemaversion>${edition === '1.2' ? '1\\.2' : '2004 4th Edition'}</schemaversion>`));
    const hrefs = [...manifest.matchAll(/(?:href)="([^"]+)"/g)].map(([, href]) => unescapeXml(href).split('?')[0]);
    assert.ok(hrefs.length > 10);
    for (const href of hrefs) assert.ok(names.includes(href), `${href} is in the zip`);
    // Every file the app loads is listed, and nothing points elsewhere.
    for (const file of names.filter((file) => file !== 'imsmanifest.xml')) assert.ok(hrefs.includes(file), `${file} is listed`);
    assert.ok(names.includes('index.html') && names.includes('scorm/index.html') && names.some((file) => file.startsWith('terminal/')));
  });
}

/** An LMS for the test: a host page with scorm-again's runtime, keeping its data across launches. */
async function lmsSite(name, { wasmType } = {}) {
  const folder = await mkdtemp(path.join(tmpdir(), 'adder-lab-lms-'));
  await cp(path.join(PACKAGES, name), path.join(folder, 'package'), { recursive: true });
  await cp(SCORM_AGAIN, path.join(folder, 'scorm-again.min.js'));
  const manifest = await readFile(path.join(folder, 'package', 'imsmanifest.xml'), 'utf8');
  const launch = unescapeXml(manifest.match(/adlcp:scorm[tT]ype="sco" href="([^"]+)"/)[1]);
  const edition = name.endsWith('12') ? '12' : '2004';
  await writeFile(
    path.join(folder, 'host.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LMS</title><link rel="icon" href="data:,">
<script src="scorm-again.min.js"></script>
<script>
  // What an LMS keeps of an attempt between launches: the data the content may read back.
  const key = 'lms-${edition}';
  const api = ${edition === '12' ? 'new Scorm12API' : 'new Scorm2004API'}({ autocommit: false, logLevel: 5 });
  const kept = JSON.parse(localStorage.getItem(key) || 'null');
  if (kept) api.loadFromJSON(kept, '');
  window.${edition === '12' ? 'API' : 'API_1484_11'} = api;
  window.snapshots = [];
  api.on('${edition === '12' ? 'LMSCommit' : 'Commit'}', () => {
    const cmi = JSON.parse(JSON.stringify(api.cmi));
    window.snapshots.push(cmi);
    const resume = ${edition === '12' ? "{ core: { lesson_location: cmi.core.lesson_location }, suspend_data: cmi.suspend_data }" : '{ location: cmi.location, suspend_data: cmi.suspend_data }'};
    localStorage.setItem(key, JSON.stringify(resume));
  });
  // How the last session ended, as the LMS recorded it.
  api.on('${edition === '12' ? 'LMSFinish' : 'Terminate'}', () => {
    localStorage.setItem(key + '-ended', JSON.stringify(api.cmi));
  });
</script></head>
<body style="margin:0"><iframe id="sco" title="course" src="package/${launch}" style="display:block;width:100vw;height:100vh;border:0"></iframe></body></html>`,
  );
  const site = await serve(folder, '/lms/', { types: wasmType ? { '.wasm': wasmType } : {} });
  return { site, folder };
}

/** The app's frame inside the launch page's frame. */
async function appFrame(page) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const frame = page.frames().find((frame) => /\/package\/(compare\/)?(index\.html)?\?/.test(frame.url()));
    if (frame) {
      await frame.waitForSelector(LAB_READY, { state: 'attached', timeout: 30_000 });
      return frame;
    }
    assert.ok(Date.now() < deadline, 'the app is framed');
    await page.waitForTimeout(100);
  }
}

/** Predicts the first choice, runs the open step to its answer; returns the step's id. */
async function predictAndRun(frame) {
  const id = await frame.getAttribute('[aria-current="step"]', 'data-lesson');
  await frame.locator('#lesson-question input[type=radio]').first().check();
  await frame.click('#lesson-run');
  if (await frame.locator('#lesson-skip').isVisible()) await frame.click('#lesson-skip');
  await frame.waitForFunction(() => document.querySelector('#lesson-answer').textContent.length > 0, null, { timeout: 30_000 });
  return id;
}

const latest = (page) => page.evaluate(() => window.snapshots.at(-1));

test('SCORM 2004 in scorm-again: interactions, progress and location recorded; a relaunch resumes there', async () => {
  const { site, folder } = await lmsSite('adder-lab-scorm2004');
  try {
    const { page, context, errors, foreign } = await openPage(browser, site.url + 'host.html', { within: '/lms/' });
    let frame = await appFrame(page);
    const first = await predictAndRun(frame);
    assert.equal(first, 'one-server');
    await frame.click('#lesson-next');
    await frame.waitForFunction(() => document.querySelector('[aria-current="step"]')?.dataset.lesson === 'scale-out');
    const second = await predictAndRun(frame);
    await page.waitForFunction(() => window.snapshots.length >= 3);
    const cmi = await latest(page);
    assert.equal(cmi.completion_status, 'incomplete');
    assert.equal(cmi.progress_measure, '0.1666667');
    assert.equal(cmi.location, 'went-down', 'the next step is where to resume');
    const interactions = Object.values(cmi.interactions.childArray ?? cmi.interactions);
    assert.equal(interactions.length, 2);
    assert.deepEqual(interactions.map((interaction) => [interaction.id, interaction.type]), [[first, 'choice'], [second, 'choice']]);
    const [answered] = interactions;
    assert.match(answered.learner_response, /^[a-z0-9-]+$/);
    assert.ok(['correct', 'incorrect'].includes(answered.result));
    assert.match(answered.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d\dZ$/);
    const pattern = Object.values(answered.correct_responses.childArray ?? answered.correct_responses)[0].pattern;
    assert.equal(answered.result === 'correct', pattern === answered.learner_response);
    // Relaunch: the page goes away (the session ends, suspended) and the LMS launches it again.
    await page.reload();
    frame = await appFrame(page);
    const ended = await page.evaluate(() => JSON.parse(localStorage.getItem('lms-2004-ended')));
    assert.equal(ended.exit, 'suspend');
    assert.match(ended.session_time, /^PT\d+H\d+M\d+\.\d\dS$/);
    // Opened at the step after the last one revealed (the app then writes its own query).
    assert.match(frame.url(), /\/package\/index\.html\?lesson=went-down(&|$)/);
    assert.match(await frame.textContent('#lesson-progress'), /^2 of 12 steps done/);
    // The frame's own page is scrolled to the step; the LMS's page around it is not moved.
    await frame.waitForFunction(() => {
      const title = document.querySelector('#lesson-title').getBoundingClientRect();
      return title.top >= 0 && title.bottom <= innerHeight;
    });
    assert.equal(await page.evaluate(() => scrollY), 0);
    assert.equal(await frame.getAttribute('[aria-current="step"]', 'data-lesson'), 'went-down');
    assert.deepEqual(foreign, []);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await site.close();
    await rm(folder, { recursive: true });
  }
});

test('SCORM 2004: revealing every step, the closing one on the compare page, completes the attempt', async () => {
  const { site, folder } = await lmsSite('adder-lab-scorm2004');
  try {
    const { page, context, errors } = await openPage(browser, site.url + 'host.html', { within: '/lms/' });
    const frame = await appFrame(page);
    for (let step = 1; step <= 11; step++) {
      await predictAndRun(frame);
      await frame.click('#lesson-next');
    }
    // Step 11's "Next step" is the compare page's closing step, in the same frame.
    await frame.waitForSelector('#compare-lesson', { timeout: 30_000 });
    await frame.check('#compare-lesson-question input[value="1"]');
    await frame.click('#compare-lesson-run');
    await frame.waitForSelector('#compare-lesson-answer p', { timeout: 60_000 });
    await page.waitForFunction(() => window.snapshots.at(-1)?.completion_status === 'completed', null, { timeout: 10_000 });
    const cmi = await latest(page);
    assert.equal(cmi.progress_measure, '1');
    const interactions = Object.values(cmi.interactions.childArray ?? cmi.interactions);
    assert.equal(interactions.length, 12);
    assert.equal(interactions.at(-1).id, 'compare-all');
    assert.equal(cmi.location, 'compare-all');
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await site.close();
    await rm(folder, { recursive: true });
  }
});

test('SCORM 1.2 in scorm-again: the attempt is incomplete, the step an interaction', async () => {
  const { site, folder } = await lmsSite('adder-lab-scorm12');
  try {
    const { page, context, errors } = await openPage(browser, site.url + 'host.html', { within: '/lms/' });
    const frame = await appFrame(page);
    await predictAndRun(frame);
    await page.waitForFunction(() => window.snapshots.length >= 2);
    const cmi = await latest(page);
    assert.equal(cmi.core.lesson_status, 'incomplete');
    assert.equal(cmi.core.lesson_location, 'scale-out');
    const [interaction] = Object.values(cmi.interactions.childArray ?? cmi.interactions);
    assert.equal(interaction.id, 'one-server');
    assert.match(interaction.student_response, /^[a-z0-9-]+$/);
    assert.match(interaction.time, /^\d\d:\d\d:\d\d$/);
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await site.close();
    await rm(folder, { recursive: true });
  }
});

test('on a phone, the launch opens the step with its question and Run button clear of the pinned scene', async () => {
  const { site, folder } = await lmsSite('adder-lab-scorm2004');
  try {
    const { page, context, errors } = await openPage(browser, site.url + 'host.html', { within: '/lms/', viewport: { width: 375, height: 667 } });
    const frame = await appFrame(page);
    await frame.waitForFunction(() => {
      const run = document.querySelector('#lesson-run').getBoundingClientRect();
      const top = document.elementFromPoint(run.left + run.width / 2, run.top + run.height / 2);
      return run.top >= 0 && top?.id === 'lesson-run';
    });
    // Nothing of the answer before the learner predicts.
    assert.equal(await frame.textContent('#lesson-answer'), '');
    assert.equal(await page.evaluate(() => scrollY), 0);
    await page.screenshot({ path: path.join(ROOT, 'target', 'e2e-screenshots', 'scorm-launch-375.png') });
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await site.close();
    await rm(folder, { recursive: true });
  }
});

test('the app starts when the LMS serves its .wasm as application/octet-stream', async () => {
  const { site, folder } = await lmsSite('adder-lab-scorm2004', { wasmType: 'application/octet-stream' });
  try {
    const { page, context, errors } = await openPage(browser, site.url + 'host.html', { within: '/lms/' });
    const frame = await appFrame(page);
    assert.equal(await frame.getAttribute('[aria-current="step"]', 'data-lesson'), 'one-server');
    assert.deepEqual(errors, []);
    await context.close();
  } finally {
    await site.close();
    await rm(folder, { recursive: true });
  }
});
