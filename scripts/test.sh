#!/usr/bin/env bash
# Every test, in order from cheapest to dearest. Sets up what is missing first.
# Every stage runs even if an earlier one failed (except the end-to-end tests, which need
# the release build), and the run ends with one summary line: "stages: N passed, N failed".
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

scripts/bootstrap.sh test || die "bootstrap failed"

passed=0
failed=0
skipped=0
failures=()
declare -A outcome

stage() {
  local name="$1"
  shift
  local started=$SECONDS
  say "=== $name"
  if "$@"; then
    passed=$((passed + 1))
    outcome[$name]=pass
    say "--- $name: passed in $((SECONDS - started)) s"
  else
    failed=$((failed + 1))
    outcome[$name]=fail
    failures+=("$name")
    say "--- $name: FAILED after $((SECONDS - started)) s"
  fi
}

skip() {
  skipped=$((skipped + 1))
  say "--- $1: SKIPPED ($2)"
}

browser="$(find_browser || true)"
driver="$(find_driver || true)"
if [ -z "$browser" ] || [ -z "$driver" ]; then
  # bootstrap.sh has already failed the run under CI=true; this is the laptop case.
  [ "${CI:-}" = true ] && die "CI needs Chromium and ChromeDriver"
  no_browser="no Chromium/ChromeDriver found; set CHROME and CHROMEDRIVER"
fi

# The model crate must not depend on anything web: the compiler enforces what is imported, and
# this keeps anyone from adding such a dependency to model/Cargo.toml.
model_is_plain() {
  local web
  web="$(cargo tree --locked -p adder-lab-model -e normal,build --prefix none \
    | grep -E '^(leptos|web-sys|wasm-bindgen|js-sys|gloo)' || true)"
  [ -z "$web" ] || { echo "adder-lab-model depends on: $web"; return 1; }
}

stage "format" cargo fmt --all -- --check
stage "model crate has no web dependency" model_is_plain
stage "clippy (host)" cargo clippy --locked --workspace --all-targets --all-features -- -D warnings
stage "clippy (wasm32)" with_wasm cargo clippy --locked --target wasm32-unknown-unknown \
  -p adder-lab --lib --bins --test components -- -D warnings
stage "unit and property tests (native)" cargo test --locked -p adder-lab-model -p adder-lab-yaml -p mdbook-adder-lab
# The adder as a real server: three processes behind HAProxy, the driver, the lab's checker.
stage "real servers behind HAProxy (native, loopback)" \
  env ADDER_LAB_REQUIRE_HAPROXY=1 PATH="$PATH:/usr/sbin" cargo test --locked -p adder-lab-server
# index.html inlines prerendered/first-screen.html: it must be what the components render now.
stage "pre-rendered first screen is current (native)" \
  cargo test --locked -p adder-lab --features prerender --test first_screen
if [ -z "${no_browser:-}" ]; then
  stage "component tests (wasm-bindgen-test, headless Chromium)" \
    env CHROMEDRIVER="$driver" bash -c 'source scripts/lib.sh; with_wasm cargo test --locked --target wasm32-unknown-unknown -p adder-lab --test components'
else
  skip "component tests" "$no_browser"
fi
# The release build must also be quiet: a warning from Trunk (it once printed "Failed to minify
# JS" on every build) fails the stage.
quiet_release_build() {
  local log status
  log="$(mktemp)"
  scripts/build.sh --no-bootstrap 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  if grep -E ' WARN ' "$log"; then
    echo "the release build printed warnings (above)"
    status=1
  fi
  rm -f "$log"
  return "$status"
}
stage "release build" quiet_release_build
# The SCORM packages the course tests open in scorm-again (e2e/scorm.test.mjs), from that build.
if [ "${outcome[release build]}" = pass ]; then
  stage "course packages (SCORM 1.2 and 2004)" scripts/scorm.sh --no-bootstrap
fi
if [ -n "${no_browser:-}" ]; then
  skip "end-to-end tests" "$no_browser"
elif [ "${outcome[release build]}" != pass ]; then
  failed=$((failed + 1))
  failures+=("end-to-end tests (no release build to test)")
else
  # The mdBook test builds its sample book with the preprocessor built here; the Docusaurus
  # test its sample site with the Docusaurus the bootstrap installed.
  end_to_end() {
    cargo build --locked -p mdbook-adder-lab || return 1
    env CHROME="$browser" ADDER_LAB_DIST="$ROOT/dist" MDBOOK="$(command -v mdbook)" \
      MDBOOK_ADDER_LAB="$ROOT/target/debug" DOCUSAURUS_HOME="$DOCUSAURUS_HOME" \
      node --test --test-concurrency=1 e2e/
  }
  stage "end-to-end tests (release build under a sub-path, headless Chromium)" end_to_end
fi

echo
if [ "$failed" -gt 0 ]; then
  say "failed: ${failures[*]}"
fi
summary="stages: $passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ]
