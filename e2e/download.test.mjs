// "Download the manifests for a real cluster" (issue 25): the YAML panel's link saves
// adder-lab.yaml, the scene's objects with what adder-lab-server's images need on a real cluster
// (probes, resources, non-root, fsGroup) and a note on storage instead of the lab's
// StorageClass; it follows what the learner applied; nothing is fetched for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useSite, playPast, screenshot } from './harness.mjs';

const site = useSite();

/** Clicks the download link once it is in view and uncovered; resolves with the file's text. */
async function download(page) {
  await page.waitForSelector('#yaml-download', { state: 'visible', timeout: 15_000 });
  await page.locator('#yaml-download').scrollIntoViewIfNeeded();
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  const seen = await page.evaluate(() => {
    const link = document.querySelector('#yaml-download').getBoundingClientRect();
    const top = document.elementFromPoint(link.left + link.width / 2, link.top + link.height / 2);
    return { top: link.top, bottom: link.bottom, height: innerHeight, uncovered: top?.closest('#yaml-download') !== null };
  });
  assert.ok(seen.top >= 0 && seen.bottom <= seen.height && seen.uncovered, `the link in view, uncovered: ${JSON.stringify(seen)}`);
  const [saved] = await Promise.all([page.waitForEvent('download'), page.click('#yaml-download')]);
  assert.equal(saved.suggestedFilename(), 'adder-lab.yaml');
  return readFileSync(await saved.path(), 'utf8');
}

/** `kind/name` of every document. */
const objects = (yaml) => yaml.split('\n---\n').map((doc) => `${doc.match(/^kind: (.*)$/m)?.[1]}/${doc.match(/^  name: (.*)$/m)?.[1]}`);

for (const viewport of [{ width: 1280, height: 800 }, { width: 375, height: 667 }]) {
  for (const theme of ['light', 'dark']) {
    test(`Download the manifests: the scene's objects for a real cluster, following an apply (${viewport.width} px, ${theme})`, async () => {
      const { page, context, errors, foreign } = await site.open(`scenario=shared-volume-lock&seed=3&theme=${theme}`, { viewport });
      await playPast(page, 2_000);
      await page.click('details.yaml > summary');
      await page.waitForFunction(() => document.querySelector('#yaml').textContent.includes('kind: Deployment'), null, { timeout: 15_000 });
      const text = await download(page);
      await screenshot(page, `download-${theme}-${viewport.width}`, 'details.yaml');
      assert.match(text, /^# Adder Lab's scene for a real cluster/);
      for (const line of ['image: adder-lab/adder:1.0', 'path: /healthz', 'fsGroup: 65532', 'runAsNonRoot: true', 'name: FILE_LOCK\n              value: "on"']) {
        assert.ok(text.includes(line), `${line} in the download`);
      }
      assert.match(text, /ReadWriteMany and names storageClassName shared,\n# which your cluster must offer/);
      // The same objects as the panel, but the lab's StorageClass: a real cluster has its own.
      const panel = await page.textContent('#yaml');
      assert.deepEqual(objects(text), objects(panel).filter((object) => !object.startsWith('StorageClass/')));
      assert.ok(objects(panel).some((object) => object.startsWith('StorageClass/')));
      // The lock turned off through the editor: the next download says so.
      await page.click('#yaml-edit');
      await page.waitForSelector('#yaml-editor', { timeout: 15_000 });
      await page.waitForFunction(() => document.querySelector('#yaml-editor').value.includes('kind: Deployment'));
      const edited = (await page.inputValue('#yaml-editor')).replace('value: "on"', 'value: "off"');
      await page.fill('#yaml-editor', edited);
      await page.click('#yaml-apply');
      await page.waitForFunction(() => document.querySelector('#yaml-result').textContent.includes('configured'), null, { timeout: 15_000 });
      await page.waitForFunction(() => document.querySelector('#yaml').textContent.includes('value: "off"'), null, { timeout: 15_000 });
      const after = await download(page);
      assert.ok(after.includes('name: FILE_LOCK\n              value: "off"'), 'the applied lock setting is in the download');
      assert.deepEqual(foreign, []);
      assert.deepEqual(errors, []);
      await context.close();
    });
  }
}
