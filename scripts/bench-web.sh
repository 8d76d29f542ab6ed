#!/usr/bin/env bash
# Builds the release bundle and measures it in headless Chromium:
# (a) transfer size, gzipped, of wasm + js + css + html (budget 200 000 B);
# (b) script time per animation frame at 16 pods, 200 requests/s, 4x speed (budget: p95 <= 4 ms,
#     the median of three runs);
# (c) script time to seek the timeline of a 10-minute run at 16 pods, 200 requests/s (budget:
#     p95 <= 16 ms, the median of three runs);
# (d) the compare page's script time per frame, three lanes of 5 pods, 200 requests/s, 4x
#     (budget: p95 <= 6 ms, the median of three runs);
# (e) the terminal: Enter to its answer on screen, with the scene of (b) running at 4x
#     (budget: p95 <= 50 ms, the median of three runs);
# (f) Lighthouse, mobile preset, on the root page, a lesson link and an embed link served as the
#     common static hosts serve them: HTTPS with HTTP/2, gzip, long caching (goals: performance
#     >= 95, LCP <= 2 s, TBT <= 150 ms, CLS 0; the median of three runs each), and the embed link
#     with brotli for information; a few minutes, so not part of `make test`.
# Exits 1 when any is over its budget.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
scripts/bootstrap.sh test
scripts/build.sh --no-bootstrap >/dev/null
scripts/bundle-size.sh dist
gz_total=0
# What the page loads first: not the offline worker (sw.js), fetched two seconds after load.
for file in dist/*.wasm dist/adder-lab-*.js dist/*.css dist/index.html; do
  gz_total=$((gz_total + $(gzip -9 -c "$file" | wc -c)))
done
budget=200000
echo "transfer size, gzipped, wasm+js+css+html: $gz_total B (budget $budget B)"
status=0
if [ "$gz_total" -gt "$budget" ]; then
  say "OVER BUDGET: the first load is $((gz_total - budget)) B over $budget B"
  status=1
fi
browser="$(find_browser)" || die "bench-web needs Chromium"
# The Lighthouse server's self-signed certificate (HTTP/2 in browsers needs TLS).
have openssl || die "bench-web needs openssl (Debian: apt-get install openssl)"
CHROME="$browser" ADDER_LAB_DIST="$ROOT/dist" node e2e/bench/frame-time.mjs || status=1
CHROME="$browser" ADDER_LAB_DIST="$ROOT/dist" node e2e/bench/seek-time.mjs || status=1
CHROME="$browser" ADDER_LAB_DIST="$ROOT/dist" node e2e/bench/compare-frame-time.mjs || status=1
CHROME="$browser" ADDER_LAB_DIST="$ROOT/dist" node e2e/bench/terminal-time.mjs || status=1
CHROME="$browser" ADDER_LAB_DIST="$ROOT/dist" node e2e/bench/apply-time.mjs || status=1
# Lighthouse is only for this benchmark: installed here (pinned), not by the bootstrap.
if [ ! -f "$TOOLS/lighthouse-$LIGHTHOUSE_VERSION/node_modules/lighthouse/package.json" ]; then
  say "installing lighthouse $LIGHTHOUSE_VERSION from npm"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS/lighthouse-$LIGHTHOUSE_VERSION" "lighthouse@$LIGHTHOUSE_VERSION" >/dev/null
fi
CHROME="$browser" ADDER_LAB_DIST="$ROOT/dist" LIGHTHOUSE_HOME="$TOOLS/lighthouse-$LIGHTHOUSE_VERSION" \
  node e2e/bench/lighthouse.mjs || status=1
exit "$status"
