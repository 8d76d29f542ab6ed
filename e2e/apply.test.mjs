// Manifests edited and applied (issue 24, second part): the YAML panel's "Edit and apply"
// loads the terminal's bundle and opens adder.yaml; Apply is `kubectl apply -f adder.yaml`,
// answered under the editor and in the terminal; what it changes is the scene's recorded
// action (a copied link replays it); an immutable field is refused in the API server's words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useSite, LAB_READY, ROOT, playPast, scrubTo, moment } from './harness.mjs';

const site = useSite();
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Opens the YAML panel's editor; resolves once it holds the scene's YAML. */
async function openEditor(page) {
  await page.click('details.yaml > summary');
  await page.click('#yaml-edit');
  await page.waitForSelector('#yaml-editor', { timeout: 15_000 });
  await page.waitForFunction(() => document.querySelector('#yaml-editor').value.includes('kind: Deployment') || document.querySelector('#yaml-editor').value.includes('kind: StatefulSet'));
}

/** Replaces `from` by `to` in the editor, then presses Apply; resolves with the answer shown. */
async function applyEdit(page, from, to, expect) {
  const text = await page.inputValue('#yaml-editor');
  assert.ok(text.includes(from), `${from} in the editor`);
  await page.fill('#yaml-editor', text.replace(from, to));
  await page.click('#yaml-apply');
  await page.waitForFunction((expected) => document.querySelector('#yaml-result').textContent.includes(expected), expect, { timeout: 15_000 });
  return page.textContent('#yaml-result');
}

for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 667 }]) {
  test(`Apply scales the Deployment as the scene's own action, and its link replays it (${viewport.width} px)`, async () => {
    const { page, context, errors } = await site.open('scenario=adder-memory&seed=3', { viewport });
    await playPast(page, 4_000);
    await openEditor(page);
    // The editor is in view, labelled, and the terminal was loaded (and opened) with it.
    assert.ok(await page.isVisible('#yaml-editor'));
    assert.equal(await page.getAttribute('#terminal', 'open'), '');
    const result = await applyEdit(page, 'replicas: 3', 'replicas: 5', 'configured');
    assert.match(result, /^\$ kubectl apply -f adder\.yaml\ndeployment\.apps\/adder configured\nservice\/adder unchanged\n/);
    assert.match(await page.textContent('#terminal-output'), /deployment\.apps\/adder configured/);
    // The page stays where the learner pressed Apply: the answer under the editor is in view and
    // nothing (the pinned stage on a phone) covers it.
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    const seen = await page.evaluate(() => {
      const result = document.querySelector('#yaml-result').getBoundingClientRect();
      const apply = document.querySelector('#yaml-apply').getBoundingClientRect();
      const top = document.elementFromPoint(apply.left + apply.width / 2, apply.top + apply.height / 2);
      return { applyTop: apply.top, resultTop: result.top, height: innerHeight, uncovered: top?.id === 'yaml-apply' };
    });
    assert.ok(seen.applyTop >= 0 && seen.resultTop < seen.height && seen.uncovered, `the editor's answer in view, uncovered: ${JSON.stringify(seen)}`);
    assert.match(page.url(), /actions=\d+\.n\.5/, 'the apply is the scale action, in the link');
    // The scene's YAML above the editor follows the scene.
    await page.waitForFunction(() => document.querySelector('#yaml').textContent.includes('replicas: 5'), null, { timeout: 15_000 });
    await playPast(page, 12_000);
    await page.waitForFunction(() => document.querySelectorAll('#scene .pod').length === 5);
    await scrubTo(page, 12_000);
    await page.waitForTimeout(100);
    const applied = await moment(page);
    const copy = await context.newPage();
    await copy.goto(page.url());
    await copy.waitForSelector(LAB_READY, { state: 'attached' });
    await playPast(copy, 12_000);
    await scrubTo(copy, 12_000);
    await copy.waitForTimeout(100);
    assert.deepEqual(await moment(copy), applied, 'the copied link replays the same request log');
    // axe is content with the editor open.
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const result = await window.axe.run('details.yaml', { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    assert.deepEqual(violations, []);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test("setting clusterIP: None on the existing Service is refused in the API server's words", async () => {
  const { page, context, errors } = await site.open('scenario=adder-memory&seed=3', { viewport: { width: 1280, height: 800 } });
  await openEditor(page);
  const before = page.url();
  const result = await applyEdit(page, '  type: ClusterIP\n', '  type: ClusterIP\n  clusterIP: None\n', 'is invalid');
  assert.match(result, /The Service "adder" is invalid: spec\.clusterIP: Invalid value: "None": field is immutable\n# A Service's clusterIP is set when it is created and never changes/);
  assert.equal(page.url(), before, 'nothing was recorded');
  // A typo is a strict decoding error with its place; the scene keeps running as it was.
  const typo = await applyEdit(page, 'replicas: 3', 'replica: 3', 'strict decoding error');
  assert.match(typo, /unknown field "spec\.replica"\n# at line \d+, column 3 of adder\.yaml/);
  // kubectl apply in the terminal reads the same file.
  await page.fill('#terminal-input', 'kubectl apply -f adder.yaml --dry-run=server');
  await page.press('#terminal-input', 'Enter');
  await page.waitForFunction(() => document.querySelector('#terminal-output').textContent.includes('--dry-run=server\n'));
  // get -o yaml prints the object as kubectl does; kubectl edit takes the learner to the editor.
  await page.fill('#terminal-input', 'kubectl get deployment adder -o yaml');
  await page.press('#terminal-input', 'Enter');
  await page.waitForFunction(() => document.querySelector('#terminal-output').textContent.includes('kind: Deployment\nmetadata:\n  labels:\n    app: adder\n  name: adder\n  namespace: default\n'));
  await page.fill('#terminal-input', 'kubectl edit deployment adder');
  await page.press('#terminal-input', 'Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'yaml-editor', null, { timeout: 15_000 });
  assert.deepEqual(errors, []);
  await context.close();
});

// What the API server keeps immutable changes the way it does on a cluster: delete the object,
// apply it again. The scene draws the deleted Service, then the headless one made anew.
for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 667 }]) {
  test(`deleting the Service and applying the file again makes it headless (${viewport.width} px)`, async () => {
    const { page, context, errors } = await site.open('scenario=adder-memory&seed=3', { viewport });
    await playPast(page, 3_000);
    await openEditor(page);
    await applyEdit(page, '  type: ClusterIP\n', '  type: ClusterIP\n  clusterIP: None\n', 'is invalid');
    const serviceText = () => page.evaluate(() => [...document.querySelectorAll('#scene .service')].map((box) => box.textContent).join(' | '));
    await page.fill('#terminal-input', 'kubectl delete service adder');
    await page.press('#terminal-input', 'Enter');
    await page.waitForFunction(() => document.querySelector('#terminal-output').textContent.includes('service "adder" deleted from default namespace'));
    assert.match(page.url(), /actions=[^&]*\d+\.q\.s/, 'the delete is a recorded action');
    await page.waitForFunction(() => document.querySelector('#scene').textContent.includes('DNS: no such name'));
    assert.match(await serviceText(), /Service adder.*deleted.*DNS: no such name.*apply to create again/);
    // The editor still holds the file with clusterIP: None: applied now, it creates the Service.
    await page.click('#yaml-apply');
    await page.waitForFunction(() => document.querySelector('#yaml-result').textContent.includes('service/adder created'), null, { timeout: 15_000 });
    assert.match(await page.textContent('#yaml-result'), /deployment\.apps\/adder unchanged\nservice\/adder created\n/);
    assert.match(page.url(), /\d+\.j\.s\.1/, 'the create is a recorded action');
    await page.waitForFunction(() => document.querySelector('#scene').textContent.includes('clusterIP: None'));
    await page.fill('#terminal-input', 'kubectl get svc adder');
    await page.press('#terminal-input', 'Enter');
    await page.waitForFunction(() => /adder\s+ClusterIP\s+None\s/.test(document.querySelector('#terminal-output').textContent));
    // The link replays both actions: a new tab shows the headless Service at the end of the run.
    const replay = await context.newPage();
    await replay.goto(page.url());
    await replay.waitForSelector(LAB_READY);
    await playPast(replay, 8_000);
    await replay.waitForFunction(() => document.querySelector('#scene').textContent.includes('clusterIP: None'));
    assert.deepEqual(errors, []);
    await context.close();
  });
}

// The blog's manifests (the story's second text), pasted as they are (the native tests apply
// the same file).
const BLOG = readFileSync(path.join(ROOT, 'yaml/tests/fixtures/blog.yaml'), 'utf8');

for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 667 }]) {
  test(`the blog's manifests, pasted as they are, run behind a Service that load-balances (${viewport.width} px)`, async () => {
    const { page, context, errors } = await site.open('scenario=statefulset-headless&seed=3', { viewport });
    await openEditor(page);
    await page.fill('#yaml-editor', BLOG);
    await page.click('#yaml-apply');
    await page.waitForFunction(() => document.querySelector('#yaml-result').textContent.includes('A new app'), null, { timeout: 15_000 });
    const result = await page.textContent('#yaml-result');
    assert.match(result, /statefulset\.apps\/my-statefulset created\nservice\/my-headless-service created\n/);
    assert.match(result, /service\/my-headless-service has no clusterIP: None, so it is a ClusterIP Service: kube-proxy load-balances/, 'the lab names the missing field');
    assert.match(page.url(), /design=s~my-statefulset~my-app~my-headless-service~my-service~my-image~3~a~m~~rwx~l~r0/);
    // The new run: the StatefulSet's pods, and one client's answers from several of them.
    await page.waitForFunction(() => [...document.querySelectorAll('#scene .pod')].map((pod) => pod.getAttribute('data-pod')).join() === 'my-statefulset-0,my-statefulset-1,my-statefulset-2', null, { timeout: 30_000 });
    await playPast(page, 25_000);
    const alicesPods = await page.$$eval('#request-log tbody tr', (rows) => [...new Set(rows.filter((row) => row.textContent.includes('Alice')).map((row) => row.textContent.match(/my-statefulset-\d/)?.[0]).filter(Boolean))]);
    assert.ok(alicesPods.length > 1, `Alice's requests reach several pods: ${alicesPods}`);
    await page.fill('#terminal-input', 'kubectl get svc my-headless-service');
    await page.press('#terminal-input', 'Enter');
    await page.waitForFunction(() => /my-headless-service\s+ClusterIP\s+10\.96\./.test(document.querySelector('#terminal-output').textContent), null, { timeout: 15_000 });
    // The page's link replays the design.
    const copy = await context.newPage();
    await copy.goto(page.url());
    await copy.waitForSelector(LAB_READY, { state: 'attached' });
    await copy.waitForFunction(() => document.querySelectorAll('#scene .pod').length === 3, null, { timeout: 30_000 });
    assert.match(await copy.textContent('#scene'), /my-statefulset-0/);
    assert.deepEqual(errors, []);
    await context.close();
  });
}
