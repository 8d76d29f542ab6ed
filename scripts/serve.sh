#!/usr/bin/env bash
# Sets up what is missing, then serves the app with live rebuilds (trunk serve).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
scripts/bootstrap.sh build
address="${ADDRESS:-127.0.0.1}"
port="${PORT:-8080}"
say "Adder Lab will be served at http://$address:$port/ once the first build finishes (Ctrl-C stops it)"
# `trunk --offline` keeps Trunk from downloading tools, and it also passes --offline to cargo:
# fetch the crates first (with the Debian route that includes std's own, e.g. dlmalloc).
with_wasm cargo fetch --locked --target wasm32-unknown-unknown >/dev/null
with_wasm trunk serve --offline --address "$address" --port "$port"
