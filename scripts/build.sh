#!/usr/bin/env bash
# The release build: dist/ with wasm-opt -Oz applied, relative URLs (deployable at any sub-path).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
[ "${1:-}" = --no-bootstrap ] || scripts/bootstrap.sh build
# `trunk --offline` keeps Trunk from downloading tools, and it also passes --offline to cargo:
# fetch the crates first (std is built from source here, so that includes std's own, e.g. dlmalloc).
with_release_wasm cargo fetch --locked --target wasm32-unknown-unknown >/dev/null
with_release_wasm trunk build --release --offline
# Trunk's post_build hook (Trunk.toml) built the compare page into dist/compare and the
# terminal's wasm into dist/terminal (its glue and console.js are left as written).
for page in dist dist/compare; do
  node scripts/minify.mjs "$page" "$TOOLS/$MINIFIERS"
done
# The service worker (offline use) and the web app manifest: written last, over the final files.
node scripts/offline.mjs dist
echo "The main page (the first load):"
scripts/bundle-size.sh dist
echo "The compare page (loaded when a comparison is opened):"
scripts/bundle-size.sh dist/compare
echo "The terminal, console and worker (loaded when the playground's terminal is first opened):"
scripts/bundle-size.sh dist/terminal
