// The playground's terminal (issue 24, first part): opened on demand, it fetches its worker
// (and nothing before), runs `kubectl get` against the scene as it is, prints kubectl's table,
// recalls lines with ↑, words mistakes as kubectl does, and axe finds nothing wrong with it open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { useSite } from './harness.mjs';

const site = useSite();
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

async function run(page, line, expect) {
  await page.fill('#terminal-input', line);
  await page.press('#terminal-input', 'Enter');
  await page.waitForFunction((text) => document.querySelector('#terminal-output').textContent.includes(text), expect, { timeout: 15_000 });
  return page.textContent('#terminal-output');
}

for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 667 }]) {
  test(`kubectl get pods -o wide prints the scene's pods as kubectl does (${viewport.width} px)`, async () => {
    const { page, context, errors } = await site.open('scenario=statefulset-headless&seed=3', { viewport });
    const requested = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname));
    // Let the StatefulSet start its three pods, then stop the clock so the scene and the table
    // describe the same moment.
    await page.waitForFunction(() => document.querySelectorAll('#scene .pod').length === 3, null, { timeout: 20_000 });
    await page.waitForTimeout(3_000);
    await page.click('#play');
    assert.equal(requested.filter((path) => path.includes('/terminal/')).length, 0, 'nothing fetched before the terminal opens');
    await page.click('#terminal summary');
    await page.waitForFunction(() => document.activeElement?.id === 'terminal-input');
    const text = await run(page, 'kubectl get pods -o wide', 'READINESS GATES');
    assert.ok(requested.some((path) => path.endsWith('/terminal/adder-lab-terminal_bg.wasm')), 'the worker is fetched on first use');
    const lines = text.split('\n');
    assert.match(lines[1], /^NAME {6}READY {3}STATUS {4}RESTARTS {3}AGE {3}IP {11}NODE {5}NOMINATED NODE {3}READINESS GATES$/);
    const scenePods = await page.$$eval('#scene .pod title', (titles) => titles.map((t) => t.textContent.split(':')[0]).sort());
    const tablePods = lines.slice(2).filter((line) => /^adder-\d/.test(line)).map((line) => line.split(' ')[0]);
    assert.deepEqual(tablePods, scenePods, 'the table lists the pods the scene draws');
    for (const line of lines.slice(2, 5)) assert.match(line, /^adder-\d {3}1\/1 {5}Running {3}0 {10}\d+s +10\.244\.\d\.\d+ +node-\d +<none> +<none>$/);
    // A mistake gets kubectl's own words; ↑ recalls the lines typed, newest first.
    await run(page, 'kubectl get pod nope', 'Error from server (NotFound): pods "nope" not found');
    await page.press('#terminal-input', 'ArrowUp');
    assert.equal(await page.inputValue('#terminal-input'), 'kubectl get pod nope');
    await page.press('#terminal-input', 'ArrowUp');
    assert.equal(await page.inputValue('#terminal-input'), 'kubectl get pods -o wide');
    await page.press('#terminal-input', 'ArrowDown');
    await page.press('#terminal-input', 'ArrowDown');
    assert.equal(await page.inputValue('#terminal-input'), '');
    // `clear` empties the screen.
    await page.fill('#terminal-input', 'clear');
    await page.press('#terminal-input', 'Enter');
    assert.equal(await page.textContent('#terminal-output'), '');
    // The output is a polite live region, the input has a name, and axe is content.
    assert.equal(await page.getAttribute('#terminal-output', 'role'), 'log');
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run('#terminal', { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
