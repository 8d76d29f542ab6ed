#!/usr/bin/env bash
# make scorm: the course packages, from a release build (made first when dist/ has none).
#   packages/adder-lab-scorm12.zip, packages/adder-lab-scorm2004.zip (and each unzipped beside it)
#   SCORE=1 make scorm   the packages also report a score (predictions that matched the run)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
[ "${1:-}" = --no-bootstrap ] || scripts/bootstrap.sh build
[ -f dist/sw.js ] || scripts/build.sh --no-bootstrap
launch="$ROOT/target/scorm-launch"
rm -rf "$launch"
# The launch page is a page of its own (scorm.html); the variable keeps Trunk's post_build hook
# from building the compare and terminal pages again.
ADDER_LAB_INNER_BUILD=1 with_release_wasm trunk build scorm.html --release --offline --dist "$launch"
node scripts/scorm.mjs dist "$launch" packages $([ "${SCORE:-}" = 1 ] && echo --score)
