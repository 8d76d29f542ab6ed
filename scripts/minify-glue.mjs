// Minifies the release build's JS glue in place and updates its integrity hash in index.html.
// Trunk's own minifier gives up on wasm-bindgen's glue (`export default`) and leaves it whole;
// terser handles it: 35.8 kB -> 16.3 kB raw, 6.3 kB -> 4.8 kB gzipped.
//
//   node scripts/minify-glue.mjs <dist> <folder where terser is installed>
import { readFile, writeFile, readdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [dist, terserHome] = process.argv.slice(2);
if (!dist || !terserHome) throw new Error('usage: minify-glue.mjs <dist> <terser folder>');
const require = createRequire(path.join(path.resolve(terserHome), 'package.json'));
const { minify } = await import(pathToFileURL(require.resolve('terser')).href);

const integrity = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');
const indexFile = path.join(dist, 'index.html');
let index = await readFile(indexFile, 'utf8');
for (const name of (await readdir(dist)).filter((file) => file.endsWith('.js'))) {
  const file = path.join(dist, name);
  const original = await readFile(file);
  const result = await minify(original.toString('utf8'), { module: true, compress: true, mangle: true });
  if (!result.code) throw new Error(`terser produced nothing for ${name}`);
  await writeFile(file, result.code);
  // The old hash is in a tag that loads this file (modulepreload); swap it for the new one.
  const before = integrity(original);
  if (!index.includes(before)) throw new Error(`index.html has no integrity ${before} for ${name}`);
  index = index.replaceAll(before, integrity(Buffer.from(result.code)));
}
await writeFile(indexFile, index);
