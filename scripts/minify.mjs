// Minifies a release build's page in place: the JS glue (terser), the CSS (lightningcss), the
// inline scripts (terser) and the HTML (html-minifier-terser), updating the integrity hashes
// index.html holds for the files it loads. Trunk's own minification is off (Trunk.toml): its JS
// minifier cannot parse wasm-bindgen's glue (`export default …`) and warned "Failed to minify JS"
// on every release build, leaving the glue whole.
//
//   node scripts/minify.mjs <page folder, e.g. dist> <folder where the minifiers are installed>
import { readFile, writeFile, readdir } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [dist, toolsHome] = process.argv.slice(2);
if (!dist || !toolsHome) throw new Error('usage: minify.mjs <page folder> <minifiers folder>');
const require = createRequire(path.join(path.resolve(toolsHome), 'package.json'));
const load = async (name) => import(pathToFileURL(require.resolve(name)).href);
const { minify: terser } = await load('terser');
const { transform: lightningcss } = await load('lightningcss');
const { minify: minifyHtml } = await load('html-minifier-terser');

const integrity = (bytes) => 'sha384-' + createHash('sha384').update(bytes).digest('base64');
const indexFile = path.join(dist, 'index.html');
let index = await readFile(indexFile, 'utf8');

/** Rewrites a file the page loads and swaps its integrity hash in index.html for the new one. */
async function rewrite(name, minify) {
  const file = path.join(dist, name);
  const original = await readFile(file);
  const minified = Buffer.from(await minify(original));
  await writeFile(file, minified);
  const before = integrity(original);
  if (!index.includes(before)) throw new Error(`index.html has no integrity ${before} for ${name}`);
  index = index.replaceAll(before, integrity(minified));
}

for (const name of await readdir(dist)) {
  if (name.endsWith('.js')) {
    await rewrite(name, async (bytes) => {
      const result = await terser(bytes.toString('utf8'), { module: true, compress: true, mangle: true });
      if (!result.code) throw new Error(`terser produced nothing for ${name}`);
      return result.code;
    });
  } else if (name.endsWith('.css')) {
    await rewrite(name, async (bytes) => lightningcss({ filename: name, code: bytes, minify: true }).code);
  }
}

// Chromium ignores `integrity` on a preload whose destination has no subresource integrity (the
// wasm's `as=fetch` preload; crbug.com/981419) and warns on every load: drop it there. (The
// wasm's bytes are still what the page's glue asks for; the JS and CSS keep theirs.)
index = index.replace(/<link\b[^>]*\brel="?preload"?[^>]*>/g, (tag) => tag.replace(/\s+integrity="?[^"\s>]+"?/, ''));

// Inline scripts: the host script (classic) and Trunk's loader (a module).
const scripts = [...index.matchAll(/<script( type="?module"?)?>([\s\S]*?)<\/script>/g)];
for (const [whole, module, code] of scripts) {
  const result = await terser(code, { module: Boolean(module), compress: true, mangle: true });
  index = index.replace(whole, whole.replace(code, result.code));
}
// The body holds the pre-rendered first screen, which must render exactly as the live one:
// whitespace is collapsed to one space, never removed ("Total: 0"), and attributes the CSS
// selects on stay even where they are the default (`input[type="text"]`).
index = await minifyHtml(index, {
  collapseWhitespace: true,
  conservativeCollapse: true,
  removeComments: true,
  removeAttributeQuotes: true,
  useShortDoctype: true,
  collapseBooleanAttributes: true,
});
await writeFile(indexFile, index);
