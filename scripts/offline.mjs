// The release build's offline support, written after the pages are minified (scripts/build.sh):
//   - dist/sw.js, the service worker (offline/service-worker.js) with every file of the release
//     and a version made of their content hashes, so a new release is a new worker and a new
//     cache, and the same release is byte for byte the same worker;
//   - dist/manifest.webmanifest, so the lab can be installed, linked from both pages;
//   - `data-offline` on both pages' <html>, which tells host.js to register the worker (the
//     development server, `make serve`, has none, and host.js removes one it finds there).
//
//   node scripts/offline.mjs <dist>
import { readFile, writeFile, readdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';

const [dist] = process.argv.slice(2);
if (!dist) throw new Error('usage: offline.mjs <dist>');
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');

/** Every file under `folder`, as paths relative to it with `/`, sorted. */
async function files(folder, prefix = '') {
  const found = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue; // Trunk's staging folder, while it builds
    const relative = prefix + entry.name;
    if (entry.isDirectory()) found.push(...(await files(path.join(folder, entry.name), relative + '/')));
    else found.push(relative);
  }
  return found.sort();
}

const pages = ['index.html', 'compare/index.html'];
const favicon = (await readdir(dist)).find((name) => /^favicon-[0-9a-f]+\.svg$/.test(name));
if (!favicon) throw new Error(`no favicon in ${dist}`);

// The manifest: the lab opens at its first screen, within its own folder.
const manifest = {
  name: 'Adder Lab',
  short_name: 'Adder Lab',
  description: 'Stateless and stateful programs on a simulated Kubernetes cluster, in the browser.',
  start_url: './',
  scope: './',
  display: 'standalone',
  background_color: '#ffffff',
  theme_color: '#1d4ed8',
  icons: [{ src: favicon, sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
};
await writeFile(path.join(dist, 'manifest.webmanifest'), JSON.stringify(manifest, null, 2) + '\n');

// Both pages: marked for host.js, and linked to the manifest (the compare page from its folder).
for (const page of pages) {
  const file = path.join(dist, page);
  const html = await readFile(file, 'utf8');
  const up = page.includes('/') ? '../' : '';
  if (!/<html[^>]*\sdata-offline/.test(html)) {
    const marked = html
      .replace(/<html(?=[\s>])/, '<html data-offline')
      .replace(/<\/head>/, `<link rel="manifest" href="${up}manifest.webmanifest"></head>`);
    if (marked === html) throw new Error(`${page}: no <html> or </head> to mark`);
    await writeFile(file, marked);
  }
}

// The worker: every file but itself; a page by its folder, as it is navigated to.
const listed = (await files(dist)).filter((name) => name !== 'sw.js');
const hashes = [];
for (const name of listed) {
  const hash = createHash('sha256').update(await readFile(path.join(dist, name))).digest('hex');
  hashes.push(`${name} ${hash}`);
}
const version = createHash('sha256').update(hashes.join('\n')).digest('hex').slice(0, 16);
const urls = listed.map((name) => (name === 'index.html' ? './' : name.replace(/(^|\/)index\.html$/, '$1')));
const template = await readFile(path.join(ROOT, 'offline', 'service-worker.js'), 'utf8');
// The template's comments stay in the repository: the worker ships without them.
const worker = template
  .split('\n')
  .filter((line) => !line.trimStart().startsWith('//'))
  .join('\n')
  .replace('/*FILES*/', urls.map((url) => JSON.stringify(url)).join(', '))
  .replace('/*VERSION*/', version);
await writeFile(path.join(dist, 'sw.js'), worker);
console.log(`offline: sw.js lists ${urls.length} files, release ${version}`);
