#!/usr/bin/env bash
# Sets up what is missing, then serves the app with live rebuilds (trunk serve).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
scripts/bootstrap.sh build
address="${ADDRESS:-127.0.0.1}"
port="${PORT:-8080}"
say "Adder Lab will be served at http://$address:$port/ once the first build finishes (Ctrl-C stops it)"
with_wasm trunk serve --offline --address "$address" --port "$port"
