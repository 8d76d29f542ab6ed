#!/usr/bin/env bash
# Builds the release bundle and measures it in headless Chromium:
# (a) transfer size, gzipped, of wasm + js + css + html (target <= 200 KB);
# (b) script time per animation frame at 16 pods, 200 requests/s, 4x speed (target p95 <= 4 ms).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
scripts/bootstrap.sh test
scripts/build.sh --no-bootstrap >/dev/null
scripts/bundle-size.sh dist
gz_total=0
for file in dist/*.wasm dist/*.js dist/*.css dist/index.html; do
  gz_total=$((gz_total + $(gzip -9 -c "$file" | wc -c)))
done
echo "transfer size, gzipped, wasm+js+css+html: $gz_total B ($((gz_total / 1000)) kB; target <= 200 kB)"
browser="$(find_browser)" || die "bench-web needs Chromium"
CHROME="$browser" ADDER_LAB_DIST="$ROOT/dist" node e2e/bench/frame-time.mjs
