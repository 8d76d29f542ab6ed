// The playground's terminal (issue 24, first part): opened on demand, it fetches its worker
// (and nothing before), runs `kubectl get` against the scene as it is, prints kubectl's table,
// recalls lines with ↑, words mistakes as kubectl does, and axe finds nothing wrong with it open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { useSite, playPast } from './harness.mjs';

const site = useSite();
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

async function run(page, line, expect) {
  await page.fill('#terminal-input', line);
  await page.press('#terminal-input', 'Enter');
  await page.waitForFunction((text) => document.querySelector('#terminal-output').textContent.includes(text), expect, { timeout: 15_000 });
  // The console scrolls the prompt into view in the frame after it prints (once the page has
  // drawn what the line changed): measure the page as the learner will see it, two frames on.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
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
    // Wide: under the scene, with the stage's width, the scene whole above the prompt. Narrow:
    // with the controls, above the pinned stage.
    const place = await page.evaluate(() => {
      const terminal = document.querySelector('#terminal').getBoundingClientRect();
      const scene = document.querySelector('#scene').getBoundingClientRect();
      const input = document.querySelector('#terminal-input').getBoundingClientRect();
      return {
        inStage: document.querySelector('#stage-body').contains(document.querySelector('#terminal')),
        width: terminal.width,
        sceneTop: scene.top,
        sceneBottom: scene.bottom,
        inputBottom: input.bottom,
        stageTop: document.querySelector('#stage').getBoundingClientRect().top,
        height: innerHeight,
      };
    });
    if (viewport.width === 1280) {
      assert.ok(place.inStage && place.width > 800, `under the scene, wide: ${JSON.stringify(place)}`);
      assert.ok(place.sceneTop >= 0 && place.inputBottom <= place.height, `scene and prompt both in view: ${JSON.stringify(place)}`);
    } else {
      assert.ok(!place.inStage, 'with the controls on a phone');
      assert.ok(place.inputBottom <= place.stageTop, `the prompt above the pinned stage, not under it: ${JSON.stringify(place)}`);
    }
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


const podTitle = (page, name) => page.$eval(`#scene .pod[data-pod="${name}"] title`, (title) => title.textContent).catch(() => '');

for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 667 }]) {
  test(`kubectl delete pod adder-1 is the scene's delete: the pod comes back with data-adder-1 (${viewport.width} px)`, async () => {
    const { page, context, errors } = await site.open('scenario=statefulset-headless&seed=3', { viewport });
    await playPast(page, 12_000);
    await page.click('#terminal summary');
    await run(page, 'kubectl delete pod adder-1', 'pod "adder-1" deleted from default namespace');
    // The same recorded action as the button: in the scene, on the timeline, in the link.
    await page.waitForFunction(() => document.querySelector('#scene .pod[data-pod="adder-1"] title')?.textContent.includes('Terminating'));
    assert.match(page.url(), /actions=\d+\.d\.adder-1/);
    assert.equal(await page.locator('.marks .mark-action').count(), 1, 'the delete is marked on the timeline');
    // The StatefulSet makes adder-1 again, with the same name, on the same claim.
    await page.selectOption('#speed', '6');
    await page.click('#play');
    await page.waitForFunction(() => document.querySelector('#scene .pod[data-pod="adder-1"] title')?.textContent === 'adder-1: Ready', null, { timeout: 30_000 });
    await page.click('#play');
    assert.equal(await podTitle(page, 'adder-1'), 'adder-1: Ready');
    const text = await run(page, 'kubectl get pods,pvc', 'persistentvolumeclaim/data-adder-1');
    const podAge = Number(text.match(/\npod\/adder-1 {3}1\/1 {5}Running {3}0 {10}(\d+)s\n/)?.[1]);
    const claimAge = Number(text.match(/\npersistentvolumeclaim\/data-adder-1 {3}Bound {4}pvc-[0-9a-f-]{36} {3}1Gi .* (\d+)s\n/)?.[1]);
    assert.ok(podAge >= 0 && claimAge > podAge, `adder-1 is back and running (${podAge}s), on its older claim, still bound (${claimAge}s)`);
    // A name that is not there is the API server's NotFound, and changes nothing.
    const link = page.url();
    await run(page, 'kubectl delete pod adder-7', 'Error from server (NotFound): pods "adder-7" not found');
    assert.equal(page.url(), link);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('a command typed at a moment in the past forks the run there, as a button does', async () => {
  const { page, context, errors } = await site.open('scenario=adder-memory&seed=3', { viewport: { width: 1280, height: 800 } });
  await playPast(page, 20_000);
  await page.$eval('#timeline', (slider) => {
    slider.value = '10000';
    slider.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.waitForTimeout(100);
  await page.click('#terminal summary');
  // Reading commands read the moment the timeline shows.
  const age = await run(page, 'kubectl get deploy', 'UP-TO-DATE');
  assert.match(age, /\nadder {3}3\/3 {5}3 {12}3 {11}10s\n/);
  await run(page, 'kubectl scale deployment adder --replicas=1', 'deployment.apps/adder scaled');
  assert.match(await page.textContent('#timeline-status'), /^A new branch starts at 10\.0 s: the old run’s next \d+\.\d s were dropped\./);
  assert.match(page.url(), /actions=10000\.n\.1/);
  assert.equal(await page.getAttribute('#timeline', 'max'), '10000', 'the old future is gone');
  assert.deepEqual(errors, []);
  await context.close();
});

test('nslookup adder answers the ClusterIP in one scene and every ready pod in the headless one', async () => {
  const viewport = { width: 1280, height: 800 };
  const answers = {};
  for (const scenario of ['adder-memory', 'statefulset-headless']) {
    const { page, context, errors } = await site.open(`scenario=${scenario}&seed=3`, { viewport });
    await playPast(page, 10_000);
    await page.click('#terminal summary');
    const text = await run(page, 'nslookup adder', 'Server:');
    answers[scenario] = [...text.matchAll(/^Address: (\S+)$/gm)].map((match) => match[1]);
    assert.match(text, /^Name:\tadder\.default\.svc\.cluster\.local$/m);
    if (scenario === 'statefulset-headless') {
      const own = await run(page, 'nslookup adder-0.adder', 'adder-0.adder.default.svc.cluster.local');
      assert.match(own, /^Name:\tadder-0\.adder\.default\.svc\.cluster\.local\nAddress: 10\.244\.\d\.\d+$/m);
      const wide = await run(page, 'kubectl get pods -o wide', 'READINESS GATES');
      const podIps = [...wide.matchAll(/^adder-\d +1\/1 +Running .* (10\.244\.\d\.\d+) /gm)].map((match) => match[1]).sort();
      assert.deepEqual([...answers[scenario]].sort(), podIps, 'one A record per ready pod');
    }
    assert.deepEqual(errors, []);
    await context.close();
  }
  assert.deepEqual(answers['adder-memory'], ['10.96.8.21'], 'the ClusterIP Service answers its one virtual IP');
  assert.equal(answers['statefulset-headless'].length, 3);
});

for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 667 }]) {
test(`curl sends a request from the debug pod, drawn in the scene, and prints the answer the scene gives (${viewport.width} px)`, async () => {
  const { page, context, errors } = await site.open('scenario=adder-memory&seed=3', { viewport });
  await playPast(page, 8_000);
  await page.click('#terminal summary');
  await page.fill('#terminal-input', 'curl http://adder/add?number=5');
  await page.press('#terminal-input', 'Enter');
  // Like curl, the prompt waits for the answer; the paused scene holds the request on its way.
  await page.waitForFunction(() => document.querySelector('#terminal-input').readOnly);
  assert.match(await page.getAttribute('#terminal-input', 'placeholder'), /waiting/);
  assert.match(await page.textContent('#terminal-output'), /on its way in the scene \(Play runs it\)/);
  assert.match(page.url(), /actions=\d+\.w\.s\.a5/);
  assert.ok((await page.textContent('#scene')).includes('debug'), 'the debug client is drawn with the others');
  // The debug client's new control above the terminal must not push the prompt under the stage.
  await page.waitForTimeout(100);
  const [inputBottom, stageTop, height] = await page.evaluate(() => [
    document.querySelector('#terminal-input').getBoundingClientRect().bottom,
    document.querySelector('#stage').getBoundingClientRect().top,
    innerHeight,
  ]);
  assert.ok(inputBottom <= height && (viewport.width > 1000 || inputBottom <= stageTop), `the prompt in view: ${inputBottom} / stage ${stageTop}`);
  await page.waitForFunction(() => [...document.querySelectorAll('#scene .markers > *')].some((marker) => marker.textContent.includes('+5')));
  await page.selectOption('#speed', '6');
  await page.click('#play');
  const text = await page.waitForFunction(() => {
    const out = document.querySelector('#terminal-output').textContent;
    return /\$ curl http:\/\/adder\/add\?number=5\n#[^\n]*\n(\d+)\n/.exec(out)?.[1];
  }, null, { timeout: 20_000 });
  const answer = await text.jsonValue();
  await page.click('#play');
  assert.equal(await page.getAttribute('#terminal-input', 'placeholder'), 'kubectl get pods -o wide');
  // The request log shows the same answer, to the debug client.
  const rows = await page.$$eval('#request-log tbody tr', (trs) => trs.map((tr) => tr.textContent));
  assert.ok(rows.some((row) => row.includes('debug') && row.includes(answer)), `the log has debug's answer ${answer}: ${rows.join(' | ')}`);
  assert.deepEqual(errors, []);
  await context.close();
});
}

test('exec reads the file the scene shows, describe and logs read the pod, drain moves a pod off its node', async () => {
  const { page, context, errors } = await site.open('scenario=statefulset-headless&seed=3', { viewport: { width: 1280, height: 800 } });
  await playPast(page, 15_000);
  await page.click('#terminal summary');
  const file = await page.$eval('#scene [data-claim="data-adder-0"]', (g) => g.textContent.match(/file: (\d+)/)[1]);
  const cat = await run(page, 'kubectl exec adder-0 -- cat /data/total', '$ kubectl exec adder-0 -- cat /data/total\n');
  assert.match(cat, new RegExp(`\\$ kubectl exec adder-0 -- cat /data/total\\n${file}\\n`), 'the file on adder-0\u2019s volume, as the scene draws it');
  const described = await run(page, 'kubectl describe pod adder-0', 'QoS Class:');
  assert.match(described, /\nControlled By:  StatefulSet\/adder\n/);
  assert.match(described, /\n    ClaimName:   data-adder-0\n/);
  const logs = await run(page, 'kubectl logs adder-0 --tail=1', '$ kubectl logs adder-0 --tail=1\n');
  assert.match(logs, /\$ kubectl logs adder-0 --tail=1\nt=\d+\.\d{3}s addAndReturnTotal\(\d+\) returned \d+\n/);
  // Drain the node adder-1 runs on: it terminates, and the StatefulSet makes it again elsewhere.
  const node = (await run(page, 'kubectl get pod adder-1 -o wide', 'READINESS GATES')).match(/\nadder-1 .* (node-\d) /)[1];
  await run(page, `kubectl drain ${node}`, `node/${node} drained`);
  await page.waitForFunction(() => document.querySelector('#scene .pod[data-pod="adder-1"] title')?.textContent === 'adder-1: Terminating');
  await page.click('#play');
  await page.waitForFunction(() => document.querySelector('#scene .pod[data-pod="adder-1"] title')?.textContent === 'adder-1: Ready', null, { timeout: 30_000 });
  await page.click('#play');
  const wide = await run(page, 'kubectl get pods -o wide', '$ kubectl get pods -o wide\nNAME');
  const moved = wide.split('$ kubectl get pods -o wide').at(-1).match(/\nadder-1 .* (node-\d) /)[1];
  assert.notEqual(moved, node, 'adder-1 runs on another node now');
  const nodes = await run(page, 'kubectl get nodes', '$ kubectl get nodes\nNAME');
  assert.match(nodes, new RegExp(`\\n${node} +Ready,SchedulingDisabled `));
  assert.deepEqual(errors, []);
  await context.close();
});
