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
  // The CSS has an integrity hash in index.html; the glue has none (the loader imports it).
  index = index.replaceAll(integrity(original), integrity(minified));
}

/**
 * Leptos depends on server_fn, which depends on wasm-streams, whose `#[wasm_bindgen]` classes
 * (IntoUnderlyingSource, …) wasm-bindgen exports from every Leptos app. The page never makes
 * one: index.html's wasm-opt parameters remove their wasm exports (and so their code), and
 * here their JS classes and registries go, unexported, so terser drops them as unused.
 */
function withoutStreamClasses(code) {
  return code
    .replace(/^export class (IntoUnderlying\w+)/gm, 'class $1')
    .replace(/^if \(Symbol\.dispose\) IntoUnderlying\w+\.prototype\[Symbol\.dispose\] = [^;]+;$/gm, '')
    .replace(/^const IntoUnderlying\w+Finalization = [^;]+;$/gm, '');
}

for (const name of await readdir(dist)) {
  if (name.endsWith('.js')) {
    await rewrite(name, async (bytes) => {
      const glue = withoutStreamClasses(bytes.toString('utf8'));
      const result = await terser(glue, { module: true, compress: true, mangle: true });
      if (!result.code) throw new Error(`terser produced nothing for ${name}`);
      return result.code;
    });
  } else if (name.endsWith('.css')) {
    await rewrite(name, async (bytes) => lightningcss({ filename: name, code: bytes, minify: true }).code);
  }
}

// The web component for pages that embed the app (embed/, copied by Trunk; a classic script).
for (const name of await readdir(path.join(dist, 'embed')).catch(() => [])) {
  if (!name.endsWith('.js')) continue;
  const file = path.join(dist, 'embed', name);
  const result = await terser(await readFile(file, 'utf8'), { compress: true, mangle: true });
  await writeFile(file, result.code);
}

// Inline scripts: the host script (classic) and Trunk's loader (a module).
const scripts = [...index.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
for (const [whole, attributes, code] of scripts) {
  const module = /\btype="?module\b/.test(attributes);
  const result = await terser(code, { module, compress: true, mangle: true });
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
// Every hash left in the page must be a file's as it is now (a stale one blocks the file).
const files = await readdir(dist);
const hashes = new Set(await Promise.all(files.filter((name) => /\.(js|css|svg|wasm)$/.test(name)).map(async (name) => integrity(await readFile(path.join(dist, name))))));
for (const [, hash] of index.matchAll(/integrity="?(sha384-[^"\s>]+)/g)) {
  if (!hashes.has(hash)) throw new Error(`index.html holds integrity ${hash}, which matches no file in ${dist}`);
}
await writeFile(indexFile, index);
