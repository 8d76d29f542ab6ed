#!/usr/bin/env bash
# The release build: dist/ with wasm-opt -Oz applied, relative URLs (deployable at any sub-path).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
[ "${1:-}" = --no-bootstrap ] || scripts/bootstrap.sh build
with_wasm trunk build --release --offline
scripts/bundle-size.sh dist
