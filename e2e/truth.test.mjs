// What the learner sees must be true to Kubernetes: how each kind of Service is drawn, the
// stateless converter's scene, a volume's access mode, and links that cannot replay fully.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useSite, screenshot, text, sceneYaml } from './harness.mjs';

const site = useSite();
const open = site.open;

/** The box of a Service in the scene, in SVG units, and whether it is drawn as headless. */
const serviceBox = (page, name) =>
  page.$eval(`#scene [data-service="${name}"]`, (g) => {
    const rect = g.querySelector('rect');
    const box = ['x', 'y', 'width', 'height'].map((a) => Number(rect.getAttribute(a)));
    return { x: box[0], y: box[1], w: box[2], h: box[3], headless: g.classList.contains('service-headless'), text: g.textContent };
  });

/** Every request marker now: its label and where it is (markers draw their label at +10, -8). */
const markers = (page) =>
  page.$$eval('#scene .marker', (gs) =>
    gs.map((g) => {
      const label = g.querySelector('text');
      return { label: label.textContent, x: Number(label.getAttribute('x')) - 10, y: Number(label.getAttribute('y')) + 8 };
    }));

const inside = (m, box) => m.x >= box.x && m.x <= box.x + box.w && m.y >= box.y && m.y <= box.y + box.h;

for (const width of [1280, 375]) {
  test(`a headless Service is a DNS name that requests never pass through (${width} px)`, async () => {
    const { page, context, errors } = await open('scenario=statefulset-headless&seed=4', { viewport: { width, height: 900 } });
    const dns = await serviceBox(page, 'adder');
    assert.equal(dns.headless, true);
    assert.match(dns.text, /Service adder.*clusterIP: None.*a DNS name, no proxy/);
    const clientsBox = await page.$$eval('#scene .client path', (paths) => ({
      top: Math.min(...paths.map((p) => p.getBBox().y)),
      right: Math.max(...paths.map((p) => p.getBBox().x + p.getBBox().width)),
    }));
    assert.ok(dns.y + dns.h < clientsBox.top || (width < 800 && dns.x > clientsBox.right),
      'the DNS box stands above the clients (beside them on a phone), off their lines to the pods');
    // A lookup travels between a client and the DNS box: inside the area they span, never
    // towards the nodes (the wide layout has the clients below-left of it, the narrow one beside it).
    const clients = await page.$$eval('#scene .client path', (paths) =>
      paths.map((p) => { const b = p.getBBox(); return { x: b.x + b.width / 2, y: b.y + b.height / 2 }; }));
    const span = {
      x: Math.min(dns.x, ...clients.map((c) => c.x)) - 12,
      y: dns.y - 12,
      w: Math.max(dns.x + dns.w, ...clients.map((c) => c.x)) - Math.min(dns.x, ...clients.map((c) => c.x)) + 24,
      h: Math.max(dns.y + dns.h, ...clients.map((c) => c.y)) - dns.y + 24,
    };
    let lookups = 0;
    let direct = 0;
    for (let frame = 0; frame < 40; frame++) {
      for (const marker of await markers(page)) {
        // The lookup, and an answer of "no record" coming back from DNS, stay on the client's side.
        if (marker.label === 'DNS?' || marker.label === 'no DNS record') {
          lookups += 1;
          assert.ok(inside(marker, span), `a lookup goes no further than DNS: ${JSON.stringify(marker)} in ${JSON.stringify(span)}`);
        } else {
          direct += 1;
          assert.ok(!inside(marker, dns), `a request inside the headless Service: ${JSON.stringify(marker)}`);
        }
      }
      await page.waitForTimeout(100);
    }
    assert.ok(lookups > 0 && direct > 0, `saw ${lookups} lookups and ${direct} requests`);
    await page.locator('#scene').scrollIntoViewIfNeeded();
    await screenshot(page, `truth-headless-${width}`, '.scene-frame');
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('a ClusterIP Service is drawn as the proxy; three tiers draw db\u2019s headless Service too', async () => {
  const { page, context } = await open('scenario=three-tier&seed=4');
  await page.waitForFunction(() => document.querySelector('#scene [data-service="db"]')?.textContent.includes('db-0.db'), null, { timeout: 20_000 });
  const adder = await serviceBox(page, 'adder');
  const db = await serviceBox(page, 'db');
  assert.equal(adder.headless, false);
  assert.match(adder.text, /ClusterIP 10\.96\.8\.21/);
  assert.equal(db.headless, true);
  assert.match(db.text, /clusterIP: None.*db-0\.db → 1 IP/);
  assert.match(await text(page, '#scene .volume'), /adds in dbtransactions/); // two lines
  await screenshot(page, 'truth-three-tier', '.scene-frame');
  await context.close();
});

test('the converter scene runs only the converter: right by hand, with traffic and every fault', async () => {
  const { page, context, errors } = await open('scenario=converter-deployment&seed=2');
  assert.equal(await page.isVisible('#send-add'), false, 'there is no adder to add to');
  await page.selectOption('#speed', '6'); // 16x
  await page.fill('#send-number', '7');
  await page.click('#send-convert');
  await page.waitForFunction(() => document.querySelector('#request-log').textContent.includes('convert 7 m'), null, { timeout: 20_000 });
  const faults = [
    async () => page.click('#delete-pod'),
    async () => page.click('#restart-container'),
    async () => { await page.selectOption('#fault-node', 'node-2'); await page.click('#fail-node'); },
    async () => page.click('#recover-node'),
    async () => { await page.fill('#replicas', '5'); await page.click('#scale'); },
    async () => page.click('#roll-out'),
    async () => page.selectOption('#proxy-mode', 'rr'),
    async () => page.check('#affinity'),
  ];
  for (const fault of faults) {
    await fault();
    await page.waitForTimeout(700);
    assert.equal(await text(page, '#notice'), '', 'every fault applies');
  }
  await page.waitForTimeout(1_500);
  assert.match(await text(page, '#verdict'), /No anomalies so far/);
  assert.match(await text(page, '#totals'), /The converter keeps no total/);
  const rows = await page.$$eval('#request-log tbody tr', (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.ok(rows.length >= 20, `${rows.length} answers`);
  for (const [, , asked, pod, answer] of rows) {
    const metres = Number(asked.match(/^convert (\d+) m$/)[1]);
    assert.ok(answer === String(metres * 100) || answer.startsWith('failed'), `${asked} → ${answer}`);
    assert.ok(pod === '—' || pod.startsWith('converter-'), pod);
  }
  const pods = await page.$$eval('#scene .pod', (gs) => gs.map((g) => g.getAttribute('data-pod')));
  assert.ok(pods.every((name) => name.startsWith('converter-')), pods.join());
  assert.doesNotMatch(await text(page, '#scene'), /total \d/);
  assert.match(await sceneYaml(page), /kind: Deployment\nmetadata:\n  name: converter\n/);
  await screenshot(page, 'truth-converter', '.playground');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a ReadWriteOnce claim: pods on other nodes stay ContainerCreating with a Multi-Attach event', async () => {
  const { page, context } = await open('scenario=shared-volume-rwo&seed=6');
  await page.selectOption('#speed', '6');
  await page.waitForFunction(() => document.querySelectorAll('#scene .pod-ready').length === 1, null, { timeout: 20_000 });
  await page.waitForTimeout(500);
  const statuses = await page.$$eval('#scene .pod', (gs) => gs.map((g) => g.textContent));
  assert.equal(statuses.filter((s) => s.includes('ContainerCreating')).length, 2, statuses.join(' | '));
  assert.match(await text(page, '#events'), /stays ContainerCreating: Multi-Attach error for volume pvc-/);
  assert.match(await sceneYaml(page), /accessModes:\n    - ReadWriteOnce/);
  await screenshot(page, 'truth-read-write-once', '.playground');
  await context.close();
});

test('a link cut short inside a pod name says which action it dropped', async () => {
  const { page, context, errors } = await open('scenario=adder-memory&seed=9&actions=3000.d.adder-87d9');
  await page.selectOption('#speed', '6');
  await page.waitForSelector('#link-problems', { timeout: 10_000 });
  assert.match(await text(page, '#link-problems'), /Action 1 of the link \(“3000\.d\.adder-87d9”\) was dropped at 3\.0 s: There is no pod called “adder-87d9”/);
  assert.deepEqual(errors, []);
  await context.close();
});
